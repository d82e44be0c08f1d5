/*
 * unit.h - what the unit tests share: cmocka (after the headers it
 * needs), D() for a day written YYYY-MM-DD, and assert_string_freed for
 * the functions that return a malloc'd string.
 */
#ifndef FOLLOWUP_TESTS_UNIT_H
#define FOLLOWUP_TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "followup/date.h"

/* The day s (YYYY-MM-DD), which must parse. */
static inline int D(const char *s)
{
	int d = DATE_NONE;
	assert_int_equal(date_parse_iso(s, &d), 0);
	return d;
}

/* assert_string_freed(GOT, WANT): GOT, a malloc'd string, is WANT; it is
 * freed after. */
#define assert_string_freed(got, want)                                                             \
	do {                                                                                       \
		char *got_ = (got);                                                                \
		assert_string_equal(got_, (want));                                                 \
		free(got_);                                                                        \
	} while (0)

#endif

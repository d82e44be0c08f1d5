/*
 * ical_int.h - private to followup-ical.so (ical.c, ical_feed.c): the
 * holiday feed reader that ical.c puts in the module's table.  Nothing
 * outside the module includes it; the version script keeps the symbol
 * local.
 */
#ifndef FOLLOWUP_ICAL_INT_H
#define FOLLOWUP_ICAL_INT_H

#include "followup/icalmod.h"

/* icalmod.h's holidays_read. */
int ical_holidays_read(const char *path, int from, int to, int **dates, size_t *n,
		       char *errbuf, size_t errlen);

#endif

/*
 * test_text.c - text_width and text_fit: the plain-ASCII short path and the
 * decoding path must agree on every width, cut and pad; and util_read_all,
 * the one reader of a whole file.
 */
#define _XOPEN_SOURCE 700 /* wcwidth */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "followup/text.h"
#include "followup/util.h"

#include <errno.h>

/* text_locale() loads LC_CTYPE from the environment on first need. */
static int utf8_locale(void **state)
{
	(void)state;
	setenv("LC_ALL", "C.UTF-8", 1);
	return 0;
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("Ana O'Brien"), 11);
	assert_int_equal(text_width("caf\xc3\xa9"), 4);       /* é: one column */
	assert_int_equal(text_width("\xe6\x9d\xb1\xe4\xba\xac"), 4); /* 東京: two each */
	assert_int_equal(text_width("a\tb"), 3);              /* tab shown as '?' */
	assert_int_equal(text_width("a\x7f"), 2);
	assert_int_equal(text_width("\xff"), 1);              /* invalid byte */
}

static void test_fit_plain(void **state)
{
	char b[64];
	(void)state;
	assert_string_equal(text_fit(b, sizeof b, "Ana", 6, 1), "Ana   ");
	assert_string_equal(text_fit(b, sizeof b, "Ana", 6, 0), "Ana");
	assert_string_equal(text_fit(b, sizeof b, "Ana", 3, 1), "Ana");
	assert_string_equal(text_fit(b, sizeof b, "", 2, 1), "  ");
	assert_string_equal(text_fit(b, sizeof b, NULL, 2, 1), "  ");
	assert_string_equal(text_fit(b, sizeof b, "Ana", 0, 1), "");
	/* Too wide: cut with an ellipsis in the last column. */
	assert_string_equal(text_fit(b, sizeof b, "Anastasia", 5, 1), "Anas\xe2\x80\xa6");
	assert_int_equal(text_width(text_fit(b, sizeof b, "Anastasia", 5, 0)), 5);
	/* A destination too small for the fit is cut, never overrun, and
	 * always terminated. */
	assert_string_equal(text_fit(b, 4, "Ana", 6, 1), "\xe2\x80\xa6");
	assert_string_equal(text_fit(b, 5, "Ana", 6, 1), "A\xe2\x80\xa6");
	assert_string_equal(text_fit(b, 7, "Ana", 6, 1), "Ana   ");
	assert_string_equal(text_fit(b, 1, "Ana", 6, 1), "");
}

static void test_fit_decoded(void **state)
{
	char b[64];
	(void)state;
	assert_string_equal(text_fit(b, sizeof b, "caf\xc3\xa9", 6, 1), "caf\xc3\xa9  ");
	assert_string_equal(text_fit(b, sizeof b, "\xe6\x9d\xb1\xe4\xba\xac", 3, 1),
			    "\xe6\x9d\xb1\xe2\x80\xa6");
	/* Controls are replaced, never copied. */
	assert_string_equal(text_fit(b, sizeof b, "a\x1b[31mb", 8, 0), "a?[31mb");
	assert_string_equal(text_fit(b, sizeof b, "a\nb", 4, 1), "a?b ");
}

/* The short path for U+00A0..U+02FF (in a UTF-8 locale) agrees with
 * wcwidth() in the locale itself, and leaves wider characters to it. */
static void test_latin_without_the_locale(void **state)
{
	char b[8];
	unsigned cp;
	(void)state;
	for (cp = 0xA0; cp < 0x300; cp++) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		b[2] = '\0';
		assert_int_equal(text_width(b), 1);
	}
	text_locale();
	for (cp = 0xA0; cp < 0x300; cp++)
		assert_int_equal(wcwidth((wchar_t)cp), 1);
	assert_int_equal(text_width("\xcc\x81"), 0);            /* U+0301 combining: 0 */
	assert_int_equal(text_width("Zo\xc3\xab \xe6\x9d\xb1"), 6); /* Zoë 東 */
}

/* A stream of n bytes of 'x' then "end". */
static FILE *stream_of(size_t n)
{
	FILE *f = tmpfile();
	size_t i;

	assert_non_null(f);
	for (i = 0; i < n; i++)
		fputc('x', f);
	fputs("end", f);
	rewind(f);
	return f;
}

static void test_read_all(void **state)
{
	char *text = (char *)"unchanged";
	size_t len = 1;
	FILE *f;

	(void)state;
	/* Empty, then across several growths of the buffer. */
	f = tmpfile();
	assert_int_equal(util_read_all(f, 0, &text, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(text, "");
	free(text);
	fclose(f);
	f = stream_of(100000);
	assert_int_equal(util_read_all(f, 0, &text, &len), 0);
	assert_int_equal(len, 100003);
	assert_int_equal(strlen(text), 100003);
	assert_string_equal(text + 100000, "end");
	free(text);
	fclose(f);
	/* Exactly max bytes pass; one more is EFBIG, with nothing kept. */
	f = stream_of(97);
	assert_int_equal(util_read_all(f, 100, &text, NULL), 0);
	free(text);
	rewind(f);
	assert_int_equal(util_read_all(f, 99, &text, &len), -1);
	assert_int_equal(errno, EFBIG);
	assert_null(text);
	fclose(f);
	/* A read error: the stream's errno, nothing kept. */
	f = fopen("/", "r");
	assert_non_null(f);
	assert_int_equal(util_read_all(f, 0, &text, NULL), -1);
	assert_int_equal(errno, EISDIR);
	assert_null(text);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_plain),
		cmocka_unit_test(test_fit_decoded),
		cmocka_unit_test(test_latin_without_the_locale),
		cmocka_unit_test(test_read_all),
	};
	return cmocka_run_group_tests(tests, utf8_locale, NULL);
}

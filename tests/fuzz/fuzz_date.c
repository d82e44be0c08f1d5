/*
 * fuzz_date.c - libFuzzer target for date_parse(), the user DATE syntax,
 * date_parse_when() / time_parse_loose(), the next-date prompt's, and
 * date_parse_crm(), a CSV import's.
 *
 * Input: byte 0 picks the sense (bit 7) and where "today" lies (bits 0-1:
 * near 1900-01-01, near 9999-12-31, or anywhere in between, from bytes
 * 1-3); the rest is the string parsed.  "today" always lies within the
 * years the program accepts (clock_today() takes --today through the same
 * parser).  Invariants: on success the date lies within DATE_MIN_YEAR ..
 * DATE_MAX_YEAR and survives date_format -> date_parse_iso unchanged (and
 * date_parse of that text gives it back); on failure there is an error
 * message free of control characters; never a crash or sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int lo, hi;
	struct fuzz_in in = {data, size};
	unsigned mode, r;
	enum date_sense sense;
	int today, out = DATE_NONE, back = DATE_NONE, again = DATE_NONE, y, m, d, t;
	char *s, buf[11];

	if (!lo) {
		lo = date_from_ymd(DATE_MIN_YEAR, 1, 1);
		hi = date_from_ymd(DATE_MAX_YEAR, 12, 31);
	}
	mode = fuzz_u8(&in);
	r = fuzz_u8(&in) << 16;
	r |= fuzz_u16(&in);
	sense = mode & 0x80 ? DATE_PAST : DATE_FUTURE;
	switch (mode & 3) {
	case 0: today = lo + (int)(r % 1000); break;
	case 1: today = hi - (int)(r % 1000); break;
	default: today = lo + (int)(r % (unsigned)(hi - lo + 1)); break;
	}

	s = malloc(in.n + 1);
	if (!s)
		abort();
	memcpy(s, in.p, in.n);
	s[in.n] = '\0';

	err_clear();
	if (date_parse(s, today, sense, &out) == 0) {
		FUZZ_CHECK(out != DATE_NONE);
		date_to_ymd(out, &y, &m, &d);
		if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
			fprintf(stderr, "fuzz_date: today %s: %s parsed to day %d (year %d)\n",
				date_format(today, buf), s, out, y);
		FUZZ_CHECK(y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR);
		FUZZ_CHECK(out >= lo && out <= hi);
		date_format(out, buf);
		FUZZ_CHECK(date_parse_iso(buf, &back) == 0);
		FUZZ_CHECK(back == out);
		FUZZ_CHECK(date_parse(buf, today, sense, &again) == 0);
		FUZZ_CHECK(again == out);
	} else {
		fuzz_check_message(err_message());
		FUZZ_CHECK(err_kind() == ERR_USAGE);
	}
	/* As a CSV import reads a CRM's date, in each order. */
	for (r = 0; r < 3; r++) {
		enum date_order hint;
		int rc = date_parse_crm(s, (enum date_order)r, &out, &hint);
		FUZZ_CHECK(rc == 0 || rc == -1 || rc == DATE_CRM_AMBIGUOUS);
		FUZZ_CHECK(rc != DATE_CRM_AMBIGUOUS || r == DATE_ORDER_NONE);
		if (rc == 0) {
			date_to_ymd(out, &y, &m, &d);
			FUZZ_CHECK(y >= 1000 && y <= 9999 && m >= 1 && m <= 12);
		}
	}
	/* The same text as the next-date prompt reads it: a date and a time. */
	err_clear();
	if (date_parse_when(s, today, &out, &t) == 0) {
		FUZZ_CHECK(out >= lo && out <= hi);
		FUZZ_CHECK(t == TIME_NONE || (t >= 0 && t < 24 * 60));
		if (t != TIME_NONE) {
			char tb[6];
			int t2 = -1;
			FUZZ_CHECK(time_parse_loose(time_format(t, tb), &t2) == 0 && t2 == t);
		}
	} else {
		fuzz_check_message(err_message());
		FUZZ_CHECK(err_kind() == ERR_USAGE);
	}
	free(s);
	return 0;
}

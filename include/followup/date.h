/*
 * date.h - civil dates and times of day, and the DATE syntax of SPEC §3.
 *
 * A date is an int: days since 1970-01-01 in the proleptic Gregorian
 * calendar (1970-01-01 is 0, 1969-12-31 is -1).  DATE_NONE marks "no date".
 * A time of day is minutes since midnight (0..1439); TIME_NONE marks none.
 * Everything here is pure: no clock, no I/O.  "today" is always an argument
 * (clock.h has the one function that reads the clock).
 */
#ifndef FOLLOWUP_DATE_H
#define FOLLOWUP_DATE_H

#include <limits.h>

#define DATE_NONE INT_MIN
#define TIME_NONE (-1)
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 9999

/* Day number of y-m-d; m and d must be valid (see date_valid_ymd). */
int date_from_ymd(int y, int m, int d);
/* Split a day number into year, month (1-12), day (1-31). */
void date_to_ymd(int days, int *y, int *m, int *d);
/* 1 when y-m-d names a real day within DATE_MIN_YEAR..DATE_MAX_YEAR. */
int date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
int date_is_leap(int y);
/* 0 = Monday … 6 = Sunday. */
int date_weekday(int days);
/* days plus k calendar months, the day of month clamped to the month's end. */
int date_add_months(int days, int k);

/* Strict YYYY-MM-DD; 0 and *out set, or -1 (no error recorded). */
int date_parse_iso(const char *s, int *out);
/* "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *date_format(int days, char *buf);
/* "Mon", "Tue", … for a day number. */
const char *date_weekday_name(int days);
/* "Thu 5 Nov" into buf (at least 16 bytes); returns buf. */
char *date_format_short(int days, char *buf);

enum date_sense {
	DATE_FUTURE, /* weekday names mean the next such day after today */
	DATE_PAST,   /* weekday names mean the most recent such day before today */
};

/*
 * date_parse - the user DATE of SPEC §3: YYYY-MM-DD, today, tomorrow,
 * yesterday, +Nd/+Nw/+Nm, -Nd/-Nw/-Nm, weekday names (mon … sun, or in
 * full), case-insensitive, surrounding blanks ignored.  On success sets *out
 * and returns 0; otherwise records a usage error naming the value and
 * returns -1.
 */
int date_parse(const char *s, int today, enum date_sense sense, int *out);

/* Strict HH:MM (00:00..23:59, one-digit hour allowed); 0 or -1 (no error). */
int time_parse(const char *s, int *minutes);
/*
 * time_parse_loose - a time of day as people type it: 14:30, 9:00, 14h30,
 * 14h, 2pm, 2:30pm, 12am (midnight), 12pm (noon), am/pm in any case, a
 * space before it allowed.  On success sets *minutes and returns 0;
 * otherwise records a usage error "time 'X': why" (what was wrong: the
 * hour, the minutes, or not a time) and returns -1.
 */
int time_parse_loose(const char *s, int *minutes);

/*
 * date_parse_when - a DATE of SPEC §3 (date_parse, future sense) with an
 * optional time after it ("thu 14:30", "tomorrow 9:00", "2026-12-03 2pm"),
 * or a time alone ("2pm": today).  *time is TIME_NONE without one.  On
 * failure records a usage error that names the part that was wrong (the
 * date's or the time's message) and returns -1.
 */
int date_parse_when(const char *s, int today, int *date, int *time);

/*
 * date_parse_crm - a date as CRM exports and spreadsheets write it (SPEC
 * §5): YYYY-MM-DD, optionally followed by a time ("2026-05-17 14:21",
 * "2026-05-17T14:21:33Z"; the time is ignored); M/D/YYYY or D/M/YYYY,
 * which `order` tells apart; D.M.YYYY and D-M-YYYY (day first, always).
 * One or two digits for day and month, four for the year.  Returns 0 and
 * *out; -1 when it is no such date (2/30/2026, 13/13/2026, 5/17/26);
 * DATE_CRM_AMBIGUOUS when the order is needed and unknown (both numbers
 * 12 or less and order DATE_ORDER_NONE).  *hint, when not NULL, says what
 * the text settles whatever the order: DATE_ORDER_DMY for a slashed date
 * whose first number is over 12, DATE_ORDER_MDY when the second is, else
 * DATE_ORDER_NONE.  No error is recorded (callers word it).
 */
enum date_order { DATE_ORDER_NONE, DATE_ORDER_MDY, DATE_ORDER_DMY };
#define DATE_CRM_AMBIGUOUS (-2)
int date_parse_crm(const char *s, enum date_order order, int *out, enum date_order *hint);

/* "HH:MM" into buf (at least 6 bytes); returns buf. */
char *time_format(int minutes, char *buf);

#endif

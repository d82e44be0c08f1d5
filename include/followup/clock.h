/*
 * clock.h - the only code that reads the clock.
 *
 * "today" comes from --today or FOLLOWUP_TODAY when given, else the local
 * date (the process's TZ).  Everything else takes today as an argument.
 */
#ifndef FOLLOWUP_CLOCK_H
#define FOLLOWUP_CLOCK_H

/*
 * clock_today - today's day number: override (the --today value) if
 * non-NULL, else $FOLLOWUP_TODAY if set and non-empty, else the local date.
 * Returns 0, or -1 with a usage error naming the bad override.
 */
int clock_today(const char *override, int *out);
/* Minutes since local midnight, now. */
int clock_now_minutes(void);
/* Seconds since the epoch, now. */
long long clock_now_epoch(void);
/* Local day at secs after midnight (the process's TZ; mktime resolves
 * DST) as seconds since the epoch. */
long long clock_local_epoch(int day, int secs);
/*
 * Change stamps (SPEC §1, §4): seconds since 2020-01-01T00:00Z.
 * clock_midnight - local midnight (the process's TZ) of day;
 * clock_stamp - day (today, from --today when given) at the clock's
 * local time of day, at least one second past its midnight.
 */
#define CLOCK_STAMP_EPOCH 1577836800LL /* 2020-01-01T00:00:00Z */
long long clock_midnight(int day);
long long clock_stamp(int day);
/* UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
char *clock_utc_stamp(char *buf);
/* The same for day (today, from --today when given) at the clock's time
 * of day: when a mail was sent, on the day the rep's tool is living. */
char *clock_day_utc_stamp(int day, char *buf);

#endif

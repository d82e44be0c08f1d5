/*
 * cadence.c - cadence parsing and the scheduling engine (see cadence.h).
 *
 * schedule_compute() is rule 4 of SPEC §2 written out: a running lateness
 * shift s_k carried from step to step, not a plain offset from day 0, so a
 * late rep keeps the cadence's spacing and an early one keeps its days.
 */
#include "followup/cadence.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"

static int valid_name(const char *name)
{
	size_t i, len = name ? strlen(name) : 0;

	if (len == 0 || len > CADENCE_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)name[i];
		if (!isalnum(ch) && ch != '-' && ch != '_')
			return 0;
	}
	return 1;
}

/* Parse a positive decimal at *p (at most 5 digits' worth); -1 when none. */
static long parse_count(const char **p)
{
	const char *s = *p;
	char *end;
	long v;

	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || v > 36500)
		return -1;
	while (*end == ' ')
		end++;
	*p = end;
	return v;
}

int cadence_parse(struct cadence *c, const char *name, const char *offsets,
		  const char *tail)
{
	const char *p = offsets;

	memset(c, 0, sizeof *c);
	if (!valid_name(name))
		return err_usage("invalid cadence name %s: use 1-%d letters, digits, '-' or '_'",
				 err_quote(name), CADENCE_NAME_MAX);
	strcpy(c->name, name);
	if (!offsets || !*offsets)
		return err_usage("invalid cadence offsets %s: empty", err_quote(offsets));
	for (;;) {
		long v = parse_count(&p);
		if (v < 0)
			return err_usage("invalid cadence offsets %s: expected day numbers "
					 "separated by commas", err_quote(offsets));
		if (v < 1)
			return err_usage("invalid cadence offsets %s: offsets start at day 1",
					 err_quote(offsets));
		if (c->n && v <= c->offsets[c->n - 1])
			return err_usage("invalid cadence offsets %s: offsets must be strictly "
					 "increasing (%ld after %d)", err_quote(offsets), v,
					 c->offsets[c->n - 1]);
		if (c->n == CADENCE_MAX_STEPS)
			return err_usage("invalid cadence offsets %s: more than %d steps",
					 err_quote(offsets), CADENCE_MAX_STEPS);
		c->offsets[c->n++] = (int)v;
		if (*p == '\0')
			break;
		if (*p != ',')
			return err_usage("invalid cadence offsets %s: expected day numbers "
					 "separated by commas", err_quote(offsets));
		p++;
	}
	if (!tail || !strcmp(tail, "none")) {
		c->tail = TAIL_NONE;
	} else if (!strcmp(tail, "monthly")) {
		c->tail = TAIL_MONTHLY;
	} else if (!strncmp(tail, "every:", 6)) {
		const char *q = tail + 6;
		long v = parse_count(&q);
		if (v < 1 || *q)
			return err_usage("invalid cadence tail %s: every:N needs N >= 1 days",
					 err_quote(tail));
		c->tail = TAIL_EVERY;
		c->every = (int)v;
	} else {
		return err_usage("invalid cadence tail %s: expected monthly, every:N or none",
				 err_quote(tail));
	}
	return 0;
}

char *cadence_format_offsets(const struct cadence *c, char *buf, size_t n)
{
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < c->n && o < n; i++) {
		int w = snprintf(buf + o, n - o, "%s%d", i ? "," : "", c->offsets[i]);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	return buf;
}

char *cadence_format_tail(const struct cadence *c, char *buf, size_t n)
{
	switch (c->tail) {
	case TAIL_MONTHLY: snprintf(buf, n, "monthly"); break;
	case TAIL_EVERY: snprintf(buf, n, "every:%d", c->every); break;
	default: snprintf(buf, n, "none"); break;
	}
	return buf;
}

int cadence_step_date(const struct cadence *c, int d0, int s)
{
	int am;

	if (s <= 0)
		return d0;
	if (s <= c->n)
		return d0 + c->offsets[s - 1];
	am = d0 + c->offsets[c->n - 1];
	switch (c->tail) {
	case TAIL_MONTHLY:
		/* From A_m each time, never chained, so Jan 31 gives Feb 28, Mar 31. */
		return date_add_months(am, s - c->n);
	case TAIL_EVERY:
		return am + c->every * (s - c->n);
	default:
		return DATE_NONE;
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int schedule_compute(const struct cadence *c, const struct workcal *wc,
		     enum prospect_status status, int d0, int *dates, size_t ndates,
		     int next_date, int next_time, struct schedule *out)
{
	size_t i, n = 0;
	int due, shift = 0, k;

	out->due = DATE_NONE;
	out->due_time = TIME_NONE;
	out->kind = DUE_NONE;
	out->step = 0;
	out->no_next_step = 0;

	if (status != STATUS_ACTIVE)
		return 0; /* rule 7 */
	if (next_date != DATE_NONE) {
		out->due = next_date; /* rule 5: as given, even on a non-workday */
		out->due_time = next_time;
		out->kind = DUE_EXPLICIT;
		return 0;
	}

	/* Rule 3: the distinct dates after day 0, in order. */
	if (ndates)
		qsort(dates, ndates, sizeof *dates, cmp_int);
	for (i = 0; i < ndates; i++) {
		if (dates[i] <= d0 || (n && dates[i] == dates[n - 1]))
			continue;
		dates[n++] = dates[i];
	}

	/* Rule 4. */
	if (workcal_next(wc, cadence_step_date(c, d0, 1), &due) < 0)
		return -1;
	for (k = 1; (size_t)k <= n; k++) {
		int t = dates[k - 1];
		int a = cadence_step_date(c, d0, k + 1);
		if (t > due)
			shift += t - due;
		if (a == DATE_NONE) {
			out->no_next_step = 1; /* rule 6 */
			return 0;
		}
		a += shift;
		if (workcal_next(wc, a > t + 1 ? a : t + 1, &due) < 0)
			return -1;
	}
	/* Past the calendar's end (year 9999) there are no more steps. */
	if (due > date_from_ymd(DATE_MAX_YEAR, 12, 31)) {
		out->no_next_step = 1;
		return 0;
	}
	out->due = due;
	out->kind = DUE_CADENCE;
	out->step = (int)n + 1;
	return 0;
}

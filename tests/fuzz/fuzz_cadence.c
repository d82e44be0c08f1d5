/*
 * fuzz_cadence.c - libFuzzer target for schedule_compute(), the cadence
 * engine of SPEC §2 rules 1-7, over random cadences, workday calendars and
 * touch histories.
 *
 * Input, read as a byte stream (zeros past its end, see fuzz.h):
 *   cadence   1..8 strictly increasing offsets (gaps 1..60 days), tail
 *             none, monthly or every:N (N = 1..256)
 *   calendar  day 0 between 2000 and 2030; a weekday mask with at least
 *             one workday; 0..4 holidays and at most one short time-off
 *             period (<= 15 days) around the history
 *   prospect  mostly active; sometimes won, lost, or with an explicit
 *             next date (and time)
 *   touches   0..24 dates from 3 days before day 0 to ~400 days after
 *             (duplicates and day-0 touches included); then bytes for a
 *             shuffle and for one more touch
 * Invariants (abort() on a violation):
 *   - won and lost give no due date; an explicit next date is the due
 *     date as given;
 *   - otherwise the result is either "cadence complete" (no due date) or a
 *     cadence due date that is a workday, after day 0, strictly after the
 *     last touch, not before the raw step date A_step, with step = number
 *     of distinct touch dates after day 0, plus one; and it matches a
 *     direct transcription of rule 4 written here from the SPEC;
 *   - the order in which touches are passed never changes the result;
 *   - adding a touch dated on or after the latest one never moves the due
 *     date earlier (unless the cadence completes), and never un-completes;
 *   - the cadence survives cadence_format_* -> cadence_parse unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "followup/cadence.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/workcal.h"

#include "fuzz.h"

#define MAX_TOUCHES 24

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* W(d) of rule 2, unbounded but for a safety net far beyond any input. */
static int model_w(const struct workcal *wc, int d)
{
	int i;
	for (i = 0; i < 4000; i++)
		if (workcal_is_workday(wc, d + i))
			return d + i;
	abort();
}

/* Rule 4 as the SPEC writes it; returns the due date, or DATE_NONE when a
 * finite cadence is complete.  *step receives n + 1. */
static int model_due(const struct cadence *c, const struct workcal *wc, int d0,
		     const int *touches, size_t ntouches, int *step)
{
	int t[MAX_TOUCHES + 1];
	size_t n = 0, i, k;
	int due, s = 0;

	for (i = 0; i < ntouches; i++)
		if (touches[i] > d0)
			t[n++] = touches[i];
	qsort(t, n, sizeof *t, cmp_int);
	for (i = 0, k = 0; i < n; i++)
		if (!k || t[i] != t[k - 1])
			t[k++] = t[i];
	n = k;

	due = model_w(wc, cadence_step_date(c, d0, 1));
	for (k = 1; k <= n; k++) {
		int a = cadence_step_date(c, d0, (int)k + 1);
		if (t[k - 1] > due)
			s += t[k - 1] - due;
		if (a == DATE_NONE)
			return DATE_NONE;
		a += s;
		due = model_w(wc, a > t[k - 1] + 1 ? a : t[k - 1] + 1);
	}
	*step = (int)n + 1;
	return due;
}

static void compute(const struct cadence *c, const struct workcal *wc,
		    enum prospect_status status, int d0, const int *touches, size_t n,
		    int next_date, int next_time, struct schedule *out)
{
	int copy[MAX_TOUCHES + 1];

	memcpy(copy, touches, n * sizeof *touches); /* the engine sorts in place */
	err_clear();
	if (schedule_compute(c, wc, status, d0, copy, n, next_date, next_time, out) != 0) {
		fprintf(stderr, "fuzz_cadence: schedule_compute failed: %s\n", err_message());
		abort(); /* the calendars built here always have workdays in reach */
	}
}

static int same(const struct schedule *a, const struct schedule *b)
{
	return a->due == b->due && a->due_time == b->due_time && a->kind == b->kind &&
	       a->step == b->step && a->no_next_step == b->no_next_step;
}

static void check_cadence_text(const struct cadence *c)
{
	char offs[CADENCE_MAX_STEPS * 8], tail[32];
	struct cadence back;
	int i;

	cadence_format_offsets(c, offs, sizeof offs);
	cadence_format_tail(c, tail, sizeof tail);
	FUZZ_CHECK(cadence_parse(&back, c->name, offs, tail) == 0);
	FUZZ_CHECK(back.n == c->n && back.tail == c->tail);
	FUZZ_CHECK(c->tail != TAIL_EVERY || back.every == c->every);
	for (i = 0; i < c->n; i++)
		FUZZ_CHECK(back.offsets[i] == c->offsets[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct cadence c;
	struct workcal wc;
	struct schedule s, s2;
	enum prospect_status status = STATUS_ACTIVE;
	int touches[MAX_TOUCHES + 1], hol[4];
	int d0, next_date = DATE_NONE, next_time = TIME_NONE, latest, model, mstep = 0;
	size_t n, nhol, i;
	unsigned b;

	/* The cadence. */
	memset(&c, 0, sizeof c);
	strcpy(c.name, "fuzz");
	c.n = 1 + (int)(fuzz_u8(&in) % 8);
	for (i = 0; i < (size_t)c.n; i++)
		c.offsets[i] = (i ? c.offsets[i - 1] : 0) + 1 + (int)(fuzz_u8(&in) % 60);
	b = fuzz_u8(&in);
	c.tail = b % 3 == 0 ? TAIL_NONE : b % 3 == 1 ? TAIL_MONTHLY : TAIL_EVERY;
	c.every = c.tail == TAIL_EVERY ? 1 + (int)fuzz_u8(&in) : 0;

	/* The calendar. */
	d0 = date_from_ymd(2000, 1, 1) + (int)(fuzz_u16(&in) % (31 * 365));
	workcal_init(&wc);
	wc.weekmask = fuzz_u8(&in) & 0x7F;
	if (!wc.weekmask)
		wc.weekmask = 1u << (fuzz_u8(&in) % 7);
	nhol = fuzz_u8(&in) % 5;
	for (i = 0; i < nhol; i++)
		hol[i] = d0 - 10 + (int)(fuzz_u16(&in) % 430);
	workcal_add_holidays(&wc, hol, nhol);
	b = fuzz_u8(&in);
	if (b % 4 == 0) {
		int from = d0 + (int)(fuzz_u16(&in) % 400);
		workcal_add_away(&wc, from, from + (int)(fuzz_u8(&in) % 15));
	}

	/* The prospect. */
	b = fuzz_u8(&in) % 16;
	if (b == 0)
		status = STATUS_WON;
	else if (b == 1)
		status = STATUS_LOST;
	else if (b == 2) {
		next_date = d0 + (int)(fuzz_u16(&in) % 420);
		next_time = fuzz_u8(&in) & 1 ? (int)(fuzz_u16(&in) % 1440) : TIME_NONE;
	}

	/* The touches. */
	n = fuzz_u8(&in) % (MAX_TOUCHES + 1);
	latest = d0;
	for (i = 0; i < n; i++) {
		touches[i] = d0 - 3 + (int)(fuzz_u16(&in) % 404);
		if (!i || touches[i] > latest)
			latest = touches[i];
	}

	check_cadence_text(&c);
	compute(&c, &wc, status, d0, touches, n, next_date, next_time, &s);

	if (status != STATUS_ACTIVE) {
		FUZZ_CHECK(s.kind == DUE_NONE && s.due == DATE_NONE && s.due_time == TIME_NONE);
		FUZZ_CHECK(s.step == 0 && !s.no_next_step);
	} else if (next_date != DATE_NONE) {
		FUZZ_CHECK(s.kind == DUE_EXPLICIT && s.due == next_date && s.due_time == next_time);
	} else {
		model = model_due(&c, &wc, d0, touches, n, &mstep);
		if (s.no_next_step) {
			FUZZ_CHECK(c.tail == TAIL_NONE);
			FUZZ_CHECK(s.kind == DUE_NONE && s.due == DATE_NONE && s.step == 0);
			FUZZ_CHECK(model == DATE_NONE);
		} else {
			FUZZ_CHECK(s.kind == DUE_CADENCE && s.due != DATE_NONE);
			FUZZ_CHECK(s.due_time == TIME_NONE);
			FUZZ_CHECK(workcal_is_workday(&wc, s.due));
			FUZZ_CHECK(s.due > d0);
			for (i = 0; i < n; i++)
				FUZZ_CHECK(s.due > touches[i]);
			FUZZ_CHECK(s.step >= 1);
			FUZZ_CHECK(s.due >= cadence_step_date(&c, d0, s.step));
			FUZZ_CHECK(s.due == model && s.step == mstep);
		}
	}

	/* Any order of the same touches gives the same schedule. */
	if (n > 1) {
		int shuffled[MAX_TOUCHES + 1];
		memcpy(shuffled, touches, n * sizeof *touches);
		for (i = n - 1; i > 0; i--) {
			size_t j = fuzz_u8(&in) % (i + 1);
			int t = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = t;
		}
		compute(&c, &wc, status, d0, shuffled, n, next_date, next_time, &s2);
		FUZZ_CHECK(same(&s, &s2));
		/* Reversed, too: the worst case for a sort that assumed order. */
		for (i = 0; i < n; i++)
			shuffled[i] = touches[n - 1 - i];
		compute(&c, &wc, status, d0, shuffled, n, next_date, next_time, &s2);
		FUZZ_CHECK(same(&s, &s2));
	}

	/* One more touch, on or after the latest: the due date never moves
	 * earlier, and a complete cadence stays complete. */
	touches[n] = latest + (int)(fuzz_u8(&in) % 60);
	compute(&c, &wc, status, d0, touches, n + 1, next_date, next_time, &s2);
	if (status == STATUS_ACTIVE && next_date == DATE_NONE) {
		if (s.no_next_step)
			FUZZ_CHECK(s2.no_next_step);
		else if (!s2.no_next_step)
			FUZZ_CHECK(s2.due >= s.due && s2.step >= s.step);
	} else {
		FUZZ_CHECK(same(&s, &s2)); /* won, lost and explicit ignore touches */
	}

	workcal_release(&wc);
	return 0;
}

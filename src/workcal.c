/*
 * workcal.c - the workday calendar (see workcal.h).  Holidays are a sorted
 * array searched with bsearch; time off is a short list scanned linearly
 * (a rep has a handful of periods, not thousands).
 */
#include "followup/workcal.h"

#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

void workcal_init(struct workcal *wc)
{
	memset(wc, 0, sizeof *wc);
	wc->weekmask = 0x1F;
	wc->source = "the configuration";
}

void workcal_release(struct workcal *wc)
{
	if (!wc)
		return;
	free(wc->holidays);
	free(wc->away);
	wc->holidays = NULL;
	wc->away = NULL;
	wc->nholidays = wc->naway = 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void workcal_add_holidays(struct workcal *wc, const int *dates, size_t n)
{
	size_t i, o;

	if (n == 0)
		return;
	wc->holidays = xrealloc(wc->holidays, (wc->nholidays + n) * sizeof *dates);
	memcpy(wc->holidays + wc->nholidays, dates, n * sizeof *dates);
	wc->nholidays += n;
	qsort(wc->holidays, wc->nholidays, sizeof *dates, cmp_int);
	for (i = 1, o = 1; i < wc->nholidays; i++)
		if (wc->holidays[i] != wc->holidays[o - 1])
			wc->holidays[o++] = wc->holidays[i];
	wc->nholidays = o;
}

void workcal_add_away(struct workcal *wc, int from, int to)
{
	wc->away = xrealloc(wc->away, (wc->naway + 1) * sizeof *wc->away);
	wc->away[wc->naway].from = from;
	wc->away[wc->naway].to = to;
	wc->naway++;
}

int workcal_is_workday(const struct workcal *wc, int d)
{
	size_t i;

	if (!(wc->weekmask & (1u << date_weekday(d))))
		return 0;
	if (wc->nholidays && bsearch(&d, wc->holidays, wc->nholidays, sizeof d, cmp_int))
		return 0;
	for (i = 0; i < wc->naway; i++)
		if (d >= wc->away[i].from && d <= wc->away[i].to)
			return 0;
	return 1;
}

int workcal_next(const struct workcal *wc, int d, int *out)
{
	int i;
	char buf[11];

	for (i = 0; i <= WORKCAL_SEARCH_DAYS; i++) {
		if (workcal_is_workday(wc, d + i)) {
			*out = d + i;
			return 0;
		}
	}
	return err_runtime("%s: no workday within %d days of %s (workdays, holidays and "
			   "time off leave none)", wc->source, WORKCAL_SEARCH_DAYS,
			   date_format(d, buf));
}

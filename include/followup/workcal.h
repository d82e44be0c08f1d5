/*
 * workcal.h - the workday calendar of SPEC §2 rule 2: weekday mask,
 * holiday dates (listed and from a feed) and time-off periods.
 *
 * struct workcal owns sorted copies of its dates; workcal_release() frees
 * them.  W(d) never searches further than WORKCAL_SEARCH_DAYS.
 */
#ifndef FOLLOWUP_WORKCAL_H
#define FOLLOWUP_WORKCAL_H

#include <stddef.h>

#define WORKCAL_SEARCH_DAYS 366
#define WORKCAL_MAX_AWAY_DAYS 366

struct period {
	int from, to; /* inclusive day numbers */
};

struct workcal {
	unsigned weekmask;     /* bit i set: weekday i (0 = Monday) is a workday */
	int *holidays;         /* sorted, unique */
	size_t nholidays;
	struct period *away;   /* time off, any order */
	size_t naway;
	const char *source;    /* configuration named in errors (borrowed) */
};

/* Mon-Fri, no holidays, no time off. */
void workcal_init(struct workcal *wc);
void workcal_release(struct workcal *wc);
/* Add holiday dates (copied; sorted and deduplicated). */
void workcal_add_holidays(struct workcal *wc, const int *dates, size_t n);
/* Add a time-off period (copied). */
void workcal_add_away(struct workcal *wc, int from, int to);

/* 1 when d is a workday. */
int workcal_is_workday(const struct workcal *wc, int d);
/*
 * workcal_next - W(d): d when it is a workday, else the next workday.
 * Returns 0 and sets *out, or -1 with a runtime error naming the
 * configuration when no workday lies within WORKCAL_SEARCH_DAYS.
 */
int workcal_next(const struct workcal *wc, int d, int *out);

#endif

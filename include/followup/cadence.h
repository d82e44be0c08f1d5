/*
 * cadence.h - cadences and the scheduling rules of SPEC §2.
 *
 * A cadence is a list of strictly increasing day offsets (>= 1) from day 0
 * and a tail: monthly, every N days, or none (finite).  cadence_step_date()
 * gives the raw step dates A_s of rule 1; schedule_compute() applies rules
 * 3-7 over a workday calendar (workcal.h).  Pure: dates in, dates out.
 */
#ifndef FOLLOWUP_CADENCE_H
#define FOLLOWUP_CADENCE_H

#include <stddef.h>

#include "followup/workcal.h"

#define CADENCE_MAX_STEPS 64
#define CADENCE_NAME_MAX 32

enum cadence_tail {
	TAIL_NONE,    /* finite: no steps after the last offset */
	TAIL_MONTHLY, /* A_{m+k} = A_m + k months, clamped */
	TAIL_EVERY,   /* A_{m+k} = A_m + k * every days */
};

struct cadence {
	char name[CADENCE_NAME_MAX + 1];
	int offsets[CADENCE_MAX_STEPS]; /* strictly increasing, >= 1 */
	int n;                          /* number of offsets, >= 1 */
	enum cadence_tail tail;
	int every;                      /* days between tail steps (TAIL_EVERY) */
};

/*
 * cadence_parse - fill c from a name, an offsets list ("1,3,7") and a tail
 * ("monthly", "every:N", "none"; NULL means "none").  Records a usage error
 * naming the bad value and returns -1 on: a bad name (letters, digits, '-',
 * '_', at most 32), empty or non-numeric offsets, an offset < 1,
 * non-increasing offsets, more than 64 offsets, a bad tail.
 */
int cadence_parse(struct cadence *c, const char *name, const char *offsets,
		  const char *tail);

/* "1,3,7,14" into buf (size n); returns buf. */
char *cadence_format_offsets(const struct cadence *c, char *buf, size_t n);
/* "monthly", "every:90" or "none" into buf (size n); returns buf. */
char *cadence_format_tail(const struct cadence *c, char *buf, size_t n);

/* A_s for s >= 0 (A_0 = d0), or DATE_NONE past the end of a finite cadence. */
int cadence_step_date(const struct cadence *c, int d0, int s);

enum prospect_status { STATUS_ACTIVE, STATUS_WON, STATUS_LOST };

enum due_kind {
	DUE_NONE,     /* won, lost, or no next step (cadence complete) */
	DUE_CADENCE,  /* rule 4 */
	DUE_EXPLICIT, /* rule 5: `followup next` */
};

struct schedule {
	int due;            /* DATE_NONE when kind is DUE_NONE */
	int due_time;       /* minutes, or TIME_NONE */
	enum due_kind kind;
	int step;           /* 1-based step for DUE_CADENCE, else 0 */
	int no_next_step;   /* 1: active, finite cadence past its last step ("cadence complete") */
};

/*
 * schedule_compute - the prospect's next follow-up (rules 3-7).
 *
 * dates: the local dates of its touches, in any order, duplicates and dates
 * on or before d0 allowed; the array is sorted and deduplicated in place.
 * next_date/next_time: the explicit next date, or DATE_NONE/TIME_NONE.
 * Returns 0 and fills out, or -1 with a runtime error when the workday
 * calendar has no workday within reach (workcal_next).
 */
int schedule_compute(const struct cadence *c, const struct workcal *wc,
		     enum prospect_status status, int d0, int *dates, size_t ndates,
		     int next_date, int next_time, struct schedule *out);

#endif

/*
 * stats.h - the follow-up metrics of SPEC §6.
 *
 * Counting follows rule 3: a prospect's follow-up k is its k-th distinct
 * touch date after day 0; touches on day 0 are the first contact.  A
 * selection is the prospects whose day 0 lies in from..to.  Rates are
 * fractions (0..1) or NAN when their denominator is zero ("no data").
 *
 * stats_compute() reads three narrow streams from the store (one row per
 * prospect with its follow-up facts and gaps, touch counts by channel,
 * step and outcome, and the discipline counts) and aggregates them here:
 * the aggregation (stats_begin, stats_add_prospect, stats_add_touches,
 * stats_finish) is pure, and stats_json() writes the JSON document of
 * `stats --format json` (key names in man followup).
 */
#ifndef FOLLOWUP_STATS_H
#define FOLLOWUP_STATS_H

#include <stddef.h>

#include "followup/prospect.h"

#define STATS_STEPS 11 /* response by step 0 (first contact) .. 9, then 10+ */

struct stats_rate {
	long long touches, responses; /* responses: connected, replied, meeting */
};

/* A histogram of small values >= 0, for medians. */
struct stats_hist {
	long long *cnt, sum, total;
	size_t n;
};

struct stats {
	long long prospects, active, won, lost;
	long long followed_up;           /* prospects with at least one follow-up */
	long long won_followed;          /* won with at least one follow-up */
	double conversion;               /* won with a follow-up / followed_up */
	double close_mean, close_median; /* follow-ups of won prospects */
	long long funnel[5];             /* reached follow-up 1, 2, 3, 4, 5+ */
	long long abandoned[6];          /* lost with 0, 1, 2, 3, 4, 5+ follow-ups */
	double abandoned_after_one;      /* lost with exactly 1 / lost */
	double reached_five;             /* funnel[4] / prospects */
	double first_on_time;            /* first follow-up by the first workday after day 0 */
	double first_days_median;        /* days from day 0 to the first follow-up */
	double gap_median_won, gap_median_lost; /* days between follow-ups */
	long long overdue, no_next_step;
	long long oldest_id;             /* 0 when nothing is overdue */
	int oldest_days;
	char *oldest_name;               /* owned; NULL when nothing is overdue */
	struct stats_rate channel[CH_COUNT];
	struct stats_rate step[STATS_STEPS];
	long long well_n, well_won, poor_n, poor_won; /* qualification (>= 2 flags) */
	double well_conversion, poor_conversion;      /* won / followed-up in the group */
	long long well_followed, poor_followed;
	long long well_won_followed, poor_won_followed; /* won with a follow-up */
	/* Being filled (stats_begin .. stats_finish): */
	long long first_n, on_time, lost_one;
	struct stats_hist close, firsts, gaps_won, gaps_lost;
};

/* One prospect of the selection, as the store streams them. */
struct stats_prospect {
	long long id;
	enum prospect_status status;
	unsigned flags;
	int followups;        /* distinct follow-up days (after day 0) */
	int first_days;       /* days from day 0 to the first of them; -1: none */
	int on_time;          /* the first came by the first workday after day 0 */
	const int *gaps;      /* days between consecutive follow-up days */
	size_t ngaps;
};

/* The touches of one channel, follow-up step and outcome. */
struct stats_touches {
	enum channel channel;
	int step;             /* 0: on or before day 0 */
	enum outcome outcome;
	long long count;
};

/* Start filling x (zeroed); then add every prospect and touch count, then
 * stats_finish() computes the rates and medians. */
void stats_begin(struct stats *x);
void stats_add_prospect(struct stats *x, const struct stats_prospect *p);
void stats_add_touches(struct stats *x, const struct stats_touches *t);
void stats_finish(struct stats *x);

struct store;
/* The metrics for prospects with day 0 in from..to (DATE_NONE: unbounded),
 * read from st.  0, or -1 with the store's error recorded; release x
 * with stats_release() either way. */
int stats_compute(struct store *st, int from, int to, struct stats *x);

/* The metrics as one JSON object (no newline); *json is malloc'd. */
void stats_json(const struct stats *x, char **json);

/* Free what a filled struct stats owns; the struct can be filled again. */
void stats_release(struct stats *x);

#endif

/*
 * stats.h - the follow-up metrics of SPEC §6.
 *
 * Counting follows rule 3: a prospect's follow-up k is its k-th distinct
 * touch date after day 0; touches on day 0 are the first contact.  A
 * selection is the prospects whose day 0 lies in from..to.  Rates are
 * fractions (0..1) or NAN when their denominator is zero ("no data").
 * Filled by store_stats() from aggregates over the columns recompute()
 * keeps (one row per prospect is streamed for the medians and the
 * workday-based speed figure); release it with stats_release().
 */
#ifndef FOLLOWUP_STATS_H
#define FOLLOWUP_STATS_H

#define STATS_STEPS 11 /* response by step 0 (first contact) .. 9, then 10+ */

struct stats_rate {
	long long touches, responses; /* responses: connected, replied, meeting */
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
	long long overdue, undecided;
	long long oldest_id;             /* 0 when nothing is overdue */
	int oldest_days;
	char *oldest_name;               /* owned; NULL when nothing is overdue */
	struct stats_rate channel[5];    /* call, email, chat, visit, other */
	struct stats_rate step[STATS_STEPS];
	long long well_n, well_won, poor_n, poor_won; /* qualification (>= 2 flags) */
	double well_conversion, poor_conversion;      /* won / followed-up in the group */
	long long well_followed, poor_followed;
	long long well_won_followed, poor_won_followed; /* won with a follow-up */
};

/* Free what a filled struct stats owns; the struct can be filled again. */
void stats_release(struct stats *x);

#endif

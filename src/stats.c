/*
 * stats.c - the follow-up metrics of SPEC §6 (see stats.h).
 *
 * The store streams one row per prospect (its follow-up count, days to
 * the first follow-up, whether that was on time, and its gaps), the touch
 * counts by channel, step and outcome, and the discipline counts; the
 * figures are computed here, in C: counts as the rows stream by, medians
 * from histograms of small day counts.  The JSON is written by json.c,
 * with SQLite's printing of numbers, so it reads as it always has.
 */
#include "followup/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "followup/json.h"
#include "followup/store.h"
#include "followup/util.h"

static double ratio(long long a, long long b)
{
	return b ? (double)a / (double)b : NAN;
}

static void hist_add(struct stats_hist *h, long long v)
{
	if (v < 0)
		v = 0; /* follow-ups come after day 0: never */
	if ((size_t)v >= h->n) {
		size_t n = (size_t)v + 64;
		h->cnt = xrealloc(h->cnt, n * sizeof *h->cnt);
		memset(h->cnt + h->n, 0, (n - h->n) * sizeof *h->cnt);
		h->n = n;
	}
	h->cnt[v]++;
	h->sum += v;
	h->total++;
}

/* The median of a histogram; NAN when it is empty. */
static double hist_median(const struct stats_hist *h)
{
	long long seen = 0, lo = -1, hi = -1;
	size_t i;

	if (!h->total)
		return NAN;
	for (i = 0; i < h->n; i++) {
		/* 0-based positions (total - 1) / 2 and total / 2. */
		if (lo < 0 && seen + h->cnt[i] > (h->total - 1) / 2)
			lo = (long long)i;
		if (hi < 0 && seen + h->cnt[i] > h->total / 2)
			hi = (long long)i;
		seen += h->cnt[i];
	}
	return (lo + hi) / 2.0;
}

static void hist_release(struct stats_hist *h)
{
	free(h->cnt);
	memset(h, 0, sizeof *h);
}

void stats_begin(struct stats *x)
{
	memset(x, 0, sizeof *x);
}

void stats_add_prospect(struct stats *x, const struct stats_prospect *p)
{
	int won = p->status == STATUS_WON, lost = p->status == STATUS_LOST, i;
	long long n = p->followups;
	size_t g;

	if (won || lost)
		for (g = 0; g < p->ngaps; g++)
			hist_add(won ? &x->gaps_won : &x->gaps_lost, p->gaps[g]);
	x->prospects++;
	x->won += won;
	x->lost += lost;
	x->active += !won && !lost;
	if (n) {
		x->followed_up++;
		x->won_followed += won;
	}
	for (i = 0; i < 5; i++)
		if (n >= i + 1)
			x->funnel[i]++;
	if (lost) {
		x->abandoned[n > 5 ? 5 : n]++;
		x->lost_one += n == 1;
	}
	if (flags_well_qualified(p->flags)) {
		x->well_n++;
		x->well_won += won;
		x->well_followed += n > 0;
		x->well_won_followed += won && n > 0;
	} else {
		x->poor_n++;
		x->poor_won += won;
		x->poor_followed += n > 0;
		x->poor_won_followed += won && n > 0;
	}
	if (won)
		hist_add(&x->close, n);
	if (p->first_days >= 0) {
		hist_add(&x->firsts, p->first_days);
		x->first_n++;
		x->on_time += p->on_time;
	}
}

void stats_add_touches(struct stats *x, const struct stats_touches *t)
{
	long long responses = outcome_is_response(t->outcome) ? t->count : 0;
	int k = t->step > STATS_STEPS - 1 ? STATS_STEPS - 1 : t->step; /* the last is "10+" */

	x->channel[t->channel].touches += t->count;
	x->channel[t->channel].responses += responses;
	if (k >= 0) {
		x->step[k].touches += t->count;
		x->step[k].responses += responses;
	}
}

void stats_finish(struct stats *x)
{
	x->close_median = hist_median(&x->close);
	x->close_mean = x->close.total ? (double)x->close.sum / (double)x->close.total : NAN;
	x->first_days_median = hist_median(&x->firsts);
	x->gap_median_won = hist_median(&x->gaps_won);
	x->gap_median_lost = hist_median(&x->gaps_lost);
	x->conversion = ratio(x->won_followed, x->followed_up);
	x->abandoned_after_one = ratio(x->lost_one, x->lost);
	x->reached_five = ratio(x->funnel[4], x->prospects);
	x->first_on_time = ratio(x->on_time, x->first_n);
	/* As the overall rate: won after at least one follow-up. */
	x->well_conversion = ratio(x->well_won_followed, x->well_followed);
	x->poor_conversion = ratio(x->poor_won_followed, x->poor_followed);
	hist_release(&x->close);
	hist_release(&x->firsts);
	hist_release(&x->gaps_won);
	hist_release(&x->gaps_lost);
}

static int add_prospect(const struct stats_prospect *p, void *ctx)
{
	stats_add_prospect(ctx, p);
	return 0;
}

static int add_touches(const struct stats_touches *t, void *ctx)
{
	stats_add_touches(ctx, t);
	return 0;
}

int stats_compute(struct store *st, int from, int to, struct stats *x)
{
	int rc;

	stats_begin(x);
	rc = store_stats_prospects(st, from, to, add_prospect, x);
	if (rc == 0)
		rc = store_stats_touches(st, from, to, add_touches, x);
	if (rc == 0)
		rc = store_stats_discipline(st, from, to, x);
	stats_finish(x);
	return rc < 0 ? -1 : 0;
}

void stats_release(struct stats *x)
{
	free(x->oldest_name);
	x->oldest_name = NULL;
	hist_release(&x->close);
	hist_release(&x->firsts);
	hist_release(&x->gaps_won);
	hist_release(&x->gaps_lost);
}

/* ---- JSON ------------------------------------------------------------- */

static void kint(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

static void kdouble(struct json *j, const char *key, double v)
{
	json_key(j, key);
	json_double(j, v);
}

static void kobject(struct json *j, const char *key)
{
	json_key(j, key);
	json_object(j);
}

static void rate_object(struct json *j, const char *key, const struct stats_rate *r)
{
	kobject(j, key);
	kint(j, "touches", r->touches);
	kint(j, "responses", r->responses);
	kdouble(j, "rate", ratio(r->responses, r->touches));
	json_end_object(j);
}

static void group_object(struct json *j, const char *key, long long n, long long followed,
			 long long won, double conversion)
{
	kobject(j, key);
	kint(j, "prospects", n);
	kint(j, "followed_up", followed);
	kint(j, "won", won);
	kdouble(j, "conversion_rate", conversion);
	json_end_object(j);
}

void stats_json(const struct stats *x, char **out)
{
	static const char *const funnel[5] = {"1", "2", "3", "4", "5+"};
	static const char *const lost_at[6] = {"0", "1", "2", "3", "4", "5+"};
	struct json j;
	int i;

	json_init(&j);
	json_object(&j);
	kobject(&j, "prospects");
	kint(&j, "total", x->prospects);
	kint(&j, "active", x->active);
	kint(&j, "won", x->won);
	kint(&j, "lost", x->lost);
	json_end_object(&j);
	kint(&j, "followed_up", x->followed_up);
	kdouble(&j, "conversion_rate", x->conversion);
	kobject(&j, "followups_to_close");
	kdouble(&j, "mean", x->close_mean);
	kdouble(&j, "median", x->close_median);
	json_end_object(&j);

	kobject(&j, "response_rate");
	kobject(&j, "by_channel");
	for (i = 0; i < CH_COUNT; i++)
		rate_object(&j, channel_name((enum channel)i), &x->channel[i]);
	json_end_object(&j);
	json_key(&j, "by_step");
	json_array(&j);
	for (i = 0; i < STATS_STEPS; i++) {
		if (!x->step[i].touches)
			continue;
		json_object(&j);
		kint(&j, "step", i);
		kint(&j, "touches", x->step[i].touches);
		kint(&j, "responses", x->step[i].responses);
		kdouble(&j, "rate", ratio(x->step[i].responses, x->step[i].touches));
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);

	kobject(&j, "funnel");
	kobject(&j, "reached");
	for (i = 0; i < 5; i++)
		kint(&j, funnel[i], x->funnel[i]);
	json_end_object(&j);
	kobject(&j, "lost_abandoned_at");
	for (i = 0; i < 6; i++)
		kint(&j, lost_at[i], x->abandoned[i]);
	json_end_object(&j);
	kdouble(&j, "abandoned_after_one", x->abandoned_after_one);
	kdouble(&j, "abandoned_after_one_benchmark", 0.44);
	kdouble(&j, "reached_five", x->reached_five);
	kdouble(&j, "reached_five_benchmark", 0.08);
	json_end_object(&j);

	kobject(&j, "speed");
	kdouble(&j, "first_followup_by_next_workday", x->first_on_time);
	kdouble(&j, "median_days_to_first_followup", x->first_days_median);
	json_end_object(&j);
	kobject(&j, "rhythm");
	kdouble(&j, "median_days_between_followups_won", x->gap_median_won);
	kdouble(&j, "median_days_between_followups_lost", x->gap_median_lost);
	json_end_object(&j);

	kobject(&j, "discipline");
	kint(&j, "overdue", x->overdue);
	json_key(&j, "oldest_overdue");
	if (x->oldest_id > 0) {
		json_object(&j);
		kint(&j, "id", x->oldest_id);
		json_key(&j, "name");
		json_string(&j, x->oldest_name);
		kint(&j, "days", x->oldest_days);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	kint(&j, "no_next_step", x->no_next_step);
	json_end_object(&j);

	kobject(&j, "qualification");
	group_object(&j, "well", x->well_n, x->well_followed, x->well_won, x->well_conversion);
	group_object(&j, "poor", x->poor_n, x->poor_followed, x->poor_won, x->poor_conversion);
	json_end_object(&j);
	json_end_object(&j);
	*out = json_take(&j);
	json_release(&j);
}

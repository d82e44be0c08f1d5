/*
 * cli_stats.c - `followup stats`: the follow-up metrics of SPEC §6, as
 * text beside the industry yardsticks, or as one JSON object.
 */
#include "followup/cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/stats.h"
#include "followup/util.h"

/* "37.5%" or "—" when there is no data. */
static const char *pct(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", v * 100.0);
	return buf;
}

static const char *num(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else if (v == (double)(long long)v)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
	return buf;
}

static void rate(const char *label, const struct stats_rate *r)
{
	char b[16];
	if (r->touches)
		printf("  %-8s %6s  (%lld of %lld)\n", label,
		       pct((double)r->responses / (double)r->touches, b, sizeof b), r->responses, r->touches);
}

static void text(const struct stats *x)
{
	char a[32], b[32], name[160];
	int i;

	printf("Prospects      %lld (active %lld, won %lld, lost %lld)\n", x->prospects, x->active,
	       x->won, x->lost);
	if (!x->prospects) {
		printf("no data yet: add prospects and log touches, then come back\n");
		return;
	}
	printf("Conversion     %s of %lld prospect%s with a follow-up won\n",
	       pct(x->conversion, a, sizeof a), x->followed_up, x->followed_up == 1 ? "" : "s");
	printf("To close       mean %s, median %s follow-ups (%lld won)\n",
	       num(x->close_mean, a, sizeof a), num(x->close_median, b, sizeof b), x->won);
	printf("Persistence    reached follow-up 1: %lld  2: %lld  3: %lld  4: %lld  5+: %lld\n",
	       x->funnel[0], x->funnel[1], x->funnel[2], x->funnel[3], x->funnel[4]);
	printf("               reached five: %s of prospects (only about 8%% of reps get there)\n",
	       pct(x->reached_five, a, sizeof a));
	printf("Lost after     0: %lld  1: %lld  2: %lld  3: %lld  4: %lld  5+: %lld follow-ups\n",
	       x->abandoned[0], x->abandoned[1], x->abandoned[2], x->abandoned[3], x->abandoned[4],
	       x->abandoned[5]);
	printf("               abandoned after one: %s of lost (44%% of reps give up after one)\n",
	       pct(x->abandoned_after_one, a, sizeof a));
	printf("Speed          first follow-up by the next workday: %s; median %s day%s to it\n",
	       pct(x->first_on_time, a, sizeof a), num(x->first_days_median, b, sizeof b),
	       x->first_days_median == 1 ? "" : "s");
	printf("Rhythm         median days between follow-ups: won %s, lost %s\n",
	       num(x->gap_median_won, a, sizeof a), num(x->gap_median_lost, b, sizeof b));
	printf("Response rate  (connected, replied or meeting)\n");
	for (i = 0; i < CH_COUNT; i++)
		rate(channel_name((enum channel)i), &x->channel[i]);
	for (i = 0; i < STATS_STEPS; i++) {
		char label[16];
		if (i == 0)
			snprintf(label, sizeof label, "day 0");
		else
			snprintf(label, sizeof label, "step %d%s", i, i == STATS_STEPS - 1 ? "+" : "");
		rate(label, &x->step[i]);
	}
	if (x->oldest_id)
		printf("Discipline     %lld overdue (oldest: %s #%lld, %d day%s); %lld need%s a decision\n",
		       x->overdue, util_sanitize(name, sizeof name, x->oldest_name, 40), x->oldest_id,
		       x->oldest_days, x->oldest_days == 1 ? "" : "s", x->no_next_step,
		       x->no_next_step == 1 ? "s" : "");
	else
		printf("Discipline     0 overdue; %lld need%s a decision\n", x->no_next_step,
		       x->no_next_step == 1 ? "s" : "");
	/* The rate counts wins after a follow-up, as the overall conversion
	 * does; the bracket counts the same, and the wins in all follow it. */
	printf("Qualification  well qualified (2+ flags): %s won (%lld of %lld followed up), %lld won in all\n",
	       pct(x->well_conversion, a, sizeof a), x->well_won_followed, x->well_followed, x->well_won);
	printf("               poorly qualified: %s won (%lld of %lld followed up), %lld won in all\n",
	       pct(x->poor_conversion, a, sizeof a), x->poor_won_followed, x->poor_followed, x->poor_won);
}

int cmd_stats(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'F'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	const char *from_s = NULL, *to_s = NULL;
	enum cli_format fmt = FMT_TEXT;
	int o, from = DATE_NONE, to = DATE_NONE;
	struct stats x;

	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		switch (o) {
		case OPT_HELP: return cli_usage(c->cmd), 0;
		case 'f': from_s = optarg; break;
		case 't': to_s = optarg; break;
		case 'F':
			if (cli_parse_format(optarg, (1u << FMT_TEXT) | (1u << FMT_JSON), &fmt) < 0)
				return -1;
			break;
		default: return -1;
		}
	}
	if (optind != argc)
		return cli_bad_args(c, "no arguments expected");
	if (cli_open(c) < 0)
		return -1;
	if ((from_s && cli_parse_date(c, from_s, "--from", 1, &from) < 0) ||
	    (to_s && cli_parse_date(c, to_s, "--to", 1, &to) < 0))
		return -1;
	if (from != DATE_NONE && to != DATE_NONE && to < from)
		return err_usage("--to %s: before --from %s", err_quote(to_s), err_quote(from_s));
	if (stats_compute(c->st, from, to, &x) < 0) {
		stats_release(&x);
		return -1;
	}
	if (fmt == FMT_JSON) {
		char *json;
		stats_json(&x, &json);
		stats_release(&x);
		printf("%s\n", json);
		free(json);
		return 0;
	}
	text(&x);
	stats_release(&x);
	return 0;
}

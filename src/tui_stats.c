/*
 * tui_stats.c - the stats view (key 4): the follow-up metrics of SPEC §6
 * as figures and bars.  Exports tui_stats_load() (reload calls it while
 * the view shows: one stats_compute() per reload, i.e. when the data, the
 * view or the search changed or on Ctrl-L, not per keystroke or paint),
 * tui_stats_draw() (draws the figures held in t->stats and nothing else)
 * and tui_stats_release().
 *
 * The conversion rate is explained on the line under it (what it
 * divides, and the wins it leaves out).
 *
 * The figures live in t->stats (struct tui_stats): the struct stats of
 * the last load, or the store's message when it failed, which the view
 * shows in its place.
 */
#include "tui_int.h"

#include <curses.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"

void tui_stats_load(struct tui *t)
{
	tui_stats_release(t);
	if (stats_compute(t->st, DATE_NONE, DATE_NONE, &t->stats.x) < 0) {
		stats_release(&t->stats.x);
		snprintf(t->stats.error, sizeof t->stats.error, "%s", err_message());
		t->stats.state = STATS_FAILED;
		return;
	}
	t->stats.state = STATS_READY;
}

void tui_stats_release(struct tui *t)
{
	if (t->stats.state == STATS_READY)
		stats_release(&t->stats.x);
	t->stats.state = STATS_NONE;
}

/* A bar of `value` out of `max` in `width` cells: Unicode blocks, or '#'
 * when the locale is not UTF-8. */
static void bar(int y, int x, int width, double value, double max, int attr)
{
	static const char *const eighths[9] = {"", "\u258F", "\u258E", "\u258D", "\u258C",
					       "\u258B", "\u258A", "\u2589", "\u2588"};
	int utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	long cells, i;

	if (width <= 0 || max <= 0 || value <= 0 || y >= LINES)
		return;
	cells = (long)(value / max * width * 8 + 0.5);
	attron(attr);
	move(y, x);
	for (i = 0; i + 8 <= cells; i += 8)
		addstr(utf8 ? eighths[8] : "#");
	if (cells % 8)
		addstr(utf8 ? eighths[cells % 8] : (cells % 8 >= 4 ? "#" : ""));
	attroff(attr);
}

void tui_stats_draw(const struct tui *t, int y0, int w)
{
	static const char *const funnel[5] = {"1", "2", "3", "4", "5+"};
	const struct stats *x = &t->stats.x;
	char line[256], a[16], b[16];
	int y = y0 + 1, i, bw = w - 34 > 40 ? 40 : w - 34;
	double max;

	if (t->stats.state == STATS_FAILED) {
		tui_put(y, 2, w - 2, t->stats.error, tui_attr(T_ERROR));
		return;
	}
	if (t->stats.state != STATS_READY)
		return;
#define PCT(v, buf) (isnan(v) ? "-" : (snprintf(buf, sizeof buf, "%.0f%%", (v) * 100), buf))
	snprintf(line, sizeof line, "Pipeline: %lld prospects, %lld active, %lld won, %lld lost;"
		 " conversion %s", x->prospects, x->active, x->won, x->lost, PCT(x->conversion, a));
	tui_put(y++, 2, w - 2, line, tui_attr(T_TITLE));
	/* What the conversion counts, in place (SPEC §6): a win without a
	 * follow-up is not one, which "1 won; conversion 0%" leaves puzzling. */
	snprintf(line, sizeof line, "conversion = won after a follow-up \u00f7 prospects followed up: %lld \u00f7 %lld",
		 x->won_followed, x->followed_up);
	if (x->won > x->won_followed)
		snprintf(line + strlen(line), sizeof line - strlen(line), "; %lld won without a follow-up",
			 x->won - x->won_followed);
	tui_put(y++, 4, w - 4, line, tui_attr(T_DIM));
	if (!x->prospects) {
		tui_put(++y, 2, w - 2, "no data yet: add prospects (a) and log touches (l)", tui_attr(T_DIM));
		return;
	}
	y++;
	tui_put(y++, 2, w - 2, "Persistence: prospects reaching each follow-up", tui_attr(T_HEADING));
	max = (double)x->prospects;
	for (i = 0; i < 5; i++, y++) {
		snprintf(line, sizeof line, "follow-up %-2s %6lld", funnel[i], x->funnel[i]);
		tui_put(y, 4, 22, line, 0);
		bar(y, 28, bw, (double)x->funnel[i], max, tui_attr(T_TODAY));
	}
	snprintf(line, sizeof line, "reached five: %s (reps overall: 8%%)   abandoned after one: %s of lost "
		 "(reps overall: 44%%)", PCT(x->reached_five, a), PCT(x->abandoned_after_one, b));
	tui_put(y++, 4, w - 4, line, 0);
	y++;
	tui_put(y++, 2, w - 2, "Response rate by channel", tui_attr(T_HEADING));
	for (i = 0; i < CH_COUNT; i++) {
		double r;
		if (!x->channel[i].touches)
			continue;
		r = (double)x->channel[i].responses / (double)x->channel[i].touches;
		snprintf(line, sizeof line, "%-6s %4s of %lld", channel_name((enum channel)i), PCT(r, a),
			 x->channel[i].touches);
		tui_put(y, 4, 22, line, 0);
		bar(y++, 28, bw, r, 1.0, tui_attr(T_HEADING));
	}
	y++;
	snprintf(line, sizeof line, "Speed: %s first followed up by the next workday, median %s days",
		 PCT(x->first_on_time, a), isnan(x->first_days_median) ? "-" :
		 (snprintf(b, sizeof b, "%.1f", x->first_days_median), b));
	tui_put(y++, 2, w - 2, line, 0);
	snprintf(line, sizeof line, "Discipline: %lld overdue%s%s, %lld need a decision", x->overdue,
		 x->oldest_id ? ", oldest " : "", x->oldest_id ? x->oldest_name : "", x->no_next_step);
	tui_put(y++, 2, w - 2, line, x->overdue ? tui_attr(T_OVERDUE) : 0);
	snprintf(line, sizeof line, "Qualification: well qualified %s won, poorly qualified %s won",
		 PCT(x->well_conversion, a), PCT(x->poor_conversion, b));
	tui_put(y++, 2, w - 2, line, 0);
#undef PCT
}

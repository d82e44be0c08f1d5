/*
 * tui_act.c - the handlers of the key table (tui_keys.c) that move, switch
 * views, search, and the rest that is not one prospect's (undo, export,
 * redraw, help, quit); the prospect's own are in tui_prospect.c.  Exports
 * the act_* functions the table names and tui_search_key() for the keys
 * typed after `/`.
 *
 * A handler changes struct tui (and the store) and returns R_* flags
 * (tui_int.h) for the main loop to reload and repaint; it does not draw.
 * The prompts it opens (the line editor, the help screen) are modal: they
 * read keys with tui_read_key() and repaint the screen under them through
 * t->under.  Results and errors go to the status line (tui_status_set).
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "followup/err.h"
#include "followup/export.h"
#include "followup/util.h"

static const char *const sort_names[] = {"name", "company", "due", "status"};

/* ---- moving ---------------------------------------------------------- */

static int move_sel(struct tui *t, long delta)
{
	long s = (long)t->sel, n = (long)t->n, step = delta > 0 ? 1 : -1;
	long target = s + delta;

	if (!n)
		return R_DRAW;
	if (target < 0)
		target = 0;
	if (target >= n)
		target = n - 1;
	/* Skip headings in the direction of travel, else the other way. */
	while (target >= 0 && target < n && !t->items[target].id)
		target += step;
	if (target < 0 || target >= n)
		for (target = s; target >= 0 && target < n && !t->items[target].id; target -= step)
			;
	if (target >= 0 && target < n && t->items[target].id)
		t->sel = (size_t)target;
	return R_DRAW;
}

/* A page: the list's height as last painted, less one row of context. */
static long page(const struct tui *t)
{
	return t->list_h > 1 ? t->list_h - 1 : 1;
}

int act_down(struct tui *t) { return move_sel(t, 1); }
int act_up(struct tui *t) { return move_sel(t, -1); }
int act_page_down(struct tui *t) { return move_sel(t, page(t)); }
int act_page_up(struct tui *t) { return move_sel(t, -page(t)); }
int act_bottom(struct tui *t) { return move_sel(t, (long)t->n); }

int act_top(struct tui *t)
{
	t->sel = 0;
	return move_sel(t, 0) | move_sel(t, 1) | move_sel(t, -1);
}

int act_open(struct tui *t)
{
	/* Where the pane fits beside or below the list, Enter shows or hides
	 * it; on a small terminal it takes the list's place. */
	if (COLS >= 110 || LINES - 2 >= 14)
		t->detail = !t->detail;
	else
		t->zoom = !t->zoom;
	return R_DRAW;
}

/* ---- views and search ------------------------------------------------- */

static int set_view(struct tui *t, enum view v)
{
	t->view = v;
	t->sel = t->top = 0;
	return R_RELOAD;
}

int act_view_next(struct tui *t) { return set_view(t, (enum view)((t->view + 1) % V__COUNT)); }
int act_view_due(struct tui *t) { return set_view(t, V_DUE); }
int act_view_upcoming(struct tui *t) { return set_view(t, V_UPCOMING); }
int act_view_all(struct tui *t) { return set_view(t, V_ALL); }
int act_view_stats(struct tui *t) { return set_view(t, V_STATS); }

int act_sort(struct tui *t)
{
	if (t->view != V_ALL) {
		tui_status_set(t, 0, "sorting is for the all-prospects view (3)");
		return R_DRAW;
	}
	t->sort = (enum list_sort)((t->sort + 1) % 4);
	tui_status_set(t, 0, "sorted by %s", sort_names[t->sort]);
	return R_RELOAD;
}

int act_search(struct tui *t)
{
	t->searching = 1;
	return R_DRAW;
}

int tui_search_key(struct tui *t, int is_code, wint_t key)
{
	size_t len = strlen(t->query);

	if (is_code) {
		if (key == KEY_BACKSPACE)
			goto backspace;
		if (key == KEY_ENTER)
			goto accept;
		return R_DRAW;
	}
	if (key == 27) {
		t->query[0] = '\0';
		t->searching = 0;
		return R_RELOAD;
	}
	if (key == L'\n' || key == L'\r') {
accept:
		t->searching = 0;
		return R_DRAW;
	}
	if (key == 127 || key == 8) {
backspace:
		/* Drop one UTF-8 character. */
		while (len && (t->query[len - 1] & 0xC0) == 0x80)
			len--;
		if (len)
			len--;
		t->query[len] = '\0';
		return R_RELOAD;
	}
	if (key == 21) { /* Ctrl-U */
		t->query[0] = '\0';
		return R_RELOAD;
	}
	if (iswprint(key)) {
		char mb[8];
		mbstate_t ps;
		size_t n;
		memset(&ps, 0, sizeof ps);
		n = wcrtomb(mb, (wchar_t)key, &ps);
		if (n != (size_t)-1 && len + n + 1 < sizeof t->query) {
			memcpy(t->query + len, mb, n);
			t->query[len + n] = '\0';
		}
		return R_RELOAD;
	}
	return R_DRAW;
}

/* ---- other --------------------------------------------------------------- */

int act_undo(struct tui *t)
{
	char label[512];
	if (store_undo(t->st, label, sizeof label) < 0)
		return tui_status_set(t, 1, "%s", err_message()), R_DRAW;
	tui_status_set(t, 0, "undone: %s", label);
	return R_RELOAD;
}

int act_export(struct tui *t)
{
	char path[1024], *full;
	const char *home = getenv("HOME");
	size_t len;
	int rc;

	snprintf(path, sizeof path, "%s/followup.ics", home ? home : ".");
	if (!tui_line_edit(&t->under, "export to (.ics file, or directory/ for a vdir): ", path, sizeof path) ||
	    !util_has_text(path))
		return tui_status_set(t, 0, "cancelled"), R_DRAW;
	full = config_expand_home(path);
	len = strlen(full);
	if (len > 1 && full[len - 1] == '/') {
		struct vdir_result r;
		full[len - 1] = '\0';
		rc = export_vdir(t->st, &t->c->cfg, t->c->today, full, EXPORT_DEFAULT_DAYS, &r);
		if (rc == 0)
			tui_status_set(t, 0, "vdir %s: %lld added, %lld changed, %lld unchanged, %lld removed", full,
				       r.added, r.changed, r.unchanged, r.removed);
	} else {
		long long n;
		rc = export_ics(t->st, &t->c->cfg, t->c->today, full, EXPORT_DEFAULT_DAYS, &n);
		if (rc == 0)
			tui_status_set(t, 0, "exported %lld event%s to %s", n, n == 1 ? "" : "s", full);
	}
	if (rc < 0)
		tui_status_set(t, 1, "%s", err_message());
	free(full);
	return R_DRAW;
}

int act_refresh(struct tui *t)
{
	(void)t;
	return R_CLEAR | R_RELOAD;
}

int act_help(struct tui *t)
{
	tui_help(&t->under);
	return R_DRAW;
}

int act_quit(struct tui *t)
{
	(void)t;
	return R_QUIT;
}

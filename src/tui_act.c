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

/* The list reads on past its window's edge as the selection moves
 * (tui_list.c): the view is never held whole. */
static int move_sel(struct tui *t, long delta)
{
	tui_list_move(t, delta);
	return R_DRAW;
}

/* A page: the list's height as last painted, less one row of context. */
static long page(const struct tui *t)
{
	return t->list_h > 1 ? t->list_h - 1 : 1;
}

static long half(const struct tui *t)
{
	return t->list_h > 3 ? t->list_h / 2 : 1;
}

int act_down(struct tui *t) { return move_sel(t, 1); }
int act_up(struct tui *t) { return move_sel(t, -1); }
int act_page_down(struct tui *t) { return move_sel(t, page(t)); }
int act_page_up(struct tui *t) { return move_sel(t, -page(t)); }
int act_half_down(struct tui *t) { return move_sel(t, half(t)); }
int act_half_up(struct tui *t) { return move_sel(t, -half(t)); }

/* g and G read the view's first or last rows by query, not by counting. */
int act_top(struct tui *t)
{
	tui_list_end(t, -1);
	return R_DRAW;
}

int act_bottom(struct tui *t)
{
	tui_list_end(t, 1);
	return R_DRAW;
}

/* A click selects the row under it; the wheel scrolls three rows.  Only
 * with [tui] mouse = on (tui.c asks for mouse events then). */
int act_mouse(struct tui *t)
{
	MEVENT ev;
	long y;

	if (getmouse(&ev) != OK)
		return R_DRAW;
	if (ev.bstate & BUTTON4_PRESSED)
		return move_sel(t, -3);
	if (ev.bstate & BUTTON5_PRESSED)
		return move_sel(t, 3);
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) || t->view == V_STATS)
		return R_DRAW;
	y = ev.y - t->list_y;
	if (y < 0 || y >= t->list_h || ev.x >= t->list_w)
		return R_DRAW;
	y += (long)t->top;
	if (y < (long)t->n && t->items[y].id)
		move_sel(t, y - (long)t->sel);
	return R_DRAW;
}

/* From the due list or the agenda, a search with no match there shows its
 * match among all prospects (an inbound call from someone not due). */
static int show_other(struct tui *t)
{
	long long id = tui_list_other(t);
	if (!id)
		return 0;
	t->view = V_ALL;
	t->want = id;
	t->reload_view = 1;
	return 1;
}

int act_open(struct tui *t)
{
	if (show_other(t))
		return R_RELOAD;
	/* Where the pane fits beside or below the list, Enter shows or hides
	 * it; on a small terminal it takes the list's place. */
	if (COLS >= 110 || LINES - 2 >= 14)
		t->detail = !t->detail;
	else
		t->zoom = !t->zoom;
	return R_DRAW;
}

/* ---- views and search ------------------------------------------------- */

/* The selected prospect stays selected where the new view has it. */
static int set_view(struct tui *t, enum view v)
{
	t->view = v;
	t->reload_view = 1;
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
	t->reload_view = 1;
	return R_RELOAD;
}

int act_search(struct tui *t)
{
	t->searching = 1;
	return R_DRAW;
}

/* Esc in the list: the search's filter goes (the list shows it while it
 * applies: the header and the hints). */
int act_clear_filter(struct tui *t)
{
	if (!t->query[0])
		return R_DRAW;
	t->query[0] = '\0';
	t->reload_view = 1;
	return R_RELOAD;
}

static int search_key(struct tui *t, int is_code, wint_t key)
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
	if (key == L'\n' || key == L'\r' || key == 3) { /* Ctrl-C: the search ends, its filter stays */
accept:
		t->searching = 0;
		/* "no match in Due — 1 in all prospects: Enter shows it" */
		if (key != 3 && show_other(t))
			return R_RELOAD;
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

/* Every change of the query reads the view again, around the prospect
 * the user chose when it matches (tui_list.c). */
int tui_search_key(struct tui *t, int is_code, wint_t key)
{
	int r = search_key(t, is_code, key);
	if (r & R_RELOAD)
		t->reload_view = 1;
	return r;
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

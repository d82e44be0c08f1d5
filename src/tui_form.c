/*
 * tui_form.c - a form of labelled fields in a box over the screen, edited
 * one after another: text fields with the line editor (tui_edit.c),
 * toggles with Space or x, choices (a cadence, a status) with Space,
 * Left and Right or their first letter, never typed.  Exports tui_form().
 *
 * The fields are the caller's array (struct tui_field, tui_int.h); the
 * form edits their values in place, so a cancelled form leaves them as
 * far as they were edited, and the caller decides what to keep.  A field
 * with an error shows it on a row of its own right under it (a 72-column
 * box has no room beside the value), and the caller puts the cursor
 * there (*cur).
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "followup/text.h"

#define VALUE_X 17 /* where values start, from the box's left edge */

/* The index of f's value among its choices, or -1. */
static int choice_of(const struct tui_field *f)
{
	int i;
	for (i = 0; i < f->nchoices; i++)
		if (!strcmp(f->choices[i], f->value))
			return i;
	return -1;
}

static void choose(struct tui_field *f, int i)
{
	if (f->nchoices > 0)
		snprintf(f->value, sizeof f->value, "%s", f->choices[(i % f->nchoices + f->nchoices) % f->nchoices]);
}

/* A choice field's value: every choice as a radio button when they fit in
 * width, else the chosen one between arrows and where it is in the list. */
static void draw_choice(const struct tui_field *f, int width)
{
	char buf[1024], fit[1024];
	size_t len = 0;
	int i, at = choice_of(f);

	buf[0] = '\0';
	for (i = 0; i < f->nchoices && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s(%s) %s", i ? "  " : "",
					i == at ? "\u2022" : " ", f->choices[i]);
	if (text_width(buf) > width)
		snprintf(buf, sizeof buf, "\u2039 %s \u203a  %d of %d", f->value, at + 1, f->nchoices);
	addstr(text_fit(fit, sizeof fit, buf, width, 0));
}

/* A text field's value as the editor draws it (a line break as ⏎), cut
 * to width columns. */
static void draw_value(const char *value, int width)
{
	wchar_t w[TUI_EDIT_MAX];
	size_t len, k;
	int used = 0;

	tui_to_wide(value, w, &len);
	for (k = 0; k < len; k++) {
		wchar_t one[2] = {w[k], 0};
		int cw = wcwidth(w[k]);
		cchar_t cc;
		if (w[k] == L'\n' || w[k] == L'\r')
			one[0] = L'\u23CE', cw = 1;
		else if (cw < 0)
			one[0] = L'?', cw = 1;
		if (used + cw > width)
			break;
		setcchar(&cc, one, A_NORMAL, 0, NULL);
		add_wch(&cc);
		used += cw;
	}
}

/* Where each field's row is: rows[i] is field i's row among the form's
 * rows (a field with an error takes two). */
static int layout_rows(const struct tui_field *f, int n, int *rows)
{
	int i, r = 0;
	for (i = 0; i < n; i++) {
		rows[i] = r++;
		if (f[i].error)
			r++;
	}
	return r;
}

/* Draw the box; *y, *x0, *width: where field cur's row and the box went;
 * *first: the first row shown (scrolled so that cur and its error show). */
static void draw_form(const char *title, struct tui_field *f, int n, int cur, int *cy, int *x0,
		      int *width, int *first)
{
	char buf[1024];
	int rows[64], total = layout_rows(f, n, rows);
	int h = total + 4, w = COLS > 74 ? 72 : COLS - 2, i, shown, y, y0;
	int want = rows[cur] + (f[cur].error ? 1 : 0);

	if (w < 20)
		w = COLS;
	/* Keep the header and the status line visible. */
	if (h > LINES - 2)
		h = LINES - 2 > 3 ? LINES - 2 : (LINES > 3 ? LINES : 3);
	shown = h - 4 > 0 ? h - 4 : 1;
	if (rows[cur] < *first)
		*first = rows[cur];
	if (want >= *first + shown)
		*first = want - shown + 1;
	if (rows[cur] < *first)
		*first = rows[cur];
	*x0 = (COLS - w) / 2;
	y0 = LINES - 2 >= h ? 1 + (LINES - 2 - h) / 2 : 0;
	*width = w;
	*cy = y0 + 1 + rows[cur] - *first;
	for (y = 0; y < h; y++)
		mvhline(y0 + y, *x0, ' ', w);
	if (h >= 3 && w >= 4) {
		mvhline(y0, *x0, ACS_HLINE, w);
		mvhline(y0 + h - 1, *x0, ACS_HLINE, w);
	}
	attron(tui_attr(T_TITLE));
	mvaddstr(y0, *x0 + 2, text_fit(buf, sizeof buf, title, w - 4, 0));
	attroff(tui_attr(T_TITLE));
	for (i = 0; i < n; i++) {
		struct tui_field *fl = &f[i];
		int yy = y0 + 1 + rows[i] - *first, vw = w - VALUE_X - 2 > 1 ? w - VALUE_X - 2 : 1;
		if (yy > y0 && yy < y0 + 1 + shown) {
			if (i == cur)
				attron(A_BOLD);
			if (fl->kind == F_TOGGLE)
				snprintf(buf, sizeof buf, "[%c] %s", fl->on ? 'x' : ' ', fl->label);
			else
				snprintf(buf, sizeof buf, "%14s: ", fl->label);
			mvaddstr(yy, *x0 + 1, buf);
			attroff(A_BOLD);
			if (fl->kind == F_TEXT) {
				move(yy, *x0 + VALUE_X);
				draw_value(fl->value, vw);
			} else if (fl->kind == F_CHOICE) {
				move(yy, *x0 + VALUE_X);
				draw_choice(fl, vw);
			}
		}
		if (fl->error && yy + 1 > y0 && yy + 1 < y0 + 1 + shown) {
			char e[600];
			snprintf(e, sizeof e, "\u2191 %s", fl->error);
			tui_put(yy + 1, *x0 + VALUE_X, vw, e, tui_attr(T_ERROR));
		}
	}
	mvaddstr(y0 + h - 2 > y0 ? y0 + h - 2 : y0, *x0 + 1,
		 text_fit(buf, sizeof buf,
			  "Tab/\u2193 next  \u2191 prev  Space/\u2190/\u2192 change  Enter saves  Esc cancels",
			  w - 2, 0));
}

/* A key on a toggle or a choice field: 1 to save, 0 to cancel, -1 to go
 * on (*cur moved or the value changed). */
static int other_key(struct tui_field *f, int n, int *cur, enum tui_in in, wint_t key)
{
	struct tui_field *fl = &f[*cur];
	int at = choice_of(fl), i;

	if (in == IN_CODE) {
		if (key == KEY_DOWN)
			*cur = (*cur + 1) % n;
		else if (key == KEY_UP || key == KEY_BTAB)
			*cur = (*cur + n - 1) % n;
		else if (key == KEY_ENTER)
			return 1;
		else if (fl->kind == F_CHOICE && key == KEY_RIGHT)
			choose(fl, at + 1);
		else if (fl->kind == F_CHOICE && key == KEY_LEFT)
			choose(fl, at < 0 ? 0 : at - 1);
		else if (fl->kind == F_TOGGLE && (key == KEY_RIGHT || key == KEY_LEFT))
			fl->on = !fl->on;
		return -1;
	}
	if (key == L'\t')
		*cur = (*cur + 1) % n;
	else if (key == L'\n' || key == L'\r')
		return 1;
	else if (key == 27 || key == CTRL('c'))
		return 0;
	else if (fl->kind == F_TOGGLE) {
		if (key == L' ' || key == L'x')
			fl->on = !fl->on;
		else if (key == L'j')
			*cur = (*cur + 1) % n;
		else if (key == L'k')
			*cur = (*cur + n - 1) % n;
	} else if (key == L' ') {
		choose(fl, at + 1);
	} else if (iswalpha(key)) {
		/* The next choice that starts with the letter. */
		for (i = 1; i <= fl->nchoices; i++) {
			const char *c = fl->choices[((at < 0 ? 0 : at) + i) % fl->nchoices];
			if ((wint_t)towlower((wint_t)(unsigned char)c[0]) == towlower(key)) {
				snprintf(fl->value, sizeof fl->value, "%s", c);
				break;
			}
		}
	}
	return -1;
}

int tui_form(const struct tui_repaint *under, const char *title, struct tui_field *f, int n, int *cur)
{
	int top, x0, w, first = 0, r;
	wint_t key;

	if (n > 32) /* draw_form's row table (tui_int.h: at most 32) */
		n = 32;
	if (*cur < 0 || *cur >= n)
		*cur = 0;
	for (;;) {
		enum tui_in in;
		/* The screen under the box first: the box may have moved. */
		if (under && under->fn)
			under->fn(under->ctx);
		draw_form(title, f, n, *cur, &top, &x0, &w, &first);
		if (f[*cur].kind == F_TEXT) {
			wchar_t wbuf[TUI_EDIT_MAX];
			size_t len, pos;
			enum edit_end e;
			tui_to_wide(f[*cur].value, wbuf, &len);
			pos = len;
			e = tui_edit_line(under, top, x0 + VALUE_X, w - VALUE_X - 2 > 1 ? w - VALUE_X - 2 : 1, wbuf,
					  &len, &pos, sizeof f[*cur].value, EDIT_NAV);
			tui_from_wide(wbuf, len, f[*cur].value, sizeof f[*cur].value);
			switch (e) {
			case E_ACCEPT: return 1;
			case E_CANCEL: return 0;
			case E_NEXT: *cur = (*cur + 1) % n; break;
			case E_PREV: *cur = (*cur + n - 1) % n; break;
			case E_RESIZE: break;
			}
			continue;
		}
		curs_set(0);
		refresh();
		in = tui_read_key(under, &key);
		if (in == IN_QUIT)
			return 0;
		if (in == IN_IDLE || in == IN_RESIZE)
			continue;
		if ((r = other_key(f, n, cur, in, key)) >= 0)
			return r;
	}
}

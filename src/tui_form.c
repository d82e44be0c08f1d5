/*
 * tui_form.c - a form of labelled fields in a box over the screen, edited
 * one after another: text fields with the line editor (tui_edit.c),
 * toggles with Space or x.  Exports tui_form().
 *
 * The fields are the caller's array (struct tui_field, tui_int.h); the
 * form edits their values in place, so a cancelled form leaves them as
 * far as they were edited, and the caller decides what to keep.
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>

#include "followup/text.h"

/* Draw the box; *top, *x0, *y0, *width: where the fields went, *first:
 * the first field shown (scrolled so that cur shows). */
static void draw_form(const char *title, struct tui_field *f, int n, int cur, int *top, int *x0,
		      int *y0, int *width, int *first)
{
	char buf[1024];
	int h = n + 4, w = COLS > 74 ? 72 : COLS - 2, i, rows, y;

	if (w < 20)
		w = COLS;
	/* Keep the header and the status line visible. */
	if (h > LINES - 2)
		h = LINES - 2 > 3 ? LINES - 2 : (LINES > 3 ? LINES : 3);
	rows = h - 4 > 0 ? h - 4 : 1;
	if (cur < *first)
		*first = cur;
	if (cur >= *first + rows)
		*first = cur - rows + 1;
	*x0 = (COLS - w) / 2;
	*y0 = LINES - 2 >= h ? 1 + (LINES - 2 - h) / 2 : 0;
	*width = w;
	for (y = 0; y < h; y++)
		mvhline(*y0 + y, *x0, ' ', w);
	if (h >= 3 && w >= 4) {
		mvhline(*y0, *x0, ACS_HLINE, w);
		mvhline(*y0 + h - 1, *x0, ACS_HLINE, w);
	}
	attron(tui_attr(T_TITLE));
	mvaddstr(*y0, *x0 + 2, text_fit(buf, sizeof buf, title, w - 4, 0));
	attroff(tui_attr(T_TITLE));
	for (i = 0; i < rows && *first + i < n; i++) {
		struct tui_field *fl = &f[*first + i];
		int yy = *y0 + 1 + i;
		if (*first + i == cur)
			attron(A_BOLD);
		if (fl->kind == F_TOGGLE)
			snprintf(buf, sizeof buf, "[%c] %s", fl->on ? 'x' : ' ', fl->label);
		else
			snprintf(buf, sizeof buf, "%14s: ", fl->label);
		mvaddstr(yy, *x0 + 1, buf);
		attroff(A_BOLD);
		if (fl->kind == F_TEXT) {
			char v[1024];
			addstr(text_fit(v, sizeof v, fl->value, w - 19 > 1 ? w - 19 : 1, 0));
		}
	}
	mvaddstr(*y0 + h - 2 > *y0 ? *y0 + h - 2 : *y0, *x0 + 1,
		 text_fit(buf, sizeof buf, "Tab/Down next, Up prev, Space toggles, Enter saves, Esc cancels",
			  w - 2, 0));
	*top = *y0 + 1;
}

int tui_form(const struct tui_repaint *under, const char *title, struct tui_field *f, int n)
{
	int cur = 0, top, x0, y0, w, first = 0;
	wint_t key;

	for (;;) {
		/* The screen under the box first: the box may have moved. */
		if (under && under->fn)
			under->fn(under->ctx);
		draw_form(title, f, n, cur, &top, &x0, &y0, &w, &first);
		if (f[cur].kind == F_TEXT) {
			wchar_t wbuf[TUI_EDIT_MAX];
			size_t len, pos;
			enum edit_end e;
			tui_to_wide(f[cur].value, wbuf, &len);
			pos = len;
			e = tui_edit_line(under, top + cur - first, x0 + 17, w - 19 > 1 ? w - 19 : 1, wbuf, &len,
					  &pos, sizeof f[cur].value, 1);
			tui_from_wide(wbuf, len, f[cur].value, sizeof f[cur].value);
			switch (e) {
			case E_ACCEPT: return 1;
			case E_CANCEL: return 0;
			case E_NEXT: cur = (cur + 1) % n; break;
			case E_PREV: cur = (cur + n - 1) % n; break;
			case E_RESIZE: break;
			}
			continue;
		}
		refresh();
		switch (tui_read_key(under, &key)) {
		case IN_QUIT:
			return 0;
		case IN_IDLE:
		case IN_RESIZE:
			continue;
		case IN_CODE:
			if (key == KEY_DOWN)
				cur = (cur + 1) % n;
			else if (key == KEY_UP || key == KEY_BTAB)
				cur = (cur + n - 1) % n;
			else if (key == KEY_ENTER)
				return 1;
			continue;
		case IN_CHAR:
			break;
		}
		if (key == L' ' || key == L'x')
			f[cur].on = !f[cur].on;
		else if (key == L'\t' || key == L'j')
			cur = (cur + 1) % n;
		else if (key == L'k')
			cur = (cur + n - 1) % n;
		else if (key == L'\n' || key == L'\r')
			return 1;
		else if (key == 27)
			return 0;
	}
}

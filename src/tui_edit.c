/*
 * tui_edit.c - the TUI's line editor: wide characters, cursor keys,
 * Ctrl-A/E/B/F/U/K/W, horizontal scrolling.  Exports tui_edit_line() (one
 * field anywhere on screen; the form uses it), tui_line_edit() (a prompt
 * on the status line) and the UTF-8 <-> wchar_t conversions they share.
 *
 * Text is kept as wchar_t while editing so cursor moves and deletion work
 * on characters; widths come from wcwidth so CJK and emoji line up.  The
 * buffer holds TUI_EDIT_MAX characters; the caller's byte limit is
 * checked on each insertion.
 */
#include "tui_int.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "followup/text.h"

#define CTRL(c) ((c) & 0x1f)

/* Display width of w[from..to). */
static int wwidth(const wchar_t *w, size_t from, size_t to)
{
	int n = 0, cw;
	size_t i;
	for (i = from; i < to; i++) {
		cw = wcwidth(w[i]);
		n += cw < 0 ? 1 : cw;
	}
	return n;
}

/* UTF-8 length of w[0..len). */
static size_t utf8_len(const wchar_t *w, size_t len)
{
	char tmp[8];
	mbstate_t ps;
	size_t i, n = 0, k;
	memset(&ps, 0, sizeof ps);
	for (i = 0; i < len; i++) {
		k = wcrtomb(tmp, w[i], &ps);
		n += k == (size_t)-1 ? 1 : k;
	}
	return n;
}

/* Draw w from character start on row y, columns x .. x+width-1, padded;
 * the cursor at *cur. */
static void draw_line(int y, int x, int width, const wchar_t *w, size_t len, size_t start, size_t cur)
{
	int used = 0;
	size_t i;

	move(y, x);
	for (i = start; i < len; i++) {
		int cw = wcwidth(w[i]);
		cchar_t cc;
		wchar_t one[2] = {w[i], 0};
		if (cw < 0)
			cw = 1;
		if (used + cw > width)
			break;
		setcchar(&cc, one, A_NORMAL, 0, NULL);
		add_wch(&cc);
		used += cw;
	}
	for (; used < width; used++)
		addch(' ');
	move(y, x + wwidth(w, start, cur));
	refresh();
}

enum edit_end tui_edit_line(const struct tui_repaint *under, int y, int x, int width, wchar_t *w,
			    size_t *len, size_t *cur, size_t bytes_max, int nav)
{
	size_t start = 0;
	wint_t key;

	curs_set(1);
	for (;;) {
		if (*cur < start)
			start = *cur;
		while (start < *cur && wwidth(w, start, *cur) >= width - 1)
			start++;
		draw_line(y, x, width, w, *len, start, *cur);
		switch (tui_read_key(under, &key)) {
		case IN_QUIT: curs_set(0); return E_CANCEL;
		case IN_IDLE: continue;
		case IN_RESIZE: curs_set(0); return E_RESIZE;
		case IN_CODE:
			switch (key) {
			case KEY_ENTER: curs_set(0); return E_ACCEPT;
			case KEY_LEFT: if (*cur) (*cur)--; break;
			case KEY_RIGHT: if (*cur < *len) (*cur)++; break;
			case KEY_HOME: *cur = 0; break;
			case KEY_END: *cur = *len; break;
			case KEY_BACKSPACE:
				if (*cur) {
					memmove(w + *cur - 1, w + *cur, (*len - *cur) * sizeof *w);
					(*cur)--, (*len)--;
				}
				break;
			case KEY_DC:
				if (*cur < *len) {
					memmove(w + *cur, w + *cur + 1, (*len - *cur - 1) * sizeof *w);
					(*len)--;
				}
				break;
			case KEY_DOWN: if (nav) { curs_set(0); return E_NEXT; } break;
			case KEY_UP: case KEY_BTAB: if (nav) { curs_set(0); return E_PREV; } break;
			default: break;
			}
			continue;
		case IN_CHAR:
			break;
		}
		switch (key) {
		case L'\n': case L'\r': curs_set(0); return E_ACCEPT;
		case 27: curs_set(0); return E_CANCEL;
		case L'\t': if (nav) { curs_set(0); return E_NEXT; } break;
		case CTRL('a'): *cur = 0; break;
		case CTRL('e'): *cur = *len; break;
		case CTRL('b'): if (*cur) (*cur)--; break;
		case CTRL('f'): if (*cur < *len) (*cur)++; break;
		case CTRL('u'):
			memmove(w, w + *cur, (*len - *cur) * sizeof *w);
			*len -= *cur;
			*cur = 0;
			break;
		case CTRL('k'): *len = *cur; break;
		case CTRL('w'): {
			size_t s = *cur;
			while (s && w[s - 1] == L' ')
				s--;
			while (s && w[s - 1] != L' ')
				s--;
			memmove(w + s, w + *cur, (*len - *cur) * sizeof *w);
			*len -= *cur - s;
			*cur = s;
			break;
		}
		case 127: case CTRL('h'):
			if (*cur) {
				memmove(w + *cur - 1, w + *cur, (*len - *cur) * sizeof *w);
				(*cur)--, (*len)--;
			}
			break;
		default:
			if (iswprint((wint_t)key) && *len + 1 < TUI_EDIT_MAX) {
				wchar_t c = (wchar_t)key;
				if (utf8_len(w, *len) + utf8_len(&c, 1) + 1 > bytes_max)
					break;
				memmove(w + *cur + 1, w + *cur, (*len - *cur) * sizeof *w);
				w[*cur] = c;
				(*cur)++, (*len)++;
			}
		}
	}
}

void tui_to_wide(const char *s, wchar_t *w, size_t *len)
{
	size_t n = mbstowcs(w, s, TUI_EDIT_MAX - 1);
	if (n == (size_t)-1)
		n = 0;
	w[n] = 0;
	*len = n;
}

void tui_from_wide(const wchar_t *w, size_t len, char *buf, size_t n)
{
	wchar_t tmp[TUI_EDIT_MAX];
	size_t r;
	memcpy(tmp, w, len * sizeof *w);
	tmp[len] = 0;
	r = wcstombs(buf, tmp, n - 1);
	buf[r == (size_t)-1 ? 0 : r] = '\0';
}

int tui_line_edit(const struct tui_repaint *under, const char *prompt, char *buf, size_t n)
{
	wchar_t w[TUI_EDIT_MAX];
	size_t len, cur;
	char shown[256];

	tui_to_wide(buf, w, &len);
	cur = len;
	for (;;) {
		int y = LINES - 1, pw;
		move(y, 0);
		clrtoeol();
		attron(tui_attr(T_TITLE));
		text_fit(shown, sizeof shown, prompt, COLS / 2, 0);
		mvaddstr(y, 0, shown);
		attroff(tui_attr(T_TITLE));
		pw = text_width(shown);
		switch (tui_edit_line(under, y, pw, COLS - pw > 1 ? COLS - pw : 1, w, &len, &cur, n, 0)) {
		case E_ACCEPT:
			tui_from_wide(w, len, buf, n);
			return 1;
		case E_CANCEL:
			return 0;
		default: /* E_RESIZE: the screen under is repainted; the prompt again */
			break;
		}
	}
}

/*
 * tui_form.c - the TUI's input pieces: reading keys, a line editor
 * (wide characters, cursor keys, Ctrl-A/E/U/K/W, horizontal scrolling), a
 * form of fields built on it, the help screen generated from the key
 * table, and the color/monochrome attributes.
 *
 * Text is kept as wchar_t while editing so cursor moves and deletion work
 * on characters; widths come from wcwidth so CJK and emoji line up.
 */
#include <curses.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "followup/text.h"
#include "followup/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define EDIT_MAX 512

static int attrs[T_HEADING + 1];

void tui_attr_init(int color)
{
	int i;
	for (i = 0; i <= T_HEADING; i++)
		attrs[i] = A_NORMAL;
	if (color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_RED, -1);
		init_pair(3, COLOR_YELLOW, -1);
		init_pair(4, COLOR_WHITE, COLOR_RED);
		init_pair(5, COLOR_CYAN, -1);
		attrs[T_HEADER] = COLOR_PAIR(1) | A_BOLD;
		attrs[T_OVERDUE] = COLOR_PAIR(2) | A_BOLD;
		attrs[T_TODAY] = COLOR_PAIR(3) | A_BOLD;
		attrs[T_ERROR] = COLOR_PAIR(4) | A_BOLD;
		attrs[T_HEADING] = COLOR_PAIR(5) | A_BOLD;
	} else {
		attrs[T_HEADER] = A_REVERSE;
		attrs[T_OVERDUE] = A_BOLD;
		attrs[T_TODAY] = A_UNDERLINE;
		attrs[T_ERROR] = A_REVERSE | A_BOLD;
		attrs[T_HEADING] = A_BOLD | A_UNDERLINE;
	}
	attrs[T_SELECTED] = A_REVERSE;
	attrs[T_DIM] = A_DIM;
	attrs[T_TITLE] = A_BOLD;
}

int tui_attr(enum tui_attr a)
{
	return attrs[a];
}

volatile sig_atomic_t tui_quit;

int tui_getkey(wint_t *key)
{
	static int fast_errors;
	struct timespec t0, t1;
	struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
	int r;

	if (tui_quit)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = get_wch(key);
	if (r == KEY_CODE_YES)
		return fast_errors = 0, 1;
	if (r == OK)
		return fast_errors = 0, 0;
	/* A timeout takes the full second; an error that returns at once,
	 * again and again, or a hung-up stdin means the terminal is gone:
	 * quit instead of spinning. */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 100)
		fast_errors++;
	else
		fast_errors = 0;
	if (fast_errors > 20 ||
	    (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))))
		tui_quit = 1;
	return -1;
}

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

enum edit_end { E_ACCEPT, E_CANCEL, E_NEXT, E_PREV, E_RESIZE };

/*
 * Edit w (len characters, cursor *cur) on row y, columns x .. x+width-1.
 * Returns why editing stopped; `nav` lets Tab/Up/Down end it (forms).
 */
static enum edit_end edit_line(int y, int x, int width, wchar_t *w, size_t *len, size_t *cur,
			       size_t bytes_max, int nav)
{
	size_t start = 0, i;
	wint_t key;
	int k;

	curs_set(1);
	for (;;) {
		int used = 0;
		if (*cur < start)
			start = *cur;
		while (start < *cur && wwidth(w, start, *cur) >= width - 1)
			start++;
		move(y, x);
		for (i = start; i < *len; i++) {
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
		move(y, x + wwidth(w, start, *cur));
		refresh();
		k = tui_getkey(&key);
		if (k < 0) {
			if (tui_quit) {
				curs_set(0);
				return E_CANCEL;
			}
			continue;
		}
		if (k == 1) {
			switch (key) {
			case KEY_ENTER: curs_set(0); return E_ACCEPT;
			case KEY_RESIZE: curs_set(0); return E_RESIZE;
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
			if (iswprint((wint_t)key) && *len + 1 < EDIT_MAX) {
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

static void to_wide(const char *s, wchar_t *w, size_t *len)
{
	size_t n = mbstowcs(w, s, EDIT_MAX - 1);
	if (n == (size_t)-1)
		n = 0;
	w[n] = 0;
	*len = n;
}

static void from_wide(const wchar_t *w, size_t len, char *buf, size_t n)
{
	wchar_t tmp[EDIT_MAX];
	size_t r;
	memcpy(tmp, w, len * sizeof *w);
	tmp[len] = 0;
	r = wcstombs(buf, tmp, n - 1);
	buf[r == (size_t)-1 ? 0 : r] = '\0';
}

int tui_line_edit(const struct tui_edit_ctx *rc, const char *prompt, char *buf, size_t n)
{
	wchar_t w[EDIT_MAX];
	size_t len, cur;
	char shown[256];

	to_wide(buf, w, &len);
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
		switch (edit_line(y, pw, COLS - pw > 1 ? COLS - pw : 1, w, &len, &cur, n, 0)) {
		case E_ACCEPT:
			from_wide(w, len, buf, n);
			return 1;
		case E_CANCEL:
			return 0;
		case E_RESIZE:
			if (rc && rc->repaint)
				rc->repaint(rc->ctx);
			break;
		default:
			break;
		}
	}
}

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

int tui_form(const struct tui_edit_ctx *rc, const char *title, struct tui_field *f, int n)
{
	int cur = 0, top, x0, y0, w, first = 0;
	wint_t key;
	int k;

	for (;;) {
		if (rc && rc->repaint)
			rc->repaint(rc->ctx);
		draw_form(title, f, n, cur, &top, &x0, &y0, &w, &first);
		if (f[cur].kind == F_TEXT) {
			wchar_t wbuf[EDIT_MAX];
			size_t len, pos;
			enum edit_end e;
			to_wide(f[cur].value, wbuf, &len);
			pos = len;
			e = edit_line(top + cur - first, x0 + 17, w - 19 > 1 ? w - 19 : 1, wbuf, &len, &pos,
				      sizeof f[cur].value, 1);
			from_wide(wbuf, len, f[cur].value, sizeof f[cur].value);
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
		k = tui_getkey(&key);
		if (k < 0) {
			if (tui_quit)
				return 0;
			continue;
		}
		if (k == 1) {
			if (key == KEY_RESIZE)
				continue;
			if (key == KEY_DOWN)
				cur = (cur + 1) % n;
			else if (key == KEY_UP || key == KEY_BTAB)
				cur = (cur + n - 1) % n;
			else if (key == KEY_ENTER)
				return 1;
			continue;
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

void tui_help(const struct tui_edit_ctx *rc)
{
	const struct tui_key *k;
	const char *group = NULL;
	char buf[512], fit[512];
	int y, start = 0, total = 0, i;
	wint_t key;

	for (k = tui_keys; k->action != ACT_NONE; k++)
		total += 1 + (group == NULL || k->group != group ? 2 : 0), group = k->group;
	for (;;) {
		erase();
		attron(tui_attr(T_HEADER));
		mvhline(0, 0, ' ', COLS);
		mvaddstr(0, 1, text_fit(buf, sizeof buf, "followup help  (j/k scroll, any other key closes)", COLS - 2, 0));
		attroff(tui_attr(T_HEADER));
		group = NULL;
		y = 1 - start;
		for (k = tui_keys, i = 0; k->action != ACT_NONE; k++, i++) {
			if (group == NULL || k->group != group) {
				y++;
				if (y >= 1 && y < LINES) {
					attron(tui_attr(T_HEADING));
					mvaddstr(y, 1, k->group);
					attroff(tui_attr(T_HEADING));
				}
				y++;
				group = k->group;
			}
			if (y >= 1 && y < LINES) {
				snprintf(buf, sizeof buf, "  %-14s %s", k->keynames, k->help);
				mvaddstr(y, 0, text_fit(fit, sizeof fit, buf, COLS, 0));
			}
			y++;
		}
		refresh();
		if ((i = tui_getkey(&key)) < 0) {
			if (tui_quit)
				return;
			continue;
		}
		if (i == 1 && key == KEY_RESIZE) {
			if (rc && rc->repaint)
				rc->repaint(rc->ctx);
			continue;
		}
		if (i == 1 && key == KEY_DOWN)
			key = L'j';
		if (i == 1 && key == KEY_UP)
			key = L'k';
		if (key == L'j' && start + LINES - 1 < total + 2)
			start++;
		else if (key == L'k' && start > 0)
			start--;
		else if (key != L'j' && key != L'k')
			return;
	}
}

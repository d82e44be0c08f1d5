/*
 * tui_edit.c - the TUI's line editor: wide characters, cursor keys,
 * Ctrl-A/E/B/F/U/K/W, pastes.  Exports tui_edit_line() (one field
 * anywhere on screen, scrolled sideways; the form uses it),
 * tui_prompt_edit() and tui_line_edit() (a prompt at the bottom of the
 * screen, wrapped over as many rows as its text needs) and the UTF-8 <->
 * wchar_t conversions they share.
 *
 * Text is kept as wchar_t while editing so cursor moves and deletion work
 * on characters; widths come from wcwidth so CJK and emoji line up.  The
 * buffer holds TUI_EDIT_MAX characters; the caller's byte limit is
 * checked on each insertion.
 *
 * A paste (TUI_KEY_PASTE, see tui_input.c) is inserted whole at the
 * cursor.  In a note (EDIT_LINES) its line breaks are kept, and the
 * prompt grows upward to show them as lines (it wraps long text too, so a
 * recap can be read back before Enter saves it); in a one-line field each
 * run of line breaks becomes one space.  A one-line field that already
 * holds a line break (a note imported from a CRM) shows it as ⏎.  Only a
 * typed Enter ends the edit: a pasted line break is text.
 *
 * Ctrl-C and Esc both cancel (E_CANCEL); the text is left in the caller's
 * buffer either way, so that the caller can keep it as a draft.
 */
#include "tui_int.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "followup/text.h"

#define SHOWN_BREAK L'\u23CE' /* ⏎: a line break in a one-line field */

/* Display width of one character as drawn here. */
static int cwidth(wchar_t c)
{
	int cw;
	if (c == L'\n')
		return 1;
	cw = wcwidth(c);
	return cw < 0 ? 1 : cw;
}

/* Display width of w[from..to). */
static int wwidth(const wchar_t *w, size_t from, size_t to)
{
	int n = 0;
	size_t i;
	for (i = from; i < to; i++)
		n += cwidth(w[i]);
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

/* Put one character at the cursor (a line break as ⏎, anything the
 * terminal cannot show as '?'). */
static void put_char(wchar_t c, attr_t attr)
{
	cchar_t cc;
	wchar_t one[2] = {c, 0};
	if (c == L'\n' || c == L'\r')
		one[0] = SHOWN_BREAK;
	else if (wcwidth(c) < 0)
		one[0] = L'?';
	setcchar(&cc, one, attr, 0, NULL);
	add_wch(&cc);
}

/* Draw w from character start on row y, columns x .. x+width-1, padded;
 * the cursor at *cur. */
static void draw_line(int y, int x, int width, const wchar_t *w, size_t len, size_t start, size_t cur)
{
	int used = 0;
	size_t i;

	move(y, x);
	for (i = start; i < len; i++) {
		int cw = cwidth(w[i]);
		if (used + cw > width)
			break;
		put_char(w[i], A_NORMAL);
		used += cw;
	}
	for (; used < width; used++)
		addch(' ');
	move(y, x + wwidth(w, start, cur));
	refresh();
}

/* ---- editing keys ------------------------------------------------------- */

/* What one editor works on. */
struct ed {
	wchar_t *w;
	size_t *len, *cur;
	size_t bytes_max; /* the caller's buffer, NUL included */
	int flags;        /* EDIT_NAV, EDIT_LINES */
	int cut;          /* the last paste did not fit */
};

/* Insert n characters at the cursor, as many as fit. */
static void insert(struct ed *e, const wchar_t *src, size_t n)
{
	size_t room = TUI_EDIT_MAX - 1 - *e->len, bytes = utf8_len(e->w, *e->len), k;

	for (k = 0; k < n && room; k++) {
		size_t b = utf8_len(&src[k], 1);
		if (bytes + b + 1 > e->bytes_max)
			break;
		bytes += b;
		room--;
	}
	if (k < n)
		e->cut = 1;
	memmove(e->w + *e->cur + k, e->w + *e->cur, (*e->len - *e->cur) * sizeof *e->w);
	memcpy(e->w + *e->cur, src, k * sizeof *src);
	*e->cur += k;
	*e->len += k;
}

/* The paste of tui_input.c, as this field takes it. */
static void paste(struct ed *e)
{
	static wchar_t tmp[TUI_PASTE_MAX];
	size_t n, i, o = 0;
	int cut;
	const wchar_t *p = tui_paste_text(&n, &cut);

	for (i = 0; i < n; i++) {
		if (p[i] != L'\n' || (e->flags & EDIT_LINES)) {
			tmp[o++] = p[i];
			continue;
		}
		/* One-line field: a run of line breaks is one space, none at
		 * the ends of the paste. */
		while (i + 1 < n && p[i + 1] == L'\n')
			i++;
		if (o && i + 1 < n)
			tmp[o++] = L' ';
	}
	insert(e, tmp, o);
	if (cut)
		e->cut = 1;
}

enum { K_GO_ON = -1, K_ROW_UP = -2, K_ROW_DOWN = -3 };

/* One key: K_GO_ON (keep editing), K_ROW_UP/DOWN (the caller moves the
 * cursor a row), or an enum edit_end. */
static int edit_key(struct ed *e, enum tui_in in, wint_t key)
{
	wchar_t *w = e->w;
	size_t *len = e->len, *cur = e->cur;
	int nav = e->flags & EDIT_NAV;

	if (in != IN_IDLE)
		e->cut = 0;
	switch (in) {
	case IN_QUIT: return E_CANCEL;
	case IN_IDLE: return K_GO_ON;
	case IN_RESIZE: return E_RESIZE;
	case IN_CODE:
		switch (key) {
		case TUI_KEY_PASTE: paste(e); break;
		case KEY_ENTER: return E_ACCEPT;
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
		case KEY_DOWN: return nav ? E_NEXT : K_ROW_DOWN;
		case KEY_UP: return nav ? E_PREV : K_ROW_UP;
		case KEY_BTAB: if (nav) return E_PREV; break;
		default: break;
		}
		return K_GO_ON;
	case IN_CHAR:
		break;
	}
	switch (key) {
	case L'\n': case L'\r': return E_ACCEPT;
	case 27: case CTRL('c'): return E_CANCEL;
	case L'\t': if (nav) return E_NEXT; break;
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
		while (s && iswspace((wint_t)w[s - 1]))
			s--;
		while (s && !iswspace((wint_t)w[s - 1]))
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
		if (iswprint((wint_t)key)) {
			wchar_t c = (wchar_t)key;
			insert(e, &c, 1);
		}
	}
	return K_GO_ON;
}

enum edit_end tui_edit_line(const struct tui_repaint *under, int y, int x, int width, wchar_t *w,
			    size_t *len, size_t *cur, size_t bytes_max, int flags)
{
	struct ed e = {w, len, cur, bytes_max, flags & ~EDIT_LINES, 0};
	size_t start = 0;
	wint_t key;
	int r;

	curs_set(1);
	for (;;) {
		enum tui_in in;
		if (*cur < start)
			start = *cur;
		while (start < *cur && wwidth(w, start, *cur) >= width - 1)
			start++;
		draw_line(y, x, width, w, *len, start, *cur);
		in = tui_read_key(under, &key);
		r = edit_key(&e, in, key);
		if (r >= 0) {
			curs_set(0);
			return (enum edit_end)r;
		}
	}
}

/* ---- the prompt at the bottom of the screen ------------------------------- */

/* One row of wrapped text: w[s..e) (a line break at e is not shown). */
struct vrow {
	size_t s, e;
};

/*
 * Wrap w into rows of at most width - 1 columns (the last column keeps
 * room for the cursor), at a line break, else after the last space that
 * fits, else anywhere.  Returns the number of rows (at least one); rows
 * has room for len + 1.
 */
static size_t wrap(const wchar_t *w, size_t len, int width, struct vrow *rows)
{
	size_t n = 0, s = 0, i, brk;
	int col, max = width > 1 ? width - 1 : 1;

	for (;;) {
		col = 0;
		brk = 0;
		for (i = s; i < len && w[i] != L'\n'; i++) {
			int cw = cwidth(w[i]);
			if (col + cw > max && i > s)
				break;
			if (w[i] == L' ')
				brk = i + 1;
			col += cw;
		}
		if (i < len && w[i] == L'\n') {
			rows[n].s = s, rows[n++].e = i;
			s = i + 1;
			continue;
		}
		if (i >= len) {
			rows[n].s = s, rows[n++].e = len;
			return n;
		}
		if (brk <= s)
			brk = i;
		rows[n].s = s, rows[n++].e = brk;
		s = brk;
	}
}

/* The row holding the cursor. */
static size_t cursor_row(const struct vrow *rows, size_t n, size_t cur)
{
	size_t r;
	for (r = 0; r + 1 < n; r++)
		if (cur < rows[r].e || (cur == rows[r].e && rows[r + 1].s != rows[r].e))
			return r;
	return n - 1;
}

/* The index in row r nearest to display column col. */
static size_t at_column(const wchar_t *w, const struct vrow *row, int col)
{
	size_t i;
	int x = 0;
	for (i = row->s; i < row->e; i++) {
		int cw = cwidth(w[i]);
		if (x + cw > col)
			break;
		x += cw;
	}
	return i;
}

int tui_prompt_edit(const struct tui_repaint *under, const struct tui_prompt *p, char *buf, size_t n)
{
	static wchar_t w[TUI_EDIT_MAX];
	static struct vrow rows[TUI_EDIT_MAX + 1];
	size_t len, cur, first = 0;
	struct ed e = {w, &len, &cur, n, p->lines ? EDIT_LINES : 0, 0};
	char shown[512];
	int r, goal = -1;
	wint_t key;

	tui_to_wide(buf, w, &len);
	cur = len;
	for (;;) {
		size_t nrows, crow, i, k;
		int pw, width, max_rows, shown_rows, y0, y;
		enum tui_in in;
		const char *msg = e.cut ? "the paste was cut to fit: the rest is not in the field" :
				  p->error ? p->error : p->hint;

		text_fit(shown, sizeof shown, p->prompt, COLS / 2, 0);
		pw = text_width(shown);
		width = COLS - pw > 1 ? COLS - pw : 1;
		nrows = wrap(w, len, width, rows);
		crow = cursor_row(rows, nrows, cur);
		/* At most half the screen (the header and the list's top stay). */
		max_rows = LINES / 2 > 1 ? LINES / 2 : 1;
		shown_rows = (int)nrows < max_rows ? (int)nrows : max_rows;
		if (crow < first)
			first = crow;
		if (crow >= first + (size_t)shown_rows)
			first = crow - (size_t)shown_rows + 1;
		if (first + (size_t)shown_rows > nrows)
			first = nrows - (size_t)shown_rows;
		y0 = LINES - shown_rows;
		if (msg && y0 > 1) {
			tui_put(y0 - 1, 0, COLS, msg,
				tui_attr(e.cut || (p->error && msg == p->error) ? T_ERROR : T_DIM));
		}
		for (y = y0; y < LINES; y++) {
			move(y, 0);
			clrtoeol();
		}
		attron(tui_attr(T_TITLE));
		mvaddstr(y0, 0, shown);
		attroff(tui_attr(T_TITLE));
		for (k = 0; k < (size_t)shown_rows; k++) {
			const struct vrow *rw = &rows[first + k];
			move(y0 + (int)k, pw);
			for (i = rw->s; i < rw->e; i++)
				put_char(w[i], A_NORMAL);
		}
		move(y0 + (int)(crow - first), pw + wwidth(w, rows[crow].s, cur));
		curs_set(1);
		refresh();
		in = tui_read_key(under, &key);
		r = edit_key(&e, in, key);
		if (r == K_ROW_UP || r == K_ROW_DOWN) {
			/* Up and Down keep the column they started from. */
			if (goal < 0)
				goal = wwidth(w, rows[crow].s, cur);
			if (r == K_ROW_UP && crow > 0)
				cur = at_column(w, &rows[crow - 1], goal);
			else if (r == K_ROW_DOWN && crow + 1 < nrows)
				cur = at_column(w, &rows[crow + 1], goal);
			continue;
		}
		if (in != IN_IDLE)
			goal = -1;
		if (r == E_RESIZE || r < 0)
			continue; /* `under` is repainted: the prompt again */
		curs_set(0);
		tui_from_wide(w, len, buf, n);
		return r == E_ACCEPT;
	}
}

int tui_line_edit(const struct tui_repaint *under, const char *prompt, char *buf, size_t n)
{
	struct tui_prompt p = {prompt, NULL, NULL, 0};
	return tui_prompt_edit(under, &p, buf, n);
}

/* ---- conversions ---------------------------------------------------------- */

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
	static wchar_t tmp[TUI_EDIT_MAX];
	size_t r;
	memcpy(tmp, w, len * sizeof *w);
	tmp[len] = 0;
	r = wcstombs(buf, tmp, n - 1);
	buf[r == (size_t)-1 ? 0 : r] = '\0';
}

/*
 * text.c - fitting UTF-8 text into terminal columns (see text.h).
 * Decodes with mbrtowc and measures with wcwidth, so the result depends on
 * the locale: in a non-UTF-8 locale multibyte text falls back to one column
 * per byte after sanitising.
 */
#define _XOPEN_SOURCE 700
#include "followup/text.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "followup/util.h"

void text_locale(void)
{
	static int loaded;

	if (!loaded) {
		setlocale(LC_CTYPE, "");
		loaded = 1;
	}
}

/* Whether the environment names a UTF-8 locale for LC_CTYPE (LC_ALL, then
 * LC_CTYPE, then LANG, as setlocale() picks them: "C.UTF-8", "de_DE.utf8"),
 * read once. */
static int utf8_named(void)
{
	static int named = -1;
	const char *v = getenv("LC_ALL");

	if (named < 0) {
		if (!v || !*v)
			v = getenv("LC_CTYPE");
		if (!v || !*v)
			v = getenv("LANG");
		named = 0;
		for (; v && *v && !named; v++)
			named = !strncasecmp(v, "utf-8", 5) || !strncasecmp(v, "utf8", 4);
	}
	return named;
}

/* Decode one character of p (left bytes remain): its length and columns.
 * ASCII (already sanitised: printable) takes the short path, and so, in a
 * UTF-8 locale, do U+00A0 to U+02FF (the accented Latin letters of most
 * names: one column each in every UTF-8 locale, and loading the locale for
 * them was 0.2 ms of a `followup due`).  An invalid or incomplete sequence
 * counts as one byte, one column. */
static size_t next_char(const char *p, size_t left, mbstate_t *ps, int *cw)
{
	const unsigned char *u = (const unsigned char *)p;
	wchar_t wc;
	size_t n;

	if (*u < 0x80) {
		*cw = 1;
		return 1;
	}
	if (left >= 2 && ((*u == 0xC2 && u[1] >= 0xA0 && u[1] <= 0xBF) ||
			  (*u >= 0xC3 && *u <= 0xCB && u[1] >= 0x80 && u[1] <= 0xBF)) && utf8_named()) {
		*cw = 1;
		return 2;
	}
	text_locale();
	n = mbrtowc(&wc, p, left, ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(ps, 0, sizeof *ps);
		*cw = 1;
		return 1;
	}
	*cw = wcwidth(wc);
	if (*cw < 0)
		*cw = 1;
	return n;
}

/* The length of s when every byte is printable ASCII (the common case: one
 * byte, one column, nothing to sanitise), else (size_t)-1. */
static size_t plain_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (*p < 0x20 || *p > 0x7E)
			return (size_t)-1;
	return (size_t)(p - (const unsigned char *)s);
}

int text_width(const char *s)
{
	char buf[4096];
	mbstate_t ps;
	const char *p;
	size_t left;
	int w = 0, cw;

	if (s && (left = plain_len(s)) != (size_t)-1 && left < sizeof buf)
		return (int)left;
	util_sanitize(buf, sizeof buf, s ? s : "", 0);
	memset(&ps, 0, sizeof ps);
	left = strlen(buf);
	for (p = buf; *p;) {
		size_t n = next_char(p, left, &ps, &cw);
		w += cw;
		p += n;
		left -= n;
	}
	return w;
}

char *text_fit(char *dst, size_t n, const char *s, int width, int pad)
{
	char buf[4096];
	mbstate_t ps;
	const char *p;
	size_t o = 0, left;
	int w = 0, total, cw;

	if (n == 0)
		return dst;
	/* Plain ASCII that fits: copy and pad, with no decoding. */
	if (s && width >= 0 && (size_t)width < n && (left = plain_len(s)) <= (size_t)width) {
		memcpy(dst, s, left);
		o = left;
		if (pad)
			while (o < (size_t)width)
				dst[o++] = ' ';
		dst[o] = '\0';
		return dst;
	}
	util_sanitize(buf, sizeof buf, s ? s : "", 0);
	total = text_width(buf);
	memset(&ps, 0, sizeof ps);
	left = strlen(buf);
	for (p = buf; *p;) {
		size_t len = next_char(p, left, &ps, &cw);
		/* Leave room for the ellipsis when the whole text will not fit. */
		if (total > width && w + cw > width - 1)
			break;
		if (w + cw > width || o + len + 4 > n)
			break;
		memcpy(dst + o, p, len);
		o += len;
		w += cw;
		p += len;
		left -= len;
	}
	if (*p && width > 0 && o + 4 <= n) {
		memcpy(dst + o, "\xe2\x80\xa6", 3);
		o += 3;
		w++;
	}
	while (pad && w < width && o + 2 <= n) {
		dst[o++] = ' ';
		w++;
	}
	dst[o] = '\0';
	return dst;
}

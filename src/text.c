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

/* Decode one character of p (left bytes remain): its length and columns.
 * ASCII (already sanitised: printable) takes the short path; an invalid or
 * incomplete sequence counts as one byte, one column. */
static size_t next_char(const char *p, size_t left, mbstate_t *ps, int *cw)
{
	wchar_t wc;
	size_t n;

	if ((unsigned char)*p < 0x80) {
		*cw = 1;
		return 1;
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

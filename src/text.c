/*
 * text.c - fitting UTF-8 text into terminal columns (see text.h).
 * Decodes with mbrtowc and measures with wcwidth, so the result depends on
 * the locale: in a non-UTF-8 locale multibyte text falls back to one column
 * per byte after sanitising.
 */
#define _XOPEN_SOURCE 700
#include "followup/text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "followup/util.h"

int text_width(const char *s)
{
	char buf[4096];
	mbstate_t ps;
	const char *p;
	int w = 0;

	util_sanitize(buf, sizeof buf, s ? s : "", 0);
	memset(&ps, 0, sizeof ps);
	for (p = buf; *p;) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &ps);
		int cw;
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			w++;
			p++;
			continue;
		}
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		p += n;
	}
	return w;
}

char *text_fit(char *dst, size_t n, const char *s, int width, int pad)
{
	char buf[4096];
	mbstate_t ps;
	const char *p;
	size_t o = 0;
	int w = 0, total;

	if (n == 0)
		return dst;
	util_sanitize(buf, sizeof buf, s ? s : "", 0);
	total = text_width(buf);
	memset(&ps, 0, sizeof ps);
	for (p = buf; *p;) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, p, strlen(p), &ps);
		int cw;
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&ps, 0, sizeof ps);
			len = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		/* Leave room for the ellipsis when the whole text will not fit. */
		if (total > width && w + cw > width - 1)
			break;
		if (w + cw > width || o + len + 4 > n)
			break;
		memcpy(dst + o, p, len);
		o += len;
		w += cw;
		p += len;
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

/*
 * util.c - checked allocation and string helpers (see util.h).
 */
#include "followup/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

void util_on_fatal(void (*fn)(void))
{
	fatal_hook = fn;
}

static void run_fatal_hook(void)
{
	void (*fn)(void) = fatal_hook;

	fatal_hook = NULL;
	if (fn)
		fn();
}

void util_bug(const char *fmt, ...)
{
	va_list ap;

	run_fatal_hook();
	fputs("followup: internal error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void oom(void)
{
	run_fatal_hook();
	fputs("followup: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int util_read_all(FILE *f, size_t max, char **out, size_t *len)
{
	size_t n = 0, cap = 0, got;
	char *p = NULL;
	int e;

	do {
		if (cap - n < 4096)
			p = xrealloc(p, cap = cap * 2 + 8192);
		got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (max && n > max) {
			free(p);
			*out = NULL;
			errno = EFBIG;
			return -1;
		}
	} while (got > 0);
	if (ferror(f)) {
		e = errno ? errno : EIO;
		free(p);
		*out = NULL;
		errno = e;
		return -1;
	}
	p[n] = '\0';
	*out = p;
	if (len)
		*len = n;
	return 0;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	/* C1 controls (U+0080..U+009F) are as dangerous as C0 on a terminal. */
	if (cp >= 0x80 && cp <= 0x9F)
		return 0;
	return n;
}

char *util_sanitize(char *dst, size_t dstsize, const char *src, size_t max_chars)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, chars = 0;

	if (dstsize == 0)
		return dst;
	while (*s) {
		size_t n = utf8_len(s);
		if (max_chars && chars == max_chars) {
			if (o + 4 <= dstsize) {
				memcpy(dst + o, "\xe2\x80\xa6", 3);
				o += 3;
			}
			break;
		}
		if (n == 0 || (n == 1 && (*s < 0x20 || *s == 0x7F))) {
			if (o + 2 > dstsize)
				break;
			dst[o++] = '?';
			s += n ? n : 1;
		} else {
			if (o + n + 1 > dstsize)
				break;
			memcpy(dst + o, s, n);
			o += n;
			s += n;
		}
		chars++;
	}
	dst[o] = '\0';
	return dst;
}

int util_has_text(const char *s)
{
	if (!s)
		return 0;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 1;
	return 0;
}

const char *util_trim_span(const char *s, size_t *len)
{
	const char *e;

	if (!util_has_text(s))
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	*len = (size_t)(e - s);
	return s;
}

char *util_trimmed(const char *s)
{
	size_t len;

	s = util_trim_span(s, &len);
	return s ? xstrndup(s, len) : NULL;
}

const char *util_strerror(int e)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%s", strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

int util_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s)
		return 1;
	while (*p) {
		/* C1 controls are refused by utf8_len too; accept them here as
		 * valid encoding (they are sanitised on display). */
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			p += 2;
			continue;
		}
		if (!(n = utf8_len(p)))
			return 0;
		p += n;
	}
	return 1;
}

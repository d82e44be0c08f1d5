/*
 * util.h - small helpers shared by every layer: checked allocation,
 * string duplication, UTF-8 sanitising and display width.
 *
 * Allocation failure is not an error a caller can handle usefully here:
 * xmalloc() and friends print one line and exit(1) (htop's XUtils).
 */
#ifndef FOLLOWUP_UTIL_H
#define FOLLOWUP_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* fn runs once before the program dies of an internal error or out of
 * memory (the TUI restores the terminal); NULL: none. */
void util_on_fatal(void (*fn)(void));
/* A programming error (never bad input): run the fatal hook, print
 * "followup: internal error: ..." and abort(), so tests fail loudly. */
_Noreturn void util_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL gives NULL); the caller frees it. */
char *xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated; the caller frees it. */
char *xstrndup(const char *s, size_t n);
/*
 * util_read_all - the rest of f into *out, NUL-terminated (the caller
 * frees it), its length in *len unless len is NULL.  0, or -1 with errno
 * set and *out NULL: EFBIG once more than max bytes were read (max 0: no
 * limit), or the read error (EIO when the stream gave none).
 */
int util_read_all(FILE *f, size_t max, char **out, size_t *len);

/*
 * util_sanitize - copy src into dst (size dstsize, always NUL-terminated),
 * replacing control characters (C0, DEL, C1, so ESC/CSI/OSC never pass) and
 * invalid UTF-8 with '?', keeping at most max_chars characters (0: no
 * limit) and appending "…" when cut.  Returns dst.
 */
char *util_sanitize(char *dst, size_t dstsize, const char *src, size_t max_chars);

/* strerror(e) with a lowercase first letter, as error messages want it;
 * a static buffer valid until the next call. */
const char *util_strerror(int e);

/* 1 when s (NULL counts) is valid UTF-8. */
int util_valid_utf8(const char *s);

/* 1 when s is non-NULL and has a non-blank character. */
int util_has_text(const char *s);
/* Trimmed copy of s, or NULL when s is NULL or blank; the caller frees it. */
char *util_trimmed(const char *s);
/* The trimmed part of s, in place: its start, and its length in *len;
 * NULL when s is NULL or blank. */
const char *util_trim_span(const char *s, size_t *len);

#endif

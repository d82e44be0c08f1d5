/*
 * text.h - display-width aware text fitting, shared by the CLI's text
 * output and the TUI.  Pure: no I/O.  Widths follow wcwidth(3) in the
 * current locale (wide CJK and emoji count 2, combining marks 0); control
 * characters and invalid UTF-8 are replaced by '?' first (util_sanitize).
 */
#ifndef FOLLOWUP_TEXT_H
#define FOLLOWUP_TEXT_H

#include <stddef.h>

/*
 * text_locale - load the user's LC_CTYPE (UTF-8 decoding, column widths),
 * once.  Text that is plain ASCII never needs it, so it is loaded on the
 * first other character rather than at start-up, where it cost every
 * `followup due` a dozen system calls and a 350 KB mapping.  The TUI calls
 * it before initscr().
 */
void text_locale(void);

/* Display width of UTF-8 s after sanitising. */
int text_width(const char *s);
/*
 * text_fit - s sanitised, cut to at most `width` columns ("…" marks a cut)
 * and, when pad, padded with spaces to exactly `width`.  Writes into dst
 * (size n, always terminated) and returns dst.  NULL s counts as "".
 */
char *text_fit(char *dst, size_t n, const char *s, int width, int pad);

#endif

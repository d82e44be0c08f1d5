/*
 * fold.h - text as search compares it (SPEC §7): case and accents folded,
 * so that `garcia` finds García, `lukasz` finds Łukasz and `5550117` finds
 * +1 555 0117.
 *
 * Folding is Unicode canonical decomposition (NFD, libunistring) with the
 * combining marks removed, then lower case; the letters that do not
 * decompose are spelled out from a table (Ł l, Ø o, Đ d, ß ss, Æ ae,
 * Œ oe, Þ th, ı i).  Plain ASCII takes a fast path.  Pure: no I/O.
 */
#ifndef FOLLOWUP_FOLD_H
#define FOLLOWUP_FOLD_H

/* s folded (malloc'd, the caller frees it); NULL gives NULL.  Invalid
 * UTF-8 is folded byte by byte as it is. */
char *fold_text(const char *s);

/*
 * fold_key - what a prospect is found by: its name, company, email and
 * phone folded, and the phone's digits alone, joined by ' | ' (a
 * separator no query of letters and digits spans).  malloc'd.
 */
char *fold_key(const char *name, const char *company, const char *email, const char *phone);

/*
 * fold_query_digits - the digits of a query that reads as a phone number
 * (at least three digits and nothing but digits, spaces and + - . ( ) /),
 * malloc'd; NULL for any other query.
 */
char *fold_query_digits(const char *q);

#endif

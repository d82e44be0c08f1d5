/*
 * json.h - a small JSON writer into a growing buffer, compact as SQLite's
 * JSON functions write it ({"a":1,"b":[2.5,null]}): used where followup
 * builds a JSON document in C (stats).
 *
 * Numbers: integers as %lld; doubles as SQLite prints a REAL, with
 * SQLite's own printf (store_format_real: %!.15g, fifteen significant
 * digits, trailing zeros dropped, always a decimal point: 2.0, 5.0e-05),
 * NAN as null.  (SQLite's digits are not glibc's correctly rounded ones:
 * 457467/510569 is 0.895994468916053 to SQLite, ...052 to printf.)  Strings are
 * escaped as SQLite escapes them: " and \, control characters as \b \t
 * \n \f \r or \u00XX, everything else (UTF-8) as it is.
 */
#ifndef FOLLOWUP_JSON_H
#define FOLLOWUP_JSON_H

#include <stddef.h>

struct json {
	char *buf;          /* NUL-terminated; owned until json_take() */
	size_t len, cap;
	int first;          /* the next value is the first of its container */
};

void json_init(struct json *j);
/* The document (malloc'd, the caller frees it); j is empty again. */
char *json_take(struct json *j);
void json_release(struct json *j);

void json_object(struct json *j);   /* { */
void json_array(struct json *j);    /* [ */
void json_end_object(struct json *j);
void json_end_array(struct json *j);
/* The key of the next member of an object. */
void json_key(struct json *j, const char *key);
void json_int(struct json *j, long long v);
void json_double(struct json *j, double v);
void json_string(struct json *j, const char *s); /* NULL: null */
void json_null(struct json *j);

#endif

/*
 * json.c - the JSON writer (see json.h).  A value is preceded by a comma
 * unless it is the first in its container; a key and its value are one
 * member.
 */
#include "followup/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/store.h"
#include "followup/util.h"

void json_init(struct json *j)
{
	j->cap = 256;
	j->buf = xmalloc(j->cap);
	j->buf[0] = '\0';
	j->len = 0;
	j->first = 1;
}

char *json_take(struct json *j)
{
	char *s = j->buf;
	json_init(j);
	return s;
}

void json_release(struct json *j)
{
	free(j->buf);
	j->buf = NULL;
	j->len = j->cap = 0;
}

static void put(struct json *j, const char *s, size_t n)
{
	if (j->len + n + 1 > j->cap) {
		while (j->len + n + 1 > j->cap)
			j->cap *= 2;
		j->buf = xrealloc(j->buf, j->cap);
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

/* Before a value: the comma that separates it from the one before. */
static void value(struct json *j)
{
	if (!j->first)
		put(j, ",", 1);
	j->first = 0;
}

void json_object(struct json *j)
{
	value(j);
	put(j, "{", 1);
	j->first = 1;
}

void json_array(struct json *j)
{
	value(j);
	put(j, "[", 1);
	j->first = 1;
}

void json_end_object(struct json *j)
{
	put(j, "}", 1);
	j->first = 0;
}

void json_end_array(struct json *j)
{
	put(j, "]", 1);
	j->first = 0;
}

static void string(struct json *j, const char *s)
{
	static const char special[32] = {
		0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r', 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	const unsigned char *p = (const unsigned char *)s, *run = p;
	char esc[8];

	put(j, "\"", 1);
	for (; *p; p++) {
		if (*p != '"' && *p != '\\' && *p >= 0x20)
			continue;
		put(j, (const char *)run, (size_t)(p - run));
		if (*p == '"' || *p == '\\' || special[*p]) {
			esc[0] = '\\';
			esc[1] = *p == '"' || *p == '\\' ? (char)*p : special[*p];
			put(j, esc, 2);
		} else {
			snprintf(esc, sizeof esc, "\\u%04x", *p);
			put(j, esc, 6);
		}
		run = p + 1;
	}
	put(j, (const char *)run, (size_t)(p - run));
	put(j, "\"", 1);
}

void json_key(struct json *j, const char *key)
{
	value(j);
	string(j, key);
	put(j, ":", 1);
	j->first = 1; /* the member's value takes no comma */
}

void json_int(struct json *j, long long v)
{
	char b[24];
	value(j);
	put(j, b, (size_t)snprintf(b, sizeof b, "%lld", v));
}

void json_double(struct json *j, double v)
{
	char b[40];
	if (isnan(v)) {
		json_null(j);
		return;
	}
	value(j);
	store_format_real(v, b, sizeof b);
	put(j, b, strlen(b));
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	value(j);
	string(j, s);
}

void json_null(struct json *j)
{
	value(j);
	put(j, "null", 4);
}

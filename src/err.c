/*
 * err.c - the single error slot (see err.h).  One message buffer, one kind;
 * a later error replaces an earlier one, which is what "report once, pass
 * -1 up" needs: the innermost failure sets it, outer layers only return.
 */
#include "followup/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "followup/util.h"

static char message[1024];
static enum err_kind kind;

static int record(enum err_kind k, const char *fmt, va_list ap)
{
	vsnprintf(message, sizeof message, fmt, ap);
	kind = k;
	return -1;
}

int err_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(ERR_USAGE, fmt, ap);
	va_end(ap);
	return -1;
}

int err_runtime(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(ERR_RUNTIME, fmt, ap);
	va_end(ap);
	return -1;
}

const char *err_message(void) { return message; }
enum err_kind err_kind(void) { return kind; }
int err_exit_code(void) { return (int)kind; }

void err_clear(void)
{
	message[0] = '\0';
	kind = ERR_NONE;
}

const char *err_quote(const char *s)
{
	static char ring[8][256];
	static unsigned next;
	char *buf = ring[next++ % 8];
	char clean[200];

	if (!s)
		s = "";
	util_sanitize(clean, sizeof clean, s, 80);
	snprintf(buf, sizeof ring[0], "'%s'", clean);
	return buf;
}

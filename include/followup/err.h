/*
 * err.h - one error slot for the whole program.
 *
 * The core never prints.  A function that fails records one message here
 * with err_usage() (bad input: exit 2) or err_runtime() (database, I/O:
 * exit 1) and returns -1 up the stack; the CLI or TUI prints the message
 * once as "followup: <message>".  Messages follow "<what>: <why>", the
 * user's value quoted with err_quote().
 */
#ifndef FOLLOWUP_ERR_H
#define FOLLOWUP_ERR_H

enum err_kind {
	ERR_NONE = 0,
	ERR_RUNTIME = 1, /* exit status 1 */
	ERR_USAGE = 2,   /* exit status 2 */
};

/* Record a bad-input error; returns -1 so callers can `return err_usage(..)`. */
int err_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Record a runtime (database, I/O) error; returns -1. */
int err_runtime(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The recorded message (never NULL; "" when none) and its kind. */
const char *err_message(void);
enum err_kind err_kind(void);
/* The exit status for the recorded error: 0, 1 or 2. */
int err_exit_code(void);
void err_clear(void);

/*
 * err_quote - the value in single quotes, control characters and invalid
 * UTF-8 replaced by '?', cut at 80 characters.  Returns one of eight
 * rotating static buffers: valid until eight more calls.  NULL gives "''".
 */
const char *err_quote(const char *s);

#endif

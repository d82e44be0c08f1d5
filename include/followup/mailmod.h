/*
 * mailmod.h - the boundary to GMime, as icalmod.h is to libical: GMime
 * and GLib are linked into followup-mail.so only, which the binary
 * dlopen()s when a message is built or a draft read back, so the morning
 * commands never map them.  Every byte of RFC 5322 and MIME (addresses,
 * RFC 2047 words, parts, transfer encodings) is GMime's.
 *
 * Found as the calendar module is (beside the program, then
 * PREFIX/lib/followup); FOLLOWUP_MAIL_MODULE overrides (tests).
 */
#ifndef FOLLOWUP_MAILMOD_H
#define FOLLOWUP_MAILMOD_H

#include <stddef.h>

#define MAIL_API_ABI 1

/* One message.  Strings are UTF-8; cc and bcc are address lists as a
 * header holds them ("Bo <bo@example.com>, cy@example.com"), or NULL. */
struct mail_msg {
	const char *from_name, *from_email;
	const char *to_name, *to_email;
	const char *cc, *bcc;
	const char *subject;
	const char *body;        /* the text/plain part */
	const char *calendar;    /* a text/calendar part (iMIP), or NULL */
	const char *method;      /* its method parameter: REQUEST or CANCEL */
	long long date;          /* seconds since the epoch (Date, local zone) */
	const char *message_id;  /* without the angle brackets */
};

/* What a draft edited by the rep says (all malloc'd; NULL when absent). */
struct mail_draft {
	char *to_name, *to_email, *cc, *bcc, *subject, *body;
};

struct mail_api {
	int abi; /* MAIL_API_ABI */
	/*
	 * build - the message as RFC 5322 + MIME: From, To, Cc, Bcc, Subject
	 * (RFC 2047 when not ASCII), Date, Message-ID, MIME-Version; the body
	 * text/plain; charset=UTF-8 (declared so: GMime would pick ISO-8859-1
	 * for text that fits it), and with a calendar, multipart/alternative
	 * of the text and text/calendar; method=...; charset=UTF-8.  LF line
	 * ends.  0 and *out (malloc'd, *len bytes), or -1 with errbuf.
	 */
	int (*build)(const struct mail_msg *m, char **out, size_t *len, char *errbuf,
		     size_t errlen);
	/*
	 * draft - a draft as the rep saved it (headers in UTF-8, an empty
	 * line, the body) read by GMime's parser.  0 and *out (release with
	 * free_draft), or -1 with errbuf (not a message, no recipient).
	 */
	int (*draft)(const char *text, size_t len, struct mail_draft *out, char *errbuf,
		     size_t errlen);
	void (*free_draft)(struct mail_draft *d);
};

/* The module's API, loaded on first use; NULL with a runtime error. */
const struct mail_api *mailmod_load(void);
/* 1 when this process has loaded it (tests). */
int mailmod_loaded(void);

#endif

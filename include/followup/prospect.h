/*
 * prospect.h - the domain's words (SPEC §1, §6), each in one table: the
 * channels, outcomes, statuses and qualification flags, with their names
 * as the CLI, CSV, JSON and database spell them, the keys that choose them
 * in the TUI's log prompt, and the rules that read them (a response, well
 * qualified, an email address, a phone's duplicate key).
 *
 * Everything else carries the enums and converts at its edges with
 * *_parse (text in) and *_name (text out).  The tables' order is the
 * enums' order, which is also the order of every list shown to the user.
 */
#ifndef FOLLOWUP_PROSPECT_H
#define FOLLOWUP_PROSPECT_H

#include <stddef.h>

#include "followup/cadence.h" /* enum prospect_status, enum due_kind */

enum channel { CH_CALL, CH_EMAIL, CH_CHAT, CH_VISIT, CH_OTHER, CH_COUNT };

enum outcome {
	OUT_NO_ANSWER, OUT_VOICEMAIL, OUT_BUSY, OUT_WRONG_NUMBER, OUT_CONNECTED,
	OUT_REPLIED, OUT_MEETING, OUT_NOT_NOW, OUT_WON, OUT_LOST, OUT_COUNT
};

#define STATUS_COUNT 3 /* enum prospect_status: active, won, lost */

/* Qualification flags (§6), as bits. */
#define FLAG_VERIFIED 1u
#define FLAG_NEED 2u
#define FLAG_DECIDER 4u
#define FLAG_TIMELINE 8u
#define FLAG_ALL 15u
#define FLAG_COUNT 4

/* One word of a vocabulary. */
struct word {
	const char *name; /* as typed and stored: "no-answer" */
	int key;          /* its key in the TUI's log prompt, 0: none */
};

extern const struct word channel_words[CH_COUNT];
extern const struct word outcome_words[OUT_COUNT];
extern const struct word status_words[STATUS_COUNT];
extern const struct word flag_words[FLAG_COUNT]; /* flag_words[i] is bit 1 << i */

/* The index of `name` in words[0..n), or -1 (NULL and "" too). */
int word_parse(const struct word *words, int n, const char *name);
/* The index of the word whose key is `key`, or -1. */
int word_by_key(const struct word *words, int n, int key);
/* The names joined by ", " ("call, email, chat, visit, other"): a static
 * buffer per table, for messages; valid for the program's life. */
const char *word_list(const struct word *words, int n);

/* The channel, outcome or status named s, or -1 (callers word the error,
 * with word_list() for the expected names). */
int channel_parse(const char *s);
int outcome_parse(const char *s);
int status_parse(const char *s);

const char *channel_name(enum channel c);
const char *outcome_name(enum outcome o);
const char *status_name(enum prospect_status s);
/* "explicit" or "cadence"; NULL for DUE_NONE. */
const char *due_kind_name(enum due_kind k);

/* SPEC §6: connected, replied or meeting. */
int outcome_is_response(enum outcome o);
/* SPEC §6: two flags or more. */
int flags_well_qualified(unsigned flags);
/* Flag bit of a flag name, or 0. */
unsigned flag_bit(const char *name);
/* The flag names of flags joined by sep into buf (size n); returns buf. */
char *flags_text(unsigned flags, char *buf, size_t n, const char *sep);

/* 1 when e is NULL or looks like an email address (one @, a dot after). */
int prospect_valid_email(const char *e);
/* 1 when p is NULL, blank or has a digit: "call me maybe" is no phone
 * number (vanity numbers such as 1-800-FLOWERS are). */
int prospect_valid_phone(const char *p);
/* The phone, trimmed, as a leading + and its digits (malloc'd, the caller
 * frees it); NULL when it has too few digits to compare (SPEC §5). */
char *prospect_phone_key(const char *phone);

#endif

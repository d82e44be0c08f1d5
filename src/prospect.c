/*
 * prospect.c - the domain's words and rules (see prospect.h): one table
 * per vocabulary, whose order is the enum's.
 */
#include "followup/prospect.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "followup/util.h"

/* The keys of the TUI's log prompt: a channel's first letter, except chat
 * (h: c is call); an outcome's mnemonic, W and L for the two that close. */
const struct word channel_words[CH_COUNT] = {
	{"call", 'c'}, {"email", 'e'}, {"chat", 'h'}, {"visit", 'v'}, {"other", 'o'},
};

const struct word outcome_words[OUT_COUNT] = {
	{"no-answer", 'n'}, {"voicemail", 'v'}, {"busy", 'b'}, {"wrong-number", 'w'},
	{"connected", 'c'}, {"replied", 'r'}, {"meeting", 'm'}, {"not-now", 'o'},
	{"won", 'W'}, {"lost", 'L'},
};

const struct word status_words[STATUS_COUNT] = {
	{"active", 0}, {"won", 0}, {"lost", 0},
};

const struct word flag_words[FLAG_COUNT] = {
	{"verified", 0}, {"need", 0}, {"decider", 0}, {"timeline", 0},
};

int word_parse(const struct word *words, int n, const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(words[i].name, name))
			return i;
	return -1;
}

int word_by_key(const struct word *words, int n, int key)
{
	int i;

	for (i = 0; key && i < n; i++)
		if (words[i].key == key)
			return i;
	return -1;
}

const char *word_list(const struct word *words, int n)
{
	/* One buffer per table: the tables are few and fixed. */
	static struct {
		const struct word *words;
		char text[160];
	} lists[4];
	size_t i, len = 0;
	int k;

	for (i = 0; i < sizeof lists / sizeof lists[0] && lists[i].words && lists[i].words != words; i++)
		;
	if (i == sizeof lists / sizeof lists[0])
		util_bug("word_list: more than %zu tables", i);
	if (!lists[i].words) {
		for (k = 0; k < n; k++)
			len += (size_t)snprintf(lists[i].text + len, sizeof lists[i].text - len, "%s%s",
						k ? ", " : "", words[k].name);
		lists[i].words = words;
	}
	return lists[i].text;
}

int channel_parse(const char *s) { return word_parse(channel_words, CH_COUNT, s); }
int outcome_parse(const char *s) { return word_parse(outcome_words, OUT_COUNT, s); }
int status_parse(const char *s) { return word_parse(status_words, STATUS_COUNT, s); }

const char *channel_name(enum channel c) { return channel_words[c].name; }
const char *outcome_name(enum outcome o) { return outcome_words[o].name; }
const char *status_name(enum prospect_status s) { return status_words[s].name; }

const char *due_kind_name(enum due_kind k)
{
	return k == DUE_CADENCE ? "cadence" : k == DUE_EXPLICIT ? "explicit" : NULL;
}

int outcome_is_response(enum outcome o)
{
	return o == OUT_CONNECTED || o == OUT_REPLIED || o == OUT_MEETING;
}

int flags_well_qualified(unsigned flags)
{
	int i, n = 0;

	for (i = 0; i < FLAG_COUNT; i++)
		n += !!(flags & (1u << i));
	return n >= 2;
}

unsigned flag_bit(const char *name)
{
	int i = word_parse(flag_words, FLAG_COUNT, name);
	return i < 0 ? 0 : 1u << i;
}

char *flags_text(unsigned flags, char *buf, size_t n, const char *sep)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < FLAG_COUNT; i++)
		if (flags & (1u << i) && len < n) {
			int w = snprintf(buf + len, n - len, "%s%s", len ? sep : "", flag_words[i].name);
			len += w > 0 ? (size_t)w : 0;
		}
	return buf;
}

int prospect_valid_email(const char *e)
{
	const char *at;
	if (!e)
		return 1;
	at = strchr(e, '@');
	return at && at > e && at[1] && !strchr(at + 1, '@') && !strpbrk(e, " \t\r\n<>,;\"") &&
	       strchr(at + 1, '.') && at[strlen(at) - 1] != '.';
}

int prospect_valid_phone(const char *p)
{
	if (!p || !util_has_text(p))
		return 1;
	return strpbrk(p, "0123456789") != NULL;
}

char *prospect_phone_key(const char *phone)
{
	size_t len, o = 0, i;
	const char *p = util_trim_span(phone, &len);
	char *key;

	if (!p)
		return NULL;
	key = xmalloc(len + 1);
	if (*p == '+')
		key[o++] = '+';
	for (i = 0; i < len; i++)
		if (p[i] >= '0' && p[i] <= '9')
			key[o++] = p[i];
	key[o] = '\0';
	if (o >= 3 || (o >= 2 && key[0] != '+'))
		return key;
	free(key);
	return NULL;
}

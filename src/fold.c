/*
 * fold.c - search folding (see fold.h).
 */
#include "followup/fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "followup/util.h"

/* The letters NFD leaves whole, as their search spelling. */
static const struct {
	ucs4_t uc;
	const char *as;
} spelled[] = {
	{0x00C6, "ae"}, {0x00E6, "ae"}, {0x00D8, "o"}, {0x00F8, "o"}, {0x00DE, "th"},
	{0x00FE, "th"}, {0x00DF, "ss"}, {0x0110, "d"}, {0x0111, "d"}, {0x0131, "i"},
	{0x0141, "l"}, {0x0142, "l"}, {0x0152, "oe"}, {0x0153, "oe"}, {0x1E9E, "ss"},
};

static char *fold_ascii(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[n] = '\0';
	return out;
}

char *fold_text(const char *s)
{
	size_t n, dn = 0, i, o = 0;
	uint8_t *d;
	char *out;
	int ascii = 1;

	if (!s)
		return NULL;
	n = strlen(s);
	for (i = 0; i < n && ascii; i++)
		ascii = !((unsigned char)s[i] & 0x80);
	if (ascii)
		return fold_ascii(s, n);
	if (u8_check((const uint8_t *)s, n) ||
	    !(d = u8_normalize(UNINORM_NFD, (const uint8_t *)s, n, NULL, &dn)))
		return fold_ascii(s, n); /* not UTF-8: bytes as they are */
	/* Each code point gives at most its own bytes or two ASCII letters. */
	out = xmalloc(dn * 2 + 1);
	for (i = 0; i < dn;) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, d + i, dn - i);
		size_t k;

		i += (size_t)(len > 0 ? len : 1);
		if (uc_is_general_category(uc, UC_CATEGORY_M))
			continue;
		for (k = 0; k < sizeof spelled / sizeof spelled[0] && spelled[k].uc != uc; k++)
			;
		if (k < sizeof spelled / sizeof spelled[0]) {
			memcpy(out + o, spelled[k].as, strlen(spelled[k].as));
			o += strlen(spelled[k].as);
			continue;
		}
		o += (size_t)u8_uctomb((uint8_t *)out + o, uc_tolower(uc), 6);
	}
	out[o] = '\0';
	free(d);
	return out;
}

/* The digits of s, malloc'd ("" when it has none). */
static char *digits(const char *s)
{
	char *out = xmalloc(s ? strlen(s) + 1 : 1);
	size_t o = 0;

	for (; s && *s; s++)
		if (*s >= '0' && *s <= '9')
			out[o++] = *s;
	out[o] = '\0';
	return out;
}

char *fold_key(const char *name, const char *company, const char *email, const char *phone)
{
	const char *part[4] = {name, company, email, phone};
	char *f[5], *key;
	size_t n = 1, i;

	for (i = 0; i < 4; i++) {
		f[i] = fold_text(part[i] ? part[i] : "");
		n += strlen(f[i]) + 3;
	}
	f[4] = digits(phone);
	n += strlen(f[4]);
	key = xmalloc(n);
	key[0] = '\0';
	for (i = 0; i < 5; i++) {
		if (i)
			strcat(key, " | ");
		strcat(key, f[i]);
		free(f[i]);
	}
	return key;
}

char *fold_query_digits(const char *q)
{
	const char *p;
	int n = 0;

	if (!q)
		return NULL;
	for (p = q; *p; p++) {
		if (*p >= '0' && *p <= '9')
			n++;
		else if (!strchr(" +-.()/", *p))
			return NULL;
	}
	return n >= 3 ? digits(q) : NULL;
}

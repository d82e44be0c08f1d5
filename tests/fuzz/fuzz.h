/*
 * fuzz.h - helpers shared by the libFuzzer targets in tests/fuzz/.
 *
 * Every target checks invariants with FUZZ_CHECK(): a violation prints the
 * condition and its line, then abort()s, which libFuzzer reports as a crash
 * and saves the input.  fuzz_check_clean() is the terminal-safety rule of
 * STYLE.md (errors): a message never carries C0, DEL or C1 control
 * characters, nor invalid UTF-8 (a lone 0x9B is CSI on some terminals).
 * struct fuzz_in reads the input as a stream of bytes; past the end it
 * yields zeros, so every input, even an empty one, is a valid test case.
 */
#ifndef FOLLOWUP_FUZZ_H
#define FOLLOWUP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* libFuzzer's entry point; declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: invariant violated: %s\n",      \
				__FILE__, __LINE__, #cond);                     \
			abort();                                                \
		}                                                               \
	} while (0)

/* 1 when s is valid UTF-8 free of C0, DEL and C1 control characters. */
static inline int fuzz_text_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n, i;

		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7F)
				return 0;
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF)
			n = 2, cp = *p & 0x1Fu;
		else if (*p >= 0xE0 && *p <= 0xEF)
			n = 3, cp = *p & 0x0Fu;
		else if (*p >= 0xF0 && *p <= 0xF4)
			n = 4, cp = *p & 0x07u;
		else
			return 0;
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3Fu);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F))
			return 0;
		p += n;
	}
	return 1;
}

/* A recorded error message: present, and safe to print on a terminal. */
static inline void fuzz_check_message(const char *msg)
{
	if (!msg || !*msg) {
		fprintf(stderr, "fuzz: failure without an error message\n");
		abort();
	}
	if (!fuzz_text_clean(msg)) {
		fprintf(stderr, "fuzz: control character or invalid UTF-8 in message: ");
		for (; *msg; msg++)
			fprintf(stderr, (unsigned char)*msg < 0x20 || (unsigned char)*msg >= 0x7F
						? "\\x%02x" : "%c", (unsigned char)*msg);
		fputc('\n', stderr);
		abort();
	}
}

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline unsigned fuzz_u8(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static inline unsigned fuzz_u16(struct fuzz_in *in)
{
	unsigned hi = fuzz_u8(in);
	return hi << 8 | fuzz_u8(in);
}

#endif

/*
 * fuzz_template.c - libFuzzer target for the template renderer
 * (template.c), the syntax of SPEC §10 that reps write by hand.
 *
 * Input: byte 0 picks the first line number (1..256) and which fields
 * are empty (bits of bytes 1-3); the rest is the template.  Invariants:
 * compiling either succeeds or records one usage error whose message
 * names the file and is free of control characters; a compiled template
 * renders, twice the same; a template without any "{{" renders as itself;
 * never a crash, leak or sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "followup/err.h"
#include "followup/template.h"

#include "fuzz.h"

static int has_braces(const uint8_t *p, size_t n)
{
	size_t i;
	for (i = 0; i + 1 < n; i++)
		if (p[i] == '{' && p[i + 1] == '{')
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	const char *vals[TF_COUNT];
	unsigned line = fuzz_u8(&in) + 1u, empty = (unsigned)fuzz_u8(&in) << 16;
	struct tpl *t = NULL;
	char *a, *b;
	int i;

	empty |= fuzz_u16(&in);
	for (i = 0; i < TF_COUNT; i++)
		vals[i] = empty & (1u << (i % 24)) ? "" : i % 3 ? "Zo\xc3\xab" : "{{name}}\n";
	err_clear();
	if (tpl_compile((const char *)in.p, in.n, "fuzz", (int)line, &t) < 0) {
		FUZZ_CHECK(t == NULL);
		FUZZ_CHECK(err_kind() == ERR_USAGE);
		FUZZ_CHECK(!strncmp(err_message(), "fuzz:", 5));
		fuzz_check_message(err_message());
		return 0;
	}
	a = tpl_render(t, vals);
	b = tpl_render(t, vals);
	FUZZ_CHECK(!strcmp(a, b));
	if (!has_braces(in.p, in.n) && !memchr(in.p, '\0', in.n))
		FUZZ_CHECK(strlen(a) == in.n && !memcmp(a, in.p, in.n));
	free(a);
	free(b);
	tpl_free(t);
	return 0;
}

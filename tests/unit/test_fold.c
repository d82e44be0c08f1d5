/*
 * test_fold.c - search folding (fold.c): accents and case away, the
 * letters that do not decompose spelled out, phone digits (issue 17: a
 * search for garcia, alvarez or nunez found nobody).
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "followup/fold.h"

static void expect_fold(const char *in, const char *want)
{
	char *got = fold_text(in);
	if (strcmp(got, want))
		fail_msg("fold(%s) = %s, want %s", in, got, want);
	free(got);
}

static void test_accents_and_case(void **state)
{
	(void)state;
	expect_fold("", "");
	expect_fold("Ana RUIZ", "ana ruiz");
	expect_fold("García", "garcia");
	expect_fold("ÁLVAREZ", "alvarez");
	expect_fold("Núñez", "nunez");
	expect_fold("Zoë", "zoe");
	expect_fold("Société Générale", "societe generale");
	expect_fold("Crème brûlée", "creme brulee");
	/* Already decomposed: e + U+0301. */
	expect_fold("Jose\xcc\x81", "jose");
	expect_fold("Łukasz Żółć", "lukasz zolc");
	expect_fold("Øystein Ødegård", "oystein odegard");
	expect_fold("Đorđević", "dordevic");
	expect_fold("Straße", "strasse");
	expect_fold("Æsir Œuvre Þór", "aesir oeuvre thor");
	expect_fold("İstanbul ılık", "istanbul ilik");
	/* Scripts without case or marks stay as they are. */
	expect_fold("東京商事", "東京商事");
	expect_fold("Ελένη", "ελενη");
	/* Invalid UTF-8: byte for byte, lower-cased ASCII. */
	expect_fold("AB\xff", "ab\xff");
	assert_null(fold_text(NULL));
}

static void test_key_and_digits(void **state)
{
	(void)state;
	assert_string_freed(fold_key("María José", "Acme", "MJ@Acme.example", "+1 555 0117"),
			    "maria jose | acme | mj@acme.example | +1 555 0117 | 15550117");
	assert_string_freed(fold_key("Bo", NULL, NULL, NULL), "bo |  |  |  | ");
	assert_string_freed(fold_query_digits("555 0117"), "5550117");
	assert_string_freed(fold_query_digits("+1 (555) 010-0100"), "15550100100");
	assert_null(fold_query_digits("55"));
	assert_null(fold_query_digits("ana 555"));
	assert_null(fold_query_digits(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accents_and_case),
		cmocka_unit_test(test_key_and_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

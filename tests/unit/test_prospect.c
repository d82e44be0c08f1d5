/*
 * test_prospect.c - the domain's words (prospect.c): each table's names,
 * parsing, the lists in messages, the log prompt keys, the rules on
 * flags, outcomes, emails and phone keys; and CSV quoting (csvio.c), whose
 * formula guard must give back any cell that import strips.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/csvio.h"
#include "followup/prospect.h"

static void test_words_parse_and_name(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < CH_COUNT; i++)
		assert_int_equal(channel_parse(channel_name((enum channel)i)), i);
	for (i = 0; i < OUT_COUNT; i++)
		assert_int_equal(outcome_parse(outcome_name((enum outcome)i)), i);
	for (i = 0; i < STATUS_COUNT; i++)
		assert_int_equal(status_parse(status_name((enum prospect_status)i)), i);
	assert_int_equal(channel_parse(NULL), -1);
	assert_int_equal(channel_parse(""), -1);
	assert_int_equal(channel_parse("Call"), -1);
	assert_int_equal(channel_parse("call,"), -1);
	assert_int_equal(outcome_parse("no"), -1);
	assert_int_equal(status_parse("activ"), -1);
	assert_string_equal(word_list(channel_words, CH_COUNT), "call, email, chat, visit, other");
	assert_string_equal(word_list(outcome_words, OUT_COUNT),
			    "no-answer, voicemail, busy, wrong-number, connected, replied, meeting, not-now, won, lost");
	/* Twice: the same buffer, still right. */
	assert_string_equal(word_list(channel_words, CH_COUNT), "call, email, chat, visit, other");
	assert_null(due_kind_name(DUE_NONE));
	assert_string_equal(due_kind_name(DUE_EXPLICIT), "explicit");
}

static void test_keys_are_unique_in_each_prompt(void **state)
{
	int i, j;
	(void)state;
	for (i = 0; i < CH_COUNT; i++)
		for (j = i + 1; j < CH_COUNT; j++)
			assert_int_not_equal(channel_words[i].key, channel_words[j].key);
	for (i = 0; i < OUT_COUNT; i++) {
		assert_int_equal(word_by_key(outcome_words, OUT_COUNT, outcome_words[i].key), i);
		for (j = i + 1; j < OUT_COUNT; j++)
			assert_int_not_equal(outcome_words[i].key, outcome_words[j].key);
	}
	assert_int_equal(word_by_key(channel_words, CH_COUNT, 'h'), CH_CHAT);
	assert_int_equal(word_by_key(channel_words, CH_COUNT, 'x'), -1);
	assert_int_equal(word_by_key(channel_words, CH_COUNT, 0), -1);
}

static void test_rules(void **state)
{
	char buf[64];
	(void)state;
	assert_true(outcome_is_response(OUT_CONNECTED));
	assert_true(outcome_is_response(OUT_REPLIED));
	assert_true(outcome_is_response(OUT_MEETING));
	assert_false(outcome_is_response(OUT_WON));
	assert_false(outcome_is_response(OUT_VOICEMAIL));
	assert_false(flags_well_qualified(0));
	assert_false(flags_well_qualified(FLAG_TIMELINE));
	assert_true(flags_well_qualified(FLAG_NEED | FLAG_TIMELINE));
	assert_int_equal(flag_bit("decider"), FLAG_DECIDER);
	assert_int_equal(flag_bit("boss"), 0);
	assert_int_equal(flag_bit(NULL), 0);
	assert_string_equal(flags_text(FLAG_ALL, buf, sizeof buf, ","), "verified,need,decider,timeline");
	assert_string_equal(flags_text(0, buf, sizeof buf, ","), "");
	assert_true(prospect_valid_email(NULL));
	assert_true(prospect_valid_email("a@b.example"));
	assert_false(prospect_valid_email("a@b"));
	assert_false(prospect_valid_email("a@@b.example"));
	assert_false(prospect_valid_email("a b@c.example"));
	assert_false(prospect_valid_email("a@b.example."));
	/* Phone keys: trimmed first, whole however long (issue 14). */
	assert_string_freed(prospect_phone_key("\n +1 (555) 010-0100 x1234 "), "+155501001001234");
	assert_null(prospect_phone_key("+1"));
	assert_null(prospect_phone_key("call me"));
	assert_null(prospect_phone_key(NULL));
	assert_string_freed(prospect_phone_key("12"), "12");
}

static char *cell(const char *s)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	csv_write_cell(f, s);
	fclose(f);
	return buf;
}

static void test_csv_cells(void **state)
{
	(void)state;
	assert_string_equal(cell(NULL), "");
	assert_string_equal(cell(""), "");
	assert_string_equal(cell("plain"), "plain");
	assert_string_equal(cell("a,b"), "\"a,b\"");
	assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell("two\nlines"), "\"two\nlines\"");
	assert_string_equal(cell(" lead"), "\" lead\"");
	assert_string_equal(cell("=1+1"), "'=1+1");
	assert_string_equal(cell("+1 555"), "'+1 555");
	assert_string_equal(cell("-x"), "'-x");
	assert_string_equal(cell("@me"), "'@me");
	/* Any run of 's before a formula character gets one more (issue 14). */
	assert_string_equal(cell("'=x"), "''=x");
	assert_string_equal(cell("''=x"), "'''=x");
	assert_string_equal(cell("'''+1"), "''''+1");
	/* An apostrophe before anything else is no guard. */
	assert_string_equal(cell("'twas"), "'twas");
	assert_string_equal(cell("'''"), "'''");
	assert_string_equal(cell("O'Brien"), "O'Brien");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_parse_and_name),
		cmocka_unit_test(test_keys_are_unique_in_each_prompt),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_csv_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

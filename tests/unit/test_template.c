/*
 * test_template.c - the template renderer (template.c): every construct
 * of SPEC §10's mustache subset, nesting, standalone lines (LF and CRLF),
 * and each error with its file, line and tag.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "followup/err.h"
#include "followup/template.h"

static const char *vals[TF_COUNT];

static void reset(void)
{
	memset(vals, 0, sizeof vals);
	vals[TF_NAME] = "Zoë Łukasiewicz";
	vals[TF_FIRST_NAME] = "Zoë";
	vals[TF_COMPANY] = "東京商事";
	vals[TF_AGENDA] = "";
	vals[TF_REP_NAME] = "Ana Ruiz";
}

/* tpl_compile of the whole string text, as the file name with its body
 * from line first. */
static int compile(const char *text, const char *name, int first, struct tpl **t)
{
	return tpl_compile(text, strlen(text), name, first, t);
}

static void expect(const char *text, const char *want)
{
	struct tpl *t;
	char *got;

	if (compile(text, "t", 1, &t) != 0)
		print_error("compile %s: %s\n", text, err_message()), fail();
	got = tpl_render(t, vals);
	if (strcmp(got, want))
		print_error("render [%s]: [%s], want [%s]\n", text, got, want), fail();
	free(got);
	tpl_free(t);
}

static void expect_error(const char *text, const char *want)
{
	struct tpl *t = (struct tpl *)1;

	err_clear();
	assert_int_equal(compile(text, "call-3", 1, &t), -1);
	assert_null(t);
	assert_int_equal(err_exit_code(), 2);
	if (!strstr(err_message(), want))
		print_error("error for [%s]: [%s], want [%s]\n", text, err_message(), want), fail();
}

static void test_fields(void **state)
{
	(void)state;
	reset();
	expect("", "");
	expect("plain text\n", "plain text\n");
	expect("Hi {{first_name}}, {{ rep_name }} here.", "Hi Zoë, Ana Ruiz here.");
	expect("{{company}}|{{title}}|", "東京商事||");
	/* Text is inserted as it is: the outputs are plain text. */
	vals[TF_TITLE] = "<b>&\"'{{name}}";
	expect("{{title}}", "<b>&\"'{{name}}");
	expect("{ {name} } {name}}", "{ {name} } {name}}");
}

static void test_sections(void **state)
{
	(void)state;
	reset();
	expect("{{#company}}at {{company}}{{/company}}", "at 東京商事");
	expect("{{#title}}as {{title}}{{/title}}", "");
	expect("{{^title}}no title{{/title}}", "no title");
	expect("{{^company}}none{{/company}}", "");
	/* "" is empty too. */
	expect("{{#agenda}}A{{/agenda}}{{^agenda}}B{{/agenda}}", "B");
	/* Nesting, the same field inside itself, comments. */
	expect("{{#name}}[{{#company}}{{company}}{{^title}}-{{/title}}{{/company}}]{{/name}}", "[東京商事-]");
	expect("{{#name}}{{#name}}{{name}}{{/name}}{{/name}}", "Zoë Łukasiewicz");
	expect("a{{! a comment }}b{{!\nspread\nover lines }}c", "abc");
}

static void test_standalone_lines(void **state)
{
	(void)state;
	reset();
	expect("Hello\n{{#company}}\n  at {{company}}\n{{/company}}\nBye\n",
	       "Hello\n  at 東京商事\nBye\n");
	expect("Hello\n  {{#title}}  \nT\n\t{{/title}}\nBye\n", "Hello\nBye\n");
	expect("Hello\r\n{{^title}}\r\nno title\r\n{{/title}}\r\nBye\r\n", "Hello\r\nno title\r\nBye\r\n");
	expect("{{! header comment }}\nBody\n", "Body\n");
	/* At the very end, without a newline. */
	expect("x\n{{! end }}", "x\n");
	/* Not standalone: other text or a variable on the line. */
	expect("a {{#company}}b{{/company}}\n", "a b\n");
	expect("{{name}} {{! c }}\n", "Zoë Łukasiewicz \n");
	/* A variable alone on its line keeps the line. */
	expect("{{title}}\nx", "\nx");
}

static void test_uses(void **state)
{
	struct tpl *t;
	(void)state;
	assert_int_equal(compile("{{#last_note}}{{last_note}}{{/last_note}} {{name}}", "t", 1, &t), 0);
	assert_true(tpl_uses(t, TF_LAST_NOTE));
	assert_true(tpl_uses(t, TF_NAME));
	assert_false(tpl_uses(t, TF_AGENDA));
	tpl_free(t);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("Hi {{nmae}}", "call-3:1: '{{nmae}}': unknown field");
	expect_error("a\nb {{{name}}}", "call-3:2: '{{{name}}': not in followup's templates");
	expect_error("{{&name}}", "call-3:1: '{{&name}}'");
	expect_error("{{> partial}}", "call-3:1: '{{> partial}}'");
	expect_error("{{=<% %>=}}", "call-3:1: '{{=<% %>=}}'");
	expect_error("x {{}} y", "call-3:1: '{{}}': empty tag");
	expect_error("{{ }}", "empty tag");
	expect_error("{{#}}x{{/}}", "empty tag");
	/* No }}: the line of the {{. */
	expect_error("one\ntwo {{name\nthree}}", "call-3:2: '{{name': no closing }}");
	expect_error("one\n\nthree {{#company", "call-3:3: '{{#company': no closing }}");
	/* Unclosed: the opening tag's line. */
	expect_error("a\n{{#company}}\nb\n{{#title}}\nc\n{{/title}}\n", "call-3:2: '{{#company}}': section not closed");
	/* A closing tag that does not match: its line. */
	expect_error("{{#company}}\n{{/title}}\n", "call-3:2: '{{/title}}': does not close the section opened on line 1");
	expect_error("x\n{{/company}}", "call-3:2: '{{/company}}': closes no open section");
	expect_error("{{#nope}}{{/nope}}", "unknown field");
}

static void test_first_line(void **state)
{
	struct tpl *t;
	(void)state;
	/* A mail template's body starts after its headers. */
	assert_int_equal(compile("\n\n{{oops}}", "reminder", 5, &t), -1);
	assert_non_null(strstr(err_message(), "reminder:7: '{{oops}}'"));
	/* Not NUL-terminated: only len bytes count. */
	assert_int_equal(tpl_compile("{{name}}XYZ", 8, "t", 1, &t), 0);
	reset();
	assert_string_freed(tpl_render(t, vals), "Zoë Łukasiewicz");
	tpl_free(t);
	tpl_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_standalone_lines),
		cmocka_unit_test(test_uses),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_first_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

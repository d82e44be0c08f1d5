/*
 * template.c - the mustache subset of SPEC §10 (see template.h).
 *
 * Compiling is two passes over the text.  The first finds the tags (each
 * with its line, sigil and field) and checks each alone; the second makes
 * the node list: text runs, with the lines of standalone tags cut out,
 * variables, and sections, whose `end` is the node after their content,
 * checked against a stack of open sections.
 */
#include "followup/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/err.h"
#include "followup/util.h"

const char *const tpl_field_names[TF_COUNT] = {
	"name", "first_name", "company", "title", "email", "phone", "cadence", "step",
	"due", "due_time", "appointment", "timezone", "agenda", "last_date",
	"last_channel", "last_outcome", "last_note", "rep_name", "rep_first_name",
	"rep_company", "rep_email", "rep_phone", "today",
};

enum node_kind { N_TEXT, N_VAR, N_SECTION, N_INVERTED };

struct node {
	enum node_kind kind;
	size_t at, len;       /* N_TEXT: a run of the template's text */
	int field;            /* the others */
	size_t end;           /* sections: the node after their content */
};

struct tpl {
	char *text;           /* a copy of the template */
	struct node *nodes;
	size_t n, cap;
};

/* A tag as found: its bytes [at, at + len), sigil, field and line. */
struct tag {
	size_t at, len;
	int sigil;            /* 0, '#', '^', '/' or '!' */
	int field;            /* -1 for comments */
	int line;
	size_t cut_from, cut_to; /* a standalone tag's whole line, else 0, 0 */
};

/* "FILE:LINE: 'TAG': why" as a usage error; -1. */
static int tag_error(const char *file, int line, const char *text, size_t at, size_t len,
		     const char *why)
{
	char *tag = xstrndup(text + at, len > 60 ? 60 : len);
	int rc = err_usage("%s:%d: %s: %s", file, line, err_quote(tag), why);
	free(tag);
	return rc;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* The field named by [s, s + n) trimmed, or -1. */
static int field_of(const char *s, size_t n)
{
	int i;

	while (n && is_blank(*s))
		s++, n--;
	while (n && is_blank(s[n - 1]))
		n--;
	for (i = 0; i < TF_COUNT; i++)
		if (strlen(tpl_field_names[i]) == n && !memcmp(tpl_field_names[i], s, n))
			return i;
	return -1;
}

/* 1 when [s, s + n) is only blanks. */
static int blank_run(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!is_blank(s[i]))
			return 0;
	return 1;
}

/* Find every tag; check each one alone. */
static int find_tags(const char *t, size_t len, const char *file, int line, struct tag **out,
		     size_t *n)
{
	size_t i = 0, cap = 0, close, body, blen;
	struct tag g;

	*out = NULL;
	*n = 0;
	while (i < len) {
		if (t[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if (t[i] != '{' || i + 1 >= len || t[i + 1] != '{') {
			i++;
			continue;
		}
		memset(&g, 0, sizeof g);
		g.at = i;
		g.line = line;
		for (close = i + 2; close + 1 < len && !(t[close] == '}' && t[close + 1] == '}'); close++)
			;
		if (close + 1 >= len) {
			size_t eol = i;
			while (eol < len && t[eol] != '\n')
				eol++;
			return tag_error(file, line, t, i, eol - i, "no closing }}");
		}
		g.len = close + 2 - i;
		body = i + 2;
		blen = close - body;
		/* Only a comment may run over lines: any other tag ends on its own. */
		if ((!blen || t[body] != '!') && memchr(t + body, '\n', blen))
			return tag_error(file, line, t, i, (size_t)((const char *)memchr(t + body, '\n', blen) - (t + i)),
					 "no closing }}");
		if (blen && strchr("{&>=", t[body]))
			return tag_error(file, line, t, i, g.len,
					 "not in followup's templates ({{{, {{&, {{> and {{= are not supported)");
		g.sigil = blen && strchr("#^/!", t[body]) ? t[body] : 0;
		if (g.sigil == '!') {
			g.field = -1;
		} else {
			if (g.sigil)
				body++, blen--;
			if (blank_run(t + body, blen))
				return tag_error(file, line, t, i, g.len, "empty tag");
			if ((g.field = field_of(t + body, blen)) < 0)
				return tag_error(file, line, t, i, g.len,
						 "unknown field (the fields are in man followup, TEMPLATES)");
		}
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap * 2 + 16) * sizeof **out);
		(*out)[(*n)++] = g;
		/* Newlines inside a tag (a long comment) still count. */
		for (; i < close + 2; i++)
			if (t[i] == '\n')
				line++;
	}
	return 0;
}

/*
 * A section, inverted, closing or comment tag alone on its line (blanks
 * around it) takes the whole line with it: from the line's start through
 * its LF or CRLF (or the end of the text).
 */
static void mark_standalone(const char *t, size_t len, struct tag *g)
{
	size_t ls = g->at, le = g->at + g->len;

	if (!g->sigil)
		return;
	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	if (!blank_run(t + ls, g->at - ls))
		return;
	while (le < len && is_blank(t[le]))
		le++;
	if (le < len && t[le] == '\r' && le + 1 < len && t[le + 1] == '\n')
		le += 2;
	else if (le < len && t[le] == '\n')
		le++;
	else if (le < len)
		return;
	g->cut_from = ls;
	g->cut_to = le;
}

static struct node *push(struct tpl *p, enum node_kind kind)
{
	struct node *nd;

	if (p->n == p->cap)
		p->nodes = xrealloc(p->nodes, (p->cap = p->cap * 2 + 16) * sizeof *p->nodes);
	nd = &p->nodes[p->n++];
	memset(nd, 0, sizeof *nd);
	nd->kind = kind;
	return nd;
}

/* The text [from, to) as a node, when not empty. */
static void push_text(struct tpl *p, size_t from, size_t to)
{
	struct node *nd;

	if (to <= from)
		return;
	nd = push(p, N_TEXT);
	nd->at = from;
	nd->len = to - from;
}

int tpl_compile(const char *text, size_t len, const char *file, int first_line, struct tpl **out)
{
	struct tpl *p = xcalloc(1, sizeof *p);
	struct tag *tags = NULL;
	size_t ntags = 0, i, pos = 0, *stack = NULL, depth = 0;

	*out = NULL;
	p->text = xstrndup(text, len);
	if (find_tags(p->text, len, file, first_line, &tags, &ntags) < 0)
		goto fail;
	stack = xmalloc((ntags + 1) * sizeof *stack);
	for (i = 0; i < ntags; i++) {
		struct tag *g = &tags[i];
		struct node *nd;

		mark_standalone(p->text, len, g);
		push_text(p, pos, g->cut_to ? g->cut_from : g->at);
		pos = g->cut_to ? g->cut_to : g->at + g->len;
		switch (g->sigil) {
		case '!':
			break;
		case '#':
		case '^':
			nd = push(p, g->sigil == '#' ? N_SECTION : N_INVERTED);
			nd->field = g->field;
			nd->at = i; /* the opening tag, until closed */
			stack[depth++] = p->n - 1;
			break;
		case '/':
			if (!depth) {
				tag_error(file, g->line, p->text, g->at, g->len, "closes no open section");
				goto fail;
			}
			if (p->nodes[stack[depth - 1]].field != g->field) {
				const struct tag *open = &tags[p->nodes[stack[depth - 1]].at];
				char why[128];
				snprintf(why, sizeof why, "does not close the section opened on line %d",
					 open->line);
				tag_error(file, g->line, p->text, g->at, g->len, why);
				goto fail;
			}
			p->nodes[stack[--depth]].end = p->n;
			break;
		default:
			push(p, N_VAR)->field = g->field;
		}
	}
	if (depth) {
		const struct tag *open = &tags[p->nodes[stack[depth - 1]].at];
		tag_error(file, open->line, p->text, open->at, open->len, "section not closed");
		goto fail;
	}
	push_text(p, pos, len);
	free(tags);
	free(stack);
	*out = p;
	return 0;
fail:
	free(tags);
	free(stack);
	tpl_free(p);
	return -1;
}

char *tpl_render(const struct tpl *t, const char *const values[TF_COUNT])
{
	size_t cap = 256, len = 0, i, n;
	char *out = xmalloc(cap);
	const char *s;

	for (i = 0; i < t->n;) {
		const struct node *nd = &t->nodes[i];
		int empty;

		switch (nd->kind) {
		case N_SECTION:
		case N_INVERTED:
			empty = !values[nd->field] || !values[nd->field][0];
			i = empty == (nd->kind == N_INVERTED) ? i + 1 : nd->end;
			continue;
		case N_TEXT:
			s = t->text + nd->at;
			n = nd->len;
			break;
		default:
			s = values[nd->field] ? values[nd->field] : "";
			n = strlen(s);
		}
		if (len + n + 1 > cap) {
			while (len + n + 1 > cap)
				cap *= 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + len, s, n);
		len += n;
		i++;
	}
	out[len] = '\0';
	return out;
}

int tpl_uses(const struct tpl *t, enum tpl_field f)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->nodes[i].kind != N_TEXT && t->nodes[i].field == (int)f)
			return 1;
	return 0;
}

void tpl_free(struct tpl *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->nodes);
	free(t);
}

/*
 * template.h - the call-script and mail templates of SPEC §10: a small,
 * exact subset of mustache, rendered as plain text.
 *
 *   {{field}} {{ field }}        the field's text as it is
 *   {{#field}}…{{/field}}        rendered when the field is not empty
 *   {{^field}}…{{/field}}        rendered when it is empty (absent or "")
 *   {{! comment }}               nothing
 *
 * Sections nest.  A line whose only non-blank content is one section,
 * inverted, closing or comment tag is removed whole, with its indentation
 * and its LF or CRLF.  Everything is checked when a template is compiled,
 * before anything is shown or sent: an unknown field; {{{, {{&, {{>, {{=
 * or {{}}; a {{ without }} (the line of the {{); an unclosed section (the
 * line of its opening tag); a closing tag that does not match (its line).
 * Each is a usage error "FILE:LINE: 'TAG': why".
 *
 * Pure: no I/O.  The representation is a flat list of nodes; a section
 * node knows where its content ends, so rendering is one loop that skips.
 */
#ifndef FOLLOWUP_TEMPLATE_H
#define FOLLOWUP_TEMPLATE_H

#include <stddef.h>

/* The fields of SPEC §10, in its order. */
enum tpl_field {
	TF_NAME, TF_FIRST_NAME, TF_COMPANY, TF_TITLE, TF_EMAIL, TF_PHONE, TF_CADENCE, TF_STEP,
	TF_DUE, TF_DUE_TIME, TF_APPOINTMENT, TF_TIMEZONE, TF_AGENDA, TF_LAST_DATE,
	TF_LAST_CHANNEL, TF_LAST_OUTCOME, TF_LAST_NOTE, TF_REP_NAME, TF_REP_FIRST_NAME,
	TF_REP_COMPANY, TF_REP_EMAIL, TF_REP_PHONE, TF_TODAY, TF_COUNT
};

/* Their names as templates spell them ("first_name"). */
extern const char *const tpl_field_names[TF_COUNT];

struct tpl;

/*
 * tpl_compile - compile text (len bytes, not necessarily terminated) read
 * from `file`, whose first byte is on line `first_line` (1 for a whole
 * file; later for the body of a mail template).  0 and *out (free with
 * tpl_free), or -1 with the usage error recorded.
 */
int tpl_compile(const char *text, size_t len, const char *file, int first_line, struct tpl **out);

/*
 * tpl_render - the template with values[TF_*] (NULL or "" is empty);
 * malloc'd, the caller frees it.
 */
char *tpl_render(const struct tpl *t, const char *const values[TF_COUNT]);

/* 1 when the template names the field anywhere (a private note guard). */
int tpl_uses(const struct tpl *t, enum tpl_field f);

void tpl_free(struct tpl *t);

#endif

/*
 * script.h - what to say and what to send (SPEC §10): the template files
 * (the rep's own in $XDG_CONFIG_HOME/followup/templates/, else the
 * built-in ones), their fields filled from one prospect, and the call
 * script for its current step.
 *
 * The built-in templates are found like the calendar module: beside the
 * program in a build tree (../data/templates), else in
 * ../share/followup/templates relative to the program, else in the
 * compiled-in FOLLOWUP_DATADIR/templates; FOLLOWUP_TEMPLATES names the
 * directory outright (tests).
 */
#ifndef FOLLOWUP_SCRIPT_H
#define FOLLOWUP_SCRIPT_H

#include "followup/config.h"
#include "followup/store.h"
#include "followup/template.h"

/* 1 when name is a template name: call, call-N, reminder, summary. */
int template_valid_name(const char *name);

/* The rep's template directory (malloc'd), and the built-in one (static,
 * NULL when none is found). */
char *template_user_dir(void);
const char *template_builtin_dir(void);

/*
 * template_find - where template `name` comes from: the rep's file when
 * it exists, else the built-in one.  *path is malloc'd; *builtin says
 * which.  Usage error naming the template when neither exists.
 */
int template_find(const char *name, char **path, int *builtin);

/* template_read - its whole text (malloc'd) and where it was read from. */
int template_read(const char *name, char **text, char **path);

/* Each template name (built-in and the rep's, sorted, once each) with
 * the file used and whether it is built-in. */
int template_each(int (*cb)(const char *name, const char *path, int builtin, void *ctx),
		  void *ctx);

/* A prospect's fields (§10), owned. */
struct script_fields {
	char *v[TF_COUNT];
	int step;           /* the cadence step due (0: not a cadence step) */
	int timed;          /* the next date has a time (an appointment) */
};

/*
 * script_fields_load - the fields of prospect id: its data, the next date
 * and the appointment in words (LC_TIME), the last touch, the rep's
 * (configuration [rep]), today.  0, or -1 with an error (no such
 * prospect: usage).  Release with script_fields_release.
 */
int script_fields_load(struct store *st, const struct config *cfg, int today, long long id,
		       struct script_fields *out);
void script_fields_release(struct script_fields *f);

/* A date in words, "Thursday 5 November" (with the year when it is not
 * today's year), in the LC_TIME locale, into buf (size n). */
char *script_date_words(int day, int today, char *buf, size_t n);

/*
 * script_render - the call script of prospect id: its call-N template
 * (N its cadence step) when there is one, else call, rendered.  *out is
 * malloc'd; *name (static) says which template was used.  Template errors
 * are usage errors naming file:line:tag (exit 2).
 */
int script_render(struct store *st, const struct config *cfg, int today, long long id,
		  char **out, const char **name);

#endif

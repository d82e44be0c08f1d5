/*
 * cli_template.c - `followup template list|show NAME|edit NAME` (SPEC
 * §10): which templates there are and where each comes from, one printed
 * as it is, and editing the rep's own copy (made from the built-in one
 * the first time) in $VISUAL or $EDITOR, checked when the editor exits.
 */
#include "followup/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "followup/err.h"
#include "followup/outfile.h"
#include "followup/proc.h"
#include "followup/script.h"
#include "followup/util.h"

static int print_template(const char *name, const char *path, int builtin, void *ctx)
{
	(void)ctx;
	printf("%-10s %-9s %s\n", name, builtin ? "built-in" : "yours", path);
	return 0;
}

/* The text compiled, for its errors: a mail template's headers and body
 * each as they will be rendered. */
static int check(const char *name, const char *text, const char *path)
{
	struct tpl *t;

	if (tpl_compile(text, strlen(text), path, 1, &t) < 0)
		return -1;
	tpl_free(t);
	(void)name;
	return 0;
}

static int edit(const char *name)
{
	char *dir = template_user_dir(), *path, *text = NULL, *from = NULL, **editor;
	size_t n = strlen(dir) + strlen(name) + 2;
	struct stat sb;
	int rc = 0, status;

	path = xmalloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	if (stat(path, &sb) < 0) {
		/* The rep's copy, from the built-in one. */
		FILE *f;
		char *tmp, *p;
		for (p = dir + 1; (p = strchr(p, '/')); p++) {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			rc = err_runtime("%s: %s", err_quote(dir), util_strerror(errno));
		else if (template_read(name, &text, &from) < 0)
			rc = -1;
		else if (!(f = outfile_temp(path, &tmp)))
			rc = -1;
		else {
			fputs(text, f);
			rc = outfile_commit(f, tmp, path);
		}
		free(text);
		free(from);
		text = NULL;
		if (rc < 0)
			goto out;
	}
	if (!(editor = proc_editor())) {
		rc = -1;
		goto out;
	}
	status = proc_edit(editor, path);
	if (status < 0)
		rc = -1;
	else if (status)
		rc = err_runtime("editor %s: exit status %d; %s kept as it is", err_quote(editor[0]),
				 status, err_quote(path));
	proc_free_words(editor);
	/* Checked now, not when a reminder is due. */
	if (rc == 0 && template_read(name, &text, &from) == 0) {
		rc = check(name, text, from);
		free(text);
		free(from);
	} else if (rc == 0) {
		rc = -1;
	}
out:
	free(dir);
	free(path);
	return rc;
}

int cmd_template(struct cli *c, int argc, char **argv)
{
	const char *sub;
	char *text, *path;
	int r = cli_no_options(c, argc, argv, "", NULL, NULL), n;

	if (r)
		return r < 0 ? -1 : 0;
	n = argc - optind;
	sub = n ? argv[optind] : "list";
	if (!strcmp(sub, "list")) {
		if (n > 1)
			return cli_bad_args(c, "list takes no arguments");
		return template_each(print_template, NULL);
	}
	if (!strcmp(sub, "show") || !strcmp(sub, "edit")) {
		if (n != 2)
			return cli_bad_args(c, sub[0] == 's' ? "expected 'show NAME'" : "expected 'edit NAME'");
		if (!template_valid_name(argv[optind + 1]))
			return err_usage("template %s: expected call, call-N, reminder or summary",
					 err_quote(argv[optind + 1]));
		if (sub[0] == 'e')
			return edit(argv[optind + 1]);
		if (template_read(argv[optind + 1], &text, &path) < 0)
			return -1;
		fputs(text, stdout);
		free(text);
		free(path);
		return 0;
	}
	return err_usage("template %s: expected list, show or edit", err_quote(sub));
}

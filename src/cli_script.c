/*
 * cli_script.c - `followup script ID`: the call script for the prospect's
 * current step (SPEC §10), its call-N template or else call, rendered.
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/script.h"

int cmd_script(struct cli *c, int argc, char **argv)
{
	const char *name;
	long long id;
	char *text;
	int r = cli_no_options(c, argc, argv, "", NULL, NULL);

	if (r)
		return r < 0 ? -1 : 0;
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one ID" : "missing ID");
	if (cli_parse_id(argv[optind], "prospect", &id) < 0 || cli_open(c) < 0 ||
	    script_render(c->st, &c->cfg, c->today, id, &text, &name) < 0)
		return -1;
	fputs(text, stdout);
	if (*text && text[strlen(text) - 1] != '\n')
		putchar('\n');
	free(text);
	return 0;
}

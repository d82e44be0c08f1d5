/*
 * cli_undo.c - `followup undo`: revert the last change (SPEC §3).
 */
#include "followup/cli.h"

#include <stdio.h>

#include "followup/util.h"

int cmd_undo(struct cli *c, int argc, char **argv)
{
	char label[512], clean[512];
	int r = cli_no_options(c, argc, argv, "", NULL, NULL);

	if (r)
		return r < 0 ? -1 : 0;
	if (optind != argc)
		return cli_bad_args(c, "no arguments expected");
	if (cli_open(c) < 0 || store_undo(c->st, label, sizeof label) < 0)
		return -1;
	printf("undone: %s\n", util_sanitize(clean, sizeof clean, label, 0));
	return 0;
}

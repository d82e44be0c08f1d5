/*
 * cli_export.c - `followup export ics|vdir`: calendar exports (SPEC §4).
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/err.h"
#include "followup/util.h"
#include "followup/export.h"

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"days", required_argument, NULL, 'd'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	long days = EXPORT_DEFAULT_DAYS;
	const char *what, *target;
	char *end;
	int o, n;

	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (o == '?')
			return -1;
		days = strtol(optarg, &end, 10);
		if (!*optarg || *end || days < 0 || days > 3660)
			return err_usage("--days %s: expected a number of days (0-3660)", err_quote(optarg));
	}
	n = argc - optind;
	if (n < 1)
		return cli_bad_args(c, "missing ics or vdir");
	what = argv[optind];
	target = n > 1 ? argv[optind + 1] : NULL;
	if (n > 2)
		return cli_bad_args(c, "too many arguments");
	if (!strcmp(what, "ics")) {
		long long count;
		if (cli_open(c) < 0 ||
		    export_ics(c->st, &c->cfg, c->today, target, (int)days, &count) < 0)
			return -1;
		if (target && strcmp(target, "-"))
			printf("exported %lld event%s to %s\n", count, count == 1 ? "" : "s", target);
		return 0;
	}
	if (!strcmp(what, "vdir")) {
		struct vdir_result r;
		if (!target || !*target)
			return cli_bad_args(c, "vdir needs a directory");
		if (cli_open(c) < 0 || export_vdir(c->st, &c->cfg, c->today, target, (int)days, &r) < 0)
			return -1;
		printf("%lld added, %lld changed, %lld unchanged, %lld removed\n", r.added, r.changed,
		       r.unchanged, r.removed);
		return 0;
	}
	if (!strcmp(what, "csv"))
		return err_usage("export csv: not available yet (it arrives with CSV import)");
	return err_usage("export %s: expected ics or vdir", err_quote(what));
}

/*
 * cli_export.c - `followup export csv|ics|vdir`: the CSV export (SPEC §5)
 * and the calendar exports (SPEC §4).
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/err.h"
#include "followup/util.h"
#include "followup/csvio.h"
#include "followup/date.h"
#include "followup/export.h"

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"days", required_argument, NULL, 'd'}, {"touches", no_argument, NULL, 't'},
		{"mail", no_argument, NULL, 'm'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	long days = EXPORT_DEFAULT_DAYS;
	const char *what, *target;
	char *end;
	int o, n, touches = 0, mail = 0, days_given = 0;

	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (o == '?')
			return -1;
		if (o == 't' || o == 'm') {
			*(o == 't' ? &touches : &mail) = 1;
			continue;
		}
		days_given = 1;
		days = strtol(optarg, &end, 10);
		if (!*optarg || *end || days < 0 || days > 3660)
			return err_usage("--days %s: expected a number of days (0-3660)", err_quote(optarg));
	}
	n = argc - optind;
	if (n < 1)
		return cli_bad_args(c, "missing csv, ics or vdir");
	what = argv[optind];
	target = n > 1 ? argv[optind + 1] : NULL;
	if (n > 2)
		return cli_bad_args(c, "too many arguments");
	if ((touches || mail) && strcmp(what, "csv"))
		return err_usage("%s: only for export csv", touches ? "--touches" : "--mail");
	if (touches && mail)
		return cli_bad_args(c, "--touches or --mail, not both");
	if (!strcmp(what, "csv")) {
		long long count;
		if (days_given)
			return err_usage("--days: not for export csv (it writes every prospect)");
		if (cli_open(c) < 0 ||
		    csv_export(c->st, target, touches ? CSV_TOUCHES : mail ? CSV_MAIL : CSV_PROSPECTS, &count) < 0)
			return -1;
		if (target && strcmp(target, "-"))
			printf("exported %lld %s%s to %s\n", count,
			       touches ? "touch" : mail ? "mail record" : "prospect",
			       count == 1 ? "" : touches ? "es" : "s", target);
		return 0;
	}
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
	return err_usage("export %s: expected csv, ics or vdir", err_quote(what));
}

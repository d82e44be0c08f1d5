/*
 * cli_export.c - `followup export ics|vdir`: calendar exports (SPEC §4).
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
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	long days = EXPORT_DEFAULT_DAYS;
	const char *what, *target;
	char *end;
	int o, n, touches = 0, days_given = 0;

	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (o == '?')
			return -1;
		if (o == 't') {
			touches = 1;
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
	if (touches && strcmp(what, "csv"))
		return err_usage("--touches: only for export csv");
	if (!strcmp(what, "csv")) {
		long long count;
		if (days_given)
			return err_usage("--days: not for export csv (it writes every prospect)");
		if (cli_open(c) < 0 || export_csv(c->st, target, touches, &count) < 0)
			return -1;
		if (target && strcmp(target, "-"))
			printf("exported %lld %s%s to %s\n", count, touches ? "touch" : "prospect",
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

static void print_report(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "followup: %s\n", message);
}

/* On a terminal only: "importing… N rows", rewritten in place. */
static void print_progress(void *ctx, long long records)
{
	(void)ctx;
	if (records < 0)
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\rimporting… %lld rows", records);
	fflush(stderr);
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dry-run", no_argument, NULL, 'n'}, {"strict", no_argument, NULL, 's'},
		{"start", required_argument, NULL, 'S'}, {"touches", no_argument, NULL, 't'},
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct import_opts io;
	struct import_result r;
	const char *start = NULL;
	int o;

	memset(&io, 0, sizeof io);
	io.start = DATE_NONE;
	io.report = print_report;
	if (isatty(STDERR_FILENO))
		io.progress = print_progress;
	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		switch (o) {
		case OPT_HELP: return cli_usage(c->cmd), 0;
		case 'n': io.dry_run = 1; break;
		case 's': io.strict = 1; break;
		case 'S': start = optarg; break;
		case 't': io.touches = 1; break;
		default: return -1;
		}
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one FILE" : "missing FILE (or - for standard input)");
	io.path = argv[optind];
	if (start && io.touches)
		return err_usage("--start: not for import --touches");
	if (cli_open(c) < 0)
		return -1;
	if (start && cli_parse_date(c, start, "--start", 1, &io.start) < 0)
		return -1;
	if (start && io.start > c->today)
		return err_usage("--start %s: after today", err_quote(start));
	if (csv_import(c->st, &c->cfg, c->today, &io, &r) < 0)
		return -1;
	if (io.strict && r.bad)
		printf("nothing imported (--strict): %lld good, %lld to update, %lld to skip",
		       r.imported, r.updated, r.skipped);
	else if (io.dry_run)
		printf("would import %lld, update %lld, skip %lld", r.imported, r.updated, r.skipped);
	else
		printf("imported %lld, updated %lld, skipped %lld", r.imported, r.updated, r.skipped);
	if (r.conflicts)
		printf(", conflicts %lld", r.conflicts);
	if (r.bad)
		printf(", rejected %lld", r.bad);
	if (io.dry_run && !(io.strict && r.bad))
		printf(" (dry run: nothing written)");
	printf("\n");
	if (r.bad)
		return err_usage("import %s: %lld bad row%s (reported above)", err_quote(io.path), r.bad,
				 r.bad == 1 ? "" : "s");
	return 0;
}

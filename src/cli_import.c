/*
 * cli_import.c - `followup import FILE|-` and `import --touches FILE`: the
 * CSV import of SPEC §5 (csvio.c), with its report on stderr and, on a
 * terminal, a progress line.
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/csvio.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

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
		{"date-order", required_argument, NULL, 'o'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
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
		case 'o':
			if (!strcmp(optarg, "mdy"))
				io.date_order = DATE_ORDER_MDY;
			else if (!strcmp(optarg, "dmy"))
				io.date_order = DATE_ORDER_DMY;
			else
				return err_usage("--date-order %s: expected mdy or dmy", err_quote(optarg));
			break;
		default: return -1;
		}
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one FILE" : "missing FILE (or - for standard input)");
	io.path = argv[optind];
	if (start && io.touches)
		return err_usage("--start: not for import --touches");
	if (io.date_order != DATE_ORDER_NONE && io.touches)
		return err_usage("--date-order: not for import --touches");
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

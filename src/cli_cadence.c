/*
 * cli_cadence.c - `followup cadence list|show NAME|add NAME OFFSETS`: the cadences (SPEC §1).
 */
#include "followup/cli.h"

#include <stdio.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"

static int print_cadence(const struct cadence *cd, int builtin, long long uses, void *ctx)
{
	char offsets[512], tail[32];
	(void)ctx;
	printf("%-16s %-28s then %-10s %lld prospect%s%s\n", cd->name,
	       cadence_format_offsets(cd, offsets, sizeof offsets),
	       cadence_format_tail(cd, tail, sizeof tail), uses, uses == 1 ? "" : "s",
	       builtin ? "  (built-in)" : "");
	return 0;
}

static void show_cadence(const struct cadence *cd, int today)
{
	char buf[11], tail[32], offsets[512];
	int s, d0 = today;

	printf("%s: %s then %s\n", cd->name, cadence_format_offsets(cd, offsets, sizeof offsets),
	       cadence_format_tail(cd, tail, sizeof tail));
	printf("raw step dates for day 0 = %s %s (before workday moves):\n",
	       date_weekday_name(d0), date_format(d0, buf));
	for (s = 1; s <= cd->n + (cd->tail == TAIL_NONE ? 0 : 3); s++) {
		int d = cadence_step_date(cd, d0, s);
		printf("  step %-3d day %-4d %s %s\n", s, d - d0, date_weekday_name(d), date_format(d, buf));
	}
	if (cd->tail == TAIL_NONE)
		printf("  then complete: the prospect waits for a decision\n");
	else
		printf("  …\n");
}

int cmd_cadence(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"then", required_argument, NULL, 't'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	const char *then = NULL, *sub;
	struct cadence cd;
	int r = cli_no_options(c, argc, argv, "", longopts, &then), n;

	if (r)
		return r < 0 ? -1 : 0;
	n = argc - optind;
	sub = n ? argv[optind] : "list";
	if (!strcmp(sub, "list")) {
		if (n > 1 || then)
			return cli_bad_args(c, "list takes no arguments");
		if (cli_open(c) < 0)
			return -1;
		return store_cadence_each(c->st, print_cadence, NULL);
	}
	if (!strcmp(sub, "show")) {
		if (n != 2 || then)
			return cli_bad_args(c, "expected 'show NAME'");
		if (cli_open(c) < 0 || store_cadence_get(c->st, argv[optind + 1], &cd) < 0)
			return -1;
		show_cadence(&cd, c->today);
		return 0;
	}
	if (!strcmp(sub, "add")) {
		if (n != 3)
			return cli_bad_args(c, "expected 'add NAME OFFSETS'");
		if (cadence_parse(&cd, argv[optind + 1], argv[optind + 2], then ? then : "none") < 0)
			return -1;
		if (cli_open(c) < 0 || store_cadence_add(c->st, &cd) < 0)
			return -1;
		printf("%s\n", cd.name);
		return 0;
	}
	return err_usage("cadence %s: expected list, show or add", err_quote(sub));
}

/*
 * cli_away.c - `followup away FROM TO|list|remove ID`: time off, days that are not workdays (SPEC §2 rule 2).
 */
#include "followup/cli.h"

#include <stdio.h>
#include <string.h>

#include "followup/date.h"

static int print_away(long long id, int from, int to, void *ctx)
{
	char a[11], b[11];
	(void)ctx;
	printf("%lld\t%s %s\t%s %s\t%d day%s\n", id, date_weekday_name(from), date_format(from, a),
	       date_weekday_name(to), date_format(to, b), to - from + 1, to == from ? "" : "s");
	return 0;
}

int cmd_away(struct cli *c, int argc, char **argv)
{
	int r = cli_no_options(c, argc, argv, "", NULL, NULL), n, from, to;
	long long id;

	if (r)
		return r < 0 ? -1 : 0;
	n = argc - optind;
	if (n == 0 || (n == 1 && !strcmp(argv[optind], "list"))) {
		if (cli_open(c) < 0)
			return -1;
		return store_away_each(c->st, print_away, NULL);
	}
	if (!strcmp(argv[optind], "remove")) {
		if (n != 2)
			return cli_bad_args(c, "expected 'remove ID'");
		if (cli_parse_id(argv[optind + 1], "time off", &id) < 0 || cli_open(c) < 0 ||
		    store_away_remove(c->st, id) < 0)
			return -1;
		printf("removed time off #%lld\n", id);
		return 0;
	}
	if (n != 2)
		return cli_bad_args(c, "expected FROM TO, list or remove ID");
	if (cli_open(c) < 0 || cli_parse_date(c, argv[optind], "time off start", 0, &from) < 0 ||
	    cli_parse_date(c, argv[optind + 1], "time off end", 0, &to) < 0 ||
	    store_away_add(c->st, from, to, &id) < 0)
		return -1;
	printf("%lld\n", id);
	return 0;
}

/*
 * cli_touch.c - `followup log`, `touch remove` and `next`.
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

/* --at 'DATE[ HH:MM]' (or DATETHH:MM); time is TIME_NONE when absent. */
static int parse_at(struct cli *c, const char *s, int *date, int *time)
{
	char buf[64], *sep;

	snprintf(buf, sizeof buf, "%s", s);
	*time = TIME_NONE;
	sep = strrchr(buf, ' ');
	if (!sep && strlen(buf) == 16 && buf[10] == 'T')
		sep = buf + 10;
	if (sep) {
		char *t = sep + 1;
		while (sep > buf && sep[-1] == ' ')
			sep--;
		*sep = '\0';
		if (time_parse(t, time) < 0)
			return err_usage("--at %s: bad time %s (expected HH:MM)", err_quote(s),
					 err_quote(t));
	}
	return cli_parse_date(c, buf, "--at", 1, date);
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"channel", required_argument, NULL, 'c'}, {"outcome", required_argument, NULL, 'o'},
		{"note", required_argument, NULL, 'n'}, {"at", required_argument, NULL, 'a'},
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	const char *channel = NULL, *outcome = NULL, *note = NULL, *at = NULL;
	long long id;
	int o, date, time, ch, oc;

	while ((o = cli_getopt(c, argc, argv, "c:o:n:a:", longopts)) != -1) {
		switch (o) {
		case OPT_HELP: return cli_usage(c->cmd), 0;
		case 'c': channel = optarg; break;
		case 'o': outcome = optarg; break;
		case 'n': note = optarg; break;
		case 'a': at = optarg; break;
		default: return -1;
		}
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one ID" : "missing ID");
	if (cli_parse_id(argv[optind], "prospect", &id) < 0)
		return -1;
	if (!channel)
		return cli_bad_args(c, "missing --channel");
	if (!outcome)
		return cli_bad_args(c, "missing --outcome");
	if ((ch = channel_parse(channel)) < 0)
		return err_usage("channel %s: expected one of %s", err_quote(channel),
				 word_list(channel_words, CH_COUNT));
	if ((oc = outcome_parse(outcome)) < 0)
		return err_usage("outcome %s: expected one of %s", err_quote(outcome),
				 word_list(outcome_words, OUT_COUNT));
	if (cli_open(c) < 0)
		return -1;
	date = c->today;
	time = TIME_NONE;
	if (at && parse_at(c, at, &date, &time) < 0)
		return -1;
	/* SPEC §3: no time given: now when the date is today, else 12:00. */
	if (time == TIME_NONE)
		time = date == c->today ? clock_now_minutes() : 12 * 60;
	if (store_touch_add(c->st, id, date, time, (enum channel)ch, (enum outcome)oc, note, NULL) < 0)
		return -1;
	return cli_print_due(c, id);
}

int cmd_touch(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	long long tid, pid;
	int o;

	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		return -1;
	}
	if (argc - optind != 2 || strcmp(argv[optind], "remove"))
		return cli_bad_args(c, "expected 'remove TOUCH_ID'");
	if (cli_parse_id(argv[optind + 1], "touch", &tid) < 0 || cli_open(c) < 0)
		return -1;
	if (store_touch_remove(c->st, tid, &pid) < 0)
		return -1;
	return cli_print_due(c, pid);
}

int cmd_next(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"clear", no_argument, NULL, 'x'}, {"agenda", required_argument, NULL, 'a'},
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	const char *agenda = NULL;
	long long id;
	int o, clear = 0, date, time = TIME_NONE, nargs;

	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (o == '?')
			return -1;
		if (o == 'a')
			agenda = optarg;
		else
			clear = 1;
	}
	nargs = argc - optind;
	if (clear && agenda)
		return cli_bad_args(c, "--agenda goes with a date, not --clear");
	if (clear ? nargs != 1 : nargs < 2 || nargs > 3)
		return cli_bad_args(c, clear ? "--clear takes only the ID" : "expected ID DATE [HH:MM]");
	if (cli_parse_id(argv[optind], "prospect", &id) < 0)
		return -1;
	if (nargs == 3 && time_parse(argv[optind + 2], &time) < 0)
		return err_usage("time %s: expected HH:MM", err_quote(argv[optind + 2]));
	if (cli_open(c) < 0)
		return -1;
	if (clear) {
		if (store_next_clear(c->st, id) < 0)
			return -1;
	} else {
		if (cli_parse_date(c, argv[optind + 1], "next date", 0, &date) < 0 ||
		    store_next_set(c->st, id, date, time, agenda) < 0)
			return -1;
	}
	return cli_print_due(c, id);
}

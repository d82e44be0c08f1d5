/*
 * cli.c - helpers shared by the subcommands (see cli.h): global options,
 * opening the configuration and database, ids, dates, formats, due lines.
 */
#include "followup/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	char opts[64];
	int o;

	/* ':' first (after a '+') so a missing value is told apart. */
	if (shortopts[0] == '+')
		snprintf(opts, sizeof opts, "+:h%s", shortopts + 1);
	else
		snprintf(opts, sizeof opts, ":h%s", shortopts);
	for (;;) {
		o = getopt_long(argc, argv, opts, longopts, NULL);
		switch (o) {
		case OPT_DB: c->db_path = optarg; continue;
		case OPT_TODAY: c->today_arg = optarg; continue;
		case OPT_CONFIG: c->config_path = optarg; continue;
		case 'h': return OPT_HELP;
		case ':':
			err_usage("option %s: needs a value", err_quote(argv[optind - 1]));
			return '?';
		case '?':
			err_usage("option %s: not an option of 'followup %s' (see --help)",
				  err_quote(argv[optind - 1]), c->cmd ? c->cmd->name : "");
			return '?';
		default:
			return o;
		}
	}
}

/* Parse the options of a command that takes only global ones. */
int cli_no_options(struct cli *c, int argc, char **argv, const char *extra_short,
		      const struct option *extra, const char **then)
{
	static const struct option plain[] = {CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	int o;

	while ((o = cli_getopt(c, argc, argv, extra_short, extra ? extra : plain)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 1;
		if (o == 't' && then) {
			*then = optarg;
			continue;
		}
		return -1;
	}
	return 0;
}

void cli_usage(const struct cli_command *cmd)
{
	printf("usage: followup %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
	printf("\nglobal options: --db PATH, --today YYYY-MM-DD, --config PATH, --help\n");
}

int cli_bad_args(struct cli *c, const char *why)
{
	return err_usage("%s: %s (usage: followup %s %s)", c->cmd->name, why, c->cmd->name,
			 c->cmd->usage);
}

int cli_prepare(struct cli *c)
{
	if (clock_today(c->today_arg, &c->today) < 0)
		return -1;
	config_init(&c->cfg);
	return config_load(&c->cfg, c->config_path);
}

int cli_open(struct cli *c)
{
	char def[4096];
	const char *path = c->db_path;

	if (cli_prepare(c) < 0)
		return -1;
	if (!path)
		path = store_default_path(def, sizeof def);
	if (!*path)
		return err_usage("database '': empty path");
	if (store_open(&c->st, path, c->db_path == NULL, &c->cfg, c->today) < 0)
		return -1;
	if (c->cfg.cadence_line) {
		/* A configured default cadence must exist; say where it was set. */
		struct cadence cd;
		if (store_cadence_get(c->st, c->cfg.cadence, &cd) < 0)
			return err_usage("%s:%d: schedule.cadence: no such cadence %s (see followup "
					 "cadence list)", c->cfg.path, c->cfg.cadence_line,
					 err_quote(c->cfg.cadence));
	}
	return store_sync_calendar(c->st);
}

int cli_parse_id(const char *s, const char *what, long long *id)
{
	char *end;
	long long v;

	errno = 0;
	v = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v <= 0 || *s == '+')
		return err_usage("%s %s: not an id (a positive number)", what, err_quote(s));
	*id = v;
	return 0;
}

int cli_parse_date(struct cli *c, const char *s, const char *what, int past, int *out)
{
	if (date_parse(s, c->today, past ? DATE_PAST : DATE_FUTURE, out) < 0) {
		char why[512];
		snprintf(why, sizeof why, "%s", err_message());
		return err_usage("%s: %s", what, why);
	}
	return 0;
}

int cli_print_due(struct cli *c, long long id)
{
	struct prospect_state ps;
	char buf[11], tbuf[6];

	if (store_prospect_state(c->st, id, &ps) < 0)
		return -1;
	if (ps.status == STATUS_WON)
		printf("won\n");
	else if (ps.status == STATUS_LOST)
		printf("lost\n");
	else if (ps.due == DATE_NONE)
		printf("cadence complete\n");
	else if (ps.due_time != TIME_NONE)
		printf("%s %s\n", date_format(ps.due, buf), time_format(ps.due_time, tbuf));
	else
		printf("%s\n", date_format(ps.due, buf));
	return 0;
}

int cli_parse_format(const char *s, unsigned allowed, enum cli_format *out)
{
	static const char *const names[] = {"text", "tsv", "csv", "json"};
	char list[64] = "";
	unsigned i;

	for (i = 0; i < 4; i++) {
		if (!(allowed & (1u << i)))
			continue;
		if (!strcmp(s, names[i])) {
			*out = (enum cli_format)i;
			return 0;
		}
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
			 names[i]);
	}
	return err_usage("format %s: expected one of %s", err_quote(s), list);
}

int cli_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return err_runtime("standard output: %s", util_strerror(errno ? errno : EIO));
	return 0;
}

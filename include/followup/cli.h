/*
 * cli.h - what the subcommands share: the invocation context, the command
 * table row, option parsing for the global options, and output helpers.
 *
 * A subcommand is one row of the table in main.c (name, usage, summary,
 * handler); `followup CMD --help` prints the same row.  Handlers return
 * 0 on success or -1 with an error recorded (err.h); main prints it once.
 */
#ifndef FOLLOWUP_CLI_H
#define FOLLOWUP_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "followup/config.h"
#include "followup/store.h"

struct cli {
	const char *db_path;     /* --db / FOLLOWUP_DB, NULL: default */
	const char *today_arg;   /* --today, NULL: FOLLOWUP_TODAY or the clock */
	const char *config_path; /* --config / FOLLOWUP_CONFIG */
	int today;
	struct config cfg;
	struct store *st;        /* open after cli_open() */
	const struct cli_command *cmd;
};

struct cli_command {
	const char *name;
	const char *usage;   /* arguments after the name */
	const char *summary; /* one line */
	int (*run)(struct cli *c, int argc, char **argv);
};

/* Long options every subcommand accepts; append to each table. */
enum { OPT_DB = 1000, OPT_TODAY, OPT_CONFIG, OPT_HELP };
#define CLI_GLOBAL_OPTIONS                                                                     \
	{"db", required_argument, NULL, OPT_DB}, {"today", required_argument, NULL, OPT_TODAY}, \
	{"config", required_argument, NULL, OPT_CONFIG}, {"help", no_argument, NULL, OPT_HELP}

/*
 * cli_getopt - getopt_long over argv with the global options handled:
 * returns the next subcommand option, -1 at the end, OPT_HELP for --help,
 * or '?' after recording a usage error naming the bad option.
 */
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/*
 * cli_no_options - parse the options of a command that takes only the
 * global ones (extra: its long options, with 't' for --then, whose value
 * goes to *then).  0, 1 after printing --help, -1 on a bad option.
 */
int cli_no_options(struct cli *c, int argc, char **argv, const char *extra_short,
		   const struct option *extra, const char **then);

/* Print "usage: followup NAME USAGE" and the summary to stdout. */
void cli_usage(const struct cli_command *cmd);
/* Usage error for a wrong number of arguments. */
int cli_bad_args(struct cli *c, const char *why);

/* Resolve today and load the configuration (no database). */
int cli_prepare(struct cli *c);
/* cli_prepare, then open the database and bring the calendar in step. */
int cli_open(struct cli *c);

/* Parse a positive id; usage error naming `what` otherwise. */
int cli_parse_id(const char *s, const char *what, long long *id);
/* Parse a DATE (date.h) for option `what`. */
int cli_parse_date(struct cli *c, const char *s, const char *what, int past, int *out);

/* Print a prospect's due line: date[ time], or won/lost/cadence complete. */
int cli_print_due(struct cli *c, long long id);

enum cli_format { FMT_TEXT, FMT_TSV, FMT_CSV, FMT_JSON };
/* Parse --format; `allowed` is a mask of 1 << FMT_*. */
int cli_parse_format(const char *s, unsigned allowed, enum cli_format *out);

/* Write-error check for stdout at the end of a command. */
int cli_flush(void);

/* Handlers (cli_*.c). */
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_delete(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_touch(struct cli *c, int argc, char **argv);
int cmd_next(struct cli *c, int argc, char **argv);
int cmd_due(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_undo(struct cli *c, int argc, char **argv);
int cmd_cadence(struct cli *c, int argc, char **argv);
int cmd_away(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_script(struct cli *c, int argc, char **argv);
int cmd_template(struct cli *c, int argc, char **argv);
int cmd_mail(struct cli *c, int argc, char **argv);

#endif

/*
 * main.c - entry point: global options, then one row of the command table.
 *
 * Subcommands are rows (git's commands[], tmux's cmd_entry): the same row
 * dispatches, prints `followup CMD --help` and the overview of --help.
 * Errors are printed here, once, as "followup: <message>", and the exit
 * status comes from the error's kind (0, 1 runtime, 2 usage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/cli.h"
#include "followup/err.h"
#include "followup/tui.h"

static const struct cli_command commands[] = {
	{"add", "NAME [--company C] [--email E] [--phone P] [--title T] [--source S] "
		"[--first-contact DATE] [--cadence NAME] [--note TEXT] [--flag F]",
	 "Add a prospect (day 0 defaults to today) and print its id.", cmd_add},
	{"log", "ID --channel CH --outcome OUT [--note TEXT] [--at 'DATE[ HH:MM]']",
	 "Record a touch and print the new due date (or won, lost, cadence complete).\n"
	 "Channels: call, email, chat, visit, other.  Outcomes: no-answer, voicemail, busy,\n"
	 "wrong-number, connected, replied, meeting, not-now, won, lost.", cmd_log},
	{"touch", "remove TOUCH_ID", "Delete a mislogged touch; the due date follows.", cmd_touch},
	{"next", "ID DATE [HH:MM] [--agenda TEXT] | ID --clear",
	 "Set (or clear) the explicit next date: a snooze or an appointment, with what\n"
	 "it is about (--agenda, for the reminder email and the call script).", cmd_next},
	{"due", "[--days N] [--format text|tsv|csv|json]",
	 "The due list: overdue and due today; with --days N also the next N days.", cmd_due},
	{"show", "ID [--format text|json]", "One prospect with its touches and due date.", cmd_show},
	{"list", "[--status active|won|lost|all] [--company C] [--source S] [--overdue] "
		 "[--sort name|company|due|status] [--format text|tsv|csv|json]",
	 "List prospects (default: active, by name).", cmd_list},
	{"edit", "ID [--name N] [--company C] [--email E] [--phone P] [--title T] [--source S] "
		 "[--note TEXT] [--status active|won|lost] [--cadence NAME] [--first-contact DATE] "
		 "[--flag F] [--unflag F]",
	 "Change fields; flags: verified, need, decider, timeline.", cmd_edit},
	{"delete", "ID [--yes]", "Delete a prospect and its touches (asks on a terminal).", cmd_delete},
	{"undo", "", "Revert the last change to the database (repeatable, last 100 changes).", cmd_undo},
	{"stats", "[--from DATE] [--to DATE] [--format text|json]",
	 "Follow-up metrics: conversion, follow-ups to close, response rates, the\n"
	 "persistence funnel, speed, rhythm, discipline, qualification.  --from/--to\n"
	 "select prospects by day 0.", cmd_stats},
	{"cadence", "list | show NAME | add NAME OFFSETS [--then monthly|every:N|none]",
	 "List, show or add cadences (OFFSETS: strictly increasing days, e.g. 1,3,7).", cmd_cadence},
	{"import", "FILE.csv|- [--dry-run] [--strict] [--start DATE] [--date-order mdy|dmy] | --touches FILE.csv",
	 "Import prospects from CSV (followup's own export, HubSpot, Salesforce, Pipedrive\n"
	 "columns), or a touch log with --touches.  Duplicates by email or phone fill\n"
	 "empty fields; bad rows are reported and skipped (exit 2).", cmd_import},
	{"export", "csv [FILE] [--touches] [--mail] | ics [FILE] [--days N] | vdir DIR [--days N]",
	 "CSV of every prospect (or touch, or mail sent); calendar reminders: one event per prospect due\n"
	 "within N days (default 60; overdue ones on today).  FILE absent or - is standard\n"
	 "output.", cmd_export},
	{"away", "FROM TO | list | remove ID",
	 "Time off: FROM to TO inclusive are not workdays.", cmd_away},
	{"script", "ID", "The call script for the prospect's current step: its call-N template, else\n"
	 "call, with the prospect's fields filled in (man followup, TEMPLATES).", cmd_script},
	{"mail", "reminder [ID...] [--for DATE] | summary ID | cancel ID [--send] [--maildir DIR] "
		 "[--edit] [--no-edit] [--no-invite] [--again]",
	 "Reminder emails for tomorrow's appointments (to the next workday; --for DATE),\n"
	 "with an invitation; a summary of the last call; the cancel of an invitation\n"
	 "whose appointment went.  An mbox on standard output, drafts in a Maildir, or\n"
	 "--send through [mail] sendmail.", cmd_mail},
	{"template", "list | show NAME | edit NAME",
	 "The templates (call, call-N, reminder, summary): where each comes from, one\n"
	 "printed, or your own copy edited in $VISUAL or $EDITOR.", cmd_template},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void help(void)
{
	size_t i;
	printf("followup %s - follow-up cadence tracker\n\n"
	       "usage: followup [--db PATH] [--today DATE] [--config PATH] [COMMAND [ARGS]]\n\n"
	       "Without a command, on a terminal, opens the due list.\n\ncommands:\n",
	       FOLLOWUP_VERSION);
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-8s%s%s\n", commands[i].name, *commands[i].usage ? " " : "",
		       commands[i].usage);
	printf("\nenvironment: FOLLOWUP_DB, FOLLOWUP_TODAY, FOLLOWUP_CONFIG\n"
	       "`followup COMMAND --help` describes one command; man followup has the rest.\n");
}

static int finish(struct cli *c, int rc)
{
	if (rc == 0 && cli_flush() < 0)
		rc = -1;
	/* A failing close is reported unless an error already is. */
	if (store_close(c->st) < 0 && rc == 0)
		rc = -1;
	config_release(&c->cfg);
	if (rc < 0) {
		fprintf(stderr, "followup: %s\n", err_message());
		return err_exit_code() ? err_exit_code() : 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_GLOBAL_OPTIONS,
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli c;
	const char *name;
	size_t i;
	int o;

	/* No setlocale() here: text_locale() loads LC_CTYPE when text first
	 * needs decoding, and the TUI before it starts. */
	umask(077);
	memset(&c, 0, sizeof c);
	c.db_path = getenv("FOLLOWUP_DB");
	if (c.db_path && !*c.db_path)
		c.db_path = NULL;
	c.config_path = getenv("FOLLOWUP_CONFIG");
	if (c.config_path && !*c.config_path)
		c.config_path = NULL;

	opterr = 0;
	/* "+": stop at the subcommand; its own parser takes the rest. */
	while ((o = cli_getopt(&c, argc, argv, "+V", longopts)) != -1) {
		if (o == 'V') {
			printf("followup %s\n", FOLLOWUP_VERSION);
			return finish(&c, 0);
		}
		if (o == 'h' || o == OPT_HELP) {
			help();
			return finish(&c, 0);
		}
		return finish(&c, -1);
	}
	if (optind >= argc) {
		/* On a terminal: the TUI.  Piped, or on a terminal that cannot
		 * show it (TERM=dumb, unknown to terminfo): the due list, as
		 * `followup due`, with one line saying why. */
		char *args[] = {(char *)"due", NULL}, why[128];
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
			if (tui_terminal_check(why, sizeof why)) {
				if (cli_open(&c) < 0)
					return finish(&c, -1);
				return finish(&c, tui_run(&c));
			}
			fprintf(stderr, "followup: terminal %s cannot show the full-screen view (%s); "
				"here is the due list (followup due)\n",
				getenv("TERM") ? err_quote(getenv("TERM")) : "(TERM unset)", why);
		}
		for (i = 0; strcmp(commands[i].name, "due"); i++)
			;
		c.cmd = &commands[i];
		optind = 0;
		return finish(&c, cmd_due(&c, 1, args));
	}
	name = argv[optind];
	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			break;
	if (i == NCOMMANDS) {
		err_usage("command %s: unknown (see followup --help)", err_quote(name));
		return finish(&c, -1);
	}
	c.cmd = &commands[i];
	argc -= optind;
	argv += optind;
	optind = 0; /* glibc: reinitialise for the subcommand's own parse */
	return finish(&c, commands[i].run(&c, argc, argv));
}

/*
 * cli_mail.c - `followup mail reminder [ID…] [--for DATE]`, `mail summary
 * ID` and `mail cancel ID`, with --send, --maildir DIR, --edit/--no-edit,
 * --no-invite and --again (SPEC §10; the work is mail.c's).
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/config.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/mail.h"
#include "followup/util.h"

int cmd_mail(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"for", required_argument, NULL, 'f'}, {"send", no_argument, NULL, 's'},
		{"maildir", required_argument, NULL, 'm'}, {"edit", no_argument, NULL, 'e'},
		{"no-edit", no_argument, NULL, 'E'}, {"no-invite", no_argument, NULL, 'I'},
		{"again", no_argument, NULL, 'a'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct mail_opts o = {0, NULL, -1, 1, 0, DATE_NONE, 0, NULL, NULL};
	const char *for_s = NULL, *sub;
	enum mail_kind kind;
	long long *ids = NULL;
	char *maildir = NULL;
	size_t n = 0, i;
	int opt, rc;

	while ((opt = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		switch (opt) {
		case OPT_HELP: return cli_usage(c->cmd), 0;
		case 'f': for_s = optarg; break;
		case 's': o.send = 1; break;
		case 'm': o.maildir = optarg; break;
		case 'e': o.edit = 1; break;
		case 'E': o.edit = 0; break;
		case 'I': o.invite = 0; break;
		case 'a': o.again = 1; break;
		default: return -1;
		}
	}
	if (optind >= argc)
		return cli_bad_args(c, "expected reminder, summary or cancel");
	sub = argv[optind++];
	if (!strcmp(sub, "reminder"))
		kind = MAIL_REMINDER;
	else if (!strcmp(sub, "summary"))
		kind = MAIL_SUMMARY;
	else if (!strcmp(sub, "cancel"))
		kind = MAIL_CANCEL;
	else
		return err_usage("mail %s: expected reminder, summary or cancel", err_quote(sub));
	if (kind != MAIL_REMINDER && argc - optind != 1)
		return cli_bad_args(c, kind == MAIL_SUMMARY ? "expected 'summary ID'" : "expected 'cancel ID'");
	if (kind != MAIL_REMINDER && for_s)
		return cli_bad_args(c, "--for goes with reminder");
	if (o.send && o.maildir)
		return cli_bad_args(c, "--send or --maildir, not both");
	ids = xmalloc((size_t)(argc - optind + 1) * sizeof *ids);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (cli_parse_id(argv[i], "prospect", &ids[n++]) < 0) {
			free(ids);
			return -1;
		}
	if (cli_open(c) < 0 || (for_s && cli_parse_date(c, for_s, "--for", 0, &o.until) < 0)) {
		free(ids);
		return -1;
	}
	if (for_s && o.until <= c->today) {
		free(ids);
		return err_usage("--for %s: reminders are for tomorrow on, not before", err_quote(for_s));
	}
	if (o.maildir)
		o.maildir = maildir = config_expand_home(o.maildir);
	o.terminal = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
	rc = mail_run(c->st, &c->cfg, c->today, kind, ids, n, &o, stdout, stderr);
	free(ids);
	free(maildir);
	return rc;
}

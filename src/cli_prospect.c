/*
 * cli_prospect.c - `followup add`, `edit` and `delete`.
 */
#include "followup/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

enum { O_COMPANY = 1, O_EMAIL, O_PHONE, O_TITLE, O_SOURCE, O_FIRST, O_CADENCE, O_NOTE,
       O_NAME, O_STATUS, O_FLAG, O_UNFLAG, O_YES };

#define FIELD_OPTIONS                                                                          \
	{"company", required_argument, NULL, O_COMPANY},                                       \
	{"email", required_argument, NULL, O_EMAIL}, {"phone", required_argument, NULL, O_PHONE}, \
	{"title", required_argument, NULL, O_TITLE}, {"source", required_argument, NULL, O_SOURCE}, \
	{"first-contact", required_argument, NULL, O_FIRST},                                   \
	{"cadence", required_argument, NULL, O_CADENCE},                                       \
	{"note", required_argument, NULL, O_NOTE}, {"notes", required_argument, NULL, O_NOTE},  \
	{"flag", required_argument, NULL, O_FLAG}

static int add_flag(const char *name, unsigned *bits)
{
	unsigned b = flag_bit(name);
	if (!b)
		return err_usage("flag %s: expected verified, need, decider or timeline",
				 err_quote(name));
	*bits |= b;
	return 0;
}

/* Options shared by add and edit; returns 1 when handled, -1 on error. */
static int field_option(struct cli *c, int o, struct prospect_fields *f, const char **cadence,
			const char **first, unsigned *flags)
{
	(void)c;
	switch (o) {
	case O_COMPANY: f->company = optarg; return 1;
	case O_EMAIL: f->email = optarg; return 1;
	case O_PHONE: f->phone = optarg; return 1;
	case O_TITLE: f->title = optarg; return 1;
	case O_SOURCE: f->source = optarg; return 1;
	case O_NOTE: f->notes = optarg; return 1;
	case O_CADENCE: *cadence = optarg; return 1;
	case O_FIRST: *first = optarg; return 1;
	case O_FLAG: return add_flag(optarg, flags) < 0 ? -1 : 1;
	default: return 0;
	}
}

int cmd_add(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {FIELD_OPTIONS, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct prospect_new p;
	const char *first = NULL;
	long long id;
	int o, r;

	memset(&p, 0, sizeof p);
	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		r = o == '?' ? -1 : field_option(c, o, &p.f, &p.cadence, &first, &p.flags);
		if (r <= 0)
			return -1;
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one NAME, quoted if it has spaces" : "missing NAME");
	p.f.name = argv[optind];
	if (cli_open(c) < 0)
		return -1;
	p.first_contact = c->today;
	if (first && cli_parse_date(c, first, "--first-contact", 1, &p.first_contact) < 0)
		return -1;
	if (!p.cadence)
		p.cadence = c->cfg.cadence;
	if (store_prospect_add(c->st, &p, &id) < 0)
		return -1;
	printf("%lld\n", id);
	return 0;
}

int cmd_edit(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		FIELD_OPTIONS,
		{"name", required_argument, NULL, O_NAME},
		{"status", required_argument, NULL, O_STATUS},
		{"unflag", required_argument, NULL, O_UNFLAG},
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct prospect_edit e;
	const char *first = NULL;
	long long id;
	int o, r, changes = 0;

	memset(&e, 0, sizeof e);
	e.first_contact = DATE_NONE;
	while ((o = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (o == '?')
			return -1;
		changes++;
		if (o == O_NAME) {
			e.f.name = optarg;
			continue;
		}
		if (o == O_STATUS) {
			int st = status_parse(optarg);
			if (st < 0)
				return err_usage("status %s: expected active, won or lost", err_quote(optarg));
			e.set_status = 1;
			e.status = (enum prospect_status)st;
			continue;
		}
		if (o == O_UNFLAG) {
			if (add_flag(optarg, &e.flags_clear) < 0)
				return -1;
			continue;
		}
		r = field_option(c, o, &e.f, &e.cadence, &first, &e.flags_set);
		if (r <= 0)
			return -1;
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one ID" : "missing ID");
	if (cli_parse_id(argv[optind], "prospect", &id) < 0)
		return -1;
	if (!changes)
		return cli_bad_args(c, "nothing to change");
	if (cli_open(c) < 0)
		return -1;
	if (first && cli_parse_date(c, first, "--first-contact", 1, &e.first_contact) < 0)
		return -1;
	if (store_prospect_edit(c->st, id, &e) < 0)
		return -1;
	return cli_print_due(c, id);
}

int cmd_delete(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"yes", no_argument, NULL, 'y'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct prospect_state ps;
	long long id;
	int o, yes = 0;

	while ((o = cli_getopt(c, argc, argv, "y", longopts)) != -1) {
		if (o == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (o == '?')
			return -1;
		yes = 1;
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one ID" : "missing ID");
	if (cli_parse_id(argv[optind], "prospect", &id) < 0 || cli_open(c) < 0 ||
	    store_prospect_state(c->st, id, &ps) < 0)
		return -1;
	if (!yes && isatty(STDIN_FILENO)) {
		char answer[16], name[300];
		fprintf(stderr, "delete #%lld %s and its %d touch%s? [y/N] ", id,
			util_sanitize(name, sizeof name, ps.name, 80),
			ps.touch_count, ps.touch_count == 1 ? "" : "es");
		if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y'))
			return err_usage("delete %lld: not confirmed", id);
	}
	if (store_prospect_delete(c->st, id) < 0)
		return -1;
	printf("deleted #%lld\n", id);
	return 0;
}

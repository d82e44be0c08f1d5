/*
 * cli_query.c - `followup due`, `list` and `show`: the read-only views.
 *
 * Rows stream from the store one at a time (nothing proportional to the
 * number of prospects is held).  JSON objects come whole from SQLite's JSON
 * functions; this file only adds the array brackets.  TSV and CSV carry the
 * JSON field names as their header.  Text output is sanitised (no control
 * characters reach the terminal) and aligned by display width.
 */
#include "followup/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/csvio.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/text.h"
#include "followup/util.h"

struct out {
	struct cli *c;
	enum cli_format fmt;
	long long n;
	int today;
};

/* One TSV cell: tabs and line breaks become spaces. */
static void tsv_cell(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void header(enum cli_format fmt)
{
	int i;
	if (fmt == FMT_CSV)
		csv_write_header(stdout);
	if (fmt != FMT_TSV)
		return;
	for (i = 0; csv_columns[i]; i++)
		printf("%s%s", i ? "\t" : "", csv_columns[i]);
	printf("\n");
}

static void cells(const struct prow *r, enum cli_format fmt)
{
	struct csv_values x;
	int i;

	if (fmt == FMT_CSV) {
		csv_write_prospect(stdout, r);
		return;
	}
	csv_values(r, &x);
	for (i = 0; i < CSV_COLUMNS; i++) {
		if (i)
			putchar('\t');
		tsv_cell(x.v[i]);
	}
	printf("\n");
}

static void json_row(struct out *o, const struct prow *r)
{
	printf("%s%s", o->n ? ",\n" : "[\n", r->json);
}

static void json_end(struct out *o)
{
	printf(o->n ? "\n]\n" : "[]\n");
}

/* Write s fitted to width columns, then a separator space. */
static void col(const char *s, int width)
{
	char buf[512];
	fputs(text_fit(buf, sizeof buf, s ? s : "", width, 1), stdout);
	putchar(' ');
}

static void when_text(const struct prow *r, int today, char *buf, size_t n)
{
	int d = r->due;
	char sh[16], t[8] = "";

	if (d == DATE_NONE) {
		snprintf(buf, n, "-");
		return;
	}
	if (r->due_time != TIME_NONE) {
		t[0] = ' ';
		time_format(r->due_time, t + 1);
	}
	if (d < today)
		snprintf(buf, n, "%dd overdue", today - d);
	else if (d == today)
		snprintf(buf, n, "today%s", t);
	else
		snprintf(buf, n, "%s%s", date_format_short(d, sh), t);
}

static void step_text(const struct prow *r, char *buf, size_t n)
{
	if (r->due_kind == DUE_EXPLICIT)
		snprintf(buf, n, "%s", r->due_time != TIME_NONE ? "appt" : "next");
	else if (r->step)
		snprintf(buf, n, "%d", r->step);
	else
		snprintf(buf, n, "-");
}

static void last_text(const struct prow *r, char *buf, size_t n)
{
	char d[11];

	if (r->last_date == DATE_NONE)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s %s/%s", date_format(r->last_date, d), channel_name(r->last_channel),
			 outcome_name(r->last_outcome));
}

static int due_row(const struct prow *r, void *ctx)
{
	struct out *o = ctx;
	char when[48], step[16], last[96], id[24];

	if (o->fmt == FMT_JSON) {
		json_row(o, r);
	} else if (o->fmt != FMT_TEXT) {
		cells(r, o->fmt);
	} else {
		if (!o->n)
			printf("%-16s %5s %-22s %-16s %-16s %-4s %s\n", "WHEN", "ID", "NAME", "COMPANY",
			       "PHONE", "STEP", "LAST TOUCH");
		when_text(r, o->today, when, sizeof when);
		step_text(r, step, sizeof step);
		last_text(r, last, sizeof last);
		snprintf(id, sizeof id, "%5lld ", r->id);
		col(when, 16);
		fputs(id, stdout);
		col(r->name, 22);
		col(r->company ? r->company : "-", 16);
		col(r->phone ? r->phone : "-", 16);
		col(step, 4);
		fputs(last, stdout);
		putchar('\n');
	}
	o->n++;
	return 0;
}

int cmd_due(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"days", required_argument, NULL, 'd'}, {"format", required_argument, NULL, 'f'},
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct out o = {c, FMT_TEXT, 0, 0};
	long days = 0;
	long long no_next_step;
	char *end;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "d:f:", longopts)) != -1) {
		switch (opt) {
		case OPT_HELP: return cli_usage(c->cmd), 0;
		case 'd':
			days = strtol(optarg, &end, 10);
			if (!*optarg || *end || days < 0 || days > 3660)
				return err_usage("--days %s: expected a number of days (0-3660)",
						 err_quote(optarg));
			break;
		case 'f':
			if (cli_parse_format(optarg, 15, &o.fmt) < 0)
				return -1;
			break;
		default: return -1;
		}
	}
	if (optind != argc)
		return cli_bad_args(c, "no arguments expected");
	if (cli_open(c) < 0)
		return -1;
	o.today = c->today;
	header(o.fmt);
	if (store_due_each(c->st, c->today + (int)days, o.fmt == FMT_JSON, due_row, &o) < 0)
		return -1;
	if (o.fmt == FMT_JSON)
		json_end(&o);
	if (o.fmt == FMT_TEXT) {
		if (!o.n)
			printf(days ? "nothing due in the next %ld days\n" : "nothing due today\n", days);
		if (store_count_no_next_step(c->st, &no_next_step) < 0)
			return -1;
		printf("%lld need%s a decision\n", no_next_step, no_next_step == 1 ? "s" : "");
	}
	return 0;
}

static int list_row(const struct prow *r, void *ctx)
{
	struct out *o = ctx;
	char when[48], id[24], q[8];
	int i;

	if (o->fmt == FMT_JSON) {
		json_row(o, r);
	} else if (o->fmt != FMT_TEXT) {
		cells(r, o->fmt);
	} else {
		if (!o->n)
			printf("%5s %-22s %-16s %-6s %-16s %s\n", "ID", "NAME", "COMPANY", "STATUS",
			       "DUE", "QUAL");
		for (i = 0; i < FLAG_COUNT; i++)
			q[i] = r->flags & (1u << i) ? "VNDT"[i] : '-';
		q[4] = flags_well_qualified(r->flags) ? ' ' : '!';
		q[5] = '\0';
		snprintf(id, sizeof id, "%lld", r->id);
		if (r->due != DATE_NONE)
			when_text(r, o->today, when, sizeof when);
		else
			snprintf(when, sizeof when, "%s", r->status != STATUS_ACTIVE ? "-" : "complete");
		printf("%5s ", id);
		col(r->name, 22);
		col(r->company ? r->company : "-", 16);
		col(status_name(r->status), 6);
		col(when, 16);
		printf("%s\n", q);
	}
	o->n++;
	return 0;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"status", required_argument, NULL, 's'}, {"company", required_argument, NULL, 'c'},
		{"source", required_argument, NULL, 'S'}, {"overdue", no_argument, NULL, 'o'},
		{"sort", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
		CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct out o = {c, FMT_TEXT, 0, 0};
	struct list_filter f = {STATUS_ACTIVE, NULL, NULL, 0, SORT_NAME, NULL, 0, 0};
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		switch (opt) {
		case OPT_HELP: return cli_usage(c->cmd), 0;
		case 's':
			if (!strcmp(optarg, "all"))
				f.status = LIST_ALL;
			else if (status_parse(optarg) >= 0)
				f.status = status_parse(optarg);
			else
				return err_usage("--status %s: expected active, won, lost or all",
						 err_quote(optarg));
			break;
		case 'c': f.company = optarg; break;
		case 'S': f.source = optarg; break;
		case 'o': f.overdue = 1; break;
		case 'r':
			if (!strcmp(optarg, "name")) f.sort = SORT_NAME;
			else if (!strcmp(optarg, "company")) f.sort = SORT_COMPANY;
			else if (!strcmp(optarg, "due")) f.sort = SORT_DUE;
			else if (!strcmp(optarg, "status")) f.sort = SORT_STATUS;
			else
				return err_usage("--sort %s: expected name, company, due or status",
						 err_quote(optarg));
			break;
		case 'f':
			if (cli_parse_format(optarg, 15, &o.fmt) < 0)
				return -1;
			break;
		default: return -1;
		}
	}
	if (optind != argc)
		return cli_bad_args(c, "no arguments expected");
	if (cli_open(c) < 0)
		return -1;
	o.today = c->today;
	header(o.fmt);
	if (store_list_each(c->st, &f, o.fmt == FMT_JSON, list_row, &o) < 0)
		return -1;
	if (o.fmt == FMT_JSON)
		json_end(&o);
	else if (o.fmt == FMT_TEXT && !o.n)
		printf("no prospects\n");
	return 0;
}

static void field(const char *label, const char *value)
{
	char buf[1024];
	if (value)
		printf("  %-9s %s\n", label, util_sanitize(buf, sizeof buf, value, 300));
}

static int show_row(const struct prow *r, void *ctx)
{
	struct out *o = ctx;
	char buf[1024], when[64], flags[64], d0[11], due[11], t[6];

	if (o->fmt == FMT_JSON) {
		printf("%s\n", r->json);
		return 0;
	}
	printf("%s (#%lld)\n", util_sanitize(buf, sizeof buf, r->name, 200), r->id);
	field("company", r->company);
	field("title", r->title);
	field("email", r->email);
	field("phone", r->phone);
	field("source", r->source);
	field("status", status_name(r->status));
	snprintf(buf, sizeof buf, "%s (day 0 %s %s)", r->cadence, date_weekday_name(r->first_contact),
		 date_format(r->first_contact, d0));
	field("cadence", buf);
	if (r->due != DATE_NONE) {
		int d = r->due;
		int timed = r->due_time != TIME_NONE;
		when_text(r, o->today, when, sizeof when);
		if (r->due_kind == DUE_EXPLICIT)
			snprintf(buf, sizeof buf, "%s %s%s%s (%s, %s)", date_weekday_name(d), date_format(d, due),
				 timed ? " " : "", timed ? time_format(r->due_time, t) : "",
				 timed ? "appointment" : "next date", when);
		else
			snprintf(buf, sizeof buf, "%s %s, step %d (%s)", date_weekday_name(d), date_format(d, due),
				 r->step, when);
		field("due", buf);
	} else {
		field("due", r->status != STATUS_ACTIVE ? "never (closed)" :
			     "none: cadence complete, decide (won, lost, next date or cadence)");
	}
	flags_text(r->flags, flags, sizeof flags, ",");
	snprintf(buf, sizeof buf, "%s%s", *flags ? flags : "none",
		 flags_well_qualified(r->flags) ? "" : " (poorly qualified)");
	field("flags", buf);
	field("notes", r->notes);
	field("agenda", r->agenda);
	if (r->last_note)
		field("open with", r->last_note);
	printf("touches (%d)\n", r->touch_count);
	return 0;
}

static int show_touch(const struct trow *t, void *ctx)
{
	struct out *o = ctx;
	char buf[1024];
	if (o->fmt == FMT_JSON)
		return 0;
	printf("  #%-5lld %s %-6s %-12s %s\n", t->id, t->at, channel_name(t->channel), outcome_name(t->outcome),
	       t->note ? util_sanitize(buf, sizeof buf, t->note, 300) : "");
	return 0;
}

/* The mail on the prospect's timeline (SPEC §10), after its touches. */
static int show_mail(const struct mail_record *m, void *ctx)
{
	struct out *o = ctx;
	char buf[600];

	if (!o->n++)
		printf("mail\n");
	printf("  %.16sZ %-8s %s: %s\n", m->at, m->kind, m->sent ? "sent" : "draft",
	       util_sanitize(buf, sizeof buf, m->subject ? m->subject : "", 200));
	return 0;
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'}, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
	struct out o = {c, FMT_TEXT, 0, 0};
	long long id;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "", longopts)) != -1) {
		if (opt == OPT_HELP)
			return cli_usage(c->cmd), 0;
		if (opt == '?' || cli_parse_format(optarg, (1u << FMT_TEXT) | (1u << FMT_JSON), &o.fmt) < 0)
			return -1;
	}
	if (argc - optind != 1)
		return cli_bad_args(c, argc - optind ? "one ID" : "missing ID");
	if (cli_parse_id(argv[optind], "prospect", &id) < 0 || cli_open(c) < 0)
		return -1;
	o.today = c->today;
	if (store_show(c->st, id, o.fmt == FMT_JSON, show_row, show_touch, &o) < 0)
		return -1;
	o.n = 0;
	return o.fmt == FMT_JSON ? 0 : store_mail_each(c->st, id, show_mail, &o);
}

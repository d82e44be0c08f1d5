/*
 * csvio.c - CSV export (see csvio.h): the prospect columns, the touch and
 * mail tables, and the quoting that keeps a cell from being read as a
 * formula.  Import is csv_import.c.
 */
#include "followup/csvio.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/outfile.h"
#include "followup/util.h"

/* ---- writing -------------------------------------------------------- */

const char *const csv_columns[CSV_COLUMNS + 1] = {
	"id", "name", "company", "title", "email", "phone", "source", "notes", "status",
	"first_contact", "cadence", "due", "due_time", "due_kind", "step", "overdue_days",
	"touch_count", "last_touch", "flags", "agenda", NULL};

void csv_values(const struct prow *r, struct csv_values *x)
{
	const char **v = x->v;

	snprintf(x->id, sizeof x->id, "%lld", r->id);
	snprintf(x->step, sizeof x->step, "%d", r->step);
	snprintf(x->overdue, sizeof x->overdue, "%d", r->overdue_days);
	snprintf(x->touches, sizeof x->touches, "%d", r->touch_count);
	flags_text(r->flags, x->flags, sizeof x->flags, ",");
	date_format(r->first_contact, x->first_contact);
	if (r->last_date != DATE_NONE) {
		char t[6];
		snprintf(x->last_touch, sizeof x->last_touch, "%s", date_format(r->last_date, x->due));
		snprintf(x->last_touch + 10, sizeof x->last_touch - 10, "T%s", time_format(r->last_time, t));
	}
	v[0] = x->id; v[1] = r->name; v[2] = r->company; v[3] = r->title; v[4] = r->email;
	v[5] = r->phone; v[6] = r->source; v[7] = r->notes; v[8] = status_name(r->status);
	v[9] = x->first_contact; v[10] = r->cadence;
	v[11] = r->due == DATE_NONE ? NULL : date_format(r->due, x->due);
	v[12] = r->due_time == TIME_NONE ? NULL : time_format(r->due_time, x->due_time);
	v[13] = due_kind_name(r->due_kind); v[14] = r->step ? x->step : NULL;
	v[15] = r->overdue_days >= 0 ? x->overdue : NULL; v[16] = x->touches;
	v[17] = r->last_date != DATE_NONE ? x->last_touch : NULL; v[18] = x->flags;
	v[19] = r->agenda;
}

int csv_formula_like(const char *s)
{
	while (*s == '\'')
		s++;
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

void csv_write_cell(FILE *f, const char *s)
{
	const char *p;
	int quote;

	if (!s || !*s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL || *s == ' ' || s[strlen(s) - 1] == ' ';
	if (quote)
		putc('"', f);
	/* Spreadsheets run cells starting with these as formulas. */
	if (csv_formula_like(s))
		putc('\'', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	if (quote)
		putc('"', f);
}

void csv_write_header(FILE *f)
{
	int i;
	for (i = 0; csv_columns[i]; i++)
		fprintf(f, "%s%s", i ? "," : "", csv_columns[i]);
	fputs("\r\n", f);
}

/* One record of n cells, CRLF-terminated. */
static void write_row(FILE *f, const char *const *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			putc(',', f);
		csv_write_cell(f, v[i]);
	}
	fputs("\r\n", f);
}

void csv_write_prospect(FILE *f, const struct prow *r)
{
	struct csv_values x;

	csv_values(r, &x);
	write_row(f, x.v, CSV_COLUMNS);
}

struct csv_out {
	FILE *f;
	long long n;
};

/* A record of the export: counted; -1 once the stream has failed. */
static int out_row(struct csv_out *o, const char *const *v, int n)
{
	write_row(o->f, v, n);
	o->n++;
	return ferror(o->f) ? -1 : 0;
}

static int csv_prospect(const struct prow *r, void *ctx)
{
	struct csv_values x;

	csv_values(r, &x);
	return out_row(ctx, x.v, CSV_COLUMNS);
}

static int csv_touch(const struct trow *t, void *ctx)
{
	char id[24];
	const char *v[] = {id, t->email, t->phone, t->at, channel_name(t->channel),
			   outcome_name(t->outcome), t->note};

	snprintf(id, sizeof id, "%lld", t->prospect);
	return out_row(ctx, v, (int)(sizeof v / sizeof *v));
}

static int csv_mail(const struct mail_record *m, void *ctx)
{
	char id[24];
	const char *v[] = {id, m->to_email, m->at, m->kind, m->subject, m->message_id,
			   m->sent ? "sent" : "draft"};

	snprintf(id, sizeof id, "%lld", m->prospect);
	return out_row(ctx, v, (int)(sizeof v / sizeof *v));
}

int csv_export(struct store *st, const char *path, enum csv_what what, long long *count)
{
	struct list_filter all = {LIST_ALL, NULL, NULL, 0, SORT_ID, NULL, 0, 0};
	struct csv_out o = {NULL, 0};
	char *tmp, *real;
	int rc, direct;

	if (!(o.f = outfile_open(&path, &tmp, &real, &direct))) {
		free(real);
		return -1;
	}
	if (what == CSV_TOUCHES) {
		fputs("id,email,phone,at,channel,outcome,note\r\n", o.f);
		rc = store_touch_each(st, csv_touch, &o);
	} else if (what == CSV_MAIL) {
		fputs("id,email,at,kind,subject,message_id,sent\r\n", o.f);
		rc = store_mail_each(st, 0, csv_mail, &o);
	} else {
		csv_write_header(o.f);
		rc = store_list_each(st, &all, 0, csv_prospect, &o);
	}
	if (rc < 0 && ferror(o.f))
		rc = err_runtime("%s: %s", err_quote(path ? path : "standard output"),
				 util_strerror(errno ? errno : EIO));
	rc = outfile_close(o.f, path, tmp, direct, rc);
	free(real);
	if (count)
		*count = o.n;
	return rc;
}

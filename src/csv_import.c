/*
 * csv_import.c - CSV import (see csvio.h).
 *
 * Each record is validated as it arrives and written at once inside one
 * store batch (one transaction, one undo group), so memory does not grow
 * with the file.  --dry-run and --strict roll the batch back at the end.  Everything a row needs is
 * checked before a store write is attempted: a store error inside a batch
 * ends the whole import, which is right for database failures only.
 * Before that, a first pass over the file (spooled to a temporary file
 * when it is standard input) settles the order of its slashed dates, so
 * that a refused file changes nothing.
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

/* ---- reading -------------------------------------------------------- */

enum field {
	C_ID, C_NAME, C_FIRST, C_LAST, C_COMPANY, C_TITLE, C_EMAIL, C_PHONE, C_SOURCE,
	C_NOTES, C_STATUS, C_DAY0, C_CADENCE, C_DUE, C_DUE_TIME, C_DUE_KIND, C_FLAGS, C_AGENDA,
	C_AT, C_CHANNEL, C_OUTCOME, C_NOTE, C_IGNORE, C__COUNT
};

/* Header names after normalising (lowercase, no spaces or underscores). */
static const struct {
	const char *name;
	enum field f;
} aliases[] = {
	{"id", C_ID}, {"prospectid", C_ID},
	{"name", C_NAME}, {"fullname", C_NAME}, {"person-name", C_NAME}, {"contactname", C_NAME},
	{"firstname", C_FIRST}, {"lastname", C_LAST},
	{"company", C_COMPANY}, {"companyname", C_COMPANY}, {"accountname", C_COMPANY},
	{"organization-name", C_COMPANY}, {"organization", C_COMPANY},
	{"title", C_TITLE}, {"jobtitle", C_TITLE},
	{"email", C_EMAIL}, {"emailaddress", C_EMAIL}, {"person-email", C_EMAIL}, {"e-mail", C_EMAIL},
	{"phone", C_PHONE}, {"phonenumber", C_PHONE}, {"mobilephonenumber", C_PHONE},
	{"person-phone", C_PHONE}, {"mobile", C_PHONE}, {"mobilephone", C_PHONE},
	{"source", C_SOURCE}, {"leadsource", C_SOURCE},
	{"notes", C_NOTES}, {"description", C_NOTES},
	{"status", C_STATUS},
	{"firstcontact", C_DAY0}, {"createdate", C_DAY0}, {"created", C_DAY0}, {"createddate", C_DAY0},
	{"person-addtime", C_DAY0}, {"organization-addtime", C_DAY0},
	{"cadence", C_CADENCE}, {"due", C_DUE}, {"duetime", C_DUE_TIME}, {"duekind", C_DUE_KIND},
	{"flags", C_FLAGS}, {"agenda", C_AGENDA},
	{"at", C_AT}, {"channel", C_CHANNEL}, {"outcome", C_OUTCOME}, {"note", C_NOTE},
	/* Derived columns of followup's own export: known, not imported. */
	{"step", C_IGNORE}, {"overduedays", C_IGNORE}, {"touchcount", C_IGNORE},
	{"lasttouch", C_IGNORE},
};

struct reader {
	struct store *st;
	const struct config *cfg;
	const struct import_opts *o;
	struct import_result *res;
	int today;
	const char *name;        /* file name for reports */
	long line;               /* physical line being fed */
	long row_line;           /* physical line where the current record starts */
	char **cells;            /* the current record */
	size_t ncells, cap;
	int header_done;
	int ncols;
	int map[C__COUNT];       /* column index per field, -1 when absent */
	char cadence_ok[64];     /* last cadence name found to exist */
	int failed;              /* a store error ended the batch */
	long long records;       /* data records seen, for progress */
	/* The first pass (scan): what the file's slashed dates settle. */
	int scan;
	enum date_order order;   /* the order day 0 is read in */
	long first_dmy, first_mdy, first_ambiguous; /* lines, 0: none */
	char ambiguous[32];      /* the first ambiguous date */
};

static void report(struct reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct reader *r, long line, const char *fmt, ...)
{
	char msg[1024], clean[1024];
	int n;
	va_list ap;

	n = snprintf(msg, sizeof msg, "%s:%ld: ", r->name, line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	if (r->o->report && !r->scan)
		r->o->report(r->o->ctx, util_sanitize(clean, sizeof clean, msg, 0));
}

static void normalise(const char *s, char *out, size_t n)
{
	size_t o = 0;
	if (!strncmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	for (; *s && o + 1 < n; s++)
		if (*s != ' ' && *s != '_' && *s != '\t')
			out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
}

static int header(struct reader *r)
{
	char key[128], unknown[1024] = "";
	size_t i, a;

	for (i = 0; i < C__COUNT; i++)
		r->map[i] = -1;
	r->ncols = (int)r->ncells;
	for (i = 0; i < r->ncells; i++) {
		normalise(r->cells[i], key, sizeof key);
		for (a = 0; a < sizeof aliases / sizeof aliases[0]; a++)
			if (!strcmp(key, aliases[a].name))
				break;
		if (a == sizeof aliases / sizeof aliases[0]) {
			char q[200];
			snprintf(q, sizeof q, "%s", err_quote(r->cells[i]));
			snprintf(unknown + strlen(unknown), sizeof unknown - strlen(unknown), "%s%s",
				 *unknown ? ", " : "", q);
		} else if (aliases[a].f != C_IGNORE && r->map[aliases[a].f] < 0) {
			r->map[aliases[a].f] = (int)i;
		}
	}
	if (*unknown)
		report(r, r->row_line, "ignoring unknown column%s %s", strchr(unknown, ',') ? "s" : "",
		       unknown);
	if (r->o->touches) {
		if (r->map[C_ID] < 0 && r->map[C_EMAIL] < 0 && r->map[C_PHONE] < 0)
			return err_usage("%s:%ld: header: a touch log needs an id, email or phone column",
					 r->name, r->row_line);
		if (r->map[C_AT] < 0 || r->map[C_CHANNEL] < 0 || r->map[C_OUTCOME] < 0)
			return err_usage("%s:%ld: header: a touch log needs at, channel and outcome columns",
					 r->name, r->row_line);
	} else if (r->map[C_NAME] < 0 && r->map[C_FIRST] < 0 && r->map[C_LAST] < 0) {
		return err_usage("%s:%ld: header: no name column (name, full name, First Name + "
				 "Last Name, Person - Name)", r->name, r->row_line);
	}
	return 0;
}

/* The trimmed cell of field f, without a formula guard; NULL when empty. */
static char *cell(struct reader *r, enum field f)
{
	char *v;
	int i = r->map[f];

	if (i < 0 || (size_t)i >= r->ncells)
		return NULL;
	v = util_trimmed(r->cells[i]);
	/* Undo the export's formula guard (csv_formula_like). */
	if (v && v[0] == '\'' && csv_formula_like(v))
		memmove(v, v + 1, strlen(v));
	return v;
}

/* A date cell: YYYY-MM-DD, optionally followed by a time ("T…" or " …"). */
static int cell_date(const char *v, int *out)
{
	char d[11];
	if (!v || strlen(v) < 10 || (v[10] && v[10] != 'T' && v[10] != ' '))
		return -1;
	memcpy(d, v, 10);
	d[10] = '\0';
	return date_parse_iso(d, out);
}

struct row {
	char *v[C__COUNT];
};

static void row_free(struct row *w)
{
	int i;
	for (i = 0; i < C__COUNT; i++)
		free(w->v[i]);
}

/* Existing prospect's text fields, for duplicate merging. */
struct existing {
	char *f[7]; /* name, company, title, email, phone, source, notes */
};

static int grab(const struct prow *p, void *ctx)
{
	struct existing *e = ctx;
	const char *v[7] = {p->name, p->company, p->title, p->email, p->phone, p->source, p->notes};
	int i;
	for (i = 0; i < 7; i++)
		e->f[i] = xstrdup(v[i]);
	return 0;
}

static int same_phone(const char *a, const char *b)
{
	char *ka = prospect_phone_key(a), *kb = prospect_phone_key(b);
	int same = ka && kb && !strcmp(ka, kb);

	free(ka);
	free(kb);
	return same;
}

static int merge(struct reader *r, long long id, struct row *w)
{
	static const enum field fields[7] = {C_NAME, C_COMPANY, C_TITLE, C_EMAIL, C_PHONE, C_SOURCE, C_NOTES};
	static const char *const names[7] = {"name", "company", "title", "email", "phone", "source", "notes"};
	struct existing ex = {{NULL}};
	struct prospect_edit e;
	const char **set = &e.f.name;
	int i, changes = 0, conflicts = 0;

	if (store_show(r->st, id, 0, grab, NULL, &ex) < 0)
		return -1;
	memset(&e, 0, sizeof e);
	e.first_contact = DATE_NONE;
	for (i = 0; i < 7; i++) {
		const char *mine = ex.f[i], *theirs = w->v[fields[i]];
		if (!theirs)
			continue;
		if (!mine) {
			set[i] = theirs;
			changes++;
		} else if (i == 3 ? strcasecmp(mine, theirs) != 0 :
			   i == 4 ? !same_phone(mine, theirs) : strcmp(mine, theirs) != 0) {
			char a[200];
			snprintf(a, sizeof a, "%s", err_quote(mine));
			report(r, r->row_line, "duplicate of #%lld %s: %s %s kept, the file has %s", id,
			       err_quote(ex.f[0]), names[i], a, err_quote(theirs));
			conflicts++;
		}
	}
	for (i = 0; i < 7; i++)
		free(ex.f[i]);
	r->res->conflicts += conflicts;
	if (!changes) {
		r->res->skipped++;
		return 0;
	}
	if (store_prospect_edit(r->st, id, &e) < 0)
		return -1;
	r->res->updated++;
	return 0;
}

/* A row refused for why: reported with its line, counted; 0. */
static int bad_row(struct reader *r, struct row *w, const char *why)
{
	report(r, r->row_line, "%s", why);
	r->res->bad++;
	row_free(w);
	return 0;
}

/* Validate and import one prospect record.  Returns 0 (imported, merged
 * or reported bad) or -1 on a store failure. */
static int prospect_row(struct reader *r)
{
	struct row w;
	struct prospect_new p;
	struct cadence cd;
	long long dup, id;
	int i, d0;
	const char *why = NULL;
	char whybuf[300];

	memset(&w, 0, sizeof w);
	for (i = 0; i < C__COUNT; i++)
		w.v[i] = cell(r, (enum field)i);
	if (!w.v[C_NAME] && (w.v[C_FIRST] || w.v[C_LAST])) {
		size_t n = (w.v[C_FIRST] ? strlen(w.v[C_FIRST]) : 0) + (w.v[C_LAST] ? strlen(w.v[C_LAST]) : 0) + 2;
		w.v[C_NAME] = xmalloc(n);
		snprintf(w.v[C_NAME], n, "%s%s%s", w.v[C_FIRST] ? w.v[C_FIRST] : "",
			 w.v[C_FIRST] && w.v[C_LAST] ? " " : "", w.v[C_LAST] ? w.v[C_LAST] : "");
	}
	memset(&p, 0, sizeof p);
	p.next_date = DATE_NONE;
	p.next_time = TIME_NONE;
	d0 = r->o->start != DATE_NONE ? r->o->start : r->today;
	if (!w.v[C_NAME]) {
		why = "no name";
	} else if (w.v[C_EMAIL] && !prospect_valid_email(w.v[C_EMAIL])) {
		snprintf(whybuf, sizeof whybuf, "malformed email %s", err_quote(w.v[C_EMAIL]));
		why = whybuf;
	} else if (!prospect_valid_phone(w.v[C_PHONE])) {
		snprintf(whybuf, sizeof whybuf, "phone %s: not a phone number (no digits)", err_quote(w.v[C_PHONE]));
		why = whybuf;
	} else if (r->o->start == DATE_NONE && w.v[C_DAY0] &&
		   date_parse_crm(w.v[C_DAY0], r->order, &d0, NULL) != 0) {
		snprintf(whybuf, sizeof whybuf, "invalid date %s", err_quote(w.v[C_DAY0]));
		why = whybuf;
	} else if (d0 > r->today) {
		snprintf(whybuf, sizeof whybuf, "first contact %s is after today", err_quote(w.v[C_DAY0]));
		why = whybuf;
	} else if (w.v[C_STATUS] && status_parse(w.v[C_STATUS]) < 0) {
		snprintf(whybuf, sizeof whybuf, "status %s: expected active, won or lost", err_quote(w.v[C_STATUS]));
		why = whybuf;
	}
	if (!why && w.v[C_FLAGS]) {
		char *tok, *save = NULL, *copy = xstrdup(w.v[C_FLAGS]);
		for (tok = strtok_r(copy, ", ;", &save); tok && !why; tok = strtok_r(NULL, ", ;", &save)) {
			unsigned b = flag_bit(tok);
			if (!b) {
				snprintf(whybuf, sizeof whybuf, "flag %s: expected verified, need, decider or timeline",
					 err_quote(tok));
				why = whybuf;
			}
			p.flags |= b;
		}
		free(copy);
	}
	p.cadence = w.v[C_CADENCE] ? w.v[C_CADENCE] : r->cfg->cadence;
	if (!why && strcmp(p.cadence, r->cadence_ok)) {
		if (store_cadence_get(r->st, p.cadence, &cd) < 0) {
			snprintf(whybuf, sizeof whybuf, "cadence %s: no such cadence", err_quote(p.cadence));
			why = whybuf;
		} else {
			snprintf(r->cadence_ok, sizeof r->cadence_ok, "%s", p.cadence);
		}
	}
	if (!why && w.v[C_DUE_KIND] && !strcmp(w.v[C_DUE_KIND], "explicit") && w.v[C_DUE]) {
		if (cell_date(w.v[C_DUE], &p.next_date) < 0 ||
		    (w.v[C_DUE_TIME] && time_parse(w.v[C_DUE_TIME], &p.next_time) < 0)) {
			snprintf(whybuf, sizeof whybuf, "invalid next date %s", err_quote(w.v[C_DUE]));
			why = whybuf;
		}
	}
	if (why)
		return bad_row(r, &w, why);
	if (store_find_duplicate(r->st, w.v[C_EMAIL], w.v[C_PHONE], &dup) < 0) {
		row_free(&w);
		return -1;
	}
	if (dup) {
		i = merge(r, dup, &w);
		row_free(&w);
		return i;
	}
	p.f.name = w.v[C_NAME];
	p.f.company = w.v[C_COMPANY];
	p.f.title = w.v[C_TITLE];
	p.f.email = w.v[C_EMAIL];
	p.f.phone = w.v[C_PHONE];
	p.f.source = w.v[C_SOURCE];
	p.f.notes = w.v[C_NOTES];
	p.first_contact = d0;
	p.next_agenda = p.next_date != DATE_NONE ? w.v[C_AGENDA] : NULL;
	p.status = w.v[C_STATUS] ? (enum prospect_status)status_parse(w.v[C_STATUS]) : STATUS_ACTIVE;
	if (w.v[C_ID]) {
		char *end;
		long long want = strtoll(w.v[C_ID], &end, 10);
		if (!*end && want > 0)
			p.id = want;
	}
	i = store_prospect_add(r->st, &p, &id);
	row_free(&w);
	r->res->imported += i == 0;
	return i;
}

static int touch_row(struct reader *r)
{
	struct row w;
	struct prospect_state ps;
	long long id = 0;
	int i, date, minutes = 12 * 60, channel = 0, outcome = 0;
	char whybuf[300];
	const char *why = NULL;

	memset(&w, 0, sizeof w);
	for (i = 0; i < C__COUNT; i++)
		w.v[i] = cell(r, (enum field)i);
	/* Email or phone first: an id from another database may name a
	 * stranger here; the id decides only when neither matches. */
	if (store_find_duplicate(r->st, w.v[C_EMAIL], w.v[C_PHONE], &id) < 0) {
		row_free(&w);
		return -1;
	}
	if (!id && w.v[C_ID]) {
		char *end;
		id = strtoll(w.v[C_ID], &end, 10);
		if (*end || id <= 0 || store_prospect_state(r->st, id, &ps) < 0)
			id = 0;
	}
	if (!id || store_prospect_state(r->st, id, &ps) < 0) {
		snprintf(whybuf, sizeof whybuf, "no prospect with %s %s",
			 w.v[C_ID] ? "id" : w.v[C_EMAIL] ? "email" : "phone",
			 err_quote(w.v[C_ID] ? w.v[C_ID] : w.v[C_EMAIL] ? w.v[C_EMAIL] : w.v[C_PHONE]));
		why = whybuf;
	} else if (!w.v[C_AT] || cell_date(w.v[C_AT], &date) < 0 ||
		   (strlen(w.v[C_AT]) > 10 && time_parse(w.v[C_AT] + 11, &minutes) < 0)) {
		snprintf(whybuf, sizeof whybuf, "invalid date %s", err_quote(w.v[C_AT]));
		why = whybuf;
	} else if (date < ps.first_contact || date > r->today) {
		snprintf(whybuf, sizeof whybuf, "touch date %s: outside day 0 (%s) to today",
			 err_quote(w.v[C_AT]), "prospect's first contact");
		why = whybuf;
	} else if ((channel = channel_parse(w.v[C_CHANNEL])) < 0) {
		snprintf(whybuf, sizeof whybuf, "channel %s: expected one of %s", err_quote(w.v[C_CHANNEL]),
			 word_list(channel_words, CH_COUNT));
		why = whybuf;
	} else if ((outcome = outcome_parse(w.v[C_OUTCOME])) < 0) {
		snprintf(whybuf, sizeof whybuf, "outcome %s: expected one of %s", err_quote(w.v[C_OUTCOME]),
			 word_list(outcome_words, OUT_COUNT));
		why = whybuf;
	}
	if (why)
		return bad_row(r, &w, why);
	i = store_touch_add(r->st, id, date, minutes, (enum channel)channel, (enum outcome)outcome,
			    w.v[C_NOTE], NULL);
	row_free(&w);
	if (i < 0)
		return -1;
	r->res->imported++;
	return 0;
}

/* A cell the first pass does not read (it reads day 0 alone). */
static char unread[] = "";

static void on_field(void *s, size_t len, void *ctx)
{
	struct reader *r = ctx;
	if (r->ncells == r->cap)
		r->cells = xrealloc(r->cells, (r->cap = r->cap * 2 + 16) * sizeof *r->cells);
	if (r->scan && r->header_done && (int)r->ncells != r->map[C_DAY0] && r->ncells != 0)
		r->cells[r->ncells++] = unread;
	else
		r->cells[r->ncells++] = xstrndup(s ? (const char *)s : "", s ? len : 0);
}

static void clear_cells(struct reader *r)
{
	size_t i;
	for (i = 0; i < r->ncells; i++)
		if (r->cells[i] != unread)
			free(r->cells[i]);
	r->ncells = 0;
}

/* The first pass: what one row's day 0 says about the file's order. */
static void scan_row(struct reader *r)
{
	enum date_order hint;
	const char *v;
	int d, i = r->map[C_DAY0];

	if (i < 0 || (size_t)i >= r->ncells)
		return;
	v = r->cells[i];
	while (*v == ' ' || *v == '\t')
		v++;
	if (!strchr(v, '/') || date_parse_crm(v, DATE_ORDER_NONE, &d, &hint) == -1)
		return;
	if (hint == DATE_ORDER_DMY && !r->first_dmy)
		r->first_dmy = r->row_line;
	else if (hint == DATE_ORDER_MDY && !r->first_mdy)
		r->first_mdy = r->row_line;
	else if (hint == DATE_ORDER_NONE && !r->first_ambiguous) {
		r->first_ambiguous = r->row_line;
		snprintf(r->ambiguous, sizeof r->ambiguous, "%.24s", v);
	}
}

static void on_row(int c, void *ctx)
{
	struct reader *r = ctx;
	(void)c;
	if (r->failed)
		goto done;
	if (!r->header_done) {
		r->header_done = 1;
		if (header(r) < 0)
			r->failed = 1;
		goto done;
	}
	/* A blank line is no record. */
	if (r->ncells == 1 && !util_has_text(r->cells[0]))
		goto done;
	if (r->scan) {
		scan_row(r);
		goto done;
	}
	if (r->o->progress && ++r->records % 5000 == 0)
		r->o->progress(r->o->ctx, r->records);
	if ((int)r->ncells != r->ncols) {
		report(r, r->row_line, "expected %d fields, found %zu", r->ncols, r->ncells);
		r->res->bad++;
	} else if ((r->o->touches ? touch_row(r) : prospect_row(r)) < 0) {
		r->failed = 1;
	}
done:
	clear_cells(r);
	r->row_line = r->line + 1;
}

/* Feed the whole file f to the reader r, through libcsv; 0 or -1. */
static int read_all(struct reader *r, FILE *f)
{
	struct csv_parser p;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return err_runtime("import: out of memory");
	r->line = 0;
	r->row_line = 1;
	r->header_done = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		char *s = line;
		r->line++;
		if (r->line == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			s += 3, len -= 3;
		if (csv_parse(&p, s, (size_t)len, on_field, on_row, r) != (size_t)len) {
			rc = err_usage("%s:%ld: malformed CSV: %s", r->name, r->line,
				       csv_strerror(csv_error(&p)));
			break;
		}
		if (r->failed)
			break;
	}
	if (rc == 0 && ferror(f))
		rc = err_runtime("import %s: %s", err_quote(r->o->path), util_strerror(errno));
	if (rc == 0 && !r->failed && csv_fini(&p, on_field, on_row, r) != 0)
		rc = err_usage("%s:%ld: malformed CSV: %s", r->name, r->line, csv_strerror(csv_error(&p)));
	if (rc == 0 && r->failed)
		rc = -1;
	if (rc == 0 && !r->header_done)
		rc = err_usage("import %s: empty file (no header row)", err_quote(r->o->path));
	clear_cells(r);
	free(line);
	csv_free(&p);
	return rc;
}

/* Standard input as a file that can be read twice. */
static FILE *spool(FILE *in)
{
	FILE *f = tmpfile();
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, f) != n) {
			fclose(f);
			return NULL;
		}
	if (ferror(in) || fflush(f) || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	return f;
}

/* Whether f holds byte c anywhere (read to its end; 1 on a read error,
 * so that the caller reads it properly and reports it). */
static int has_byte(FILE *f, int c)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (memchr(buf, c, n))
			return 1;
	return ferror(f) != 0;
}

/*
 * The first pass over a file whose day-0 column holds slashed dates: the
 * order of day and month (SPEC §5), from --date-order, or what the
 * file's own dates settle.  A file that does not settle it, or settles
 * both, is refused before anything is imported.
 */
static int decide_order(struct reader *r, FILE *f)
{
	int rc, slash;

	r->order = r->o->date_order;
	if (r->o->touches || r->o->start != DATE_NONE || r->order != DATE_ORDER_NONE)
		return 0;
	/* No slash in the whole file: no slashed date to settle (a read and
	 * a memchr, not a second parse: the first pass was a tenth of a
	 * large import). */
	slash = has_byte(f, '/');
	if (fseek(f, 0, SEEK_SET) < 0)
		return err_runtime("import %s: %s", err_quote(r->o->path), util_strerror(errno));
	if (!slash)
		return 0;
	r->scan = 1;
	rc = read_all(r, f);
	r->scan = 0;
	if (rc < 0)
		return -1;
	if (fseek(f, 0, SEEK_SET) < 0)
		return err_runtime("import %s: %s", err_quote(r->o->path), util_strerror(errno));
	if (r->first_dmy && r->first_mdy)
		return err_usage("%s:%ld: dates in both orders: line %ld is day/month, line %ld "
				 "month/day (give --date-order mdy or dmy)", r->name,
				 r->first_dmy < r->first_mdy ? r->first_dmy : r->first_mdy,
				 r->first_dmy, r->first_mdy);
	if (r->first_dmy || r->first_mdy) {
		r->order = r->first_dmy ? DATE_ORDER_DMY : DATE_ORDER_MDY;
		return 0;
	}
	if (r->first_ambiguous)
		return err_usage("%s:%ld: date %s: month/day or day/month, and no date in the file "
				 "settles it (give --date-order mdy or dmy)", r->name, r->first_ambiguous,
				 err_quote(r->ambiguous));
	return 0;
}

int csv_import(struct store *st, const struct config *cfg, int today,
	       const struct import_opts *o, struct import_result *res)
{
	struct reader r;
	FILE *f;
	char label[300];
	int rc = 0, in_batch = 0;

	memset(res, 0, sizeof *res);
	r = (struct reader){.st = st, .cfg = cfg, .o = o, .res = res, .today = today, .row_line = 1,
			    .name = strcmp(o->path, "-") ? o->path : "(stdin)"};
	f = strcmp(o->path, "-") ? fopen(o->path, "rb") : o->touches ? stdin : spool(stdin);
	if (!f)
		return err_usage("import %s: %s", err_quote(o->path), util_strerror(errno));
	if (decide_order(&r, f) < 0) {
		rc = -1;
		goto out;
	}
	snprintf(label, sizeof label, "import%s %s", o->touches ? " --touches" : "", r.name);
	if (store_batch_begin(st, label) < 0) {
		rc = -1;
		goto out;
	}
	in_batch = 1;
	store_set_restoring(st, o->touches);
	rc = read_all(&r, f);
out:
	if (in_batch) {
		int commit = rc == 0 && !o->dry_run && !(o->strict && res->bad);
		if (r.failed && rc < 0)
			commit = 0;
		if (store_batch_end(st, commit) < 0 && rc == 0)
			rc = -1;
	}
	store_set_restoring(st, 0);
	if (o->progress && r.records >= 5000)
		o->progress(o->ctx, -1);
	clear_cells(&r);
	free(r.cells);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* ---- CSV ---------------------------------------------------------------- */

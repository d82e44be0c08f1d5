/*
 * store_view.c - the TUI's paged views (store.h "paged views"): the due
 * list, the agenda and every prospect in one of the list sorts, read a
 * window at a time by keyset queries over the indexes, and the search's
 * count over all prospects.  Exports store_view_scan(), store_view_find()
 * and store_search_scan().
 *
 * Representation.  A view is a list of segments (enum seg), each a WHERE
 * clause that an index can select, a filter that it cannot (tested row by
 * row, with the search, as the `hit` column) and an order: the due index
 * (due, due_time IS NULL, due_time, name COLLATE NOCASE, id), the name
 * index (name COLLATE NOCASE, id), or by company (no index: sorted).  The
 * rows after a key k1..kn in that order are, nearest first, the rows equal
 * to k1..k(n-1) with a column n greater than kn, then those equal to
 * k1..k(n-2) with column n-1 greater, and so on: one statement per level,
 * each an index range with LIMIT (SQLite does not range-scan an index for
 * a row-value comparison over an expression or a collation, and due_time
 * is NULL for an untimed row).  The statements' texts are made on first
 * use, kept for the process's life (the statement cache keys on their
 * address), and cached like every other statement.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/util.h"

/* ---- segments and their orders ---------------------------------------- */

enum key_type { KT_DUE, KT_TN, KT_TIME, KT_NAME, KT_COMPANY, KT_ID };
struct key_col {
	const char *expr;       /* as the index has it (with its collation) */
	const char *eq;         /* how "equal to the key's value" is written */
	enum key_type type;
};
#define KEY_MAX 5
static const struct key_col due_cols[] = {
	{"p.due", "=", KT_DUE},
	{"(p.due_time IS NULL)", "=", KT_TN},
	{"p.due_time", "IS", KT_TIME}, /* IS: NULL for every untimed row */
	{"p.name COLLATE NOCASE", "=", KT_NAME},
	{"p.id", "=", KT_ID},
};
static const struct key_col name_cols[] = {
	{"p.name COLLATE NOCASE", "=", KT_NAME},
	{"p.id", "=", KT_ID},
};
static const struct key_col company_cols[] = {
	{"p.company COLLATE NOCASE", "=", KT_COMPANY},
	{"p.name COLLATE NOCASE", "=", KT_NAME},
	{"p.id", "=", KT_ID},
};
enum order { ORD_DUE, ORD_NAME, ORD_COMPANY };
static const struct {
	const struct key_col *cols;
	int n;
} orders[] = {{due_cols, 5}, {name_cols, 2}, {company_cols, 3}};

enum seg { SG_DUE, SG_COMPLETE, SG_ALL, SG_COMPANY, SG_NO_COMPANY, SG_HAS_DUE, SG_NO_DUE,
	   SG_ACTIVE, SG_WON, SG_LOST, SG__COUNT };
static const struct {
	const char *where;      /* what an index selects; NULL: every row */
	const char *filter;     /* tested per row; NULL: none */
	enum order order;
} segs[SG__COUNT] = {
	[SG_DUE] = {"p.due IS NOT NULL AND p.due <= :until", NULL, ORD_DUE},
	/* Few, as a rule, and found by their own index; sorted. */
	[SG_COMPLETE] = {"p.complete = 1", NULL, ORD_NAME},
	[SG_ALL] = {NULL, NULL, ORD_NAME},
	/* No index by company: each page sorts (SQLite keeps only the page). */
	[SG_COMPANY] = {"p.company IS NOT NULL", NULL, ORD_COMPANY},
	[SG_NO_COMPANY] = {NULL, "p.company IS NULL", ORD_NAME},
	[SG_HAS_DUE] = {"p.due IS NOT NULL", NULL, ORD_DUE},
	[SG_NO_DUE] = {NULL, "p.due IS NULL", ORD_NAME},
	[SG_ACTIVE] = {NULL, "p.status = 'active'", ORD_NAME},
	[SG_WON] = {NULL, "p.status = 'won'", ORD_NAME},
	[SG_LOST] = {NULL, "p.status = 'lost'", ORD_NAME},
};

/* The segments of a view, in order; their count. */
static int view_segs(const struct view_spec *v, enum seg out[3])
{
	if (v->kind == VIEW_DUE)
		return out[0] = SG_DUE, out[1] = SG_COMPLETE, 2;
	if (v->kind == VIEW_AGENDA)
		return out[0] = SG_DUE, 1;
	switch (v->sort) {
	case SORT_COMPANY: return out[0] = SG_COMPANY, out[1] = SG_NO_COMPANY, 2;
	case SORT_DUE: return out[0] = SG_HAS_DUE, out[1] = SG_NO_DUE, 2;
	case SORT_STATUS: return out[0] = SG_ACTIVE, out[1] = SG_WON, out[2] = SG_LOST, 3;
	default: return out[0] = SG_ALL, 1;
	}
}

/* Whether a row (with its complete column) satisfies the segment's
 * WHERE and filter. */
static int seg_holds(enum seg g, const struct view_spec *v, const struct prow *r, int complete)
{
	switch (g) {
	case SG_DUE: return r->due != DATE_NONE && r->due <= v->until;
	case SG_COMPLETE: return complete;
	case SG_ALL: return 1;
	case SG_COMPANY: return r->company != NULL;
	case SG_NO_COMPANY: return r->company == NULL;
	case SG_HAS_DUE: return r->due != DATE_NONE;
	case SG_NO_DUE: return r->due == DATE_NONE;
	case SG_ACTIVE: return r->status == STATUS_ACTIVE;
	case SG_WON: return r->status == STATUS_WON;
	case SG_LOST: return r->status == STATUS_LOST;
	default: return 0;
	}
}

/* ---- the statements ---------------------------------------------------- */

#define SEARCH_HIT "(:q IS NULL OR p.search LIKE :q ESCAPE '\\' OR p.search LIKE :qd)"

/*
 * The statement of segment g, direction (0 forward, 1 backward) and form:
 * 0 the segment from its edge; 1 + j the rows equal to the key on the
 * columns before j and past it on column j; 1 + n (n columns) the key's
 * own row and those past it on the last column.
 */
static const char *view_sql(enum seg g, int back, int form)
{
	static char *made[SG__COUNT][2][KEY_MAX + 2];
	const struct key_col *c = orders[segs[g].order].cols;
	int n = orders[segs[g].order].n, j, lvl, first;
	const char *where;
	char *sql;
	size_t cap, len;

	if (made[g][back][form])
		return made[g][back][form];
	cap = strlen(query_prow_columns) + strlen(query_prow_from) + 1024;
	sql = xmalloc(cap);
	lvl = form == n + 1 ? n - 1 : form - 1; /* the column compared, -1: none */
	/* Back from a key, its due date bounds the rows from above: with
	 * :until as well, SQLite may start the scan at :until and filter
	 * down to the key (a million rows of a week's agenda). */
	where = segs[g].where ? segs[g].where : "1";
	if (g == SG_DUE && back && lvl >= 0)
		where = "p.due IS NOT NULL";
	len = (size_t)snprintf(sql, cap, "%s, (%s) AND " SEARCH_HIT " %sWHERE %s", query_prow_columns,
			       segs[g].filter ? segs[g].filter : "1", query_prow_from, where);
	for (j = 0; j < lvl; j++)
		len += (size_t)snprintf(sql + len, cap - len, " AND %s %s :k%d", c[j].expr, c[j].eq, j);
	if (lvl >= 0)
		len += (size_t)snprintf(sql + len, cap - len, " AND %s %s :k%d", c[lvl].expr,
					form == n + 1 ? (back ? "<=" : ">=") : (back ? "<" : ">"), lvl);
	/* Only the columns not held equal: SQLite sorts when asked for the
	 * others (in this version, with IS on due_time). */
	len += (size_t)snprintf(sql + len, cap - len, " ORDER BY");
	for (first = 1, j = lvl < 0 ? 0 : lvl; j < n; j++, first = 0)
		len += (size_t)snprintf(sql + len, cap - len, "%s %s%s", first ? "" : ",", c[j].expr,
					back ? " DESC" : "");
	snprintf(sql + len, cap - len, " LIMIT :limit");
	return made[g][back][form] = sql;
}

static void bind_if(sqlite3_stmt *s, const char *name, const char *text, long long num, int is_text)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (!i)
		return;
	if (!is_text)
		sqlite3_bind_int64(s, i, num);
	else if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Bind key column j (:kj) from k. */
static void bind_key(sqlite3_stmt *s, const struct key_col *c, int j, const struct view_key *k)
{
	char name[16], buf[16];
	snprintf(name, sizeof name, ":k%d", j);
	switch (c[j].type) {
	case KT_DUE: bind_if(s, name, k->due == DATE_NONE ? NULL : date_format(k->due, buf), 0, 1); break;
	case KT_TN: bind_if(s, name, NULL, k->due_time == TIME_NONE, 0); break;
	case KT_TIME: bind_if(s, name, k->due_time == TIME_NONE ? NULL : time_format(k->due_time, buf), 0, 1); break;
	case KT_NAME: bind_if(s, name, k->name, 0, 1); break;
	case KT_COMPANY: bind_if(s, name, k->company, 0, 1); break;
	case KT_ID: bind_if(s, name, NULL, k->id, 0); break;
	}
}

/* ---- scanning ----------------------------------------------------------- */

struct scan {
	struct store *st;
	const struct view_spec *v;
	view_cb cb;
	void *ctx;
	int max_hits, max_examined, hits, examined;
	int stopped;            /* a bound was reached, or the callback said stop */
};

static void key_of(const struct prow *r, int seg, struct view_key *k)
{
	k->seg = seg;
	k->due = r->due;
	k->due_time = r->due_time;
	k->status = r->status;
	k->name = r->name;
	k->company = r->company;
	k->id = r->id;
}

/* Run one statement (segment index si of the view, form), passing its
 * rows on; 0 (sc->stopped when a bound was reached) or -1. */
static int run_form(struct scan *sc, const enum seg *g, int si, int back, int form, const struct view_key *k)
{
	const struct key_col *c = orders[segs[g[si]].order].cols;
	int n = orders[segs[g[si]].order].n, j, r, lvl = form == n + 1 ? n - 1 : form - 1, hitcol;
	sqlite3_stmt *s = db_prep(sc->st, view_sql(g[si], back, form));
	struct prow row;
	struct view_key rk;

	if (!s)
		return -1;
	db_bind_date(s, ":today", sc->st->today);
	if (sqlite3_bind_parameter_index(s, ":until"))
		db_bind_date(s, ":until", sc->v->until);
	query_bind_search(s, sc->v->query);
	for (j = 0; j <= lvl; j++)
		bind_key(s, c, j, k);
	db_bind_int(s, ":limit", sc->max_examined ? sc->max_examined - sc->examined : -1);
	hitcol = sqlite3_column_count(s) - 1;
	while ((r = db_row(sc->st, s)) == 1) {
		int hit = sqlite3_column_int(s, hitcol);
		query_fill_row(s, &row);
		key_of(&row, si, &rk);
		sc->examined++;
		sc->hits += hit;
		if (sc->cb(&row, &rk, hit, sc->ctx) ||
		    (sc->max_hits && sc->hits >= sc->max_hits) ||
		    (sc->max_examined && sc->examined >= sc->max_examined)) {
			sqlite3_reset(s);
			sc->stopped = 1;
			return 0;
		}
	}
	return r;
}

int store_view_scan(struct store *st, const struct view_spec *v, const struct view_key *from, int inclusive,
		    int dir, int max_hits, int max_examined, view_cb cb, void *ctx, int *done)
{
	struct scan sc = {st, v, cb, ctx, max_hits, max_examined, 0, 0, 0};
	enum seg g[3];
	int ng = view_segs(v, g), back = dir < 0, si, j;

	*done = 0;
	if (from && from->seg >= 0 && from->seg < ng) {
		const struct key_col *c = orders[segs[g[from->seg]].order].cols;
		int n = orders[segs[g[from->seg]].order].n;
		/* Past the key within its segment: the deepest level first. */
		for (j = n - 1; j >= 0 && !sc.stopped; j--) {
			if (c[j].type == KT_TIME && from->due_time == TIME_NONE)
				continue; /* untimed: every row of the group alike */
			if (c[j].type == KT_TN && (back ? from->due_time != TIME_NONE : from->due_time == TIME_NONE))
				continue; /* nothing sorts past the group's end */
			if (run_form(&sc, g, from->seg, back, j == n - 1 && inclusive ? n + 1 : 1 + j, from) < 0)
				return -1;
		}
		si = from->seg + (back ? -1 : 1);
	} else {
		si = back ? ng - 1 : 0;
	}
	for (; si >= 0 && si < ng && !sc.stopped; si += back ? -1 : 1)
		if (run_form(&sc, g, si, back, 0, NULL) < 0)
			return -1;
	*done = !sc.stopped;
	return 0;
}

int store_view_find(struct store *st, const struct view_spec *v, long long id, view_cb cb, void *ctx)
{
	static char *sql;
	sqlite3_stmt *s;
	struct prow row;
	struct view_key k;
	enum seg g[3];
	int ng = view_segs(v, g), si, r, hit, complete;

	if (!sql) {
		size_t cap = strlen(query_prow_columns) + strlen(query_prow_from) + 256;
		sql = xmalloc(cap);
		snprintf(sql, cap, "%s, " SEARCH_HIT ", p.complete %sWHERE p.id = :id", query_prow_columns,
			 query_prow_from);
	}
	if (!(s = db_prep(st, sql)))
		return -1;
	db_bind_date(s, ":today", st->today);
	db_bind_int(s, ":id", id);
	query_bind_search(s, v->query);
	if ((r = db_row(st, s)) != 1)
		return r;
	hit = sqlite3_column_int(s, sqlite3_column_count(s) - 2);
	complete = sqlite3_column_int(s, sqlite3_column_count(s) - 1);
	query_fill_row(s, &row);
	for (si = 0; si < ng && !(hit && seg_holds(g[si], v, &row, complete)); si++)
		;
	if (si == ng) {
		sqlite3_reset(s);
		return 0;
	}
	key_of(&row, si, &k);
	r = cb(&row, &k, 1, ctx);
	sqlite3_reset(s);
	return r < 0 ? -1 : 1;
}

int store_search_scan(struct store *st, const char *query, long long *after, int max_examined, long long cap,
		      long long *hits, long long *first, int *done)
{
	static const char sql[] =
		"SELECT p.id, " SEARCH_HIT " FROM prospect p WHERE p.id > :after ORDER BY p.id LIMIT :limit";
	sqlite3_stmt *s = db_prep(st, sql);
	int r, n = 0;

	*done = 0;
	if (!s)
		return -1;
	db_bind_int(s, ":after", *after);
	db_bind_int(s, ":limit", max_examined > 0 ? max_examined : -1);
	query_bind_search(s, query);
	while ((r = db_row(st, s)) == 1) {
		n++;
		*after = sqlite3_column_int64(s, 0);
		if (sqlite3_column_int(s, 1)) {
			if (!*first)
				*first = *after;
			if (++*hits > cap) {
				sqlite3_reset(s);
				return 0;
			}
		}
	}
	if (r < 0)
		return -1;
	*done = max_examined <= 0 || n < max_examined;
	return 0;
}

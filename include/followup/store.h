/*
 * store.h - the SQLite store: prospects, touches, cadences, time off, the
 * undo journal and the workday calendar's cache.
 *
 * The only module that includes sqlite3.h.  Every write is one
 * BEGIN IMMEDIATE transaction recorded as one undo group, and recomputes
 * the derived due columns of what it changed in the same transaction.
 * Functions return 0 on success or -1 with an error recorded (err.h):
 * usage errors for unknown ids and bad values, runtime errors carrying
 * sqlite3_errmsg for database failures.  Strings in rows passed to
 * callbacks are borrowed and valid only during the callback.
 */
#ifndef FOLLOWUP_STORE_H
#define FOLLOWUP_STORE_H

#include <stddef.h>

#include "followup/cadence.h"
#include "followup/config.h"
#include "followup/prospect.h"
#include "followup/stats.h"

struct store;

/* The default database path ($XDG_DATA_HOME or ~/.local/share) into buf. */
char *store_default_path(char *buf, size_t n);

/*
 * store_open - open (creating when missing, mode 0600, parent directories
 * 0700 when create_dirs) and migrate the database at path.  A file that is
 * not a followup database, or one from a newer schema version, is refused
 * (runtime error) and left untouched.  cfg is borrowed for the store's
 * life: its workdays, holidays and holiday feed form the workday calendar.
 */
int store_open(struct store **out, const char *path, int create_dirs,
	       const struct config *cfg, int today);
/* Finalize every statement and close; NULL is fine.  -1 with the
 * database's error when SQLite cannot close it. */
int store_close(struct store *st);
/* How many prepared statements the connection holds, and in *stray how
 * many of them the statement cache does not (for the tests: the count is
 * bounded by the distinct statements, however long the store is used, and
 * nothing is stray between calls). */
int store_statements(struct store *st, int *stray);

/*
 * store_sync_calendar - when the workday configuration (including the
 * holiday feed file) differs from the fingerprint stored in the database,
 * re-read the feed and recompute every active prospect, in one transaction.
 * Cheap when nothing changed: one stat() and one indexed read.
 */
int store_sync_calendar(struct store *st);

/* 1 when the calendar module (libical) was needed by this process. */
int store_used_ical(const struct store *st);

/* v as SQLite prints a REAL (%!.15g, as its JSON functions do) into buf
 * (size n >= 32); returns buf.  No database needed. */
char *store_format_real(double v, char *buf, size_t n);

/* C of SPEC §4: when this database first saw the current calendar
 * configuration, in seconds since 2020-01-01Z (0 before the first). */
long long store_calendar_since(struct store *st);

/* The database's random id (for calendar UIDs); borrowed until close. */
const char *store_db_id(struct store *st);

/* ---- prospects ---------------------------------------------------- */

/* Text fields of a prospect; NULL means absent (or, for edits, unchanged). */
struct prospect_fields {
	const char *name, *company, *title, *email, *phone, *source, *notes;
};

struct prospect_new {
	struct prospect_fields f;
	int first_contact;     /* day 0 */
	const char *cadence;   /* cadence name */
	unsigned flags;
	/* Import only (0 otherwise): */
	long long id;          /* wanted id (round trips), used only when no
	                        * prospect ever had it: above every id given
	                        * so far, deleted or undone ones included, as
	                        * ids make calendar UIDs */
	enum prospect_status status;
	int next_date;         /* explicit next date, 0 or DATE_NONE: none */
	int next_time;         /* its time, TIME_NONE: none */
};

/* Add a prospect; *id receives its id. */
int store_prospect_add(struct store *st, const struct prospect_new *p, long long *id);

struct prospect_edit {
	struct prospect_fields f;   /* non-NULL fields are set ("" clears) */
	int set_status;             /* 0: status unchanged */
	enum prospect_status status;
	const char *cadence;        /* NULL: unchanged */
	int first_contact;          /* DATE_NONE: unchanged */
	unsigned flags_set, flags_clear;
};
int store_prospect_edit(struct store *st, long long id, const struct prospect_edit *e);
int store_prospect_delete(struct store *st, long long id);

/* What a prospect's schedule is now (after a write). */
struct prospect_state {
	long long id;
	char name[256];
	int first_contact;
	enum prospect_status status;
	int due, due_time;          /* DATE_NONE / TIME_NONE when none */
	enum due_kind kind;
	int step;
	int no_next_step;           /* active, its finite cadence run out */
	int touch_count;
};
/* Usage error "prospect 'ID': no such prospect" when missing. */
int store_prospect_state(struct store *st, long long id, struct prospect_state *out);

/* ---- touches and next dates ----------------------------------------- */

/*
 * store_touch_add - log a touch at local date `date` and `minutes` after
 * midnight.  The date must lie between day 0 and today (usage error
 * otherwise).  Outcome won/lost sets the status; a date on or after the day
 * the explicit next date was set clears it (rule 5).
 */
int store_touch_add(struct store *st, long long prospect, int date, int minutes,
		    enum channel channel, enum outcome outcome, const char *note,
		    long long *touch_id);
/* Delete a touch; *prospect receives the prospect it belonged to. */
int store_touch_remove(struct store *st, long long touch_id, long long *prospect);
/* Set the explicit next date (not before today) and optional time. */
int store_next_set(struct store *st, long long id, int date, int time);
int store_next_clear(struct store *st, long long id);

/* ---- undo ----------------------------------------------------------- */

/*
 * store_undo - revert the most recent change group.  label (size n)
 * receives what was undone.  Usage error "nothing to undo" when the
 * journal is empty.
 */
int store_undo(struct store *st, char *label, size_t n);

/* ---- batches (import) ---------------------------------------------- */

/*
 * store_batch_begin - one transaction and one undo group for many writes:
 * until store_batch_end, the write functions above join it instead of
 * committing each.  A write that fails inside the batch rolls the whole
 * batch back (validate first).  store_batch_end commits (commit = 1) or
 * rolls back (0, for --dry-run and --strict).
 */
int store_batch_begin(struct store *st, const char *label);
int store_batch_end(struct store *st, int commit);
/* While on, logged touches keep an explicit next date (rule 5's clearing
 * is for new touches, not for a restored touch log). */
void store_set_restoring(struct store *st, int on);

/* The first prospect with this email (case-insensitive) or phone (same
 * digits and leading +); *id = 0 when none. */
int store_find_duplicate(struct store *st, const char *email, const char *phone, long long *id);

/* ---- cadences ------------------------------------------------------- */

/* Look a cadence up by name (case-insensitive); usage error when unknown. */
int store_cadence_get(struct store *st, const char *name, struct cadence *out);
int store_cadence_add(struct store *st, const struct cadence *c);
/* Call cb for each cadence by name; builtin is 1 for seeded ones. */
int store_cadence_each(struct store *st,
		       int (*cb)(const struct cadence *c, int builtin, long long uses, void *ctx),
		       void *ctx);

/* ---- time off ------------------------------------------------------- */

int store_away_add(struct store *st, int from, int to, long long *id);
int store_away_remove(struct store *st, long long id);
int store_away_each(struct store *st, int (*cb)(long long id, int from, int to, void *ctx),
		    void *ctx);

/* ---- metrics (the rows stats.c computes them from) ------------------ */

/* Each prospect with day 0 in from..to (DATE_NONE: unbounded), in id
 * order, with its follow-up facts and gaps (borrowed for the callback). */
int store_stats_prospects(struct store *st, int from, int to,
			  int (*cb)(const struct stats_prospect *p, void *ctx), void *ctx);
/* The touches of those prospects, counted by channel, step and outcome. */
int store_stats_touches(struct store *st, int from, int to,
			int (*cb)(const struct stats_touches *t, void *ctx), void *ctx);
/* Fill x's overdue, oldest overdue (its name malloc'd) and no_next_step. */
int store_stats_discipline(struct store *st, int from, int to, struct stats *x);

/* ---- queries -------------------------------------------------------- */

/* One prospect as reported by due/list/show (SPEC §3 JSON fields). */
struct prow {
	long long id;
	const char *name, *company, *title, *email, *phone, *source, *notes;
	enum prospect_status status;
	int first_contact;                     /* day 0 */
	const char *cadence;
	int due, due_time;                     /* DATE_NONE / TIME_NONE when none */
	enum due_kind due_kind;
	int step;                              /* 0 when none */
	int overdue_days;                      /* -1 when no due date */
	int touch_count;
	int last_date, last_time;              /* the last touch; DATE_NONE when none */
	enum channel last_channel;             /* valid when last_date is */
	enum outcome last_outcome;
	const char *last_note;
	unsigned flags;
	const char *json;                      /* the JSON object, when asked for */
	long long changed;                     /* change stamp: seconds since 2020-01-01Z */
};

typedef int (*prow_cb)(const struct prow *row, void *ctx);

/* Active prospects due on or before `until`, in due-list order (rule 8). */
int store_due_each(struct store *st, int until, int want_json, prow_cb cb, void *ctx);
/* The same prospects in id order, for the calendar exports: the rows are
 * read in the order they are stored, not one random page per prospect. */
int store_calendar_each(struct store *st, int until, prow_cb cb, void *ctx);
/* The header counts of the due view; "this week" is today .. today + 6. */
struct due_counts {
	long long overdue, today, week, no_next_step;
	int any; /* the database has at least one prospect */
};
int store_due_counts(struct store *st, struct due_counts *out);

/*
 * store_data_version - a number that changes when another connection
 * commits a change (PRAGMA data_version); compare successive values.
 */
long long store_data_version(struct store *st);

/* Active prospects with no next step (their finite cadence run out). */
int store_count_no_next_step(struct store *st, long long *n);

enum list_sort { SORT_NAME, SORT_COMPANY, SORT_DUE, SORT_STATUS, SORT_ID };
#define LIST_ALL (-1) /* list_filter.status: every status */
struct list_filter {
	int status;             /* an enum prospect_status, or LIST_ALL */
	const char *company;    /* exact, case-insensitive, or NULL */
	const char *source;
	int overdue;            /* only prospects due before today */
	enum list_sort sort;
	const char *query;      /* substring of name, company, email or phone */
	int no_next_step;       /* only active prospects with no next step */
	int limit;              /* at most this many rows; 0: all */
};
int store_list_each(struct store *st, const struct list_filter *f, int want_json,
		    prow_cb cb, void *ctx);

struct trow {
	long long id;
	const char *at;                   /* YYYY-MM-DDTHH:MM */
	enum channel channel;
	enum outcome outcome;
	const char *note;
	long long prospect;               /* store_touch_each only */
	const char *email, *phone;        /* the prospect's, store_touch_each only */
};

/* Every touch, by prospect id then time (the touch log export). */
int store_touch_each(struct store *st, int (*cb)(const struct trow *t, void *ctx), void *ctx);
/*
 * store_show - one prospect: cb once with its row (json includes
 * "touches"), then tcb for each touch, oldest first.
 */
int store_show(struct store *st, long long id, int want_json, prow_cb cb,
	       int (*tcb)(const struct trow *t, void *ctx), void *ctx);

#endif

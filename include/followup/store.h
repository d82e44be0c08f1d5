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

/* The change stamp a write of this process gives (SPEC §1), in seconds
 * since 2020-01-01Z: above every stamp so far. */
long long store_change_stamp(struct store *st);

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
	const char *next_agenda; /* its agenda, NULL: none */
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
/* Set the explicit next date (not before today), its optional time and
 * agenda (what the appointment is about; NULL or blank: none). */
int store_next_set(struct store *st, long long id, int date, int time, const char *agenda);
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
	const char *agenda;                    /* the appointment's agenda, NULL */
	unsigned flags;
	const char *json;                      /* the JSON object, when asked for */
	long long changed;                     /* change stamp: seconds since 2020-01-01Z */
};

typedef int (*prow_cb)(const struct prow *row, void *ctx);

/* Active prospects due on or before `until`, in due-list order (rule 8). */
int store_due_each(struct store *st, int until, int want_json, prow_cb cb, void *ctx);
/* The same prospects in id order, for the calendar exports: the rows are
 * read in the order they are stored, not one random page per prospect.
 * A row has what an event says: id, name, company, title, email, phone,
 * cadence, the due fields, the last touch (with its note) and changed;
 * the rest is empty (NULL, DATE_NONE, -1 overdue days, 0, STATUS_ACTIVE,
 * which all of them are). */
int store_calendar_each(struct store *st, int until, prow_cb cb, void *ctx);
/* The header counts of the due view; "this week" is today .. today + 6.
 * Each stops at DUE_COUNT_CAP + 1 (shown as "999+"): the counts read the
 * indexes that far, not to the end, so that they cost the same at a
 * million prospects as at a thousand. */
#define DUE_COUNT_CAP 999
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

/*
 * ---- paged views (the TUI's lists) ----
 *
 * A view is a list in a fixed order, read a window at a time with keyset
 * queries over the indexes ("the rows after this key, LIMIT n"), so that
 * what a step reads and holds does not grow with the database: the due
 * list, the agenda, and every prospect in one of the list sorts.  A view
 * is made of segments read one after the other, each in the order of one
 * index (the due list: what is due, by the due index, then what needs a
 * decision, by name; all by due date: the dated ones, then the rest).
 * The search compares prospect.search as store_list_each does (folded,
 * phones by their digits).
 */
enum view_kind { VIEW_DUE, VIEW_AGENDA, VIEW_ALL };
struct view_spec {
	enum view_kind kind;
	int until;              /* VIEW_DUE, VIEW_AGENDA: the last due day listed */
	enum list_sort sort;    /* VIEW_ALL: name, company, due or status */
	const char *query;      /* the search as typed (NULL or "": none); borrowed */
};
/* Where a row stands in its view: its segment and its order's columns. */
struct view_key {
	int seg;                /* the view's segment, from 0 */
	int due, due_time;      /* DATE_NONE / TIME_NONE when none */
	enum prospect_status status;
	const char *name, *company; /* borrowed (company NULL when none) */
	long long id;
};
/* Called for each row examined, with its key (both borrowed for the
 * call); hit: it belongs to the view (matches the search, and the
 * segment's condition where no index selects it).  A row that misses is
 * passed only so that the caller can resume after it.  Non-zero stops. */
typedef int (*view_cb)(const struct prow *row, const struct view_key *key, int hit, void *ctx);
/*
 * store_view_scan - the rows of view v after *from (dir > 0) or before it
 * (dir < 0), nearest first; from NULL: from the view's first row (or,
 * dir < 0, its last).  inclusive: from's own row too.  Stops after
 * max_hits hits or max_examined rows examined (0: no bound), so that a
 * rare search costs a bounded step and goes on from the last row passed.
 * *done is set when the view's end (or start) was reached.  0 or -1.
 */
int store_view_scan(struct store *st, const struct view_spec *v, const struct view_key *from, int inclusive,
		    int dir, int max_hits, int max_examined, view_cb cb, void *ctx, int *done);
/* store_view_find - prospect id's row when it is in view v: cb once
 * (hit 1) and 1; 0 when it is not (or no longer exists); -1 on error. */
int store_view_find(struct store *st, const struct view_spec *v, long long id, view_cb cb, void *ctx);
/*
 * store_search_scan - count the prospects that match query, in id order
 * after id *after, examining at most max_examined rows (0: no bound) and
 * stopping once *hits exceeds cap: *hits grows by the matches, *first
 * receives the first one's id (when 0 before), *after the last id
 * examined; *done is set at the end of the table.  0 or -1.
 */
int store_search_scan(struct store *st, const char *query, long long *after, int max_examined, long long cap,
		      long long *hits, long long *first, int *done);

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

/* ---- mail (SPEC §10) ------------------------------------------------ */

/* A message sent or drafted, as recorded.  Strings borrowed (for the
 * callback, or the caller's for store_mail_add). */
struct mail_record {
	long long id, prospect;
	const char *at;           /* UTC YYYY-MM-DDTHH:MM:SSZ; NULL: now, on the store's today */
	const char *kind;         /* reminder, summary, cancel */
	const char *subject, *message_id;
	int sent;                 /* 1 sent, 0 saved as a draft */
	const char *invite_uid;   /* the invitation it carried, or NULL */
	long long invite_seq;
	int appt_date, appt_time; /* DATE_NONE / TIME_NONE when none */
	const char *to_name, *to_email;
};
/* Record a message, in its own transaction (no undo: it has left). */
int store_mail_add(struct store *st, const struct mail_record *m);
/* The records of prospect (0: everyone's), oldest first. */
int store_mail_each(struct store *st, long long prospect,
		    int (*cb)(const struct mail_record *m, void *ctx), void *ctx);
/* The invitation UID of the prospect's appointment, made and kept the
 * first time it is asked for; a new appointment gets a new one. */
int store_appt_uid(struct store *st, long long id, char *buf, size_t n);
/* *sent = 1 when a reminder for this appointment (uid, date and time) was
 * sent, not merely drafted. */
int store_reminder_sent(struct store *st, const char *uid, int date, int time, int *sent);
/* Each invitation sent whose appointment no longer stands (cleared,
 * moved to another, its prospect won, lost or deleted), as its last
 * record: the cancels to send (prospect 0: everyone's). */
int store_mail_to_cancel(struct store *st, long long prospect,
			 int (*cb)(const struct mail_record *m, void *ctx), void *ctx);
/* The active prospects with an appointment (a next date with a time) on
 * a day from..to, by date and time, as store_show gives them. */
int store_appointments(struct store *st, int from, int to, prow_cb cb, void *ctx);
/* W(day) of SPEC §2 rule 2: day, or the next workday after it. */
int store_next_workday(struct store *st, int day, int *out);

#endif

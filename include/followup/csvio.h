/*
 * csvio.h - CSV import and export (SPEC §5).
 *
 * Reading uses libcsv (RFC 4180: quotes, doubled quotes, embedded commas
 * and line breaks, CRLF or LF, a final line with or without a newline),
 * fed one physical line at a time so every report names the line where
 * the record starts.  A UTF-8 BOM is skipped.  Headers are matched by
 * name, case- and space-insensitively: followup's own columns (the JSON
 * names of SPEC §3) and those of HubSpot, Salesforce and Pipedrive.
 * Writing quotes cells as RFC 4180 needs and neutralises formulas: a cell
 * starting with = + - @ tab or CR gets a leading ' (which import strips).
 */
#ifndef FOLLOWUP_CSVIO_H
#define FOLLOWUP_CSVIO_H

#include <stdio.h>

#include "followup/config.h"
#include "followup/date.h"
#include "followup/store.h"

struct import_opts {
	const char *path;      /* file name, or "-" for standard input */
	int start;             /* --start: day 0 for every row, or DATE_NONE */
	int dry_run;           /* report only; the database is not changed */
	int strict;            /* any bad row: import nothing */
	int touches;           /* the file is a touch log (import --touches) */
	enum date_order date_order; /* --date-order; DATE_ORDER_NONE: the file decides */
	/* Called once per problem (bad row, conflict, unknown columns) with
	 * a one-line message "FILE:LINE: what: why". */
	void (*report)(void *ctx, const char *message);
	/* Called every few thousand records with the count so far (NULL:
	 * none), and once with -1 at the end. */
	void (*progress)(void *ctx, long long records);
	void *ctx;
};

struct import_result {
	long long imported, updated, skipped, conflicts, bad;
};

/*
 * csv_import - read the file and import it in one transaction (one undo
 * group).  Returns 0 when the file was read (bad rows are counted in
 * res->bad, and with --strict or --dry-run nothing is written), or -1 with
 * an error for an unreadable or malformed file (nothing written).
 */
int csv_import(struct store *st, const struct config *cfg, int today,
	       const struct import_opts *o, struct import_result *res);

/* The prospect columns: the JSON names of SPEC §3 without "touches". */
#define CSV_COLUMNS 20
extern const char *const csv_columns[CSV_COLUMNS + 1];

/* One prospect's cells in csv_columns order (NULL: empty); v points into
 * the struct and r, valid while both are. */
struct csv_values {
	char id[24], step[16], overdue[16], touches[16], flags[64];
	char first_contact[11], due[11], due_time[6], last_touch[17];
	const char *v[CSV_COLUMNS];
};
void csv_values(const struct prow *r, struct csv_values *out);

/* The prospect columns (the JSON names) as a CSV header line. */
void csv_write_header(FILE *f);
/* One prospect as a CSV record (CRLF-terminated). */
void csv_write_prospect(FILE *f, const struct prow *r);
/* One CSV cell, quoted when needed, formula-neutralised; NULL is empty. */
void csv_write_cell(FILE *f, const char *s);
/*
 * 1 when s reads as a formula once its leading 's are taken away: a
 * formula character (= + - @, tab, CR) after zero or more 's.  Export
 * guards every such cell with one more ', import takes exactly one away,
 * so a cell of any number of 's before a formula character comes back as
 * it was ("''=x" is written "'''=x" and read back "''=x").
 */
int csv_formula_like(const char *s);

/* What csv_export writes: every prospect, every touch (the touch log
 * of import --touches), or every mail record (SPEC §10). */
enum csv_what { CSV_PROSPECTS, CSV_TOUCHES, CSV_MAIL };

/*
 * csv_export - the prospects, touches or mail records as RFC 4180 CSV to
 * path (NULL or "-": stdout; a file atomically, 0600).  *count receives
 * the number of records.
 */
int csv_export(struct store *st, const char *path, enum csv_what what, long long *count);

#endif

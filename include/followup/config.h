/*
 * config.h - the INI configuration of SPEC §9.
 *
 * config_load() reads $XDG_CONFIG_HOME/followup/config (or the file named
 * by --config / FOLLOWUP_CONFIG); a missing default file means defaults.
 * Every section and key is known; anything else, or a bad value, is a usage
 * error "FILE:LINE: KEY: why" and nothing runs.  struct config owns its
 * strings; config_release() frees them.
 */
#ifndef FOLLOWUP_CONFIG_H
#define FOLLOWUP_CONFIG_H

#include <stddef.h>

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct config {
	char *path;             /* the file read, or that would have been read */
	char *rep_name;         /* [rep] name, NULL: login name */
	char *rep_email;        /* [rep] email, NULL: login@host */
	char *rep_company;      /* [rep] company, NULL: none (scripts, mail) */
	char *rep_phone;        /* [rep] phone, NULL: none (signatures) */
	char *sendmail;         /* [mail] sendmail: "sendmail -t -oi" by default */
	char *maildir;          /* [mail] maildir, expanded, NULL: none */
	char *dial;             /* [phone] dial, NULL: no dial key */
	int mouse;              /* [tui] mouse: 1 when on */
	unsigned workdays;      /* bit i: weekday i (0 = Monday) is a workday */
	int *holidays;          /* [schedule] holidays, day numbers */
	size_t nholidays;
	char *holiday_calendar; /* expanded path, or NULL */
	int holiday_calendar_line; /* where it was set, for errors */
	char *cadence;          /* default cadence name for new prospects */
	int cadence_line;       /* where it was set (0: default), for errors */
	int remind_time;        /* minutes after midnight for all-day alarms */
	int remind_before;      /* minutes before a timed appointment */
	enum color_mode colors;
};

/* Defaults: Mon-Fri, no holidays, cadence "standard", 09:00, 15 minutes,
 * sendmail -t -oi, no dial command, no mouse. */
void config_init(struct config *cfg);
void config_release(struct config *cfg);

/*
 * config_load - fill cfg (initialised with config_init) from path; NULL
 * means the default location, which may be missing.  An explicit path must
 * exist.  Returns 0, or -1 with a usage error (bad content) or runtime
 * error (unreadable file).
 */
int config_load(struct config *cfg, const char *path);

/* Parse config text as if read from `name` (tests, fuzzing). */
int config_parse_string(struct config *cfg, const char *name, const char *text);

/* The default path into buf (size n): $XDG_CONFIG_HOME or ~/.config. */
char *config_default_path(char *buf, size_t n);

/* A path with a leading "~/" expanded; the caller frees it. */
char *config_expand_home(const char *path);

#endif

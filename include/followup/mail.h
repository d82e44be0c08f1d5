/*
 * mail.h - the reminder, summary and cancel emails of SPEC §10: made from
 * the templates and one prospect's fields, built by GMime (mailmod.h) with
 * the invitation built by libical (icalmod.h), handed off as an mbox on
 * stdout, Maildir drafts or to [mail] sendmail, and recorded.
 *
 * Errors follow the house rule: one recorded error, -1 up.  A template
 * error, a missing [rep] email, a named prospect without an email or an
 * --edit without a terminal are usage errors found before anything is
 * sent; a sendmail that fails is a runtime error after the messages
 * before it were sent and recorded.
 */
#ifndef FOLLOWUP_MAIL_H
#define FOLLOWUP_MAIL_H

#include <stdio.h>

#include "followup/config.h"
#include "followup/store.h"

enum mail_kind { MAIL_REMINDER, MAIL_SUMMARY, MAIL_CANCEL };

struct mail_opts {
	int send;             /* pipe each to [mail] sendmail */
	const char *maildir;  /* save each as a draft there (NULL: cfg's, or stdout) */
	int edit;             /* 1 --edit, 0 --no-edit, -1 as the kind wants */
	int invite;           /* 0: --no-invite */
	int again;            /* send a reminder already sent */
	int until;            /* reminders: the last day covered; DATE_NONE: default */
	int terminal;         /* stdin and stderr are a terminal */
	/*
	 * choose - when set (the TUI), called once the messages are made and
	 * edited, with how many and the first's recipient and subject: it
	 * returns MAIL_SEND, MAIL_DRAFT (into the Maildir, [mail] maildir
	 * unless maildir is set) or MAIL_DISCARD, instead of the options.
	 */
	int (*choose)(void *ctx, size_t n, const char *to, const char *subject);
	void *choose_ctx;
};

enum { MAIL_DISCARD, MAIL_SEND, MAIL_DRAFT };

/*
 * mail_run - make and hand off the messages of kind for the prospects
 * ids[0..n) (reminders: none given means every appointment from tomorrow
 * to opts->until).  The mbox goes to out; what was done, what was skipped
 * and the invitations to cancel are lines on log.  0, or -1 with the
 * error recorded.
 */
int mail_run(struct store *st, const struct config *cfg, int today, enum mail_kind kind,
	     const long long *ids, size_t n, const struct mail_opts *opts, FILE *out, FILE *log);

#endif

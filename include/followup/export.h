/*
 * export.h - calendar exports (SPEC §4): one VEVENT per active prospect
 * due on or before today + days, streamed event by event through the
 * libical module (icalmod.h), to a file or stdout, or kept in sync in a
 * vdir (one <uid>.ics per event, the layout vdirsyncer and khal read).
 */
#ifndef FOLLOWUP_EXPORT_H
#define FOLLOWUP_EXPORT_H

#include "followup/config.h"
#include "followup/store.h"

#define EXPORT_DEFAULT_DAYS 60

/*
 * export_ics - write the calendar to path (NULL or "-": stdout).  A file
 * is written atomically (temp file, fsync, rename) with mode 0600.
 * *count receives the number of events.  0, or -1 with an error.
 */
int export_ics(struct store *st, const struct config *cfg, int today, const char *path,
	       int days, long long *count);

struct vdir_result {
	long long added, changed, unchanged, removed;
};

/*
 * export_vdir - make dir (created 0700 when missing) hold exactly this
 * database's due events: new files added, changed ones rewritten
 * atomically, unchanged ones (compared without DTSTAMP) left alone, files
 * of prospects no longer due within the horizon removed.  Only files named
 * with this database's UID prefix are ever touched.
 */
int export_vdir(struct store *st, const struct config *cfg, int today, const char *dir,
		int days, struct vdir_result *out);

/* The UID prefix of this database's events: "followup-<db id>-". */
void export_uid_prefix(struct store *st, char *buf, size_t n);

#endif

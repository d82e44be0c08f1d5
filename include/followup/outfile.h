/*
 * outfile.h - writing a file atomically (temp file beside it, mode 0600,
 * fsync, rename), for the exports and drafts.  Functions return 0 or a
 * FILE, or -1 / NULL with an error recorded (err.h) that names the path.
 */
#ifndef FOLLOWUP_OUTFILE_H
#define FOLLOWUP_OUTFILE_H

#include <stdio.h>

/* A temp file beside path, mode 0600; *tmp receives its malloc'd name. */
FILE *outfile_temp(const char *path, char **tmp);
/* Flush, fsync and close f, then rename tmp over path; frees tmp. */
int outfile_commit(FILE *f, char *tmp, const char *path);

/*
 * outfile_open - the output for *path: stdout for NULL or "-" (*path set
 * to NULL); a device or FIFO written directly (*direct = 1); a symlink's
 * target (*real, malloc'd, becomes *path); else a temp file (*tmp).
 * outfile_close finishes it: rc is the writer's result so far (a failed
 * write discards the temp file); returns 0 or -1 with the write error.
 */
FILE *outfile_open(const char **path, char **tmp, char **real, int *direct);
int outfile_close(FILE *f, const char *path, char *tmp, int direct, int rc);

#endif

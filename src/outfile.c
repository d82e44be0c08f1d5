/*
 * outfile.c - where an export's bytes go (see outfile.h): standard
 * output, a device written in place, or a temp file beside the target,
 * fsync'd and renamed over it, so a reader sees the old file or the new
 * one, never half of one.
 */
#include "followup/outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/err.h"
#include "followup/util.h"

/*
 * Open a temp file beside path (same directory, so rename is atomic);
 * *tmp receives its malloc'd name.
 */
FILE *outfile_temp(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	size_t n = strlen(path) + 32;
	int fd;
	FILE *f;

	*tmp = xmalloc(n);
	snprintf(*tmp, n, "%.*s.%s.tmpXXXXXX", (int)dirlen, path, slash ? slash + 1 : path);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		err_runtime("%s: %s", err_quote(path), util_strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	fchmod(fd, 0600);
	f = fdopen(fd, "w");
	if (!f) {
		err_runtime("%s: %s", err_quote(path), util_strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

/* Flush, fsync and close f, then rename tmp over path; frees tmp. */
int outfile_commit(FILE *f, char *tmp, const char *path)
{
	int rc = 0;

	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
		rc = err_runtime("%s: %s", err_quote(path), util_strerror(errno ? errno : EIO));
	if (fclose(f) != 0 && rc == 0)
		rc = err_runtime("%s: %s", err_quote(path), util_strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_runtime("%s: %s", err_quote(path), util_strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * The output for path: stdout for NULL or "-"; a device or FIFO written
 * directly (renaming over it would replace it); a symlink's target; else a
 * temp file beside the target (*tmp, renamed by outfile_close).  *real is a
 * resolved path to free.  NULL with an error recorded on failure.
 */
FILE *outfile_open(const char **path, char **tmp, char **real, int *direct)
{
	struct stat sb;
	FILE *f;

	*tmp = *real = NULL;
	*direct = 0;
	if (!*path || !strcmp(*path, "-")) {
		*path = NULL;
		return stdout;
	}
	if (lstat(*path, &sb) == 0 && S_ISLNK(sb.st_mode) && (*real = realpath(*path, NULL)))
		*path = *real;
	if (stat(*path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		if (!(f = fopen(*path, "w"))) {
			err_runtime("%s: %s", err_quote(*path), util_strerror(errno));
			return NULL;
		}
		*direct = 1;
		return f;
	}
	return outfile_temp(*path, tmp);
}

/* Finish what outfile_open opened: 0, or -1 with the write error. */
int outfile_close(FILE *f, const char *path, char *tmp, int direct, int rc)
{
	const char *name = path ? path : "standard output";

	if (tmp) {
		if (rc == 0)
			return outfile_commit(f, tmp, path);
		fclose(f);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	errno = 0;
	if ((fflush(f) != 0 || ferror(f)) && rc == 0)
		rc = err_runtime("%s: %s", err_quote(name), util_strerror(errno ? errno : EIO));
	if (direct && fclose(f) != 0 && rc == 0)
		rc = err_runtime("%s: %s", err_quote(name), util_strerror(errno ? errno : EIO));
	return rc;
}

/*
 * script.c - templates on disk and a prospect's fields (see script.h).
 *
 * Fields are plain text made once per prospect: dates in words in the
 * LC_TIME locale (loaded here, the first time: the morning commands never
 * need it), the rep's data from the configuration, the time zone's name
 * from TZ, /etc/timezone or the /etc/localtime link.
 */
#include "followup/script.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

#ifndef FOLLOWUP_DATADIR
#define FOLLOWUP_DATADIR "/usr/local/share/followup"
#endif

int template_valid_name(const char *name)
{
	const char *p;

	if (!name)
		return 0;
	if (!strcmp(name, "call") || !strcmp(name, "reminder") || !strcmp(name, "summary"))
		return 1;
	if (strncmp(name, "call-", 5) || !name[5] || name[5] == '0' || strlen(name) > 8)
		return 0;
	for (p = name + 5; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

char *template_user_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	size_t n = 64 + (xdg ? strlen(xdg) : 0) + (home ? strlen(home) : 0);
	char *dir = xmalloc(n);

	if (xdg && *xdg == '/')
		snprintf(dir, n, "%s/followup/templates", xdg);
	else
		snprintf(dir, n, "%s/.config/followup/templates", home ? home : ".");
	return dir;
}

static int is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* dir without its "..": the path `template list` shows. */
static const char *resolved(char *dir, size_t n)
{
	char *real = realpath(dir, NULL);

	if (real && strlen(real) < n)
		memcpy(dir, real, strlen(real) + 1);
	free(real);
	return dir;
}

const char *template_builtin_dir(void)
{
	static char dir[PATH_MAX + 64];
	static int looked;
	const char *env = getenv("FOLLOWUP_TEMPLATES");
	char exe[PATH_MAX], *slash;
	ssize_t len;

	if (looked)
		return dir[0] ? dir : NULL;
	looked = 1;
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			/* A build tree (build/followup), then an install prefix. */
			snprintf(dir, sizeof dir, "%s/../data/templates", exe);
			if (is_dir(dir))
				return resolved(dir, sizeof dir);
			snprintf(dir, sizeof dir, "%s/../share/followup/templates", exe);
			if (is_dir(dir))
				return resolved(dir, sizeof dir);
		}
	}
	snprintf(dir, sizeof dir, "%s/templates", FOLLOWUP_DATADIR);
	if (is_dir(dir))
		return dir;
	dir[0] = '\0';
	return NULL;
}

int template_find(const char *name, char **path, int *builtin)
{
	char *user = template_user_dir();
	const char *sys = template_builtin_dir();
	size_t n = strlen(user) + strlen(name) + (sys ? strlen(sys) : 0) + 8;

	*path = xmalloc(n);
	snprintf(*path, n, "%s/%s", user, name);
	free(user);
	*builtin = 0;
	if (access(*path, F_OK) == 0)
		return 0;
	if (sys) {
		snprintf(*path, n, "%s/%s", sys, name);
		*builtin = 1;
		if (access(*path, F_OK) == 0)
			return 0;
	}
	free(*path);
	*path = NULL;
	return err_usage("template %s: no such template (see followup template list)", err_quote(name));
}

int template_read(const char *name, char **text, char **path)
{
	size_t len = 0;
	int builtin;
	FILE *f;

	*text = NULL;
	if (!template_valid_name(name))
		return err_usage("template %s: expected call, call-N, reminder or summary", err_quote(name));
	if (template_find(name, path, &builtin) < 0)
		return -1;
	if (!(f = fopen(*path, "r"))) {
		err_runtime("template %s: %s", err_quote(*path), util_strerror(errno));
		free(*path);
		*path = NULL;
		return -1;
	}
	/* A template is at most 1 MiB less a byte. */
	if (util_read_all(f, (1u << 20) - 1, text, &len) < 0) {
		int e = errno;
		fclose(f);
		err_runtime("template %s: %s", err_quote(*path), util_strerror(e));
		free(*path);
		*path = NULL;
		return -1;
	}
	fclose(f);
	(*text)[len] = '\0';
	if (!util_valid_utf8(*text)) {
		free(*text);
		*text = NULL;
		err_usage("template %s: not valid UTF-8", err_quote(*path));
		free(*path);
		*path = NULL;
		return -1;
	}
	return 0;
}

/* The names of the templates in dir, appended to *names. */
static void dir_names(const char *dir, char ***names, size_t *n)
{
	struct dirent *de;
	DIR *d = dir ? opendir(dir) : NULL;

	if (!d)
		return;
	while ((de = readdir(d)))
		if (template_valid_name(de->d_name)) {
			*names = xrealloc(*names, (*n + 1) * sizeof **names);
			(*names)[(*n)++] = xstrdup(de->d_name);
		}
	closedir(d);
}

/* call before call-1 .. call-N by number, then reminder, summary. */
static int name_order(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int cx = !strncmp(x, "call", 4), cy = !strncmp(y, "call", 4);

	if (cx != cy)
		return cy - cx;
	if (cx && strlen(x) != strlen(y))
		return (int)strlen(x) - (int)strlen(y);
	return strcmp(x, y);
}

int template_each(int (*cb)(const char *name, const char *path, int builtin, void *ctx),
		  void *ctx)
{
	char *user = template_user_dir(), **names = NULL, *path;
	size_t n = 0, i;
	int rc = 0, builtin;

	dir_names(template_builtin_dir(), &names, &n);
	dir_names(user, &names, &n);
	if (n)
		qsort(names, n, sizeof *names, name_order);
	for (i = 0; i < n; i++) {
		if ((i && !strcmp(names[i], names[i - 1])) || rc < 0)
			continue;
		if (template_find(names[i], &path, &builtin) == 0) {
			rc = cb(names[i], path, builtin, ctx);
			free(path);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(user);
	return rc;
}

/* ---- fields ------------------------------------------------------------ */

static void time_locale(void)
{
	static int done;
	if (!done)
		setlocale(LC_TIME, "");
	done = 1;
}

char *script_date_words(int day, int today, char *buf, size_t n)
{
	struct tm tm;
	char wd[64], mon[64];
	int y, m, d, ty, tm_, td;

	time_locale();
	date_to_ymd(day, &y, &m, &d);
	date_to_ymd(today, &ty, &tm_, &td);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_wday = (date_weekday(day) + 1) % 7; /* date.h: 0 is Monday */
	strftime(wd, sizeof wd, "%A", &tm);
	strftime(mon, sizeof mon, "%B", &tm);
	if (y == ty)
		snprintf(buf, n, "%s %d %s", wd, d, mon);
	else
		snprintf(buf, n, "%s %d %s %d", wd, d, mon, y);
	return buf;
}

/* The zone's name: TZ, /etc/timezone, or where /etc/localtime points. */
static char *zone_name(void)
{
	const char *tz = getenv("TZ");
	char buf[PATH_MAX], *z;
	ssize_t len;
	FILE *f;

	if (tz && *tz)
		return xstrdup(tz[0] == ':' ? tz + 1 : tz);
	if ((f = fopen("/etc/timezone", "r"))) {
		if (fgets(buf, sizeof buf, f) && (z = util_trimmed(buf))) {
			fclose(f);
			return z;
		}
		fclose(f);
	}
	if ((len = readlink("/etc/localtime", buf, sizeof buf - 1)) > 0) {
		buf[len] = '\0';
		if ((z = strstr(buf, "zoneinfo/")))
			return xstrdup(z + 9);
	}
	return xstrdup("UTC");
}

/* The first word of s (malloc'd), NULL for none. */
static char *first_word(const char *s)
{
	size_t len;
	const char *p = util_trim_span(s, &len);
	size_t n = 0;

	if (!p)
		return NULL;
	while (n < len && !((unsigned char)p[n] <= ' ' || p[n] == 0x7f))
		n++;
	return xstrndup(p, n);
}

struct load {
	struct script_fields *f;
	int today;
};

static int fill(const struct prow *r, void *ctx)
{
	struct load *l = ctx;
	char **v = l->f->v, buf[128], tb[6];

	v[TF_NAME] = xstrdup(r->name);
	v[TF_FIRST_NAME] = first_word(r->name);
	v[TF_COMPANY] = xstrdup(r->company);
	v[TF_TITLE] = xstrdup(r->title);
	v[TF_EMAIL] = xstrdup(r->email);
	v[TF_PHONE] = xstrdup(r->phone);
	v[TF_CADENCE] = xstrdup(r->cadence);
	if (r->due_kind == DUE_CADENCE && r->step) {
		snprintf(buf, sizeof buf, "%d", r->step);
		v[TF_STEP] = xstrdup(buf);
		l->f->step = r->step;
	}
	if (r->due != DATE_NONE)
		v[TF_DUE] = xstrdup(script_date_words(r->due < l->today ? l->today : r->due, l->today,
						      buf, sizeof buf));
	if (r->due_time != TIME_NONE) {
		char at[160];
		v[TF_DUE_TIME] = xstrdup(time_format(r->due_time, tb));
		snprintf(at, sizeof at, "%s at %s", script_date_words(r->due, l->today, buf, sizeof buf), tb);
		v[TF_APPOINTMENT] = xstrdup(at);
		l->f->timed = 1;
	}
	v[TF_AGENDA] = xstrdup(r->agenda);
	if (r->last_date != DATE_NONE) {
		v[TF_LAST_DATE] = xstrdup(script_date_words(r->last_date, l->today, buf, sizeof buf));
		v[TF_LAST_CHANNEL] = xstrdup(channel_name(r->last_channel));
		v[TF_LAST_OUTCOME] = xstrdup(outcome_name(r->last_outcome));
		v[TF_LAST_NOTE] = xstrdup(r->last_note);
	}
	return 0;
}

int script_fields_load(struct store *st, const struct config *cfg, int today, long long id,
		       struct script_fields *out)
{
	struct load l = {out, today};
	char buf[128];

	memset(out, 0, sizeof *out);
	if (store_show(st, id, 0, fill, NULL, &l) < 0) {
		script_fields_release(out);
		return -1;
	}
	out->v[TF_TIMEZONE] = zone_name();
	out->v[TF_REP_NAME] = xstrdup(cfg->rep_name);
	out->v[TF_REP_FIRST_NAME] = first_word(cfg->rep_name);
	out->v[TF_REP_COMPANY] = xstrdup(cfg->rep_company);
	out->v[TF_REP_EMAIL] = xstrdup(cfg->rep_email);
	out->v[TF_REP_PHONE] = xstrdup(cfg->rep_phone);
	out->v[TF_TODAY] = xstrdup(script_date_words(today, today, buf, sizeof buf));
	return 0;
}

void script_fields_release(struct script_fields *f)
{
	int i;

	for (i = 0; i < TF_COUNT; i++) {
		free(f->v[i]);
		f->v[i] = NULL;
	}
}

int script_render(struct store *st, const struct config *cfg, int today, long long id,
		  char **out, const char **name)
{
	static char step_name[16];
	struct script_fields f;
	struct tpl *t;
	char *text, *path;
	int rc, builtin;

	*out = NULL;
	if (script_fields_load(st, cfg, today, id, &f) < 0)
		return -1;
	*name = "call";
	if (f.step) {
		snprintf(step_name, sizeof step_name, "call-%d", f.step);
		err_clear();
		if (template_find(step_name, &path, &builtin) == 0) {
			free(path);
			*name = step_name;
		}
		err_clear();
	}
	rc = template_read(*name, &text, &path);
	if (rc == 0) {
		rc = tpl_compile(text, strlen(text), path, 1, &t);
		if (rc == 0) {
			*out = tpl_render(t, (const char *const *)f.v);
			tpl_free(t);
		}
		free(text);
		free(path);
	}
	script_fields_release(&f);
	return rc;
}

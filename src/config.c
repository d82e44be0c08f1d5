/*
 * config.c - the INI reader for SPEC §9 (see config.h).
 *
 * Hand-written rather than inih: inih (Debian's libinih) caps lines at 200
 * bytes and treats indented lines as continuations, and both would turn a
 * long `holidays =` list into a confusing error.  The grammar is small:
 * "[section]", "key = value", blank lines, and comments starting with ';'
 * or '#' (at line start, or ';'/'#' after whitespace inside a value).
 * Tests: tests/unit/test_config.c.
 */
#include "followup/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->workdays = 0x1F;
	cfg->cadence = xstrdup("standard");
	cfg->remind_time = 9 * 60;
	cfg->remind_before = 15;
	cfg->colors = COLOR_AUTO;
	cfg->sendmail = xstrdup("sendmail -t -oi");
}

void config_release(struct config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->rep_name);
	free(cfg->rep_email);
	free(cfg->rep_company);
	free(cfg->rep_phone);
	free(cfg->sendmail);
	free(cfg->maildir);
	free(cfg->dial);
	free(cfg->holidays);
	free(cfg->holiday_calendar);
	free(cfg->cadence);
	memset(cfg, 0, sizeof *cfg);
}

char *config_default_path(char *buf, size_t n)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		snprintf(buf, n, "%s/followup/config", xdg);
	else
		snprintf(buf, n, "%s/.config/followup/config", home ? home : ".");
	return buf;
}

char *config_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	char *out;
	size_t len;

	if (path[0] != '~' || (path[1] != '/' && path[1] != '\0') || !home)
		return xstrdup(path);
	len = strlen(home) + strlen(path);
	out = xmalloc(len + 1);
	snprintf(out, len + 1, "%s%s", home, path + 1);
	return out;
}

struct parse {
	struct config *cfg;
	const char *file;
	int line;
	char section[32];
};

static int bad(struct parse *p, const char *key, const char *fmt, const char *value)
{
	char why[256], clean[128], file[512];
	snprintf(why, sizeof why, fmt, value ? err_quote(value) : "");
	/* The key is the user's text too: no control characters through. */
	util_sanitize(clean, sizeof clean, key, 60);
	util_sanitize(file, sizeof file, p->file, 200);
	return err_usage("%s:%d: %s: %s", file, p->line, clean, why);
}

static char *trim(char *s)
{
	char *e;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int set_workdays(struct parse *p, const char *key, char *value)
{
	static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	unsigned mask = 0;
	char *tok, *save = NULL;
	int i;

	for (tok = strtok_r(value, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *t = trim(tok);
		for (i = 0; i < 7; i++)
			if (!strcasecmp(t, names[i]))
				break;
		if (i == 7)
			return bad(p, key, "%s is not a weekday (mon, tue, … sun)", t);
		mask |= 1u << i;
	}
	if (!mask)
		return bad(p, key, "no workday: name at least one of mon … sun", NULL);
	p->cfg->workdays = mask;
	return 0;
}

static int set_holidays(struct parse *p, const char *key, char *value)
{
	char *tok, *save = NULL;
	int d;

	for (tok = strtok_r(value, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *t = trim(tok);
		if (!*t)
			continue;
		if (date_parse_iso(t, &d) < 0)
			return bad(p, key, "%s is not a date (YYYY-MM-DD)", t);
		p->cfg->holidays = xrealloc(p->cfg->holidays,
					    (p->cfg->nholidays + 1) * sizeof(int));
		p->cfg->holidays[p->cfg->nholidays++] = d;
	}
	return 0;
}

static int set_minutes(struct parse *p, const char *key, const char *value, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (!*value || *end || errno || v < 0 || v > 10080)
		return bad(p, key, "%s is not a number of minutes (0-10080)", value);
	*out = (int)v;
	return 0;
}

static int set_key(struct parse *p, const char *key, char *value)
{
	struct config *c = p->cfg;
	char full[96];

	snprintf(full, sizeof full, "%s.%s", p->section, key);
	if (!strcmp(p->section, "rep")) {
		if (!strcmp(key, "name")) {
			free(c->rep_name);
			c->rep_name = util_trimmed(value);
			return 0;
		}
		if (!strcmp(key, "email")) {
			if (*value && (!strchr(value, '@') || strpbrk(value, " \t<>")))
				return bad(p, full, "%s is not an email address", value);
			free(c->rep_email);
			c->rep_email = util_trimmed(value);
			return 0;
		}
		if (!strcmp(key, "company") || !strcmp(key, "phone")) {
			char **dst = key[0] == 'c' ? &c->rep_company : &c->rep_phone;
			free(*dst);
			*dst = util_trimmed(value);
			return 0;
		}
	} else if (!strcmp(p->section, "mail")) {
		if (!strcmp(key, "sendmail")) {
			if (!util_has_text(value))
				return bad(p, full, "empty command", NULL);
			free(c->sendmail);
			c->sendmail = util_trimmed(value);
			return 0;
		}
		if (!strcmp(key, "maildir")) {
			free(c->maildir);
			c->maildir = *value ? config_expand_home(value) : NULL;
			return 0;
		}
	} else if (!strcmp(p->section, "phone")) {
		if (!strcmp(key, "dial")) {
			free(c->dial);
			c->dial = util_trimmed(value);
			if (c->dial && !strstr(c->dial, "{phone}"))
				return bad(p, full, "%s: names no {phone}", value);
			return 0;
		}
	} else if (!strcmp(p->section, "tui")) {
		if (!strcmp(key, "mouse")) {
			if (!strcmp(value, "on"))
				c->mouse = 1;
			else if (!strcmp(value, "off"))
				c->mouse = 0;
			else
				return bad(p, full, "%s: expected on or off", value);
			return 0;
		}
	} else if (!strcmp(p->section, "schedule")) {
		if (!strcmp(key, "workdays"))
			return set_workdays(p, full, value);
		if (!strcmp(key, "holidays"))
			return set_holidays(p, full, value);
		if (!strcmp(key, "holiday_calendar")) {
			free(c->holiday_calendar);
			c->holiday_calendar = *value ? config_expand_home(value) : NULL;
			c->holiday_calendar_line = p->line;
			if (c->holiday_calendar && access(c->holiday_calendar, R_OK) != 0) {
				char why[300];
				snprintf(why, sizeof why, "%%s: %s", util_strerror(errno));
				return bad(p, full, why, c->holiday_calendar);
			}
			return 0;
		}
		if (!strcmp(key, "cadence")) {
			if (!*value)
				return bad(p, full, "empty cadence name", NULL);
			free(c->cadence);
			c->cadence = xstrdup(value);
			c->cadence_line = p->line;
			return 0;
		}
	} else if (!strcmp(p->section, "reminders")) {
		if (!strcmp(key, "time")) {
			if (time_parse(value, &c->remind_time) < 0)
				return bad(p, full, "%s is not a time (HH:MM)", value);
			return 0;
		}
		if (!strcmp(key, "before"))
			return set_minutes(p, full, value, &c->remind_before);
	} else if (!strcmp(p->section, "colors")) {
		if (!strcmp(key, "enabled")) {
			if (!strcmp(value, "auto"))
				c->colors = COLOR_AUTO;
			else if (!strcmp(value, "always"))
				c->colors = COLOR_ALWAYS;
			else if (!strcmp(value, "never"))
				c->colors = COLOR_NEVER;
			else
				return bad(p, full, "%s: expected auto, always or never", value);
			return 0;
		}
	} else {
		return bad(p, key, "key outside a section", NULL);
	}
	return bad(p, full, "unknown key", NULL);
}

/* Cut an inline comment: ';' or '#' preceded by whitespace. */
static void cut_comment(char *s)
{
	char *q;
	for (q = s; *q; q++)
		if ((*q == ';' || *q == '#') && q > s && isspace((unsigned char)q[-1])) {
			*q = '\0';
			return;
		}
}

static int parse_line(struct parse *p, char *line)
{
	char *s = trim(line), *eq, *key, *value;

	if (p->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
		s = trim(s + 3);
	if (!*s || *s == ';' || *s == '#')
		return 0;
	if (*s == '[') {
		char *end = strchr(s, ']');
		char *name;
		if (!end || *trim(end + 1))
			return bad(p, s, "malformed section header", NULL);
		*end = '\0';
		name = trim(s + 1);
		if (strcmp(name, "rep") && strcmp(name, "mail") && strcmp(name, "phone") &&
		    strcmp(name, "tui") && strcmp(name, "schedule") && strcmp(name, "reminders") &&
		    strcmp(name, "colors"))
			return bad(p, name, "unknown section (expected rep, mail, phone, tui, schedule, "
					    "reminders, colors)", NULL);
		snprintf(p->section, sizeof p->section, "%s", name);
		return 0;
	}
	eq = strchr(s, '=');
	if (!eq)
		return bad(p, s, "expected key = value", NULL);
	*eq = '\0';
	key = trim(s);
	value = eq + 1;
	cut_comment(value);
	value = trim(value);
	if (!*key)
		return bad(p, "(empty)", "missing key before '='", NULL);
	if (!p->section[0])
		return bad(p, key, "key outside a section", NULL);
	return set_key(p, key, value);
}

int config_parse_string(struct config *cfg, const char *name, const char *text)
{
	struct parse p = {cfg, name, 0, ""};
	const char *s = text;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, len);
		int rc;
		p.line++;
		if (memchr(s, '\0', len)) {
			free(line);
			return bad(&p, "(line)", "NUL byte in line", NULL);
		}
		rc = parse_line(&p, line);
		free(line);
		if (rc < 0)
			return -1;
		s += len + (nl ? 1 : 0);
	}
	return 0;
}

int config_load(struct config *cfg, const char *path)
{
	char def[4096];
	FILE *f;
	char *text = NULL;
	size_t len = 0;
	int rc;

	free(cfg->path);
	cfg->path = xstrdup(path ? path : config_default_path(def, sizeof def));
	f = fopen(cfg->path, "r");
	if (!f) {
		if (!path && errno == ENOENT)
			return 0;
		return err_usage("config %s: %s", err_quote(cfg->path), util_strerror(errno));
	}
	if (util_read_all(f, 0, &text, &len) < 0) {
		fclose(f);
		return err_runtime("config %s: read error", err_quote(cfg->path));
	}
	fclose(f);
	if (strlen(text) != len) {
		free(text);
		return err_usage("config %s: contains a NUL byte", err_quote(cfg->path));
	}
	rc = config_parse_string(cfg, cfg->path, text);
	free(text);
	return rc;
}

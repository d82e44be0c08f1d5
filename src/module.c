/*
 * module.c - find and dlopen() an on-demand module (see module.h), and
 * the two modules' loaders: icalmod_load (icalmod.h) and mailmod_load
 * (mailmod.h), each caching its table for the life of the process.
 */
#include "followup/module.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/err.h"
#include "followup/icalmod.h"
#include "followup/mailmod.h"

#ifndef FOLLOWUP_LIBDIR
#define FOLLOWUP_LIBDIR "/usr/local/lib/followup"
#endif

static void *try_open(const char *path)
{
	return access(path, R_OK) == 0 ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
}

const void *module_load(const char *name, const char *env, const char *symbol, int abi,
			const char *what)
{
	char exe[PATH_MAX], path[PATH_MAX + 64], *slash;
	const char *file = getenv(env);
	const int *table;
	void *h = NULL;
	ssize_t len;

	if (file && *file && !(h = dlopen(file, RTLD_NOW | RTLD_LOCAL))) {
		err_runtime("%s %s: %s", what, err_quote(file), dlerror());
		return NULL;
	}
	if (!h && (len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			/* Beside the binary (build tree), then PREFIX/lib/followup
			 * relative to PREFIX/bin, so any install prefix works. */
			snprintf(path, sizeof path, "%s/%s", exe, name);
			if (!(h = try_open(path))) {
				snprintf(path, sizeof path, "%s/../lib/followup/%s", exe, name);
				h = try_open(path);
			}
		}
	}
	if (!h) {
		snprintf(path, sizeof path, "%s/%s", FOLLOWUP_LIBDIR, name);
		h = try_open(path);
	}
	if (!h) {
		const char *why = dlerror();
		err_runtime("%s '%s': %s", what, name,
			    why ? why : "not found beside the program nor in " FOLLOWUP_LIBDIR);
		return NULL;
	}
	table = (const int *)dlsym(h, symbol);
	if (!table || *table != abi) {
		err_runtime("%s '%s': wrong version", what, name);
		dlclose(h);
		return NULL;
	}
	return table;
}

static const struct ical_api *ical;
static const struct mail_api *mail;

const struct ical_api *icalmod_load(void)
{
	return ical ? ical : (ical = module_load("followup-ical.so", "FOLLOWUP_ICAL_MODULE",
					      "followup_ical_api", ICAL_API_ABI, "calendar module"));
}

const struct mail_api *mailmod_load(void)
{
	return mail ? mail : (mail = module_load("followup-mail.so", "FOLLOWUP_MAIL_MODULE",
					      "followup_mail_api", MAIL_API_ABI, "mail module"));
}

int icalmod_loaded(void) { return ical != NULL; }
int mailmod_loaded(void) { return mail != NULL; }

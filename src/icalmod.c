/*
 * icalmod.c - find and dlopen() followup-ical.so on demand (see icalmod.h).
 * Keeps libical (and its ICU and libstdc++) out of every process that does
 * not export or read a changed holiday feed.
 */
#include "followup/icalmod.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/err.h"

#ifndef FOLLOWUP_LIBDIR
#define FOLLOWUP_LIBDIR "/usr/local/lib/followup"
#endif
#define MODULE_NAME "followup-ical.so"

static const struct ical_api *api;

static void *try_open(const char *path)
{
	if (access(path, R_OK) != 0)
		return NULL;
	return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

const struct ical_api *icalmod_load(void)
{
	char exe[PATH_MAX], path[PATH_MAX + 64];
	const char *env = getenv("FOLLOWUP_ICAL_MODULE");
	void *h = NULL;
	ssize_t len;
	const struct ical_api *a;

	if (api)
		return api;
	if (env && *env) {
		h = dlopen(env, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			err_runtime("calendar module %s: %s", err_quote(env), dlerror());
			return NULL;
		}
	}
	if (!h && (len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* Beside the binary (build tree), then PREFIX/lib/followup
			 * relative to PREFIX/bin, so any install prefix works. */
			snprintf(path, sizeof path, "%s/%s", exe, MODULE_NAME);
			h = try_open(path);
			if (!h) {
				snprintf(path, sizeof path, "%s/../lib/followup/%s", exe, MODULE_NAME);
				h = try_open(path);
			}
		}
	}
	if (!h)
		h = try_open(FOLLOWUP_LIBDIR "/" MODULE_NAME);
	if (!h) {
		const char *why = dlerror();
		err_runtime("calendar module '%s': %s", MODULE_NAME,
			    why ? why : "not found beside the program nor in " FOLLOWUP_LIBDIR);
		return NULL;
	}
	a = (const struct ical_api *)dlsym(h, "followup_ical_api");
	if (!a || a->abi != ICAL_API_ABI) {
		err_runtime("calendar module '%s': wrong version", MODULE_NAME);
		dlclose(h);
		return NULL;
	}
	api = a;
	return api;
}

int icalmod_loaded(void)
{
	return api != NULL;
}

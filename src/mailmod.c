/*
 * mailmod.c - find and dlopen() followup-mail.so on demand (see mailmod.h).
 */
#include "followup/mailmod.h"

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
#define MODULE_NAME "followup-mail.so"

static const struct mail_api *api;

static void *try_open(const char *path)
{
	return access(path, R_OK) == 0 ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
}

const struct mail_api *mailmod_load(void)
{
	char exe[PATH_MAX], path[PATH_MAX + 64], *slash;
	const char *env = getenv("FOLLOWUP_MAIL_MODULE");
	const struct mail_api *a;
	void *h = NULL;
	ssize_t len;

	if (api)
		return api;
	if (env && *env && !(h = dlopen(env, RTLD_NOW | RTLD_LOCAL))) {
		err_runtime("mail module %s: %s", err_quote(env), dlerror());
		return NULL;
	}
	if (!h && (len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			snprintf(path, sizeof path, "%s/%s", exe, MODULE_NAME);
			if (!(h = try_open(path))) {
				snprintf(path, sizeof path, "%s/../lib/followup/%s", exe, MODULE_NAME);
				h = try_open(path);
			}
		}
	}
	if (!h)
		h = try_open(FOLLOWUP_LIBDIR "/" MODULE_NAME);
	if (!h) {
		const char *why = dlerror();
		err_runtime("mail module '%s': %s", MODULE_NAME,
			    why ? why : "not found beside the program nor in " FOLLOWUP_LIBDIR);
		return NULL;
	}
	a = (const struct mail_api *)dlsym(h, "followup_mail_api");
	if (!a || a->abi != MAIL_API_ABI) {
		err_runtime("mail module '%s': wrong version", MODULE_NAME);
		dlclose(h);
		return NULL;
	}
	return api = a;
}

int mailmod_loaded(void)
{
	return api != NULL;
}

/*
 * icalmod.c - find and dlopen() followup-ical.so on demand (see icalmod.h).
 * Keeps libical (and its ICU and libstdc++) out of every process that does
 * not export or read a changed holiday feed.
 */
#include "followup/icalmod.h"

#include <stddef.h>

#include "followup/module.h"

static const struct ical_api *api;

const struct ical_api *icalmod_load(void)
{
	if (!api)
		api = module_load("followup-ical.so", "FOLLOWUP_ICAL_MODULE", "followup_ical_api",
				  ICAL_API_ABI, "calendar module");
	return api;
}

int icalmod_loaded(void)
{
	return api != NULL;
}

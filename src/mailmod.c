/*
 * mailmod.c - followup-mail.so, loaded on demand (see mailmod.h).
 */
#include "followup/mailmod.h"

#include <stddef.h>

#include "followup/module.h"

static const struct mail_api *api;

const struct mail_api *mailmod_load(void)
{
	if (!api)
		api = module_load("followup-mail.so", "FOLLOWUP_MAIL_MODULE", "followup_mail_api",
				  MAIL_API_ABI, "mail module");
	return api;
}

int mailmod_loaded(void)
{
	return api != NULL;
}

/*
 * stats.c - the follow-up metrics of SPEC §6 (see stats.h): what a filled
 * struct stats owns.
 */
#include "followup/stats.h"

#include <stdlib.h>

void stats_release(struct stats *x)
{
	free(x->oldest_name);
	x->oldest_name = NULL;
}

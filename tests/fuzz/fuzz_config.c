/*
 * fuzz_config.c - libFuzzer target for config_parse_string(), the INI
 * reader of SPEC §9.
 *
 * Input: the configuration text (cut at the first NUL, as a C string is).
 * Invariants: parsing either succeeds or fails with a usage error whose
 * message is free of control characters (main.c prints it raw to stderr);
 * the parsed values are within their documented ranges; config_release()
 * frees everything (LeakSanitizer checks each input) and may be called
 * again; never a crash or sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "followup/config.h"
#include "followup/date.h"
#include "followup/err.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char *text = malloc(size + 1);
	size_t i;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';

	config_init(&cfg);
	err_clear();
	if (config_parse_string(&cfg, "fuzz.conf", text) == 0) {
		FUZZ_CHECK(cfg.workdays != 0 && cfg.workdays <= 0x7F);
		FUZZ_CHECK(cfg.remind_time >= 0 && cfg.remind_time < 24 * 60);
		FUZZ_CHECK(cfg.remind_before >= 0 && cfg.remind_before <= 10080);
		FUZZ_CHECK(cfg.cadence && *cfg.cadence);
		FUZZ_CHECK(cfg.nholidays == 0 || cfg.holidays);
		for (i = 0; i < cfg.nholidays; i++) {
			char buf[11];
			int back;
			FUZZ_CHECK(date_parse_iso(date_format(cfg.holidays[i], buf), &back) == 0 &&
				   back == cfg.holidays[i]);
		}
	} else {
		fuzz_check_message(err_message());
		FUZZ_CHECK(err_kind() != ERR_NONE);
	}
	config_release(&cfg);
	config_release(&cfg); /* released twice: must be harmless */
	config_release(NULL);
	free(text);
	return 0;
}

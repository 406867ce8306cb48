/* fuzz_config.c — libFuzzer harness for config_load_string, the parser of
 * the kiosk's INI file. Invariants: no crash on any bytes; a failed load
 * leaves the configuration untouched and says why; a successful one leaves
 * every field within its documented range and every string terminated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_string(const char *s, size_t cap)
{
	if (!memchr(s, '\0', cap))
		abort();
}

static void check_range(int v, int lo, int hi)
{
	if (v < lo || v > hi)
		abort();
}

static void check_fonts(const kiosk_config *c)
{
	fontchain_spec specs[CONFIG_MAX_FONTS];

	if (c->font_count < 1 || c->font_count > CONFIG_MAX_FONTS)
		abort();
	if (config_font_specs(c, specs) != c->font_count)
		abort();
	for (size_t i = 0; i < c->font_count; i++) {
		check_string(c->fonts[i].family, sizeof c->fonts[i].family);
		check_string(c->fonts[i].file, sizeof c->fonts[i].file);
		check_string(c->fonts[i].package, sizeof c->fonts[i].package);
		if (!c->fonts[i].family[0])
			abort();
		check_range(c->fonts[i].index, 0, 65535);
	}
}

static void check_valid(const kiosk_config *c)
{
	check_string(c->db, sizeof c->db);
	check_string(c->fingerprint, sizeof c->fingerprint);
	check_string(c->language, sizeof c->language);
	if (!c->db[0] || (c->fingerprint[0] && strlen(c->fingerprint) != CONFIG_FINGERPRINT_LEN))
		abort();
	if (strcmp(c->language, CONFIG_LANG_ZH) != 0 && strcmp(c->language, CONFIG_LANG_EN) != 0)
		abort();
	if (c->feed_delay_days != CONFIG_FEED_DELAY_KEEP)
		check_range(c->feed_delay_days, 0, 365);
	check_fonts(c);
	check_range(c->width, 320, 16384);
	check_range(c->height, 240, 16384);
	if (c->dpi != 0)
		check_range(c->dpi, 50, 1000);
	if ((c->dim_from < 0) != (c->dim_to < 0) || (c->dim_from >= 0 && c->dim_from == c->dim_to))
		abort();
	check_range(c->dim_level, 10, 100);
	check_range(c->idle_seconds, 10, 3600);
	check_range(c->countdown_seconds, 3, 300);
	check_range(c->card_seconds, 3, 600);
	check_range(c->operator_lock_seconds, 15, 3600);
	check_range(c->atlas_budget_mb, 4, 1024);
	for (int h = 0; h < 24; h++)
		check_range(config_brightness_at(c, h), 10, 100);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static kiosk_config before, c;
	char msg[512];

	config_defaults(&before);
	c = before;
	if (!config_load_string(&c, "fuzz.ini", (const char *)data, size, msg, sizeof msg)) {
		if (!msg[0] || !memchr(msg, '\0', sizeof msg) || memcmp(&c, &before, sizeof c) != 0)
			abort();
		return 0;
	}
	check_valid(&c);
	return 0;
}

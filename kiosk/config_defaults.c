/* config_defaults.c — what the kiosk uses when nothing is configured, and
 * the small questions the app asks of a configuration (font specs,
 * brightness by hour, the store's folder). The INI loader is config.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DB_SUFFIX_XDG "/treehole/treehole.db"
#define DB_SUFFIX_HOME "/.local/share/treehole/treehole.db"

static bool join(char out[CONFIG_PATH_MAX], const char *dir, const char *suffix)
{
	int n = snprintf(out, CONFIG_PATH_MAX, "%s%s", dir, suffix);

	return n > 0 && n < CONFIG_PATH_MAX;
}

/* XDG base directory rules: XDG_DATA_HOME counts only if absolute. */
static void default_db(char out[CONFIG_PATH_MAX])
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/' && join(out, xdg, DB_SUFFIX_XDG))
		return;
	if (home && home[0] && join(out, home, DB_SUFFIX_HOME))
		return;
	strcpy(out, "treehole.db");
}

static void default_fonts(kiosk_config *c)
{
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs);

	c->font_count = 0;
	for (size_t i = 0; i < n && c->font_count < CONFIG_MAX_FONTS; i++) {
		config_font *f = &c->fonts[c->font_count];

		/* The defaults are family specs; a default with a file or a name
		 * too long for the buffers would be a programming error. */
		if (!specs[i].family || strlen(specs[i].family) >= sizeof f->family)
			continue;
		strcpy(f->family, specs[i].family);
		if (specs[i].package && strlen(specs[i].package) < sizeof f->package)
			strcpy(f->package, specs[i].package);
		c->font_count++;
	}
}

void config_defaults(kiosk_config *c)
{
	memset(c, 0, sizeof *c);
	default_db(c->db);
	c->feed_delay_days = CONFIG_FEED_DELAY_KEEP;
	default_fonts(c);
	c->fullscreen = true;
	c->width = 1280;
	c->height = 800;
	c->dpi = 0;
	c->dim_from = CONFIG_NO_DIMMING;
	c->dim_to = CONFIG_NO_DIMMING;
	c->dim_level = 50;
	c->idle_seconds = 60;
	c->countdown_seconds = 15;
	c->card_seconds = 12;
	c->operator_lock_seconds = 120;
	strcpy(c->language, CONFIG_LANG_ZH);
	c->atlas_budget_mb = 32;
}

size_t config_font_specs(const kiosk_config *c, fontchain_spec specs[CONFIG_MAX_FONTS])
{
	size_t n = c->font_count < CONFIG_MAX_FONTS ? c->font_count : CONFIG_MAX_FONTS;

	for (size_t i = 0; i < n; i++) {
		const config_font *f = &c->fonts[i];

		specs[i] = (fontchain_spec){
			.family = f->family,
			.file = f->file[0] ? f->file : NULL,
			.index = f->file[0] ? f->index : 0,
			.package = f->package[0] ? f->package : NULL,
		};
	}
	return n;
}

int config_brightness_at(const kiosk_config *c, int hour)
{
	bool dim;

	if (c->dim_from < 0 || c->dim_to < 0 || c->dim_from == c->dim_to)
		return 100;
	if (c->dim_from < c->dim_to)
		dim = hour >= c->dim_from && hour < c->dim_to;
	else   /* wraps midnight, e.g. 22..6 */
		dim = hour >= c->dim_from || hour < c->dim_to;
	return dim ? c->dim_level : 100;
}

/* mkdir -p for the folder part of `path`, each new folder 0700. */
bool config_make_db_dir(const kiosk_config *c, char *msg, size_t msg_len)
{
	char dir[CONFIG_PATH_MAX];
	char *slash;
	struct stat st;

	if (msg && msg_len)
		msg[0] = '\0';
	strcpy(dir, c->db);
	if (!(slash = strrchr(dir, '/')))
		return true;   /* the current folder */
	*slash = '\0';
	for (char *s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			goto err;
		*s = '/';
	}
	if (dir[0] && mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto err;
	if (dir[0] && stat(dir, &st) != 0)
		goto err;
	if (dir[0] && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto err;
	}
	return true;

err:
	if (msg && msg_len)
		snprintf(msg, msg_len, "cannot create the folder %s for the store: %s", dir,
		         strerror(errno));
	return false;
}

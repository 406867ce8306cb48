/* main.c — `treehole`, the kiosk: options, configuration, SDL, the app.
 *
 * The command line overrides the configuration file, which overrides the
 * defaults; every value passes the same checks (config_set). Errors before
 * the window opens go to stderr with exit code 2 (usage) or 1 (cannot
 * start); once it is open, nothing ends the app but the operator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "app.h"
#include "config.h"
#include "demo.h"
#include "i18n.h"
#include "klog.h"
#include "vault.h"

#define EXIT_USAGE 2

static const char usage[] =
	"usage: treehole [options]\n"
	"  --config FILE        settings (INI); see docs/treehole.ini.example\n"
	"  --db PATH            the note store (overrides [store] db)\n"
	"  --fullscreen         fill the screen (the default)\n"
	"  --windowed           a window instead (the demo uses one)\n"
	"  --size WxH           window or headless size, e.g. 1280x800 or 1080x1920\n"
	"  --lang zh_CN|en      interface language (default zh_CN)\n"
	"  --demo               use (or create) a demo store with sample notes; its\n"
	"                       operator passphrase is treehole-demo\n"
	"  --headless           draw on an offscreen surface instead of a window\n"
	"  --script FILE        drive the app from a script of input events, then exit\n"
	"                       (tap X Y, press ID, swipe, text, key, wait MS, screenshot\n"
	"                       NAME, expect screen|pending|feed ...; see kiosk/script.h)\n"
	"  --screenshot-dir DIR where screenshots go (default .)\n"
	"  --tour               render every screen to PNG files (headless), then exit;\n"
	"                       the demo does this by itself when there is no display\n"
	"  --help, --version\n"
	"Outside operator mode the kiosk ignores every key and request that would\n"
	"close it. Operator mode: hold the top-left corner, then the top-right one,\n"
	"for 1.5 s each.\n";

typedef struct cli {
	kiosk_config cfg;
	bool demo, headless, size_given, db_given, tour;
	const char *script, *shots;
} cli;

static bool set(cli *c, const char *section, const char *key, const char *value)
{
	char msg[512];

	if (config_set(&c->cfg, section, key, value, msg, sizeof msg))
		return true;
	fprintf(stderr, "treehole: %s\n", msg);
	return false;
}

/* Options that take a value; returns false on a bad value. */
static bool value_option(cli *c, const char *opt, const char *v)
{
	char w[16], h[16];
	int iw, ih;

	if (strcmp(opt, "--config") == 0) {
		char msg[512];
		if (config_load_file(&c->cfg, v, msg, sizeof msg))
			return true;
		fprintf(stderr, "treehole: %s\n", msg);
		return false;
	}
	if (strcmp(opt, "--db") == 0)
		return (c->db_given = true), set(c, "store", "db", v);
	if (strcmp(opt, "--lang") == 0)
		return set(c, "ui", "language", v);
	if (strcmp(opt, "--script") == 0)
		return (c->script = v), true;
	if (strcmp(opt, "--screenshot-dir") == 0)
		return (c->shots = v), true;
	if (!config_parse_size(v, &iw, &ih)) {
		fprintf(stderr, "treehole: --size %s: expected WxH, e.g. 1280x800\n", v);
		return false;
	}
	snprintf(w, sizeof w, "%d", iw);
	snprintf(h, sizeof h, "%d", ih);
	c->size_given = true;
	return set(c, "screen", "width", w) && set(c, "screen", "height", h);
}

static bool is_value_option(const char *a)
{
	static const char *const opts[] = { "--config", "--db", "--lang", "--script",
		                            "--screenshot-dir", "--size" };
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (strcmp(a, opts[i]) == 0)
			return true;
	return false;
}

/* Returns -1 to go on, else an exit code. */
static int parse(cli *c, int argc, char **argv)
{
	config_defaults(&c->cfg);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return fputs(usage, stdout), 0;
		if (strcmp(a, "--version") == 0)
			return puts("treehole " TREEHOLE_VERSION), 0;
		if (strcmp(a, "--fullscreen") == 0 || strcmp(a, "--windowed") == 0) {
			if (!set(c, "screen", "fullscreen", a[2] == 'f' ? "true" : "false"))
				return EXIT_USAGE;
		} else if (strcmp(a, "--demo") == 0) {
			c->demo = true;
		} else if (strcmp(a, "--headless") == 0) {
			c->headless = true;
		} else if (strcmp(a, "--tour") == 0) {
			c->tour = c->headless = true;
		} else if (is_value_option(a) && i + 1 < argc) {
			if (!value_option(c, a, argv[++i]))
				return EXIT_USAGE;
		} else {
			fprintf(stderr, "treehole: unknown option %s\n%s", a, usage);
			return EXIT_USAGE;
		}
	}
	return -1;
}

static void to_options(const cli *c, fontchain_spec *specs, app_options *o)
{
	const kiosk_config *k = &c->cfg;

	memset(o, 0, sizeof *o);
	o->db_path = k->db;
	o->fingerprint = k->fingerprint[0] ? k->fingerprint : NULL;
	o->feed_delay_days = k->feed_delay_days;
	o->nfonts = config_font_specs(k, specs);
	o->fonts = specs;
	o->fullscreen = k->fullscreen && !c->demo && !c->headless;
	o->width = k->width;
	o->height = k->height;
	o->dpi = (float)k->dpi;
	o->dim_from = k->dim_from;
	o->dim_to = k->dim_to;
	o->dim_level = k->dim_level;
	o->idle_s = k->idle_seconds;
	o->countdown_s = k->countdown_seconds;
	o->card_s = k->card_seconds;
	o->op_lock_s = k->operator_lock_seconds;
	o->language = k->language;
	o->atlas_budget = (size_t)k->atlas_budget_mb << 20;
	o->demo = c->demo;
	o->headless = c->headless;
	o->script_path = c->script;
	o->screenshot_dir = c->shots;
	o->tour = c->tour;
}

/* The demo never touches the real store: without --db it keeps its own
 * file beside where the real one would be. */
static bool demo_path(cli *c)
{
	char path[CONFIG_PATH_MAX];
	const char *slash = strrchr(c->cfg.db, '/');
	int dir = slash ? (int)(slash - c->cfg.db) : 0;

	if (c->db_given)
		return true;
	if (snprintf(path, sizeof path, "%.*s%sdemo.treehole", dir, c->cfg.db, slash ? "/" : "") >=
	    (int)sizeof path)
		return false;
	return set(c, "store", "db", path);
}

/* The tour's pictures go beside the store (the demo's build folder). */
static const char *tour_dir(const cli *c)
{
	static char dir[CONFIG_PATH_MAX];
	const char *slash = strrchr(c->cfg.db, '/');
	int n = slash ? (int)(slash - c->cfg.db) : 1;

	snprintf(dir, sizeof dir, "%.*s/tour", n, slash ? c->cfg.db : ".");
	mkdir(dir, 0755);
	return dir;
}

/* SDL falls back to drivers that draw into memory when there is no
 * screen; a kiosk nobody can see is no kiosk, unless asked for by name. */
static bool invisible_driver(void)
{
	const char *d = SDL_GetCurrentVideoDriver(), *asked = getenv("SDL_VIDEODRIVER");

	if (!d || (asked && strcmp(asked, d) == 0))
		return false;
	return strcmp(d, "offscreen") == 0 || strcmp(d, "dummy") == 0;
}

static bool start_sdl(cli *c)
{
	bool headless = c->headless;

	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
	SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
	if (SDL_Init(headless ? SDL_INIT_EVENTS : SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0) {
		if (headless || !invisible_driver())
			return true;
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
		SDL_SetError("only SDL's %s driver, which shows nothing", "invisible");
	}
	if (c->demo && !c->script) {
		/* `make run` on a machine without a screen: show the screens as files. */
		printf("No display here (%s).\nRendering a headless tour of every screen instead:\n",
		       SDL_GetError());
		c->tour = c->headless = true;
		return SDL_Init(SDL_INIT_EVENTS) == 0;
	}
	fprintf(stderr, "treehole: no display available (%s)%s\n", SDL_GetError(),
	        headless ? "" : "; run with --headless --script FILE for screenshots");
	return false;
}

int main(int argc, char **argv)
{
	static cli c;
	fontchain_spec specs[CONFIG_MAX_FONTS];
	app_options opt;
	char msg[512];
	static app a;
	int rc = parse(&c, argc, argv);

	if (rc >= 0)
		return rc;
	vault_harden_process();
	if (!i18n_init(c.cfg.language, msg, sizeof msg))
		klog_error("main", "%s", msg);
	if (c.demo && !demo_path(&c))
		return EXIT_USAGE;
	if (!config_make_db_dir(&c.cfg, msg, sizeof msg))
		klog_error("main", "%s", msg);
	if (c.demo)
		printf("treehole demo on %s\n  operator passphrase: " DEMO_PASSPHRASE " (demo only: "
		       "never use this store for real notes)\n  operator mode: hold the top-left corner, "
		       "then the top-right one, 1.5 s each\n", c.cfg.db);
	if (!start_sdl(&c))
		return 1;
	if (c.tour && !c.shots)
		c.shots = tour_dir(&c);
	to_options(&c, specs, &opt);
	if (!app_init(&a, &opt)) {
		app_destroy(&a);
		SDL_Quit();
		return 1;
	}
	rc = app_run(&a);
	app_destroy(&a);
	SDL_Quit();
	return rc;
}

/* config.h — the kiosk's settings: defaults, an INI file (inih), overrides.
 *
 * A kiosk_config is a plain value: fixed buffers, no heap, copied freely.
 * The app fills it with config_defaults(), then config_load_file() for
 * --config, then applies command-line flags with config_set() so they pass
 * the same checks as the file. Every key is optional:
 *
 *   [store]  db, fingerprint, feed_delay_days
 *   [fonts]  chain, file.1 … file.N
 *   [screen] fullscreen, width, height, dpi, dim_from, dim_to, dim_level
 *   [timing] idle_seconds, countdown_seconds, card_seconds, operator_lock_seconds
 *   [ui]     language
 *   [atlas]  budget_mb
 *
 * docs/treehole.ini.example documents each key with its range. Anything
 * the loader does not understand (unknown section or key, bad or
 * out-of-range value, a key given twice, a line too long, bytes that are
 * not UTF-8, an unreadable file) fails the whole load with one message
 * naming file:line and the key; nothing is silently ignored.
 *
 * The loader changes inih's run-time options (Debian builds inih with
 * INI_RUNTIME_OPTIONS) for the length of a parse and restores them: load
 * from one thread at a time. */
#ifndef TREEHOLE_CONFIG_H
#define TREEHOLE_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "fontchain.h"

/* Longest path, NUL included (Linux PATH_MAX). */
#define CONFIG_PATH_MAX PATH_MAX
/* Most fonts in [fonts] chain; a kiosk needs four or five. */
#define CONFIG_MAX_FONTS 8
/* Longest font family name, NUL included. */
#define CONFIG_FAMILY_MAX 128
/* Longest Debian package name kept for a default family, NUL included. */
#define CONFIG_PACKAGE_MAX 64
/* Largest configuration file read. */
#define CONFIG_FILE_MAX (64 * 1024)
/* 16 hex digits, as store_key_fingerprint() prints them. */
#define CONFIG_FINGERPRINT_LEN 16

/* Value of feed_delay_days when the file leaves the store's own delay. */
#define CONFIG_FEED_DELAY_KEEP (-1)
/* Value of dim_from / dim_to when no dimming schedule is set. */
#define CONFIG_NO_DIMMING (-1)

/* Languages of the interface (see i18n.h). */
#define CONFIG_LANG_ZH "zh_CN"
#define CONFIG_LANG_EN "en"

/* One face of the font chain as configured: a fontconfig family, or an
 * explicit file (path[:index]) that replaces it. */
typedef struct config_font {
	char family[CONFIG_FAMILY_MAX];   /* never empty */
	char file[CONFIG_PATH_MAX];       /* "" unless file.N replaced the family */
	int index;                        /* face index inside `file` (.ttc), 0..65535 */
	char package[CONFIG_PACKAGE_MAX]; /* Debian package of a default family, else "" */
} config_font;

typedef struct kiosk_config {
	/* [store] */
	char db[CONFIG_PATH_MAX];     /* store path; never empty after config_defaults */
	char fingerprint[CONFIG_FINGERPRINT_LEN + 1]; /* lowercase hex, "" = unpinned */
	int feed_delay_days;          /* 0..365, or CONFIG_FEED_DELAY_KEEP */
	/* [fonts], in chain order; fonts[0] is the primary face */
	size_t font_count;            /* 1..CONFIG_MAX_FONTS */
	config_font fonts[CONFIG_MAX_FONTS];
	/* [screen] */
	bool fullscreen;              /* default true */
	int width, height;            /* windowed size, default 1280x800 */
	int dpi;                      /* 0 = ask SDL, else 50..1000 */
	int dim_from, dim_to;         /* local hours 0..23, dimmed in [from, to) (wraps
	                               * midnight); both CONFIG_NO_DIMMING if unset */
	int dim_level;                /* brightness while dimmed, 10..100 percent */
	/* [timing], seconds */
	int idle_seconds;             /* compose idle before the countdown, default 60 */
	int countdown_seconds;        /* visible countdown before the wipe, default 15 */
	int card_seconds;             /* feed rotation, default 12 */
	int operator_lock_seconds;    /* operator mode locks itself, default 120 */
	/* [ui] */
	char language[8];             /* CONFIG_LANG_ZH (default) or CONFIG_LANG_EN */
	/* [atlas] */
	int atlas_budget_mb;          /* glyph atlas budget, default 32 */
} kiosk_config;

/* Fills *c with the defaults. The store path is
 * $XDG_DATA_HOME/treehole/treehole.db (XDG_DATA_HOME only if absolute),
 * else $HOME/.local/share/treehole/treehole.db, else treehole.db in the
 * current folder; a system service sets /var/lib/treehole/treehole.db in
 * its configuration file. The font chain is fontchain_default_specs(). */
void config_defaults(kiosk_config *c);

/* Reads the INI file `path` (at most CONFIG_FILE_MAX bytes) over *c: keys
 * it gives replace the values in *c, others stay. On failure *c is left
 * exactly as it was and `msg` (msg_len bytes, may be NULL) holds one line
 * such as "treehole.ini:12: [screen] width = 99999: out of range
 * (320..16384)"; a missing or unreadable file is a failure too. */
bool config_load_file(kiosk_config *c, const char *path, char *msg, size_t msg_len);

/* Same as config_load_file for `len` bytes of `data` (need not be
 * NUL-terminated; any bytes are safe, a NUL is an error). `name` stands for
 * the file name in messages (NULL: "config"). */
bool config_load_string(kiosk_config *c, const char *name, const char *data, size_t len,
                        char *msg, size_t msg_len);

/* Sets one key as if a file had given it, with the same checks, for
 * command-line overrides (--db PATH is config_set(c, "store", "db", PATH)).
 * Unlike a file, setting a key twice is allowed: the last value wins. On
 * failure *c is unchanged and `msg` says why, without a line number. */
bool config_set(kiosk_config *c, const char *section, const char *key, const char *value,
                char *msg, size_t msg_len);

/* Parses "WxH" (e.g. "1280x800", for --size) with the width and height
 * ranges of [screen]. OUT: *w, *h (unchanged on failure). */
bool config_parse_size(const char *s, int *w, int *h);

/* The configured font chain as specs for fontchain_open(). OUT: specs
 * (room for CONFIG_MAX_FONTS); its strings point into *c, which must
 * outlive their use. Returns the count (c->font_count). */
size_t config_font_specs(const kiosk_config *c, fontchain_spec specs[CONFIG_MAX_FONTS]);

/* Brightness in percent at local hour `hour` (0..23): dim_level inside the
 * dimming schedule, else 100. */
int config_brightness_at(const kiosk_config *c, int hour);

/* Creates the folder that holds c->db (and its parents) with mode 0700,
 * so notes never sit in a folder others can list. Succeeds if it exists.
 * On failure `msg` names the folder and the reason. */
bool config_make_db_dir(const kiosk_config *c, char *msg, size_t msg_len);

#endif

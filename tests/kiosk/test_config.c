/* test_config.c — the kiosk's configuration: defaults, every key, every
 * kind of error with its file:line message, font specs, overrides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <ini.h>

#include "config.h"

static char msg[1024];

static bool load(kiosk_config *c, const char *ini)
{
	return config_load_string(c, "test.ini", ini, strlen(ini), msg, sizeof msg);
}

/* Loads `ini` expecting failure: the configuration must stay as it was
 * and the message must contain every one of the NULL-terminated parts. */
static void expect_error(const char *ini, ...)
{
	kiosk_config before, c;
	va_list ap;
	const char *part;

	config_defaults(&before);
	c = before;
	if (load(&c, ini))
		fail_msg("accepted: %s", ini);
	assert_memory_equal(&c, &before, sizeof c);
	va_start(ap, ini);
	while ((part = va_arg(ap, const char *))) {
		if (!strstr(msg, part))
			fail_msg("message \"%s\" lacks \"%s\" (input: %s)", msg, part, ini);
	}
	va_end(ap);
}

static void test_defaults(void **state)
{
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs);
	kiosk_config c;

	(void)state;
	setenv("XDG_DATA_HOME", "/data/xdg", 1);
	config_defaults(&c);
	assert_string_equal(c.db, "/data/xdg/treehole/treehole.db");
	assert_string_equal(c.fingerprint, "");
	assert_int_equal(c.feed_delay_days, CONFIG_FEED_DELAY_KEEP);
	assert_int_equal(c.font_count, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(c.fonts[i].family, specs[i].family);
		assert_string_equal(c.fonts[i].package, specs[i].package);
		assert_string_equal(c.fonts[i].file, "");
	}
	assert_true(c.fullscreen);
	assert_int_equal(c.width, 1280);
	assert_int_equal(c.height, 800);
	assert_int_equal(c.dpi, 0);
	assert_int_equal(c.dim_from, CONFIG_NO_DIMMING);
	assert_int_equal(c.dim_to, CONFIG_NO_DIMMING);
	assert_int_equal(c.dim_level, 50);
	assert_int_equal(c.idle_seconds, 60);
	assert_int_equal(c.countdown_seconds, 15);
	assert_int_equal(c.card_seconds, 12);
	assert_int_equal(c.operator_lock_seconds, 120);
	assert_string_equal(c.language, "zh_CN");
	assert_int_equal(c.atlas_budget_mb, 32);
}

static void test_default_db_fallbacks(void **state)
{
	kiosk_config c;

	(void)state;
	setenv("HOME", "/home/driver", 1);
	setenv("XDG_DATA_HOME", "relative/ignored", 1);
	config_defaults(&c);
	assert_string_equal(c.db, "/home/driver/.local/share/treehole/treehole.db");
	unsetenv("XDG_DATA_HOME");
	config_defaults(&c);
	assert_string_equal(c.db, "/home/driver/.local/share/treehole/treehole.db");
	unsetenv("HOME");
	config_defaults(&c);
	assert_string_equal(c.db, "treehole.db");
}

static const char every_key[] =
	"# every key, none at its default\n"
	"[store]\n"
	"db = /var/lib/treehole/notes.db\n"
	"fingerprint = 0123456789ABCDEF\n"
	"feed_delay_days = 0\n"
	"[fonts]\n"
	"chain = Noto Serif CJK SC , LXGW WenKai,DejaVu Sans\n"
	"file.3 = /opt/fonts/a:b.ttc:7\n"
	"[screen]\n"
	"fullscreen = false\n"
	"width = 1024\n"
	"height = 600\n"
	"dpi = 160\n"
	"dim_from = 22\n"
	"dim_to = 6\n"
	"dim_level = 30\n"
	"[timing]\n"
	"idle_seconds = 90\n"
	"countdown_seconds = 20\n"
	"card_seconds = 8\n"
	"operator_lock_seconds = 300\n"
	"[ui]\n"
	"language = en\n"
	"[atlas]\n"
	"budget_mb = 64\n";

static void test_every_key(void **state)
{
	kiosk_config c;

	(void)state;
	config_defaults(&c);
	assert_true(load(&c, every_key));
	assert_string_equal(msg, "");
	assert_string_equal(c.db, "/var/lib/treehole/notes.db");
	assert_string_equal(c.fingerprint, "0123456789abcdef");
	assert_int_equal(c.feed_delay_days, 0);
	assert_int_equal(c.font_count, 3);
	assert_string_equal(c.fonts[0].family, "Noto Serif CJK SC");
	assert_string_equal(c.fonts[0].package, "");
	assert_string_equal(c.fonts[1].family, "LXGW WenKai");
	assert_string_equal(c.fonts[1].package, "fonts-lxgw-wenkai");
	assert_string_equal(c.fonts[2].family, "DejaVu Sans");
	assert_string_equal(c.fonts[2].file, "/opt/fonts/a:b.ttc");
	assert_int_equal(c.fonts[2].index, 7);
	assert_false(c.fullscreen);
	assert_int_equal(c.width, 1024);
	assert_int_equal(c.height, 600);
	assert_int_equal(c.dpi, 160);
	assert_int_equal(c.dim_from, 22);
	assert_int_equal(c.dim_to, 6);
	assert_int_equal(c.dim_level, 30);
	assert_int_equal(c.idle_seconds, 90);
	assert_int_equal(c.countdown_seconds, 20);
	assert_int_equal(c.card_seconds, 8);
	assert_int_equal(c.operator_lock_seconds, 300);
	assert_string_equal(c.language, "en");
	assert_int_equal(c.atlas_budget_mb, 64);
}

/* Keys a file leaves out keep the values the caller had. */
static void test_partial_keeps_rest(void **state)
{
	kiosk_config c, want;

	(void)state;
	config_defaults(&c);
	assert_true(load(&c, every_key));
	want = c;
	assert_true(load(&c, "[screen]\nwidth = 800\n"));
	want.width = 800;
	assert_memory_equal(&c, &want, sizeof c);
	/* An empty file or one of comments only changes nothing. */
	assert_true(load(&c, ""));
	assert_true(load(&c, "; nothing\n# here\n\n"));
	assert_memory_equal(&c, &want, sizeof c);
	/* An empty fingerprint unpins. */
	assert_true(load(&c, "[store]\nfingerprint =\n"));
	assert_string_equal(c.fingerprint, "");
}

static void test_syntax_variants(void **state)
{
	kiosk_config c;

	(void)state;
	config_defaults(&c);
	/* BOM, CRLF, indented keys (never continuations), inline comments,
	 * "key: value", no newline at the end. */
	assert_true(load(&c, "\xEF\xBB\xBF[screen]\r\n  width = 1920 ; the big one\r\n"
	                     "\theight: 1200\r\n[ui]\nlanguage = en"));
	assert_int_equal(c.width, 1920);
	assert_int_equal(c.height, 1200);
	assert_string_equal(c.language, "en");
	/* A section may come back. */
	assert_true(load(&c, "[screen]\nwidth = 800\n[ui]\nlanguage = zh_CN\n[screen]\nheight = 480\n"));
	assert_int_equal(c.width, 800);
	assert_int_equal(c.height, 480);
	/* UTF-8 in values. */
	assert_true(load(&c, "[store]\ndb = /数据/树洞.db\n"));
	assert_string_equal(c.db, "/数据/树洞.db");
}

static void test_example_file_loads(void **state)
{
	kiosk_config c;

	(void)state;
	config_defaults(&c);
	if (!config_load_file(&c, TEST_EXAMPLE_INI, msg, sizeof msg))
		fail_msg("%s", msg);
	assert_string_equal(c.db, "/var/lib/treehole/treehole.db");
	assert_int_equal(c.font_count, 4);
	assert_string_equal(c.fonts[3].package, "fonts-noto-color-emoji");
}

static void test_unknown_section_and_key(void **state)
{
	(void)state;
	expect_error("[screen]\nwidth = 800\n[scren]\nheight = 600\n", "test.ini:3:",
	             "unknown section [scren]", NULL);
	/* Even an empty misspelt section is reported. */
	expect_error("[screen]\nwidth = 800\n\n[tming]\n", "test.ini:4:", "[tming]", NULL);
	expect_error("[ Screen ]\n", "test.ini:1:", "unknown section [ Screen ]", NULL);
	expect_error("[screen]\nwidht = 800\n", "test.ini:2:", "[screen] widht = 800",
	             "unknown key", "width", NULL);
	expect_error("[fonts]\nfile.0 = /a.ttf\n", "test.ini:2:", "[fonts] file.0", "unknown key",
	             "file.1..file.8", NULL);
	expect_error("[fonts]\nfile.9 = /a.ttf\n", "test.ini:2:", "file.9", "unknown key", NULL);
	expect_error("[fonts]\nfile.01 = /a.ttf\n", "test.ini:2:", "file.01", NULL);
	expect_error("width = 800\n[screen]\n", "test.ini:1:", "width", "before any [section]", NULL);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	expect_error("[screen]\nwidth 800\n", "test.ini:2:", "expected [section] or key = value",
	             NULL);
	expect_error("[screen\nwidth = 800\n", "test.ini:1:", NULL);
	expect_error("[screen]\n   \n\nfullscreen\n", "test.ini:4:", NULL);
}

/* Each integer key: a value below and above its range, and not a number. */
static void test_ranges(void **state)
{
	static const struct {
		const char *section, *key;
		int lo, hi;
	} ints[] = {
		{ "store", "feed_delay_days", 0, 365 },   { "screen", "width", 320, 16384 },
		{ "screen", "height", 240, 16384 },       { "screen", "dpi", 50, 1000 },
		{ "screen", "dim_level", 10, 100 },       { "timing", "idle_seconds", 10, 3600 },
		{ "timing", "countdown_seconds", 3, 300 }, { "timing", "card_seconds", 3, 600 },
		{ "timing", "operator_lock_seconds", 15, 3600 }, { "atlas", "budget_mb", 4, 1024 },
	};
	char ini[128], key[64];
	kiosk_config c;

	(void)state;
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		snprintf(key, sizeof key, "[%s] %s", ints[i].section, ints[i].key);
		snprintf(ini, sizeof ini, "[%s]\n%s = %d\n", ints[i].section, ints[i].key, ints[i].lo - 1);
		expect_error(ini, "test.ini:2:", key, "out of range", NULL);
		snprintf(ini, sizeof ini, "[%s]\n%s = %d\n", ints[i].section, ints[i].key, ints[i].hi + 1);
		expect_error(ini, "test.ini:2:", key, "out of range", NULL);
		snprintf(ini, sizeof ini, "[%s]\n%s = 12x\n", ints[i].section, ints[i].key);
		expect_error(ini, "test.ini:2:", key, "not a whole number", NULL);
		snprintf(ini, sizeof ini, "[%s]\n%s =\n", ints[i].section, ints[i].key);
		expect_error(ini, "test.ini:2:", key, "not a whole number", NULL);
		config_defaults(&c);
		snprintf(ini, sizeof ini, "[%s]\n%s = %d\n[%s]\n%s = %d\n", ints[i].section, ints[i].key,
		         ints[i].lo, ints[i].section, ints[i].key, ints[i].hi);
		expect_error(ini, "test.ini:4:", key, "given twice (first on line 2)", NULL);
		snprintf(ini, sizeof ini, "[%s]\n%s = %d\n", ints[i].section, ints[i].key, ints[i].hi);
		assert_true(load(&c, ini));
	}
	expect_error("[screen]\nwidth = 0x500\n", "not a whole number", NULL);
	expect_error("[screen]\nwidth = +800\n", "not a whole number", NULL);
	expect_error("[screen]\nwidth = 8 00\n", "not a whole number", NULL);
	expect_error("[screen]\nwidth = 99999999999999999999\n", "not a whole number", NULL);
	expect_error("[screen]\ndim_from = 24\ndim_to = 6\n", "[screen] dim_from = 24", "0..23", NULL);
	expect_error("[screen]\ndpi = 20\n", "0 or 50..1000", NULL);
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_error("[screen]\nfullscreen = yes\n", "test.ini:2:", "[screen] fullscreen = yes",
	             "use true or false", NULL);
	expect_error("[ui]\nlanguage = zh\n", "test.ini:2:", "[ui] language = zh", "zh_CN or en", NULL);
	expect_error("[store]\nfingerprint = 0123456789abcde\n", "[store] fingerprint",
	             "16 hex digits", NULL);
	expect_error("[store]\nfingerprint = 0123456789abcdeg\n", "not a hex digit: 'g'", NULL);
	expect_error("[store]\ndb =\n", "test.ini:2:", "[store] db", "empty path", NULL);
	expect_error("[screen]\ndim_from = 22\n", "test.ini:2:", "dim_from", "together", NULL);
	expect_error("[screen]\n\ndim_to = 6\n", "test.ini:3:", "dim_to", "together", NULL);
	expect_error("[screen]\ndim_from = 6\ndim_to = 6\n", "test.ini:3:", "must differ", NULL);
}

static void test_fonts_errors(void **state)
{
	char ini[CONFIG_FAMILY_MAX + 64];

	(void)state;
	expect_error("[fonts]\nchain = A,,B\n", "test.ini:2:", "[fonts] chain", "font 2", "empty",
	             NULL);
	expect_error("[fonts]\nchain = A, B,\n", "font 3", "empty", NULL);
	expect_error("[fonts]\nchain =\n", "font 1", "empty", NULL);
	expect_error("[fonts]\nchain = a,b,c,d,e,f,g,h,i\n", "more than 8 fonts", NULL);
	snprintf(ini, sizeof ini, "[fonts]\nchain = A, %0*d\n", CONFIG_FAMILY_MAX, 7);
	expect_error(ini, "font 2", "longer than 127 bytes", NULL);
	/* The default chain has four fonts; the file may come before the chain. */
	expect_error("[fonts]\nfile.5 = /x.ttf\n", "test.ini:2:", "file.5", "only 4 fonts", NULL);
	expect_error("[fonts]\nfile.3 = /x.ttf\nchain = A, B\n", "test.ini:2:", "file.3",
	             "only 2 fonts", NULL);
	expect_error("[fonts]\nfile.1 = /x.ttc:65536\n", "face index out of range", NULL);
	expect_error("[fonts]\nfile.1 = :3\n", "file.1", "empty path", NULL);
	expect_error("[fonts]\nfile.1 = /a.ttf\nfile.1 = /b.ttf\n", "test.ini:3:",
	             "given twice (first on line 2)", NULL);
}

static void test_bytes_and_lines(void **state)
{
	static const char nul[] = "[screen]\nwidth = 8\0" "00\n";
	size_t big = CONFIG_PATH_MAX + 100;
	char *ini = malloc(big + 32);
	kiosk_config c, before;

	(void)state;
	config_defaults(&before);
	c = before;
	assert_false(config_load_string(&c, "test.ini", nul, sizeof nul - 1, msg, sizeof msg));
	assert_non_null(strstr(msg, "test.ini:2: contains a NUL byte"));
	assert_memory_equal(&c, &before, sizeof c);
	expect_error("[store]\ndb = /\xB2\xE2\xCA\xD4.db\n", "test.ini:2:", "not UTF-8", NULL);
	expect_error("[store]\ndb = /a\xC0\xAF.db\n", "not UTF-8", NULL);   /* overlong '/' */
	expect_error("[store]\ndb = /a\xED\xA0\x80.db\n", "not UTF-8", NULL);   /* surrogate */
	expect_error("[ui]\nlanguage = en\x1B\n", "test.ini:2:", "control character (0x1B)", NULL);
	/* A path of PATH_MAX bytes: the line fits, the path does not. */
	strcpy(ini, "[store]\ndb = /");
	memset(ini + strlen(ini), 'a', CONFIG_PATH_MAX - 1);
	strcpy(ini + strlen("[store]\ndb = /") + CONFIG_PATH_MAX - 1, "\n");
	expect_error(ini, "test.ini:2:", "[store] db", "path longer than 4095 bytes", NULL);
	/* The longest path fits. */
	ini[strlen(ini) - 2] = '\n';
	ini[strlen(ini) - 1] = '\0';
	assert_true(load(&c, ini));
	assert_int_equal(strlen(c.db), CONFIG_PATH_MAX - 1);
	/* A line longer than any valid one is refused, not split in two. */
	memset(ini, 'x', big);
	memcpy(ini, "[store]\n; ", 10);
	ini[big] = '\n';
	ini[big + 1] = '\0';
	expect_error(ini, "test.ini:2:", "line longer than", NULL);
	free(ini);
}

static void test_file_errors(void **state)
{
	char path[] = "/tmp/treehole-config-XXXXXX";
	char dir[] = "/tmp/treehole-configdir-XXXXXX";
	kiosk_config c, before;
	int fd = mkstemp(path);
	char *big = malloc(CONFIG_FILE_MAX + 2);

	(void)state;
	assert_true(fd >= 0);
	assert_non_null(mkdtemp(dir));
	config_defaults(&before);
	c = before;
	assert_false(config_load_file(&c, "/nonexistent/treehole.ini", msg, sizeof msg));
	assert_non_null(strstr(msg, "/nonexistent/treehole.ini"));
	assert_non_null(strstr(msg, "No such file"));
	assert_false(config_load_file(&c, dir, msg, sizeof msg));
	assert_non_null(strstr(msg, dir));
	assert_memory_equal(&c, &before, sizeof c);
	/* Errors in a file name the file and the line. */
	assert_int_equal(write(fd, "[screen]\n\nwidth = 1\n", 20), 20);
	assert_false(config_load_file(&c, path, msg, sizeof msg));
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, ":3: [screen] width = 1: out of range"));
	/* Too large. */
	memset(big, '\n', CONFIG_FILE_MAX + 1);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(write(fd, big, CONFIG_FILE_MAX + 1), CONFIG_FILE_MAX + 1);
	assert_false(config_load_file(&c, path, msg, sizeof msg));
	assert_non_null(strstr(msg, "larger than 64 KiB"));
	assert_memory_equal(&c, &before, sizeof c);
	close(fd);
	unlink(path);
	rmdir(dir);
	free(big);
}

static void test_font_specs(void **state)
{
	fontchain_spec specs[CONFIG_MAX_FONTS];
	const fontchain_spec *def;
	size_t ndef = fontchain_default_specs(&def);
	kiosk_config c;

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_font_specs(&c, specs), ndef);
	for (size_t i = 0; i < ndef; i++) {
		assert_string_equal(specs[i].family, def[i].family);
		assert_null(specs[i].file);
		assert_string_equal(specs[i].package, def[i].package);
	}
	/* A file override on a default family keeps its package for messages. */
	assert_true(load(&c, "[fonts]\nfile.2 = /fonts/NotoSansCJK-Regular.ttc:2\n"));
	assert_int_equal(config_font_specs(&c, specs), ndef);
	assert_string_equal(specs[1].file, "/fonts/NotoSansCJK-Regular.ttc");
	assert_int_equal(specs[1].index, 2);
	assert_string_equal(specs[1].package, "fonts-noto-cjk");
	assert_null(specs[0].file);
	/* A path with ':' but no index, and a custom family without package. */
	assert_true(load(&c, "[fonts]\nchain = My Font, DejaVu Sans\nfile.1 = /f/a:b.ttf\n"));
	assert_int_equal(config_font_specs(&c, specs), 2);
	assert_string_equal(specs[0].file, "/f/a:b.ttf");
	assert_int_equal(specs[0].index, 0);
	assert_null(specs[0].package);
	assert_string_equal(specs[1].package, "fonts-dejavu-core");
	/* A new chain drops the old file overrides. */
	assert_true(load(&c, "[fonts]\nchain = LXGW WenKai, My Font\n"));
	assert_int_equal(config_font_specs(&c, specs), 2);
	assert_null(specs[0].file);
	assert_null(specs[1].file);
	assert_string_equal(specs[1].family, "My Font");
}

static void test_set_overrides(void **state)
{
	kiosk_config c, before;
	int w = 0, h = 0;

	(void)state;
	config_defaults(&c);
	assert_true(load(&c, "[store]\ndb = /from/file.db\n"));
	assert_true(config_set(&c, "store", "db", "/from/flag.db", msg, sizeof msg));
	assert_string_equal(c.db, "/from/flag.db");
	assert_true(config_set(&c, "screen", "fullscreen", "false", msg, sizeof msg));
	assert_true(config_set(&c, "screen", "fullscreen", "true", msg, sizeof msg));
	assert_true(c.fullscreen);
	before = c;
	assert_false(config_set(&c, "screen", "width", "99999", msg, sizeof msg));
	assert_string_equal(msg, "[screen] width = 99999: out of range (320..16384)");
	assert_false(config_set(&c, "screen", "bogus", "1", msg, sizeof msg));
	assert_non_null(strstr(msg, "unknown key"));
	assert_false(config_set(&c, "bogus", "x", "1", msg, sizeof msg));
	assert_non_null(strstr(msg, "unknown section [bogus]"));
	assert_false(config_set(&c, "store", "db", "/a\nb", msg, sizeof msg));
	assert_false(config_set(&c, "screen", "dim_from", "3", msg, sizeof msg));
	assert_non_null(strstr(msg, "together"));
	assert_memory_equal(&c, &before, sizeof c);

	assert_true(config_parse_size("1080x1920", &w, &h));
	assert_int_equal(w, 1080);
	assert_int_equal(h, 1920);
	assert_false(config_parse_size("1080", &w, &h));
	assert_false(config_parse_size("x1920", &w, &h));
	assert_false(config_parse_size("1080x", &w, &h));
	assert_false(config_parse_size("100x100", &w, &h));
	assert_false(config_parse_size("1080x1920x3", &w, &h));
	assert_false(config_parse_size("-1080x1920", &w, &h));
	assert_int_equal(w, 1080);
	assert_int_equal(h, 1920);
}

static void test_brightness(void **state)
{
	kiosk_config c;

	(void)state;
	config_defaults(&c);
	for (int hour = 0; hour < 24; hour++)
		assert_int_equal(config_brightness_at(&c, hour), 100);
	assert_true(load(&c, "[screen]\ndim_from = 22\ndim_to = 6\ndim_level = 20\n"));
	assert_int_equal(config_brightness_at(&c, 21), 100);
	assert_int_equal(config_brightness_at(&c, 22), 20);
	assert_int_equal(config_brightness_at(&c, 0), 20);
	assert_int_equal(config_brightness_at(&c, 5), 20);
	assert_int_equal(config_brightness_at(&c, 6), 100);
	assert_true(load(&c, "[screen]\ndim_from = 13\ndim_to = 15\n"));
	assert_int_equal(config_brightness_at(&c, 12), 100);
	assert_int_equal(config_brightness_at(&c, 13), 20);
	assert_int_equal(config_brightness_at(&c, 14), 20);
	assert_int_equal(config_brightness_at(&c, 15), 100);
}

static void test_make_db_dir(void **state)
{
	char root[] = "/tmp/treehole-dbdir-XXXXXX";
	char path[256];
	kiosk_config c;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(root));
	config_defaults(&c);
	snprintf(c.db, sizeof c.db, "%s/a/b/treehole.db", root);
	assert_true(config_make_db_dir(&c, msg, sizeof msg));
	snprintf(path, sizeof path, "%s/a/b", root);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_true(config_make_db_dir(&c, msg, sizeof msg));   /* exists: fine */
	/* A file where a folder should be. */
	snprintf(path, sizeof path, "%s/a/b/treehole.db", root);
	fclose(fopen(path, "w"));
	snprintf(c.db, sizeof c.db, "%s/a/b/treehole.db/x.db", root);
	assert_false(config_make_db_dir(&c, msg, sizeof msg));
	assert_non_null(strstr(msg, "treehole.db"));
	assert_non_null(strstr(msg, "Not a directory"));
	strcpy(c.db, "treehole.db");
	assert_true(config_make_db_dir(&c, msg, sizeof msg));
	unlink(path);
	snprintf(path, sizeof path, "%s/a/b", root);
	rmdir(path);
	snprintf(path, sizeof path, "%s/a", root);
	rmdir(path);
	rmdir(root);
}

/* Loading sets inih's run-time options for itself and puts them back. */
static void test_inih_options_restored(void **state)
{
	kiosk_config c;

	(void)state;
	config_defaults(&c);
	ini_allow_multiline = true;
	ini_max_line = 200;
	ini_stop_on_first_error = false;
	assert_true(load(&c, "[screen]\nwidth = 800\n"));
	assert_false(load(&c, "[screen]\nwidth = 8\n"));
	assert_true(ini_allow_multiline);
	assert_int_equal(ini_max_line, 200);
	assert_false(ini_stop_on_first_error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_default_db_fallbacks),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_partial_keeps_rest),
		cmocka_unit_test(test_syntax_variants),
		cmocka_unit_test(test_example_file_loads),
		cmocka_unit_test(test_unknown_section_and_key),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_fonts_errors),
		cmocka_unit_test(test_bytes_and_lines),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_font_specs),
		cmocka_unit_test(test_set_overrides),
		cmocka_unit_test(test_brightness),
		cmocka_unit_test(test_make_db_dir),
		cmocka_unit_test(test_inih_options_restored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

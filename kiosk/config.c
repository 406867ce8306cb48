/* config.c — the kiosk's INI file, read with inih.
 *
 * inih splits lines into section, key and value; everything else is here:
 * the key table, strict value parsers, duplicate and range checks, and
 * messages that say file:line and the key. Its line number is not passed
 * to the handler in Debian's build, so the loader feeds inih through its
 * own reader (ini_parse_stream), which counts lines, refuses lines too
 * long to hold a path, and checks section names as they go by (inih only
 * calls back for key = value pairs, so an empty misspelt section would
 * otherwise pass unseen). A load works on a private copy and commits it
 * only when every line and the cross-key checks passed. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for "file.N = " + the longest path + ":65535". */
#define LINE_MAX_BYTES (CONFIG_PATH_MAX + 64)
/* Values longer than this are not echoed back in messages. */
#define ECHO_MAX 80
#define FONT_INDEX_MAX 65535

typedef enum value_kind {
	V_INT,        /* min..max */
	V_INT_OR_0,   /* 0, or min..max */
	V_BOOL,
	V_PATH,
	V_FINGERPRINT,
	V_LANGUAGE,
	V_CHAIN,
} value_kind;

typedef struct key_def {
	const char *section;
	const char *key;
	value_kind kind;
	size_t offset;   /* of the field in kiosk_config */
	int min, max;
} key_def;

#define FIELD(f) offsetof(kiosk_config, f)

static const key_def keys[] = {
	{ "store", "db", V_PATH, FIELD(db), 0, 0 },
	{ "store", "fingerprint", V_FINGERPRINT, FIELD(fingerprint), 0, 0 },
	{ "store", "feed_delay_days", V_INT, FIELD(feed_delay_days), 0, 365 },
	{ "fonts", "chain", V_CHAIN, 0, 0, 0 },
	{ "screen", "fullscreen", V_BOOL, FIELD(fullscreen), 0, 0 },
	{ "screen", "width", V_INT, FIELD(width), 320, 16384 },
	{ "screen", "height", V_INT, FIELD(height), 240, 16384 },
	{ "screen", "dpi", V_INT_OR_0, FIELD(dpi), 50, 1000 },
	{ "screen", "dim_from", V_INT, FIELD(dim_from), 0, 23 },
	{ "screen", "dim_to", V_INT, FIELD(dim_to), 0, 23 },
	{ "screen", "dim_level", V_INT, FIELD(dim_level), 10, 100 },
	{ "timing", "idle_seconds", V_INT, FIELD(idle_seconds), 10, 3600 },
	{ "timing", "countdown_seconds", V_INT, FIELD(countdown_seconds), 3, 300 },
	{ "timing", "card_seconds", V_INT, FIELD(card_seconds), 3, 600 },
	{ "timing", "operator_lock_seconds", V_INT, FIELD(operator_lock_seconds), 15, 3600 },
	{ "ui", "language", V_LANGUAGE, FIELD(language), 0, 0 },
	{ "atlas", "budget_mb", V_INT, FIELD(atlas_budget_mb), 4, 1024 },
};

#define KEY_COUNT (sizeof keys / sizeof keys[0])

static const char *const sections[] = { "store", "fonts", "screen", "timing", "ui", "atlas" };

/* A file.N override waiting for the chain it refers to. */
typedef struct pending_file {
	int line;   /* 0 = not given */
	char path[CONFIG_PATH_MAX];
	int index;
} pending_file;

typedef struct parse {
	kiosk_config cfg;            /* the copy being changed */
	const char *name;            /* file name for messages, NULL for config_set */
	const char *data;
	size_t len, pos;
	int line;                    /* of the line inih is working on */
	bool failed;                 /* a message has been written */
	char *msg;
	size_t msg_len;
	int key_line[KEY_COUNT];     /* where each key was given, 0 = not given */
	pending_file files[CONFIG_MAX_FONTS];
} parse;

static void append(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*off >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off = *off + (size_t)n < len ? *off + (size_t)n : len;
}

/* Writes "name:line: [section] key = value: why" (the parts that are
 * known) and marks the parse failed. Returns false for `return fail(…)`. */
static bool fail(parse *p, const char *section, const char *key, const char *value,
                 const char *fmt, ...)
{
	char why[320];
	size_t off = 0;
	va_list ap;

	p->failed = true;
	if (!p->msg || p->msg_len == 0)
		return false;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	p->msg[0] = '\0';
	if (p->name && p->line > 0)
		append(p->msg, p->msg_len, &off, "%s:%d: ", p->name, p->line);
	else if (p->name)
		append(p->msg, p->msg_len, &off, "%s: ", p->name);
	if (key)
		append(p->msg, p->msg_len, &off, "[%s] %s", section, key);
	if (key && value && strlen(value) <= ECHO_MAX)
		append(p->msg, p->msg_len, &off, " = %s", value);
	append(p->msg, p->msg_len, &off, "%s%s", key ? ": " : "", why);
	return false;
}

/* Strict decimal: optional '-', 1..9 digits, nothing else. */
static bool parse_int(const char *s, int *out)
{
	bool neg = *s == '-';
	long v = 0;
	size_t n = 0;

	if (neg)
		s++;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n == 9)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	if (n == 0 || s[n] != '\0')
		return false;
	*out = (int)(neg ? -v : v);
	return true;
}

static bool set_int(parse *p, const key_def *k, const char *value, int *field)
{
	int v;

	if (!parse_int(value, &v))
		return fail(p, k->section, k->key, value, "not a whole number");
	if (k->kind == V_INT_OR_0 && v == 0) {
		*field = 0;
		return true;
	}
	if (v < k->min || v > k->max)
		return fail(p, k->section, k->key, value, "out of range (%s%d..%d)",
		            k->kind == V_INT_OR_0 ? "0 or " : "", k->min, k->max);
	*field = v;
	return true;
}

static bool set_bool(parse *p, const key_def *k, const char *value, bool *field)
{
	if (strcmp(value, "true") == 0)
		*field = true;
	else if (strcmp(value, "false") == 0)
		*field = false;
	else
		return fail(p, k->section, k->key, value, "use true or false");
	return true;
}

static bool set_path(parse *p, const key_def *k, const char *value, char *field)
{
	size_t n = strlen(value);

	if (n == 0)
		return fail(p, k->section, k->key, value, "empty path");
	if (n >= CONFIG_PATH_MAX)
		return fail(p, k->section, k->key, value, "path longer than %d bytes",
		            CONFIG_PATH_MAX - 1);
	memcpy(field, value, n + 1);
	return true;
}

static int hex_lower(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch;
	if (ch >= 'a' && ch <= 'f')
		return ch;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 'a';
	return 0;
}

static bool set_fingerprint(parse *p, const key_def *k, const char *value, char *field)
{
	char fp[CONFIG_FINGERPRINT_LEN + 1];
	size_t n = strlen(value);

	if (n != 0 && n != CONFIG_FINGERPRINT_LEN)
		return fail(p, k->section, k->key, value,
		            "give the 16 hex digits treehole-admin init printed, or nothing to unpin");
	for (size_t i = 0; i < n; i++) {
		if (!(fp[i] = (char)hex_lower(value[i])))
			return fail(p, k->section, k->key, value, "not a hex digit: '%c'", value[i]);
	}
	fp[n] = '\0';
	memcpy(field, fp, n + 1);
	return true;
}

static bool set_language(parse *p, const key_def *k, const char *value, char *field)
{
	if (strcmp(value, CONFIG_LANG_ZH) != 0 && strcmp(value, CONFIG_LANG_EN) != 0)
		return fail(p, k->section, k->key, value, "use %s or %s", CONFIG_LANG_ZH,
		            CONFIG_LANG_EN);
	strcpy(field, value);
	return true;
}

/* The Debian package of a default family, so that messages about a
 * missing font can still say what to install. */
static const char *package_of(const char *family)
{
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs);

	for (size_t i = 0; i < n; i++) {
		if (specs[i].family && specs[i].package && strcmp(specs[i].family, family) == 0)
			return specs[i].package;
	}
	return "";
}

static void font_set_family(config_font *f, const char *family, size_t n)
{
	const char *pkg;

	memset(f, 0, sizeof *f);
	memcpy(f->family, family, n);
	f->family[n] = '\0';
	pkg = package_of(f->family);
	if (strlen(pkg) < sizeof f->package)
		strcpy(f->package, pkg);
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* "A, B, C": trimmed names, none empty, at most CONFIG_MAX_FONTS. The new
 * chain replaces the old one whole, file overrides included. */
static bool set_chain(parse *p, const key_def *k, const char *value)
{
	config_font fonts[CONFIG_MAX_FONTS];
	size_t count = 0;
	const char *s = value;

	for (;;) {
		const char *end = strchr(s, ',');
		size_t n;

		if (!end)
			end = s + strlen(s);
		while (is_blank(*s))
			s++;
		n = (size_t)(end - s);
		while (n > 0 && is_blank(s[n - 1]))
			n--;
		if (n == 0)
			return fail(p, k->section, k->key, value, "font %zu of the list is empty", count + 1);
		if (count == CONFIG_MAX_FONTS)
			return fail(p, k->section, k->key, value, "more than %d fonts", CONFIG_MAX_FONTS);
		if (n >= CONFIG_FAMILY_MAX)
			return fail(p, k->section, k->key, NULL, "font %zu: family name longer than %d bytes",
			            count + 1, CONFIG_FAMILY_MAX - 1);
		font_set_family(&fonts[count++], s, n);
		if (*end == '\0')
			break;
		s = end + 1;
	}
	memcpy(p->cfg.fonts, fonts, count * sizeof fonts[0]);
	p->cfg.font_count = count;
	return true;
}

/* "file.N" with N = 1..CONFIG_MAX_FONTS, no leading zero. Returns N or 0. */
static int file_key_number(const char *key)
{
	int n;

	if (strncmp(key, "file.", 5) != 0 || key[5] < '1' || key[5] > '9')
		return 0;
	if (!parse_int(key + 5, &n) || n > CONFIG_MAX_FONTS)
		return 0;
	return n;
}

/* "path" or "path:index"; a trailing ":digits" is the index, so paths
 * that contain ':' elsewhere still work. */
static bool set_file(parse *p, const char *key, int n, const char *value)
{
	pending_file *f = &p->files[n - 1];
	const char *colon = strrchr(value, ':');
	size_t len = strlen(value);
	int index = 0;

	if (f->line != 0 && p->name)
		return fail(p, "fonts", key, value, "given twice (first on line %d)", f->line);
	if (colon && colon[1] >= '0' && colon[1] <= '9' && parse_int(colon + 1, &index)) {
		if (index > FONT_INDEX_MAX)
			return fail(p, "fonts", key, value, "face index out of range (0..%d)",
			            FONT_INDEX_MAX);
		len = (size_t)(colon - value);
	}
	if (len == 0)
		return fail(p, "fonts", key, value, "empty path");
	if (len >= CONFIG_PATH_MAX)
		return fail(p, "fonts", key, NULL, "path longer than %d bytes", CONFIG_PATH_MAX - 1);
	memcpy(f->path, value, len);
	f->path[len] = '\0';
	f->index = index;
	f->line = p->line > 0 ? p->line : -1;
	return true;
}

static bool known_section(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		if (strlen(sections[i]) == n && memcmp(sections[i], s, n) == 0)
			return true;
	}
	return false;
}

static const key_def *find_key(const char *section, const char *key)
{
	for (size_t i = 0; i < KEY_COUNT; i++) {
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
			return &keys[i];
	}
	return NULL;
}

static bool unknown_key(parse *p, const char *section, const char *key, const char *value)
{
	char list[256];
	size_t off = 0;

	list[0] = '\0';
	for (size_t i = 0; i < KEY_COUNT; i++) {
		if (strcmp(keys[i].section, section) == 0)
			append(list, sizeof list, &off, "%s%s", off ? ", " : "", keys[i].key);
	}
	if (strcmp(section, "fonts") == 0)
		append(list, sizeof list, &off, ", file.1..file.%d", CONFIG_MAX_FONTS);
	return fail(p, section, key, value, "unknown key; [%s] takes %s", section, list);
}

static bool apply(parse *p, const key_def *k, const char *value)
{
	char *field = (char *)&p->cfg + k->offset;

	switch (k->kind) {
	case V_INT:
	case V_INT_OR_0:
		return set_int(p, k, value, (int *)(void *)field);
	case V_BOOL:
		return set_bool(p, k, value, (bool *)(void *)field);
	case V_PATH:
		return set_path(p, k, value, field);
	case V_FINGERPRINT:
		return set_fingerprint(p, k, value, field);
	case V_LANGUAGE:
		return set_language(p, k, value, field);
	case V_CHAIN:
		return set_chain(p, k, value);
	}
	return fail(p, k->section, k->key, value, "internal error: no parser");
}

static bool set_key(parse *p, const char *section, const char *key, const char *value)
{
	const key_def *k;
	int n;
	size_t i;

	if (!value)
		return fail(p, section, key, NULL, "no value");
	if (section[0] == '\0')
		return fail(p, NULL, NULL, NULL, "%s = … comes before any [section]", key);
	if (!known_section(section, strlen(section)))
		return fail(p, NULL, NULL, NULL, "unknown section [%s]", section);
	if (strcmp(section, "fonts") == 0 && (n = file_key_number(key)) > 0)
		return set_file(p, key, n, value);
	if (!(k = find_key(section, key)))
		return unknown_key(p, section, key, value);
	i = (size_t)(k - keys);
	if (p->key_line[i] != 0 && p->name)
		return fail(p, section, key, value, "given twice (first on line %d)", p->key_line[i]);
	if (!apply(p, k, value))
		return false;
	p->key_line[i] = p->line > 0 ? p->line : -1;
	return true;
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
	parse *p = user;

	if (p->failed)
		return 0;
	return set_key(p, section, name, value) ? 1 : 0;
}

/* Checks a "[section]" line before inih sees it. Lines without ']' are
 * left to inih, which reports them as malformed. */
static bool check_section_line(parse *p, const char *line)
{
	const char *s = line, *end;

	if (p->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v')
		s++;
	if (*s != '[' || !(end = strchr(s + 1, ']')))
		return true;
	if (known_section(s + 1, (size_t)(end - s - 1)))
		return true;
	return fail(p, NULL, NULL, NULL, "unknown section [%.*s]; use [store], [fonts], [screen], "
	            "[timing], [ui] or [atlas]",
	            (int)(end - s - 1 > ECHO_MAX ? ECHO_MAX : end - s - 1), s + 1);
}

/* The ini_reader: one line per call, like fgets, counting lines. */
static char *read_line(char *str, int num, void *stream)
{
	parse *p = stream;
	size_t left = p->len - p->pos, n;
	const char *start, *nl;

	if (p->failed || left == 0 || num < 2)
		return NULL;
	start = p->data + p->pos;
	nl = memchr(start, '\n', left);
	n = nl ? (size_t)(nl - start) + 1 : left;
	p->line++;
	if (n > (size_t)num - 1) {
		fail(p, NULL, NULL, NULL, "line longer than %d bytes", num - 2);
		return NULL;
	}
	memcpy(str, start, n);
	str[n] = '\0';
	p->pos += n;
	return check_section_line(p, str) ? str : NULL;
}

/* Length of the strict UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	uint32_t cp, min;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1Fu, min = 0x80;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, cp = s[0] & 0x0Fu, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* A file saved as GBK or with stray control bytes is named as such
 * rather than misread. */
static bool check_bytes(parse *p)
{
	const unsigned char *s = (const unsigned char *)p->data;
	size_t i = 0, n;

	p->line = 1;
	while (i < p->len) {
		if (s[i] == '\n')
			p->line++;
		else if (s[i] == 0)
			return fail(p, NULL, NULL, NULL, "contains a NUL byte");
		else if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\r') || s[i] == 0x7F)
			return fail(p, NULL, NULL, NULL, "contains a control character (0x%02X)", s[i]);
		if (!(n = utf8_seq(s + i, p->len - i)))
			return fail(p, NULL, NULL, NULL, "not UTF-8 text; save the file as UTF-8");
		i += n;
	}
	p->line = 0;
	return true;
}

/* Checks that need the whole file: file.N against the chain it replaces
 * a face of, and the dimming hours as a pair. */
static bool finish(parse *p)
{
	kiosk_config *c = &p->cfg;
	int from_line = p->key_line[find_key("screen", "dim_from") - keys];
	int to_line = p->key_line[find_key("screen", "dim_to") - keys];

	for (int n = 1; n <= CONFIG_MAX_FONTS; n++) {
		pending_file *f = &p->files[n - 1];
		char key[16];

		if (f->line == 0)
			continue;
		p->line = f->line;
		snprintf(key, sizeof key, "file.%d", n);
		if ((size_t)n > c->font_count)
			return fail(p, "fonts", key, NULL, "the chain has only %zu font%s", c->font_count,
			            c->font_count == 1 ? "" : "s");
		strcpy(c->fonts[n - 1].file, f->path);
		c->fonts[n - 1].index = f->index;
	}
	p->line = from_line > to_line ? from_line : to_line;
	if ((c->dim_from < 0) != (c->dim_to < 0))
		return fail(p, "screen", c->dim_from < 0 ? "dim_to" : "dim_from", NULL,
		            "give dim_from and dim_to together");
	if (c->dim_from >= 0 && c->dim_from == c->dim_to)
		return fail(p, "screen", "dim_to", NULL, "dim_from and dim_to must differ");
	return true;
}

static parse *parse_new(const kiosk_config *c, const char *name, char *msg, size_t msg_len)
{
	parse *p = calloc(1, sizeof *p);

	if (msg && msg_len)
		msg[0] = '\0';
	if (!p) {
		if (msg && msg_len)
			snprintf(msg, msg_len, "%s: out of memory", name ? name : "config");
		return NULL;
	}
	p->cfg = *c;
	p->name = name;
	p->msg = msg;
	p->msg_len = msg_len;
	return p;
}

/* Commits on success; frees the parse either way. */
static bool parse_end(parse *p, kiosk_config *c, bool ok)
{
	ok = ok && !p->failed && finish(p);
	if (ok)
		*c = p->cfg;
	free(p);
	return ok;
}

/* inih's run-time options (Debian's INI_RUNTIME_OPTIONS build). */
typedef struct ini_options {
	bool multiline, bom, inline_comments, use_stack, realloc, stop, no_value;
	int max_line;
	char *start_prefixes, *inline_prefixes;
} ini_options;

static char start_prefixes[] = ";#";
static char inline_prefixes[] = ";";

static ini_options ini_options_set(void)
{
	ini_options old = {
		ini_allow_multiline, ini_allow_bom, ini_allow_inline_comments, ini_use_stack,
		ini_allow_realloc, ini_stop_on_first_error, ini_allow_no_value, ini_max_line,
		ini_start_comment_prefixes, ini_inline_comment_prefixes,
	};

	/* An indented line is a key of its own, never a continuation that
	 * would reach the handler as a second value of the previous key. */
	ini_allow_multiline = false;
	ini_allow_bom = true;
	ini_allow_inline_comments = true;
	ini_use_stack = true;
	ini_allow_realloc = false;
	ini_stop_on_first_error = true;
	ini_allow_no_value = false;
	ini_max_line = LINE_MAX_BYTES;
	ini_start_comment_prefixes = start_prefixes;
	ini_inline_comment_prefixes = inline_prefixes;
	return old;
}

static void ini_options_restore(const ini_options *o)
{
	ini_allow_multiline = o->multiline;
	ini_allow_bom = o->bom;
	ini_allow_inline_comments = o->inline_comments;
	ini_use_stack = o->use_stack;
	ini_allow_realloc = o->realloc;
	ini_stop_on_first_error = o->stop;
	ini_allow_no_value = o->no_value;
	ini_max_line = o->max_line;
	ini_start_comment_prefixes = o->start_prefixes;
	ini_inline_comment_prefixes = o->inline_prefixes;
}

bool config_load_string(kiosk_config *c, const char *name, const char *data, size_t len,
                        char *msg, size_t msg_len)
{
	parse *p = parse_new(c, name ? name : "config", msg, msg_len);
	ini_options old;
	int rc;

	if (!p)
		return false;
	p->data = data;
	p->len = data ? len : 0;
	if (!check_bytes(p))
		return parse_end(p, c, false);
	old = ini_options_set();
	rc = ini_parse_stream(read_line, p, on_pair, p);
	ini_options_restore(&old);
	if (rc != 0 && !p->failed) {
		p->line = rc > 0 ? rc : 0;
		fail(p, NULL, NULL, NULL, rc > 0 ? "expected [section] or key = value" : "out of memory");
	}
	return parse_end(p, c, rc == 0);
}

/* Reads at most CONFIG_FILE_MAX + 1 bytes. OUT: *buf (malloc'd), *len. */
static bool read_file(const char *path, char **buf, size_t *len, char *msg, size_t msg_len)
{
	FILE *f = fopen(path, "rb");
	int err = 0;

	*buf = NULL;
	if (!f || !(*buf = malloc(CONFIG_FILE_MAX + 1))) {
		err = f ? ENOMEM : errno;
		goto err;
	}
	*len = fread(*buf, 1, CONFIG_FILE_MAX + 1, f);
	if (ferror(f)) {
		err = errno ? errno : EIO;
		goto err;
	}
	fclose(f);
	if (*len <= CONFIG_FILE_MAX)
		return true;
	if (msg && msg_len)
		snprintf(msg, msg_len, "the configuration %s is larger than %d KiB", path,
		         CONFIG_FILE_MAX / 1024);
	free(*buf);
	return false;

err:
	if (msg && msg_len)
		snprintf(msg, msg_len, "cannot read the configuration %s: %s", path, strerror(err));
	if (f)
		fclose(f);
	free(*buf);
	return false;
}

bool config_load_file(kiosk_config *c, const char *path, char *msg, size_t msg_len)
{
	char *buf;
	size_t len;
	bool ok;

	if (msg && msg_len)
		msg[0] = '\0';
	if (!read_file(path, &buf, &len, msg, msg_len))
		return false;
	ok = config_load_string(c, path, buf, len, msg, msg_len);
	free(buf);
	return ok;
}

bool config_set(kiosk_config *c, const char *section, const char *key, const char *value,
                char *msg, size_t msg_len)
{
	parse *p = parse_new(c, NULL, msg, msg_len);

	if (!p)
		return false;
	/* A file cannot give a line break inside a value; neither can a flag. */
	for (const char *s = value; s && *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7F) {
			fail(p, section, key, NULL, "contains a control character (0x%02X)",
			     (unsigned char)*s);
			return parse_end(p, c, false);
		}
	}
	p->data = value;
	p->len = value ? strlen(value) : 0;
	if (!check_bytes(p))
		return parse_end(p, c, false);
	return parse_end(p, c, set_key(p, section, key, value));
}

bool config_parse_size(const char *s, int *w, int *h)
{
	const key_def *kw = find_key("screen", "width"), *kh = find_key("screen", "height");
	const char *x = strchr(s, 'x');
	char part[16];
	int vw, vh;
	size_t n = x ? (size_t)(x - s) : 0;

	if (!x || n == 0 || n >= sizeof part)
		return false;
	memcpy(part, s, n);
	part[n] = '\0';
	if (!parse_int(part, &vw) || !parse_int(x + 1, &vh))
		return false;
	if (vw < kw->min || vw > kw->max || vh < kh->min || vh > kh->max)
		return false;
	*w = vw;
	*h = vh;
	return true;
}

/* script.c — parsing kiosk scripts (see script.h). */
#include "script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_MAX_COMMANDS 100000
#define SCRIPT_FILE_MAX (4u << 20)

struct script {
	script_cmd *cmds;
	size_t count, next;
	char name[256];
	char shot_dir[1024];
};

typedef struct keyword {
	const char *word;
	script_op op;
} keyword;

static const keyword keywords[] = {
	{ "tap", SCRIPT_TAP },         { "touch", SCRIPT_TOUCH },   { "press", SCRIPT_PRESS },
	{ "longpress", SCRIPT_LONGPRESS }, { "swipe", SCRIPT_SWIPE }, { "stroke", SCRIPT_STROKE },
	{ "hold", SCRIPT_HOLD },       { "lift", SCRIPT_LIFT },
	{ "text", SCRIPT_TEXT },
	{ "edit", SCRIPT_EDIT },       { "key", SCRIPT_KEY },       { "close", SCRIPT_CLOSE },
	{ "wait", SCRIPT_WAIT },       { "screenshot", SCRIPT_SCREENSHOT },
};

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Reads one whitespace-separated word into buf. Returns the rest, or
 * NULL if there is no word or it does not fit. */
static const char *word(const char *p, char *buf, size_t cap)
{
	size_t n = 0;

	p = skip_space(p);
	while (*p && *p != ' ' && *p != '\t') {
		if (n + 1 >= cap)
			return NULL;
		buf[n++] = *p++;
	}
	buf[n] = '\0';
	return n ? p : NULL;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static const char *coord(const char *p, script_coord *c)
{
	char buf[32], *end;
	size_t n;

	if (!(p = word(p, buf, sizeof buf)))
		return NULL;
	n = strlen(buf);
	c->percent = buf[n - 1] == '%';
	if (c->percent)
		buf[n - 1] = '\0';
	errno = 0;
	c->v = strtof(buf, &end);
	if (errno || end == buf || *end || !(c->v >= 0.0f) || c->v > (c->percent ? 100.0f : 65535.0f))
		return NULL;
	if (c->percent)
		c->v /= 100.0f;
	return p;
}

/* The rest of the line as text, with \n and \\ unescaped. Returns its
 * length, or -1 if it does not fit. */
static long rest_text(const char *p, char *buf, size_t cap)
{
	size_t n = 0;

	p = skip_space(p);
	for (; *p; p++) {
		char c = *p;
		if (c == '\\' && (p[1] == 'n' || p[1] == '\\'))
			c = *++p == 'n' ? '\n' : '\\';
		if (n + 1 >= cap)
			return -1;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return (long)n;
}

static bool parse_expect(const char *p, script_cmd *c)
{
	char what[16], arg[64];

	if (!(p = word(p, what, sizeof what)) || !(p = word(p, arg, sizeof arg)) || *skip_space(p))
		return false;
	if (strcmp(what, "screen") == 0) {
		c->op = SCRIPT_EXPECT_SCREEN;
		snprintf(c->text, sizeof c->text, "%s", arg);
		return true;
	}
	c->op = strcmp(what, "pending") == 0 ? SCRIPT_EXPECT_PENDING : SCRIPT_EXPECT_FEED;
	return (strcmp(what, "pending") == 0 || strcmp(what, "feed") == 0) &&
	       parse_long(arg, 0, 1000000000L, &c->ms);
}

static bool parse_args(const char *p, script_cmd *c)
{
	char buf[32];

	switch (c->op) {
	case SCRIPT_TAP:
	case SCRIPT_TOUCH:
		return (p = coord(p, &c->x)) && (p = coord(p, &c->y)) && !*skip_space(p);
	case SCRIPT_LONGPRESS:
		return (p = coord(p, &c->x)) && (p = coord(p, &c->y)) &&
		       (p = word(p, buf, sizeof buf)) && parse_long(buf, 1, 600000, &c->ms) &&
		       !*skip_space(p);
	case SCRIPT_SWIPE:
		return (p = coord(p, &c->x)) && (p = coord(p, &c->y)) && (p = coord(p, &c->x2)) &&
		       (p = coord(p, &c->y2)) && !*skip_space(p);
	case SCRIPT_STROKE:
	case SCRIPT_HOLD:
		while (*skip_space(p) && c->npts < SCRIPT_MAX_POINTS) {
			if (!(p = coord(p, &c->pts[2 * c->npts])) || !(p = coord(p, &c->pts[2 * c->npts + 1])))
				return false;
			c->npts++;
		}
		return c->npts > 0 && !*skip_space(p);
	case SCRIPT_WAIT:
		return (p = word(p, buf, sizeof buf)) && parse_long(buf, 0, 86400000L, &c->ms) &&
		       !*skip_space(p);
	case SCRIPT_TEXT:
		return rest_text(p, c->text, sizeof c->text) > 0;
	case SCRIPT_EDIT:     /* an empty preedit ends the composition */
		return rest_text(p, c->text, sizeof c->text) >= 0;
	case SCRIPT_PRESS:
	case SCRIPT_KEY:
	case SCRIPT_SCREENSHOT:
		return (p = word(p, c->text, 64)) && !*skip_space(p) && !strchr(c->text, '/');
	case SCRIPT_CLOSE:
	case SCRIPT_LIFT:
		return !*skip_space(p);
	default:
		return false;
	}
}

static bool parse_line(const char *line, int no, script_cmd *c)
{
	char verb[16];
	const char *p = word(line, verb, sizeof verb);

	memset(c, 0, sizeof *c);
	c->line = no;
	if (!p)
		return false;
	if (strcmp(verb, "expect") == 0)
		return parse_expect(p, c);
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
		if (strcmp(verb, keywords[i].word) == 0) {
			c->op = keywords[i].op;
			return parse_args(p, c);
		}
	}
	return false;
}

static bool blank_or_comment(const char *line)
{
	line = skip_space(line);
	return !*line || *line == '#';
}

static bool add(script *s, const script_cmd *c, size_t *cap)
{
	if (s->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		script_cmd *n = ncap > SCRIPT_MAX_COMMANDS ? NULL : realloc(s->cmds, ncap * sizeof *n);
		if (!n)
			return false;
		s->cmds = n;
		*cap = ncap;
	}
	s->cmds[s->count++] = *c;
	return true;
}

bool script_parse(const char *text, size_t len, const char *name, script **out, char *msg,
                  size_t msg_len)
{
	script *s = calloc(1, sizeof *s);
	size_t cap = 0, pos = 0;
	int no = 0;

	*out = NULL;
	if (!s)
		return snprintf(msg, msg_len, "out of memory") < 0;
	snprintf(s->name, sizeof s->name, "%s", name ? name : "script");
	while (pos < len) {
		char line[SCRIPT_LINE_MAX];
		size_t n = 0;
		script_cmd c;
		no++;
		while (pos < len && text[pos] != '\n') {
			if (text[pos] == '\0' || n + 1 >= sizeof line)
				goto err_line;
			line[n++] = text[pos++];
		}
		pos++;
		if (n && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		if (blank_or_comment(line))
			continue;
		if (!parse_line(line, no, &c) || !add(s, &c, &cap))
			goto err_line;
	}
	*out = s;
	return true;
err_line:
	snprintf(msg, msg_len, "%s:%d: cannot read this line (see treehole --help for the script "
	                       "commands)", s->name, no);
	script_close(s);
	return false;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = f ? malloc(SCRIPT_FILE_MAX) : NULL;

	if (buf) {
		*len = fread(buf, 1, SCRIPT_FILE_MAX, f);
		if (ferror(f) || *len == SCRIPT_FILE_MAX) {
			free(buf);
			buf = NULL;
		}
	}
	if (f)
		fclose(f);
	return buf;
}

script *script_open(const char *path, const char *shot_dir)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	char msg[512];
	script *s = NULL;

	if (!text) {
		fprintf(stderr, "treehole: %s: cannot read the script (missing, unreadable or over "
		                "4 MiB)\n", path);
		return NULL;
	}
	if (!script_parse(text, len, path, &s, msg, sizeof msg))
		fprintf(stderr, "treehole: %s\n", msg);
	free(text);
	if (s)
		snprintf(s->shot_dir, sizeof s->shot_dir, "%s", shot_dir ? shot_dir : ".");
	return s;
}

script *script_from_text(const char *text, const char *name, const char *shot_dir)
{
	char msg[512];
	script *s = NULL;

	if (!script_parse(text, strlen(text), name, &s, msg, sizeof msg))
		fprintf(stderr, "treehole: %s\n", msg);
	if (s)
		snprintf(s->shot_dir, sizeof s->shot_dir, "%s", shot_dir ? shot_dir : ".");
	return s;
}

void script_close(script *s)
{
	if (!s)
		return;
	free(s->cmds);
	free(s);
}

bool script_next(script *s, script_cmd *cmd)
{
	if (s->next >= s->count)
		return false;
	*cmd = s->cmds[s->next++];
	return true;
}

bool script_shot_path(const script *s, const char *name, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "%s/%s.png", s->shot_dir, name);
	return n > 0 && (size_t)n < cap;
}

const char *script_name(const script *s)
{
	return s->name;
}

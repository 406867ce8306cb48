/* ink_json.c — JSON stroke lists into ink notes (see ink_json.h). */
#include "ink_json.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <sodium.h>

/* ---- a cJSON allocator that wipes what it frees ---- */

/* Each block carries its size in front, aligned for anything. */
#define WIPED_HEADER (sizeof(max_align_t))

static void *wiped_malloc(size_t n)
{
	unsigned char *p = malloc(WIPED_HEADER + n);

	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	return p + WIPED_HEADER;
}

static void wiped_free(void *q)
{
	unsigned char *p;
	size_t n;

	if (!q)
		return;
	p = (unsigned char *)q - WIPED_HEADER;
	memcpy(&n, p, sizeof n);
	sodium_memzero(q, n);
	free(p);
}

/* Parses with the wiping allocator; the tree must be freed by
 * delete_wiped, which puts the usual allocator back. cJSON's hooks are
 * process-wide, and treehole-admin is single-threaded. */
static cJSON *parse_wiped(const char *json, size_t len, size_t *error_at)
{
	cJSON_Hooks hooks = {.malloc_fn = wiped_malloc, .free_fn = wiped_free};
	const char *end = NULL;
	cJSON *root;

	cJSON_InitHooks(&hooks);
	root = cJSON_ParseWithLengthOpts(json, len, &end, false);
	*error_at = end && end >= json ? (size_t)(end - json) : 0;
	/* anything but white space after the value is an error too (cJSON
	 * can only check that for NUL-terminated text) */
	while (root && *error_at < len && strchr(" \t\r\n", json[*error_at]) && json[*error_at])
		++*error_at;
	if (root && *error_at < len) {
		cJSON_Delete(root);
		root = NULL;
	}
	if (!root)
		cJSON_InitHooks(NULL);
	return root;
}

static void delete_wiped(cJSON *root)
{
	cJSON_Delete(root);
	cJSON_InitHooks(NULL);
}

/* ---- numbers as JSON spells them ---- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The end of the JSON number at p (< end), or NULL if what starts there
 * is not one: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?. */
static const char *number_end(const char *p, const char *end)
{
	p += p < end && *p == '-';
	if (p == end || !is_digit(*p))
		return NULL;
	if (*p++ != '0')
		while (p < end && is_digit(*p))
			p++;
	if (p < end && *p == '.') {
		if (++p == end || !is_digit(*p))
			return NULL;
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		if (++p < end && (*p == '+' || *p == '-'))
			p++;
		if (p == end || !is_digit(*p))
			return NULL;
		while (p < end && is_digit(*p))
			p++;
	}
	return p;
}

/* The offset of the first number outside a string that JSON does not
 * allow (cJSON takes "01", "1." and "1.e2" as numbers), or len if none. A
 * number is a maximal run of [-+.0-9eE] that starts with - or a digit. */
static size_t bad_number_at(const char *json, size_t len)
{
	const char *p = json, *end = json + len;
	bool in_string = false;

	while (p < end) {
		if (in_string) {
			if (*p == '\\' && p + 1 < end)
				p++; /* the escaped character */
			else if (*p == '"')
				in_string = false;
			p++;
		} else if (*p == '"') {
			in_string = true;
			p++;
		} else if (*p == '-' || is_digit(*p)) {
			const char *q = number_end(p, end), *run = p;
			while (run < end && strchr("-+.0123456789eE", *run) && *run)
				run++;
			if (!q || q != run)
				return (size_t)(p - json);
			p = q;
		} else {
			p++;
		}
	}
	return len;
}

/* ---- shape ---- */

static status refuse(char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static status refuse(char *why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, INK_JSON_WHY_MAX, fmt, ap);
	va_end(ap);
	return STATUS_INK_INVALID;
}

/* OUT: *x, *y of a point, if it is a pair of sane numbers. */
static status read_point(const cJSON *p, size_t s, size_t i, double *x, double *y, char *why)
{
	const cJSON *cx = cJSON_IsArray(p) ? p->child : NULL, *cy = cx ? cx->next : NULL;

	if (!cJSON_IsNumber(cx) || !cJSON_IsNumber(cy) || cy->next)
		return refuse(why, "stroke %zu, point %zu is not a pair of numbers [x, y]", s, i);
	*x = cx->valuedouble, *y = cy->valuedouble;
	/* JSON has no NaN, but 1e999 parses as infinity */
	if (!isfinite(*x) || !isfinite(*y) || fabs(*x) > INK_JSON_MAX_COORD ||
	    fabs(*y) > INK_JSON_MAX_COORD)
		return refuse(why,
		              "stroke %zu, point %zu: coordinates must be finite numbers within "
		              "+-1e6",
		              s, i);
	return STATUS_OK;
}

typedef struct bbox {
	double x0, y0, x1, y1;
} bbox;

/* Checks the whole shape and finds the bounding box, before any ink is
 * built: a bad point late in the file refuses the note as a whole. */
static status check_shape(const cJSON *root, bbox *box, char *why)
{
	size_t s = 0;
	const cJSON *stroke;

	if (!cJSON_IsArray(root))
		return refuse(why, "not a stroke list: expected [[[x, y], ...], ...]");
	*box = (bbox){INFINITY, INFINITY, -INFINITY, -INFINITY};
	cJSON_ArrayForEach(stroke, root) {
		size_t i = 0;
		const cJSON *p;
		if (++s > INK_MAX_STROKES)
			return refuse(why, "more than %d strokes (the limit)", INK_MAX_STROKES);
		if (!cJSON_IsArray(stroke))
			return refuse(why, "stroke %zu is not a list of points", s);
		cJSON_ArrayForEach(p, stroke) {
			double x = 0, y = 0;
			status st = read_point(p, s, ++i, &x, &y, why);
			if (st)
				return st;
			box->x0 = fmin(box->x0, x), box->x1 = fmax(box->x1, x);
			box->y0 = fmin(box->y0, y), box->y1 = fmax(box->y1, y);
		}
		if (i == 0)
			return refuse(why, "stroke %zu has no points", s);
	}
	if (s == 0)
		return refuse(why, "the stroke list is empty");
	return STATUS_OK;
}

/* Feeds every stroke to the builder as if drawn on a canvas. */
static status build(const cJSON *root, const bbox *box, ink *out, char *why)
{
	ink_builder *b = NULL;
	const cJSON *stroke, *p;
	status st = ink_builder_new(box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0, &b);

	cJSON_ArrayForEach(stroke, root) {
		if (!st)
			st = ink_builder_begin(b, 0);
		cJSON_ArrayForEach(p, stroke) {
			const cJSON *x = p->child, *y = x->next; /* check_shape saw to it */
			if (!st)
				st = ink_builder_add(b, x->valuedouble, y->valuedouble);
		}
	}
	if (!st)
		st = ink_builder_finish(b, out);
	ink_builder_destroy(b);
	if (st == STATUS_INK_INVALID)
		refuse(why,
		       "too much ink: at most %d points in a stroke and %d in all after resampling, "
		       "%d bytes encoded",
		       INK_MAX_STROKE_POINTS, INK_MAX_POINTS, INK_MAX_BYTES);
	else if (st)
		snprintf(why, INK_JSON_WHY_MAX, "%s", status_message(st));
	return st;
}

status ink_json_parse(const char *json, size_t len, ink *out, char why[INK_JSON_WHY_MAX])
{
	size_t error_at;
	cJSON *root;
	bbox box = {0};
	status st;

	memset(out, 0, sizeof *out);
	why[0] = '\0';
	if ((error_at = bad_number_at(json, len)) < len)
		return refuse(why, "not valid JSON: a malformed number at byte %zu", error_at);
	if (!(root = parse_wiped(json, len, &error_at)))
		return refuse(why, "not valid JSON (near byte %zu)", error_at);
	st = check_shape(root, &box, why);
	if (!st)
		st = build(root, &box, out, why);
	delete_wiped(root);
	return st;
}

/* ---- reading the file ---- */

/* Reads all of fd, at most INK_JSON_MAX_BYTES, into a buffer that grows
 * by copying (and wiping the old one); read(2), not stdio, so no buffer
 * of the library keeps a copy. OUT: *buf (wiped_free), *len. */
static status slurp(int fd, char **buf, size_t *len, char *why)
{
	size_t cap = 64 * 1024, got = 0, ncap;
	char *b = wiped_malloc(cap), *nb;
	ssize_t r;

	while (b) {
		if (got == cap) {
			if (cap > INK_JSON_MAX_BYTES) {
				wiped_free(b);
				return refuse(why, "larger than %zu MiB: not a stroke list",
				              INK_JSON_MAX_BYTES >> 20);
			}
			/* one byte past the limit tells a file that is too big */
			ncap = cap * 2 > INK_JSON_MAX_BYTES ? INK_JSON_MAX_BYTES + 1 : cap * 2;
			if ((nb = wiped_malloc(ncap)))
				memcpy(nb, b, got);
			wiped_free(b);
			b = nb, cap = ncap;
			continue;
		}
		r = read(fd, b + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(why, INK_JSON_WHY_MAX, "cannot read it: %s", strerror(errno));
			wiped_free(b);
			return STATUS_IO;
		}
		if (r == 0) {
			*buf = b, *len = got;
			return STATUS_OK;
		}
		got += (size_t)r;
	}
	return STATUS_NO_MEMORY;
}

status ink_json_load(const char *path, ink *out, char why[INK_JSON_WHY_MAX])
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	size_t len = 0;
	status st;

	memset(out, 0, sizeof *out);
	why[0] = '\0';
	if (fd < 0) {
		snprintf(why, INK_JSON_WHY_MAX, "cannot open it: %s", strerror(errno));
		return STATUS_IO;
	}
	st = slurp(fd, &buf, &len, why);
	if (!is_stdin)
		close(fd);
	if (st)
		return st;
	st = ink_json_parse(buf, len, out, why);
	wiped_free(buf);
	return st;
}

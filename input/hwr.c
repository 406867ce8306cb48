/* hwr.c — one handwritten character at a time through Zinnia (see hwr.h).
 *
 * The points are kept in the pad's units, clamped to its box; only
 * hwr_classify turns them into Zinnia's integer grid, after moving and
 * scaling the ink (why: hwr.h). Each stroke has a fixed slot of
 * HWR_MAX_STROKE_POINTS in one locked block, so no point is ever copied
 * into a reallocated buffer that could not be wiped. */
#include "hwr.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>
#include <zinnia.h>

#include "vault.h"

/* Zinnia's character box. It divides by the box, so the grid only sets
 * the rounding: 1/1000 of the box is far below a finger's jitter. */
#define GRID 1000
/* A model file starts with three 32-bit words (magic, version, classes). */
#define MODEL_HEADER_BYTES 12

typedef struct hwr_point {
	float x, y;
} hwr_point;

typedef struct hwr_cand {
	char text[HWR_CANDIDATE_MAX_BYTES];
	float score;
} hwr_cand;

/* All that the passenger's writing touches, in one vault_alloc()ed block. */
typedef struct hwr_ink {
	hwr_point pts[HWR_MAX_STROKES][HWR_MAX_STROKE_POINTS];
	uint16_t count[HWR_MAX_STROKES];
	hwr_cand cand[HWR_MAX_CANDIDATES];
} hwr_ink;

struct hwr {
	zinnia_recognizer_t *rec;
	hwr_ink *ink;
	size_t classes;
	float w, h;          /* the box; 0 before hwr_begin */
	size_t nstrokes;     /* strokes with points, the open one included */
	bool open;           /* the last stroke still takes points */
	size_t ncand;
};

const char *hwr_status_message(hwr_status st)
{
	switch (st) {
	case HWR_OK: return "ok";
	case HWR_NO_MODEL:
		return "The handwriting model is missing: install the Debian package " HWR_PACKAGE
		       " (apt install " HWR_PACKAGE ").";
	case HWR_BAD_MODEL:
		return "The handwriting model cannot be read (damaged, unreadable or not a Zinnia "
		       "model): reinstall the Debian package " HWR_PACKAGE
		       ", or correct the configured model path.";
	case HWR_NO_MEMORY:
		return "Not enough memory (or locked memory) for handwriting recognition.";
	case HWR_BAD_ARGS: return "Handwriting recognition was called with invalid arguments.";
	case HWR_BAD_STROKE:
		return "A handwriting point was given for a stroke that is finished or not begun.";
	case HWR_TOO_MANY_STROKES:
		return "Too many strokes for one character; the extra strokes are ignored.";
	}
	return "Unknown handwriting recognition error.";
}

/* Tells a missing model (install the package) from an unusable file
 * before Zinnia maps it: Zinnia itself says only "cannot open". */
static hwr_status check_model_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR ? HWR_NO_MODEL : HWR_BAD_MODEL;
	if (!S_ISREG(st.st_mode) || st.st_size < MODEL_HEADER_BYTES)
		return HWR_BAD_MODEL;
	return HWR_OK;
}

static void wipe_candidates(hwr *r)
{
	vault_wipe(r->ink->cand, sizeof r->ink->cand);
	r->ncand = 0;
}

static void wipe_strokes(hwr *r)
{
	vault_wipe(r->ink->pts, sizeof r->ink->pts);
	vault_wipe(r->ink->count, sizeof r->ink->count);
	r->nstrokes = 0;
	r->open = false;
}

hwr_status hwr_open(const char *model, hwr **out)
{
	const char *path = model ? model : HWR_DEFAULT_MODEL;
	hwr_status st;
	hwr *r;

	if (!out)
		return HWR_BAD_ARGS;
	*out = NULL;
	if ((st = check_model_file(path)) != HWR_OK)
		return st;
	/* sodium_init fails only when the system has no usable randomness; the
	 * locked memory it guards is what we could not have. */
	if (vault_init() != STATUS_OK || !(r = calloc(1, sizeof *r)))
		return HWR_NO_MEMORY;
	st = HWR_NO_MEMORY;
	if (!(r->ink = vault_alloc(sizeof *r->ink)) || !(r->rec = zinnia_recognizer_new()))
		goto err;
	wipe_strokes(r);
	wipe_candidates(r);
	st = HWR_BAD_MODEL;
	if (!zinnia_recognizer_open(r->rec, path))
		goto err;
	if ((r->classes = zinnia_recognizer_size(r->rec)) == 0)
		goto err;
	*out = r;
	return HWR_OK;
err:
	hwr_destroy(r);
	return st;
}

void hwr_destroy(hwr *r)
{
	if (!r)
		return;
	if (r->rec)
		zinnia_recognizer_destroy(r->rec); /* closes the model */
	vault_free(r->ink);                    /* sodium_free wipes it */
	free(r);
}

size_t hwr_classes(const hwr *r)
{
	return r ? r->classes : 0;
}

bool hwr_begin(hwr *r, float w, float h)
{
	if (!r || !isfinite(w) || !isfinite(h) || w <= 0 || h <= 0)
		return false;
	hwr_clear(r);
	r->w = w;
	r->h = h;
	return true;
}

void hwr_clear(hwr *r)
{
	if (!r)
		return;
	wipe_strokes(r);
	wipe_candidates(r);
}

static float clampf(float v, float lo, float hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Halves the points of a full stroke, keeping the first: the shape stays,
 * the stroke can grow on, and its memory stays bounded. */
static void thin_stroke(hwr_point *pts, uint16_t *count)
{
	size_t kept = 0;

	for (size_t i = 0; i < *count; i += 2)
		pts[kept++] = pts[i];
	vault_wipe(pts + kept, (*count - kept) * sizeof *pts);
	*count = (uint16_t)kept;
}

static void append_point(hwr *r, size_t s, float x, float y)
{
	hwr_point *pts = r->ink->pts[s];
	uint16_t *count = &r->ink->count[s];
	float min_step = HWR_MIN_STEP * fminf(r->w, r->h);

	x = clampf(x, 0, r->w);
	y = clampf(y, 0, r->h);
	if (*count > 0 && hypotf(x - pts[*count - 1].x, y - pts[*count - 1].y) < min_step)
		return;
	if (*count == HWR_MAX_STROKE_POINTS)
		thin_stroke(pts, count);
	pts[*count] = (hwr_point){x, y};
	(*count)++;
}

hwr_status hwr_add_point(hwr *r, size_t stroke, float x, float y)
{
	if (!r || r->w <= 0 || !isfinite(x) || !isfinite(y))
		return HWR_BAD_ARGS;
	if (r->open && stroke + 1 == r->nstrokes) {
		append_point(r, stroke, x, y);
		return HWR_OK;
	}
	if (stroke != r->nstrokes)
		return HWR_BAD_STROKE;
	if (stroke == HWR_MAX_STROKES)
		return HWR_TOO_MANY_STROKES;
	r->nstrokes++;
	r->open = true;
	append_point(r, stroke, x, y);
	return HWR_OK;
}

bool hwr_end_stroke(hwr *r)
{
	if (!r || !r->open)
		return false;
	r->open = false;
	return true;
}

size_t hwr_strokes(const hwr *r)
{
	return r ? r->nstrokes : 0;
}

size_t hwr_stroke_points(const hwr *r, size_t i)
{
	return r && i < r->nstrokes ? r->ink->count[i] : 0;
}

/* The ink's placement on Zinnia's grid: grid = GRID/2 + (p - centre) * k. */
typedef struct placement {
	float cx, cy, k;
} placement;

static placement place_ink(const hwr *r)
{
	float x0 = r->w, y0 = r->h, x1 = 0, y1 = 0;

	for (size_t s = 0; s < r->nstrokes; s++)
		for (size_t i = 0; i < r->ink->count[s]; i++) {
			const hwr_point *p = &r->ink->pts[s][i];
			x0 = fminf(x0, p->x), x1 = fmaxf(x1, p->x);
			y0 = fminf(y0, p->y), y1 = fmaxf(y1, p->y);
		}
	/* The pad's own scale maps its shorter side onto the grid; the ink is
	 * zoomed from there to HWR_INK_SIZE, at most HWR_MAX_ZOOM times. */
	float pad = GRID / fminf(r->w, r->h), extent = fmaxf(x1 - x0, y1 - y0);
	float k = HWR_MAX_ZOOM * pad;
	if (extent > 0)
		k = fminf(k, HWR_INK_SIZE * GRID / extent);
	return (placement){(x0 + x1) / 2, (y0 + y1) / 2, k};
}

static int to_grid(float v, float centre, float k)
{
	float g = roundf(GRID / 2.0f + (v - centre) * k);
	return (int)clampf(g, 0, GRID - 1);
}

/* Zinnia's copy of the ink, placed on its grid. NULL if out of memory. */
static zinnia_character_t *zinnia_ink(const hwr *r)
{
	zinnia_character_t *c = zinnia_character_new();
	placement pl = place_ink(r);

	if (!c)
		return NULL;
	zinnia_character_set_width(c, GRID);
	zinnia_character_set_height(c, GRID);
	for (size_t s = 0; s < r->nstrokes; s++)
		for (size_t i = 0; i < r->ink->count[s]; i++) {
			const hwr_point *p = &r->ink->pts[s][i];
			if (!zinnia_character_add(c, s, to_grid(p->x, pl.cx, pl.k),
			                          to_grid(p->y, pl.cy, pl.k))) {
				zinnia_character_destroy(c);
				return NULL;
			}
		}
	return c;
}

/* A candidate the kiosk can insert: short, strict UTF-8, no controls. A
 * model from elsewhere (a configured path) is not trusted further. */
static bool usable_text(const char *s)
{
	size_t len = s ? strnlen(s, HWR_CANDIDATE_MAX_BYTES) : 0;

	if (len == 0 || len == HWR_CANDIDATE_MAX_BYTES)
		return false;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			return false;
		i += (size_t)n;
	}
	return true;
}

static void keep_results(hwr *r, zinnia_result_t *res, size_t n)
{
	size_t got = zinnia_result_size(res);

	for (size_t i = 0; i < got && r->ncand < n; i++) {
		const char *v = zinnia_result_value(res, i);
		if (!usable_text(v))
			continue;
		hwr_cand *c = &r->ink->cand[r->ncand++];
		memcpy(c->text, v, strlen(v) + 1);
		c->score = zinnia_result_score(res, i);
	}
}

size_t hwr_classify(hwr *r, size_t n)
{
	if (!r)
		return 0;
	wipe_candidates(r);
	if (n == 0 || r->nstrokes == 0)
		return 0;
	if (n > HWR_MAX_CANDIDATES)
		n = HWR_MAX_CANDIDATES;
	zinnia_character_t *c = zinnia_ink(r);
	if (!c)
		return 0;
	/* A few more than asked, so skipped unusable classes leave no gap. */
	zinnia_result_t *res = zinnia_recognizer_classify(r->rec, c, n + 4);
	zinnia_character_destroy(c);
	if (!res)
		return 0;
	keep_results(r, res, n);
	zinnia_result_destroy(res);
	return r->ncand;
}

size_t hwr_count(const hwr *r)
{
	return r ? r->ncand : 0;
}

const char *hwr_candidate(const hwr *r, size_t i)
{
	return r && i < r->ncand ? r->ink->cand[i].text : NULL;
}

float hwr_score(const hwr *r, size_t i)
{
	return r && i < r->ncand ? r->ink->cand[i].score : 0.0f;
}

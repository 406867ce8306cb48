/* ink_build.c — from canvas points at input rate to a note on the grid:
 * normalise, clamp, resample by arc length, quantise, drop repeats, and
 * stop at the codec's limits (see ink.h). */
#include "ink.h"
#include "ink_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

struct ink_builder {
	double x0, y0, scale;       /* grid = (input - origin) * scale */
	uint16_t width, height;
	ink_point *points;
	size_t npoints, cap_points;
	ink_stroke *strokes;
	size_t nstrokes, cap_strokes;
	bool open;                  /* the last stroke is still being drawn */
	bool has_input;             /* the open stroke has had an input point */
	double last_x, last_y;      /* its previous input point, in grid units */
	double carried;             /* arc length since its last kept point */
	size_t heads_bytes;         /* heads of the ended strokes */
	size_t points_bytes;        /* codes of every point */
};

status ink_builder_new(double x0, double y0, double w, double h, ink_builder **out)
{
	ink_builder *b;
	double longer = w > h ? w : h;

	*out = NULL;
	if (!isfinite(x0) || !isfinite(y0) || !isfinite(w) || !isfinite(h) || w < 0 || h < 0)
		return STATUS_BAD_ARGUMENT;
	if (!(b = calloc(1, sizeof *b)))
		return STATUS_NO_MEMORY;
	b->x0 = x0;
	b->y0 = y0;
	b->scale = longer > 0 ? (INK_GRID - 1) / longer : 0;
	if (!isfinite(b->scale))
		b->scale = 0; /* a side so small its inverse overflows: no extent */
	/* the longer side spans the whole grid; the other keeps the aspect */
	b->width = (uint16_t)fmin(INK_GRID, round(w * b->scale) + 1);
	b->height = (uint16_t)fmin(INK_GRID, round(h * b->scale) + 1);
	*out = b;
	return STATUS_OK;
}

void ink_builder_destroy(ink_builder *b)
{
	if (!b)
		return;
	ink k = {.points = b->points, .npoints = b->cap_points, .strokes = b->strokes,
	         .nstrokes = b->cap_strokes};
	ink_free(&k);
	free(b);
}

/* Makes room for one more element in a wiped array: realloc would leave
 * the old copy of the geometry in the heap. */
static bool grow(void **arr, size_t *cap, size_t used, size_t size, size_t limit)
{
	size_t ncap = *cap ? *cap * 2 : 64;
	void *n;

	if (used < *cap)
		return true;
	if (ncap > limit)
		ncap = limit;
	if (ncap <= used || !(n = calloc(ncap, size)))
		return false;
	if (*arr) {
		memcpy(n, *arr, used * size);
		sodium_memzero(*arr, *cap * size);
		free(*arr);
	}
	*arr = n;
	*cap = ncap;
	return true;
}

static ink_stroke *open_stroke(const ink_builder *b)
{
	return b->open ? &b->strokes[b->nstrokes - 1] : NULL;
}

/* Encoded size if the open stroke had `count` points (0: it is left out,
 * as a stroke with no point yet is not part of the note) and `more` bytes
 * of point codes were added. */
static size_t size_with(const ink_builder *b, uint32_t count, size_t more)
{
	const ink_stroke *s = open_stroke(b);
	size_t strokes = b->nstrokes - (s && count == 0 ? 1 : 0);
	size_t n = ink_header_size(b->width, b->height, strokes) + b->heads_bytes +
	           b->points_bytes + more;

	return s && count ? n + ink_varint_size(ink_stroke_head(count, s->colour)) : n;
}

/* Keeps one grid point in the open stroke, unless it repeats the last. */
static status keep(ink_builder *b, double gx, double gy)
{
	ink_stroke *s = open_stroke(b);
	ink_point p = {(uint16_t)lround(gx), (uint16_t)lround(gy)};
	size_t cost;

	if (s->count > 0 && b->points[b->npoints - 1].x == p.x && b->points[b->npoints - 1].y == p.y)
		return STATUS_OK;
	if (s->count >= INK_MAX_STROKE_POINTS || b->npoints >= INK_MAX_POINTS)
		return STATUS_INK_INVALID;
	if (!grow((void **)&b->points, &b->cap_points, b->npoints, sizeof *b->points,
	          INK_MAX_POINTS))
		return STATUS_NO_MEMORY;
	b->points[b->npoints] = p;
	cost = ink_varint_size(ink_point_code(b->points, b->npoints, s->first));
	if (size_with(b, s->count + 1, cost) > INK_MAX_BYTES) {
		b->points[b->npoints] = (ink_point){0, 0};
		return STATUS_INK_INVALID;
	}
	b->npoints++;
	s->count++;
	b->points_bytes += cost;
	return STATUS_OK;
}

status ink_builder_begin(ink_builder *b, unsigned colour)
{
	status st;

	if (colour >= INK_COLOURS)
		return STATUS_BAD_ARGUMENT;
	if ((st = ink_builder_end(b)))
		return st;
	if (b->nstrokes >= INK_MAX_STROKES)
		return STATUS_INK_INVALID;
	/* a stroke needs a head and a point at least */
	if (size_with(b, 0, 0) + ink_varint_size(b->nstrokes + 1) - ink_varint_size(b->nstrokes) +
	            2 > INK_MAX_BYTES)
		return STATUS_INK_INVALID;
	if (!grow((void **)&b->strokes, &b->cap_strokes, b->nstrokes, sizeof *b->strokes,
	          INK_MAX_STROKES))
		return STATUS_NO_MEMORY;
	b->strokes[b->nstrokes++] = (ink_stroke){.first = (uint32_t)b->npoints, .count = 0,
	                                         .colour = (uint8_t)colour};
	b->open = true;
	b->has_input = false;
	b->carried = 0;
	return STATUS_OK;
}

static double clamp(double v, uint16_t size)
{
	if (!(v > 0)) /* also NaN, from an infinite distance times a zero scale */
		return 0;
	return v < size - 1 ? v : size - 1;
}

status ink_builder_add(ink_builder *b, double x, double y)
{
	double gx, gy, dx, dy, seg, t = 0;
	status st;

	if (!b->open || !isfinite(x) || !isfinite(y))
		return STATUS_BAD_ARGUMENT;
	gx = clamp((x - b->x0) * b->scale, b->width);
	gy = clamp((y - b->y0) * b->scale, b->height);
	if (!b->has_input) {
		b->has_input = true;
		b->last_x = gx, b->last_y = gy;
		return keep(b, gx, gy);
	}
	dx = gx - b->last_x, dy = gy - b->last_y;
	seg = hypot(dx, dy);
	/* a point every INK_RESAMPLE_STEP of arc length; `carried` stays
	 * below the step, so a zero-length segment keeps nothing */
	while (b->carried + (1 - t) * seg >= INK_RESAMPLE_STEP) {
		t += (INK_RESAMPLE_STEP - b->carried) / seg;
		b->carried = 0;
		if ((st = keep(b, b->last_x + dx * t, b->last_y + dy * t)))
			return st;
	}
	b->carried += (1 - t) * seg;
	b->last_x = gx, b->last_y = gy;
	return STATUS_OK;
}

status ink_builder_end(ink_builder *b)
{
	ink_stroke *s = open_stroke(b);
	status st = STATUS_OK;

	if (!s)
		return STATUS_OK;
	if (b->has_input)
		st = keep(b, b->last_x, b->last_y);
	b->open = false;
	if (s->count == 0) {
		b->nstrokes--;
		return st;
	}
	b->heads_bytes += ink_varint_size(ink_stroke_head(s->count, s->colour));
	return st;
}

/* Sizes from scratch, after strokes went away. */
static void recount(ink_builder *b)
{
	b->heads_bytes = b->points_bytes = 0;
	for (size_t s = 0; s < b->nstrokes; s++) {
		const ink_stroke *sk = &b->strokes[s];
		if (!(b->open && s == b->nstrokes - 1))
			b->heads_bytes += ink_varint_size(ink_stroke_head(sk->count, sk->colour));
		for (size_t i = sk->first; i < sk->first + sk->count; i++)
			b->points_bytes += ink_varint_size(ink_point_code(b->points, i, sk->first));
	}
}

bool ink_builder_undo(ink_builder *b)
{
	ink_stroke *s;

	if (b->open && b->strokes[b->nstrokes - 1].count == 0)
		b->nstrokes--; /* an empty open stroke is no stroke yet */
	b->open = false;
	if (b->nstrokes == 0)
		return false;
	s = &b->strokes[--b->nstrokes];
	sodium_memzero(b->points + s->first, s->count * sizeof *b->points);
	b->npoints = s->first;
	memset(s, 0, sizeof *s);
	recount(b);
	return true;
}

void ink_builder_view(const ink_builder *b, ink *view)
{
	*view = (ink){.width = b->width, .height = b->height, .points = b->points,
	              .npoints = b->npoints, .strokes = b->strokes, .nstrokes = b->nstrokes};
	/* an open stroke with no point yet is not part of the note */
	if (b->open && b->strokes[b->nstrokes - 1].count == 0)
		view->nstrokes--;
}

size_t ink_builder_bytes(const ink_builder *b)
{
	const ink_stroke *s = open_stroke(b);
	ink k;

	ink_builder_view(b, &k);
	return k.nstrokes ? size_with(b, s ? s->count : 0, 0) : 0;
}

/* Copies n elements into a fresh array of exactly that size. */
static void *copy_exact(const void *src, size_t n, size_t size)
{
	void *dst = malloc(n * size);
	if (dst)
		memcpy(dst, src, n * size);
	return dst;
}

status ink_builder_finish(ink_builder *b, ink *out)
{
	status st = ink_builder_end(b);
	ink k;

	memset(out, 0, sizeof *out);
	if (st == STATUS_NO_MEMORY)
		return st;
	if (b->nstrokes == 0)
		return STATUS_INK_INVALID;
	ink_builder_view(b, &k);
	out->points = copy_exact(k.points, k.npoints, sizeof *k.points);
	out->strokes = copy_exact(k.strokes, k.nstrokes, sizeof *k.strokes);
	if (!out->points || !out->strokes) {
		free(out->points);
		free(out->strokes);
		memset(out, 0, sizeof *out);
		return STATUS_NO_MEMORY;
	}
	out->width = k.width, out->height = k.height;
	out->npoints = k.npoints, out->nstrokes = k.nstrokes;
	/* the builder's copy goes; its arrays stay for the next note */
	sodium_memzero(b->points, b->cap_points * sizeof *b->points);
	sodium_memzero(b->strokes, b->cap_strokes * sizeof *b->strokes);
	b->npoints = b->nstrokes = 0;
	b->heads_bytes = b->points_bytes = 0;
	return STATUS_OK;
}

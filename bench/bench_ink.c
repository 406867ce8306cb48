/* bench_ink.c — figure "ink bytes/point": how compact the stroke codec is
 * on handwriting that looks recorded, against naive encodings of the very
 * same grid points.
 *
 * No recorded handwriting ships with the repository (it would be someone's
 * writing), so a deterministic generator stands in for it: notes of 1-12
 * Chinese characters on the kiosk's 1280x800 px canvas, each character
 * 1-20 strokes of the basic kinds (heng, shu, pie, na, dian, zhe, gou, ti)
 * with curvature, drawn at a hand's speed (a minimum-jerk profile, 250-900
 * px/s), sampled at 120 Hz with tremor, sensor noise and whole-pixel
 * positions as a touch panel reports them. The points then go through the
 * kiosk's path, ink_builder: resampled every INK_RESAMPLE_STEP grid units
 * (~1% of the canvas, 12.5 px here), quantised, repeats dropped. So the
 * figure is about what the store will hold, not about the raw input.
 *
 * Baselines, measured on the same points: raw 2 x uint16 per point (the
 * naive binary), JSON text [[[x,y],...],...] (what a script would write),
 * and plain per-axis delta varints (the codec's first draft, no
 * prediction). */
#include "bench.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ink.h"

#define CANVAS_W 1280.0
#define CANVAS_H 800.0
#define INPUT_HZ 120.0
#define TAU 6.283185307179586
#define PATH_STEPS 40          /* Catmull-Rom samples per control segment */
#define MAX_CONTROL 4
#define MAX_DENSE (MAX_CONTROL * PATH_STEPS + 1)

typedef struct gen {
	uint64_t rng;
	ink_builder *b;
	status st;                 /* first builder failure */
} gen;

typedef struct pt {
	double x, y;
} pt;

static double uniform(gen *g, double lo, double hi)
{
	/* xorshift64*: deterministic across runs and machines */
	g->rng ^= g->rng >> 12, g->rng ^= g->rng << 25, g->rng ^= g->rng >> 27;
	uint64_t r = g->rng * 0x2545F4914F6CDD1Dull;
	return lo + (hi - lo) * (double)(r >> 11) * (1.0 / 9007199254740992.0);
}

static double gauss(gen *g)
{
	double u = uniform(g, 1e-12, 1), v = uniform(g, 0, 1);
	return sqrt(-2 * log(u)) * cos(TAU * v);
}

/* Catmull-Rom through the control points into `dense`; returns its size. */
static size_t smooth_path(const pt *c, size_t n, pt *dense)
{
	size_t nd = 0;

	for (size_t i = 0; i + 1 < n; i++) {
		pt p0 = c[i ? i - 1 : 0], p1 = c[i], p2 = c[i + 1], p3 = c[i + 2 < n ? i + 2 : n - 1];
		for (int k = 0; k < PATH_STEPS; k++) {
			double t = (double)k / PATH_STEPS, t2 = t * t, t3 = t2 * t;
			dense[nd].x = 0.5 * (2 * p1.x + (p2.x - p0.x) * t +
			                     (2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x) * t2 +
			                     (3 * p1.x - p0.x - 3 * p2.x + p3.x) * t3);
			dense[nd].y = 0.5 * (2 * p1.y + (p2.y - p0.y) * t +
			                     (2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y) * t2 +
			                     (3 * p1.y - p0.y - 3 * p2.y + p3.y) * t3);
			nd++;
		}
	}
	dense[nd++] = c[n - 1];
	return nd;
}

/* The point at arc length s along the dense path (cum: running lengths). */
static pt along(const pt *d, const double *cum, size_t nd, double s, size_t *j)
{
	while (*j + 2 < nd && cum[*j + 1] < s)
		(*j)++;
	double seg = cum[*j + 1] - cum[*j], f = seg > 0 ? (s - cum[*j]) / seg : 0;
	return (pt){d[*j].x + (d[*j + 1].x - d[*j].x) * f, d[*j].y + (d[*j + 1].y - d[*j].y) * f};
}

/* Draws one stroke as a hand on a touch panel would: minimum-jerk speed
 * along the path, samples at the input rate, tremor and noise, rounded to
 * pixels; every sample goes to the builder. */
static void pen_stroke(gen *g, const pt *c, size_t n)
{
	pt dense[MAX_DENSE];
	double cum[MAX_DENSE];
	size_t nd = smooth_path(c, n, dense), j = 0;

	cum[0] = 0;
	for (size_t i = 1; i < nd; i++)
		cum[i] = cum[i - 1] + hypot(dense[i].x - dense[i - 1].x, dense[i].y - dense[i - 1].y);
	double len = cum[nd - 1], secs = len / uniform(g, 250, 900) + 0.05;
	int samples = (int)(secs * INPUT_HZ) + 2;
	double amp = uniform(g, 0.2, 1.0), hz = uniform(g, 3, 8), phase = uniform(g, 0, 6.28);

	if (!g->st)
		g->st = ink_builder_begin(g->b, uniform(g, 0, 1) < 0.9 ? 0 : 1);
	for (int k = 0; k <= samples && !g->st; k++) {
		double tau = (double)k / samples, t = k / INPUT_HZ;
		double s = len * tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
		pt p = along(dense, cum, nd, s, &j);
		p.x += amp * sin(TAU * hz * t + phase) + 0.25 * gauss(g);
		p.y += amp * cos(1.3 * TAU * hz * t + phase) + 0.25 * gauss(g);
		g->st = ink_builder_add(g->b, round(p.x), round(p.y));
	}
	if (!g->st)
		g->st = ink_builder_end(g->b);
}

/* Control points of one basic stroke in a unit box at (x0, y0). */
static size_t stroke_shape(gen *g, pt *c)
{
	double x = uniform(g, 0.05, 0.7), y = uniform(g, 0.05, 0.8);

	switch ((int)uniform(g, 0, 8)) {
	case 0: /* heng: left to right, rising a little */
		c[0] = (pt){x, y}, c[1] = (pt){x + uniform(g, 0.25, 1.1 - x), y - uniform(g, 0, 0.06)};
		return 2;
	case 1: /* shu: top to bottom */
		c[0] = (pt){x + 0.1, y / 2};
		c[1] = (pt){x + 0.1 + uniform(g, -0.02, 0.02), y / 2 + uniform(g, 0.3, 0.9)};
		return 2;
	case 2: /* pie: sweeping down to the left */
		c[0] = (pt){x + 0.3, y / 2}, c[1] = (pt){x + 0.25, y / 2 + 0.25};
		c[2] = (pt){x, y / 2 + uniform(g, 0.4, 0.6)};
		return 3;
	case 3: /* na: sweeping down to the right */
		c[0] = (pt){x, y / 2}, c[1] = (pt){x + 0.2, y / 2 + 0.3};
		c[2] = (pt){x + uniform(g, 0.35, 0.5), y / 2 + uniform(g, 0.4, 0.55)};
		return 3;
	case 4: /* dian: a short dab */
		c[0] = (pt){x, y}, c[1] = (pt){x + uniform(g, 0.04, 0.1), y + uniform(g, 0.05, 0.12)};
		return 2;
	case 5: /* zhe: across, then down */
		c[0] = (pt){x, y * 0.6}, c[1] = (pt){x + uniform(g, 0.2, 0.5), y * 0.6 - 0.02};
		c[2] = (pt){c[1].x - uniform(g, 0, 0.04), y * 0.6 + uniform(g, 0.2, 0.5)};
		return 3;
	case 6: /* gou: down, then a hook up-left */
		c[0] = (pt){x + 0.1, y * 0.4}, c[1] = (pt){x + 0.1, y * 0.4 + uniform(g, 0.3, 0.6)};
		c[2] = (pt){x + 0.02, c[1].y - uniform(g, 0.03, 0.08)};
		return 3;
	default: /* ti: a short rise to the right */
		c[0] = (pt){x, y + 0.1}, c[1] = (pt){x + uniform(g, 0.1, 0.25), y - uniform(g, 0.05, 0.12)};
		return 2;
	}
}

static void character(gen *g, double ox, double oy, double size)
{
	/* most characters have 4-12 strokes, a few 1 or up to 20 */
	int strokes = 1 + (int)(uniform(g, 0, 1) * uniform(g, 0, 1) * 20 + uniform(g, 0, 6));

	for (int i = 0; i < (strokes > 20 ? 20 : strokes); i++) {
		pt c[MAX_CONTROL];
		size_t n = stroke_shape(g, c);
		for (size_t k = 0; k < n; k++)
			c[k] = (pt){ox + c[k].x * size, oy + c[k].y * size};
		pen_stroke(g, c, n);
	}
}

/* One note of 1-12 characters written in rows across the canvas. */
static status write_note(gen *g, ink *out)
{
	int chars = 1 + (int)uniform(g, 0, 12);
	double size = uniform(g, 180, 480), x = 40, y = 40;

	g->st = ink_builder_new(0, 0, CANVAS_W, CANVAS_H, &g->b);
	for (int i = 0; i < chars && !g->st; i++) {
		if (x + size > CANVAS_W - 20)
			x = 40, y += size * 1.15;
		if (y + size > CANVAS_H + 0.3 * size)
			break;
		double jitter_x = uniform(g, -10, 10), jitter_y = uniform(g, -10, 10);
		character(g, x + jitter_x, y + jitter_y, size * uniform(g, 0.9, 1.1));
		x += size * uniform(g, 1.0, 1.15);
	}
	if (!g->st)
		g->st = ink_builder_finish(g->b, out);
	ink_builder_destroy(g->b);
	g->b = NULL;
	return g->st;
}

static size_t varint_bytes(uint32_t v)
{
	size_t n = 1;
	for (; v >= 0x80; v >>= 7)
		n++;
	return n;
}

static uint32_t zigzag(int32_t v)
{
	return v >= 0 ? (uint32_t)v << 1 : ((uint32_t)(-(v + 1)) << 1) | 1u;
}

/* The first draft: a colour byte and a count per stroke, then dx, dy as
 * separate zigzag varints from the point before. */
static size_t plain_delta_bytes(const ink *k)
{
	size_t n = 1 + varint_bytes(k->width) + varint_bytes(k->height) +
	           varint_bytes((uint32_t)k->nstrokes);
	for (size_t s = 0; s < k->nstrokes; s++)
		n += 1 + varint_bytes(k->strokes[s].count);
	for (size_t i = 0; i < k->npoints; i++) {
		int32_t px = i ? k->points[i - 1].x : 0, py = i ? k->points[i - 1].y : 0;
		n += varint_bytes(zigzag(k->points[i].x - px)) + varint_bytes(zigzag(k->points[i].y - py));
	}
	return n;
}

/* "[[[x,y],...],...]" with the grid coordinates, as a script would. */
static size_t json_bytes(const ink *k)
{
	size_t n = 2 + (k->nstrokes - 1); /* outer brackets, commas between strokes */
	for (size_t s = 0; s < k->nstrokes; s++) {
		n += 2 + (k->strokes[s].count - 1);
		for (size_t i = k->strokes[s].first; i < k->strokes[s].first + k->strokes[s].count; i++)
			n += (size_t)snprintf(NULL, 0, "[%u,%u]", k->points[i].x, k->points[i].y);
	}
	return n;
}

typedef struct ink_tally {
	size_t notes, strokes, points, ours, plain, json, largest;
	size_t short_strokes, long_strokes; /* under 5, over 60 points */
} ink_tally;

static bool tally_note(ink_tally *t, const ink *k)
{
	uint8_t *buf;
	size_t len;
	ink back;

	if (ink_encode(k, &buf, &len) != STATUS_OK)
		return false;
	/* the figure counts only what decodes back exactly */
	bool ok = ink_decode(buf, len, &back) == STATUS_OK && back.npoints == k->npoints &&
	          memcmp(back.points, k->points, k->npoints * sizeof *k->points) == 0;
	ink_free(&back);
	free(buf);
	if (!ok)
		return false;
	t->notes++;
	t->strokes += k->nstrokes;
	t->points += k->npoints;
	t->ours += len;
	t->plain += plain_delta_bytes(k);
	t->json += json_bytes(k);
	t->largest = len > t->largest ? len : t->largest;
	for (size_t s = 0; s < k->nstrokes; s++) {
		t->short_strokes += k->strokes[s].count < 5;
		t->long_strokes += k->strokes[s].count > 60;
	}
	return true;
}

bool bench_ink(const bench_config *c)
{
	gen g = {.rng = 0x7265656874726565ull};
	ink_tally t = {0};

	bench_progress("ink: encoding %zu generated handwritten notes", c->ink_notes);
	for (size_t i = 0; i < c->ink_notes && !bench_stop; i++) {
		ink k;
		if (write_note(&g, &k) != STATUS_OK) {
			fprintf(stderr, "treehole-bench: ink note %zu: %s\n", i, status_message(g.st));
			return false;
		}
		bool ok = tally_note(&t, &k);
		ink_free(&k);
		if (!ok) {
			fprintf(stderr, "treehole-bench: ink note %zu does not round-trip\n", i);
			return false;
		}
	}
	if (t.points == 0)
		return false;
	double ours = (double)t.ours / t.points;
	bench_line("ink bytes/point: %.2f B (%zu notes, %zu strokes, %zu points; resampled every "
	           "%d grid units)", ours, t.notes, t.strokes, t.points, INK_RESAMPLE_STEP);
	bench_line("  baselines: raw 2 x uint16 4.00 B (ratio %.2f), JSON text %.2f B (ratio %.2f), "
	           "plain delta varints %.2f B (ratio %.2f)", ours / 4, (double)t.json / t.points,
	           ours / ((double)t.json / t.points), (double)t.plain / t.points,
	           ours / ((double)t.plain / t.points));
	bench_line("  a note: %.0f points, %.0f B on average, largest %zu B; strokes %.1f points on "
	           "average, %.0f%% under 5, %.0f%% over 60", (double)t.points / t.notes,
	           (double)t.ours / t.notes, t.largest, (double)t.points / t.strokes,
	           100.0 * t.short_strokes / t.strokes, 100.0 * t.long_strokes / t.strokes);
	bench_goal_max("ink bytes per point", ours, 2);
	return true;
}

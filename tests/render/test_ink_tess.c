/* test_ink_tess.c — smoothing and stroking of ink, without SDL: fitting,
 * dots, lines, zigzags, degenerate and huge inputs, the live (incremental)
 * machine against whole strokes, the alpha a stroke lays down, and reuse
 * of the mesh without allocation. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ink_tess.h"

#define BLACK ((ink_tess_rgba){0, 0, 0, 255})
#define PI_D 3.14159265358979

static const ink_tess_xform unit = {1.0f, 0.0f, 0.0f};

/* ---- helpers ---- */

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* Every index in range, every coordinate finite, counts whole triangles. */
static void assert_mesh_sane(const ink_tess_mesh *m)
{
	assert_int_equal(m->ni % 3, 0);
	for (size_t k = 0; k < m->ni; k++)
		assert_true(m->idx[k] >= 0 && (size_t)m->idx[k] < m->nv);
	for (size_t i = 0; i < m->nv; i++)
		assert_true(isfinite(m->v[i].x) && isfinite(m->v[i].y));
	for (size_t i = 0; i < m->ns; i++) {
		const ink_tess_shape *s = &m->s[i];
		assert_true(isfinite(s->ax) && isfinite(s->ay) && isfinite(s->bx) && isfinite(s->by));
		assert_true(s->hi >= 0 && s->ho > s->hi);
		assert_true(s->kind == INK_TESS_BAND || s->kind == INK_TESS_ROUND);
		if (s->kind == INK_TESS_BAND)
			assert_int_equal(s->cuts, INK_TESS_FROM | INK_TESS_TO);
		if (s->cuts & INK_TESS_FROM)
			assert_true(fabsf(hypotf(s->from.fx, s->from.fy) - 1) < 1e-4f);
		if (s->cuts & INK_TESS_TO)
			assert_true(fabsf(hypotf(s->to.fx, s->to.fy) - 1) < 1e-4f);
	}
}

/* Every vertex lies within `reach` of the polyline pts (px, via xf). */
static void assert_within(const ink_tess_mesh *m, const ink_point *pts, size_t n,
                          const ink_tess_xform *xf, float reach)
{
	for (size_t i = 0; i < m->nv; i++) {
		double best = INFINITY;
		for (size_t k = 0; k < n; k++) {
			double ax = xf->ox + (pts[k].x + 0.5) * xf->scale, ay = xf->oy + (pts[k].y + 0.5) * xf->scale;
			size_t j = k + 1 < n ? k + 1 : k;
			double bx = xf->ox + (pts[j].x + 0.5) * xf->scale, by = xf->oy + (pts[j].y + 0.5) * xf->scale;
			double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
			double t = l2 > 0 ? ((m->v[i].x - ax) * dx + (m->v[i].y - ay) * dy) / l2 : 0;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			best = fmin(best, hypot(m->v[i].x - (ax + t * dx), m->v[i].y - (ay + t * dy)));
		}
		if (best > reach)
			fail_msg("vertex %zu at (%g, %g) is %g px from the stroke (allowed %g)", i,
			         (double)m->v[i].x, (double)m->v[i].y, best, (double)reach);
	}
}

/* The ink a mesh lays down: the integral of alpha (0..1) over its area.
 * Alpha is linear over a triangle, so each adds area x mean alpha. */
static double ink_area(const ink_tess_mesh *m)
{
	double sum = 0;
	for (size_t k = 0; k < m->ni; k += 3) {
		const ink_tess_vertex *a = &m->v[m->idx[k]], *b = &m->v[m->idx[k + 1]],
		                      *c = &m->v[m->idx[k + 2]];
		double area = fabs((b->x - a->x) * (c->y - a->y) - (c->x - a->x) * (b->y - a->y)) / 2;
		sum += area * (a->c.a + b->c.a + c->c.a) / (3.0 * 255.0);
	}
	return sum;
}

static size_t count_kind(const ink_tess_mesh *m, ink_tess_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < m->ns; i++)
		n += m->s[i].kind == kind;
	return n;
}

/* ---- fitting ---- */

static void test_fit(void **state)
{
	(void)state;
	ink_tess_xform xf = ink_tess_fit(4096, 2560, 10, 20, 800, 800);
	assert_float_equal(xf.scale, 800.0 / 4096, 1e-6);
	assert_float_equal(xf.ox, 10, 1e-4);
	assert_float_equal(xf.oy, 20 + (800 - 2560 * xf.scale) / 2, 1e-3); /* centred vertically */
	xf = ink_tess_fit(2000, 4096, 0, 0, 1000, 500);
	assert_float_equal(xf.scale, 500.0 / 4096, 1e-6);
	assert_float_equal(xf.ox, (1000 - 2000 * xf.scale) / 2, 1e-3);
	xf = ink_tess_fit(0, 100, 0, 0, 100, 100);
	assert_float_equal(xf.scale, 0, 0);
	/* A canvas under the grid's size keeps the grid's units: a dot's
	 * 1 x 1 canvas is drawn at the scale of a full one, in the middle; a
	 * level line's spans the width. */
	xf = ink_tess_fit(1, 1, 0, 0, 800, 400);
	assert_float_equal(xf.scale, 400.0 / 4096, 1e-6);
	assert_float_equal(xf.ox + 0.5f * xf.scale, 400, 1e-3);
	assert_float_equal(xf.oy + 0.5f * xf.scale, 200, 1e-3);
	assert_float_equal(ink_tess_pen_px(&xf), INK_TESS_PEN_GRID * 400.0 / 4096, 1e-4);
	xf = ink_tess_fit(4096, 1, 0, 0, 800, 400);
	assert_float_equal(xf.scale, 800.0 / 4096, 1e-6);
	xf = ink_tess_fit(2048, 1024, 0, 0, 800, 400);
	assert_float_equal(xf.scale, 800.0 / 4096, 1e-6);
	xf = ink_tess_fit(100, 100, 0, 0, NAN, 100);
	assert_float_equal(xf.scale, 0, 0);
	/* The uniform pen scales with the note, but never below 1 px. */
	xf = ink_tess_fit(4096, 4096, 0, 0, 4096, 4096);
	assert_float_equal(ink_tess_pen_px(&xf), INK_TESS_PEN_GRID, 1e-4);
	xf = ink_tess_fit(4096, 4096, 0, 0, 40, 40);
	assert_float_equal(ink_tess_pen_px(&xf), 1.0, 1e-6);
}

/* ---- single strokes ---- */

static void test_dot(void **state)
{
	(void)state;
	ink_point p = {100, 200};
	ink_tess_mesh m = {0};
	float pen = 6;

	assert_true(ink_tess_stroke(&m, &p, 1, &unit, pen, BLACK));
	assert_mesh_sane(&m);
	assert_true(m.ni >= 3 * 8);
	assert_within(&m, &p, 1, &unit, (pen + INK_TESS_FEATHER) / 2 + 1e-3f);
	/* Its ink is a disc of the pen's width: pi r^2 with r = pen / 2 (the
	 * feather ramp spreads as much ink out as it takes in, nearly). */
	double want = PI_D * pen * pen / 4;
	assert_true(fabs(ink_area(&m) - want) < 0.05 * want);
	/* As a shape: one round part, no cuts. */
	ink_tess_mesh_clear(&m);
	m.shapes = true;
	assert_true(ink_tess_stroke(&m, &p, 1, &unit, pen, BLACK));
	assert_int_equal(m.ns, 1);
	assert_int_equal(m.s[0].kind, INK_TESS_ROUND);
	assert_int_equal(m.s[0].cuts, 0);
	assert_float_equal(m.s[0].ax, 100.5, 1e-4);
	assert_float_equal(m.s[0].ho, (pen + INK_TESS_FEATHER) / 2, 1e-5);
	ink_tess_mesh_free(&m);
}

static void test_straight_line(void **state)
{
	(void)state;
	ink_point pts[11];
	ink_tess_mesh m = {0};
	float pen = 4, ho = (pen + INK_TESS_FEATHER) / 2;

	for (int i = 0; i <= 10; i++)
		pts[i] = (ink_point){(uint16_t)(100 + 30 * i), 50};
	assert_true(ink_tess_stroke(&m, pts, 11, &unit, pen, BLACK));
	assert_mesh_sane(&m);
	/* Straight points stay straight: nothing strays off the line by more
	 * than the pen, and nothing sticks out past the caps. */
	for (size_t i = 0; i < m.nv; i++) {
		assert_true(fabsf(m.v[i].y - 50.5f) <= ho + 1e-4f);
		assert_true(m.v[i].x >= 100.5f - ho - 1e-4f && m.v[i].x <= 400.5f + ho + 1e-4f);
		/* Rim vertices carry no alpha, core ones all of it. */
		float d = fabsf(m.v[i].y - 50.5f);
		if (m.v[i].x > 100.5f && m.v[i].x < 400.5f)
			assert_true(m.v[i].c.a == 0 ? fabsf(d - ho) < 1e-3f : d <= ho - 1 + 1e-3f);
	}
	double want = 300.0 * pen + PI_D * pen * pen / 4;
	assert_true(fabs(ink_area(&m) - want) < 0.02 * want);
	/* As shapes: a start cap, one band (points in a line merge into one
	 * piece), an end cap; no joins on a line. */
	ink_tess_mesh_clear(&m);
	m.shapes = true;
	assert_true(ink_tess_stroke(&m, pts, 11, &unit, pen, BLACK));
	assert_mesh_sane(&m);
	assert_int_equal(count_kind(&m, INK_TESS_ROUND), 2);
	assert_int_equal(count_kind(&m, INK_TESS_BAND), 1);
	ink_tess_mesh_free(&m);
}

/* Sharp corners get round joins; smoothing bends but keeps every vertex
 * near the polyline through the points. */
static void test_zigzag(void **state)
{
	(void)state;
	ink_point pts[9];
	ink_tess_mesh m = {0};
	ink_tess_xform xf = {0.5f, 7.0f, 3.0f};
	float pen = 5;

	for (int i = 0; i < 9; i++)
		pts[i] = (ink_point){(uint16_t)(200 + 160 * i), (uint16_t)(i % 2 ? 200 : 600)};
	assert_true(ink_tess_stroke(&m, pts, 9, &xf, pen, BLACK));
	assert_mesh_sane(&m);
	/* Catmull-Rom rounds a corner by overshooting it a little: a few
	 * percent of the segments' length (113 px here), never more. */
	assert_within(&m, pts, 9, &xf, (pen + INK_TESS_FEATHER) / 2 + 0.06f * 113);
	ink_tess_mesh_clear(&m);
	m.shapes = true;
	assert_true(ink_tess_stroke(&m, pts, 9, &xf, pen, BLACK));
	assert_mesh_sane(&m);
	/* 2 caps, and the 7 tips turn too sharply for a mitre. */
	assert_true(count_kind(&m, INK_TESS_ROUND) >= 2 + 7);
	ink_tess_mesh_free(&m);
}

/* ---- degenerate and huge inputs ---- */

static void test_identical_points(void **state)
{
	(void)state;
	ink_point pts[1000];
	ink_tess_mesh m = {.shapes = true};

	for (int i = 0; i < 1000; i++)
		pts[i] = (ink_point){321, 123};
	assert_true(ink_tess_stroke(&m, pts, 1000, &unit, 6, BLACK));
	assert_int_equal(m.ns, 1); /* one dot, however long the pen rested */
	assert_int_equal(m.s[0].kind, INK_TESS_ROUND);
	/* Jitter below half a pixel is still a dot. */
	ink_tess_mesh_clear(&m);
	for (int i = 0; i < 1000; i++)
		pts[i] = (ink_point){(uint16_t)(321 + i % 2), 123};
	ink_tess_xform tiny = {0.2f, 0, 0};
	assert_true(ink_tess_stroke(&m, pts, 1000, &tiny, 6, BLACK));
	assert_int_equal(m.ns, 1);
	/* A zero scale (a rect without area) collapses everything to a dot. */
	ink_tess_mesh_clear(&m);
	for (int i = 0; i < 1000; i++)
		pts[i] = (ink_point){(uint16_t)(next_rand() % 4096), (uint16_t)(next_rand() % 4096)};
	ink_tess_xform zero = ink_tess_fit(4096, 4096, 5, 5, 0, 0);
	assert_true(ink_tess_stroke(&m, pts, 1000, &zero, 3, BLACK));
	assert_int_equal(m.ns, 1);
	ink_tess_mesh_free(&m);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	ink_point p = {1, 1};
	ink_tess_mesh m = {0};
	ink_tess_xform nan = {NAN, 0, 0}, neg = {-1, 0, 0}, far = {1e30f, 0, 0};

	assert_false(ink_tess_stroke(NULL, &p, 1, &unit, 3, BLACK));
	assert_false(ink_tess_stroke(&m, NULL, 1, &unit, 3, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, NULL, 3, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &nan, 3, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &neg, 3, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &far, 3, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &unit, NAN, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &unit, 0, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &unit, -2, BLACK));
	assert_false(ink_tess_stroke(&m, &p, 1, &unit, INFINITY, BLACK));
	assert_int_equal(m.nv, 0);
	assert_true(ink_tess_stroke(&m, NULL, 0, &unit, 3, BLACK)); /* nothing to draw */
	assert_int_equal(m.nv, 0);
	assert_false(ink_tess_note(&m, NULL, &unit, 3, (ink_tess_rgba[INK_COLOURS]){{0}}));
	ink_tess_mesh_free(&m);
	ink_tess_mesh_free(NULL);
	ink_tess_mesh_clear(NULL);
}

/* Extreme coordinates, a huge scale and a hairline pen: sane meshes. */
static void test_extremes(void **state)
{
	(void)state;
	ink_point pts[INK_MAX_STROKE_POINTS];
	ink_tess_mesh m = {0};
	ink_tess_xform big = {40.0f, -1000.0f, -1000.0f};

	for (size_t i = 0; i < INK_MAX_STROKE_POINTS; i++)
		pts[i] = (ink_point){(uint16_t)(i % 2 ? 65535 : next_rand() % 3),
		                     (uint16_t)(next_rand() % 65536)};
	for (int shapes = 0; shapes < 2; shapes++) {
		m.shapes = shapes;
		ink_tess_mesh_clear(&m);
		assert_true(ink_tess_stroke(&m, pts, INK_MAX_STROKE_POINTS, &big, 500, BLACK));
		assert_mesh_sane(&m);
		ink_tess_mesh_clear(&m);
		assert_true(ink_tess_stroke(&m, pts, INK_MAX_STROKE_POINTS, &unit, 0.25f, BLACK));
		assert_mesh_sane(&m);
	}
	/* A hairline is one feather wide with its alpha scaled down. */
	ink_tess_mesh_clear(&m);
	m.shapes = false;
	assert_true(ink_tess_stroke(&m, pts, 1, &unit, 0.25f, BLACK));
	for (size_t i = 0; i < m.nv; i++)
		assert_true(m.v[i].c.a <= 64);
	ink_tess_mesh_free(&m);
}

/* A note: strokes in their palette colours, broken strokes skipped. */
static void test_note(void **state)
{
	(void)state;
	ink_point pts[6] = {{10, 10}, {100, 10}, {50, 50}, {60, 60}, {70, 90}, {5, 5}};
	ink_stroke st[4] = {{0, 2, 1}, {2, 3, 3}, {5, 1, 200}, {4, 9, 0}};
	ink k = {.width = 128, .height = 128, .points = pts, .npoints = 6, .strokes = st, .nstrokes = 4};
	ink_tess_rgba pal[INK_COLOURS] = {{1, 0, 0, 255}, {2, 0, 0, 255}, {3, 0, 0, 255}, {4, 0, 0, 255}};
	ink_tess_mesh m = {.shapes = true};
	int seen[5] = {0};

	assert_true(ink_tess_note(&m, &k, &unit, 3, pal));
	assert_mesh_sane(&m);
	for (size_t i = 0; i < m.ns; i++)
		seen[m.s[i].colour.r]++;
	assert_true(seen[2] > 0 && seen[4] > 0);
	assert_int_equal(seen[1], 1);      /* colour 200 falls back to palette[0]: a dot */
	assert_int_equal(seen[3], 0);
	/* The last stroke runs past the points: skipped, not read. */
	ink_tess_mesh_free(&m);
}

/* ---- the live machine ---- */

/* A wandering pen: smooth runs, sharp turns, stops. */
static size_t make_scribble(ink_point *pts, size_t n)
{
	float x = 2000, y = 2000, a = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = next_rand();
		a += (r % 100 < 8) ? 2.2f : ((float)(r % 1000) / 1000.0f - 0.5f) * 0.4f;
		float step = (r % 97 < 5) ? 0 : 40;
		x = fminf(fmaxf(x + step * cosf(a), 0), 4095);
		y = fminf(fmaxf(y + step * sinf(a), 0), 4095);
		pts[i] = (ink_point){(uint16_t)x, (uint16_t)y};
	}
	return n;
}

/* m and w hold the same triangles (by vertex positions and colours, in
 * order) and the same shapes. */
static void assert_same(const ink_tess_mesh *m, const ink_tess_mesh *w)
{
	assert_int_equal(m->ni, w->ni);
	assert_int_equal(m->ns, w->ns);
	for (size_t k = 0; k < m->ni; k++) {
		const ink_tess_vertex *a = &m->v[m->idx[k]], *b = &w->v[w->idx[k]];
		assert_true(a->x == b->x && a->y == b->y && a->c.a == b->c.a);
	}
	assert_memory_equal(m->s, w->s, m->ns * sizeof *m->s);
}

/* Fed in pieces (as a finger delivers them), then ended: exactly the
 * whole stroke. */
static void test_live_equals_whole(void **state)
{
	(void)state;
	static ink_point pts[1500];
	size_t n = make_scribble(pts, 1500);
	ink_tess_xform xf = ink_tess_fit(4096, 4096, 0, 0, 1280, 1280);
	ink_tess_live *lv = ink_tess_live_new();

	assert_non_null(lv);
	for (int shapes = 0; shapes < 2; shapes++) {
		ink_tess_mesh whole = {.shapes = shapes}, live = {.shapes = shapes};
		assert_true(ink_tess_stroke(&whole, pts, n, &xf, 5, BLACK));
		assert_true(ink_tess_live_begin(lv, &xf, 5, BLACK));
		for (size_t i = 0; i < n;) {
			size_t chunk = 1 + next_rand() % 7;
			chunk = chunk > n - i ? n - i : chunk;
			assert_true(ink_tess_live_add(lv, pts + i, chunk, &live));
			i += chunk;
		}
		assert_true(ink_tess_live_active(lv));
		assert_true(ink_tess_live_end(lv, &live));
		assert_false(ink_tess_live_active(lv));
		assert_same(&live, &whole);
		ink_tess_mesh_free(&whole);
		ink_tess_mesh_free(&live);
	}
	ink_tess_live_destroy(lv);
}

/* Appends src's shapes to dst (test-side, by hand). */
static void append_shapes(ink_tess_mesh *dst, const ink_tess_mesh *src)
{
	if (src->ns == 0)
		return;
	if (dst->ns + src->ns > dst->cap_s) {
		dst->cap_s = 2 * (dst->ns + src->ns) + 16;
		dst->s = realloc(dst->s, dst->cap_s * sizeof *dst->s);
		assert_non_null(dst->s);
	}
	memcpy(dst->s + dst->ns, src->s, src->ns * sizeof *src->s);
	dst->ns += src->ns;
}

/* After any prefix, what was committed plus the preview is the whole
 * stroke of that prefix; the committed part of one point is small. */
static void test_live_preview(void **state)
{
	(void)state;
	static ink_point pts[300];
	size_t n = make_scribble(pts, 300);
	ink_tess_xform xf = ink_tess_fit(4096, 4096, 0, 0, 800, 800);
	ink_tess_live *lv = ink_tess_live_new();
	ink_tess_mesh committed = {.shapes = true}, step = {.shapes = true};

	assert_true(ink_tess_live_begin(lv, &xf, 4, BLACK));
	for (size_t i = 0; i < n; i++) {
		ink_tess_mesh_clear(&step);
		assert_true(ink_tess_live_add(lv, &pts[i], 1, &step));
		/* One point makes at most one segment of curve pieces; each
		 * piece closes at most one run (a band and a join). */
		assert_true(step.ns <= 2 * 16 + 2);
		append_shapes(&committed, &step);
		if (i % 37 == 0 || i + 1 == n) {
			ink_tess_mesh prefix = {.shapes = true}, both = {.shapes = true};
			assert_true(ink_tess_stroke(&prefix, pts, i + 1, &xf, 4, BLACK));
			append_shapes(&both, &committed);
			assert_true(ink_tess_live_preview(lv, &both));
			assert_same(&both, &prefix);
			ink_tess_mesh_free(&prefix);
			ink_tess_mesh_free(&both);
		}
	}
	assert_false(ink_tess_live_preview(NULL, &step));
	assert_true(ink_tess_live_end(lv, &step));
	assert_false(ink_tess_live_add(lv, pts, 1, &step)); /* idle now */
	assert_false(ink_tess_live_end(lv, &step));
	assert_false(ink_tess_live_preview(lv, &step));
	assert_false(ink_tess_live_begin(lv, &xf, NAN, BLACK));
	assert_false(ink_tess_live_active(lv));
	ink_tess_mesh_free(&committed);
	ink_tess_mesh_free(&step);
	ink_tess_live_destroy(lv);
	ink_tess_live_destroy(NULL);
}

/* Cleared and refilled with the same note, the mesh keeps its arrays: a
 * frame in steady state allocates nothing. */
static void test_mesh_reuse(void **state)
{
	(void)state;
	static ink_point pts[2000];
	size_t n = make_scribble(pts, 2000);
	ink_tess_xform xf = ink_tess_fit(4096, 4096, 0, 0, 1000, 1000);

	for (int shapes = 0; shapes < 2; shapes++) {
		ink_tess_mesh m = {.shapes = shapes};
		assert_true(ink_tess_stroke(&m, pts, n, &xf, 4, BLACK));
		void *v = m.v, *idx = m.idx, *s = m.s;
		size_t nv = m.nv, ni = m.ni, ns = m.ns;
		for (int frame = 0; frame < 3; frame++) {
			ink_tess_mesh_clear(&m);
			assert_true(m.shapes == (bool)shapes);
			assert_true(ink_tess_stroke(&m, pts, n, &xf, 4, BLACK));
			assert_ptr_equal(m.v, v);
			assert_ptr_equal(m.idx, idx);
			assert_ptr_equal(m.s, s);
			assert_int_equal(m.nv, nv);
			assert_int_equal(m.ni, ni);
			assert_int_equal(m.ns, ns);
		}
		ink_tess_mesh_free(&m);
	}
}

/* Mitred joins where the pen bends gently, also on a tight spiral: the
 * shapes' cuts stay convex across the pen (else a hole would open on the
 * inside of the bend). */
static void test_bands_convex(void **state)
{
	(void)state;
	ink_point pts[400];
	ink_tess_mesh m = {.shapes = true};
	ink_tess_xform xf = ink_tess_fit(4096, 4096, 0, 0, 600, 600);

	for (int i = 0; i < 400; i++) {
		float a = (float)i * 0.15f, r = 30 + (float)i * 4;
		pts[i] = (ink_point){(uint16_t)(2048 + r * cosf(a)), (uint16_t)(2048 + r * sinf(a))};
	}
	assert_true(ink_tess_stroke(&m, pts, 400, &xf, 8, BLACK));
	assert_mesh_sane(&m);
	size_t mitred = 0;
	for (size_t i = 0; i < m.ns; i++) {
		const ink_tess_shape *s = &m.s[i];
		if (s->kind != INK_TESS_BAND)
			continue;
		/* Where do the two cut lines cross? Not within ho of the line. */
		float dx = s->bx - s->ax, dy = s->by - s->ay, l = hypotf(dx, dy);
		float nx = -dy / l, ny = dx / l;
		float den = s->from.fx * s->to.fy - s->from.fy * s->to.fx;
		mitred += fabsf(s->from.fx * dx + s->from.fy * dy) < 0.999f * l;
		if (fabsf(den) < 1e-6f)
			continue; /* parallel cuts never cross */
		float c1 = s->from.fx * s->from.x + s->from.fy * s->from.y;
		float c2 = s->to.fx * s->to.x + s->to.fy * s->to.y;
		float px = (c1 * s->to.fy - c2 * s->from.fy) / den;
		float py = (s->from.fx * c2 - s->to.fx * c1) / den;
		float off = fabsf(nx * (px - s->ax) + ny * (py - s->ay));
		assert_true(off >= s->ho * 0.99f);
	}
	assert_true(mitred > 0);
	ink_tess_mesh_free(&m);
}

/* ---- merging ---- */

/* The distance from (x, y) to the nearest band's centre line (a segment). */
static double to_bands(const ink_tess_mesh *m, double x, double y)
{
	double best = INFINITY;
	for (size_t i = 0; i < m->ns; i++) {
		const ink_tess_shape *s = &m->s[i];
		if (s->kind != INK_TESS_BAND)
			continue;
		double dx = s->bx - s->ax, dy = s->by - s->ay, l2 = dx * dx + dy * dy;
		double t = l2 > 0 ? ((x - s->ax) * dx + (y - s->ay) * dy) / l2 : 0;
		t = t < 0 ? 0 : t > 1 ? 1 : t;
		best = fmin(best, hypot(x - s->ax - t * dx, y - s->ay - t * dy));
	}
	return best;
}

/* A bump off a straight line merges into the line while it stays within
 * INK_TESS_MERGE of it, and keeps its own vertex once it strays further:
 * the tolerance, to a hundredth of a pixel. */
static void test_merge_tolerance(void **state)
{
	(void)state;
	/* 100 grid units a pixel: the bump is exact to 0.01 px. */
	const ink_tess_xform fine = {0.01f, 0.0f, 0.0f};
	const int step = 1000, under = (int)(INK_TESS_MERGE * 100) - 2;
	const int over = (int)(INK_TESS_MERGE * 100) + 2;
	int bumps[2] = {under, over};

	for (int k = 0; k < 2; k++) {
		ink_point pts[5];
		ink_tess_mesh m = {.shapes = true};
		for (int i = 0; i < 5; i++)
			pts[i] = (ink_point){(uint16_t)(1000 + step * i), (uint16_t)(5000 + (i == 2 ? bumps[k] : 0))};
		assert_true(ink_tess_stroke(&m, pts, 5, &fine, 3, BLACK));
		assert_mesh_sane(&m);
		assert_int_equal(count_kind(&m, INK_TESS_BAND), k == 0 ? 1 : 2);
		/* Either way the bump's point stays within the tolerance. */
		assert_true(to_bands(&m, 10.005 + 20, 50.005 + bumps[k] * 0.01) <= INK_TESS_MERGE + 1e-4);
		ink_tess_mesh_free(&m);
	}
}

/* The run's piece must pass near every point of the run, not only the
 * newest, and must not turn back: a point the pen reaches early can set
 * the limit, and a pen that doubles back keeps its tip. */
static void test_merge_whole_run(void **state)
{
	(void)state;
	const ink_tess_xform fine = {0.01f, 0.0f, 0.0f};
	/* px from (10, 50): the second point is 0.26 px off the piece from
	 * the first to the last, the third only 0.2 px */
	const double run[4][2] = {{0, 0}, {2, 0.24}, {10, 0.1}, {100, -1}};
	ink_point pts[4];
	ink_tess_mesh m = {.shapes = true};
	for (int i = 0; i < 4; i++)
		pts[i] = (ink_point){(uint16_t)lround(1000 + 100 * run[i][0]),
		                     (uint16_t)lround(5000 + 100 * run[i][1])};
	assert_true(ink_tess_stroke(&m, pts, 4, &fine, 3, BLACK));
	for (int i = 0; i < 4; i++)
		assert_true(to_bands(&m, (pts[i].x + 0.5) * 0.01, (pts[i].y + 0.5) * 0.01) <=
		            INK_TESS_MERGE + 1e-4);
	/* There and halfway back along one line: the tip stays. */
	const ink_point hairpin[5] = {{100, 50}, {150, 50}, {200, 50}, {175, 50}, {150, 50}};
	ink_tess_mesh_clear(&m);
	assert_true(ink_tess_stroke(&m, hairpin, 5, &unit, 3, BLACK));
	assert_true(to_bands(&m, 200.5, 50.5) <= INK_TESS_MERGE + 1e-4);
	ink_tess_mesh_free(&m);
}

/* On any scribble, at any scale, the merged pieces pass within
 * INK_TESS_MERGE of every point the pen kept (points closer than
 * INK_TESS_MIN_STEP to the last kept one may be dropped: within that
 * more), and a gentle curve takes fewer pieces than it has points. */
static void test_merge_stays_near(void **state)
{
	(void)state;
	static ink_point pts[600];
	const float sizes[3] = {300, 1127, 4000};

	for (int z = 0; z < 3; z++) {
		ink_tess_xform xf = ink_tess_fit(4096, 4096, 0, 0, sizes[z], sizes[z]);
		size_t n = make_scribble(pts, 600);
		ink_tess_mesh m = {.shapes = true};
		for (size_t s0 = 0; s0 < n; s0 += 60) {
			ink_tess_mesh_clear(&m);
			assert_true(ink_tess_stroke(&m, pts + s0, 60, &xf, 4, BLACK));
			if (count_kind(&m, INK_TESS_BAND) == 0)
				continue; /* a dot */
			/* The pen's keep rule, with a margin for rounding: a point
			 * clearly kept is a vertex of the polyline before merging. */
			double kx = 0, ky = 0;
			for (size_t i = s0; i < s0 + 60; i++) {
				double x = xf.ox + (pts[i].x + 0.5) * xf.scale, y = xf.oy + (pts[i].y + 0.5) * xf.scale;
				double d = i == s0 ? INFINITY : hypot(x - kx, y - ky);
				bool kept = d >= INK_TESS_MIN_STEP + 1e-3;
				if (d >= INK_TESS_MIN_STEP - 1e-3)
					kx = x, ky = y; /* kept, or too close to the limit to tell */
				double most = kept ? INK_TESS_MERGE + 1e-3 : INK_TESS_MIN_STEP + INK_TESS_MERGE + 1e-3;
				assert_true(to_bands(&m, x, y) <= most);
			}
		}
		ink_tess_mesh_free(&m);
	}
	/* An arc of radius 500 px, a point every 10 px (on a grid of 0.01 px,
	 * so rounding does not make it wobble): a 30-px piece strays 0.225 px
	 * from it, so the pieces are half as many as the points at least. */
	const ink_tess_xform fine = {0.01f, 0.0f, 0.0f};
	ink_point arc[60];
	ink_tess_mesh m = {.shapes = true};
	for (int i = 0; i < 60; i++) {
		double a = i * 10.0 / 500;
		arc[i] = (ink_point){(uint16_t)lround(1000 + 50000 * sin(a)),
		                     (uint16_t)lround(51000 - 50000 * cos(a))};
	}
	assert_true(ink_tess_stroke(&m, arc, 60, &fine, 4, BLACK));
	assert_true(count_kind(&m, INK_TESS_BAND) <= 59 / 2);
	for (int i = 0; i < 60; i++)
		assert_true(to_bands(&m, (arc[i].x + 0.5) * 0.01, (arc[i].y + 0.5) * 0.01) <=
		            INK_TESS_MERGE + 1e-3);
	ink_tess_mesh_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_dot),
		cmocka_unit_test(test_straight_line),
		cmocka_unit_test(test_zigzag),
		cmocka_unit_test(test_identical_points),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_note),
		cmocka_unit_test(test_live_equals_whole),
		cmocka_unit_test(test_live_preview),
		cmocka_unit_test(test_mesh_reuse),
		cmocka_unit_test(test_bands_convex),
		cmocka_unit_test(test_merge_tolerance),
		cmocka_unit_test(test_merge_whole_run),
		cmocka_unit_test(test_merge_stays_near),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

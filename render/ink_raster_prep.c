/* ink_raster_prep.c — a shape's lines, cuts, box and alpha ramp, ready
 * for ink_raster.c's row loops. */
#include "ink_raster_prep.h"
#include "ink_px.h"

#include <math.h>
#include <string.h>

#define FIX 65536.0
#define FIX_MAX 1e12 /* |x| and |b| kept below this many px: no overflow */
#define CUT_REACH 5.0f /* a band's corners lie within this many ho of its cuts' points */

/* v px in 1/65536 px, rounded, kept within FIX_MAX px: what lines take. */
static int64_t fix(double v)
{
	v = v * FIX;
	v = v > -FIX_MAX * FIX ? v : -FIX_MAX * FIX; /* maxsd, minsd: v is finite */
	v = v < FIX_MAX * FIX ? v : FIX_MAX * FIX;
	/* Rounded half away from 0 (llround is a library call), branch-free. */
	return (int64_t)(v + __builtin_copysign(0.5, v));
}

/* A slope in px per row as lines take it: steeper is as good as level. */
static double slope_cap(double q)
{
	return q < -1e6 ? -1e6 : q > 1e6 ? 1e6 : q;
}

/* The line through x = x0 at yc = y0 with slope q px per row. Computed in
 * double: with a steep slope, float would lose the pixel. */
static lin lin_of(double x0, double y0, double q)
{
	q = slope_cap(q);
	return (lin){fix(x0 + q * (0.5 - y0)), fix(q)};
}

/* Lines that never bound a row: below and above every pixel. */
static const lin LIN_NONE_LO = {-(ROUND_UP + BIAS), 0};
static const lin LIN_NONE_HI = {INT64_MAX - ROUND_UP - BIAS, 0};

/* The cut's x on each row. Only the cut's own numbers go in, so both
 * shapes sharing it get the same line. */
static lin cut_lin(const ink_tess_cut *c, const ink_raster_target *t, cut_memo *m)
{
	if (m->ok && memcmp(c, &m->c, sizeof *c) == 0)
		return m->x;
	m->x = lin_of((double)c->x + t->ox, (double)c->y + t->oy, -(double)c->fy / (double)c->fx);
	m->c = *c;
	m->ok = true;
	return m->x;
}

/* Whether a horizontal cut (fx == 0) keeps row y: fy * (yc - y0) >= 0 is
 * `ge`. */
static inline bool cut_keeps_row(const ink_tess_cut *c, bool ge, const ink_raster_target *t, int y)
{
	return (c->fy * ((float)y + 0.5f - (c->y + t->oy)) >= 0) == ge;
}

/* Narrows rows [*y0, *y1) to those a horizontal cut keeps. Row centres
 * rise with y and every float step is monotone, so the kept rows are one
 * end of the range: the first row that differs from row y0 is found by
 * bisection, with the very test a row would make. */
static void cut_rows(const ink_tess_cut *c, bool ge, const ink_raster_target *t, int *y0, int *y1)
{
	if (*y0 >= *y1)
		return; /* the other cut left none */
	bool first = cut_keeps_row(c, ge, t, *y0);
	int lo = *y0 + 1, hi = *y1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (cut_keeps_row(c, ge, t, mid) != first)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (first)
		*y1 = lo;
	else
		*y0 = lo;
}

/* Applies cut c, keeping s >= 0 (ge) or s < 0, to p: a line that raises
 * the start of each row or lowers its end (s >= 0 lies right of the cut's
 * x when fx > 0, else left), or, for a horizontal cut, fewer rows. The
 * shapes on the two sides of a cut narrow opposite ends to the same
 * pixel, so each pixel of the row goes to exactly one. */
static void add_cut(prep *p, const ink_tess_cut *c, bool ge, const ink_raster_target *t,
                    cut_memo *m, int *nlo, int *nhi)
{
	if (c->fx == 0) {
		cut_rows(c, ge, t, &p->y0, &p->y1);
		return;
	}
	lin x = cut_lin(c, t, m);
	if ((c->fx > 0) == ge)
		p->cut_lo[(*nlo)++] = x;
	else
		p->cut_hi[(*nhi)++] = x;
}

static bool prep_cuts(const ink_raster_target *t, const ink_tess_shape *s, prep *p, cut_memo *m)
{
	int nlo = 0, nhi = 0;
	p->cut_lo[0] = p->cut_lo[1] = LIN_NONE_LO;
	p->cut_hi[0] = p->cut_hi[1] = LIN_NONE_HI;
	if (s->cuts & INK_TESS_FROM)
		add_cut(p, &s->from, true, t, m, &nlo, &nhi);
	if (s->cuts & INK_TESS_TO)
		add_cut(p, &s->to, false, t, m, &nlo, &nhi);
	p->two = nlo > 1 || nhi > 1;
	return p->y0 < p->y1;
}

/* Bounds of a band: where a cut meets the band's edges, ho along the
 * band's normal. Cuts from ink_tess lean 20 degrees at most; the reach of
 * the rest is capped at CUT_REACH ho (what the early reject assumes). */
static void band_bounds(const ink_tess_shape *s, float nx, float ny, float *b)
{
	const ink_tess_cut *cuts[2] = {&s->from, &s->to};
	b[0] = b[1] = INFINITY;
	b[2] = b[3] = -INFINITY;
	for (int k = 0; k < 2; k++) {
		float mx = -cuts[k]->fy, my = cuts[k]->fx, nm = fabsf(nx * mx + ny * my);
		float reach = s->ho / max_f(nm, 1.0f / CUT_REACH);
		b[0] = min_f(b[0], cuts[k]->x - fabsf(mx) * reach);
		b[1] = min_f(b[1], cuts[k]->y - fabsf(my) * reach);
		b[2] = max_f(b[2], cuts[k]->x + fabsf(mx) * reach);
		b[3] = max_f(b[3], cuts[k]->y + fabsf(my) * reach);
	}
}

/* The band's rim, where n . (p - a) = -ho and +ho, left first. Both
 * share one slope. A band along a row has none: its box bounds it. */
static void band_lines(prep *p)
{
	if (fabsf(p->nx) < 1e-6f) {
		p->rim[0] = LIN_NONE_LO;
		p->rim[1] = LIN_NONE_HI;
		return;
	}
	double q = slope_cap(-(double)p->ny / p->nx), off = q * (0.5 - (double)p->ay);
	double ro = (double)p->ho / p->nx;
	int64_t b = fix(q);
	lin rm = {fix(((double)p->ax - ro) + off), b}, rp = {fix(((double)p->ax + ro) + off), b};
	p->rim[0] = p->nx > 0 ? rm : rp;
	p->rim[1] = p->nx > 0 ? rp : rm;
}

/* Whether rows of [ylo, yhi] (renderer px) certainly miss the clip: a
 * thread drawing some of the rows skips the others' shapes cheaply. */
static inline bool misses_rows(const ink_raster_target *t, float ylo, float yhi)
{
	return yhi + t->oy < (float)t->clip.y - 1.0f ||
	       ylo + t->oy > (float)(t->clip.y + t->clip.h) + 1.0f;
}

/* Whether all four are finite: x - x is 0 if so, else NaN. */
static inline bool finite4(float a, float b, float c, float d)
{
	return (a - a) + (b - b) + (c - c) + (d - d) == 0;
}

/* Whether shape s certainly misses the clip's rows, tested first: a
 * thread drawing some of the rows meets every shape. NaN misses nothing
 * (the checks after reject it). */
static inline bool shape_misses(const ink_raster_target *t, const ink_tess_shape *s)
{
	if (s->kind != INK_TESS_BAND)
		return misses_rows(t, s->ay - s->ho, s->ay + s->ho);
	if ((s->cuts & (INK_TESS_FROM | INK_TESS_TO)) != (INK_TESS_FROM | INK_TESS_TO))
		return true; /* unbounded: ink_tess never makes one */
	float reach = CUT_REACH * s->ho;
	return misses_rows(t, min_f(s->from.y, s->to.y) - reach, max_f(s->from.y, s->to.y) + reach);
}

/* A band's normal and bounds b (renderer px); false if none. */
static bool prep_band(const ink_tess_shape *s, prep *p, float b[4])
{
	if (!finite4(s->from.y, s->to.y, 0, 0))
		return false;
	float dx = s->bx - s->ax, dy = s->by - s->ay, l = sqrtf(dx * dx + dy * dy);
	if (!(l > 0))
		return false;
	p->nx = -dy / l;
	p->ny = dx / l;
	band_bounds(s, p->nx, p->ny, b);
	return true;
}

bool ink_raster_prep_shape(const ink_raster_target *t, const ink_tess_shape *s, prep *p,
                           cut_memo *m)
{
	float b[4];
	const ink_tess_rgba *c = &s->colour;

	if (shape_misses(t, s) || !(s->ho > 0) || !(s->ho < 1e7f) || !(s->hi >= 0) ||
	    !(s->hi < s->ho) || c->a == 0 || !finite4(s->ax, s->ay, s->bx, s->by))
		return false;
	p->band = s->kind == INK_TESS_BAND;
	int grow = 1; /* a band's box may fall short by rounding: one more pixel */
	if (p->band) {
		if (!prep_band(s, p, b))
			return false;
	} else {
		/* Pixels from the first centre at or after ax - ho up to, not
		 * including, the first at or after ax + ho: the rest are at
		 * distance ho or more (alpha 0). */
		b[0] = s->ax - s->ho, b[1] = s->ay - s->ho, b[2] = s->ax + s->ho, b[3] = s->ay + s->ho;
		grow = 0;
	}
	if (!finite4(b[0], b[1], b[2], b[3]))
		return false;
	p->x0 = max_i(at_or_after(b[0] + t->ox), t->clip.x);
	p->y0 = max_i(at_or_after(b[1] + t->oy), t->clip.y);
	p->x1 = min_i(at_or_after(b[2] + t->ox) + grow, t->clip.x + t->clip.w);
	p->y1 = min_i(at_or_after(b[3] + t->oy) + grow, t->clip.y + t->clip.h);
	if (!(p->x0 < p->x1 && p->y0 < p->y1) || !prep_cuts(t, s, p, m))
		return false;
	p->ax = s->ax + t->ox;
	p->ay = s->ay + t->oy;
	p->ho = s->ho;
	if (p->band) {
		band_lines(p);
	} else {
		p->rim[0] = LIN_NONE_LO; /* never compared; stepped alike by lines_at (ink_raster.c) */
		p->rim[1] = LIN_NONE_HI;
	}
	p->rim_w = p->rim[1].a - p->rim[0].a;
	p->m = (float)c->a / (s->ho - s->hi);
	p->k = s->ho * p->m + 0.5f;
	p->cap = (float)c->a + 0.5f;
	p->src = 0xFF000000u | (uint32_t)c->r << 16 | (uint32_t)c->g << 8 | c->b;
	return true;
}

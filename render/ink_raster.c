/* ink_raster.c — ink shapes and triangles blended straight into a 32-bit
 * surface, by scanline. */
#include "ink_raster.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* fminf and fmaxf honour NaN and so are library calls; these are not. */
static inline float min_f(float a, float b) { return a < b ? a : b; }
static inline float max_f(float a, float b) { return a > b ? a : b; }
static inline int min_i(int a, int b) { return a < b ? a : b; }
static inline int max_i(int a, int b) { return a > b ? a : b; }
static inline int64_t min_l(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t max_l(int64_t a, int64_t b) { return a > b ? a : b; }

/* The first pixel whose centre lies at or after x: ceil(x - 0.5), kept
 * far from int overflow. Branch-free: ceilf is a library call without
 * SSE4.1, and this runs several times per row. */
static inline int at_or_after(float x)
{
	x = min_f(max_f(x - 0.5f, -1e8f), 1e8f);
	int i = (int)x;
	return i + ((float)i < x);
}

static inline uint32_t *row_of(const ink_raster_target *t, int y)
{
	return (uint32_t *)((uint8_t *)t->s->pixels + (size_t)y * (size_t)t->s->pitch);
}

#define LANES 0x00FF00FF00FF00FFu

/* A pixel's four bytes in the low halves of four 16-bit lanes: B, R, G, A
 * from the bottom. */
static inline uint64_t spread(uint32_t c)
{
	return (c & 0xFF00FFu) | (uint64_t)(c & 0xFF00FF00u) << 24;
}

/* Source over destination, straight alpha, as SDL_BLENDMODE_BLEND:
 * colour s*a + d*(1-a), alpha a + da*(1-a). s4 is spread(0xFF000000 |
 * colour): the alpha lane then gives a*255/255 + da*(1-a). All four
 * lanes are x / 255 rounded, x <= 255 * 255 (exact: no carry between
 * lanes), in one multiply-add. */
static inline uint32_t blend(uint64_t s4, uint32_t d, uint32_t a)
{
	uint64_t v = s4 * a + spread(d) * (255 - a) + 0x0080008000800080u;
	v = ((v + ((v >> 8) & LANES)) >> 8) & LANES;
	return (uint32_t)v | (uint32_t)(v >> 24);
}

/* ---- shapes ---- */

/* A line's x on each row, in 1/65536 px: x(y) = a + b * y at the centre
 * of row y. Stepping is exact integer addition, so x on a row does not
 * depend on where a shape started, and two shapes that make a line from
 * the same numbers agree on every row. */
typedef struct lin {
	int64_t a, b;
} lin;

#define FIX 65536.0
#define MAX_ROWS (1 << 22)
#define PREFETCH_ROWS 4 /* 3 to 6 measured alike; 10 overshoots a band */
#define FIX_MAX 1e12 /* |x| and |b| kept below this many px: no overflow */

static int64_t fix(double v)
{
	v = v * FIX;
	v = v < -FIX_MAX * FIX ? -FIX_MAX * FIX : v > FIX_MAX * FIX ? FIX_MAX * FIX : v;
	return (int64_t)(v < 0 ? v - 0.5 : v + 0.5); /* rounded; llround is a library call */
}

/* The line through x = x0 at yc = y0 with slope q px per row. Computed in
 * double: with a steep slope, float would lose the pixel. */
static lin lin_of(double x0, double y0, double q)
{
	q = q < -1e6 ? -1e6 : q > 1e6 ? 1e6 : q; /* steeper is as good as level */
	return (lin){fix(x0 + q * (0.5 - y0)), fix(q)};
}

/* The first pixel whose centre lies at or after fixed-point x: ceil(x -
 * 0.5). Kept in 64 bits, unclamped (clamping every row cost more than the
 * rest of the index): lin_of and MAX_ROWS keep |x| below 2^59, and rows
 * meet the clip before anything narrows to int. */
static inline int64_t index_of(int64_t x)
{
	const int64_t bias = (int64_t)1 << 60; /* shifts only non-negative values */
	return ((x + 32767 + bias) >> 16) - (bias >> 16);
}

/* How a cut narrows a row: raise its start (LO) or lower its end (HI) to
 * the first pixel at or after the cut's x; ROWS: a horizontal cut keeps
 * whole rows. The shapes on the two sides of a cut narrow opposite ends
 * to the same pixel, so each pixel of the row goes to exactly one. */
enum { CUT_NONE, CUT_LO, CUT_HI, CUT_ROWS };

typedef struct cut_rule {
	int mode;
	bool keep_ge;   /* ROWS: keep rows where fy * (yc - y0) >= 0 is this */
	float y0, fy;   /* ROWS */
	lin x;          /* LO, HI */
} cut_rule;

/* A shape ready for rows. */
typedef struct prep {
	int x0, y0, x1, y1;      /* pixel bounds, within the clip: [x0, x1) x [y0, y1) */
	bool band;
	float ax, ay;            /* centre (round) or a point of the centre line, surface px */
	float nx, ny;            /* band: unit normal of the centre line */
	lin rim[2], core[2];     /* band, unless flat: where |distance| = ho, hi; left, right */
	bool flat;               /* band along a row: no x bounds of its own */
	float hi, ho, inv_f;     /* alpha = clamp((ho - distance) * inv_f, 0, 1) */
	uint32_t opaque;         /* the pixel at full alpha, or 0 if colour.a < 255 */
	uint64_t rgb4;           /* spread(0xFF000000 | colour), for blend */
	float ca;                /* colour alpha, 0..255 */
	cut_rule cut[2];
} prep;

/* Keep s >= 0 (ge) or s < 0 of cut c, whose normal is (fx, fy). Only the
 * cut's own numbers go in, so both shapes sharing it get the same rule
 * with opposite sides. */
static cut_rule cut_rule_of(const ink_tess_cut *c, bool ge, const ink_raster_target *t)
{
	cut_rule r = {.y0 = c->y + t->oy, .fy = c->fy, .keep_ge = ge};
	if (c->fx == 0) {
		r.mode = CUT_ROWS;
		return r;
	}
	r.x = lin_of((double)c->x + t->ox, (double)c->y + t->oy, -(double)c->fy / (double)c->fx);
	/* s >= 0 lies right of the cut's x when fx > 0, else left. */
	r.mode = (c->fx > 0) == ge ? CUT_LO : CUT_HI;
	return r;
}

static inline void cut_apply(const cut_rule *r, int y, int64_t *lo, int64_t *hi)
{
	if (r->mode == CUT_LO)
		*lo = max_l(*lo, index_of(r->x.a + r->x.b * y));
	else if (r->mode == CUT_HI)
		*hi = min_l(*hi, index_of(r->x.a + r->x.b * y));
	else if (r->mode == CUT_ROWS && (r->fy * ((float)y + 0.5f - r->y0) >= 0) != r->keep_ge)
		*hi = *lo;
}

/* Vertical reach of a band's corners: where a cut meets the band's edges,
 * ho along the band's normal. */
static void band_bounds(const ink_tess_shape *s, float nx, float ny, float *b)
{
	const ink_tess_cut *cuts[2] = {&s->from, &s->to};
	b[0] = b[1] = INFINITY;
	b[2] = b[3] = -INFINITY;
	for (int k = 0; k < 2; k++) {
		float mx = -cuts[k]->fy, my = cuts[k]->fx, nm = fabsf(nx * mx + ny * my);
		/* Cuts from ink_tess lean 20 degrees at most; cap the rest. */
		float reach = s->ho / max_f(nm, 0.2f);
		b[0] = min_f(b[0], cuts[k]->x - fabsf(mx) * reach);
		b[1] = min_f(b[1], cuts[k]->y - fabsf(my) * reach);
		b[2] = max_f(b[2], cuts[k]->x + fabsf(mx) * reach);
		b[3] = max_f(b[3], cuts[k]->y + fabsf(my) * reach);
	}
}

/* The band's own x bounds: where n . (p - a) = -h and +h, left first. */
static void band_lines(prep *p, float h, lin out[2])
{
	double q = -(double)p->ny / p->nx;
	lin m = lin_of(p->ax - (double)h / p->nx, p->ay, q), n = lin_of(p->ax + (double)h / p->nx, p->ay, q);
	out[0] = p->nx > 0 ? m : n;
	out[1] = p->nx > 0 ? n : m;
}

static bool prep_band(const ink_tess_shape *s, prep *p, float b[4])
{
	float dx = s->bx - s->ax, dy = s->by - s->ay, l = sqrtf(dx * dx + dy * dy);
	if (!(l > 0) || (s->cuts & (INK_TESS_FROM | INK_TESS_TO)) != (INK_TESS_FROM | INK_TESS_TO))
		return false; /* unbounded: ink_tess never makes one */
	p->nx = -dy / l;
	p->ny = dx / l;
	p->flat = fabsf(p->nx) < 1e-6f;
	if (!p->flat) {
		band_lines(p, p->ho, p->rim);
		band_lines(p, p->hi, p->core);
	}
	band_bounds(s, p->nx, p->ny, b);
	return true;
}

/* Prepares shape s; false if it draws nothing inside the clip. */
static bool prep_shape(const ink_raster_target *t, const ink_tess_shape *s, prep *p)
{
	float b[4];
	const ink_tess_rgba *c = &s->colour;

	if (!(s->ho > 0) || !(s->ho < 1e7f) || !(s->hi >= 0) || !(s->hi < s->ho) || c->a == 0 ||
	    !isfinite(s->ax) || !isfinite(s->ay) || !isfinite(s->bx) || !isfinite(s->by))
		return false;
	p->band = s->kind == INK_TESS_BAND;
	p->ax = s->ax + t->ox;
	p->ay = s->ay + t->oy;
	p->hi = s->hi;
	p->ho = s->ho;
	p->inv_f = 1.0f / (s->ho - s->hi);
	uint32_t rgb = (uint32_t)c->r << 16 | (uint32_t)c->g << 8 | c->b;
	p->rgb4 = spread(0xFF000000u | rgb);
	p->opaque = c->a == 255 ? 0xFF000000u | rgb : 0;
	p->ca = (float)c->a;
	p->cut[0] = s->cuts & INK_TESS_FROM ? cut_rule_of(&s->from, true, t) : (cut_rule){0};
	p->cut[1] = s->cuts & INK_TESS_TO ? cut_rule_of(&s->to, false, t) : (cut_rule){0};
	if (p->band) {
		if (!prep_band(s, p, b))
			return false;
	} else {
		b[0] = s->ax - s->ho, b[1] = s->ay - s->ho, b[2] = s->ax + s->ho, b[3] = s->ay + s->ho;
	}
	if (!(isfinite(b[0]) && isfinite(b[1]) && isfinite(b[2]) && isfinite(b[3])))
		return false;
	p->x0 = max_i(at_or_after(b[0] + t->ox), t->clip.x);
	p->y0 = max_i(at_or_after(b[1] + t->oy), t->clip.y);
	p->x1 = min_i(at_or_after(b[2] + t->ox) + 1, t->clip.x + t->clip.w);
	p->y1 = min_i(at_or_after(b[3] + t->oy) + 1, t->clip.y + t->clip.h);
	return p->x0 < p->x1 && p->y0 < p->y1;
}

/* Blends a pixel at `dist` from the shape's centre (line or point). At
 * full alpha blend gives the opaque pixel itself: no branch for it. */
static inline void put_px(uint32_t *px, const prep *p, float dist)
{
	float a = min_f(max_f((p->ho - dist) * p->inv_f, 0.0f), 1.0f);
	uint32_t a8 = (uint32_t)(a * p->ca + 0.5f);
	if (a8)
		*px = blend(p->rgb4, *px, a8);
}

/* Full-alpha pixels [x0, x1) of a row. */
static inline void fill_core(uint32_t *row, int x0, int x1, const prep *p)
{
	if (p->opaque) {
		for (int x = x0; x < x1; x++)
			row[x] = p->opaque;
		return;
	}
	for (int x = x0; x < x1; x++)
		row[x] = blend(p->rgb4, row[x], (uint32_t)(p->ca + 0.5f));
}

/* Draws row y's pixels [lo, hi), full alpha in [c0, c1), the rest by
 * distance: |e| for a band (e at lo, stepping de), the distance to the
 * centre for a round part (dy its row offset). */
static inline void draw_row(uint32_t *row, const prep *p, int lo, int hi, int c0, int c1, float dy)
{
	if (p->band) {
		float ey = p->ny * dy, e = ey + p->nx * ((float)lo + 0.5f - p->ax);
		for (int x = lo; x < c0; x++, e += p->nx)
			put_px(&row[x], p, fabsf(e));
		e = ey + p->nx * ((float)c1 + 0.5f - p->ax);
		for (int x = c1; x < hi; x++, e += p->nx)
			put_px(&row[x], p, fabsf(e));
	} else {
		for (int x = lo; x < c0; x++) {
			float dx = (float)x + 0.5f - p->ax;
			put_px(&row[x], p, sqrtf(dx * dx + dy * dy));
		}
		for (int x = c1; x < hi; x++) {
			float dx = (float)x + 0.5f - p->ax;
			put_px(&row[x], p, sqrtf(dx * dx + dy * dy));
		}
	}
	fill_core(row, c0, c1, p);
}

/* The band's span and core on row y, before cuts. False: none. */
static inline bool band_span(const prep *p, int y, float dy, int64_t *lo, int64_t *hi, int64_t *c0,
                             int64_t *c1)
{
	if (p->flat) {
		float e = fabsf(p->ny * dy);
		if (!(e < p->ho))
			return false;
		*c0 = e <= p->hi ? *lo : *hi; /* the whole row is core or rim */
		*c1 = *hi;
		return true;
	}
	*lo = index_of(p->rim[0].a + p->rim[0].b * y);
	*hi = index_of(p->rim[1].a + p->rim[1].b * y);
	*c0 = index_of(p->core[0].a + p->core[0].b * y);
	*c1 = index_of(p->core[1].a + p->core[1].b * y);
	return true;
}

static inline bool round_span(const prep *p, float dy, int64_t *lo, int64_t *hi, int64_t *c0,
                              int64_t *c1)
{
	float r2 = p->ho * p->ho - dy * dy, k2 = p->hi * p->hi - dy * dy;
	if (!(r2 > 0))
		return false;
	float half = sqrtf(r2);
	*lo = at_or_after(p->ax - half);
	*hi = at_or_after(p->ax + half);
	if (k2 > 0) {
		float core = sqrtf(k2);
		*c0 = at_or_after(p->ax - core);
		*c1 = at_or_after(p->ax + core);
	} else {
		*c0 = *c1 = *hi;
	}
	return true;
}

/* Draws shape p, row by row. */
static void draw_prep(const ink_raster_target *t, const prep *p)
{
	int xa = p->x0, xb = p->x1;

	for (int y = p->y0; y < p->y1; y++) {
		float dy = (float)y + 0.5f - p->ay;
		int64_t lo = xa, hi = xb, c0 = 0, c1 = 0;
		if (!(p->band ? band_span(p, y, dy, &lo, &hi, &c0, &c1)
		              : round_span(p, dy, &lo, &hi, &c0, &c1)))
			continue;
		cut_apply(&p->cut[0], y, &lo, &hi);
		cut_apply(&p->cut[1], y, &lo, &hi);
		lo = max_l(lo, xa);
		hi = min_l(hi, xb);
		if (lo >= hi)
			continue;
		/* The surface is megabytes (beyond L2) and shapes come in stroke
		 * order, so the rim's reads would wait on memory: ask for this
		 * span's lines a few rows down (a band moves little per row). */
		if (y + PREFETCH_ROWS < p->y1) {
			__builtin_prefetch(row_of(t, y + PREFETCH_ROWS) + lo, 1);
			__builtin_prefetch(row_of(t, y + PREFETCH_ROWS) + hi - 1, 1);
		}
		c0 = min_l(max_l(c0, lo), hi);
		c1 = max_l(min_l(c1, hi), c0);
		draw_row(row_of(t, y), p, (int)lo, (int)hi, (int)c0, (int)c1, dy);
	}
}

void ink_raster_shapes(const ink_raster_target *t, const ink_tess_shape *s, size_t n)
{
	prep p;
	if (t->clip.y + t->clip.h > MAX_ROWS)
		return; /* rows times slopes must stay inside int64 */
	for (size_t i = 0; i < n; i++)
		if (prep_shape(t, &s[i], &p))
			draw_prep(t, &p);
}

/* ---- triangles ---- */

/* A triangle corner in surface px; a is its alpha, 0..255. */
typedef struct corner {
	float x, y, a;
} corner;

static bool before(const corner *p, const corner *q)
{
	return p->y < q->y || (p->y == q->y && p->x < q->x);
}

/* x where edge p -> q (p before q) meets row centre yc. Both triangles
 * sharing an edge see its ends in the same order and compute the same x,
 * so each pixel on it goes to exactly one of them. */
static float edge_x(const corner *p, const corner *q, float yc)
{
	return p->x + (yc - p->y) * ((q->x - p->x) / (q->y - p->y));
}

static void tri_span(uint32_t *row, int i0, int i1, float a, float da, uint32_t rgb)
{
	uint64_t rgb4 = spread(0xFF000000u | rgb);
	for (int i = i0; i < i1; i++, a += da) {
		float c = a < 0 ? 0 : a > 255 ? 255 : a;
		uint32_t a8 = (uint32_t)(c + 0.5f);
		if (a8 == 255)
			row[i] = 0xFF000000u | rgb;
		else if (a8)
			row[i] = blend(rgb4, row[i], a8);
	}
}

static void sort3(corner v[3])
{
	corner tmp;
	if (before(&v[1], &v[0]))
		tmp = v[0], v[0] = v[1], v[1] = tmp;
	if (before(&v[2], &v[1]))
		tmp = v[1], v[1] = v[2], v[2] = tmp;
	if (before(&v[1], &v[0]))
		tmp = v[0], v[0] = v[1], v[1] = tmp;
}

static void raster_tri(const ink_raster_target *t, corner v[3], uint32_t rgb)
{
	sort3(v);
	float ex1 = v[1].x - v[0].x, ey1 = v[1].y - v[0].y;
	float ex2 = v[2].x - v[0].x, ey2 = v[2].y - v[0].y;
	float area = ex1 * ey2 - ex2 * ey1;
	if (!(fabsf(area) > 1e-12f) || !isfinite(area))
		return;
	float ga = ((v[1].a - v[0].a) * ey2 - (v[2].a - v[0].a) * ey1) / area;
	float gb = ((v[2].a - v[0].a) * ex1 - (v[1].a - v[0].a) * ex2) / area;
	int cx0 = t->clip.x, cx1 = t->clip.x + t->clip.w;
	int j1 = min_i(at_or_after(v[2].y), t->clip.y + t->clip.h);

	for (int j = max_i(at_or_after(v[0].y), t->clip.y); j < j1; j++) {
		float yc = (float)j + 0.5f;
		float xa = edge_x(&v[0], &v[2], yc);
		float xb = yc < v[1].y ? edge_x(&v[0], &v[1], yc) : edge_x(&v[1], &v[2], yc);
		int i0 = max_i(at_or_after(min_f(xa, xb)), cx0);
		int i1 = min_i(at_or_after(max_f(xa, xb)), cx1);
		if (i0 >= i1)
			continue;
		float a = v[0].a + ga * ((float)i0 + 0.5f - v[0].x) + gb * (yc - v[0].y);
		tri_span(row_of(t, j), i0, i1, a, ga, rgb);
	}
}

void ink_raster_triangles(const ink_raster_target *t, const ink_tess_mesh *m)
{
	for (size_t k = 0; k + 2 < m->ni; k += 3) {
		corner c[3];
		for (int j = 0; j < 3; j++) {
			const ink_tess_vertex *v = &m->v[m->idx[k + (size_t)j]];
			c[j] = (corner){v->x + t->ox, v->y + t->oy, (float)v->c.a};
		}
		const ink_tess_rgba *rgb = &m->v[m->idx[k]].c;
		raster_tri(t, c, (uint32_t)rgb->r << 16 | (uint32_t)rgb->g << 8 | rgb->b);
	}
}

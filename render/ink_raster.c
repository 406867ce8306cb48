/* ink_raster.c — ink shapes and triangles blended straight into a 32-bit
 * surface, by scanline. */
#include "ink_raster.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#define ABS_MASK _mm_castsi128_ps(_mm_set1_epi32(0x7FFFFFFF))
#endif

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

/* A line walked row by row: x is a + b * y + ROUND_UP + BIAS on the
 * current row, so the first pixel whose centre lies at or after the line,
 * ceil(x - 0.5), is a shift (px_of). lin_of and MAX_ROWS keep |a + b * y|
 * below 2^59: x stays positive and no add overflows. The pixel index is
 * monotone in x, so lines are compared (max, min) before the shift. */
typedef struct edge {
	int64_t x, b;
} edge;

#define BIAS ((int64_t)1 << 60)
#define ROUND_UP 32767
/* Lines that never bound a row: below and above every pixel. */
static const lin LIN_NONE_LO = {-(ROUND_UP + BIAS), 0};
static const lin LIN_NONE_HI = {INT64_MAX - ROUND_UP - BIAS, 0};

static inline edge edge_at(lin l, int y)
{
	return (edge){l.a + l.b * y + ROUND_UP + BIAS, l.b};
}

static inline int64_t px_of(int64_t x)
{
	return (x >> 16) - (BIAS >> 16);
}

/* The least x whose px_of is pixel i: max(px_of(x), i) is then
 * px_of(max(x, at_px(i))), and likewise min. */
static inline int64_t at_px(int i)
{
	return ((int64_t)i + (BIAS >> 16)) * 65536;
}

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
	uint32_t rgb;            /* the colour, 0x00RRGGBB */
	float ca;                /* colour alpha, 0..255 */
	lin cut_lo[2], cut_hi[2]; /* the cuts that raise a row's start, lower its end */
	int ncut_lo, ncut_hi;
#ifdef __SSE2__
	__m128 v_ho, v_inv_f, v_ca;  /* ho, inv_f, ca in every lane */
	__m128i v_src;           /* 0xFF000000 | colour in 16-bit lanes, twice */
#endif
} prep;

/* The last cut line made: consecutive shapes share a cut (one's `to` is
 * the next one's `from`, bit for bit), so each is made once. */
typedef struct cut_memo {
	bool ok;
	ink_tess_cut c;
	lin x;
} cut_memo;

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
	p->ncut_lo = nlo;
	p->ncut_hi = nhi;
	return p->y0 < p->y1;
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

/* The band's own x bounds, where n . (p - a) = -h and +h, left first:
 * the rim (h = ho) and the core (h = hi). All four share one slope. */
static void band_lines(prep *p)
{
	double q = slope_cap(-(double)p->ny / p->nx), off = q * (0.5 - (double)p->ay);
	double ro = (double)p->ho / p->nx, co = (double)p->hi / p->nx;
	int64_t b = fix(q);
	lin rm = {fix(((double)p->ax - ro) + off), b}, rp = {fix(((double)p->ax + ro) + off), b};
	lin cm = {fix(((double)p->ax - co) + off), b}, cp = {fix(((double)p->ax + co) + off), b};
	p->rim[0] = p->nx > 0 ? rm : rp;
	p->rim[1] = p->nx > 0 ? rp : rm;
	p->core[0] = p->nx > 0 ? cm : cp;
	p->core[1] = p->nx > 0 ? cp : cm;
}

static bool prep_band(const ink_tess_shape *s, prep *p, float b[4])
{
	float dx = s->bx - s->ax, dy = s->by - s->ay, l = sqrtf(dx * dx + dy * dy);
	if (!(l > 0) || (s->cuts & (INK_TESS_FROM | INK_TESS_TO)) != (INK_TESS_FROM | INK_TESS_TO))
		return false; /* unbounded: ink_tess never makes one */
	p->nx = -dy / l;
	p->ny = dx / l;
	p->flat = fabsf(p->nx) < 1e-6f;
	band_bounds(s, p->nx, p->ny, b);
	return true;
}

/* Prepares shape s; false if it draws nothing inside the clip. */
static bool prep_shape(const ink_raster_target *t, const ink_tess_shape *s, prep *p, cut_memo *m)
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
	if (!(p->x0 < p->x1 && p->y0 < p->y1) || !prep_cuts(t, s, p, m))
		return false;
	if (p->band && !p->flat)
		band_lines(p);
	p->inv_f = 1.0f / (s->ho - s->hi);
	uint32_t rgb = (uint32_t)c->r << 16 | (uint32_t)c->g << 8 | c->b;
	p->rgb = rgb;
	p->rgb4 = spread(0xFF000000u | rgb);
	p->opaque = c->a == 255 ? 0xFF000000u | rgb : 0;
	p->ca = (float)c->a;
#ifdef __SSE2__
	p->v_ho = _mm_set1_ps(p->ho);
	p->v_inv_f = _mm_set1_ps(p->inv_f);
	p->v_ca = _mm_set1_ps(p->ca);
	p->v_src = _mm_unpacklo_epi8(_mm_set1_epi32((int)(0xFF000000u | rgb)), _mm_setzero_si128());
#endif
	return true;
}

#ifndef __SSE2__
/* Blends a pixel at `dist` from the shape's centre (line or point). At
 * full alpha blend gives the opaque pixel itself: no branch for it. */
static inline void put_px(uint32_t *px, const prep *p, float dist)
{
	float a = min_f(max_f((p->ho - dist) * p->inv_f, 0.0f), 1.0f);
	uint32_t a8 = (uint32_t)(a * p->ca + 0.5f);
	if (a8)
		*px = blend(p->rgb4, *px, a8);
}
#endif

/* n > 0 pixels of colour c from px on. Cores are a few pixels wide: whole
 * stores that may overlap (the same value twice) beat a loop. */
static inline void fill_run(uint32_t *px, int n, uint32_t c)
{
#ifdef __SSE2__
	if (n >= 4) {
		__m128i v = _mm_set1_epi32((int)c);
		for (int i = 0; i < n - 4; i += 4)
			_mm_storeu_si128((__m128i *)(px + i), v);
		_mm_storeu_si128((__m128i *)(px + n - 4), v);
		return;
	}
#endif
	if (n >= 2) {
		uint64_t c2 = c | (uint64_t)c << 32;
		for (int i = 0; i < n - 2; i += 2)
			memcpy(px + i, &c2, sizeof c2);
		memcpy(px + n - 2, &c2, sizeof c2);
		return;
	}
	px[0] = c;
}

/* Full-alpha pixels [x0, x1) of a row. */
static inline void fill_core(uint32_t *row, int x0, int x1, const prep *p)
{
	if (x0 >= x1)
		return;
	if (p->opaque) {
		fill_run(row + x0, x1 - x0, p->opaque);
		return;
	}
	uint32_t a8 = (uint32_t)(p->ca + 0.5f);
	for (int x = x0; x < x1; x++)
		row[x] = blend(p->rgb4, row[x], a8);
}

#ifdef __SSE2__
/* Alpha of put_px in 16-bit lanes, lane by lane the same float steps:
 * pixel 0's (dist lane 0) in lanes 0-3, pixel 1's in lanes 4-7. */
static inline __m128i alpha2(__m128 dist, const prep *p)
{
	__m128 a = _mm_mul_ps(_mm_sub_ps(p->v_ho, dist), p->v_inv_f);
	a = _mm_min_ps(_mm_max_ps(a, _mm_setzero_ps()), _mm_set1_ps(1.0f));
	__m128i a8 = _mm_cvttps_epi32(_mm_add_ps(_mm_mul_ps(a, p->v_ca), _mm_set1_ps(0.5f)));
	a8 = _mm_packs_epi32(a8, a8);
	a8 = _mm_unpacklo_epi16(a8, a8);
	return _mm_unpacklo_epi32(a8, a8);
}

/* blend for two pixels d (in 16-bit lanes) at alphas a8 (alpha2); the
 * result packed to bytes in the low 8. */
static inline __m128i blend2(__m128i d, __m128i a8, const prep *p)
{
	__m128i v = _mm_add_epi16(_mm_mullo_epi16(p->v_src, a8),
	                          _mm_mullo_epi16(d, _mm_sub_epi16(_mm_set1_epi16(255), a8)));
	v = _mm_add_epi16(v, _mm_set1_epi16(0x80));
	v = _mm_srli_epi16(_mm_add_epi16(v, _mm_srli_epi16(v, 8)), 8);
	return _mm_packus_epi16(v, v);
}

/* put_px for pixels *q0 and *q1 (distances in lanes 0 and 1; q1 may be
 * q0 + 1, or q0 itself for one pixel). A pixel at alpha 0 is written back
 * unchanged (blend at 0 is the identity): no branch. */
static inline void put_px2(uint32_t *q0, uint32_t *q1, __m128 dist, const prep *p)
{
	__m128i d = _mm_unpacklo_epi32(_mm_cvtsi32_si128((int)*q0), _mm_cvtsi32_si128((int)*q1));
	__m128i v = blend2(_mm_unpacklo_epi8(d, _mm_setzero_si128()), alpha2(dist, p), p);
	*q1 = (uint32_t)_mm_cvtsi128_si32(_mm_srli_epi64(v, 32));
	*q0 = (uint32_t)_mm_cvtsi128_si32(v);
}
#endif

/* The rim pixels [x0, x1) of a band's row, e the signed distance at x0
 * (stepped by nx from pixel to pixel, as a plain loop would). */
static inline void band_rim(uint32_t *row, int x0, int x1, float e, const prep *p)
{
#ifdef __SSE2__
	int x = x0;
	for (; x + 2 <= x1; x += 2) {
		float e1 = e + p->nx;
		put_px2(row + x, row + x + 1, _mm_and_ps(_mm_setr_ps(e, e1, 0, 0), ABS_MASK), p);
		e = e1 + p->nx;
	}
	if (x < x1)
		put_px2(row + x, row + x, _mm_and_ps(_mm_set1_ps(e), ABS_MASK), p);
#else
	for (int x = x0; x < x1; x++, e += p->nx)
		put_px(&row[x], p, fabsf(e));
#endif
}

/* The rim pixels [x0, x1) of a round part's row, dy the row's offset. */
static inline void round_rim(uint32_t *row, int x0, int x1, float dy, const prep *p)
{
#ifdef __SSE2__
	const __m128 dy2 = _mm_set1_ps(dy * dy);
	for (int x = x0; x < x1; x += 2) {
		__m128 dx = _mm_cvtepi32_ps(_mm_setr_epi32(x, x + 1, 0, 0));
		dx = _mm_sub_ps(_mm_add_ps(dx, _mm_set1_ps(0.5f)), _mm_set1_ps(p->ax));
		put_px2(row + x, row + (x + 2 <= x1 ? x + 1 : x), _mm_sqrt_ps(_mm_add_ps(_mm_mul_ps(dx, dx), dy2)), p);
	}
#else
	for (int x = x0; x < x1; x++) {
		float dx = (float)x + 0.5f - p->ax;
		put_px(&row[x], p, sqrtf(dx * dx + dy * dy));
	}
#endif
}

/* Draws a band's row: pixels [lo, hi), full alpha in [c0, c1), the rest
 * at distance |e|, from e at lo and at c1 (dy is the row's offset).
 * Inlined in both row loops: a call per row costs more than the row's
 * rim. */
static inline __attribute__((always_inline)) void band_row(uint32_t *row, const prep *p, int lo,
                                                           int hi, int c0, int c1, float dy)
{
	float ey = p->ny * dy;
#ifdef __SSE2__
	if (c0 - lo == 1 && hi - c1 == 1) { /* the usual row: one rim pixel a side */
		__m128 x = _mm_cvtepi32_ps(_mm_setr_epi32(lo, c1, 0, 0));
		__m128 e = _mm_mul_ps(_mm_set1_ps(p->nx), _mm_sub_ps(_mm_add_ps(x, _mm_set1_ps(0.5f)), _mm_set1_ps(p->ax)));
		put_px2(row + lo, row + c1, _mm_and_ps(_mm_add_ps(_mm_set1_ps(ey), e), ABS_MASK), p);
		fill_core(row, c0, c1, p);
		return;
	}
#endif
	if (lo < c0)
		band_rim(row, lo, c0, ey + p->nx * ((float)lo + 0.5f - p->ax), p);
	if (c1 < hi)
		band_rim(row, c1, hi, ey + p->nx * ((float)c1 + 0.5f - p->ax), p);
	fill_core(row, c0, c1, p);
}

/* The same for a round part: the rim at the distance to the centre. */
static inline void round_row(uint32_t *row, const prep *p, int lo, int hi, int c0, int c1, float dy)
{
	round_rim(row, lo, c0, dy, p);
	round_rim(row, c1, hi, dy, p);
	fill_core(row, c0, c1, p);
}

/* The surface is megabytes (beyond L2): ask for this span's lines a few
 * rows down (a band moves little per row). Rows of a small shape have
 * mostly been asked for already (PREFETCH_SHAPE); a tall one's have not.
 * A macro: GCC finds a function holding only prefetches free of effects
 * and drops its calls. */
#define PREFETCH_SPAN(t, p, y, lo, hi)                                                             \
	do {                                                                                       \
		if ((y) + PREFETCH_ROWS < (p)->y1) {                                               \
			__builtin_prefetch(row_of(t, (y) + PREFETCH_ROWS) + (lo), 1);              \
			__builtin_prefetch(row_of(t, (y) + PREFETCH_ROWS) + (hi) - 1, 1);          \
		}                                                                                  \
	} while (0)

/* Draws band p (not flat), row by row: its rim and core lines and the
 * cuts' lines stepped in exact integer adds, compared before the shift
 * to pixels. `two`: a second cut on one side (else that slot's line is
 * never compared). */
static inline __attribute__((always_inline)) void band_rows(const ink_raster_target *t,
                                                            const prep *p, bool two)
{
	int y = p->y0;
	int64_t r0 = edge_at(p->rim[0], y).x, r1 = edge_at(p->rim[1], y).x;
	int64_t k0 = edge_at(p->core[0], y).x, k1 = edge_at(p->core[1], y).x, step = p->rim[0].b;
	edge l0 = edge_at(p->cut_lo[0], y), l1 = edge_at(p->cut_lo[1], y);
	edge h0 = edge_at(p->cut_hi[0], y), h1 = edge_at(p->cut_hi[1], y);
	const int64_t xa = at_px(p->x0), xb = at_px(p->x1);
	uint8_t *row = (uint8_t *)row_of(t, y);
	const size_t pitch = (size_t)t->s->pitch;

	for (; y < p->y1; y++, row += pitch) {
		int64_t lo = max_l(max_l(r0, xa), two ? max_l(l0.x, l1.x) : l0.x);
		int64_t hi = min_l(min_l(r1, xb), two ? min_l(h0.x, h1.x) : h0.x);
		int64_t c0 = min_l(max_l(k0, lo), hi);
		int64_t c1 = max_l(min_l(k1, hi), c0);
		r0 += step, r1 += step, k0 += step, k1 += step;
		l0.x += l0.b, h0.x += h0.b;
		if (two)
			l1.x += l1.b, h1.x += h1.b;
		lo = px_of(lo);
		hi = px_of(hi);
		if (lo >= hi)
			continue;
		if (y + PREFETCH_ROWS < p->y1) { /* as PREFETCH_SPAN */
			__builtin_prefetch((uint32_t *)(row + PREFETCH_ROWS * pitch) + lo, 1);
			__builtin_prefetch((uint32_t *)(row + PREFETCH_ROWS * pitch) + hi - 1, 1);
		}
		band_row((uint32_t *)row, p, (int)lo, (int)hi, (int)px_of(c0), (int)px_of(c1),
		         (float)y + 0.5f - p->ay);
	}
}

static void draw_band(const ink_raster_target *t, const prep *p)
{
	if (p->ncut_lo > 1 || p->ncut_hi > 1)
		band_rows(t, p, true);
	else
		band_rows(t, p, false);
}

/* A flat band's span and core on a row: the whole row [*lo, *hi), core or
 * rim. False: none. */
static inline bool flat_span(const prep *p, float dy, int64_t *lo, int64_t *hi, int64_t *c0,
                             int64_t *c1)
{
	float e = fabsf(p->ny * dy);
	if (!(e < p->ho))
		return false;
	*c0 = e <= p->hi ? *lo : *hi;
	*c1 = *hi;
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

/* Draws a round part or a flat band, row by row. */
static void draw_other(const ink_raster_target *t, const prep *p)
{
	int y = p->y0;
	edge l0 = edge_at(p->cut_lo[0], y), l1 = edge_at(p->cut_lo[1], y);
	edge h0 = edge_at(p->cut_hi[0], y), h1 = edge_at(p->cut_hi[1], y);

	for (; y < p->y1; y++) {
		float dy = (float)y + 0.5f - p->ay;
		int64_t lo = p->x0, hi = p->x1, c0 = 0, c1 = 0;
		int64_t cl = px_of(max_l(l0.x, l1.x)), ch = px_of(min_l(h0.x, h1.x));
		l0.x += l0.b, l1.x += l1.b, h0.x += h0.b, h1.x += h1.b;
		if (!(p->band ? flat_span(p, dy, &lo, &hi, &c0, &c1) : round_span(p, dy, &lo, &hi, &c0, &c1)))
			continue;
		lo = max_l(max_l(lo, cl), p->x0);
		hi = min_l(min_l(hi, ch), p->x1);
		if (lo >= hi)
			continue;
		PREFETCH_SPAN(t, p, y, lo, hi);
		c0 = min_l(max_l(c0, lo), hi);
		c1 = max_l(min_l(c1, hi), c0);
		if (p->band)
			band_row(row_of(t, y), p, (int)lo, (int)hi, (int)c0, (int)c1, dy);
		else
			round_row(row_of(t, y), p, (int)lo, (int)hi, (int)c0, (int)c1, dy);
	}
}

/* The rows [*y0, *y1] of shape s's bounding box, unclipped (within 1e8
 * each way); returns how many. */
static inline int reach_rows(const ink_raster_target *t, const ink_tess_shape *s, int *y0, int *y1)
{
	*y0 = at_or_after(min_f(s->ay, s->by) - s->ho + t->oy);
	*y1 = at_or_after(max_f(s->ay, s->by) + s->ho + t->oy);
	return *y1 - *y0 + 1;
}

/* The surface starts out of cache (SDL clears it with streaming stores)
 * and shapes come in stroke order, hopping around it: while a shape is
 * drawn, the lines of the one PREFETCH_AHEAD on are asked for, so a few
 * dozen misses overlap instead of each shape's first rows waiting on
 * memory. Each row of its bounding box, at both ends: one or two lines a
 * row for a pen a few px wide (2 to 6 shapes ahead measured alike; rows
 * narrowed to the centre line, or every line of the box, slower). Shapes
 * over LOOKAHEAD_ROWS rows (wide pens) are left to PREFETCH_SPAN: their
 * box's ends are mostly not drawn. A macro, as PREFETCH_SPAN. */
#define PREFETCH_AHEAD 4 /* shapes */
#define LOOKAHEAD_ROWS 32
#define PREFETCH_SHAPE(t, s)                                                                       \
	do {                                                                                       \
		int y0_, y1_;                                                                      \
		if (reach_rows(t, s, &y0_, &y1_) > LOOKAHEAD_ROWS)                                 \
			break;                                                                     \
		float h_ = (s)->ho;                                                                \
		int x0_ = max_i(at_or_after(min_f((s)->ax, (s)->bx) - h_ + (t)->ox), (t)->clip.x); \
		int x1_ = min_i(at_or_after(max_f((s)->ax, (s)->bx) + h_ + (t)->ox),               \
		                (t)->clip.x + (t)->clip.w - 1);                                    \
		y0_ = max_i(y0_, (t)->clip.y);                                                     \
		y1_ = min_i(y1_, (t)->clip.y + (t)->clip.h - 1);                                   \
		for (int y_ = y0_; x0_ <= x1_ && y_ <= y1_; y_++) {                                \
			__builtin_prefetch(row_of(t, y_) + x0_, 1);                                \
			__builtin_prefetch(row_of(t, y_) + x1_, 1);                                \
		}                                                                                  \
	} while (0)

void ink_raster_shapes(const ink_raster_target *t, const ink_tess_shape *s, size_t n)
{
	prep p;
	cut_memo m = {0};
	if (t->clip.y + t->clip.h > MAX_ROWS)
		return; /* rows times slopes must stay inside int64 */
	for (size_t i = 0; i < n && i < PREFETCH_AHEAD; i++)
		PREFETCH_SHAPE(t, &s[i]);
	for (size_t i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n)
			PREFETCH_SHAPE(t, &s[i + PREFETCH_AHEAD]);
		if (!prep_shape(t, &s[i], &p, &m))
			continue;
		if (p.band && !p.flat)
			draw_band(t, &p);
		else
			draw_other(t, &p);
	}
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

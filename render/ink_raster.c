/* ink_raster.c — ink shapes blended straight into a 32-bit surface, by
 * scanline (triangles: ink_raster_tri.c). */
#include "ink_raster.h"

#include <math.h>
#include <stdint.h>

#ifdef __SSE2__
#include <immintrin.h>
#define HAVE_SSE2 1
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
/* AVX2 only where it pays: the pixel loops, chosen at run time, so the
 * build stays baseline x86-64. */
#define HAVE_AVX2 1
#define TARGET_AVX2 __attribute__((target("avx2")))
#endif
#endif

/* After the system headers, which must not see these headers' short names. */
#include "ink_px.h"
#include "ink_raster_prep.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

static inline int64_t min_l(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t max_l(int64_t a, int64_t b) { return a > b ? a : b; }

/* ---- rows ---- */

/* A shape's lines on the current row, x as edge_at gives it. A band's
 * right rim is its left one plus a constant. */
typedef struct lines {
	int64_t r0, l0, l1, h0, h1;
} lines;

static ALWAYS_INLINE lines lines_at(const prep *p, int y)
{
	return (lines){edge_at(p->rim[0], y).x, edge_at(p->cut_lo[0], y).x, edge_at(p->cut_lo[1], y).x,
	               edge_at(p->cut_hi[0], y).x, edge_at(p->cut_hi[1], y).x};
}

/* Rows per batch of lines_spans: most shapes are one or two; a multiple
 * of 4 (lines4_spans). */
#define SPAN_ROWS 16
_Static_assert(SPAN_ROWS % 4 == 0, "lines4_spans fills four rows a step");

/* The pixels [sp[2k], sp[2k + 1]) of the next n rows (n <= SPAN_ROWS),
 * between the lines (the rim's, for a band, and the cuts') and inside the
 * box; the lines are stepped in exact integer adds. Lines are compared
 * before the shift to pixels (px_of is monotone), and a row without
 * pixels gets lo >= hi. A loop of its own, apart from the pixels: its
 * state stays in registers. `band` and `two` are constants where it is
 * inlined: each kind of shape gets its own loop. */
static ALWAYS_INLINE void lines_spans(lines *l, const prep *p, bool band, bool two, int n,
                                      int *sp)
{
	const int64_t xa = at_px(p->x0), xb = at_px(p->x1), w = p->rim_w;
	const int64_t br = p->rim[0].b, bl0 = p->cut_lo[0].b, bh0 = p->cut_hi[0].b;
	const int64_t bl1 = p->cut_lo[1].b, bh1 = p->cut_hi[1].b;
	int64_t r0 = l->r0, l0 = l->l0, l1 = l->l1, h0 = l->h0, h1 = l->h1;
	for (int k = 0; k < n; k++) {
		int64_t a = max_l(band ? max_l(r0, xa) : xa, two ? max_l(l0, l1) : l0);
		int64_t b = min_l(band ? min_l(r0 + w, xb) : xb, two ? min_l(h0, h1) : h0);
		r0 += band ? br : 0, l0 += bl0, h0 += bh0;
		if (two)
			l1 += bl1, h1 += bh1;
		sp[2 * k] = (int)px_of(a);
		sp[2 * k + 1] = (int)px_of(b);
	}
	*l = (lines){r0, l0, l1, h0, h1};
}

/* The row loop of shape `shape` for pixel loop SPAN (a statement using
 * row, lo, hi, dy) and lines L (lines or lines4), with the shape's
 * numbers copied where no pixel store can alias them. A macro: each
 * instruction set's loop is compiled for it. */
#define SHAPE_ROWS(t, shape, band, two, SPAN, L)                                                  \
	do {                                                                                       \
		const prep q_ = *(shape), *p = &q_;                                                \
		L l_ = L##_at(p, p->y0);                                                           \
		const size_t pitch_ = (size_t)(t)->s->pitch;                                       \
		uint8_t *r_ = (uint8_t *)row_of(t, p->y0);                                          \
		int sp_[2 * SPAN_ROWS];                                                            \
		for (int y0_ = p->y0; y0_ < p->y1; y0_ += SPAN_ROWS) {                             \
			int n_ = min_i(SPAN_ROWS, p->y1 - y0_);                                    \
			L##_spans(&l_, p, band, two, n_, sp_);                                     \
			for (int k_ = 0; k_ < n_; k_++, r_ += pitch_) {                            \
				int y = y0_ + k_, lo = sp_[2 * k_], hi = sp_[2 * k_ + 1];          \
				if (lo >= hi)                                                      \
					continue;                                                  \
				uint32_t *row = (uint32_t *)r_;                                    \
				if (y < p->pf_end) { /* tall: rows were not asked for ahead */     \
					uint32_t *f_ = (uint32_t *)(r_ + PREFETCH_ROWS * pitch_);  \
					__builtin_prefetch(f_ + lo, 1);                            \
					__builtin_prefetch(f_ + hi - 1, 1);                        \
				}                                                                  \
				float dy = (float)y + 0.5f - p->ay;                                \
				SPAN;                                                              \
			}                                                                          \
		}                                                                                  \
	} while (0)

/* One loop for each kind of shape, with pixel loop SPAN and lines L. */
#define SHAPE_KINDS(t, shape, SPAN, L)                                                            \
	do {                                                                                       \
		if ((shape)->band && (shape)->two)                                                 \
			SHAPE_ROWS(t, shape, true, true, SPAN(true), L);                           \
		else if ((shape)->band)                                                            \
			SHAPE_ROWS(t, shape, true, false, SPAN(true), L);                          \
		else if ((shape)->two)                                                             \
			SHAPE_ROWS(t, shape, false, true, SPAN(false), L);                         \
		else                                                                               \
			SHAPE_ROWS(t, shape, false, false, SPAN(false), L);                        \
	} while (0)

/* Alpha 0..255 of a pixel at `dist` from the centre (line or point):
 * ca * clamp((ho - dist) / (ho - hi), 0, 1), rounded, folded into one
 * multiply-add and a clamp. The SIMD loops take the same float steps
 * lane by lane, and a pixel's distance depends only on its x and row, as
 * ((x + 0.5) - ax): every path, every split of the rows, and (where the
 * old code was) every shift of the origin give the same pixels. */
static inline uint32_t alpha_of(const prep *p, float dist)
{
	return (uint32_t)min_f(max_f(p->k - dist * p->m, 0.0f), p->cap);
}

/* Pixels [lo, hi) of a row at dy from the centre, one at a time: where
 * there is no SIMD, and for clips narrower than a SIMD step. */
static inline void span_c(uint32_t *row, const prep *p, int lo, int hi, float dy, bool band)
{
	uint64_t s4 = spread(p->src);
	float ey = p->ny * dy, dy2 = dy * dy;
	for (int x = lo; x < hi; x++) {
		float xc = ((float)x + 0.5f) - p->ax;
		float d = band ? fabsf(ey + p->nx * xc) : sqrtf(xc * xc + dy2);
		row[x] = blend(s4, row[x], alpha_of(p, d));
	}
}

static void draw_c(const ink_raster_target *t, const prep *shape)
{
#define SPAN_C(band) span_c(row, p, lo, hi, dy, band)
	SHAPE_KINDS(t, shape, SPAN_C, lines);
#undef SPAN_C
}

#ifdef HAVE_SSE2
/* A shape's numbers in every lane, for the SSE2 loop. */
typedef struct kern4 {
	__m128 nx, ax, k, m, cap;
	__m128i src; /* 0xFF000000 | colour in 16-bit lanes, twice */
	int cx0, cx1;
} kern4;

static ALWAYS_INLINE kern4 kern4_of(const ink_raster_target *t, const prep *p)
{
	return (kern4){_mm_set1_ps(p->nx), _mm_set1_ps(p->ax), _mm_set1_ps(p->k), _mm_set1_ps(p->m),
	               _mm_set1_ps(p->cap),
	               _mm_unpacklo_epi8(_mm_set1_epi32((int)p->src), _mm_setzero_si128()),
	               t->clip.x, t->clip.x + t->clip.w};
}

/* blend for two pixels d (16-bit lanes) at alphas a (each repeated in its
 * pixel's four lanes); / 255 rounded as (x + 128) * 257 >> 16, exact for
 * every x <= 255 * 255. */
static ALWAYS_INLINE __m128i blend2(__m128i d, __m128i a, __m128i src)
{
	__m128i v = _mm_add_epi16(_mm_mullo_epi16(src, a),
	                          _mm_mullo_epi16(d, _mm_sub_epi16(_mm_set1_epi16(255), a)));
	return _mm_mulhi_epu16(_mm_add_epi16(v, _mm_set1_epi16(0x80)), _mm_set1_epi16(257));
}

/* Pixels [lo, hi) of a row, four a step: each step blends the four pixels
 * from `base` on, those outside [x, hi) at alpha 0 (written back as they
 * were). A step never reaches past the clip: at its right edge it starts
 * further left. Only this row is read and written. */
static ALWAYS_INLINE void span4(uint32_t *row, const prep *p, const kern4 *kv, int lo, int hi,
                                float dy, bool band)
{
	const __m128 ey = _mm_set1_ps(p->ny * dy), dy2 = _mm_set1_ps(dy * dy);
	const __m128i end = _mm_set1_epi32(hi);
	for (int x = lo; x < hi; x += 4) {
		int base = min_i(x, kv->cx1 - 4);
		if (base < kv->cx0) {
			span_c(row, p, x, hi, dy, band);
			return;
		}
		__m128i xi = _mm_add_epi32(_mm_set1_epi32(base), _mm_setr_epi32(0, 1, 2, 3));
		__m128 xf = _mm_sub_ps(_mm_add_ps(_mm_cvtepi32_ps(xi), _mm_set1_ps(0.5f)), kv->ax), d;
		if (band)
			d = _mm_and_ps(_mm_add_ps(ey, _mm_mul_ps(kv->nx, xf)),
			               _mm_castsi128_ps(_mm_set1_epi32(0x7FFFFFFF)));
		else
			d = _mm_sqrt_ps(_mm_add_ps(_mm_mul_ps(xf, xf), dy2));
		__m128 a = _mm_min_ps(_mm_max_ps(_mm_sub_ps(kv->k, _mm_mul_ps(d, kv->m)), _mm_setzero_ps()), kv->cap);
		__m128i in = _mm_cmplt_epi32(xi, end), a8 = _mm_cvttps_epi32(a);
		if (base < x)
			in = _mm_andnot_si128(_mm_cmplt_epi32(xi, _mm_set1_epi32(x)), in);
		a8 = _mm_and_si128(a8, in);
		a8 = _mm_or_si128(a8, _mm_slli_epi32(a8, 16));
		__m128i px = _mm_loadu_si128((const __m128i *)(row + base));
		__m128i l = blend2(_mm_unpacklo_epi8(px, _mm_setzero_si128()), _mm_unpacklo_epi32(a8, a8), kv->src);
		__m128i h = blend2(_mm_unpackhi_epi8(px, _mm_setzero_si128()), _mm_unpackhi_epi32(a8, a8), kv->src);
		_mm_storeu_si128((__m128i *)(row + base), _mm_packus_epi16(l, h));
	}
}

static void draw_sse2(const ink_raster_target *t, const prep *shape)
{
	const kern4 kv = kern4_of(t, shape);
#define SPAN4(band) span4(row, p, &kv, lo, hi, dy, band)
	SHAPE_KINDS(t, shape, SPAN4, lines);
#undef SPAN4
}
#endif

#ifdef HAVE_AVX2
/* kern4 for the AVX2 loop; the constants are in K8. */
typedef struct kern8 {
	__m256 nx, ax, k, m, cap;
	__m256i src; /* (0xFF000000 | colour) ^ 0x80808080 in every dword */
	int cx0, last; /* clip.x; the last step's start, clip.x + clip.w - 8 */
} kern8;

/* The AVX2 loop's constants, read from memory as operands (see span8). */
typedef struct kern8c {
	__m256 half8;                          /* lane i: i + 0.5 */
	__m256i abs, ff, x80, bias, r257;      /* 0x7FFFFFFF, 255 a dword; 0x80 a byte; words */
	__m256i w_lo, w_hi;                    /* pshufb: a pixel's weight word to its channels */
} kern8c;

#define X4(v) {(long long)(v), (long long)(v), (long long)(v), (long long)(v)}
static const kern8c K8 = {
	{0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f}, X4(0x7FFFFFFF7FFFFFFFull),
	X4(0x000000FF000000FFull), X4(0x8080808080808080ull),
	X4(0x8000800080008000ull), /* 255 * 128 + 128 */
	X4(0x0101010101010101ull), /* 257 */
	{0x0100010001000100ll, 0x0504050405040504ll, 0x0100010001000100ll, 0x0504050405040504ll},
	{0x0908090809080908ll, 0x0D0C0D0C0D0C0D0Cll, 0x0908090809080908ll, 0x0D0C0D0C0D0C0D0Cll},
};
#undef X4

/* blend for eight pixels d at alphas a (0..255, one a dword), in one
 * multiply-add a channel: bytes (d, s) - 128 (signed) times (255 - a, a)
 * (unsigned) make s * a + d * (255 - a) - 255 * 128, which never
 * saturates. Then / 255 rounded as blend2: the same pixels in fewer
 * instructions. The unpacks work within each 128-bit half, and so does
 * the pack back. */
TARGET_AVX2 static ALWAYS_INLINE __m256i blend8(__m256i d, __m256i a, const kern8 *kv,
                                              const kern8c *kc)
{
	const __m256i w = _mm256_or_si256(_mm256_slli_epi32(a, 8), _mm256_xor_si256(a, kc->ff));
	d = _mm256_xor_si256(d, kc->x80);
	__m256i l = _mm256_maddubs_epi16(_mm256_shuffle_epi8(w, kc->w_lo),
	                                 _mm256_unpacklo_epi8(d, kv->src));
	__m256i h = _mm256_maddubs_epi16(_mm256_shuffle_epi8(w, kc->w_hi),
	                                 _mm256_unpackhi_epi8(d, kv->src));
	l = _mm256_mulhi_epu16(_mm256_add_epi16(l, kc->bias), kc->r257);
	h = _mm256_mulhi_epu16(_mm256_add_epi16(h, kc->bias), kc->r257);
	return _mm256_packus_epi16(l, h);
}

/* span4 eight pixels a step: a pen a few px wide is one step a row. A
 * lane's centre base + i + 0.5 is exact in float, so it serves for its
 * distance and for whether it lies in [x, hi). */
TARGET_AVX2 static ALWAYS_INLINE void span8(uint32_t *row, const prep *p, const kern8 *kv, int lo,
                                            int hi, float dy, bool band)
{
	const __m256 ey = _mm256_set1_ps(p->ny * dy), dy2 = _mm256_set1_ps(dy * dy);
	const __m256 end = _mm256_set1_ps((float)hi);
	for (int x = lo; x < hi; x += 8) {
		int base = x;
		if (x > kv->last) { /* at the clip's right edge: start further left */
			base = kv->last;
			if (base < kv->cx0) {
				span_c(row, p, x, hi, dy, band);
				return;
			}
		}
		/* The constants from memory on each step, where the compiler
		 * would otherwise make them again on each row (most rows are one
		 * step). */
		const kern8c *kc = &K8;
		__asm__("" : "+r"(kc));
		__m256 xc = _mm256_add_ps(_mm256_set1_ps((float)base), kc->half8);
		__m256 xf = _mm256_sub_ps(xc, kv->ax), d;
		if (band)
			d = _mm256_and_ps(_mm256_add_ps(ey, _mm256_mul_ps(kv->nx, xf)),
			                  _mm256_castsi256_ps(kc->abs));
		else
			d = _mm256_sqrt_ps(_mm256_add_ps(_mm256_mul_ps(xf, xf), dy2));
		__m256 a = _mm256_min_ps(_mm256_max_ps(_mm256_sub_ps(kv->k, _mm256_mul_ps(d, kv->m)),
		                                       _mm256_setzero_ps()), kv->cap);
		__m256 in = _mm256_cmp_ps(xc, end, _CMP_LT_OQ);
		if (base < x)
			in = _mm256_and_ps(in, _mm256_cmp_ps(xc, _mm256_set1_ps((float)x), _CMP_GT_OQ));
		__m256i a8 = _mm256_and_si256(_mm256_cvttps_epi32(a), _mm256_castps_si256(in));
		__m256i px = _mm256_loadu_si256((const __m256i *)(row + base));
		_mm256_storeu_si256((__m256i *)(row + base), blend8(px, a8, kv, kc));
	}
}

/* lines for four rows at once, one a 64-bit lane, each stepped four rows
 * in one add: the same exact integers. */
typedef struct lines4 {
	__m256i r0, l0, l1, h0, h1;
} lines4;

TARGET_AVX2 static ALWAYS_INLINE __m256i edge4(lin l, int y)
{
	const int64_t x = edge_at(l, y).x;
	return _mm256_setr_epi64x(x, x + l.b, x + 2 * l.b, x + 3 * l.b);
}

TARGET_AVX2 static ALWAYS_INLINE lines4 lines4_at(const prep *p, int y)
{
	return (lines4){edge4(p->rim[0], y), edge4(p->cut_lo[0], y), edge4(p->cut_lo[1], y),
	                edge4(p->cut_hi[0], y), edge4(p->cut_hi[1], y)};
}

TARGET_AVX2 static ALWAYS_INLINE __m256i max4(__m256i a, __m256i b)
{
	return _mm256_blendv_epi8(b, a, _mm256_cmpgt_epi64(a, b));
}

TARGET_AVX2 static ALWAYS_INLINE __m256i min4(__m256i a, __m256i b)
{
	return _mm256_blendv_epi8(a, b, _mm256_cmpgt_epi64(a, b));
}

/* lines_spans four rows a step (up to three rows past n: sp has room).
 * x is positive, so px_of's low 32 bits are those of x >> 16 (the shift
 * by 16 drops BIAS >> 16, a multiple of 2^32): lo and hi land as the
 * two halves of each lane. */
TARGET_AVX2 static ALWAYS_INLINE void lines4_spans(lines4 *l, const prep *p, bool band, bool two,
                                                   int n, int *sp)
{
	const __m256i xa = _mm256_set1_epi64x(at_px(p->x0)), xb = _mm256_set1_epi64x(at_px(p->x1));
	const __m256i w = _mm256_set1_epi64x(p->rim_w), br = _mm256_set1_epi64x(4 * p->rim[0].b);
	const __m256i bl0 = _mm256_set1_epi64x(4 * p->cut_lo[0].b);
	const __m256i bh0 = _mm256_set1_epi64x(4 * p->cut_hi[0].b);
	const __m256i bl1 = _mm256_set1_epi64x(4 * p->cut_lo[1].b);
	const __m256i bh1 = _mm256_set1_epi64x(4 * p->cut_hi[1].b);
	for (int k = 0; k < n; k += 4) {
		__m256i a = max4(band ? max4(l->r0, xa) : xa, two ? max4(l->l0, l->l1) : l->l0);
		__m256i b = min4(band ? min4(_mm256_add_epi64(l->r0, w), xb) : xb,
		                 two ? min4(l->h0, l->h1) : l->h0);
		a = _mm256_blend_epi32(_mm256_srli_epi64(a, 16), _mm256_slli_epi64(b, 16), 0xAA);
		_mm256_storeu_si256((__m256i *)(sp + 2 * k), a);
		if (band)
			l->r0 = _mm256_add_epi64(l->r0, br);
		l->l0 = _mm256_add_epi64(l->l0, bl0), l->h0 = _mm256_add_epi64(l->h0, bh0);
		if (two)
			l->l1 = _mm256_add_epi64(l->l1, bl1), l->h1 = _mm256_add_epi64(l->h1, bh1);
	}
}

TARGET_AVX2 static void draw_avx2(const ink_raster_target *t, const prep *shape)
{
	const kern8 kv = {_mm256_set1_ps(shape->nx), _mm256_set1_ps(shape->ax),
	                  _mm256_set1_ps(shape->k), _mm256_set1_ps(shape->m),
	                  _mm256_set1_ps(shape->cap), _mm256_set1_epi32((int)(shape->src ^ 0x80808080u)),
	                  t->clip.x, t->clip.x + t->clip.w - 8};
#define SPAN8(band) span8(row, p, &kv, lo, hi, dy, band)
	SHAPE_KINDS(t, shape, SPAN8, lines4);
#undef SPAN8
}
#endif

typedef void draw_fn(const ink_raster_target *t, const prep *p);

/* The pixel loops for isa, or the best lesser one this build and CPU
 * have. */
static draw_fn *draw_for(ink_raster_isa isa)
{
#ifdef HAVE_AVX2
	if ((isa == INK_RASTER_BEST || isa == INK_RASTER_AVX2) && __builtin_cpu_supports("avx2"))
		return draw_avx2;
#endif
#ifdef HAVE_SSE2
	if (isa != INK_RASTER_C)
		return draw_sse2;
#endif
	(void)isa;
	return draw_c;
}

/* The surface starts out of cache (SDL clears it with streaming stores)
 * and shapes come in stroke order, hopping around it: each shape is
 * prepared PREFETCH_AHEAD shapes before it is drawn, and its box's rows
 * asked for at both ends, so a few dozen misses overlap instead of each
 * shape's first rows waiting on memory (2 to 6 ahead measured alike).
 * Shapes over LOOKAHEAD_ROWS rows (wide pens) ask for each row a few rows
 * before drawing it instead: their box's ends are mostly not drawn. */
#define PREFETCH_AHEAD 4 /* shapes */
#define RING 8           /* preps kept: a power of two over PREFETCH_AHEAD */
#define LOOKAHEAD_ROWS 32

static bool prep_ahead(const ink_raster_target *t, const ink_tess_shape *s, prep *p, cut_memo *m)
{
	if (!ink_raster_prep_shape(t, s, p, m))
		return false;
	p->pf_end = p->y0;
	if (p->y1 - p->y0 > LOOKAHEAD_ROWS) {
		p->pf_end = p->y1 - PREFETCH_ROWS;
		return true;
	}
	/* Both ends only if they lie 64 bytes or more apart. */
	const uint8_t *a = (const uint8_t *)(row_of(t, p->y0) + p->x0);
	const uint8_t *b = (const uint8_t *)(row_of(t, p->y0) + p->x1 - 1);
	const size_t pitch = (size_t)t->s->pitch;
	const uint8_t *end = b + (size_t)(p->y1 - p->y0) * pitch;
	if (b - a >= 64) {
		for (; b < end; a += pitch, b += pitch) {
			__builtin_prefetch(a, 1);
			__builtin_prefetch(b, 1);
		}
	} else {
		for (; b < end; b += pitch)
			__builtin_prefetch(b, 1);
	}
	return true;
}

void ink_raster_shapes_isa(const ink_raster_target *t, const ink_tess_shape *s, size_t n,
                           ink_raster_isa isa)
{
	prep ring[RING];
	bool ok[RING];
	cut_memo m = {0};
	if (t->clip.y + t->clip.h > MAX_ROWS)
		return; /* rows times slopes must stay inside int64 */
	if (t->clip.x + t->clip.w > MAX_ROWS && isa != INK_RASTER_C)
		isa = INK_RASTER_SSE2; /* span8 takes pixel centres as exact floats */
	draw_fn *draw = draw_for(isa);
	for (size_t i = 0; i < n && i < PREFETCH_AHEAD; i++)
		ok[i] = prep_ahead(t, &s[i], &ring[i], &m);
	for (size_t i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n) {
			size_t k = (i + PREFETCH_AHEAD) % RING;
			ok[k] = prep_ahead(t, &s[i + PREFETCH_AHEAD], &ring[k], &m);
		}
		if (ok[i % RING])
			draw(t, &ring[i % RING]);
	}
}

void ink_raster_shapes(const ink_raster_target *t, const ink_tess_shape *s, size_t n)
{
	ink_raster_shapes_isa(t, s, n, INK_RASTER_BEST);
}

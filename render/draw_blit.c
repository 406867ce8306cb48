/* draw_blit.c — glyphs blended straight into the software renderer's
 * surface. The software renderer draws textured geometry triangle by
 * triangle through generic blitters (~4-5 µs a glyph); a glyph is a small
 * axis-aligned rect of mostly empty or opaque texels, which a plain loop
 * blends in a fraction of that. */
#include "draw_internal.h"

#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p, rw) __builtin_prefetch((p), (rw))
#else
#define PREFETCH(p, rw) ((void)(p))
#endif

/* Glyphs swept together at most: any split of the list into consecutive
 * runs keeps the order per pixel, and this bounds the per-scanline scan
 * when lines are set so tight that their glyphs overlap. */
#define SWEEP_MAX 128

bool draw_target_open(atlas *a, draw_target *t)
{
	SDL_Renderer *r = atlas_renderer(a);
	SDL_Surface *s = atlas_target(a);
	float sx = 0, sy = 0;
	SDL_Rect vp;

	if (!s || SDL_MUSTLOCK(s) || !s->pixels || SDL_GetRenderTarget(r))
		return false;
	if (s->format->format != SDL_PIXELFORMAT_ARGB8888 &&
	    s->format->format != SDL_PIXELFORMAT_XRGB8888)
		return false;
	SDL_RenderGetScale(r, &sx, &sy);
	if (sx != 1.0f || sy != 1.0f)
		return false;
	if (SDL_RenderFlush(r) != 0)
		return false;
	t->s = s;
	t->clip = draw_renderer_clip(r, s, &vp);
	t->ox = vp.x;
	t->oy = vp.y;
	return true;
}

SDL_Rect draw_renderer_clip(SDL_Renderer *r, const SDL_Surface *s, SDL_Rect *vp)
{
	SDL_Rect c, out;
	SDL_RenderGetViewport(r, vp);
	out = *vp;
	/* As the software renderer clips: the clip rect is relative to the
	 * viewport and lies within it. */
	if (SDL_RenderIsClipEnabled(r)) {
		SDL_RenderGetClipRect(r, &c);
		c.x += vp->x;
		c.y += vp->y;
		if (!SDL_IntersectRect(vp, &c, &out))
			return (SDL_Rect){0, 0, 0, 0};
	}
	SDL_Rect whole = {0, 0, s->w, s->h};
	if (!SDL_IntersectRect(&out, &whole, &out))
		return (SDL_Rect){0, 0, 0, 0};
	return out;
}

/* x / 255 rounded, for x <= 255 * 255, in each 16-bit lane of v. */
static uint32_t div255_lanes(uint32_t v, uint32_t mask)
{
	v += 0x00800080u & mask;
	return ((v + ((v >> 8) & mask)) >> 8) & mask;
}

/* Source over destination, straight alpha, as SDL_BLENDMODE_BLEND: colour
 * s*a + d*(1-a), alpha a + da*(1-a). */
static uint32_t blend(uint32_t s, uint32_t d, uint32_t a)
{
	uint32_t ia = 255 - a;
	uint32_t rb = div255_lanes((s & 0xFF00FFu) * a + (d & 0xFF00FFu) * ia, 0xFF00FFu);
	uint32_t g = (s & 0xFF00u) * a + (d & 0xFF00u) * ia;
	uint32_t da = d >> 24;

	g += 0x8000u;
	g = ((g + ((g >> 8) & 0xFF00u)) >> 8) & 0xFF00u;
	da = a + (da * ia + 127) / 255;
	return da << 24 | rb | g;
}

/* SSE2 where there is one (every x86-64); DRAW_BLIT_SCALAR forces the
 * portable loop, to test it. */
#if defined(__SSE2__) && !defined(DRAW_BLIT_SCALAR)
#define BLIT_SSE2 1
#endif

#ifndef BLIT_SSE2
/* Texel alpha scaled by the ink's alpha `mod`. */
static uint32_t fade(uint32_t a, uint32_t mod)
{
	return mod == 255 ? a : (a * mod + 127) / 255;
}
#endif

#ifdef BLIT_SSE2
/* x / 255 rounded, in each 16-bit lane (x <= 255 * 255). */
static __m128i div255_epu16(__m128i x)
{
	x = _mm_add_epi16(x, _mm_set1_epi16(128));
	return _mm_srli_epi16(_mm_add_epi16(x, _mm_srli_epi16(x, 8)), 8);
}

/* blend() on two pixels unpacked to 16-bit lanes; `fade` scales the
 * texel alpha by the ink's alpha `mod` (skipped when it is opaque, the
 * common case). */
static inline __m128i blend2(__m128i s, __m128i d, __m128i mod, bool fade)
{
	const __m128i alpha_lanes = _mm_set_epi16(255, 0, 0, 0, 255, 0, 0, 0);
	__m128i a = _mm_shufflehi_epi16(_mm_shufflelo_epi16(s, 0xFF), 0xFF);
	if (fade)
		a = div255_epu16(_mm_mullo_epi16(a, mod));
	/* With the source alpha lane at 255 the same sum gives the destination
	 * alpha: a + da * (255 - a) / 255. */
	s = _mm_or_si128(s, alpha_lanes);
	__m128i sum = _mm_add_epi16(_mm_mullo_epi16(s, a),
	                            _mm_mullo_epi16(d, _mm_sub_epi16(_mm_set1_epi16(255), a)));
	return div255_epu16(sum);
}

/* Four pixels: s over d. An all-empty block (padding, gaps inside a
 * glyph) is left alone; an all-opaque one is copied. */
static inline void blend4(uint32_t *d, const uint32_t *s, __m128i m, bool fade)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i sv = _mm_loadu_si128((const __m128i *)s);

	__m128i alpha = _mm_srli_epi32(sv, 24);

	if (_mm_movemask_epi8(_mm_cmpeq_epi32(alpha, zero)) == 0xFFFF)
		return;
	/* Inside a stroke every texel is opaque: it simply replaces the pixel. */
	if (!fade && _mm_movemask_epi8(_mm_cmpeq_epi32(alpha, _mm_set1_epi32(255))) == 0xFFFF) {
		_mm_storeu_si128((__m128i *)d, sv);
		return;
	}
	__m128i dv = _mm_loadu_si128((const __m128i *)d);
	__m128i lo = blend2(_mm_unpacklo_epi8(sv, zero), _mm_unpacklo_epi8(dv, zero), m, fade);
	__m128i hi = blend2(_mm_unpackhi_epi8(sv, zero), _mm_unpackhi_epi8(dv, zero), m, fade);
	_mm_storeu_si128((__m128i *)d, _mm_packus_epi16(lo, hi));
}

/* Four pixels at a time, the last 1-3 through a small buffer; the edge
 * of a glyph alternates between empty, partial and full texels too often
 * for per-pixel branches to pay. */
static inline void blend_row_sse2(uint32_t *d, const uint32_t *s, int n, uint32_t mod, bool fade)
{
	const __m128i m = _mm_set1_epi16((short)mod);
	int i = 0;

	for (; i + 4 <= n; i += 4)
		blend4(d + i, s + i, m, fade);
	if (i < n) {
		uint32_t ts[4] = {0, 0, 0, 0}, td[4] = {0, 0, 0, 0};
		size_t rest = (size_t)(n - i) * sizeof *d;
		memcpy(ts, s + i, rest);
		memcpy(td, d + i, rest);
		blend4(td, ts, m, fade);
		memcpy(d + i, td, rest);
	}
}
#endif

/* One row of a glyph: texels blended over the surface, alpha scaled by
 * the ink's alpha `mod`. */
static void blend_row(uint32_t *restrict d, const uint32_t *restrict s, int n, uint32_t mod)
{
#ifdef BLIT_SSE2
	if (mod == 255) /* two copies, so the opaque one has no fading in it */
		blend_row_sse2(d, s, n, 255, false);
	else
		blend_row_sse2(d, s, n, mod, true);
#else
	for (int i = 0; i < n; i++)
		d[i] = blend(s[i], d[i], fade(s[i] >> 24, mod));
#endif
}

/* Row y of a 32-bit surface. */
static uint32_t *row_of(const SDL_Surface *s, int y)
{
	return (uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
}

/* Clips dst (surface px) to the target; moves *sx, *sy by what was cut. */
static bool clip(const draw_target *t, SDL_Rect *dst, int *sx, int *sy)
{
	SDL_Rect in;
	if (!SDL_IntersectRect(dst, &t->clip, &in))
		return false;
	*sx += in.x - dst->x;
	*sy += in.y - dst->y;
	*dst = in;
	return true;
}

bool draw_blit_place(const draw_target *t, const SDL_Surface *page, const atlas_glyph *g, int x,
                     int y, draw_blit *out)
{
	*out = (draw_blit){.page = page, .sx = g->x, .sy = g->y,
	                   .dst = {x + t->ox, y + t->oy, g->w, g->h}};
	return page && clip(t, &out->dst, &out->sx, &out->sy);
}

static void blend_blit_row(const draw_target *t, const draw_blit *b, int y, uint32_t mod)
{
	int j = y - b->dst.y;
	uint32_t *d = row_of(t->s, y) + b->dst.x;
	const uint32_t *s = row_of(b->page, b->sy + j) + b->sx;
	/* This glyph's next rows are a page pitch and a surface pitch away:
	 * ask for them while the rest of this scanline is blended. */
	if (j + 2 < b->dst.h) {
		PREFETCH((const uint8_t *)s + 2 * (size_t)b->page->pitch, 0);
		PREFETCH((const uint8_t *)d + 2 * (size_t)t->s->pitch, 1);
	}
	blend_row(d, s, b->dst.w, mod);
}

/* Glyphs b[0..n) whose rows overlap, swept scanline by scanline: a line
 * of text is then written row after row of the surface, which the
 * hardware prefetches, instead of glyph after glyph, where each glyph row
 * is a cache miss. Per pixel the glyphs still come in their order. */
static void sweep(const draw_target *t, const draw_blit *b, size_t n, int y0, int y1, uint32_t mod)
{
	for (int y = y0; y < y1; y++)
		for (size_t i = 0; i < n; i++)
			if (y >= b[i].dst.y && y < b[i].dst.y + b[i].dst.h)
				blend_blit_row(t, &b[i], y, mod);
}

void draw_blit_run(const draw_target *t, const draw_blit *b, size_t n, Uint8 alpha)
{
	size_t first = 0;

	if (alpha == 0)
		return;
	/* Groups of consecutive glyphs whose rows overlap: a line of
	 * horizontal text (vertical text gives groups of one). */
	while (first < n) {
		int y0 = b[first].dst.y, y1 = y0 + b[first].dst.h;
		size_t end = first + 1;
		for (; end < n && end - first < SWEEP_MAX && b[end].dst.y < y1 &&
		       b[end].dst.y + b[end].dst.h > y0;
		     end++) {
			y0 = SDL_min(y0, b[end].dst.y);
			y1 = SDL_max(y1, b[end].dst.y + b[end].dst.h);
		}
		sweep(t, b + first, end - first, y0, y1, alpha);
		first = end;
	}
}

void draw_blit_fill(const draw_target *t, SDL_Rect r, SDL_Color c)
{
	uint32_t px = (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
	int sx = 0, sy = 0;

	r.x += t->ox;
	r.y += t->oy;
	if (c.a == 0 || !clip(t, &r, &sx, &sy))
		return;
	for (int j = 0; j < r.h; j++) {
		uint32_t *d = row_of(t->s, r.y + j) + r.x;
		for (int i = 0; i < r.w; i++)
			d[i] = c.a == 255 ? px | 0xFF000000u : blend(px, d[i], c.a);
	}
}

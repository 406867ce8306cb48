/* ink_px.h — pixel helpers the ink rasterisers share (internal to
 * th_draw): rows of the target, the first pixel after an x, and the
 * blend of SDL_BLENDMODE_BLEND on one ARGB pixel. */
#ifndef TREEHOLE_INK_PX_H
#define TREEHOLE_INK_PX_H

#include <stdint.h>

#include "ink_raster.h"

/* fminf and fmaxf honour NaN and so are library calls; these are not. */
static inline float min_f(float a, float b) { return a < b ? a : b; }
static inline float max_f(float a, float b) { return a > b ? a : b; }
static inline int min_i(int a, int b) { return a < b ? a : b; }
static inline int max_i(int a, int b) { return a > b ? a : b; }

/* The first pixel whose centre lies at or after x: ceil(x - 0.5), kept
 * far from int overflow. Branch-free: ceilf is a library call without
 * SSE4.1. */
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
 * lanes), in one multiply-add. At a = 255 it gives the opaque colour, at
 * a = 0 the destination: the pixel loops need no special cases. */
static inline uint32_t blend(uint64_t s4, uint32_t d, uint32_t a)
{
	uint64_t v = s4 * a + spread(d) * (255 - a) + 0x0080008000800080u;
	v = ((v + ((v >> 8) & LANES)) >> 8) & LANES;
	return (uint32_t)v | (uint32_t)(v >> 24);
}

#endif

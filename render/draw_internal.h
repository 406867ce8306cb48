/* draw_internal.h — the direct path of draw.c: glyphs blended straight
 * into the software renderer's surface (draw_blit.c); and what draw and
 * ink_draw share: the renderer's clip on its surface (draw_blit.c),
 * saving a card (draw_png.c). Internal to th_draw. */
#ifndef TREEHOLE_DRAW_INTERNAL_H
#define TREEHOLE_DRAW_INTERNAL_H

#include <stdbool.h>

#include <SDL.h>

#include "atlas.h"

/* Where the direct path draws: the renderer's surface, its clip rect (the
 * viewport, narrowed by the renderer's clip rect if one is set), and the
 * viewport's origin, which layout coordinates are relative to. */
typedef struct draw_target {
	SDL_Surface *s;
	SDL_Rect clip;        /* surface px; may be empty */
	int ox, oy;           /* viewport origin, surface px */
} draw_target;

/* Whether atlas a can draw straight into its target surface now: it has
 * one, the renderer draws to it (no render target texture), unscaled, and
 * the surface is 32-bit xRGB / ARGB without RLE. If so, flushes the
 * renderer's queue (so what was drawn before lands first) and fills *t. */
bool draw_target_open(atlas *a, draw_target *t);

/* The pixels of surface s that renderer r (drawing to s) may change now:
 * its viewport, narrowed by its clip rect if one is set (relative to the
 * viewport, as the software renderer takes it) and by the surface; may be
 * empty. OUT: *vp, the viewport: its origin is where renderer coordinate
 * (0, 0) lies on s. */
SDL_Rect draw_renderer_clip(SDL_Renderer *r, const SDL_Surface *s, SDL_Rect *vp);

/* Writes "what: SDL's error" to err (errlen bytes; err may be NULL). */
void draw_set_err(char *err, size_t errlen, const char *what);

/* Saves card surface s as a PNG at path and frees s. On failure false,
 * with a message in err as draw_set_err. */
bool draw_card_save(SDL_Surface *s, const char *path, char *err, size_t errlen);

/* One glyph waiting to be blended: the part of its bitmap inside the
 * clip, at (sx, sy) in page surface `page`, going to dst (surface px). */
typedef struct draw_blit {
	const SDL_Surface *page;
	int sx, sy;
	SDL_Rect dst;
} draw_blit;

/* Places glyph g of page surface `page` with its bitmap's top-left corner
 * at (x, y) (viewport px). Returns false if nothing of it is visible.
 * OUT: *out. */
bool draw_blit_place(const draw_target *t, const SDL_Surface *page, const atlas_glyph *g, int x,
                     int y, draw_blit *out);

/* Blends the n placed glyphs, in order as far as any pixel can tell, their
 * alpha scaled by `alpha`. */
void draw_blit_run(const draw_target *t, const draw_blit *b, size_t n, Uint8 alpha);

/* Blends a rect of colour c (its alpha included) at r (viewport px). */
void draw_blit_fill(const draw_target *t, SDL_Rect r, SDL_Color c);

#endif

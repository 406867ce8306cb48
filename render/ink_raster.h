/* ink_raster.h — ink blended straight into a 32-bit surface: the direct
 * path of ink_draw (internal to th_draw).
 *
 * Shapes (ink_tess_shape) are drawn by scanline with their exact alpha
 * profile; a cut shared by two neighbours splits every row between them
 * at the same pixel (its x is stepped in exact fixed point from the cut's
 * own numbers), so no pixel is blended twice and none is missed. The
 * cost is per shape (its lines; a cut shared with the previous shape is
 * reused), per row (a few exact integer steps) and per pixel of ink (the
 * soft rim and core eight pixels a step with AVX2): ~7.3 M
 * instructions for the bench's 5,000-point note. */
#ifndef TREEHOLE_INK_RASTER_H
#define TREEHOLE_INK_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "ink_tess.h"

/* Where to draw: an ARGB8888 or XRGB8888 surface without RLE, the pixels
 * that may change (surface px, inside the surface), and where renderer
 * coordinate (0, 0) lies on it (the viewport's origin). */
typedef struct ink_raster_target {
	SDL_Surface *s;
	SDL_Rect clip;
	float ox, oy;
} ink_raster_target;

/* Blends shapes s[0..n) (renderer coordinates) into t, one after the
 * other. Shapes that are not bounded (a band without both cuts) or have
 * no extent are skipped; so is everything on a surface of more than
 * 4,194,304 rows. A pixel's value depends only on the shapes and on the
 * pixel, never on where the clip starts: the rows drawn in parts, by
 * several threads at once (ink_split), give exactly the whole picture.
 * Keeps no state between calls; reads and writes nothing outside the
 * clip. */
void ink_raster_shapes(const ink_raster_target *t, const ink_tess_shape *s, size_t n);

/* Instruction sets for the shapes' pixel loops. */
typedef enum ink_raster_isa {
	INK_RASTER_BEST, /* the fastest this CPU runs */
	INK_RASTER_C,
	INK_RASTER_SSE2,
	INK_RASTER_AVX2,
} ink_raster_isa;

/* ink_raster_shapes with the pixel loops of `isa`; one this build or CPU
 * lacks falls back to the next lesser. Every choice gives the same
 * pixels: for tests and the bench. */
void ink_raster_shapes_isa(const ink_raster_target *t, const ink_tess_shape *s, size_t n,
                           ink_raster_isa isa);

/* Blends the triangles of m (renderer coordinates; indices in range):
 * pixels whose centre lies inside (left and top edges included), colour
 * from each triangle's first vertex, alpha interpolated. */
void ink_raster_triangles(const ink_raster_target *t, const ink_tess_mesh *m);

#endif

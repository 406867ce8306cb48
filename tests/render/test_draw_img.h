/* test_draw_img.h — surfaces for the drawing tests. */
#ifndef TREEHOLE_TEST_DRAW_IMG_H
#define TREEHOLE_TEST_DRAW_IMG_H

#include <stdbool.h>

#include <SDL.h>

#include "draw.h"

/* A new ARGB8888 surface, or NULL. */
SDL_Surface *img_new(int w, int h);

/* The two ways draw_layout draws on the software renderer: blended
 * straight into the surface (atlas_set_target), or as textured geometry
 * through the renderer, the path GPU renderers take. */
typedef enum img_path {
	IMG_DIRECT,
	IMG_GEOMETRY,
} img_path;

#define IMG_PATHS 2

/* Name of a path, for messages. */
const char *img_path_name(img_path p);

/* A software renderer on s with an atlas of `budget` bytes that draws by
 * path p. OUT: *r. NULL on failure. */
atlas *img_atlas(fontchain *fc, SDL_Surface *s, size_t budget, img_path p, SDL_Renderer **r);

/* Draws l (laid out at `size`) ink on paper with `pad` px around it, on a
 * software renderer with an atlas of `budget` bytes, by path p. OUT:
 * *counts (may be NULL), the atlas counters after drawing. NULL on
 * failure. */
SDL_Surface *img_draw(fontchain *fc, const layout *l, float size, int pad, size_t budget,
                      img_path p, atlas_counts *counts);

/* Pixels that differ by more than the tolerance, -1 if sizes differ. */
long img_diff(const SDL_Surface *a, const SDL_Surface *b);

/* The largest difference of any channel of any pixel, -1 if sizes
 * differ. The two drawing paths differ only by rounding. */
int img_max_delta(const SDL_Surface *a, const SDL_Surface *b);

/* Most a channel may differ between the two paths (rounding of blends). */
#define IMG_PATH_DELTA 4

/* Dark (ink) pixels inside r. */
long img_ink(const SDL_Surface *s, SDL_Rect r);

/* Compares with tests/render/ref/<name>.png; on mismatch saves actual and
 * expected side by side in the working directory and prints its path.
 * With TH_DRAW_WRITE_REFS=dir set, writes <dir>/<name>.png instead. */
bool img_matches_ref(const char *name, SDL_Surface *actual);

/* The fraction of s's pixels inside r that are clearly coloured (far from
 * grey), for telling colour emoji from ink. */
double img_colourful(const SDL_Surface *s, SDL_Rect r);

/* s turned a quarter clockwise, as a new surface, or NULL. */
SDL_Surface *img_rotate_cw(const SDL_Surface *s);

#endif

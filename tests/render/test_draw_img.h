/* test_draw_img.h — surfaces for the drawing tests. */
#ifndef TREEHOLE_TEST_DRAW_IMG_H
#define TREEHOLE_TEST_DRAW_IMG_H

#include <stdbool.h>

#include <SDL.h>

#include "draw.h"

/* A new ARGB8888 surface, or NULL. */
SDL_Surface *img_new(int w, int h);

/* Draws l (laid out at `size`) ink on paper with `pad` px around it, on a
 * software renderer with an atlas of `budget` bytes. OUT: *counts (may be
 * NULL), the atlas counters after drawing. NULL on failure. */
SDL_Surface *img_draw(fontchain *fc, const layout *l, float size, int pad, size_t budget,
                      atlas_counts *counts);

/* Pixels that differ by more than the tolerance, -1 if sizes differ. */
long img_diff(const SDL_Surface *a, const SDL_Surface *b);

/* Dark (ink) pixels inside r. */
long img_ink(const SDL_Surface *s, SDL_Rect r);

/* Compares with tests/render/ref/<name>.png; on mismatch saves actual and
 * expected side by side in the working directory and prints its path.
 * With TH_DRAW_WRITE_REFS=dir set, writes <dir>/<name>.png instead. */
bool img_matches_ref(const char *name, SDL_Surface *actual);

#endif

/* draw.h — layouts drawn from a glyph atlas, and PNG output.
 *
 * Works on any SDL_Renderer: a window's, or a software renderer on an own
 * SDL_Surface (tests, card exports; no SDL_Init needed for that). On a GPU
 * renderer glyphs are batched with SDL_RenderGeometry, one call per atlas
 * page. On the software renderer, when the atlas knows the renderer's
 * surface (atlas_set_target), glyphs are blended straight into it, which
 * gives the same picture far faster; otherwise they go through
 * SDL_RenderGeometry too. Nothing here logs: a note's text never reaches
 * a log. */
#ifndef TREEHOLE_DRAW_H
#define TREEHOLE_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "atlas.h"
#include "fontchain.h"
#include "layout.h"

/* The card colours: warm paper and dark ink. */
#define DRAW_PAPER ((SDL_Color){0xFB, 0xF6, 0xEC, 0xFF})
#define DRAW_INK ((SDL_Color){0x3A, 0x35, 0x30, 0xFF})

/* Draws layout `l`, laid out at `size_px` (the layout_params size), with
 * its top-left corner at (x, y) of the atlas's renderer (its viewport and
 * clip rect apply), in `color` (its alpha fades the whole layout). Glyph
 * origins are rounded to whole pixels, so CJK strokes stay crisp. Colour
 * glyphs (emoji) keep their own colours; sideways glyphs are drawn turned
 * 90° clockwise. Glyphs without a face (LAYOUT_NO_FACE) and glyphs the
 * atlas cannot draw are drawn as box outlines. A NULL or empty layout
 * draws nothing and succeeds. Returns false if a or size_px is bad, memory
 * ran out or the renderer failed (SDL_GetError says why); what was drawn
 * before the failure stays drawn. On the renderer path, changes the
 * renderer's draw colour and draw blend mode (placeholder boxes are drawn
 * with them); on the direct path, flushes the renderer's queue first, so
 * what was drawn before lies under the text. */
bool draw_layout(atlas *a, const layout *l, float size_px, float x, float y, SDL_Color color);

/* Saves surface `s` as a PNG file at `path` (SDL2_image). Returns false
 * on failure, with SDL_GetError saying why; never logs. */
bool draw_surface_png(SDL_Surface *s, const char *path);

/* Renders layout `l` (laid out at size_px with chain fc) as a card: ink on
 * paper, `padding` px around the layout, on an own ARGB8888 surface with a
 * software renderer (drawing straight into the surface), and saves it as
 * a PNG at `path`. Needs no SDL_Init.
 * On failure returns false and writes a message (no note text in it) to
 * err (errlen bytes; err may be NULL). */
bool draw_card_png(fontchain *fc, const layout *l, float size_px, const char *path, int padding,
                   char *err, size_t errlen);

/* The card as a new surface (owned by the caller, SDL_FreeSurface), or
 * NULL with a message in err. draw_card_png saves this. */
SDL_Surface *draw_card_surface(fontchain *fc, const layout *l, float size_px, int padding,
                               char *err, size_t errlen);

#endif

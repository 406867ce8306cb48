/* ink_draw.h — handwritten notes drawn on any SDL_Renderer, and ink cards.
 *
 * Strokes come from ink_tess (smoothed, round caps and joins, feathered
 * edges). On a GPU renderer they go through SDL_RenderGeometry as
 * triangles with alpha blending. On the software renderer, when the
 * drawer knows the renderer's surface (ink_draw_set_surface), the same
 * outline is rasterised straight into it as analytic shapes, each pixel's
 * alpha from its centre's exact distance to the stroke: SDL's own
 * software geometry snaps vertices to whole
 * pixels, which leaves gaps in the thin feather triangles, and is ~8x
 * slower on a full page of writing (bench "ink note").
 *
 * The live canvas draws only what is new: each batch of input points adds
 * the segments it made final to a persistent target (a texture, or a
 * surface), so a frame costs the same with 100 or 10,000 segments on the
 * canvas; the provisional tail up to the pen is drawn on top each frame.
 * Draw onto an opaque (paper-filled) target: blending ink into a
 * transparent texture leaves dark fringes when it is copied later. On the
 * software renderer a target texture only gets SDL's geometry (gaps,
 * above): there keep the canvas in an own surface with its own software
 * renderer and drawer, and upload ink_draw_dirty's rect after each
 * segment. */
#ifndef TREEHOLE_INK_DRAW_H
#define TREEHOLE_INK_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "ink_tess.h"

/* The pens, by ink_stroke.colour: dark ink, blue-black, warm red, green —
 * storage's ink_palette (what the colour indices mean; the tests hold the
 * two equal) as SDL colours. Calm, and all dark enough to read on the
 * warm paper (#FBF6EC, DRAW_PAPER). */
extern const SDL_Color ink_draw_palette[INK_COLOURS];

/* What draws ink on one renderer; holds the reusable triangle buffer, so
 * drawing allocates nothing once the buffer has grown. */
typedef struct ink_drawer ink_drawer;

/* A drawer for renderer r (not owned; it must outlive the drawer), or NULL
 * if r is NULL or memory ran out. */
ink_drawer *ink_draw_new(SDL_Renderer *r);

/* Frees d. Accepts NULL. */
void ink_draw_destroy(ink_drawer *d);

/* Tells d that its renderer is a software renderer drawing to surface s
 * (not owned; NULL forgets it). Then, while the renderer draws to s itself
 * (no target texture), unscaled, and s is 32-bit ARGB8888 or XRGB8888,
 * triangles are blended straight into s, inside the renderer's viewport
 * and clip rect, after flushing the renderer's queue so that what was
 * drawn before lies under the ink. Returns false (and forgets) for a
 * surface of another format. */
bool ink_draw_set_surface(ink_drawer *d, SDL_Surface *s);

/* Whether d may draw big notes (a thousand points and more) on two
 * threads when it draws straight into its surface: on by default. A
 * worker thread then starts with the first such note and lives until
 * ink_draw_destroy; the picture is exactly the one-thread picture. Off:
 * everything on the calling thread. Accepts NULL (does nothing). */
void ink_draw_set_split(ink_drawer *d, bool on);

/* Draws note k scaled into `into` (renderer coordinates; the whole canvas
 * fitted with its aspect kept, centred), stroke colours from palette
 * (ink_draw_palette, or another of INK_COLOURS entries; their alpha applies),
 * with a pen `pen_px` wide (ink_tess_pen_px gives the uniform pen for a
 * scale). An empty note draws nothing. Returns false on bad arguments,
 * when memory ran out or the renderer failed (SDL_GetError says why);
 * what was drawn before the failure stays drawn. Changes the renderer's
 * draw blend mode to BLEND on the renderer path. */
bool ink_draw_note(ink_drawer *d, const ink *k, SDL_FRect into,
                   const SDL_Color palette[INK_COLOURS], float pen_px);

/* Draws mesh m as made by ink_tess (renderer coordinates). An empty mesh
 * draws nothing. Errors as ink_draw_note. */
bool ink_draw_mesh(ink_drawer *d, const ink_tess_mesh *m);

/* Live canvas: feeds the next input points pts[0..n) of live stroke lv
 * (ink_tess_live_begin'd at the canvas's transform) and draws the
 * segments they made final, into whatever the renderer draws to now
 * (usually the canvas's target texture). False if lv is idle, memory ran
 * out or the renderer failed; then nothing of these points was taken. */
bool ink_draw_segment(ink_drawer *d, ink_tess_live *lv, const ink_point *pts, size_t n);

/* Live canvas: draws the rest of stroke lv with its end cap (the pen was
 * lifted) and makes lv idle. Errors as ink_draw_segment. */
bool ink_draw_end(ink_drawer *d, ink_tess_live *lv);

/* Live canvas: draws the provisional tail of stroke lv, from its last
 * final segment to the newest point, without changing lv. Call every
 * frame on top of the canvas copy while the pen is down. */
bool ink_draw_preview(ink_drawer *d, const ink_tess_live *lv);

/* The rect (renderer coordinates, whole pixels) that the last drawing
 * call of d may have changed; empty (w = h = 0) if it drew nothing. A
 * canvas kept on the CPU uploads just this much after each new segment
 * (SDL_UpdateTexture). */
SDL_Rect ink_draw_dirty(const ink_drawer *d);

/* Renders note k as a card: the ink drawn with the uniform pen at a scale
 * where INK_GRID units, a full canvas's longer side, are `canvas_px` px
 * (a smaller canvas keeps that scale, as in ink_tess_fit), cut to the ink's
 * bounds and centred with `padding` px of paper around it, on a new
 * ARGB8888 surface (owned by the caller; SDL_FreeSurface). A note without
 * points gives a blank card 2 * padding wide. Needs no SDL_Init. NULL on
 * bad arguments or a card too large (over 16384 px a side), with a
 * message (never note content) in err (errlen bytes; err may be NULL). */
SDL_Surface *ink_card_surface(const ink *k, float canvas_px, int padding, char *err,
                              size_t errlen);

/* ink_card_surface saved as a PNG at `path`. False with a message in err
 * on failure. */
bool ink_card_png(const ink *k, float canvas_px, int padding, const char *path, char *err,
                  size_t errlen);

#endif

/* canvas.h — the ink canvas of the Compose screen: a note written by hand.
 *
 * What the finger draws goes through ink_builder (storage/ink.h): mapped
 * onto the grid, resampled by distance, geometry only — no timing or
 * pressure is kept anywhere, not even in memory. Only the newest segments
 * are drawn, into the canvas's own surface (a software renderer and
 * ink drawer of its own), and only the rect they changed is uploaded to a
 * texture, so a frame costs the same with ten strokes or a thousand.
 * Undo, redo, clear and four pens. After SDL_RENDER_TARGETS_RESET the
 * page is drawn again from the stroke list.
 *
 * Privacy: the strokes are note content; canvas_clear wipes them (the
 * builder wipes its points, the surface is painted over). */
#ifndef TREEHOLE_CANVAS_H
#define TREEHOLE_CANVAS_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"

typedef struct canvas canvas;

/* A canvas for the app's renderer, or NULL when memory ran out. */
canvas *canvas_new(app *a);

/* Wipes and frees. Accepts NULL. */
void canvas_destroy(canvas *c);

/* Wipes every stroke (Submit, Cancel, the idle countdown). */
void canvas_clear(canvas *c);

/* True if the page holds at least one stroke. */
bool canvas_has_ink(const canvas *c);

/* Draws the page in rc with its tools (pens, undo, redo, clear) in
 * `tools`; a new rc (another screen size) starts a new page. */
void canvas_frame(canvas *c, SDL_FRect rc, SDL_FRect tools);

/* Pointer on the page: true when it went down on the page (captured). */
bool canvas_pointer(canvas *c, app_pointer phase, float x, float y);

/* Encodes the page as an ink note body. OUT: *body (malloc'ed; wipe and
 * free it) and *len. STATUS_INK_INVALID for an empty page. */
status canvas_encode(canvas *c, uint8_t **body, size_t *len);

/* The page must be drawn again (render targets were reset). */
void canvas_targets_reset(canvas *c);

#endif

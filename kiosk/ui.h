/* ui.h — the kiosk's immediate-mode widgets: sizes in millimetres, text
 * from the layout cache and glyph atlas, buttons that answer taps.
 *
 * Like microui, a screen is one function that draws itself every frame
 * and asks `ui_button` whether a button was tapped; there is no widget
 * tree to keep in sync. A tap is delivered to the frame after it
 * happened and consumed by the first button that contains it. Every
 * button is registered by id, so scripts can press it by name
 * (`press write`) whatever the screen size.
 *
 * A ui borrows the renderer, atlas and layout cache of the app; it holds
 * no note text beyond the frame (the cache wipes what it stores). */
#ifndef TREEHOLE_UI_H
#define TREEHOLE_UI_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "atlas.h"
#include "layout.h"
#include "layout_cache.h"

#define UI_MAX_HITS 96
#define UI_ID_MAX 24

/* Palette: warm paper on a dusk background, calm at night. */
#define UI_BG ((SDL_Color){0x2B, 0x2A, 0x33, 0xFF})
#define UI_BG_SOFT ((SDL_Color){0x38, 0x37, 0x42, 0xFF})
#define UI_PAPER ((SDL_Color){0xFB, 0xF6, 0xEC, 0xFF})
#define UI_INK ((SDL_Color){0x3A, 0x35, 0x30, 0xFF})
#define UI_INK_SOFT ((SDL_Color){0x8A, 0x80, 0x74, 0xFF})
#define UI_LIGHT ((SDL_Color){0xEE, 0xE8, 0xDC, 0xFF})
#define UI_DIM ((SDL_Color){0xA8, 0xA3, 0xB0, 0xFF})
#define UI_ACCENT ((SDL_Color){0xE0, 0x9F, 0x5A, 0xFF})
#define UI_DANGER ((SDL_Color){0xC8, 0x5A, 0x4E, 0xFF})

typedef enum ui_style {
	UI_PRIMARY = 0,  /* filled accent: the one thing to do on a screen */
	UI_QUIET,        /* outlined, light text on the background */
	UI_ON_PAPER,     /* outlined, ink text, for buttons on a card */
	UI_SELECTED,     /* filled light: a chosen option */
	UI_WARN,         /* filled danger: reject, exit */
} ui_style;

/* A registered button: where it was drawn in the last frame. */
typedef struct ui_hit {
	char id[UI_ID_MAX];
	SDL_FRect rect;
} ui_hit;

typedef struct ui {
	SDL_Renderer *r;
	atlas *at;
	layout_cache *lc;
	int w, h;               /* drawable size, px */
	float px_per_mm;
	bool tap_pending;       /* a tap waiting for a button this frame */
	bool tap_taken;         /* a button took a tap this frame: state changed */
	float tap_x, tap_y;
	ui_hit hits[UI_MAX_HITS];
	size_t nhits;           /* this frame's buttons so far */
	ui_hit last[UI_MAX_HITS];
	size_t nlast;           /* the last finished frame's, for scripts */
} ui;

/* Starts a frame of w x h px at px_per_mm: clears this frame's button
 * registry (ui_find still answers from the last finished frame). */
void ui_begin(ui *u, int w, int h, float px_per_mm);

/* Ends a frame: its buttons become what ui_find answers from, and an
 * unclaimed tap is dropped, so it cannot fire a button drawn later on
 * another screen. */
void ui_end(ui *u);

/* Queues a tap at (x, y) px for the next frame's buttons. */
void ui_tap(ui *u, float x, float y);

/* Millimetres to pixels. */
float ui_mm(const ui *u, float mm);

/* Fills a rectangle, or a rounded one (radius px; 0 = square corners),
 * with colour c (alpha blended). */
void ui_fill(ui *u, SDL_FRect rc, float radius, SDL_Color c);

/* Outlines a rounded rectangle `thick` px wide. */
void ui_outline(ui *u, SDL_FRect rc, float radius, float thick, SDL_Color c);

/* Lays out text (UTF-8, len bytes) at size_px within max_w px (vertical:
 * max height), through the cache. Returns the cached layout, valid until
 * the cache evicts it (use it within the frame), or NULL on failure. */
const layout *ui_layout(ui *u, const char *text, size_t len, float size_px, float max_w,
                        layout_align align, bool vertical, int max_lines);

/* Draws a laid-out text with its top-left at (x, y). */
void ui_draw(ui *u, const layout *l, float size_px, float x, float y, SDL_Color c);

/* Lays out and draws a NUL-terminated label within the box's width,
 * aligned, vertically centred in the box when centre_v. Returns the
 * height drawn (0 on failure). */
float ui_label(ui *u, const char *text, float size_px, SDL_FRect box, layout_align align,
               bool centre_v, SDL_Color c);

/* Draws a button with a centred label and registers it as `id`. Returns
 * true once if a queued tap falls inside it (the tap is consumed). */
bool ui_button(ui *u, const char *id, SDL_FRect rc, const char *label, float size_px,
               ui_style style);

/* Registers an invisible tappable area (cards, backgrounds) as `id`.
 * Returns true once if a queued tap falls inside it. */
bool ui_area(ui *u, const char *id, SDL_FRect rc);

/* Where the button `id` was drawn in the last finished frame. Returns false if no
 * such button was drawn. OUT: *rc. */
bool ui_find(const ui *u, const char *id, SDL_FRect *rc);

/* Writes the ids of the last frame's buttons, space-separated, into buf
 * (for script errors). */
void ui_list_ids(const ui *u, char *buf, size_t cap);

#endif

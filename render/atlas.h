/* atlas.h — glyphs rasterised once, kept in textures of one renderer.
 *
 * Each glyph is rasterised once per (face, glyph id, pixel size) with
 * FreeType (8-bit coverage) and packed on shelves into texture pages:
 * white pixels whose alpha is the coverage, blend mode BLEND, so vertex
 * colours tint them. Pages live within a memory budget; when a new page is
 * needed and the budget is reached, the least recently used page is
 * cleared and its glyphs are dropped (rasterised again if drawn again).
 *
 * An atlas belongs to one renderer and one thread; it borrows the renderer
 * and the font chain, which must outlive it. draw.h draws layouts with it. */
#ifndef TREEHOLE_ATLAS_H
#define TREEHOLE_ATLAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "fontchain.h"

typedef struct atlas atlas;

/* Where a glyph sits in a page, and how to place it: its bitmap's top-left
 * corner goes to (origin x + left, origin y - top). */
typedef struct atlas_glyph {
	int page;
	int x, y, w, h;       /* bitmap rect in the page, px */
	int left, top;        /* FreeType bitmap_left / bitmap_top */
} atlas_glyph;

typedef enum atlas_result {
	ATLAS_GLYPH = 0,      /* *out is a bitmap in page out->page */
	ATLAS_EMPTY,          /* nothing to draw (a space) */
	ATLAS_BOX,            /* not drawable (colour-only glyph, load error, larger than a
	                       * page): the caller draws a placeholder box */
	ATLAS_FULL,           /* every page was used since atlas_begin: draw what is
	                       * batched, call atlas_begin, ask again */
	ATLAS_ERROR,          /* out of memory or the renderer failed (SDL_GetError) */
} atlas_result;

/* Counters since atlas_new, for tests and the bench. */
typedef struct atlas_counts {
	unsigned long rasterised; /* glyphs rendered with FreeType */
	unsigned long evictions;  /* pages cleared to make room */
	unsigned long resets;     /* atlas_reset calls */
	size_t pages;             /* pages that exist now */
	size_t glyphs;            /* glyphs cached now */
} atlas_counts;

/* A new, empty atlas for renderer `r`, drawing faces of `fc`. Pages are
 * 1024x1024 ARGB8888 (4 MiB) unless the budget is under two of them, then
 * smaller (down to 256x256); at least one page always exists when needed,
 * so memory stays within max(budget, one page). Returns NULL if r or fc is
 * NULL or out of memory. Free with atlas_destroy. */
atlas *atlas_new(SDL_Renderer *r, fontchain *fc, size_t budget_bytes);

/* Destroys the atlas and its textures (not the renderer or the chain).
 * Accepts NULL. */
void atlas_destroy(atlas *a);

/* Drops every page and glyph; they are rasterised again when drawn. Call
 * on SDL_RENDER_TARGETS_RESET / SDL_RENDER_DEVICE_RESET, whose textures are
 * lost. Accepts NULL. */
void atlas_reset(atlas *a);

/* Starts a batch (a frame): pages used before it may be evicted again. */
void atlas_begin(atlas *a);

/* Finds glyph `glyph` of face `face` at size_px (fractions kept to 1/64
 * px) in ink colour `rgb` (0xRRGGBB), rasterising and uploading it if
 * needed, and marks its page used in this batch. Glyphs are stored already
 * in their colour, so drawing needs no colour modulation (slow in the
 * software renderer); each ink colour in use costs its own entries. OUT: *out, valid for ATLAS_GLYPH until the next atlas_lookup
 * that returns ATLAS_GLYPH from a new page, or atlas_reset. */
atlas_result atlas_lookup(atlas *a, unsigned face, uint32_t glyph, float size_px, uint32_t rgb,
                          atlas_glyph *out);

/* Texture and side length (px) of page i (from an atlas_glyph). Owned by
 * the atlas. */
SDL_Texture *atlas_page(const atlas *a, int i);
int atlas_page_side(const atlas *a);

/* The renderer the atlas draws to. */
SDL_Renderer *atlas_renderer(const atlas *a);

/* Bytes held: texture pages (4 bytes a pixel) plus the glyph table. */
size_t atlas_bytes(const atlas *a);

/* OUT: *out, the counters. */
void atlas_stats(const atlas *a, atlas_counts *out);

#endif

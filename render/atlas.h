/* atlas.h — glyphs rasterised once, kept in pages for one renderer.
 *
 * Each glyph is rasterised once per (face, glyph id, pixel size, ink
 * colour, sideways) with FreeType and packed on shelves into pages of
 * straight-alpha ARGB8888 pixels. Outline glyphs are stored already in
 * their ink colour (coverage as alpha), so drawing needs no colour
 * modulation; colour glyphs (CBDT emoji) are stored in their own colours,
 * scaled to the em size, and never tinted. Sideways glyphs (vertical
 * text) are stored turned 90° clockwise, as entries of their own.
 *
 * Where pages live depends on the renderer:
 *  - a GPU renderer: pages are textures; draw.h batches quads with
 *    SDL_RenderGeometry.
 *  - the software renderer: pages are surfaces. With a target surface
 *    (atlas_set_target) draw.h blends glyphs straight into it, which is
 *    ~10x cheaper than the software renderer's per-triangle path; without
 *    one, each page also gets a texture made from it (twice the memory)
 *    and drawing goes through SDL_RenderGeometry as on a GPU.
 *
 * Pages, page textures, the glyph table and the raster buffer together
 * stay within a memory budget (at least one page always exists when
 * needed). When a new page is needed and the budget is reached, the least
 * recently used page is cleared and its glyphs dropped (rasterised again
 * if drawn again).
 *
 * An atlas belongs to one renderer and one thread; it borrows the
 * renderer, the font chain and the target surface, which must outlive it
 * (or be replaced first). */
#ifndef TREEHOLE_ATLAS_H
#define TREEHOLE_ATLAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "fontchain.h"

typedef struct atlas atlas;

/* Where a glyph sits in a page, and how to place it: its bitmap's top-left
 * corner goes to (origin x + left, origin y - top). For a sideways glyph
 * these describe the turned bitmap. */
typedef struct atlas_glyph {
	int page;
	int x, y, w, h;       /* bitmap rect in the page, px */
	int left, top;        /* bearings, as FreeType's bitmap_left / bitmap_top */
	bool colour;          /* its own colours (emoji), not the ink's */
} atlas_glyph;

typedef enum atlas_result {
	ATLAS_GLYPH = 0,      /* *out is a bitmap in page out->page */
	ATLAS_EMPTY,          /* nothing to draw (a space) */
	ATLAS_BOX,            /* not drawable (no such face, load error, larger than a
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
 * 1024x1024 (4 MiB) unless the budget is under two of them, then smaller
 * (down to 256x256). Memory stays within max(budget, one page plus the
 * table). Whether pages are surfaces or textures is decided here, from
 * the renderer's name ("software" or not). Returns NULL if r or fc is
 * NULL or out of memory. Free with atlas_destroy. */
atlas *atlas_new(SDL_Renderer *r, fontchain *fc, size_t budget_bytes);

/* Destroys the atlas and its pages (not the renderer, chain or target).
 * Accepts NULL. */
void atlas_destroy(atlas *a);

/* Software renderer only: `target` is the surface the renderer draws on
 * (the one given to SDL_CreateSoftwareRenderer, or its window's
 * SDL_GetWindowSurface; set it again after that surface changes, e.g. on
 * a resize). draw.h then blends glyphs straight into it. NULL turns that
 * off. Borrowed: it must outlive its use here. Returns false (and changes
 * nothing) if the atlas's pages are textures (a GPU renderer) or a is
 * NULL. */
bool atlas_set_target(atlas *a, SDL_Surface *target);

/* The target surface set with atlas_set_target, or NULL. */
SDL_Surface *atlas_target(const atlas *a);

/* Drops every page and glyph; they are rasterised again when drawn. Call
 * on SDL_RENDER_TARGETS_RESET / SDL_RENDER_DEVICE_RESET, whose textures are
 * lost. Accepts NULL. */
void atlas_reset(atlas *a);

/* Starts a batch (a frame): pages used before it may be evicted again. */
void atlas_begin(atlas *a);

/* Finds glyph `glyph` of face `face` at size_px (fractions kept to 1/64
 * px) in ink colour `rgb` (0xRRGGBB), turned 90° clockwise if `sideways`,
 * rasterising and storing it if needed, and marks its page used in this
 * batch. Each ink colour in use costs its own entries (colour glyphs too,
 * though they are stored untinted). OUT: *out, valid for ATLAS_GLYPH
 * until the next atlas_lookup that returns ATLAS_GLYPH from a new page,
 * or atlas_reset. */
atlas_result atlas_lookup(atlas *a, unsigned face, uint32_t glyph, float size_px, uint32_t rgb,
                          bool sideways, atlas_glyph *out);

/* Texture of page i (from an atlas_glyph), owned by the atlas. On the
 * software renderer it is made from the page's surface on first use and
 * kept in step with it. NULL if i is not a page or the renderer failed. */
SDL_Texture *atlas_page(atlas *a, int i);

/* Surface of page i on the software renderer (owned by the atlas); NULL
 * if the pages are textures or i is not a page. */
SDL_Surface *atlas_page_surface(const atlas *a, int i);

/* Side length of a page, px. */
int atlas_page_side(const atlas *a);

/* The renderer the atlas draws to. */
SDL_Renderer *atlas_renderer(const atlas *a);

/* Bytes held: pages and page textures (4 bytes a pixel), the glyph table
 * and the raster buffer. */
size_t atlas_bytes(const atlas *a);

/* OUT: *out, the counters. */
void atlas_stats(const atlas *a, atlas_counts *out);

#endif

/* atlas_raster.h — one glyph rasterised into ARGB pixels for the atlas
 * (internal to atlas.c; not a public header).
 *
 * Outline glyphs become their 8-bit coverage in the ink colour; colour
 * glyphs (CBDT emoji: BGRA bitmaps at fixed strikes) are scaled to the em
 * size with an area (box) filter and keep their own colours. Sideways
 * glyphs are turned 90° clockwise. */
#ifndef TREEHOLE_ATLAS_RASTER_H
#define TREEHOLE_ATLAS_RASTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "atlas.h"

/* Empty texels around each glyph, so no neighbour bleeds in. */
#define ATLAS_PAD 1

/* A growable pixel buffer, reused across glyphs. */
typedef struct atlas_scratch {
	uint32_t *px;
	size_t cap;           /* pixels */
} atlas_scratch;

/* A rasterised glyph: pw x ph straight-alpha ARGB pixels (rows of pw),
 * the glyph's w x h bitmap inside an ATLAS_PAD-texel empty border. */
typedef struct atlas_bitmap {
	const uint32_t *px;   /* points into the scratch buffer */
	int pw, ph;
	int w, h, left, top;  /* as atlas_glyph */
	bool colour;
} atlas_bitmap;

/* Rasterises glyph `glyph` of `ft` at size26 (1/64 px) into s. Outline
 * glyphs are tinted `rgb` (0xRRGGBB); colour bitmaps are not. `max_side`
 * bounds the padded bitmap (a page side). Returns ATLAS_GLYPH (OUT: *out),
 * ATLAS_EMPTY, ATLAS_BOX (cannot be drawn) or ATLAS_ERROR (no memory).
 * Sets the face's size (the chain shares faces, so every call does).
 * OUT: *rasterised, set true when FreeType rendered the glyph. */
atlas_result atlas_rasterise(FT_Face ft, uint32_t glyph, uint32_t size26, uint32_t rgb,
                             bool sideways, int max_side, atlas_scratch *s, atlas_bitmap *out,
                             bool *rasterised);

/* Frees the buffer. */
void atlas_scratch_free(atlas_scratch *s);

#endif

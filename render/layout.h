/* layout.h — Chinese text laid out into positioned glyphs.
 *
 * Itemises the text into runs by face (fontchain coverage) and script,
 * shapes each run with HarfBuzz (language zh-Hans, so `locl` picks Chinese
 * punctuation forms; vertical runs get `vert` forms), breaks lines with
 * linebreak_fill (UAX #14 + CLREQ), then places glyphs line by line.
 * Horizontal text runs left to right in lines top to bottom; vertical text
 * runs top to bottom in columns right to left, like a paper notebook.
 *
 * Coordinates are pixels, y down, relative to the layout's top-left
 * corner. A glyph's (x, y) is where its FreeType horizontal origin goes
 * (pen plus HarfBuzz offsets), so it can be drawn by glyph id.
 *
 * Invalid UTF-8 is shown as U+FFFD. A code point no face covers becomes a
 * placeholder (face LAYOUT_NO_FACE) one em wide, drawn as a box. */
#ifndef TREEHOLE_LAYOUT_H
#define TREEHOLE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fontchain.h"

#define LAYOUT_NO_FACE UINT16_MAX

typedef enum layout_align {
	LAYOUT_ALIGN_START = 0, /* left (horizontal) or top (vertical) */
	LAYOUT_ALIGN_CENTER,
	LAYOUT_ALIGN_END,
} layout_align;

typedef struct layout_params {
	float size_px;        /* font size (em) in pixels, > 0 */
	float max_extent;     /* line width (horizontal) or column height (vertical), px */
	float line_spacing;   /* distance between lines/columns in ems; <= 0 means 1.6 */
	int max_lines;        /* 0: no limit; else cut with an ellipsis (cards) */
	layout_align align;
	bool vertical;
} layout_params;

typedef struct layout_glyph {
	uint16_t face;        /* index in the font chain, or LAYOUT_NO_FACE */
	bool sideways;        /* vertical text only: drawn turned 90° clockwise (Latin and
	                         digits in a column, as CLREQ sets them); (x, y) is still
	                         where the origin goes and its baseline runs down the column */
	uint32_t glyph;       /* glyph id in that face */
	float x, y;           /* where the glyph's origin goes */
	float advance;        /* along the line, px (for placeholders: box size) */
	uint32_t cluster;     /* byte offset of its cluster in layout->text */
} layout_glyph;

typedef struct layout_line {
	size_t first, count;  /* glyphs[first .. first + count) */
	size_t start, end;    /* bytes of layout->text */
	float extent;         /* width (or column height) of the line, px */
} layout_line;

typedef struct layout {
	char *text;           /* the input with invalid UTF-8 as U+FFFD, NUL-terminated;
	                         lines index into it (after a cut, text goes on past
	                         the last line's end) */
	size_t text_len;
	layout_glyph *glyphs;
	size_t nglyphs;
	layout_line *lines;
	size_t nlines;
	float width, height;  /* bounding box of the whole layout, px */
	bool truncated;       /* max_lines cut the text (an ellipsis ends the last line) */
	bool vertical;
} layout;

typedef enum layout_status {
	LAYOUT_OK = 0,
	LAYOUT_BAD_PARAMS,    /* size_px <= 0 or not finite, max_extent not finite */
	LAYOUT_NO_MEMORY,
} layout_status;

/* Lays out `len` bytes of `text` (any bytes; need not be NUL-terminated).
 * max_extent <= 0 gives one cluster per line. OUT: *out, owned by the
 * caller (layout_free), NULL on failure. The chain must outlive nothing:
 * the layout keeps no reference to it. */
layout_status layout_text(fontchain *fc, const char *text, size_t len, const layout_params *p,
                          layout **out);

/* Frees a layout. Accepts NULL. */
void layout_free(layout *l);

/* Writes line i's text (escaped nothing, raw UTF-8) into buf as a NUL-
 * terminated string, cut to cap. Returns the line's byte length. */
size_t layout_line_text(const layout *l, size_t i, char *buf, size_t cap);

#endif

/* layout_internal.h — what layout's files share; not a public header. */
#ifndef TREEHOLE_LAYOUT_INTERNAL_H
#define TREEHOLE_LAYOUT_INTERNAL_H

#include "layout.h"

/* A run of text one face shapes, in one script. */
typedef struct layout_run {
	size_t start, len;     /* bytes of the text */
	uint16_t face;         /* or LAYOUT_NO_FACE */
	hb_script_t script;
	bool sideways;         /* vertical text: shaped left to right, set turned 90° cw */
} layout_run;

typedef struct layout_runs {
	layout_run *v;
	size_t n, cap;
} layout_runs;

/* A shaped glyph in logical order, sizes in px. */
typedef struct layout_sglyph {
	uint16_t face;
	uint32_t glyph;
	uint32_t cluster;
	float advance, x_offset, y_offset; /* offsets y up, as HarfBuzz gives them */
	bool sideways;                     /* of a sideways run: advance and offsets
	                                      are horizontal ones */
} layout_sglyph;

typedef struct layout_shaped {
	layout_sglyph *v;
	size_t n, cap;
} layout_shaped;

/* A copy of `in` with every invalid UTF-8 byte replaced by U+FFFD, NUL-
 * terminated. OUT: *out_len. NULL if out of memory. */
char *layout_repair_utf8(const char *in, size_t len, size_t *out_len);

/* The code point at byte `at` of valid UTF-8. OUT: *n its length. */
uint32_t layout_decode(const char *text, size_t len, size_t at, size_t *n);

/* Finds the first sideways stretch of valid UTF-8 text that starts at or
 * after byte `from`: Latin (or Greek, Cyrillic) words and numbers, which
 * vertical text sets turned 90° clockwise, as CLREQ does. A stretch is
 * letters and ASCII digits joined by spaces and ASCII punctuation between
 * them (an apostrophe ’ only between two letters), with the ASCII openers
 * ( [ { < " ' right before it and ASCII closing punctuation (. , ! ? ) %
 * …) right after it; marks stay with their base. Fullwidth forms and CJK
 * punctuation stay upright. A stretch of one code point (A股) or of two
 * without a letter (12月) stays upright too, digit by digit (we do no
 * tate-chu-yoko). OUT: *start, *end bytes of the stretch. False if there
 * is none. */
bool layout_next_sideways(const char *text, size_t len, size_t from, size_t *start, size_t *end);

/* Splits text into runs by covering face and script, and in vertical
 * text also by sideways stretches. OUT: *out (free v). False if out of
 * memory. */
bool layout_itemise(fontchain *fc, const char *text, size_t len, bool vertical, layout_runs *out);

/* Shapes every run: vertical runs top to bottom with `vert` forms,
 * sideways runs (and all of horizontal text) left to right. OUT: *out
 * (free v). False if out of memory. */
bool layout_shape(fontchain *fc, const char *text, size_t len, const layout_runs *runs, float size,
                  bool vertical, layout_shaped *out);

#endif

/* lbtest.h — helpers shared by the line-breaking tests: an advance model
 * standing in for shaping, and checks every layout must pass. */
#ifndef TREEHOLE_LBTEST_H
#define TREEHOLE_LBTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linebreak.h"

/* The test's own strict UTF-8 decoder (independent of render/): returns the
 * length 1..4 of the code point at byte i; an invalid byte is U+FFFD of 1. */
size_t lbt_decode(const char *s, size_t len, size_t i, uint32_t *cp);

/* The advance model of the tests: ASCII 0.5 em; CJK, fullwidth forms,
 * emoji and everything else 1.0 em; 0 for the code points a shaper folds
 * into the cluster before them (ZWJ and what follows it, variation
 * selectors, skin tones, combining marks) and for non-first bytes. An
 * invalid byte is a U+FFFD of 1.0. OUT: adv[0..len). */
void lbt_advances(const char *s, size_t len, float *adv);

/* linebreak_fill into an exactly sized malloc'd array (checks that the
 * count does not change with cap). OUT: *n. */
linebreak_line *lbt_fill(const char *s, size_t len, const float *adv, float width, size_t *n);

/* Asserts that the lines tile the text: consecutive (soft break) or
 * separated by exactly one hard break sequence, first at 0, last at len, no
 * hard break inside a line, every soft break on a cluster boundary, widths
 * equal to the model's sum without trailing spaces, and no line wider than
 * width unless it holds a single cluster. */
void lbt_check_lines(const char *s, size_t len, const float *adv, float width,
                     const linebreak_line *lines, size_t n);

/* Is byte b a cluster boundary under adv (0 < b < len)? */
bool lbt_cluster_boundary(const char *s, size_t len, const float *adv, size_t b);

/* The model's width of [start, end): clusters summed, trailing spaces
 * (U+0020, U+3000) left out. OUT: *clusters, the non-space clusters. */
float lbt_width(const char *s, size_t len, const float *adv, size_t start, size_t end,
                size_t *clusters);

/* Convenience: advances, fill and lbt_check_lines of a NUL-terminated text.
 * Returns the lines (free them); OUT: *n. */
linebreak_line *lbt_layout(const char *s, float width, size_t *n);

/* Does some line start at byte b (b > 0, a soft break)? */
bool lbt_breaks_at(const linebreak_line *lines, size_t n, size_t b);

#endif

/* linebreak.h — where Chinese text may break into lines.
 *
 * UAX #14 opportunities from libunibreak (language "zh"), tailored with the
 * W3C CLREQ prohibition rules at the basic level:
 *   - never at a line start: 、，。：；！？”’」』）】〕〗］｝》〉～· and ,.;:!?)%
 *     (and their fullwidth forms);
 *   - never at a line end: “‘「『（【〔〖［｛《〈(
 *   - never split: —— or ……, a number with its unit or sign (30%, 23:45,
 *     ￥25, 3.5公里, 5km), a Latin word (unless it alone is wider than the
 *     line).
 * A violation is resolved by moving characters to the next line, never by
 * overflowing the width. The text itself is never altered.
 *
 * Pure functions: no fonts, no allocation beyond what the caller passes
 * (except linebreak_fill on texts over 4 KiB, see there). Thread-safe.
 * Invalid UTF-8 is treated as U+FFFD, one byte at a time. The exact rules
 * are listed in linebreak_rules.c, the filling in linebreak.c. */
#ifndef TREEHOLE_LINEBREAK_H
#define TREEHOLE_LINEBREAK_H

#include <stddef.h>

/* For each byte position: may a line end right after this byte? */
enum {
	LINEBREAK_MUST = 0,   /* a hard break: after \n, \r\n, U+2028, U+2029 */
	LINEBREAK_ALLOW = 1,  /* a line may end here */
	LINEBREAK_NO = 2,     /* no line may end here */
	LINEBREAK_INSIDE = 3, /* inside a code point: never a boundary */
};

/* Fills out[0..len) with LINEBREAK_* for the position after each byte.
 * The last byte's entry is LINEBREAK_MUST (the end of the text). Hard breaks
 * are UAX #14's: also a lone \r, VT, FF and NEL (U+0085). Writes nothing if
 * len is 0 or text or out is NULL. */
void linebreak_opportunities(const char *text, size_t len, char *out);

/* One line of text: bytes [start, end) with its width. A hard break's
 * newline bytes belong to no line (end stops before them). */
typedef struct linebreak_line {
	size_t start, end;
	float width;
} linebreak_line;

/* Greedy fill of lines at most max_width wide. advances[i] is the advance
 * of the cluster that starts at byte i, 0 for every other byte (shaping
 * gives clusters; without shaping, one code point is one cluster; a code
 * point with advance 0 joins the cluster before it). A line is only wider
 * than max_width when one cluster alone is. max_width <= 0 (or NaN) is
 * treated as 1 cluster per line. Trailing spaces (U+0020, U+3000) hang: they
 * stay in [start, end) but never count to width nor cause an overflow. A
 * text ending with a hard break ends with an empty line. OUT:
 * out[0..min(n, cap)) lines (out may be NULL if cap is 0).
 * Returns n, the number of lines the text needs (call again with a larger
 * cap if n > cap). An empty text has one empty line. Returns 0 only on
 * failure: text or advances NULL with len > 0, or, for a text over 4 KiB
 * (whose opportunities do not fit the stack), no memory for len bytes. */
size_t linebreak_fill(const char *text, size_t len, const float *advances, float max_width,
                      linebreak_line *out, size_t cap);

/* linebreak_fill with opportunities the caller computed with
 * linebreak_opportunities(text, len, brks): never allocates, and one pass of
 * opportunities serves every width. Other brks give wrong lines but stay
 * within bounds. Returns 0 only if text, brks or advances is NULL with
 * len > 0. */
size_t linebreak_fill_with(const char *text, size_t len, const char *brks, const float *advances,
                           float max_width, linebreak_line *out, size_t cap);

#endif

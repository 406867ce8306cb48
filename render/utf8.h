/* utf8.h — strict UTF-8 decoding, the one decoder of render/.
 *
 * Strict: no overlongs, no surrogates, nothing above U+10FFFF. A byte that
 * does not start a complete valid sequence decodes as one U+FFFD of length
 * 1, so every byte belongs to exactly one code point and a damaged text is
 * shown, not dropped. */
#ifndef TREEHOLE_UTF8_H
#define TREEHOLE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point that starts at byte i (i < len). OUT: *cp.
 * Returns its length, 1..4. An invalid byte: U+FFFD, length 1 (a real
 * U+FFFD in the text has length 3, so the two can be told apart). */
size_t utf8_next(const char *text, size_t len, size_t i, uint32_t *cp);

/* The code point that ends right before byte b (0 < b), as the forward
 * decoder from the start of the text sees it. OUT: *cp. Returns its length. */
size_t utf8_prev(const char *text, size_t b, uint32_t *cp);

#endif

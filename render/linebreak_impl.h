/* linebreak_impl.h — the breaker's insides, shared by linebreak.c and
 * linebreak_rules.c. Not included outside render/. */
#ifndef TREEHOLE_LINEBREAK_IMPL_H
#define TREEHOLE_LINEBREAK_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point that starts at byte i (i < len) and returns its
 * length in bytes, 1..4. Strict UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF): a byte that does not start a complete valid sequence is
 * one U+FFFD of length 1, so every byte belongs to exactly one code point. */
size_t linebreak_utf8_next(const char *text, size_t len, size_t i, uint32_t *cp);

/* The code point that ends right before byte b (0 < b), as the forward
 * decoder from the start of the text sees it. Returns its length. */
size_t linebreak_utf8_prev(const char *text, size_t b, uint32_t *cp);

/* Is the code point a regional indicator (U+1F1E6..U+1F1FF), half a flag? */
bool linebreak_is_regional(uint32_t cp);

/* Is the code point a hard line break (LF, VT, FF, CR, NEL, U+2028, U+2029)? */
bool linebreak_is_hard(uint32_t cp);

/* Do the CLREQ rules (see linebreak_rules.c) forbid a line break at byte
 * boundary b, between the code point ending at b and the one starting there?
 * 0 < b < len, and b must be a code point boundary. Says nothing of UAX #14:
 * a boundary it allows may still be a no-break for libunibreak. */
bool linebreak_prohibits(const char *text, size_t len, size_t b);

#endif

/* linebreak_impl.h — the breaker's insides, shared by linebreak.c and
 * linebreak_rules.c. Not included outside render/. */
#ifndef TREEHOLE_LINEBREAK_IMPL_H
#define TREEHOLE_LINEBREAK_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

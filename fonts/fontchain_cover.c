/* fontchain_cover.c — which face draws a code point, cached.
 *
 * Coverage is asked of HarfBuzz (hb_font_get_nominal_glyph), the same cmap
 * lookup the shaper makes, so a code point said to be covered never shapes
 * to .notdef in its face.
 *
 * The cache has two parts, both allocated on first use and both bounded:
 *
 * - The BMP (U+0000..U+FFFF), where nearly all Chinese text lives, is a
 *   direct table of 65,536 bytes, one per code point. 64 KiB is small next
 *   to the faces themselves (tens of MB mapped), a lookup is one load with
 *   no hashing and no collisions, and nothing is ever evicted: a feed of
 *   notes touches thousands of distinct characters (3,500 in common use),
 *   which would keep a small hash table churning.
 *
 * - Above the BMP (CJK Extension B and later, emoji) code points are rare
 *   and sparse over a million values, so a direct-mapped table of 4,096
 *   slots (32 KiB) keyed by the code point is enough: a collision only
 *   evicts, and the evicted answer is recomputed the next time.
 *
 * An entry is 0 for unknown, 1 for no face, k + 2 for face k, so a zeroed
 * allocation starts empty and a byte holds every face index the chain may
 * have (FONTCHAIN_MAX_SPECS). If an allocation fails the answer is computed
 * without caching: slower, never wrong. */
#include "fontchain_impl.h"

#include <stdlib.h>

#define BMP_SIZE 0x10000u
#define ASTRAL_BITS 12
#define ASTRAL_SLOTS (1u << ASTRAL_BITS)
#define ENTRY_UNKNOWN 0
#define ENTRY_NONE 1

_Static_assert(FONTCHAIN_MAX_SPECS + 2 <= INT8_MAX, "face indices must fit a cache byte");

static bool valid_cp(uint32_t cp)
{
	return cp <= 0x10FFFFu && !(cp >= 0xD800u && cp <= 0xDFFFu);
}

static int8_t lookup(const fontchain *fc, uint32_t cp)
{
	for (size_t i = 0; i < fc->count; i++) {
		hb_codepoint_t glyph = 0;

		if (hb_font_get_nominal_glyph(fc->faces[i].hb_font, cp, &glyph) && glyph != 0)
			return (int8_t)(i + 2);
	}
	return ENTRY_NONE;
}

/* Fibonacci hashing spreads code points that share their low bits (U+1F600
 * of an emoji and U+20600 of an ideograph) over different slots. */
static size_t astral_slot(uint32_t cp)
{
	return (size_t)((cp * 2654435761u) >> (32 - ASTRAL_BITS));
}

static int8_t cached_bmp(fontchain *fc, uint32_t cp)
{
	if (!fc->bmp)
		fc->bmp = calloc(BMP_SIZE, sizeof *fc->bmp);
	if (!fc->bmp)
		return lookup(fc, cp);
	if (fc->bmp[cp] == ENTRY_UNKNOWN)
		fc->bmp[cp] = lookup(fc, cp);
	return fc->bmp[cp];
}

static int8_t cached_astral(fontchain *fc, uint32_t cp)
{
	struct fontchain_cover_slot *slot;

	if (!fc->astral)
		fc->astral = calloc(ASTRAL_SLOTS, sizeof *fc->astral);
	if (!fc->astral)
		return lookup(fc, cp);
	slot = &fc->astral[astral_slot(cp)];
	if (slot->entry == ENTRY_UNKNOWN || slot->cp != cp) {
		slot->cp = cp;
		slot->entry = lookup(fc, cp);
	}
	return slot->entry;
}

int fontchain_face_for(fontchain *fc, uint32_t cp)
{
	int8_t entry;

	if (!fc || !valid_cp(cp))
		return -1;
	entry = cp < BMP_SIZE ? cached_bmp(fc, cp) : cached_astral(fc, cp);
	return entry == ENTRY_NONE ? -1 : entry - 2;
}

void fontchain_cover_free(fontchain *fc)
{
	free(fc->bmp);
	free(fc->astral);
	fc->bmp = NULL;
	fc->astral = NULL;
}

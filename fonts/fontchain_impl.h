/* fontchain_impl.h — the chain's insides, shared by the files of fonts/.
 * Not installed, not included outside fonts/. */
#ifndef TREEHOLE_FONTCHAIN_IMPL_H
#define TREEHOLE_FONTCHAIN_IMPL_H

#include "fontchain.h"

#include <fontconfig/fontconfig.h>

/* One opened face. The FreeType face reads the bytes of the HarfBuzz blob
 * (one mapping of the file serves both), so the blob outlives the face. */
struct fontchain_face {
	char *family;   /* owned */
	char *path;     /* owned */
	int index;      /* as fontconfig gives it: face in the low 16 bits, named instance + 1 above */
	hb_blob_t *blob;
	hb_face_t *hb_face;
	hb_font_t *hb_font;
	FT_Face ft;
};

/* One slot of the cache for code points above the BMP (see fontchain_cover.c). */
struct fontchain_cover_slot {
	uint32_t cp;
	int8_t entry;   /* 0: empty slot; otherwise as in the BMP table */
};

struct fontchain {
	FT_Library ft;
	size_t count;
	struct fontchain_face faces[FONTCHAIN_MAX_SPECS];
	int8_t *bmp;                          /* lazily allocated, 65,536 entries */
	struct fontchain_cover_slot *astral;  /* lazily allocated, 4,096 slots */
};

/* Resolves `family` with `config` and checks that the match really carries
 * that family (fontconfig offers a substitute for a missing one). OUT:
 * *path (malloc'd, the caller frees), *index, *matched (malloc'd, the
 * family as the font spells it). Returns false when the family is not
 * installed or memory ran out (*nomem tells which). */
bool fontchain_match_family(FcConfig *config, const char *family, char **path, int *index,
                            char **matched, bool *nomem);

/* Frees the coverage caches (part of fontchain_close). */
void fontchain_cover_free(fontchain *fc);

#endif

/* fontchain.h — the ordered faces that draw treehole's text.
 *
 * A chain is a list of font specs resolved with fontconfig (family names,
 * or explicit file overrides from configuration). The first spec is the
 * primary face: without it the chain does not open, and the message names
 * the Debian package to install. A missing fallback only narrows coverage.
 * Which face draws a code point is decided per code point, first covering
 * face wins; lookups are cached.
 *
 * Faces are opened once with FreeType (for rasterising by glyph id) and
 * HarfBuzz (for shaping). HarfBuzz fonts are unscaled: positions come out
 * in font units; multiply by px / fontchain_upem() for pixels.
 *
 * A chain belongs to one thread at a time. */
#ifndef TREEHOLE_FONTCHAIN_H
#define TREEHOLE_FONTCHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

typedef struct fontchain fontchain;

/* The most specs one chain takes (the coverage cache stores face indices
 * in a byte). */
#define FONTCHAIN_MAX_SPECS 32

typedef enum fontchain_status {
	FONTCHAIN_OK = 0,
	FONTCHAIN_NO_PRIMARY,   /* the first spec resolved to no usable face */
	FONTCHAIN_BAD_SPEC,     /* an empty list, more than FONTCHAIN_MAX_SPECS specs, or a spec
	                         * with neither family nor file */
	FONTCHAIN_NO_MEMORY,
	FONTCHAIN_LIBRARY,      /* fontconfig or FreeType failed to initialise */
} fontchain_status;

/* One face of the chain, as configured. Strings are borrowed for the
 * duration of fontchain_open only. */
typedef struct fontchain_spec {
	const char *family;   /* fontconfig family, e.g. "Noto Sans CJK SC"; or NULL with `file` */
	const char *file;     /* explicit font file (overrides family), or NULL */
	int index;            /* face index inside `file` (a .ttc); ignored without file */
	const char *package;  /* Debian package that provides it, named in messages */
} fontchain_spec;

/* The default chain: LXGW WenKai (fonts-lxgw-wenkai), Noto Sans CJK SC
 * (fonts-noto-cjk; the Simplified Chinese face of the .ttc, not face 0,
 * which is Japanese), DejaVu Sans (fonts-dejavu-core), Noto Color Emoji
 * (fonts-noto-color-emoji, optional). OUT: *specs (static). Returns the
 * count. */
size_t fontchain_default_specs(const fontchain_spec **specs);

/* Resolves and opens the faces. A family must really be matched by
 * fontconfig (not a substitute it offers for a missing family). OUT: *out,
 * owned by the caller (fontchain_close), NULL on failure; on failure `msg`
 * (msg_len bytes, may be NULL) says what to do, e.g. which package to
 * install. Faces that fail to resolve after the first are skipped. */
fontchain_status fontchain_open(const fontchain_spec *specs, size_t n, fontchain **out, char *msg,
                                size_t msg_len);

/* fontchain_open with the default chain (fontchain_default_specs): what
 * the operator tool, the tests and the bench draw with. Same OUT, errors
 * and messages. */
fontchain_status fontchain_open_default(fontchain **out, char *msg, size_t msg_len);

/* Closes the faces and frees the chain. Accepts NULL. */
void fontchain_close(fontchain *fc);

/* Number of faces that opened (at least 1). */
size_t fontchain_count(const fontchain *fc);

/* Family name and file path of face i (owned by the chain). */
const char *fontchain_family(const fontchain *fc, size_t i);
const char *fontchain_path(const fontchain *fc, size_t i);

/* Index of the first face that has a glyph for `cp`, or -1 if none does
 * (the caller then draws a visible placeholder box). Cached per code point. */
int fontchain_face_for(fontchain *fc, uint32_t cp);

/* FreeType face of face i, for rasterising by glyph id (the caller sets
 * the pixel size). Owned by the chain. */
FT_Face fontchain_ft(fontchain *fc, size_t i);

/* Unscaled HarfBuzz font of face i (positions in font units). Owned by
 * the chain. */
hb_font_t *fontchain_hb(fontchain *fc, size_t i);

/* Units per em of face i. */
unsigned fontchain_upem(const fontchain *fc, size_t i);

#endif

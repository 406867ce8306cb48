/* fontchain.c — opening and closing the chain, and what it tells about
 * its faces. Resolution by family lives in fontchain_match.c, coverage in
 * fontchain_cover.c. */
#include "fontchain_impl.h"

#include <hb-ot.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const fontchain_spec default_specs[] = {
	{ .family = "LXGW WenKai", .package = "fonts-lxgw-wenkai" },
	/* fontconfig maps this family to the SC face of NotoSansCJK-Regular.ttc
	 * (face 2 on Debian 12), never to face 0, which is Japanese. */
	{ .family = "Noto Sans CJK SC", .package = "fonts-noto-cjk" },
	{ .family = "DejaVu Sans", .package = "fonts-dejavu-core" },
	{ .family = "Noto Color Emoji", .package = "fonts-noto-color-emoji" },
};

size_t fontchain_default_specs(const fontchain_spec **specs)
{
	*specs = default_specs;
	return sizeof default_specs / sizeof default_specs[0];
}

static void say(char *msg, size_t msg_len, const char *fmt, ...)
{
	va_list ap;

	if (!msg || msg_len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msg_len, fmt, ap);
	va_end(ap);
}

static bool has_text(const char *s)
{
	return s && *s;
}

static void say_no_primary(const fontchain_spec *spec, char *msg, size_t msg_len)
{
	const char *pkg = spec->package;

	if (has_text(spec->file) && has_text(pkg))
		say(msg, msg_len,
		    "No font for Chinese text: cannot open the configured font file %s (face %d); fix "
		    "the path, or install the Debian package %s (sudo apt-get install %s)",
		    spec->file, spec->index, pkg, pkg);
	else if (has_text(spec->file))
		say(msg, msg_len,
		    "No font for Chinese text: cannot open the configured font file %s (face %d); fix "
		    "the path",
		    spec->file, spec->index);
	else if (has_text(pkg))
		say(msg, msg_len,
		    "No font for Chinese text (%s is not installed): install the Debian package %s "
		    "(sudo apt-get install %s)",
		    spec->family, pkg, pkg);
	else
		say(msg, msg_len, "No font for Chinese text: the font family %s is not installed",
		    spec->family);
}

static fontchain_status check_specs(const fontchain_spec *specs, size_t n, char *msg,
                                    size_t msg_len)
{
	if (!specs || n == 0 || n > FONTCHAIN_MAX_SPECS) {
		say(msg, msg_len, "Font configuration: give between 1 and %d fonts, not %zu",
		    FONTCHAIN_MAX_SPECS, specs ? n : 0);
		return FONTCHAIN_BAD_SPEC;
	}
	for (size_t i = 0; i < n; i++) {
		if (!has_text(specs[i].family) && !has_text(specs[i].file)) {
			say(msg, msg_len, "Font configuration: font %zu names neither a family nor a file",
			    i + 1);
			return FONTCHAIN_BAD_SPEC;
		}
	}
	return FONTCHAIN_OK;
}

static void face_close(struct fontchain_face *face)
{
	/* Reverse order of face_open: the FreeType face reads the blob's bytes. */
	if (face->ft)
		FT_Done_Face(face->ft);
	hb_font_destroy(face->hb_font);
	hb_face_destroy(face->hb_face);
	hb_blob_destroy(face->blob);
	free(face->family);
	free(face->path);
	memset(face, 0, sizeof *face);
}

static char *family_of(FT_Face ft, const char *path)
{
	const char *name = ft->family_name;
	const char *slash = strrchr(path, '/');
	char *copy;
	size_t n;

	if (!name)
		name = slash ? slash + 1 : path;
	n = strlen(name) + 1;
	copy = malloc(n);
	if (copy)
		memcpy(copy, name, n);
	return copy;
}

/* Opens `path` face `index` (fontconfig's encoding: the face in the low 16
 * bits, a named instance + 1 above them, which FreeType reads as is and
 * HarfBuzz takes separately). Takes ownership of path and family (family
 * may be NULL: then FreeType's name is used). Returns false on any failure,
 * with *nomem set if memory ran out. */
static bool face_open(FT_Library lib, struct fontchain_face *face, char *path, int index,
                      char *family, bool *nomem)
{
	unsigned instance = (unsigned)index >> 16;

	face->path = path;
	face->family = family;
	face->index = index;
	/* A negative index asks FreeType for a face count, not a face. */
	if (index < 0)
		goto err;
	face->blob = hb_blob_create_from_file_or_fail(path);
	if (!face->blob)
		goto err;
	if (FT_New_Memory_Face(lib, (const FT_Byte *)hb_blob_get_data(face->blob, NULL),
	                       (FT_Long)hb_blob_get_length(face->blob), index, &face->ft) != 0) {
		face->ft = NULL;
		goto err;
	}
	if (!face->family && !(face->family = family_of(face->ft, path)))
		goto err_nomem;
	/* FreeType has read the file: an empty HarfBuzz object now means that
	 * its allocation failed. */
	face->hb_face = hb_face_create(face->blob, (unsigned)index & 0xFFFFu);
	if (face->hb_face == hb_face_get_empty())
		goto err_nomem;
	face->hb_font = hb_font_create(face->hb_face);
	if (face->hb_font == hb_font_get_empty())
		goto err_nomem;
	hb_ot_font_set_funcs(face->hb_font);
	hb_font_set_scale(face->hb_font, (int)hb_face_get_upem(face->hb_face),
	                  (int)hb_face_get_upem(face->hb_face));
	if (instance > 0)
		hb_font_set_var_named_instance(face->hb_font, instance - 1);
	return true;

err_nomem:
	*nomem = true;
err:
	face_close(face);
	return false;
}

/* Resolves one spec to a file and face, and opens it into the next slot.
 * Returns OK, NO_PRIMARY (meaning: this spec gave no usable face),
 * NO_MEMORY or LIBRARY. fontconfig is started on the first family spec. */
static fontchain_status spec_open(fontchain *fc, FcConfig **config, const fontchain_spec *spec)
{
	char *path = NULL;
	char *family = NULL;
	int index = 0;
	bool nomem = false;

	if (has_text(spec->file)) {
		size_t n = strlen(spec->file) + 1;

		if (!(path = malloc(n)))
			return FONTCHAIN_NO_MEMORY;
		memcpy(path, spec->file, n);
		index = spec->index;
	} else {
		if (!*config && !(*config = FcInitLoadConfigAndFonts()))
			return FONTCHAIN_LIBRARY;
		if (!fontchain_match_family(*config, spec->family, &path, &index, &family, &nomem))
			return nomem ? FONTCHAIN_NO_MEMORY : FONTCHAIN_NO_PRIMARY;
	}
	if (!face_open(fc->ft, &fc->faces[fc->count], path, index, family, &nomem))
		return nomem ? FONTCHAIN_NO_MEMORY : FONTCHAIN_NO_PRIMARY;
	fc->count++;
	return FONTCHAIN_OK;
}

/* A fallback that gives no face is skipped, even when fontconfig itself
 * failed for it: the kiosk is better served by fewer faces than by none.
 * For the primary, or when memory ran out, the opening ends. */
static fontchain_status open_faces(fontchain *fc, const fontchain_spec *specs, size_t n,
                                   char *msg, size_t msg_len)
{
	/* A private configuration, destroyed once the faces are resolved:
	 * nothing of fontconfig stays behind in the chain or in globals. */
	FcConfig *config = NULL;
	fontchain_status st = FONTCHAIN_OK;

	for (size_t i = 0; i < n; i++) {
		st = spec_open(fc, &config, &specs[i]);
		if (i > 0 && (st == FONTCHAIN_NO_PRIMARY || st == FONTCHAIN_LIBRARY))
			st = FONTCHAIN_OK;
		if (st != FONTCHAIN_OK)
			break;
	}
	if (config)
		FcConfigDestroy(config);
	if (st == FONTCHAIN_NO_PRIMARY)
		say_no_primary(&specs[0], msg, msg_len);
	else if (st == FONTCHAIN_NO_MEMORY)
		say(msg, msg_len, "Out of memory while opening fonts");
	else if (st == FONTCHAIN_LIBRARY)
		say(msg, msg_len, "The fontconfig library failed to load its configuration");
	return st;
}

fontchain_status fontchain_open(const fontchain_spec *specs, size_t n, fontchain **out, char *msg,
                                size_t msg_len)
{
	fontchain_status st;
	fontchain *fc;

	*out = NULL;
	say(msg, msg_len, "%s", "");
	st = check_specs(specs, n, msg, msg_len);
	if (st != FONTCHAIN_OK)
		return st;
	fc = calloc(1, sizeof *fc);
	if (!fc) {
		say(msg, msg_len, "Out of memory while opening fonts");
		return FONTCHAIN_NO_MEMORY;
	}
	if (FT_Init_FreeType(&fc->ft) != 0) {
		fc->ft = NULL;
		say(msg, msg_len, "The FreeType library failed to start");
		st = FONTCHAIN_LIBRARY;
		goto err_chain;
	}
	st = open_faces(fc, specs, n, msg, msg_len);
	if (st != FONTCHAIN_OK)
		goto err_chain;
	*out = fc;
	return FONTCHAIN_OK;

err_chain:
	fontchain_close(fc);
	return st;
}

fontchain_status fontchain_open_default(fontchain **out, char *msg, size_t msg_len)
{
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs);

	return fontchain_open(specs, n, out, msg, msg_len);
}

void fontchain_close(fontchain *fc)
{
	if (!fc)
		return;
	fontchain_cover_free(fc);
	for (size_t i = 0; i < fc->count; i++)
		face_close(&fc->faces[i]);
	if (fc->ft)
		FT_Done_FreeType(fc->ft);
	free(fc);
}

size_t fontchain_count(const fontchain *fc)
{
	return fc ? fc->count : 0;
}

static const struct fontchain_face *face_at(const fontchain *fc, size_t i)
{
	return fc && i < fc->count ? &fc->faces[i] : NULL;
}

const char *fontchain_family(const fontchain *fc, size_t i)
{
	const struct fontchain_face *face = face_at(fc, i);

	return face ? face->family : NULL;
}

const char *fontchain_path(const fontchain *fc, size_t i)
{
	const struct fontchain_face *face = face_at(fc, i);

	return face ? face->path : NULL;
}

FT_Face fontchain_ft(fontchain *fc, size_t i)
{
	const struct fontchain_face *face = face_at(fc, i);

	return face ? face->ft : NULL;
}

hb_font_t *fontchain_hb(fontchain *fc, size_t i)
{
	const struct fontchain_face *face = face_at(fc, i);

	return face ? face->hb_font : NULL;
}

unsigned fontchain_upem(const fontchain *fc, size_t i)
{
	const struct fontchain_face *face = face_at(fc, i);

	return face ? hb_face_get_upem(face->hb_face) : 0;
}

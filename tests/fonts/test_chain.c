/* test_chain.c — the default font chain on the Debian fonts: which faces
 * open, which face covers what (checked against FreeType faces opened
 * independently), the cache, and shaping with the HarfBuzz fonts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fontchain.h"

#define CP_HAN 0x6C49u        /* 汉, in LXGW WenKai */
#define CP_EXT_B 0x20021u     /* CJK Ext. B, in Noto Sans CJK but not in LXGW WenKai */
#define CP_UNASSIGNED 0x0378u
#define CP_PUA 0xE000u        /* private use; none of the Debian faces maps it */
#define CP_PUA_15 0xF0000u    /* supplementary private use area A */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int setup(void **state)
{
	fontchain *fc = NULL;
	char msg[256];

	if (fontchain_open_default(&fc, msg, sizeof msg) != FONTCHAIN_OK) {
		print_error("default chain did not open: %s\n", msg);
		return -1;
	}
	*state = fc;
	return 0;
}

static int teardown(void **state)
{
	fontchain_close(*state);
	return 0;
}

static void test_default_faces(void **state)
{
	fontchain *fc = *state;
	size_t n = fontchain_count(fc);

	/* Noto Color Emoji is optional: present or skipped, never a substitute. */
	assert_true(n == 3 || n == 4);
	assert_string_equal(fontchain_family(fc, 0), "LXGW WenKai");
	assert_string_equal(fontchain_family(fc, 1), "Noto Sans CJK SC");
	assert_string_equal(fontchain_family(fc, 2), "DejaVu Sans");
	if (n == 4)
		assert_string_equal(fontchain_family(fc, 3), "Noto Color Emoji");
	assert_true(ends_with(fontchain_path(fc, 0), "LXGWWenKai-Regular.ttf"));
	assert_true(ends_with(fontchain_path(fc, 2), "DejaVuSans.ttf"));
}

/* Face 0 of the .ttc is Japanese; the chain must hold the SC face. */
static void test_noto_is_the_sc_face(void **state)
{
	fontchain *fc = *state;
	FT_Face ft = fontchain_ft(fc, 1);

	assert_true(ends_with(fontchain_path(fc, 1), "NotoSansCJK-Regular.ttc"));
	assert_non_null(ft);
	assert_int_not_equal(ft->face_index, 0);
	assert_string_equal(ft->family_name, "Noto Sans CJK SC");
}

static void test_faces_are_usable(void **state)
{
	fontchain *fc = *state;

	for (size_t i = 0; i < fontchain_count(fc); i++) {
		FT_Face ft = fontchain_ft(fc, i);
		hb_font_t *hb = fontchain_hb(fc, i);
		int xs, ys;

		assert_non_null(ft);
		assert_non_null(hb);
		/* A bitmap-only face (Noto Color Emoji) has no outline em in
		 * FreeType's eyes; HarfBuzz reads its `head` table, which the
		 * layout's scale comes from. */
		assert_true(fontchain_upem(fc, i) > 0);
		if (FT_IS_SCALABLE(ft))
			assert_int_equal(fontchain_upem(fc, i), ft->units_per_EM);
		hb_font_get_scale(hb, &xs, &ys);
		assert_int_equal(xs, (int)fontchain_upem(fc, i));
		assert_int_equal(ys, (int)fontchain_upem(fc, i));
	}
}

static void test_out_of_range_accessors(void **state)
{
	fontchain *fc = *state;
	size_t n = fontchain_count(fc);

	assert_null(fontchain_family(fc, n));
	assert_null(fontchain_path(fc, n));
	assert_null(fontchain_ft(fc, n));
	assert_null(fontchain_hb(fc, n));
	assert_int_equal(fontchain_upem(fc, n), 0);
	assert_int_equal(fontchain_count(NULL), 0);
	assert_int_equal(fontchain_face_for(NULL, CP_HAN), -1);
	fontchain_close(NULL);
}

static void test_coverage_known_points(void **state)
{
	fontchain *fc = *state;

	for (int round = 0; round < 2; round++) {   /* the second round is answered by the cache */
		assert_int_equal(fontchain_face_for(fc, CP_HAN), 0);
		assert_int_equal(fontchain_face_for(fc, 'A'), 0);
		assert_int_equal(fontchain_face_for(fc, 0x3002), 0);   /* 。 */
		assert_int_equal(fontchain_face_for(fc, CP_EXT_B), 1);
		assert_int_equal(fontchain_face_for(fc, 0x2615), 2);   /* ☕, DejaVu Sans only */
		assert_int_equal(fontchain_face_for(fc, 0x05D0), 2);   /* א */
		assert_int_equal(fontchain_face_for(fc, CP_UNASSIGNED), -1);
		assert_int_equal(fontchain_face_for(fc, CP_PUA), -1);
		assert_int_equal(fontchain_face_for(fc, CP_PUA_15), -1);
	}
}

static void test_coverage_invalid_points(void **state)
{
	fontchain *fc = *state;
	const uint32_t bad[] = { 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x110000, 0x7FFFFFFF, UINT32_MAX };

	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
			assert_int_equal(fontchain_face_for(fc, bad[i]), -1);
}

/* The Ext. B point is chosen for its coverage; check that premise on the
 * files themselves so a font update fails here, not mysteriously above. */
static void test_ext_b_premise(void **state)
{
	fontchain *fc = *state;
	FT_Library lib;
	FT_Face wenkai, noto;

	assert_int_equal(FT_Init_FreeType(&lib), 0);
	assert_int_equal(FT_New_Face(lib, fontchain_path(fc, 0), 0, &wenkai), 0);
	assert_int_equal(FT_New_Face(lib, fontchain_path(fc, 1), fontchain_ft(fc, 1)->face_index, &noto),
	                 0);
	assert_int_equal(FT_Get_Char_Index(wenkai, CP_EXT_B), 0);
	assert_int_not_equal(FT_Get_Char_Index(noto, CP_EXT_B), 0);
	FT_Done_Face(wenkai);
	FT_Done_Face(noto);
	FT_Done_FreeType(lib);
}

/* Independent FreeType faces of the chain's files: the oracle of coverage. */
struct oracle {
	FT_Library lib;
	FT_Face faces[FONTCHAIN_MAX_SPECS];
	size_t n;
};

static void oracle_open(struct oracle *o, fontchain *fc)
{
	assert_int_equal(FT_Init_FreeType(&o->lib), 0);
	o->n = fontchain_count(fc);
	for (size_t i = 0; i < o->n; i++)
		assert_int_equal(FT_New_Face(o->lib, fontchain_path(fc, i),
		                             fontchain_ft(fc, i)->face_index, &o->faces[i]),
		                 0);
}

static void oracle_close(struct oracle *o)
{
	for (size_t i = 0; i < o->n; i++)
		FT_Done_Face(o->faces[i]);
	FT_Done_FreeType(o->lib);
}

static int oracle_face_for(const struct oracle *o, uint32_t cp)
{
	for (size_t i = 0; i < o->n; i++)
		if (FT_Get_Char_Index(o->faces[i], cp) != 0)
			return (int)i;
	return -1;
}

static void check_range(fontchain *fc, const struct oracle *o, uint32_t from, uint32_t to)
{
	for (uint32_t cp = from; cp <= to; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (fontchain_face_for(fc, cp) != oracle_face_for(o, cp))
			fail_msg("U+%04X: chain says %d, FreeType says %d", (unsigned)cp,
			         fontchain_face_for(fc, cp), oracle_face_for(o, cp));
	}
}

/* Every BMP point, Ext. B (42,720 points through a 4,096-slot cache, so
 * evictions happen) and the emoji planes, twice: first filled, then cached. */
static void test_coverage_matches_freetype(void **state)
{
	fontchain *fc = *state;
	struct oracle o;

	oracle_open(&o, fc);
	for (int round = 0; round < 2; round++) {
		check_range(fc, &o, 0x0000, 0xFFFF);
		check_range(fc, &o, 0x1F000, 0x1FAFF);
		check_range(fc, &o, 0x20000, 0x2A6DF);
	}
	oracle_close(&o);
}

static void test_shape_zh_hans(void **state)
{
	fontchain *fc = *state;
	const char *text = "你好，世界";
	hb_buffer_t *buf = hb_buffer_create();
	unsigned n = 0, upem = fontchain_upem(fc, 0);
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;

	hb_buffer_add_utf8(buf, text, -1, 0, -1);
	hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
	hb_buffer_guess_segment_properties(buf);
	assert_int_equal(hb_buffer_get_direction(buf), HB_DIRECTION_LTR);
	hb_shape(fontchain_hb(fc, 0), buf, NULL, 0);
	info = hb_buffer_get_glyph_infos(buf, &n);
	pos = hb_buffer_get_glyph_positions(buf, NULL);
	assert_int_equal(n, 5);
	for (unsigned i = 0; i < n; i++) {
		assert_int_not_equal(info[i].codepoint, 0);
		assert_true(pos[i].x_advance > 0);
	}
	/* Unscaled: an ideograph advances one em, in font units. */
	assert_int_equal(pos[0].x_advance, (int)upem);
	assert_int_equal(pos[1].x_advance, (int)upem);
	assert_int_equal(pos[3].x_advance, (int)upem);
	assert_int_equal(pos[4].x_advance, (int)upem);
	hb_buffer_destroy(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_faces),
		cmocka_unit_test(test_noto_is_the_sc_face),
		cmocka_unit_test(test_faces_are_usable),
		cmocka_unit_test(test_out_of_range_accessors),
		cmocka_unit_test(test_coverage_known_points),
		cmocka_unit_test(test_coverage_invalid_points),
		cmocka_unit_test(test_ext_b_premise),
		cmocka_unit_test(test_coverage_matches_freetype),
		cmocka_unit_test(test_shape_zh_hans),
	};

	return cmocka_run_group_tests_name("fontchain", tests, setup, teardown);
}

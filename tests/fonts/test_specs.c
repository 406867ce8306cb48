/* test_specs.c — font specs that are missing, overridden or wrong: what
 * fontchain_open returns and says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <fontconfig/fontconfig.h>

#include "fontchain.h"

#define NO_FAMILY "No Such Font Family 123"
#define NO_PACKAGE "fonts-nonexistent"

/* The file fontconfig gives for a family, asked independently of the chain.
 * OUT: *index. Returns a malloc'd path. */
static char *file_of(const char *family, int *index)
{
	FcConfig *config = FcInitLoadConfigAndFonts();
	FcPattern *pat = FcPatternCreate();
	FcPattern *match;
	FcResult res;
	FcChar8 *file = NULL, *fam = NULL;
	char *path;

	assert_non_null(config);
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcConfigSubstitute(config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(config, pat, &res);
	assert_non_null(match);
	assert_int_equal(FcPatternGetString(match, FC_FAMILY, 0, &fam), FcResultMatch);
	assert_string_equal((const char *)fam, family);
	assert_int_equal(FcPatternGetString(match, FC_FILE, 0, &file), FcResultMatch);
	assert_int_equal(FcPatternGetInteger(match, FC_INDEX, 0, index), FcResultMatch);
	path = strdup((const char *)file);
	FcPatternDestroy(match);
	FcPatternDestroy(pat);
	FcConfigDestroy(config);
	return path;
}

static fontchain_status open_n(const fontchain_spec *specs, size_t n, fontchain **fc, char *msg,
                               size_t len)
{
	*fc = (fontchain *)&n;   /* must be overwritten */
	return fontchain_open(specs, n, fc, msg, len);
}

static void test_default_specs(void **state)
{
	const fontchain_spec *s;
	size_t n = fontchain_default_specs(&s);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(s[0].family, "LXGW WenKai");
	assert_string_equal(s[0].package, "fonts-lxgw-wenkai");
	assert_string_equal(s[1].family, "Noto Sans CJK SC");
	assert_string_equal(s[1].package, "fonts-noto-cjk");
	assert_string_equal(s[2].package, "fonts-dejavu-core");
	assert_string_equal(s[3].family, "Noto Color Emoji");
	assert_string_equal(s[3].package, "fonts-noto-color-emoji");
	for (size_t i = 0; i < n; i++)
		assert_null(s[i].file);
}

/* fontconfig offers DejaVu Sans for an unknown family; that is no match. */
static void test_missing_primary_family(void **state)
{
	const fontchain_spec specs[] = {
		{ .family = NO_FAMILY, .package = NO_PACKAGE },
		{ .family = "DejaVu Sans", .package = "fonts-dejavu-core" },
	};
	fontchain *fc;
	char msg[256];

	(void)state;
	assert_int_equal(open_n(specs, 2, &fc, msg, sizeof msg), FONTCHAIN_NO_PRIMARY);
	assert_null(fc);
	assert_non_null(strstr(msg, "install the Debian package " NO_PACKAGE));
	assert_non_null(strstr(msg, "sudo apt-get install " NO_PACKAGE));
	assert_non_null(strstr(msg, NO_FAMILY));
	/* msg may be NULL. */
	assert_int_equal(open_n(specs, 2, &fc, NULL, 0), FONTCHAIN_NO_PRIMARY);
	assert_null(fc);
}

static void test_missing_primary_without_package(void **state)
{
	const fontchain_spec specs[] = { { .family = NO_FAMILY } };
	fontchain *fc;
	char msg[256];

	(void)state;
	assert_int_equal(open_n(specs, 1, &fc, msg, sizeof msg), FONTCHAIN_NO_PRIMARY);
	assert_non_null(strstr(msg, NO_FAMILY));
	assert_null(strstr(msg, "(null)"));
}

static void test_short_message_buffer(void **state)
{
	const fontchain_spec specs[] = { { .family = NO_FAMILY, .package = NO_PACKAGE } };
	fontchain *fc;
	char msg[8];

	(void)state;
	memset(msg, 'x', sizeof msg);
	assert_int_equal(open_n(specs, 1, &fc, msg, sizeof msg), FONTCHAIN_NO_PRIMARY);
	assert_int_equal(strlen(msg), sizeof msg - 1);
	memset(msg, 'x', sizeof msg);
	assert_int_equal(open_n(specs, 1, &fc, msg, 0), FONTCHAIN_NO_PRIMARY);
	assert_int_equal(msg[0], 'x');
}

static void test_missing_fallbacks_skipped(void **state)
{
	const fontchain_spec specs[] = {
		{ .family = "LXGW WenKai", .package = "fonts-lxgw-wenkai" },
		{ .family = NO_FAMILY, .package = NO_PACKAGE },
		{ .file = "/nonexistent/font.ttf", .package = NO_PACKAGE },
		{ .family = "DejaVu Sans", .package = "fonts-dejavu-core" },
		{ .family = "Another Missing Family 456" },
	};
	fontchain *fc;
	char msg[256];

	(void)state;
	assert_int_equal(open_n(specs, 5, &fc, msg, sizeof msg), FONTCHAIN_OK);
	assert_int_equal(fontchain_count(fc), 2);
	assert_string_equal(fontchain_family(fc, 0), "LXGW WenKai");
	assert_string_equal(fontchain_family(fc, 1), "DejaVu Sans");
	/* U+2615 HOT BEVERAGE is in DejaVu Sans only; Ext. B in neither. */
	assert_int_equal(fontchain_face_for(fc, 0x6C49), 0);
	assert_int_equal(fontchain_face_for(fc, 0x2615), 1);
	assert_int_equal(fontchain_face_for(fc, 0x20021), -1);
	fontchain_close(fc);
}

/* fontconfig compares family names ignoring case and blanks. */
static void test_family_case_and_blanks(void **state)
{
	const fontchain_spec specs[] = { { .family = "lxgw  wenkai" } };
	fontchain *fc;

	(void)state;
	assert_int_equal(open_n(specs, 1, &fc, NULL, 0), FONTCHAIN_OK);
	assert_string_equal(fontchain_family(fc, 0), "LXGW WenKai");
	fontchain_close(fc);
}

static void test_file_override(void **state)
{
	int index = -1;
	char *path = file_of("LXGW WenKai", &index);
	const fontchain_spec specs[] = { { .family = NO_FAMILY, .file = path, .index = index } };
	fontchain *fc;
	char msg[256];

	(void)state;
	assert_int_equal(open_n(specs, 1, &fc, msg, sizeof msg), FONTCHAIN_OK);
	assert_int_equal(fontchain_count(fc), 1);
	assert_string_equal(fontchain_path(fc, 0), path);
	assert_string_equal(fontchain_family(fc, 0), "LXGW WenKai");
	assert_int_equal(fontchain_face_for(fc, 0x6C49), 0);
	fontchain_close(fc);
	free(path);
}

static void test_file_override_ttc_face(void **state)
{
	int index = -1;
	char *path = file_of("Noto Sans CJK SC", &index);
	const fontchain_spec specs[] = { { .file = path, .index = index } };
	fontchain *fc;

	(void)state;
	assert_int_not_equal(index, 0);
	assert_int_equal(open_n(specs, 1, &fc, NULL, 0), FONTCHAIN_OK);
	assert_int_equal(fontchain_ft(fc, 0)->face_index, index);
	assert_string_equal(fontchain_family(fc, 0), "Noto Sans CJK SC");
	assert_int_equal(fontchain_face_for(fc, 0x20021), 0);
	fontchain_close(fc);
	free(path);
}

static void expect_bad_file(const char *file, int index)
{
	const fontchain_spec specs[] = {
		{ .file = file, .index = index, .package = NO_PACKAGE },
		{ .family = "DejaVu Sans" },
	};
	fontchain *fc;
	char msg[512];

	assert_int_equal(open_n(specs, 2, &fc, msg, sizeof msg), FONTCHAIN_NO_PRIMARY);
	assert_null(fc);
	assert_non_null(strstr(msg, file));
	assert_non_null(strstr(msg, NO_PACKAGE));
}

static void test_bad_file_primary(void **state)
{
	int index = -1;
	char *ttc = file_of("Noto Sans CJK SC", &index);
	char junk[] = "/tmp/fontchain-junk-XXXXXX";
	int fd = mkstemp(junk);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not a font at all", 17), 17);
	close(fd);
	expect_bad_file("/nonexistent/dir/NoSuchFont.ttf", 0);
	expect_bad_file("/", 0);
	expect_bad_file(junk, 0);
	expect_bad_file(ttc, 99);
	expect_bad_file(ttc, -1);
	unlink(junk);
	free(ttc);
}

static void test_bad_specs(void **state)
{
	fontchain_spec many[FONTCHAIN_MAX_SPECS + 1];
	const fontchain_spec neither[] = { { .family = "LXGW WenKai" }, { .package = "x" } };
	const fontchain_spec empty_family[] = { { .family = "" } };
	fontchain *fc;
	char msg[256];

	(void)state;
	for (size_t i = 0; i < FONTCHAIN_MAX_SPECS + 1; i++)
		many[i] = (fontchain_spec){ .family = "DejaVu Sans" };
	assert_int_equal(open_n(neither, 0, &fc, msg, sizeof msg), FONTCHAIN_BAD_SPEC);
	assert_null(fc);
	assert_true(msg[0] != '\0');
	assert_int_equal(open_n(NULL, 1, &fc, msg, sizeof msg), FONTCHAIN_BAD_SPEC);
	assert_null(fc);
	assert_int_equal(open_n(neither, 2, &fc, msg, sizeof msg), FONTCHAIN_BAD_SPEC);
	assert_null(fc);
	assert_non_null(strstr(msg, "font 2"));
	assert_int_equal(open_n(empty_family, 1, &fc, msg, sizeof msg), FONTCHAIN_BAD_SPEC);
	assert_int_equal(open_n(many, FONTCHAIN_MAX_SPECS + 1, &fc, msg, sizeof msg),
	                 FONTCHAIN_BAD_SPEC);
	assert_null(fc);
	assert_int_equal(open_n(many, FONTCHAIN_MAX_SPECS, &fc, msg, sizeof msg), FONTCHAIN_OK);
	assert_int_equal(fontchain_count(fc), FONTCHAIN_MAX_SPECS);
	assert_int_equal(fontchain_face_for(fc, 'A'), 0);
	fontchain_close(fc);
}

/* Chains are independent: open several at once, close in any order. */
static void test_chains_independent(void **state)
{
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs);
	fontchain *a, *b;

	(void)state;
	assert_int_equal(open_n(specs, n, &a, NULL, 0), FONTCHAIN_OK);
	assert_int_equal(open_n(specs, n, &b, NULL, 0), FONTCHAIN_OK);
	assert_int_equal(fontchain_face_for(a, 0x20021), 1);
	fontchain_close(a);
	assert_int_equal(fontchain_face_for(b, 0x20021), 1);
	fontchain_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_specs),
		cmocka_unit_test(test_missing_primary_family),
		cmocka_unit_test(test_missing_primary_without_package),
		cmocka_unit_test(test_short_message_buffer),
		cmocka_unit_test(test_missing_fallbacks_skipped),
		cmocka_unit_test(test_family_case_and_blanks),
		cmocka_unit_test(test_file_override),
		cmocka_unit_test(test_file_override_ttc_face),
		cmocka_unit_test(test_bad_file_primary),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_chains_independent),
	};

	return cmocka_run_group_tests_name("fontchain specs", tests, NULL, NULL);
}

/* test_layout.c — shaping, lines, columns, cuts and bad input through the
 * real font chain (the Debian fonts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fontchain.h"
#include "layout.h"

static fontchain *fc;

static int open_chain(void **state)
{
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs);
	char msg[256];
	(void)state;
	return fontchain_open(specs, n, &fc, msg, sizeof msg) == FONTCHAIN_OK ? 0 : -1;
}

static int close_chain(void **state)
{
	(void)state;
	fontchain_close(fc);
	return 0;
}

static layout *lay(const char *text, float size, float extent, bool vertical, int max_lines)
{
	layout_params p = {.size_px = size, .max_extent = extent, .max_lines = max_lines,
	                   .vertical = vertical};
	layout *l = NULL;
	assert_int_equal(layout_text(fc, text, strlen(text), &p, &l), LAYOUT_OK);
	assert_non_null(l);
	return l;
}

static void test_one_line(void **state)
{
	(void)state;
	layout *l = lay("你好，世界", 20, 1000, false, 0);
	assert_int_equal(l->nlines, 1);
	assert_int_equal(l->nglyphs, 5);
	for (size_t i = 0; i < l->nglyphs; i++) {
		assert_int_equal(l->glyphs[i].face, 0);
		assert_int_not_equal(l->glyphs[i].glyph, 0);
		assert_true(l->glyphs[i].advance > 10 && l->glyphs[i].advance <= 20.5f);
		if (i > 0)
			assert_true(l->glyphs[i].x > l->glyphs[i - 1].x);
	}
	assert_true(fabsf(l->lines[0].extent - l->width) < 0.01f);
	layout_free(l);
}

/* No line of the laid-out text starts with closing punctuation. */
static void test_lines_obey_clreq(void **state)
{
	(void)state;
	const char *t = "今天加班到很晚，回家的路上下雨了。司机师傅说：“别着急，慢慢来。”我突然就哭了……"
	                "谢谢你，陌生人！明天见。";
	for (float ems = 3; ems <= 12; ems += 1) {
		layout *l = lay(t, 20, ems * 20, false, 0);
		for (size_t i = 0; i < l->nlines; i++) {
			char buf[512];
			layout_line_text(l, i, buf, sizeof buf);
			assert_true(l->lines[i].extent <= ems * 20 + 0.01f);
			static const char *const no_start[] = {"，", "。", "：", "！", "”", "…"};
			for (size_t k = 0; k < sizeof no_start / sizeof *no_start; k++)
				assert_false(strncmp(buf, no_start[k], strlen(no_start[k])) == 0 &&
				             i > 0);
		}
		layout_free(l);
	}
}

static void test_bad_utf8_and_uncovered(void **state)
{
	(void)state;
	layout *l = lay("a\xff\xc0z\xcd\xb8", 16, 500, false, 0); /* U+0378 is unassigned */
	assert_non_null(strstr(l->text, "\xEF\xBF\xBD"));
	bool placeholder = false;
	for (size_t i = 0; i < l->nglyphs; i++)
		placeholder = placeholder || l->glyphs[i].face == LAYOUT_NO_FACE;
	assert_true(placeholder);
	layout_free(l);
}

static void test_empty_and_bad_params(void **state)
{
	(void)state;
	layout *l = lay("", 16, 100, false, 0);
	assert_int_equal(l->nlines, 1);
	assert_int_equal(l->nglyphs, 0);
	layout_free(l);
	layout_params p = {.size_px = 0, .max_extent = 100};
	assert_int_equal(layout_text(fc, "x", 1, &p, &l), LAYOUT_BAD_PARAMS);
	assert_null(l);
	p.size_px = 16;
	p.max_extent = NAN;
	assert_int_equal(layout_text(fc, "x", 1, &p, &l), LAYOUT_BAD_PARAMS);
	p.max_extent = -5; /* one cluster per line */
	assert_int_equal(layout_text(fc, "你好", 6, &p, &l), LAYOUT_OK);
	assert_int_equal(l->nlines, 2);
	layout_free(l);
}

static void test_cut_with_ellipsis(void **state)
{
	(void)state;
	const char *t = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
	layout *l = lay(t, 20, 200, false, 2);
	assert_true(l->truncated);
	assert_int_equal(l->nlines, 2);
	const layout_line *last = &l->lines[1];
	assert_true(last->extent <= 200 + 0.01f);
	const layout_glyph *e = &l->glyphs[last->first + last->count - 1];
	assert_int_equal(e->cluster, last->end); /* the ellipsis comes after the kept text */
	layout_free(l);
}

static void test_vertical_columns(void **state)
{
	(void)state;
	layout *h = lay("你好，世界", 20, 1000, false, 0);
	layout *v = lay("你好，世界", 20, 60, true, 0);
	assert_true(v->vertical);
	assert_int_equal(v->nlines, 2);
	/* columns right to left, glyphs top to bottom */
	assert_true(v->glyphs[v->lines[0].first].x > v->glyphs[v->lines[1].first].x);
	for (size_t i = 1; i < v->lines[0].count; i++)
		assert_true(v->glyphs[i].y > v->glyphs[i - 1].y);
	/* the vertical comma is a different glyph (the `vert` feature) */
	assert_int_not_equal(h->glyphs[2].glyph, v->glyphs[2].glyph);
	layout_free(h);
	layout_free(v);
}

static void test_huge_text(void **state)
{
	(void)state;
	size_t n = 100000;
	char *t = malloc(3 * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(t + 3 * i, i % 10 == 9 ? "。" : "字", 3);
	t[3 * n] = '\0';
	layout *l = lay(t, 16, 16 * 20, false, 0);
	assert_int_equal(l->nglyphs, n);
	assert_true(l->nlines >= n / 20);
	layout_free(l);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_line),
		cmocka_unit_test(test_lines_obey_clreq),
		cmocka_unit_test(test_bad_utf8_and_uncovered),
		cmocka_unit_test(test_empty_and_bad_params),
		cmocka_unit_test(test_cut_with_ellipsis),
		cmocka_unit_test(test_vertical_columns),
		cmocka_unit_test(test_huge_text),
	};
	return cmocka_run_group_tests_name("layout", tests, open_chain, close_chain);
}

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
#include "test_chain.h"

/* Horizontal, on one line: how long `len` bytes of text are. */
static layout *lay_n(const char *text, size_t len, float size)
{
	layout_params p = {.size_px = size, .max_extent = 1e6f};
	layout *l = NULL;
	assert_int_equal(layout_text(test_fc, text, len, &p, &l), LAYOUT_OK);
	return l;
}

static void test_one_line(void **state)
{
	(void)state;
	layout *l = test_lay("你好，世界", 20, 1000, false, 0);
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
		layout *l = test_lay(t, 20, ems * 20, false, 0);
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
	layout *l = test_lay("a\xff\xc0z\xcd\xb8", 16, 500, false, 0); /* U+0378 is unassigned */
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
	layout *l = test_lay("", 16, 100, false, 0);
	assert_int_equal(l->nlines, 1);
	assert_int_equal(l->nglyphs, 0);
	layout_free(l);
	layout_params p = {.size_px = 0, .max_extent = 100};
	assert_int_equal(layout_text(test_fc, "x", 1, &p, &l), LAYOUT_BAD_PARAMS);
	assert_null(l);
	p.size_px = 16;
	p.max_extent = NAN;
	assert_int_equal(layout_text(test_fc, "x", 1, &p, &l), LAYOUT_BAD_PARAMS);
	p.max_extent = -5; /* one cluster per line */
	assert_int_equal(layout_text(test_fc, "你好", 6, &p, &l), LAYOUT_OK);
	assert_int_equal(l->nlines, 2);
	layout_free(l);
}

static void test_cut_with_ellipsis(void **state)
{
	(void)state;
	const char *t = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
	layout *l = test_lay(t, 20, 200, false, 2);
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
	layout *h = test_lay("你好，世界", 20, 1000, false, 0);
	layout *v = test_lay("你好，世界", 20, 60, true, 0);
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

/* The code point at byte i of valid UTF-8. */
static uint32_t cp_at(const char *t, size_t i)
{
	const unsigned char *u = (const unsigned char *)t + i;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	if (u[0] < 0xF0)
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
	       (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
}

static bool ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Centre of column i of a vertical layout (default spacing 1.6 em). */
static float column_centre(const layout *l, size_t i, float size)
{
	return ((float)l->nlines - (float)i - 0.5f) * 1.6f * size;
}

/* The primary face's ascender and descender depth at `size` px. */
static void em_box(float size, float *up, float *down)
{
	hb_font_extents_t ext;
	assert_true(hb_font_get_h_extents(fontchain_hb(test_fc, 0), &ext));
	float scale = size / (float)fontchain_upem(test_fc, 0);
	*up = (float)ext.ascender * scale;
	*down = -(float)ext.descender * scale;
}

/* True if glyph g of l lies in the bytes of the first `word` in l->text. */
static bool in_word(const layout *l, const layout_glyph *g, const char *word)
{
	const char *w = strstr(l->text, word);
	assert_non_null(w);
	size_t at = (size_t)(w - l->text);
	return g->cluster >= at && g->cluster < at + strlen(word);
}

/* Latin words and longer numbers turn; CJK, short numbers and single
 * letters stay upright; horizontal text never turns. */
static void test_vertical_latin_sideways(void **state)
{
	(void)state;
	const char *t = "今天和朋友去了Starbucks，喝了2杯latte，花了128元，买A股，12月涨了30%。";
	static const char *const turned[] = {"Starbucks", "latte", "128", "30%"};
	layout *v = test_lay(t, 24, 2000, true, 0);
	layout *h = test_lay(t, 24, 4000, false, 0);
	size_t nturned = 0;

	for (size_t i = 0; i < v->nglyphs; i++) {
		const layout_glyph *g = &v->glyphs[i];
		bool want = false;
		for (size_t k = 0; k < sizeof turned / sizeof *turned; k++)
			want = want || in_word(v, g, turned[k]);
		assert_int_equal(g->sideways, want);
		nturned += g->sideways;
	}
	assert_int_equal(nturned, strlen("Starbuckslatte12830%"));
	for (size_t i = 0; i < h->nglyphs; i++)
		assert_false(h->glyphs[i].sideways);
	layout_free(v);
	layout_free(h);
}

/* Sideways glyphs are shaped as horizontal text is (no `vert`, left to
 * right): the same glyphs with the same advances. */
static void test_sideways_shaped_horizontally(void **state)
{
	(void)state;
	const char *t = "我们说Hello, world吧";
	layout *v = test_lay(t, 20, 2000, true, 0);
	layout *h = test_lay(t, 20, 2000, false, 0);
	assert_int_equal(v->nglyphs, h->nglyphs);
	for (size_t i = 0; i < v->nglyphs; i++) {
		const layout_glyph *a = &v->glyphs[i], *b = &h->glyphs[i];
		assert_int_equal(a->cluster, b->cluster);
		assert_int_equal(a->sideways, in_word(v, a, "Hello, world"));
		if (a->sideways) {
			assert_int_equal(a->glyph, b->glyph);
			assert_true(fabsf(a->advance - b->advance) < 0.001f);
		}
	}
	layout_free(v);
	layout_free(h);
}

/* What turns in vertical text is only Western: letters, digits, and the
 * ASCII spaces and punctuation between and around them. Every Latin word of
 * two letters or more turns. */
static void test_sideways_only_western(void **state)
{
	(void)state;
	static const char *const notes[] = {
		"我说I’m fine, thank you!现在23:45，电量30%，走了3.5km。",
		"（OK）“Hi”「hello」cafe\xcc\x81好吗？ＡＢＣ全角不转，１２３也不转。",
		"今天wifi断了3次……SOS! 唉——算了。Ελληνικά και русский тоже.",
		"emoji不转🙂👍，x=1, y=2; (a+b)/2，你,好.世界",
	};
	for (size_t n = 0; n < sizeof notes / sizeof *notes; n++) {
		layout *l = test_lay(notes[n], 20, 500, true, 0);
		for (size_t i = 0; i < l->nglyphs; i++) {
			const layout_glyph *g = &l->glyphs[i];
			uint32_t c = cp_at(l->text, g->cluster);
			bool western = c < 0x2E80 && c != 0x2026 && c != 0x2014 && c != 0x201C &&
			               c != 0x201D && c != 0x3002;
			if (g->sideways)
				assert_true(western);
			if (ascii_alnum(c) && c > '9' && g->cluster + 1 < l->text_len &&
			    ascii_alnum(cp_at(l->text, g->cluster + 1)))
				assert_true(g->sideways); /* a letter followed by a letter or digit */
			if (c >= 0xFF00 && c <= 0xFFEF)
				assert_false(g->sideways);
		}
		/* ASCII comma and period between Han characters stay upright */
		const char *lone = strstr(l->text, "你,好.");
		for (size_t i = 0; lone && i < l->nglyphs; i++)
			if (l->glyphs[i].cluster >= (size_t)(lone - l->text))
				assert_false(l->glyphs[i].sideways);
		layout_free(l);
	}
}

/* Each sideways glyph's em box is centred on its column, its ink stays
 * inside the column, and its baseline runs down the column. */
static void test_sideways_centred(void **state)
{
	(void)state;
	const float size = 24;
	float up, down;
	em_box(size, &up, &down);
	layout *l = test_lay("写信给Judy说hello world，还有supercalifragilisticexpialidocious", size,
	                10 * size, true, 0);
	size_t turned = 0;
	for (size_t c = 0; c < l->nlines; c++) {
		const layout_line *line = &l->lines[c];
		float centre = column_centre(l, c, size), half = 0.8f * size;
		for (size_t i = line->first; i < line->first + line->count; i++) {
			const layout_glyph *g = &l->glyphs[i];
			hb_glyph_extents_t ink;
			if (!g->sideways)
				continue;
			turned++;
			/* the em box, turned: descender on the left, ascender on the right */
			assert_true(fabsf((g->x - down + g->x + up) / 2 - centre) < 0.01f);
			hb_font_t *font = fontchain_hb(test_fc, g->face);
			assert_true(hb_font_get_glyph_extents(font, g->glyph, &ink));
			float scale = size / (float)fontchain_upem(test_fc, g->face);
			float left = g->x + (float)(ink.y_bearing + ink.height) * scale;
			float right = g->x + (float)ink.y_bearing * scale;
			float top = g->y + (float)ink.x_bearing * scale;
			float bottom = g->y + (float)(ink.x_bearing + ink.width) * scale;
			assert_true(left >= centre - half && right <= centre + half);
			assert_true(top >= -0.5f && bottom <= 10 * size + 0.5f);
		}
	}
	assert_true(turned >= strlen("Judyhelloworldsupercalifragilisticexpialidocious"));
	layout_free(l);
}

/* The width of the first `word` of `t` with the code point after it: a
 * closing mark or a unit may not be parted from the word, so the two
 * must fit together. */
static float word_and_next(const char *t, const char *word, float size)
{
	const char *at = strstr(t, word);
	assert_non_null(at);
	size_t n = strlen(word), k = 1;
	while ((at[n + k] & 0xC0) == 0x80)
		k++;
	layout *alone = lay_n(at, n + k, size);
	float w = alone->width;
	layout_free(alone);
	return w;
}

/* At many column heights: glyphs go down each column in order, no column
 * is longer than allowed, and a Latin word or a number is split only when
 * it (with what may not part from it) alone is longer than a column. */
static void test_vertical_columns_at_many_heights(void **state)
{
	(void)state;
	const char *t = "下班路上听了一首Moon River，想起大学时的room mate，她现在在Vancouver。"
	                "我们约好2025年再见，可是我的passport还没办好。Anyway，先睡了，明天6:30起床。";
	static const char *const words[] = {"Moon", "River", "room", "mate", "Vancouver", "2025",
	                                    "passport", "Anyway", "6:30"};
	const float size = 20;
	for (float ems = 2; ems <= 16; ems += 0.5f) {
		float height = ems * size;
		layout *l = test_lay(t, size, height, true, 0);
		for (size_t c = 0; c < l->nlines; c++) {
			const layout_line *line = &l->lines[c];
			assert_true(line->extent <= height + 0.01f);
			for (size_t i = line->first; i < line->first + line->count; i++) {
				const layout_glyph *g = &l->glyphs[i];
				if (i > line->first)
					assert_true(g->y > l->glyphs[i - 1].y);
				/* a space at a column's end hangs past it, as in horizontal lines */
				if (g->sideways && l->text[g->cluster] != ' ')
					assert_true(g->y >= -0.01f && g->y + g->advance <= height + 0.01f);
			}
			for (size_t w = 0; c + 1 < l->nlines && w < sizeof words / sizeof *words; w++) {
				size_t at = (size_t)(strstr(l->text, words[w]) - l->text);
				if (word_and_next(t, words[w], size) <= height)
					assert_false(line->end > at && line->end < at + strlen(words[w]));
			}
		}
		layout_free(l);
	}
}

/* A cut vertical text ends with an upright "…" inside the column. */
static void test_vertical_cut(void **state)
{
	(void)state;
	layout *l = test_lay("今天学了很多English单词，比如serendipity和ephemeral，都很好听。", 20, 200,
	                true, 2);
	assert_true(l->truncated);
	assert_int_equal(l->nlines, 2);
	const layout_line *last = &l->lines[1];
	assert_true(last->extent <= 200.01f);
	assert_false(l->glyphs[last->first + last->count - 1].sideways);
	layout_free(l);
}

static void test_huge_text(void **state)
{
	(void)state;
	size_t n = 100000;
	char *t = malloc(3 * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(t + 3 * i, i % 10 == 9 ? "。" : "字", 3);
	t[3 * n] = '\0';
	layout *l = test_lay(t, 16, 16 * 20, false, 0);
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
		cmocka_unit_test(test_vertical_latin_sideways),
		cmocka_unit_test(test_sideways_shaped_horizontally),
		cmocka_unit_test(test_sideways_only_western),
		cmocka_unit_test(test_sideways_centred),
		cmocka_unit_test(test_vertical_columns_at_many_heights),
		cmocka_unit_test(test_vertical_cut),
		cmocka_unit_test(test_huge_text),
	};
	return cmocka_run_group_tests_name("layout", tests, test_chain_open, test_chain_close);
}

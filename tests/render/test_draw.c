/* test_draw.c — the glyph atlas and layout drawing on a software renderer
 * over an own surface, compared with reference PNGs in tests/render/ref.
 * Every reference is drawn both ways draw_layout draws: straight into the
 * surface, and as geometry through the renderer (the GPU path). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL_image.h>

#include "atlas.h"
#include "draw.h"
#include "fontchain.h"
#include "layout.h"
#include "test_chain.h"
#include "test_draw_img.h"

#define BIG_BUDGET (16u << 20)

/* The chain's teardown, and SDL's image and video parts the tests started. */
static int close_chain(void **state)
{
	int rc = test_chain_close(state);
	IMG_Quit();
	SDL_Quit();
	return rc;
}

/* Draws l both ways; each must match the reference `name`, and the two
 * must agree with each other. */
static void check_layout_ref(const char *name, const layout *l, float size)
{
	SDL_Surface *s[IMG_PATHS];
	for (int p = 0; p < IMG_PATHS; p++) {
		s[p] = img_draw(test_fc, l, size, 12, BIG_BUDGET, (img_path)p, NULL);
		assert_non_null(s[p]);
		assert_true(img_ink(s[p], (SDL_Rect){0, 0, s[p]->w, s[p]->h}) > 50);
		if (!img_matches_ref(name, s[p]))
			fail_msg("%s: the %s path differs from the reference", name,
			         img_path_name((img_path)p));
	}
	int d = img_max_delta(s[IMG_DIRECT], s[IMG_GEOMETRY]);
	print_message("%s: the paths differ by %d at most\n", name, d);
	assert_in_range(d, 0, IMG_PATH_DELTA);
	for (int p = 0; p < IMG_PATHS; p++)
		SDL_FreeSurface(s[p]);
}

/* Lays out, draws and compares with the reference `name`. */
static void check_ref(const char *name, const char *text, float size, float extent, bool vertical,
                      int max_lines)
{
	layout *l = test_lay(text, size, extent, vertical, max_lines);
	check_layout_ref(name, l, size);
	layout_free(l);
}

static void test_paragraph(void **state)
{
	(void)state;
	check_ref("paragraph",
	          "今天下雨了，我在窗边坐了很久。心里有点乱，但写下来好像轻了一些。"
	          "明天，也许会好一点吧？",
	          24, 360, false, 0);
}

static void test_vertical(void **state)
{
	(void)state;
	check_ref("vertical", "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。", 24, 150, true, 0);
}

/* A card: three lines, the rest cut with an ellipsis, through the card
 * path (draw_card_surface) the exports use. */
static void test_card_cut(void **state)
{
	(void)state;
	layout *l = test_lay("有些话说不出口，就写在这里吧。写完了，心里就空出一块地方，"
	                "可以放进新的东西。谢谢你听我说这些，树洞。",
	                20, 240, false, 3);
	char err[256] = "";
	assert_true(l->truncated);
	SDL_Surface *s = draw_card_surface(test_fc, l, 20, 16, err, sizeof err);
	assert_non_null(s);
	assert_true(img_matches_ref("card_cut", s));
	SDL_FreeSurface(s);
	layout_free(l);
}

/* U+F0000 (private use) is in no face: a box outline of ink in its em. */
static void test_uncovered_box(void **state)
{
	(void)state;
	const float size = 32;
	layout *l = test_lay("缺\xF3\xB0\x80\x80字", size, 1000, false, 0);
	assert_int_equal(l->nglyphs, 3);
	assert_int_equal(l->glyphs[1].face, LAYOUT_NO_FACE);
	for (int p = 0; p < IMG_PATHS; p++) {
		SDL_Surface *s = img_draw(test_fc, l, size, 12, BIG_BUDGET, (img_path)p, NULL);
		assert_non_null(s);
		int bx = 12 + (int)l->glyphs[1].x, by = 12 + (int)l->glyphs[1].y;
		/* The box's edges are ink, its middle is paper. */
		assert_true(img_ink(s, (SDL_Rect){bx + 3, by - 26, 2, 26}) > 20);
		assert_int_equal(img_ink(s, (SDL_Rect){bx + 10, by - 18, 12, 12}), 0);
		SDL_FreeSurface(s);
	}
	check_layout_ref("uncovered", l, size);
	layout_free(l);
}

/* Latin, CJK and emoji that DejaVu Sans draws in outline (it comes before
 * the colour emoji face in the chain, and has ☺ ☂ and 😀). */
static void test_latin_emoji(void **state)
{
	(void)state;
	check_ref("latin_emoji", "Hello, 世界! Café ☺ ☂ 😀 ok.", 24, 1000, false, 0);
}

/* The second draw of the same layout finds every glyph in the atlas. */
static void test_atlas_reuse(void **state)
{
	(void)state;
	layout *l = test_lay("你好，世界。你好！", 24, 1000, false, 0);
	SDL_Surface *s = img_new(300, 60), *t = img_new(300, 60);
	SDL_Renderer *r;
	atlas *a = img_atlas(test_fc, s, BIG_BUDGET, IMG_DIRECT, &r);
	atlas_counts c1, c2;

	assert_non_null(a);
	assert_true(draw_layout(a, l, 24, 4, 4, DRAW_INK));
	SDL_RenderFlush(r);
	atlas_stats(a, &c1);
	assert_int_equal(c1.rasterised, 7); /* 你 好 ， 世 界 。 ！ */
	assert_int_equal(c1.glyphs, 7);
	assert_int_equal(c1.pages, 1);
	assert_true(atlas_bytes(a) >= 1024u * 1024 * 4);
	SDL_BlitSurface(s, NULL, t, NULL);
	SDL_SetRenderDrawColor(r, 0, 0, 0, 0);
	SDL_RenderClear(r);
	assert_true(draw_layout(a, l, 24, 4, 4, DRAW_INK));
	SDL_RenderFlush(r);
	atlas_stats(a, &c2);
	assert_int_equal(c2.rasterised, c1.rasterised);
	assert_int_equal(img_diff(s, t), 0);
	/* Another size is another glyph. */
	assert_true(draw_layout(a, l, 30, 4, 4, DRAW_INK));
	atlas_stats(a, &c2);
	assert_int_equal(c2.rasterised, 2 * c1.rasterised);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	SDL_FreeSurface(t);
	layout_free(l);
}

/* Two atlases share the chain's FreeType faces at different sizes: each
 * rasterises at its own size whatever the other set last. */
static void test_two_atlases(void **state)
{
	(void)state;
	layout *l24 = test_lay("你好世界", 24, 1000, false, 0);
	layout *l40 = test_lay("世界你好", 40, 1000, false, 0);
	SDL_Surface *s = img_new(200, 60), *t = img_new(200, 60), *u = img_new(200, 60);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(s), *r2 = SDL_CreateSoftwareRenderer(u);
	atlas *a = atlas_new(r, test_fc, BIG_BUDGET), *b = atlas_new(r2, test_fc, BIG_BUDGET);
	layout *first = test_lay("你好", 24, 1000, false, 0);

	assert_true(draw_layout(a, first, 24, 4, 4, DRAW_INK));
	assert_true(draw_layout(b, l40, 40, 0, 0, DRAW_INK));
	SDL_SetRenderDrawColor(r, 0, 0, 0, 0);
	SDL_RenderClear(r);
	assert_true(draw_layout(a, l24, 24, 4, 4, DRAW_INK)); /* 世界 new at 24 in a */
	SDL_RenderFlush(r);
	SDL_BlitSurface(s, NULL, t, NULL);
	atlas_destroy(a);
	a = atlas_new(r, test_fc, BIG_BUDGET);
	SDL_RenderClear(r);
	assert_true(draw_layout(a, l24, 24, 4, 4, DRAW_INK));
	SDL_RenderFlush(r);
	assert_int_equal(img_diff(s, t), 0);
	atlas_destroy(a);
	atlas_destroy(b);
	SDL_DestroyRenderer(r);
	SDL_DestroyRenderer(r2);
	SDL_FreeSurface(s);
	SDL_FreeSurface(t);
	SDL_FreeSurface(u);
	layout_free(first);
	layout_free(l24);
	layout_free(l40);
}

/* 600 distinct hanzi at 40 px through a 1-byte budget (one 256x256 page,
 * ~25 glyphs): pages are evicted, even within one draw, memory stays at
 * one page, and the picture equals the one drawn with a big atlas. */
static void test_budget_eviction(void **state)
{
	(void)state;
	char text[600 * 3 + 1];
	size_t n = 0;
	for (uint32_t cp = 0x4E00; n < sizeof text - 3; cp++) {
		if (fontchain_face_for(test_fc, cp) != 0)
			continue;
		text[n++] = (char)(0xE0 | (cp >> 12));
		text[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		text[n++] = (char)(0x80 | (cp & 0x3F));
	}
	text[n] = '\0';
	layout *l = test_lay(text, 40, 1200, false, 0);
	atlas_counts small, big;
	SDL_Surface *s = img_draw(test_fc, l, 40, 4, 1, IMG_DIRECT, &small);
	SDL_Surface *t = img_draw(test_fc, l, 40, 4, BIG_BUDGET, IMG_DIRECT, &big);
	SDL_Surface *u = img_draw(test_fc, l, 40, 4, 1, IMG_GEOMETRY, NULL);
	assert_non_null(s);
	assert_non_null(t);
	assert_int_equal(small.pages, 1);
	print_message("evictions %lu glyphs %zu\n", small.evictions, small.glyphs);
	assert_true(small.evictions >= 10);
	assert_int_equal(big.evictions, 0);
	assert_true(small.glyphs < 60);
	assert_int_equal(img_diff(s, t), 0);
	/* Through the renderer, a page is evicted while quads of it wait in
	 * the batch only after they were drawn. */
	assert_non_null(u);
	assert_in_range(img_max_delta(u, t), 0, IMG_PATH_DELTA);
	SDL_FreeSurface(s);
	SDL_FreeSurface(t);
	SDL_FreeSurface(u);
	layout_free(l);
}

static void test_budget_bytes(void **state)
{
	(void)state;
	SDL_Surface *s = img_new(64, 64);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
	layout *l = test_lay("一二三四五六七八九十百千万亿", 48, 0, false, 0);
	size_t budgets[] = {1, 300000, 1u << 20, 9u << 20};
	for (size_t i = 0; i < sizeof budgets / sizeof *budgets; i++) {
		atlas *a = atlas_new(r, test_fc, budgets[i]);
		size_t page = (size_t)atlas_page_side(a) * (size_t)atlas_page_side(a) * 4;
		assert_true(atlas_set_target(a, s));
		assert_true(draw_layout(a, l, 48, 0, 0, DRAW_INK));
		/* Everything held (pages, table, raster buffer) stays within the
		 * budget, or one page and a small table below it. */
		assert_true(atlas_bytes(a) <= (budgets[i] > page + 65536 ? budgets[i] : page + 65536));
		atlas_destroy(a);
	}
	layout_free(l);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
}

/* After a device reset the atlas starts over and draws the same picture. */
static void test_reset(void **state)
{
	(void)state;
	layout *l = test_lay("重来一次，也没关系。", 24, 1000, false, 0);
	SDL_Surface *s = img_new(300, 60), *t = img_new(300, 60);
	SDL_Renderer *r;
	atlas *a = img_atlas(test_fc, s, BIG_BUDGET, IMG_DIRECT, &r);
	atlas_counts c;

	assert_true(draw_layout(a, l, 24, 4, 4, DRAW_INK));
	SDL_RenderFlush(r);
	SDL_BlitSurface(s, NULL, t, NULL);
	atlas_reset(a);
	atlas_stats(a, &c);
	assert_int_equal(c.pages, 0);
	assert_int_equal(c.glyphs, 0);
	assert_int_equal(c.resets, 1);
	SDL_SetRenderDrawColor(r, 0, 0, 0, 0);
	SDL_RenderClear(r);
	assert_true(draw_layout(a, l, 24, 4, 4, DRAW_INK));
	SDL_RenderFlush(r);
	atlas_stats(a, &c);
	assert_int_equal(c.rasterised, 2 * 10);
	assert_int_equal(img_diff(s, t), 0);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	SDL_FreeSurface(t);
	layout_free(l);
}

static void test_null_and_empty(void **state)
{
	(void)state;
	SDL_Surface *s = img_new(16, 16);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
	atlas *a = atlas_new(r, test_fc, BIG_BUDGET);
	layout *empty = test_lay("", 20, 100, false, 0);
	atlas_glyph g;
	atlas_counts c;
	char err[128];

	assert_null(atlas_new(NULL, test_fc, 1));
	assert_null(atlas_new(r, NULL, 1));
	atlas_destroy(NULL);
	atlas_reset(NULL);
	atlas_begin(NULL);
	atlas_stats(NULL, &c);
	assert_int_equal(c.rasterised, 0);
	assert_int_equal(atlas_bytes(NULL), 0);
	assert_int_equal(atlas_lookup(a, 99, 1, 20, 0x3A3530, false, &g), ATLAS_BOX);
	assert_int_equal(atlas_lookup(a, 0, 1, -1, 0x3A3530, false, &g), ATLAS_BOX);
	assert_int_equal(atlas_lookup(a, 0, 1, 5000, 0x3A3530, true, &g), ATLAS_BOX);
	assert_false(atlas_set_target(NULL, s));
	assert_null(atlas_target(NULL));
	assert_null(atlas_page(a, 0));
	assert_null(atlas_page(NULL, 0));
	assert_null(atlas_page_surface(a, -1));
	assert_true(draw_layout(a, NULL, 20, 0, 0, DRAW_INK));
	assert_true(draw_layout(a, empty, 20, 0, 0, DRAW_INK));
	assert_false(draw_layout(NULL, empty, 20, 0, 0, DRAW_INK));
	assert_false(draw_layout(a, empty, 0, 0, 0, DRAW_INK));
	assert_false(draw_surface_png(NULL, "x.png"));
	assert_false(draw_surface_png(s, NULL));
	assert_false(draw_card_png(test_fc, empty, 20, NULL, 4, err, sizeof err));
	assert_false(draw_card_png(NULL, empty, 20, "x.png", 4, err, sizeof err));
	assert_true(strlen(err) > 0);
	assert_false(
	    draw_card_png(test_fc, empty, 20, "/nonexistent-dir/x.png", 4, err, sizeof err));
	assert_true(strlen(err) > 0);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	layout_free(empty);
}

/* draw_card_png writes a PNG that reads back as the card surface. */
static void test_card_png_roundtrip(void **state)
{
	(void)state;
	layout *l = test_lay("写下来，就好了。", 20, 200, false, 0);
	char path[64], err[256] = "";
	snprintf(path, sizeof path, "draw_card_%ld.png", (long)getpid());
	assert_true(draw_card_png(test_fc, l, 20, path, 10, err, sizeof err));
	SDL_Surface *loaded = IMG_Load(path);
	assert_non_null(loaded);
	SDL_Surface *back = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_Surface *card = draw_card_surface(test_fc, l, 20, 10, err, sizeof err);
	assert_non_null(back);
	assert_non_null(card);
	assert_int_equal(back->w, (int)SDL_ceilf(l->width) + 20);
	assert_int_equal(img_diff(back, card), 0);
	SDL_FreeSurface(loaded);
	SDL_FreeSurface(back);
	SDL_FreeSurface(card);
	remove(path);
	layout_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraph),       cmocka_unit_test(test_vertical),
		cmocka_unit_test(test_card_cut),        cmocka_unit_test(test_uncovered_box),
		cmocka_unit_test(test_latin_emoji),     cmocka_unit_test(test_atlas_reuse),
		cmocka_unit_test(test_budget_eviction), cmocka_unit_test(test_budget_bytes),
		cmocka_unit_test(test_reset),           cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_card_png_roundtrip), cmocka_unit_test(test_two_atlases),
	};
	return cmocka_run_group_tests(tests, test_chain_open, close_chain);
}

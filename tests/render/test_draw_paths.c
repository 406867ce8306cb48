/* test_draw_paths.c — what the two drawing paths must agree on (viewport,
 * clip, ink alpha, surface formats, render targets, queue order), colour
 * emoji, and sideways glyphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL_image.h>

#include "atlas.h"
#include "draw.h"
#include "fontchain.h"
#include "layout.h"
#include "test_chain.h"
#include "test_draw_img.h"

#define BUDGET (16u << 20)
#define ARGB SDL_PIXELFORMAT_ARGB8888
#define FLOWER "\xF0\x9F\x8C\xB8" /* U+1F338, which DejaVu Sans lacks */
#define HUG "\xF0\x9F\xA4\x97"    /* U+1F917 */
#define THUMB "\xF0\x9F\x91\x8D"  /* U+1F44D */

/* The chain's teardown, and SDL's image and video parts the tests started. */
static int close_chain(void **state)
{
	int rc = test_chain_close(state);
	IMG_Quit();
	SDL_Quit();
	return rc;
}

static layout *lay_with(fontchain *chain, const char *text, float size)
{
	layout_params p = {.size_px = size, .max_extent = 2000};
	layout *l = NULL;
	assert_int_equal(layout_text(chain, text, strlen(text), &p, &l), LAYOUT_OK);
	assert_non_null(l);
	return l;
}

/* Index of the chain's colour face, or -1 if none is installed. */
static int colour_face(fontchain *chain)
{
	for (size_t i = 0; i < fontchain_count(chain); i++)
		if (FT_HAS_COLOR(fontchain_ft(chain, i)))
			return (int)i;
	return -1;
}

static void fill(SDL_Surface *s, SDL_Color c)
{
	SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, c.r, c.g, c.b, c.a));
}

/* Draws l at (x, y) on a w x h surface of `format` by path p, after the
 * renderer state `setup` (may be NULL) is applied. */
static SDL_Surface *draw_with(fontchain *chain, const layout *l, float size, int w, int h,
                              Uint32 format, img_path p, SDL_Color ink,
                              void (*setup)(SDL_Renderer *))
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, format);
	SDL_Renderer *r = NULL;
	atlas *a = img_atlas(chain, s, BUDGET, p, &r);

	assert_non_null(a);
	fill(s, DRAW_PAPER);
	if (setup)
		setup(r);
	assert_true(draw_layout(a, l, size, 0, 0, ink));
	SDL_RenderFlush(r);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	return s;
}

/* draw_with the test's chain. */
static SDL_Surface *draw_on(const layout *l, float size, int w, int h, Uint32 format, img_path p,
                            SDL_Color ink, void (*setup)(SDL_Renderer *))
{
	return draw_with(test_fc, l, size, w, h, format, p, ink, setup);
}

static void viewport_and_clip(SDL_Renderer *r)
{
	SDL_RenderSetViewport(r, &(SDL_Rect){30, 8, 150, 60});
	SDL_RenderSetClipRect(r, &(SDL_Rect){10, 0, 70, 40});
}

/* Both paths honour the viewport (an offset) and the clip rect (relative
 * to it): the same pixels, and nothing outside the clip. */
static void test_viewport_clip(void **state)
{
	(void)state;
	layout *l = lay_with(test_fc, "你好，世界 ok", 28);
	SDL_Surface *s[IMG_PATHS];
	for (int p = 0; p < IMG_PATHS; p++) {
		s[p] = draw_on(l, 28, 220, 80, ARGB, (img_path)p, DRAW_INK,
		               viewport_and_clip);
		/* clip in surface px: x 40..110, y 8..48 */
		assert_true(img_ink(s[p], (SDL_Rect){40, 8, 70, 40}) > 30);
		assert_int_equal(img_ink(s[p], (SDL_Rect){0, 0, 40, 80}), 0);
		assert_int_equal(img_ink(s[p], (SDL_Rect){110, 0, 110, 80}), 0);
		assert_int_equal(img_ink(s[p], (SDL_Rect){0, 48, 220, 32}), 0);
	}
	assert_in_range(img_max_delta(s[IMG_DIRECT], s[IMG_GEOMETRY]), 0, IMG_PATH_DELTA);
	SDL_FreeSurface(s[0]);
	SDL_FreeSurface(s[1]);
	layout_free(l);
}

/* s as ARGB8888 (XRGB's unused byte becomes opaque alpha); frees s. */
static SDL_Surface *argb(SDL_Surface *s)
{
	SDL_Surface *t = SDL_ConvertSurfaceFormat(s, ARGB, 0);
	assert_non_null(t);
	SDL_FreeSurface(s);
	return t;
}

/* l drawn one glyph at a time by the direct path, each glyph its own
 * draw_layout call: the order the sweep must keep per pixel. */
static SDL_Surface *draw_glyph_by_glyph(const layout *l, float size, int w, int h)
{
	SDL_Surface *s = img_new(w, h);
	SDL_Renderer *r = NULL;
	atlas *a = img_atlas(test_fc, s, BUDGET, IMG_DIRECT, &r);

	assert_non_null(a);
	fill(s, DRAW_PAPER);
	for (size_t i = 0; i < l->nglyphs; i++) {
		layout one = *l;
		one.glyphs = l->glyphs + i;
		one.nglyphs = 1;
		assert_true(draw_layout(a, &one, size, 0, 0, DRAW_INK));
	}
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	return s;
}

/* Lines set so tight that their glyphs overlap, and a line of more glyphs
 * than the direct path sweeps at once: the sweep blends every pixel's
 * glyphs in layout order, exactly as glyph-by-glyph drawing does, and the
 * paths agree (overlaps blend twice, so rounding may add up). */
static void test_tight_and_long_lines(void **state)
{
	(void)state;
	static const char *const hz[] = {"树", "洞", "里", "的", "话", "，"};
	char text[3 * 400 + 1] = "";
	for (int i = 0; i < 400; i++)
		strcat(text, hz[i % 6]);
	layout_params tight = {.size_px = 30, .max_extent = 400, .line_spacing = 0.7f};
	layout_params wide = {.size_px = 10, .max_extent = 5000};
	layout *l[2] = {NULL, NULL};
	assert_int_equal(layout_text(test_fc, text, strlen(text), &tight, &l[0]), LAYOUT_OK);
	assert_int_equal(layout_text(test_fc, text, strlen(text), &wide, &l[1]), LAYOUT_OK);
	assert_int_equal(l[1]->nlines, 1);
	for (int k = 0; k < 2; k++) {
		int w = (int)SDL_ceilf(l[k]->width) + 4, h = (int)SDL_ceilf(l[k]->height) + 4;
		float size = k ? 10 : 30;
		SDL_Surface *d = draw_on(l[k], size, w, h, ARGB, IMG_DIRECT, DRAW_INK, NULL);
		SDL_Surface *g = draw_on(l[k], size, w, h, ARGB, IMG_GEOMETRY, DRAW_INK, NULL);
		SDL_Surface *one = draw_glyph_by_glyph(l[k], size, w, h);
		assert_true(img_ink(d, (SDL_Rect){0, 0, w, h}) > 1000);
		assert_int_equal(img_max_delta(d, one), 0);
		assert_in_range(img_max_delta(d, g), 0, 2 * IMG_PATH_DELTA);
		SDL_FreeSurface(d);
		SDL_FreeSurface(g);
		SDL_FreeSurface(one);
		layout_free(l[k]);
	}
}

/* A translucent ink and an XRGB8888 window-like surface: both paths blend
 * alike. */
static void test_alpha_and_xrgb(void **state)
{
	(void)state;
	layout *l = lay_with(test_fc, "半透明的字 abc", 30);
	SDL_Color faint = DRAW_INK;
	faint.a = 90;
	Uint32 formats[] = {ARGB, SDL_PIXELFORMAT_XRGB8888};
	for (size_t f = 0; f < 2; f++) {
		SDL_Surface *s[IMG_PATHS], *opaque;
		for (int p = 0; p < IMG_PATHS; p++)
			s[p] = argb(draw_on(l, 30, 260, 50, formats[f], (img_path)p, faint, NULL));
		opaque = argb(draw_on(l, 30, 260, 50, formats[f], IMG_DIRECT, DRAW_INK, NULL));
		int d = img_max_delta(s[IMG_DIRECT], s[IMG_GEOMETRY]);
		print_message("format %zu: the paths differ by %d at most\n", f, d);
		assert_in_range(d, 0, IMG_PATH_DELTA);
		/* Faint ink is lighter: fewer dark pixels than opaque ink. */
		long dark_faint = img_ink(s[IMG_DIRECT], (SDL_Rect){0, 0, 260, 50});
		long dark = img_ink(opaque, (SDL_Rect){0, 0, 260, 50});
		assert_true(dark > 100);
		assert_true(dark_faint * 3 < dark);
		SDL_FreeSurface(s[0]);
		SDL_FreeSurface(s[1]);
		SDL_FreeSurface(opaque);
	}
	layout_free(l);
}

/* With a render target texture set, the atlas must not draw into its
 * target surface: the text lands in the texture, through the renderer. */
static void test_render_target(void **state)
{
	(void)state;
	layout *l = lay_with(test_fc, "画在纹理里", 24);
	SDL_Surface *s = img_new(140, 40);
	SDL_Renderer *r = NULL;
	atlas *a = img_atlas(test_fc, s, BUDGET, IMG_DIRECT, &r);
	SDL_Color paper = DRAW_PAPER;

	assert_non_null(a);
	fill(s, DRAW_PAPER);
	SDL_Texture *t = SDL_CreateTexture(r, ARGB, SDL_TEXTUREACCESS_TARGET, 140, 40);
	assert_non_null(t);
	assert_int_equal(SDL_SetRenderTarget(r, t), 0);
	SDL_SetRenderDrawColor(r, paper.r, paper.g, paper.b, 255);
	SDL_RenderClear(r);
	assert_true(draw_layout(a, l, 24, 0, 0, DRAW_INK));
	SDL_RenderFlush(r);
	assert_int_equal(img_ink(s, (SDL_Rect){0, 0, 140, 40}), 0);
	SDL_SetRenderTarget(r, NULL);
	SDL_RenderCopy(r, t, NULL, NULL);
	SDL_RenderFlush(r);
	SDL_Surface *direct = draw_on(l, 24, 140, 40, ARGB, IMG_DIRECT, DRAW_INK, NULL);
	assert_true(img_ink(s, (SDL_Rect){0, 0, 140, 40}) > 50);
	assert_in_range(img_max_delta(s, direct), 0, IMG_PATH_DELTA);
	SDL_DestroyTexture(t);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	SDL_FreeSurface(direct);
	layout_free(l);
}

/* Drawing straight into the surface keeps the renderer's order: what was
 * queued before lies under the text, what is queued after covers it. */
static void test_queue_order(void **state)
{
	(void)state;
	layout *l = lay_with(test_fc, "先后", 24);
	SDL_Surface *s = img_new(60, 40);
	SDL_Renderer *r = NULL;
	atlas *a = img_atlas(test_fc, s, BUDGET, IMG_DIRECT, &r);

	SDL_SetRenderDrawColor(r, 250, 250, 250, 255);
	SDL_RenderClear(r); /* queued, not yet run */
	assert_true(draw_layout(a, l, 24, 2, 2, DRAW_INK));
	SDL_RenderFlush(r);
	assert_true(img_ink(s, (SDL_Rect){0, 0, 60, 40}) > 30);
	assert_true(draw_layout(a, l, 24, 2, 2, DRAW_INK));
	SDL_SetRenderDrawColor(r, 250, 250, 250, 255);
	SDL_RenderFillRect(r, NULL);
	SDL_RenderFlush(r);
	assert_int_equal(img_ink(s, (SDL_Rect){0, 0, 60, 40}), 0);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	layout_free(l);
}

/* The ink bounding box of s inside r. OUT: *w, *h (0 if none). */
static void ink_box(const SDL_Surface *s, SDL_Rect r, int *w, int *h)
{
	int x0 = r.x + r.w, x1 = -1, y0 = r.y + r.h, y1 = -1;
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++) {
			const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
			uint32_t p = ((const uint32_t *)row)[x];
			SDL_Color paper = DRAW_PAPER;
			int d = abs((int)((p >> 16) & 0xFF) - paper.r) + abs((int)((p >> 8) & 0xFF) - paper.g) +
			        abs((int)(p & 0xFF) - paper.b);
			if (d > 60) {
				x0 = SDL_min(x0, x), x1 = SDL_max(x1, x);
				y0 = SDL_min(y0, y), y1 = SDL_max(y1, y);
			}
		}
	*w = x1 < 0 ? 0 : x1 - x0 + 1;
	*h = y1 < 0 ? 0 : y1 - y0 + 1;
}

/* Emoji DejaVu lacks reach the colour face and are drawn in their own
 * colours, about an em tall, whatever the ink; hanzi stay ink. */
static void test_colour_emoji(void **state)
{
	(void)state;
	int cf = colour_face(test_fc);
	if (cf < 0)
		skip(); /* fonts-noto-color-emoji not installed: test_emoji_boxes covers this */
	const float size = 32;
	layout *l = lay_with(test_fc, "花" FLOWER "开" HUG THUMB, size);
	assert_int_equal(l->nglyphs, 5);
	assert_int_equal(l->glyphs[1].face, cf);
	SDL_Color red = {0xC0, 0x20, 0x20, 0xFF};
	SDL_Surface *s[IMG_PATHS], *tinted;
	int w = (int)SDL_ceilf(l->width) + 8, h = 48;
	for (int p = 0; p < IMG_PATHS; p++)
		s[p] = draw_on(l, size, w, h, ARGB, (img_path)p, DRAW_INK, NULL);
	tinted = draw_on(l, size, w, h, ARGB, IMG_DIRECT, red, NULL);
	assert_true(img_matches_ref("emoji_colour", s[IMG_DIRECT]));
	assert_true(img_matches_ref("emoji_colour", s[IMG_GEOMETRY]));
	for (size_t i = 0; i < 5; i++) {
		SDL_Rect cell = {(int)l->glyphs[i].x, 0, (int)l->glyphs[i].advance, h};
		double c = img_colourful(s[IMG_DIRECT], cell);
		bool emoji = i == 1 || i == 3 || i == 4;
		print_message("glyph %zu: %.2f colourful\n", i, c);
		assert_true(emoji ? c > 0.15 : c < 0.01);
		if (emoji) {
			int bw, bh;
			ink_box(s[IMG_DIRECT], cell, &bw, &bh);
			assert_in_range(bw, (int)(size * 0.8f), (int)(size * 1.35f));
			assert_in_range(bh, (int)(size * 0.8f), (int)(size * 1.35f));
			/* The ink colour does not reach them. */
			SDL_Surface *a = img_new(cell.w, h), *b = img_new(cell.w, h);
			SDL_BlitSurface(s[IMG_DIRECT], &cell, a, NULL);
			SDL_BlitSurface(tinted, &cell, b, NULL);
			assert_int_equal(img_diff(a, b), 0);
			SDL_FreeSurface(a);
			SDL_FreeSurface(b);
		}
	}
	for (int p = 0; p < IMG_PATHS; p++)
		SDL_FreeSurface(s[p]);
	SDL_FreeSurface(tinted);
	layout_free(l);
}

/* Without a colour emoji face (as on a machine without
 * fonts-noto-color-emoji) the same text shows placeholder boxes. */
static void test_emoji_boxes(void **state)
{
	(void)state;
	const fontchain_spec *specs;
	size_t n = fontchain_default_specs(&specs), k = 0;
	fontchain_spec plain[FONTCHAIN_MAX_SPECS];
	fontchain *chain = NULL;
	char msg[256];

	for (size_t i = 0; i < n; i++)
		if (!specs[i].family || !strstr(specs[i].family, "Emoji"))
			plain[k++] = specs[i];
	assert_int_equal(fontchain_open(plain, k, &chain, msg, sizeof msg), FONTCHAIN_OK);
	assert_int_equal(colour_face(chain), -1);
	layout *l = lay_with(chain, "花" FLOWER "开", 32);
	assert_int_equal(l->glyphs[1].face, LAYOUT_NO_FACE);
	for (int p = 0; p < IMG_PATHS; p++) {
		SDL_Surface *s = draw_with(chain, l, 32, (int)SDL_ceilf(l->width) + 8, 48, ARGB,
		                         (img_path)p, DRAW_INK, NULL);
		assert_true(img_colourful(s, (SDL_Rect){0, 0, s->w, s->h}) < 0.001);
		assert_true(img_matches_ref("emoji_boxes", s));
		SDL_FreeSurface(s);
	}
	layout_free(l);
	fontchain_close(chain);
}

/* A copy of l with every glyph moved by (dx, dy) and, if `turn`, turned
 * a quarter clockwise inside an image of height img_h: sideways, its
 * origin where the turn takes it. Free with free_copy. */
static layout *copy_moved(const layout *l, int dx, int dy, bool turn, int img_h)
{
	layout *t = calloc(1, sizeof *t);
	assert_non_null(t);
	*t = *l;
	t->text = NULL, t->lines = NULL, t->nlines = 0;
	t->glyphs = calloc(l->nglyphs, sizeof *t->glyphs);
	assert_non_null(t->glyphs);
	for (size_t i = 0; i < l->nglyphs; i++) {
		layout_glyph g = l->glyphs[i];
		g.x += (float)dx, g.y += (float)dy;
		if (turn) {
			float x = g.x;
			g.x = (float)img_h - g.y;
			g.y = x;
			g.sideways = true;
		}
		t->glyphs[i] = g;
	}
	if (turn)
		t->width = l->height, t->height = l->width;
	return t;
}

static void free_copy(layout *t)
{
	free(t->glyphs);
	free(t);
}

/* Sideways glyphs (Latin in a column) are exactly the upright ones turned
 * a quarter clockwise, placeholder boxes included, on both paths. */
static void test_sideways(void **state)
{
	(void)state;
	const int pad = 6;
	layout *l = lay_with(test_fc, "Hi, 42 \xF3\xB0\x80\x80 gy", 28);
	int w = (int)SDL_ceilf(l->width) + 2 * pad, h = (int)SDL_ceilf(l->height) + 2 * pad;
	layout *up = copy_moved(l, pad, pad, false, 0), *side = copy_moved(l, pad, pad, true, h);

	for (int p = 0; p < IMG_PATHS; p++) {
		SDL_Surface *u = draw_on(up, 28, w, h, ARGB, (img_path)p, DRAW_INK, NULL);
		SDL_Surface *s = draw_on(side, 28, h, w, ARGB, (img_path)p, DRAW_INK, NULL);
		SDL_Surface *want = img_rotate_cw(u);
		assert_true(img_ink(s, (SDL_Rect){0, 0, s->w, s->h}) > 100);
		/* Exactly: the turned bitmaps are the upright ones, texel for texel. */
		int d = img_max_delta(s, want);
		print_message("%s: differs from the turned upright text by %d at most\n",
		              img_path_name((img_path)p), d);
		assert_int_equal(d, 0);
		assert_true(img_matches_ref("sideways", s));
		SDL_FreeSurface(u);
		SDL_FreeSurface(s);
		SDL_FreeSurface(want);
	}
	free_copy(up);
	free_copy(side);
	layout_free(l);
}

static uint32_t page_px(const SDL_Surface *p, int x, int y)
{
	return ((const uint32_t *)((const uint8_t *)p->pixels + (size_t)y * (size_t)p->pitch))[x];
}

/* An emoji glyph is stored once per ink colour but untinted: the same
 * pixels whatever the ink, and marked as colour. */
static void test_emoji_untinted_in_atlas(void **state)
{
	(void)state;
	int cf = colour_face(test_fc);
	if (cf < 0)
		skip();
	layout *l = lay_with(test_fc, FLOWER, 40);
	SDL_Surface *s = img_new(8, 8);
	SDL_Renderer *r = NULL;
	atlas *a = img_atlas(test_fc, s, BUDGET, IMG_DIRECT, &r);
	atlas_glyph g1, g2, g3;

	assert_int_equal(atlas_lookup(a, (unsigned)cf, l->glyphs[0].glyph, 40, 0x3A3530, false, &g1),
	                 ATLAS_GLYPH);
	assert_int_equal(atlas_lookup(a, (unsigned)cf, l->glyphs[0].glyph, 40, 0xFF0000, false, &g2),
	                 ATLAS_GLYPH);
	assert_int_equal(atlas_lookup(a, (unsigned)cf, l->glyphs[0].glyph, 40, 0x3A3530, true, &g3),
	                 ATLAS_GLYPH);
	assert_true(g1.colour && g2.colour && g3.colour);
	assert_int_equal(g1.w, g2.w);
	assert_int_equal(g1.h, g3.w);
	assert_int_equal(g1.w, g3.h);
	/* An emoji is scaled from its 109 px strike to about an em: down, up,
	 * and not at all when it would not fit in a page. */
	assert_in_range(g1.w, 34, 54);
	atlas_glyph big;
	assert_int_equal(atlas_lookup(a, (unsigned)cf, l->glyphs[0].glyph, 150, 0x3A3530, false, &big),
	                 ATLAS_GLYPH);
	assert_true(big.colour);
	assert_in_range(big.w, 150, 200);
	assert_int_equal(atlas_lookup(a, (unsigned)cf, l->glyphs[0].glyph, 2000, 0x3A3530, false, &big),
	                 ATLAS_BOX);
	assert_int_equal(atlas_lookup(a, (unsigned)cf, l->glyphs[0].glyph, 40, 0x3A3530, false, &g1),
	                 ATLAS_GLYPH);
	SDL_Surface *p1 = atlas_page_surface(a, g1.page), *p2 = atlas_page_surface(a, g2.page);
	SDL_Surface *p3 = atlas_page_surface(a, g3.page);
	for (int y = 0; y < g1.h; y++)
		for (int x = 0; x < g1.w; x++) {
			assert_int_equal(page_px(p1, g1.x + x, g1.y + y), page_px(p2, g2.x + x, g2.y + y));
			/* the sideways entry is the same bitmap turned clockwise */
			assert_int_equal(page_px(p1, g1.x + x, g1.y + y),
			                 page_px(p3, g3.x + (g1.h - 1 - y), g3.y + x));
		}
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	layout_free(l);
}

/* The geometry path on the software renderer makes a texture per page
 * and counts it; the direct path holds surfaces only. */
static void test_page_memory(void **state)
{
	(void)state;
	layout *l = lay_with(test_fc, "内存", 24);
	SDL_Surface *s = img_new(80, 40);
	for (int p = 0; p < IMG_PATHS; p++) {
		SDL_Renderer *r = NULL;
		atlas *a = img_atlas(test_fc, s, BUDGET, (img_path)p, &r);
		size_t page = (size_t)atlas_page_side(a) * (size_t)atlas_page_side(a) * 4;
		assert_true(draw_layout(a, l, 24, 0, 0, DRAW_INK));
		SDL_RenderFlush(r);
		assert_non_null(atlas_page_surface(a, 0));
		size_t bytes = atlas_bytes(a);
		assert_true(p == IMG_DIRECT ? bytes < 2 * page : bytes >= 2 * page);
		atlas_destroy(a);
		SDL_DestroyRenderer(r);
	}
	SDL_FreeSurface(s);
	layout_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_viewport_clip),   cmocka_unit_test(test_alpha_and_xrgb),
		cmocka_unit_test(test_render_target),   cmocka_unit_test(test_queue_order),
		cmocka_unit_test(test_colour_emoji),    cmocka_unit_test(test_emoji_boxes),
		cmocka_unit_test(test_sideways),        cmocka_unit_test(test_emoji_untinted_in_atlas),
		cmocka_unit_test(test_page_memory),     cmocka_unit_test(test_tight_and_long_lines),
	};
	return cmocka_run_group_tests(tests, test_chain_open, close_chain);
}

/* test_ink_raster.c — the shape rasteriser's own promises: every
 * instruction set gives the same pixels, drawing with the clip split into
 * row ranges gives exactly the pixels of one whole draw (ink_split's
 * threads rely on it), and nothing outside the clip is read into the
 * picture or written. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>

#include "ink_raster.h"
#include "ink_tess.h"

#define W 300
#define H 200
#define PAPER 0xFFFBF6ECu

/* Grid units a unit of the scene: drawn on a canvas of 3000 x 2000, it
 * fills a grid of 4096 x 2731 (a smaller canvas would be drawn at the full
 * grid's scale, ink_tess_fit). */
#define S (4096.0 / 3000.0)

/* A spiral, a zigzag (sharp turns: round joins) and a dot, in three
 * colours, one faded, through a pen of `pen` px. */
static void make_shapes(ink_tess_mesh *m, float pen)
{
	static ink_point pts[400];
	size_t n = 0;
	for (int i = 0; i < 150; i++) {
		double a = i * 0.12, r = 20 + i * 3.1;
		pts[n++] = (ink_point){(uint16_t)lround((1500 + r * cos(a)) * S),
		                       (uint16_t)lround((1000 + r * sin(a)) * S)};
	}
	size_t zig = n;
	for (int i = 0; i < 12; i++)
		pts[n++] = (ink_point){(uint16_t)lround((200 + i * 90) * S), (uint16_t)lround((i % 2 ? 300 : 1700) * S)};
	pts[n++] = (ink_point){(uint16_t)lround(2700 * S), (uint16_t)lround(1800 * S)};
	ink_tess_xform xf = ink_tess_fit(4096, 2731, 3.3f, 2.7f, W - 6.0f, H - 5.0f);
	m->shapes = true;
	assert_true(ink_tess_stroke(m, pts, zig, &xf, pen, (ink_tess_rgba){20, 30, 120, 255}));
	assert_true(ink_tess_stroke(m, pts + zig, 12, &xf, pen, (ink_tess_rgba){200, 40, 30, 140}));
	assert_true(ink_tess_stroke(m, pts + n - 1, 1, &xf, pen, (ink_tess_rgba){10, 120, 40, 255}));
	assert_true(m->ns > 100);
}

static SDL_Surface *paper_of(uint32_t colour)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(s);
	SDL_FillRect(s, NULL, colour);
	return s;
}

static SDL_Surface *paper(void)
{
	return paper_of(PAPER);
}

static uint32_t px(const SDL_Surface *s, int x, int y)
{
	return ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
}

/* Pixels of a and b that differ. */
static long differ(const SDL_Surface *a, const SDL_Surface *b)
{
	long n = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			n += px(a, x, y) != px(b, x, y);
	return n;
}

/* The mesh drawn into s through clip c, with isa. */
static void draw(SDL_Surface *s, const ink_tess_mesh *m, SDL_Rect c, ink_raster_isa isa)
{
	ink_raster_target t = {s, c, 0.25f, -0.5f};
	ink_raster_shapes_isa(&t, m->s, m->ns, isa);
}

static const ink_raster_isa isas[] = {INK_RASTER_C, INK_RASTER_SSE2, INK_RASTER_AVX2, INK_RASTER_BEST};

static void test_isas_agree(void **state)
{
	(void)state;
	for (float pen = 1.5f; pen < 20; pen *= 3) {
		ink_tess_mesh m = {0};
		make_shapes(&m, pen);
		SDL_Surface *want = paper();
		draw(want, &m, (SDL_Rect){0, 0, W, H}, INK_RASTER_C);
		SDL_Surface *blank = paper();
		long inked = differ(want, blank);
		SDL_FreeSurface(blank);
		assert_true(inked > 2000);
		for (size_t i = 1; i < sizeof isas / sizeof isas[0]; i++) {
			SDL_Surface *got = paper();
			draw(got, &m, (SDL_Rect){0, 0, W, H}, isas[i]);
			assert_int_equal(differ(want, got), 0);
			SDL_FreeSurface(got);
		}
		SDL_FreeSurface(want);
		/* Translucent and dark paper: every channel of the blend, alpha
		 * included, at every alpha. */
		want = paper_of(0x80402010u);
		draw(want, &m, (SDL_Rect){0, 0, W, H}, INK_RASTER_C);
		for (size_t i = 1; i < sizeof isas / sizeof isas[0]; i++) {
			SDL_Surface *got = paper_of(0x80402010u);
			draw(got, &m, (SDL_Rect){0, 0, W, H}, isas[i]);
			assert_int_equal(differ(want, got), 0);
			SDL_FreeSurface(got);
		}
		SDL_FreeSurface(want);
		ink_tess_mesh_free(&m);
	}
}

/* Rows drawn in ranges of every height, in any order, and columns in
 * strips narrower than a SIMD step (the pixel loops step back at a clip's
 * right edge, or go one pixel at a time): the whole picture, exactly. */
static void test_split_equals_whole(void **state)
{
	(void)state;
	ink_tess_mesh m = {0};
	make_shapes(&m, 5.6f);
	for (size_t i = 0; i < sizeof isas / sizeof isas[0]; i++) {
		SDL_Surface *whole = paper();
		draw(whole, &m, (SDL_Rect){0, 0, W, H}, isas[i]);
		static const int heights[] = {1, 2, 3, 7, 50, 99};
		for (size_t k = 0; k < sizeof heights / sizeof heights[0]; k++) {
			SDL_Surface *split = paper();
			int hgt = heights[k];
			for (int y = (H - 1) / hgt * hgt; y >= 0; y -= hgt) /* bottom first */
				draw(split, &m, (SDL_Rect){0, y, W, SDL_min(hgt, H - y)}, isas[i]);
			assert_int_equal(differ(whole, split), 0);
			SDL_FreeSurface(split);
		}
		static const int widths[] = {1, 3, 5, 7, 13};
		for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
			SDL_Surface *split = paper();
			for (int x = 0; x < W; x += widths[k])
				draw(split, &m, (SDL_Rect){x, 0, SDL_min(widths[k], W - x), H}, isas[i]);
			assert_int_equal(differ(whole, split), 0);
			SDL_FreeSurface(split);
		}
		SDL_FreeSurface(whole);
	}
	ink_tess_mesh_free(&m);
}

/* A clip in the middle: inside, the whole picture; outside, paper, even
 * where ink runs across the clip's edges. */
static void test_clip_kept(void **state)
{
	(void)state;
	ink_tess_mesh m = {0};
	make_shapes(&m, 5.6f);
	SDL_Rect c = {37, 41, 151, 83};
	for (size_t i = 0; i < sizeof isas / sizeof isas[0]; i++) {
		SDL_Surface *whole = paper(), *part = paper();
		draw(whole, &m, (SDL_Rect){0, 0, W, H}, isas[i]);
		draw(part, &m, c, isas[i]);
		long inside = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				bool in = SDL_PointInRect(&(SDL_Point){x, y}, &c);
				assert_int_equal(px(part, x, y), in ? px(whole, x, y) : PAPER);
				inside += in && px(part, x, y) != PAPER;
			}
		assert_true(inside > 500);
		SDL_FreeSurface(whole);
		SDL_FreeSurface(part);
	}
	ink_tess_mesh_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_isas_agree),
		cmocka_unit_test(test_split_equals_whole),
		cmocka_unit_test(test_clip_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_ink_draw.c — ink on the software renderer over an own surface:
 * reference images of a known stroke set (straight into the surface, and
 * through SDL_RenderGeometry), shapes against triangles, the live canvas
 * against the whole note (also through a target texture), no pixel
 * blended twice, viewport and clip, big notes on two threads, cards, the
 * palette. */
#include <math.h>
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

#include "draw.h"
#include "ink_draw.h"
#include "test_draw_img.h"

#define MAX_PTS 4000
#define MAX_STROKES 64
#define CANVAS_W 4096
#define CANVAS_H 2560
#define STEP 40 /* grid units between points, as the kiosk resamples */

/* ---- the known stroke set ---- */

typedef struct note_buf {
	ink_point pts[MAX_PTS];
	ink_stroke st[MAX_STROKES];
	ink k;
} note_buf;

/* Appends a stroke through key points kp[0..n), resampled every STEP
 * grid units along the polyline (the first and last point kept). */
static void add_stroke(note_buf *b, const int *kp, int n, uint8_t colour)
{
	ink_stroke *s = &b->st[b->k.nstrokes++];
	*s = (ink_stroke){(uint32_t)b->k.npoints, 0, colour};
	b->pts[b->k.npoints++] = (ink_point){(uint16_t)kp[0], (uint16_t)kp[1]};
	double carry = 0;
	for (int i = 1; i < n; i++) {
		const int *p = &kp[2 * i - 2], *q = &kp[2 * i];
		double dx = q[0] - p[0], dy = q[1] - p[1], l = hypot(dx, dy);
		for (double t = STEP - carry; t < l; t += STEP)
			b->pts[b->k.npoints++] = (ink_point){(uint16_t)lround(p[0] + dx * t / l),
			                                     (uint16_t)lround(p[1] + dy * t / l)};
		carry = fmod(carry + l, STEP);
	}
	b->pts[b->k.npoints++] = (ink_point){(uint16_t)kp[2 * n - 2], (uint16_t)kp[2 * n - 1]};
	s->count = (uint32_t)b->k.npoints - s->first;
	assert_true(b->k.npoints < MAX_PTS - 200);
}

#define STROKE(b, colour, ...)                                                                 \
	do {                                                                                       \
		static const int kp_[][2] = {__VA_ARGS__};                                             \
		add_stroke(b, &kp_[0][0], (int)(sizeof kp_ / sizeof kp_[0]), colour);                  \
	} while (0)

/* 永 (the eight basic strokes) in dark ink, 心 in blue-black with its
 * three dots, a spiral in red, a wave and a tap in green. */
static void known_set(note_buf *b)
{
	memset(b, 0, sizeof *b);
	b->k = (ink){.width = CANVAS_W, .height = CANVAS_H, .points = b->pts, .strokes = b->st};
	STROKE(b, 0, {560, 300}, {640, 400});                                     /* 点 */
	STROKE(b, 0, {360, 640}, {860, 610}, {700, 1000});                        /* 横折 */
	STROKE(b, 0, {620, 640}, {640, 1500}, {640, 2200}, {520, 2080});          /* 竖钩 */
	STROKE(b, 0, {300, 1200}, {560, 1180}, {260, 1700});                      /* 横撇 */
	STROKE(b, 0, {1120, 860}, {820, 1300}, {700, 1450});                      /* 撇 */
	STROKE(b, 0, {720, 1160}, {1000, 1600}, {1250, 1900}, {1320, 1950});      /* 捺 */
	STROKE(b, 1, {1560, 1200}, {1620, 1260});                                 /* 心 */
	STROKE(b, 1, {1500, 1500}, {1560, 1900}, {1700, 2000}, {2100, 1980}, {2180, 1800});
	STROKE(b, 1, {1820, 1300}, {1880, 1380});
	STROKE(b, 1, {2180, 1260}, {2260, 1380});
	int spiral[90][2];
	for (int i = 0; i < 90; i++) {
		double a = i * 0.21, r = 30 + i * 5.5;
		spiral[i][0] = (int)lround(3200 + r * cos(a));
		spiral[i][1] = (int)lround(800 + r * sin(a));
	}
	add_stroke(b, &spiral[0][0], 90, 2);
	int wave[40][2];
	for (int i = 0; i < 40; i++) {
		wave[i][0] = 2500 + i * 40;
		wave[i][1] = (int)lround(2100 + 160 * sin(i * 0.35));
	}
	add_stroke(b, &wave[0][0], 40, 3);
	STROKE(b, 3, {3900, 2350});                                               /* a tap */
}

/* ---- surfaces ---- */

typedef struct canvas {
	SDL_Surface *s;
	SDL_Renderer *r;
	ink_drawer *d;
} canvas;

static void canvas_open(canvas *c, int w, int h, bool direct)
{
	SDL_Color paper = DRAW_PAPER;
	c->s = img_new(w, h);
	assert_non_null(c->s);
	c->r = SDL_CreateSoftwareRenderer(c->s);
	assert_non_null(c->r);
	c->d = ink_draw_new(c->r);
	assert_non_null(c->d);
	if (direct)
		assert_true(ink_draw_set_surface(c->d, c->s));
	SDL_SetRenderDrawColor(c->r, paper.r, paper.g, paper.b, 255);
	SDL_RenderClear(c->r);
}

/* Closes all but the surface, which it returns. */
static SDL_Surface *canvas_close(canvas *c)
{
	SDL_RenderFlush(c->r);
	ink_draw_destroy(c->d);
	SDL_DestroyRenderer(c->r);
	return c->s;
}

static ink_tess_xform fit(const ink *k, SDL_FRect r)
{
	return ink_tess_fit(k->width, k->height, r.x, r.y, r.w, r.h);
}

/* The known set drawn whole into w x h with 10 px around. */
static SDL_Surface *draw_known(int w, int h, bool direct, const SDL_Color *pal)
{
	static note_buf b;
	canvas c;
	SDL_FRect into = {10, 10, (float)w - 20, (float)h - 20};
	known_set(&b);
	canvas_open(&c, w, h, direct);
	ink_tess_xform xf = fit(&b.k, into);
	assert_true(ink_draw_note(c.d, &b.k, into, pal ? pal : ink_draw_palette, ink_tess_pen_px(&xf)));
	return canvas_close(&c);
}

static void save_look(const char *name, SDL_Surface *s)
{
	const char *dir = getenv("TH_INK_LOOK_DIR");
	char path[512];
	if (dir && *dir) {
		snprintf(path, sizeof path, "%s/%s.png", dir, name);
		draw_surface_png(s, path);
	}
}

/* ---- tests ---- */

static void test_reference_direct(void **state)
{
	(void)state;
	SDL_Surface *s = draw_known(640, 400, true, NULL);
	save_look("ink_strokes", s);
	assert_true(img_ink(s, (SDL_Rect){0, 0, s->w, s->h}) > 3000);
	assert_true(img_colourful(s, (SDL_Rect){0, 0, s->w, s->h}) > 0.005); /* the red spiral */
	assert_true(img_matches_ref("ink_strokes", s));
	SDL_FreeSurface(s);
}

/* Without the surface the same note goes through SDL_RenderGeometry (the
 * GPU path). SDL's software geometry snaps vertices to whole pixels, so
 * it only resembles the direct picture; it has a reference of its own. */
static void test_reference_geometry(void **state)
{
	(void)state;
	SDL_Surface *g = draw_known(640, 400, false, NULL), *d = draw_known(640, 400, true, NULL);
	save_look("ink_strokes_geometry", g);
	long ig = img_ink(g, (SDL_Rect){0, 0, g->w, g->h}), id = img_ink(d, (SDL_Rect){0, 0, d->w, d->h});
	print_message("ink pixels: direct %ld, geometry %ld\n", id, ig);
	assert_true(labs(ig - id) < id / 10);
	assert_true(img_matches_ref("ink_strokes_geometry", g));
	SDL_FreeSurface(g);
	SDL_FreeSurface(d);
}

/* The direct path draws shapes; the same note as triangles, rasterised
 * the same way, must look the same (arcs differ by their chords). */
static void test_shapes_match_triangles(void **state)
{
	(void)state;
	static note_buf b;
	ink_tess_rgba pal[INK_COLOURS];
	ink_tess_mesh m = {0};
	canvas c;
	SDL_FRect into = {10, 10, 620, 380};

	known_set(&b);
	for (int i = 0; i < INK_COLOURS; i++)
		pal[i] = (ink_tess_rgba){ink_draw_palette[i].r, ink_draw_palette[i].g,
		                         ink_draw_palette[i].b, 255};
	ink_tess_xform xf = fit(&b.k, into);
	assert_true(ink_tess_note(&m, &b.k, &xf, ink_tess_pen_px(&xf), pal));
	canvas_open(&c, 640, 400, true);
	assert_true(ink_draw_mesh(c.d, &m));
	SDL_Surface *tri = canvas_close(&c), *shp = draw_known(640, 400, true, NULL);
	long bad = img_diff(tri, shp);
	int most = img_max_delta(tri, shp);
	print_message("shapes vs triangles: %ld pixels past tolerance, max delta %d\n", bad, most);
	assert_int_equal(bad, 0);
	assert_true(most <= 48);
	/* A mesh with an index out of range is refused, not read. */
	m.idx[4] = (int)m.nv;
	canvas_open(&c, 8, 8, true);
	assert_false(ink_draw_mesh(c.d, &m));
	SDL_FreeSurface(canvas_close(&c));
	ink_tess_mesh_free(&m);
	SDL_FreeSurface(tri);
	SDL_FreeSurface(shp);
}

/* Strokes fed point by point to the live canvas, committed segments
 * drawn as they become final, the pen lifted: the same picture as the
 * whole note, on both paths. `target`: through a target texture. */
static SDL_Surface *draw_live(bool direct, bool target, int chunk)
{
	static note_buf b;
	canvas c;
	SDL_FRect into = {10, 10, 620, 380};
	SDL_Texture *tex = NULL;
	ink_tess_live *lv = ink_tess_live_new();
	SDL_Color paper = DRAW_PAPER;

	known_set(&b);
	canvas_open(&c, 640, 400, direct);
	if (target) {
		tex = SDL_CreateTexture(c.r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 640, 400);
		assert_non_null(tex);
		assert_int_equal(SDL_SetRenderTarget(c.r, tex), 0);
		SDL_SetRenderDrawColor(c.r, paper.r, paper.g, paper.b, 255);
		SDL_RenderClear(c.r);
	}
	ink_tess_xform xf = fit(&b.k, into);
	for (size_t s = 0; s < b.k.nstrokes; s++) {
		const ink_stroke *st = &b.st[s];
		SDL_Color col = ink_draw_palette[st->colour];
		assert_true(ink_tess_live_begin(lv, &xf, ink_tess_pen_px(&xf),
		                                (ink_tess_rgba){col.r, col.g, col.b, col.a}));
		for (uint32_t i = 0; i < st->count; i += (uint32_t)chunk) {
			uint32_t n = st->count - i < (uint32_t)chunk ? st->count - i : (uint32_t)chunk;
			assert_true(ink_draw_segment(c.d, lv, &b.pts[st->first + i], n));
		}
		assert_true(ink_draw_end(c.d, lv));
	}
	assert_false(ink_draw_end(c.d, lv)); /* idle now */
	if (target) {
		SDL_SetRenderTarget(c.r, NULL);
		SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_NONE);
		assert_int_equal(SDL_RenderCopy(c.r, tex, NULL, NULL), 0);
		SDL_DestroyTexture(tex);
	}
	ink_tess_live_destroy(lv);
	return canvas_close(&c);
}

static void test_live_equals_whole(void **state)
{
	(void)state;
	for (int direct = 0; direct < 2; direct++) {
		SDL_Surface *whole = draw_known(640, 400, direct, NULL);
		for (int chunk = 1; chunk <= 5; chunk += 4) {
			SDL_Surface *live = draw_live(direct, false, chunk);
			int d = img_max_delta(live, whole);
			print_message("%s, %d point(s) at a time: max delta %d\n",
			              direct ? "direct" : "geometry", chunk, d);
			/* The same shapes in the same order: the same pixels. */
			assert_int_equal(d, 0);
			SDL_FreeSurface(live);
		}
		SDL_FreeSurface(whole);
	}
	/* The kiosk's way on a GPU: new segments into a target texture,
	 * copied to the screen. */
	SDL_Surface *whole = draw_known(640, 400, false, NULL), *tex = draw_live(true, true, 3);
	int d = img_max_delta(tex, whole);
	print_message("through a target texture: max delta %d\n", d);
	assert_int_equal(img_diff(tex, whole), 0);
	SDL_FreeSurface(whole);
	SDL_FreeSurface(tex);
}

/* Every pixel a live segment changed lies inside ink_draw_dirty: the
 * kiosk may upload just that rect of a CPU-side canvas. */
static void test_dirty_rect(void **state)
{
	(void)state;
	static note_buf b;
	canvas c;
	SDL_FRect into = {10, 10, 620, 380};
	ink_tess_live *lv = ink_tess_live_new();
	known_set(&b);
	ink_tess_xform xf = fit(&b.k, into);
	canvas_open(&c, 640, 400, true);
	SDL_Surface *before = img_new(640, 400);
	long checked = 0;

	for (size_t s = 0; s < b.k.nstrokes; s++) {
		const ink_stroke *st = &b.st[s];
		assert_true(ink_tess_live_begin(lv, &xf, ink_tess_pen_px(&xf), (ink_tess_rgba){0, 0, 0, 255}));
		for (uint32_t i = 0; i <= st->count; i += 7) {
			SDL_BlitSurface(c.s, NULL, before, NULL);
			uint32_t n = st->count - i < 7 ? st->count - i : 7;
			assert_true(n ? ink_draw_segment(c.d, lv, &b.pts[st->first + i], n)
			              : ink_draw_end(c.d, lv));
			SDL_Rect r = ink_draw_dirty(c.d);
			for (int y = 0; y < 400; y++)
				for (int x = 0; x < 640; x++) {
					uint32_t p = ((uint32_t *)((uint8_t *)c.s->pixels + y * c.s->pitch))[x];
					uint32_t q = ((uint32_t *)((uint8_t *)before->pixels + y * before->pitch))[x];
					if (p == q)
						continue;
					checked++;
					if (!SDL_PointInRect(&(SDL_Point){x, y}, &r))
						fail_msg("stroke %zu: pixel (%d, %d) changed outside the dirty rect "
						         "(%d, %d, %d, %d)", s, x, y, r.x, r.y, r.w, r.h);
				}
		}
		if (ink_tess_live_active(lv))
			assert_true(ink_draw_end(c.d, lv));
	}
	assert_true(checked > 1000);
	/* A call that draws nothing leaves an empty rect. */
	ink empty = {.width = 10, .height = 10};
	assert_true(ink_draw_note(c.d, &empty, into, ink_draw_palette, 2));
	assert_int_equal(ink_draw_dirty(c.d).w, 0);
	assert_int_equal(ink_draw_dirty(NULL).w, 0);
	SDL_FreeSurface(before);
	SDL_FreeSurface(canvas_close(&c));
	ink_tess_live_destroy(lv);
}

/* While the pen is down, committed segments plus the preview on top are
 * the whole stroke so far. */
static void test_preview(void **state)
{
	(void)state;
	static note_buf b;
	SDL_FRect into = {10, 10, 620, 380};
	ink_tess_live *lv = ink_tess_live_new();
	known_set(&b);
	const ink_stroke *st = &b.st[10]; /* the spiral */
	ink_tess_xform xf = fit(&b.k, into);
	float pen = ink_tess_pen_px(&xf);
	ink_tess_rgba red = {ink_draw_palette[2].r, ink_draw_palette[2].g, ink_draw_palette[2].b, 255};

	for (uint32_t upto = 1; upto <= st->count; upto += 23) {
		canvas live, whole;
		canvas_open(&live, 640, 400, true);
		canvas_open(&whole, 640, 400, true);
		assert_true(ink_tess_live_begin(lv, &xf, pen, red));
		assert_true(ink_draw_segment(live.d, lv, &b.pts[st->first], upto));
		assert_true(ink_draw_preview(live.d, lv));
		ink_stroke one = {0, upto, 2};
		ink prefix = {.width = b.k.width, .height = b.k.height, .points = &b.pts[st->first],
		              .npoints = upto, .strokes = &one, .nstrokes = 1};
		assert_true(ink_draw_note(whole.d, &prefix, into, ink_draw_palette, pen));
		SDL_Surface *a = canvas_close(&live), *w = canvas_close(&whole);
		assert_int_equal(img_max_delta(a, w), 0);
		SDL_FreeSurface(a);
		SDL_FreeSurface(w);
	}
	ink_tess_live_destroy(lv);
}

/* The darkest blue channel of s. */
static int darkest(const SDL_Surface *s)
{
	int most = 255;
	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++)
			most = SDL_min(most, (int)(((uint32_t *)((uint8_t *)s->pixels + y * s->pitch))[x] & 0xFF));
	return most;
}

/* Faded ink (alpha 128) on white: a stroke that does not turn back on
 * itself blends every pixel once, so none is darker than one blend of
 * the core (127): no seams between bands, caps and joins, neither as
 * shapes nor as triangles through our rasteriser. */
static void test_no_double_blend(void **state)
{
	(void)state;
	static note_buf b;
	SDL_Color half[INK_COLOURS];
	ink_tess_rgba thalf[INK_COLOURS];
	SDL_FRect into = {10, 10, 1240, 760};

	for (int i = 0; i < INK_COLOURS; i++) {
		half[i] = (SDL_Color){0, 0, 0, 128};
		thalf[i] = (ink_tess_rgba){0, 0, 0, 128};
	}
	known_set(&b);
	for (size_t s = 0; s < b.k.nstrokes; s++) {
		if (s == 2)
			continue; /* 竖钩 hooks back: its bands overlap inside the corner */
		ink one = b.k;
		one.strokes = &b.st[s];
		one.nstrokes = 1;
		ink_tess_xform xf = fit(&one, into);
		for (int shapes = 0; shapes < 2; shapes++) {
			canvas c;
			ink_tess_mesh m = {0};
			canvas_open(&c, 1260, 780, true);
			SDL_SetRenderDrawColor(c.r, 255, 255, 255, 255);
			SDL_RenderClear(c.r);
			if (shapes) {
				assert_true(ink_draw_note(c.d, &one, into, half, ink_tess_pen_px(&xf)));
			} else {
				assert_true(ink_tess_note(&m, &one, &xf, ink_tess_pen_px(&xf), thalf));
				assert_true(ink_draw_mesh(c.d, &m));
				ink_tess_mesh_free(&m);
			}
			SDL_Surface *surf = canvas_close(&c);
			int dark = darkest(surf);
			if (dark != 127)
				fail_msg("stroke %zu as %s: darkest %d, not one blend (127)", s,
				         shapes ? "shapes" : "triangles", dark);
			SDL_FreeSurface(surf);
		}
	}
	/* And the check can fail: the hook's inside corner is blended twice. */
	ink hook = b.k;
	hook.strokes = &b.st[2];
	hook.nstrokes = 1;
	canvas c;
	canvas_open(&c, 1260, 780, true);
	SDL_SetRenderDrawColor(c.r, 255, 255, 255, 255);
	SDL_RenderClear(c.r);
	ink_tess_xform xf = fit(&hook, into);
	assert_true(ink_draw_note(c.d, &hook, into, half, ink_tess_pen_px(&xf)));
	SDL_Surface *surf = canvas_close(&c);
	assert_true(darkest(surf) < 127);
	SDL_FreeSurface(surf);
}

/* The direct path honours the viewport (origin) and the clip rect. */
static void test_viewport_clip(void **state)
{
	(void)state;
	static note_buf b;
	SDL_FRect into = {0, 0, 320, 200};
	known_set(&b);
	ink_tess_xform xf = fit(&b.k, into);
	float pen = ink_tess_pen_px(&xf);
	for (int direct = 0; direct < 2; direct++) {
		canvas plain, moved;
		canvas_open(&plain, 400, 300, direct);
		canvas_open(&moved, 400, 300, direct);
		assert_true(ink_draw_note(plain.d, &b.k, into, ink_draw_palette, pen));
		SDL_RenderSetViewport(moved.r, &(SDL_Rect){40, 60, 320, 200});
		SDL_RenderSetClipRect(moved.r, &(SDL_Rect){0, 0, 160, 200});
		assert_true(ink_draw_note(moved.d, &b.k, into, ink_draw_palette, pen));
		SDL_Surface *p = canvas_close(&plain), *m = canvas_close(&moved);
		/* Left half: the plain picture moved by (40, 60); right half and
		 * outside the viewport: paper. */
		SDL_Surface *left = img_new(160, 200), *want = img_new(160, 200);
		SDL_BlitSurface(m, &(SDL_Rect){40, 60, 160, 200}, left, NULL);
		SDL_BlitSurface(p, &(SDL_Rect){0, 0, 160, 200}, want, NULL);
		int d = img_max_delta(left, want);
		print_message("%s: viewport shift max delta %d\n", direct ? "direct" : "geometry", d);
		assert_true(direct ? d == 0 : img_diff(left, want) < 50);
		assert_true(img_ink(p, (SDL_Rect){160, 0, 160, 200}) > 100);
		assert_int_equal(img_ink(m, (SDL_Rect){200, 0, 200, 300}), 0);
		assert_int_equal(img_ink(m, (SDL_Rect){0, 0, 40, 300}), 0);
		SDL_FreeSurface(left);
		SDL_FreeSurface(want);
		SDL_FreeSurface(p);
		SDL_FreeSurface(m);
	}
}

/* A page of writing big enough for two threads: 60 wandering strokes of
 * 50 points in all four inks, from a fixed seed. */
static void scribble_set(note_buf *b)
{
	uint32_t r = 12345;
	memset(b, 0, sizeof *b);
	b->k = (ink){.width = CANVAS_W, .height = CANVAS_H, .points = b->pts, .strokes = b->st};
	for (int s = 0; s < 60; s++) {
		double x = 200 + (s % 10) * 380, y = 200 + (s / 10) * 380, a = s * 0.7, bend = 0;
		b->st[b->k.nstrokes++] = (ink_stroke){(uint32_t)b->k.npoints, 50, (uint8_t)(s % 4)};
		for (int i = 0; i < 50; i++) {
			r = r * 1103515245u + 12345u;
			bend = 0.8 * bend + ((double)((r >> 8) & 0xFFFF) / 65536.0 - 0.5) * 0.5;
			a += bend;
			x = fmin(fmax(x + STEP * cos(a), 0), CANVAS_W - 1);
			y = fmin(fmax(y + STEP * sin(a), 0), CANVAS_H - 1);
			b->pts[b->k.npoints++] = (ink_point){(uint16_t)x, (uint16_t)y};
		}
	}
}

/* Big notes are drawn by two threads, each tessellating half the strokes
 * and drawing half the rows: exactly the one-thread picture, with a
 * viewport and clip as without, and inside the dirty rect. */
static void test_two_threads(void **state)
{
	(void)state;
	static note_buf b;
	SDL_Color paper = DRAW_PAPER;
	scribble_set(&b);
	assert_true(b.k.npoints >= 1000);
	for (int clipped = 0; clipped < 2; clipped++) {
		SDL_FRect into = {5, 5, 630, 390};
		ink_tess_xform xf = fit(&b.k, into);
		canvas one, two;
		canvas_open(&one, 640, 400, true);
		canvas_open(&two, 640, 400, true);
		ink_draw_set_split(one.d, false);
		for (int i = 0; clipped && i < 2; i++) {
			canvas *c = i ? &two : &one;
			SDL_RenderSetViewport(c->r, &(SDL_Rect){20, 30, 600, 340});
			SDL_RenderSetClipRect(c->r, &(SDL_Rect){50, 40, 400, 250});
		}
		assert_true(ink_draw_note(one.d, &b.k, into, ink_draw_palette, ink_tess_pen_px(&xf)));
		assert_true(ink_draw_note(two.d, &b.k, into, ink_draw_palette, ink_tess_pen_px(&xf)));
		SDL_Rect dirty = ink_draw_dirty(two.d), dirty1 = ink_draw_dirty(one.d);
		assert_true(SDL_RectEquals(&dirty, &dirty1));
		SDL_Surface *s1 = canvas_close(&one), *s2 = canvas_close(&two);
		int d = img_max_delta(s1, s2);
		long inked = img_ink(s2, (SDL_Rect){0, 0, 640, 400});
		print_message("%s: two threads vs one: max delta %d, %ld ink pixels\n",
		              clipped ? "clipped" : "whole", d, inked);
		assert_int_equal(d, 0);
		assert_true(inked > (clipped ? 5000 : 15000));
		if (clipped) { /* nothing outside the clip (viewport + clip origin) */
			assert_int_equal(img_ink(s2, (SDL_Rect){0, 0, 640, 70}), 0);
			assert_int_equal(img_ink(s2, (SDL_Rect){0, 320, 640, 80}), 0);
			assert_int_equal(img_ink(s2, (SDL_Rect){0, 0, 70, 400}), 0);
			assert_int_equal(img_ink(s2, (SDL_Rect){470, 0, 170, 400}), 0);
		} else { /* every pixel off the paper lies inside the dirty rect */
			uint32_t pp = SDL_MapRGB(s2->format, paper.r, paper.g, paper.b);
			for (int y = 0; y < s2->h; y++)
				for (int x = 0; x < s2->w; x++) {
					uint32_t px = ((uint32_t *)((uint8_t *)s2->pixels + y * s2->pitch))[x];
					if ((px | 0xFF000000u) != (pp | 0xFF000000u))
						assert_true(SDL_PointInRect(&(SDL_Point){x, y}, &dirty));
				}
		}
		SDL_FreeSurface(s1);
		SDL_FreeSurface(s2);
	}
	/* A bad pen on the two-thread path: refused, nothing drawn. */
	canvas c;
	canvas_open(&c, 320, 200, true);
	assert_false(ink_draw_note(c.d, &b.k, (SDL_FRect){0, 0, 320, 200}, ink_draw_palette, -1.0f));
	assert_false(ink_draw_note(c.d, &b.k, (SDL_FRect){0, 0, 320, 200}, ink_draw_palette, NAN));
	SDL_Rect none = ink_draw_dirty(c.d);
	assert_true(none.w == 0 && none.h == 0);
	SDL_Surface *blank = canvas_close(&c);
	assert_int_equal(img_ink(blank, (SDL_Rect){0, 0, 320, 200}), 0);
	SDL_FreeSurface(blank);
}

static void test_card(void **state)
{
	(void)state;
	static note_buf b;
	char err[256] = "", path[512];
	known_set(&b);

	SDL_Surface *s = ink_card_surface(&b.k, 800, 16, err, sizeof err);
	assert_non_null(s);
	save_look("ink_card", s);
	/* Cut to the ink's bounds (800 px for 4096 units) plus the pen's reach,
	 * then the padding. */
	int x0 = 65535, x1 = 0, y0 = 65535, y1 = 0;
	for (size_t i = 0; i < b.k.npoints; i++) {
		x0 = SDL_min(x0, b.pts[i].x), x1 = SDL_max(x1, b.pts[i].x);
		y0 = SDL_min(y0, b.pts[i].y), y1 = SDL_max(y1, b.pts[i].y);
	}
	float scale = 800.0f / 4096, reach = (ink_tess_pen_px(&(ink_tess_xform){scale, 0, 0}) + 1) / 2;
	assert_int_equal(s->w, (int)ceilf((float)(x1 - x0) * scale + 2 * reach) + 32);
	assert_int_equal(s->h, (int)ceilf((float)(y1 - y0) * scale + 2 * reach) + 32);
	assert_true(img_ink(s, (SDL_Rect){0, 0, s->w, 14}) == 0);           /* paper margin */
	assert_true(img_ink(s, (SDL_Rect){0, s->h - 14, s->w, 14}) == 0);
	assert_true(img_ink(s, (SDL_Rect){0, 0, 14, s->h}) == 0);
	assert_true(img_ink(s, (SDL_Rect){16, 0, 10, s->h}) > 0);           /* ink right after it */
	assert_true(img_matches_ref("ink_card", s));

	snprintf(path, sizeof path, "ink_card_test_%d.png", (int)getpid());
	assert_true(ink_card_png(&b.k, 800, 16, path, err, sizeof err));
	SDL_Surface *back = IMG_Load(path);
	assert_non_null(back);
	assert_int_equal(back->w, s->w);
	assert_int_equal(back->h, s->h);
	SDL_FreeSurface(back);
	unlink(path);
	SDL_FreeSurface(s);

	/* No points: a blank card. Bad arguments: a message, no card. */
	ink empty = {.width = 100, .height = 100};
	s = ink_card_surface(&empty, 800, 10, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(s->w, 20);
	assert_int_equal(img_ink(s, (SDL_Rect){0, 0, s->w, s->h}), 0);
	SDL_FreeSurface(s);
	assert_null(ink_card_surface(NULL, 800, 10, err, sizeof err));
	assert_true(strlen(err) > 0);
	assert_null(ink_card_surface(&b.k, NAN, 10, err, sizeof err));
	assert_null(ink_card_surface(&b.k, 1e7f, 10, err, sizeof err)); /* far too large */
	assert_null(ink_card_surface(&b.k, 800, -1, NULL, 0));
	assert_false(ink_card_png(&b.k, 800, 16, NULL, err, sizeof err));
	assert_false(ink_card_png(&b.k, 800, 16, "/nonexistent-dir/x.png", err, sizeof err));
}

/* The pens are storage's palette (what colour indices mean) and all read
 * on the paper: WCAG contrast at least 4.5. */
static double lum(int r, int g, int b)
{
	double c[3] = {r / 255.0, g / 255.0, b / 255.0};
	for (int i = 0; i < 3; i++)
		c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow((c[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static void test_palette(void **state)
{
	(void)state;
	SDL_Color paper = DRAW_PAPER;
	double lp = lum(paper.r, paper.g, paper.b);
	for (int i = 0; i < INK_COLOURS; i++) {
		SDL_Color c = ink_draw_palette[i];
		assert_int_equal((uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b, ink_palette[i]);
		assert_int_equal(c.a, 255);
		double contrast = (lp + 0.05) / (lum(c.r, c.g, c.b) + 0.05);
		print_message("pen %d: contrast %.1f on paper\n", i, contrast);
		assert_true(contrast >= 4.5);
	}
}

static void test_bad_arguments(void **state)
{
	(void)state;
	static note_buf b;
	canvas c;
	known_set(&b);
	assert_null(ink_draw_new(NULL));
	ink_draw_destroy(NULL);
	canvas_open(&c, 16, 16, true);
	SDL_Surface *rgb565 = SDL_CreateRGBSurfaceWithFormat(0, 4, 4, 16, SDL_PIXELFORMAT_RGB565);
	assert_false(ink_draw_set_surface(c.d, rgb565));
	assert_true(ink_draw_set_surface(c.d, NULL));
	assert_false(ink_draw_note(NULL, &b.k, (SDL_FRect){0, 0, 8, 8}, ink_draw_palette, 2));
	assert_false(ink_draw_note(c.d, NULL, (SDL_FRect){0, 0, 8, 8}, ink_draw_palette, 2));
	assert_false(ink_draw_note(c.d, &b.k, (SDL_FRect){0, 0, 8, 8}, NULL, 2));
	assert_false(ink_draw_note(c.d, &b.k, (SDL_FRect){0, 0, 8, 8}, ink_draw_palette, NAN));
	assert_false(ink_draw_mesh(c.d, NULL));
	assert_false(ink_draw_segment(c.d, NULL, b.pts, 1));
	assert_false(ink_draw_preview(c.d, NULL));
	ink empty = {.width = 10, .height = 10};
	assert_true(ink_draw_note(c.d, &empty, (SDL_FRect){0, 0, 8, 8}, ink_draw_palette, 2));
	SDL_FreeSurface(rgb565);
	SDL_FreeSurface(canvas_close(&c));
}

static int teardown(void **state)
{
	(void)state;
	IMG_Quit();
	SDL_Quit();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_direct),  cmocka_unit_test(test_reference_geometry),
		cmocka_unit_test(test_shapes_match_triangles), cmocka_unit_test(test_live_equals_whole),
		cmocka_unit_test(test_preview),           cmocka_unit_test(test_dirty_rect),
		cmocka_unit_test(test_no_double_blend),
		cmocka_unit_test(test_viewport_clip),     cmocka_unit_test(test_two_threads),
		cmocka_unit_test(test_card),
		cmocka_unit_test(test_palette),           cmocka_unit_test(test_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}

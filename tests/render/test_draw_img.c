/* test_draw_img.c — surfaces for the drawing tests: render, compare with a
 * reference PNG, save a side-by-side picture on mismatch. */
#include "test_draw_img.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL_image.h>

#ifndef DRAW_REF_DIR
#define DRAW_REF_DIR "tests/render/ref"
#endif

/* A channel may differ this much before the pixel counts as different
 * (antialiasing differs slightly between FreeType builds). */
#define CHANNEL_TOLERANCE 64

SDL_Surface *img_new(int w, int h)
{
	return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
}

const char *img_path_name(img_path p)
{
	return p == IMG_DIRECT ? "direct" : "geometry";
}

atlas *img_atlas(fontchain *fc, SDL_Surface *s, size_t budget, img_path p, SDL_Renderer **r)
{
	atlas *a;

	if (!s || !(*r = SDL_CreateSoftwareRenderer(s)))
		return NULL;
	if (!(a = atlas_new(*r, fc, budget)) || (p == IMG_DIRECT && !atlas_set_target(a, s))) {
		atlas_destroy(a);
		SDL_DestroyRenderer(*r);
		*r = NULL;
		return NULL;
	}
	return a;
}

SDL_Surface *img_draw(fontchain *fc, const layout *l, float size, int pad, size_t budget,
                      img_path p, atlas_counts *counts)
{
	SDL_Surface *s = img_new((int)SDL_ceilf(l->width) + 2 * pad, (int)SDL_ceilf(l->height) + 2 * pad);
	SDL_Renderer *r = NULL;
	atlas *a = img_atlas(fc, s, budget, p, &r);
	SDL_Color paper = DRAW_PAPER;
	bool ok = a != NULL;

	if (ok) {
		SDL_SetRenderDrawColor(r, paper.r, paper.g, paper.b, 255);
		SDL_RenderClear(r);
		ok = draw_layout(a, l, size, (float)pad, (float)pad, DRAW_INK);
		SDL_RenderFlush(r);
		if (counts)
			atlas_stats(a, counts);
	}
	atlas_destroy(a);
	if (r)
		SDL_DestroyRenderer(r);
	if (!ok) {
		SDL_FreeSurface(s);
		return NULL;
	}
	return s;
}

static uint32_t px(const SDL_Surface *s, int x, int y)
{
	return ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
}

long img_diff(const SDL_Surface *a, const SDL_Surface *b)
{
	long bad = 0;
	if (a->w != b->w || a->h != b->h)
		return -1;
	for (int y = 0; y < a->h; y++)
		for (int x = 0; x < a->w; x++) {
			uint32_t p = px(a, x, y), q = px(b, x, y);
			for (int sh = 0; sh < 32; sh += 8) {
				int d = (int)((p >> sh) & 0xFF) - (int)((q >> sh) & 0xFF);
				if (d > CHANNEL_TOLERANCE || d < -CHANNEL_TOLERANCE) {
					bad++;
					break;
				}
			}
		}
	return bad;
}

int img_max_delta(const SDL_Surface *a, const SDL_Surface *b)
{
	int most = 0;
	if (a->w != b->w || a->h != b->h)
		return -1;
	for (int y = 0; y < a->h; y++)
		for (int x = 0; x < a->w; x++) {
			uint32_t p = px(a, x, y), q = px(b, x, y);
			for (int sh = 0; sh < 32; sh += 8)
				most = SDL_max(most, abs((int)((p >> sh) & 0xFF) - (int)((q >> sh) & 0xFF)));
		}
	return most;
}

long img_ink(const SDL_Surface *s, SDL_Rect r)
{
	SDL_Color paper = DRAW_PAPER;
	long n = 0;
	for (int y = SDL_max(r.y, 0); y < SDL_min(r.y + r.h, s->h); y++)
		for (int x = SDL_max(r.x, 0); x < SDL_min(r.x + r.w, s->w); x++) {
			uint32_t p = px(s, x, y);
			if ((int)((p >> 16) & 0xFF) < paper.r - 80)
				n++;
		}
	return n;
}

static void save_side_by_side(const char *name, SDL_Surface *actual, SDL_Surface *expected)
{
	char path[512], cwd[400];
	int w = actual->w + (expected ? expected->w + 4 : 0);
	int h = SDL_max(actual->h, expected ? expected->h : 0);
	SDL_Surface *both = img_new(w, h);

	if (!both)
		return;
	SDL_FillRect(both, NULL, 0xFFFF00FFu); /* magenta gutter and margins */
	SDL_BlitSurface(actual, NULL, both, &(SDL_Rect){0, 0, actual->w, actual->h});
	if (expected)
		SDL_BlitSurface(expected, NULL, both,
		                &(SDL_Rect){actual->w + 4, 0, expected->w, expected->h});
	snprintf(path, sizeof path, "%s/draw_%s_mismatch.png", getcwd(cwd, sizeof cwd) ? cwd : ".",
	         name);
	if (draw_surface_png(both, path))
		fprintf(stderr, "draw %s: actual (left) and expected (right) saved to %s\n", name, path);
	SDL_FreeSurface(both);
}

bool img_matches_ref(const char *name, SDL_Surface *actual)
{
	char path[512];
	const char *write_dir = getenv("TH_DRAW_WRITE_REFS");
	SDL_Surface *loaded, *ref;
	long bad, allowed = (long)actual->w * actual->h / 200 + 4;

	if (write_dir && *write_dir) {
		snprintf(path, sizeof path, "%s/%s.png", write_dir, name);
		fprintf(stderr, "draw %s: writing %s\n", name, path);
		return draw_surface_png(actual, path);
	}
	snprintf(path, sizeof path, "%s/%s.png", DRAW_REF_DIR, name);
	if (!(loaded = IMG_Load(path))) {
		fprintf(stderr, "draw %s: cannot load reference %s: %s\n", name, path, SDL_GetError());
		save_side_by_side(name, actual, NULL);
		return false;
	}
	ref = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(loaded);
	if (!ref)
		return false;
	bad = img_diff(actual, ref);
	if (bad < 0 || bad > allowed) {
		fprintf(stderr, "draw %s: %ld of %d pixels differ (allowed %ld; size %dx%d vs %dx%d)\n",
		        name, bad, actual->w * actual->h, allowed, actual->w, actual->h, ref->w, ref->h);
		save_side_by_side(name, actual, ref);
	}
	SDL_FreeSurface(ref);
	return bad >= 0 && bad <= allowed;
}

double img_colourful(const SDL_Surface *s, SDL_Rect r)
{
	long n = 0, all = 0;
	for (int y = SDL_max(r.y, 0); y < SDL_min(r.y + r.h, s->h); y++)
		for (int x = SDL_max(r.x, 0); x < SDL_min(r.x + r.w, s->w); x++) {
			uint32_t p = px(s, x, y);
			int c[3] = {(int)(p >> 16) & 0xFF, (int)(p >> 8) & 0xFF, (int)p & 0xFF};
			int hi = SDL_max(c[0], SDL_max(c[1], c[2])), lo = SDL_min(c[0], SDL_min(c[1], c[2]));
			n += hi - lo > 48;
			all++;
		}
	return all ? (double)n / (double)all : 0;
}

SDL_Surface *img_rotate_cw(const SDL_Surface *s)
{
	SDL_Surface *t = img_new(s->h, s->w);
	if (!t)
		return NULL;
	for (int y = 0; y < t->h; y++)
		for (int x = 0; x < t->w; x++)
			((uint32_t *)((uint8_t *)t->pixels + (size_t)y * (size_t)t->pitch))[x] =
				px(s, y, s->h - 1 - x);
	return t;
}

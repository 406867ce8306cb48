/* bench_frame.c — figures 7 and 8: a feed frame drawn from the glyph atlas,
 * and the atlas's memory while a 500-note feed rotates.
 *
 * Both draw with the software renderer on an own 1920x1200 ARGB8888
 * surface, as the kiosk's reference images do: no SDL_Init, no display, so
 * the smoke test runs in CI. The atlas knows that surface
 * (atlas_set_target), so glyphs are blended straight into it; every frame
 * still draws every glyph of every paragraph from the atlas. The baseline
 * is the common SDL_ttf way: render each paragraph to a surface with
 * TTF_RenderUTF8_Blended_Wrapped, upload it as a texture, copy it, destroy
 * both — every frame — with the same font file (LXGW WenKai, the chain's
 * primary face), size and wrap width. */
#include "bench.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "atlas.h"
#include "draw.h"
#include "fontchain.h"
#include "layout.h"
#include "layout_cache.h"

#define FRAME_W 1920
#define FRAME_H 1200
#define FRAME_MARGIN 60
#define FRAME_SIZE 28                         /* px: ~64 characters a line */
#define FRAME_WRAP (FRAME_W - 2 * FRAME_MARGIN)
#define FRAME_GAP 16                          /* px between paragraphs */
#define FRAME_PARAS 10
#define FRAME_WARM 5                          /* untimed frames: the atlas rasterises */
#define ATLAS_BUDGET (32u << 20)              /* the kiosk's default atlas budget */
/* Figure 8 draws each note as the kiosk's feed card does: the whole note
 * at the kiosk's text size (5.5 mm; 48 px on a 10-inch 1920x1200 tablet). */
#define CARD_SIZE 48
#define TTF_SAMPLE 60                         /* baseline notes rendered, then scaled */

/* What both figures draw with: one chain, one surface, one renderer, one
 * atlas (ours) and the same face opened by SDL_ttf (the baseline). */
typedef struct frame_env {
	fontchain *fc;
	SDL_Surface *surf;
	SDL_Renderer *r;
	atlas *at;
	layout_cache *cache;
	TTF_Font *font;
	bool ttf_up;
} frame_env;

static void env_close(frame_env *e)
{
	if (e->font)
		TTF_CloseFont(e->font);
	if (e->ttf_up)
		TTF_Quit();
	layout_cache_destroy(e->cache);
	atlas_destroy(e->at);
	if (e->r)
		SDL_DestroyRenderer(e->r);
	SDL_FreeSurface(e->surf);
	fontchain_close(e->fc);
	memset(e, 0, sizeof *e);
}

/* Opens everything; prints why on failure (never note text). */
static bool env_open(frame_env *e, size_t cache_entries, int ttf_size)
{
	char msg[256];

	memset(e, 0, sizeof *e);
	if (fontchain_open_default(&e->fc, msg, sizeof msg) != FONTCHAIN_OK) {
		fprintf(stderr, "treehole-bench: fonts: %s\n", msg);
		return false;
	}
	if (!(e->surf = SDL_CreateRGBSurfaceWithFormat(0, FRAME_W, FRAME_H, 32, SDL_PIXELFORMAT_ARGB8888)) ||
	    !(e->r = SDL_CreateSoftwareRenderer(e->surf)) ||
	    !(e->at = atlas_new(e->r, e->fc, ATLAS_BUDGET)) || !atlas_set_target(e->at, e->surf) ||
	    !(e->cache = layout_cache_new(e->fc, cache_entries)))
		goto err_sdl;
	if (TTF_Init() != 0)
		goto err_sdl;
	e->ttf_up = true;
	if (!(e->font = TTF_OpenFont(fontchain_path(e->fc, 0), ttf_size)))
		goto err_sdl;
	return true;
err_sdl:
	fprintf(stderr, "treehole-bench: frame setup: %s\n", SDL_GetError());
	env_close(e);
	return false;
}

/* Bytes of the first `chars` code points of s (stops at the NUL). */
static size_t utf8_cut(const char *s, size_t chars)
{
	size_t i = 0;
	for (size_t n = 0; s[i] && n < chars; n++) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* Paragraph k of the feed screen: 60-120 characters of note k. */
static void feed_paragraph(size_t k, char *buf)
{
	size_t len = bench_note_text(k, buf);
	size_t cut = utf8_cut(buf, 60 + (k * 23) % 61);
	if (cut < len)
		buf[cut] = '\0';
}

static void clear(SDL_Renderer *r)
{
	SDL_Color paper = DRAW_PAPER;
	SDL_SetRenderDrawColor(r, paper.r, paper.g, paper.b, paper.a);
	SDL_RenderClear(r);
}

/* One frame our way: the layouts from the cache (hits after the first
 * frame), the glyphs from the atlas. OUT: *glyphs, how many were drawn. */
static bool frame_ours(frame_env *e, char (*paras)[BENCH_NOTE_MAX_BYTES], size_t *glyphs)
{
	layout_params p = {.size_px = FRAME_SIZE, .max_extent = FRAME_WRAP};
	float y = FRAME_MARGIN;

	*glyphs = 0;
	clear(e->r);
	for (size_t i = 0; i < FRAME_PARAS; i++) {
		const layout *l = layout_cache_get(e->cache, paras[i], strlen(paras[i]), &p);
		if (!l || !draw_layout(e->at, l, FRAME_SIZE, FRAME_MARGIN, y, DRAW_INK))
			return false;
		y += l->height + FRAME_GAP;
		*glyphs += l->nglyphs;
	}
	return SDL_RenderFlush(e->r) == 0;
}

/* One paragraph the SDL_ttf way. OUT: *h, its height in px. */
static bool ttf_paragraph(frame_env *e, const char *text, int y, int *h)
{
	SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(e->font, text, DRAW_INK, FRAME_WRAP);
	SDL_Texture *t = s ? SDL_CreateTextureFromSurface(e->r, s) : NULL;
	bool ok = t != NULL;

	if (ok) {
		SDL_Rect dst = {FRAME_MARGIN, y, s->w, s->h};
		ok = SDL_RenderCopy(e->r, t, NULL, &dst) == 0;
		*h = s->h;
		SDL_DestroyTexture(t);
	}
	SDL_FreeSurface(s);
	return ok;
}

static bool frame_ttf(frame_env *e, char (*paras)[BENCH_NOTE_MAX_BYTES])
{
	int y = FRAME_MARGIN, h = 0;

	clear(e->r);
	for (size_t i = 0; i < FRAME_PARAS; i++) {
		if (!ttf_paragraph(e, paras[i], y, &h))
			return false;
		y += h + FRAME_GAP;
	}
	return SDL_RenderFlush(e->r) == 0;
}

/* Times ours and the baseline frame by frame, interleaved. */
/* CPU time of this thread, s: a frame's own work, without the time other
 * processes of a shared machine held the CPU. */
static double thread_cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool time_frames(frame_env *e, char (*paras)[BENCH_NOTE_MAX_BYTES], size_t reps,
                        timing_samples *ours, timing_samples *base, timing_samples *ours_cpu,
                        size_t *glyphs)
{
	for (size_t k = 0; k < reps + FRAME_WARM && !bench_stop; k++) {
		double c0 = thread_cpu_now(), t0 = timing_now();
		if (!frame_ours(e, paras, glyphs))
			return false;
		double t1 = timing_now(), c1 = thread_cpu_now();
		if (!frame_ttf(e, paras))
			return false;
		double t2 = timing_now();
		if (k >= FRAME_WARM && (!timing_add(ours, t1 - t0) || !timing_add(base, t2 - t1) ||
		                        !timing_add(ours_cpu, c1 - c0)))
			return false;
	}
	return true;
}

bool bench_frame(const bench_config *c)
{
	char (*paras)[BENCH_NOTE_MAX_BYTES] = calloc(FRAME_PARAS, sizeof *paras);
	timing_samples ours = {0}, base = {0}, cpu = {0};
	size_t glyphs = 0;
	frame_env e;
	bool ok = false;

	bench_progress("figure 7: feed frame %dx%d, %d paragraphs, atlas vs SDL_ttf per frame",
	               FRAME_W, FRAME_H, FRAME_PARAS);
	if (!paras || !env_open(&e, 2 * FRAME_PARAS, FRAME_SIZE)) {
		free(paras);
		return false;
	}
	for (size_t i = 0; i < FRAME_PARAS; i++)
		feed_paragraph(i, paras[i]);
	if (!time_frames(&e, paras, c->frame_reps, &ours, &base, &cpu, &glyphs)) {
		fprintf(stderr, "treehole-bench: frame: %s\n", SDL_GetError());
		goto out;
	}
	double o50 = timing_percentile(&ours, 50), b50 = timing_percentile(&base, 50);
	double o99 = timing_percentile(&ours, 99), b99 = timing_percentile(&base, 99);
	bench_row("7 feed frame 1920x1200, p50", BENCH_TIME, o50, b50);
	bench_row("7 feed frame 1920x1200, p99", BENCH_TIME, o99, b99);
	bench_goal_max("frame p50 ours/baseline", b50 > 0 ? o50 / b50 : 1, 0.05);
	bench_goal_max("frame p99 in ms", o99 * 1000, 4);
	bench_line("software renderer, glyphs blended into its surface: %d paragraphs, %zu glyphs at "
	           "%d px, wrap %d px", FRAME_PARAS, glyphs, FRAME_SIZE, FRAME_WRAP);
	bench_line("baseline: TTF_RenderUTF8_Blended_Wrapped + a texture per paragraph per frame");
	bench_line("ours in thread CPU time (no preemption by other processes): p50 %.2f ms, p99 "
	           "%.2f ms", timing_percentile(&cpu, 50) * 1000, timing_percentile(&cpu, 99) * 1000);
	ok = true;
out:
	timing_free(&ours);
	timing_free(&base);
	timing_free(&cpu);
	env_close(&e);
	free(paras);
	return ok;
}

/* What figure 8 watches: the atlas at its fullest during the second pass
 * of the rotation (steady state), and what that pass cost. */
typedef struct rotation {
	size_t max_bytes;
	atlas_counts start, end;  /* counters at the start and end of pass 2 */
	size_t max_pages, max_glyphs;
} rotation;

/* Ours: each note drawn in turn on a fresh frame as the feed card shows
 * it, `passes` times round; the last pass is watched. */
static bool rotate_feed(frame_env *e, size_t notes, size_t passes, char *buf, rotation *rot)
{
	layout_params p = {.size_px = CARD_SIZE, .max_extent = FRAME_WRAP};
	atlas_counts now;

	for (size_t pass = 0; pass < passes; pass++) {
		if (pass + 1 == passes)
			atlas_stats(e->at, &rot->start);
		for (size_t k = 0; k < notes && !bench_stop; k++) {
			size_t len = bench_note_text(k, buf);
			const layout *l = layout_cache_get(e->cache, buf, len, &p);
			clear(e->r);
			if (!l || !draw_layout(e->at, l, CARD_SIZE, FRAME_MARGIN, FRAME_MARGIN, DRAW_INK) ||
			    SDL_RenderFlush(e->r) != 0)
				return false;
			if (pass + 1 < passes)
				continue;
			atlas_stats(e->at, &now);
			rot->max_bytes = SDL_max(rot->max_bytes, atlas_bytes(e->at));
			rot->max_pages = SDL_max(rot->max_pages, now.pages);
			rot->max_glyphs = SDL_max(rot->max_glyphs, now.glyphs);
		}
	}
	atlas_stats(e->at, &rot->end);
	return !bench_stop;
}

/* Baseline: what per-note SDL_ttf textures would hold if cached: the
 * first TTF_SAMPLE notes rendered at the card size, scaled to `notes`
 * (the notes are alike; rendering all 500 takes ~25 s). */
static bool ttf_bytes(frame_env *e, size_t notes, char *buf, double *bytes)
{
	size_t n = SDL_min(notes, (size_t)TTF_SAMPLE);
	*bytes = 0;
	for (size_t k = 0; k < n && !bench_stop; k++) {
		bench_note_text(k, buf);
		SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(e->font, buf, DRAW_INK, FRAME_WRAP);
		if (!s)
			return false;
		*bytes += (double)s->w * s->h * 4;
		SDL_FreeSurface(s);
	}
	*bytes *= (double)notes / (double)(n ? n : 1);
	return !bench_stop;
}

static void report_rotation(const bench_config *c, const rotation *rot, double base)
{
	double mb = (double)rot->max_bytes / (1 << 20);
	unsigned long evicted = rot->end.evictions - rot->start.evictions;
	unsigned long raster = rot->end.rasterised - rot->start.rasterised;

	bench_line("8 atlas memory, %zu-note feed at %d px, steady state (2nd pass): %.1f MB vs %.0f MB "
	           "of cached SDL_ttf textures", c->atlas_notes, CARD_SIZE, mb, base / (1 << 20));
	bench_line("  %zu pages, up to %zu glyphs (budget %u MB: pages, table, raster buffer); ratio "
	           "%.3f", rot->max_pages, rot->max_glyphs, ATLAS_BUDGET >> 20,
	           base > 0 ? (double)rot->max_bytes / base : 0);
	bench_line("  2nd pass: %lu page evictions, %lu glyphs rasterised again (%.1f a note); in all "
	           "%lu rasterised, %lu evictions", evicted, raster,
	           c->atlas_notes ? (double)raster / (double)c->atlas_notes : 0, rot->end.rasterised,
	           rot->end.evictions);
	bench_line("  sample text: GB2312 level 1 (3,755 characters), Zipf-ranked, as bench/common.c");
	bench_goal_max("atlas MB", mb, 32);
}

bool bench_atlas_memory(const bench_config *c)
{
	char *buf = malloc(BENCH_NOTE_MAX_BYTES);
	double base = 0;
	rotation rot = {0};
	frame_env e;
	bool ok = false;

	bench_progress("figure 8: atlas memory while a %zu-note feed rotates twice", c->atlas_notes);
	/* A kiosk-sized layout cache: the rotation misses it, as a long feed would. */
	if (!buf || !env_open(&e, 64, CARD_SIZE)) {
		free(buf);
		return false;
	}
	if (!rotate_feed(&e, c->atlas_notes, 2, buf, &rot) ||
	    !ttf_bytes(&e, c->atlas_notes, buf, &base)) {
		fprintf(stderr, "treehole-bench: atlas memory: %s\n",
		        bench_stop ? "interrupted" : SDL_GetError());
		goto out;
	}
	report_rotation(c, &rot, base);
	ok = true;
out:
	env_close(&e);
	free(buf);
	return ok;
}

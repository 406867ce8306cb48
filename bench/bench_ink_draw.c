/* bench_ink_draw.c — figures "ink frame" and "ink note": drawing ink.
 *
 * Both draw with the software renderer on an own 1280x800 ARGB8888
 * surface (no SDL_Init, no display), as bench_frame.c does.
 *
 * ink frame: the live canvas while someone writes, with 100 and with
 * 10,000 segments already on it. Ours draws only the segments each new
 * point makes final into a persistent target texture, copies the texture
 * to the screen and draws the provisional tail on top; the baseline
 * clears the screen and redraws every stroke each frame (with our fast
 * rasteriser, so it is the cost of the approach, not of a slow drawer).
 * The goal: ours at 10,000 segments costs at most 1.5x ours at 100.
 *
 * ink note: a 5,000-point note decoded (ink_decode), tessellated and
 * drawn into the kiosk's largest card (Browse), straight into the surface,
 * on two threads as the drawer does for big notes (and, beside it, on
 * one); the feed's card and the compose page beside it.
 * The baseline draws the same note's triangles with SDL_RenderGeometry on
 * the same software renderer (what any renderer without our rasteriser
 * would do). The goal: at most 1 ms. Beside it, the CPU's part of the
 * same note on a GPU renderer (bench_ink_gles.c: SDL's offscreen video
 * driver, the only place the bench initialises video).
 *
 * The handwriting is generated (deterministic): characters in ~100 px
 * cells, 4-10 strokes each of the basic kinds with some curvature and
 * now and then a corner, a point every INK_RESAMPLE_STEP grid units as
 * the kiosk's builder keeps them. */
#include "bench.h"
#include "timing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "draw.h"
#include "ink.h"
#include "ink_draw.h"

#define SCREEN_W 1280
#define SCREEN_H 800
/* The kiosk's compose page at 1280x800 is 1221x546 px (measured in the
 * kiosk); notes written on it are 4096 x 1832 grid units (INK_GRID on the
 * longer side, the other in proportion). */
#define CANVAS_GW 4096
#define CANVAS_GH 1832
#define CELL 330                   /* grid units a character takes, ~100 px */
#define LIVE_POINTS 60             /* the pen lifts after this many points */
#define FRAME_WARM 5
#define NOTE_POINTS 5000
#define FEW_SEGMENTS 100
#define MANY_SEGMENTS 10000

/* ---- generated handwriting ---- */

typedef struct scribe {
	uint32_t rng;
	int cell;                      /* the character being written */
	int strokes_left;
} scribe;

static float rnd(scribe *w)
{
	w->rng = w->rng * 1103515245u + 12345u;
	return (float)((w->rng >> 8) & 0xFFFF) / 65536.0f;
}

/* Appends one stroke of up to `room` points at pts[*n]; returns its count. */
static uint32_t write_stroke(scribe *w, ink_point *pts, size_t room)
{
	int cols = CANVAS_GW / CELL, rows = CANVAS_GH / CELL;
	if (w->strokes_left-- <= 0) {
		w->cell = (w->cell + 1) % (cols * rows);
		w->strokes_left = 4 + (int)(rnd(w) * 7);
	}
	float cx = (float)(w->cell % cols * CELL), cy = (float)(w->cell / cols * CELL);
	float x = cx + 40 + rnd(w) * (CELL - 80), y = cy + 40 + rnd(w) * (CELL - 80);
	static const float heading[4] = {0.05f, 1.57f, 2.3f, 0.8f}; /* heng, shu, pie, na */
	float a = heading[(int)(rnd(w) * 4) & 3] + (rnd(w) - 0.5f) * 0.3f;
	float bend = (rnd(w) - 0.5f) * 0.15f;
	uint32_t n = (uint32_t)((80 + rnd(w) * 270) / INK_RESAMPLE_STEP) + 1, corner = n;
	if (rnd(w) < 0.2f)
		corner = n / 2; /* zhe: a corner half way */
	n = n > room ? (uint32_t)room : n;
	for (uint32_t i = 0; i < n; i++) {
		x = fminf(fmaxf(x, 0), CANVAS_GW - 1);
		y = fminf(fmaxf(y, 0), CANVAS_GH - 1);
		pts[i] = (ink_point){(uint16_t)x, (uint16_t)y};
		a += bend + (i == corner ? 1.57f : 0);
		x += INK_RESAMPLE_STEP * cosf(a);
		y += INK_RESAMPLE_STEP * sinf(a);
	}
	return n;
}

/* A note of generated writing: `points` points, or strokes until it has
 * `segments` segments (points minus strokes). Arrays malloc'ed (free_page). */
static bool write_page(uint32_t seed, size_t points, size_t segments, ink *k)
{
	scribe w = {seed, 0, 0};
	size_t cap = (points ? points : segments * 2) + LIVE_POINTS + 16;

	memset(k, 0, sizeof *k);
	k->width = CANVAS_GW;
	k->height = CANVAS_GH;
	k->points = malloc(cap * sizeof *k->points);
	k->strokes = malloc(cap * sizeof *k->strokes);
	if (!k->points || !k->strokes)
		return false;
	while (points ? k->npoints < points : k->npoints - k->nstrokes < segments) {
		size_t room = points ? points - k->npoints : cap - k->npoints;
		uint32_t n = write_stroke(&w, k->points + k->npoints, room);
		uint8_t colour = k->nstrokes % 7 == 0; /* now and then blue-black */
		k->strokes[k->nstrokes++] = (ink_stroke){(uint32_t)k->npoints, n, colour};
		k->npoints += n;
	}
	return true;
}

static void free_page(ink *k)
{
	free(k->points);
	free(k->strokes);
	memset(k, 0, sizeof *k);
}

/* CPU time of this process, s: the work itself, without the time other
 * processes of a shared machine held the CPU; all threads, since the
 * drawer puts big notes on two (ink_draw_set_split). */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the screen ---- */

typedef struct screen {
	SDL_Surface *s;
	SDL_Renderer *r;
	ink_drawer *direct;            /* blends straight into s when it can */
	ink_drawer *geometry;          /* always SDL_RenderGeometry */
} screen;

static void screen_close(screen *sc)
{
	ink_draw_destroy(sc->direct);
	ink_draw_destroy(sc->geometry);
	if (sc->r)
		SDL_DestroyRenderer(sc->r);
	SDL_FreeSurface(sc->s);
	memset(sc, 0, sizeof *sc);
}

static bool screen_open(screen *sc)
{
	memset(sc, 0, sizeof *sc);
	if (!(sc->s = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888)) ||
	    !(sc->r = SDL_CreateSoftwareRenderer(sc->s)) || !(sc->direct = ink_draw_new(sc->r)) ||
	    !(sc->geometry = ink_draw_new(sc->r)) || !ink_draw_set_surface(sc->direct, sc->s)) {
		fprintf(stderr, "treehole-bench: ink setup: %s\n", SDL_GetError());
		screen_close(sc);
		return false;
	}
	return true;
}

static void paper(SDL_Renderer *r)
{
	SDL_Color p = DRAW_PAPER;
	SDL_SetRenderDrawColor(r, p.r, p.g, p.b, 255);
	SDL_RenderClear(r);
}

/* ---- ink frame ---- */

/* One canvas being written on: what is on it, the texture holding it, the
 * stroke under the pen, and the same note in full for the baseline. */
typedef struct scene {
	ink page;                      /* existing strokes, then the live one */
	size_t base_points, base_strokes;
	SDL_Texture *tex;
	ink_tess_live *lv;
	ink_point live[LIVE_POINTS];
	size_t nlive;
	scribe pen;
	ink_tess_xform xf;
	float pen_px;
	size_t segments;
} scene;

/* The kiosk's compose page at 1280x800 (measured: canvas.c's page), the
 * live canvas; ink note draws stored notes on it too. */
static const SDL_FRect page_rect = {30, 100, 1221, 546};

static bool scene_open(scene *s, screen *sc, size_t segments, uint32_t seed)
{
	memset(s, 0, sizeof *s);
	if (!write_page(seed, 0, segments, &s->page))
		return false;
	s->segments = s->page.npoints - s->page.nstrokes;
	s->base_points = s->page.npoints;
	s->base_strokes = s->page.nstrokes;
	/* In the canvas texture's own px: it is copied to page_rect. */
	s->xf = ink_tess_fit(CANVAS_GW, CANVAS_GH, 0, 0, page_rect.w, page_rect.h);
	s->pen_px = ink_tess_pen_px(&s->xf);
	s->pen = (scribe){seed ^ 0x5A5A5A5Au, 0, 0};
	if (!(s->lv = ink_tess_live_new()) ||
	    !(s->tex = SDL_CreateTexture(sc->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
	                                 (int)page_rect.w, (int)page_rect.h)))
		return false;
	SDL_SetTextureBlendMode(s->tex, SDL_BLENDMODE_NONE);
	/* The canvas as it stands: drawn once (as after SDL_RENDER_TARGETS_RESET). */
	SDL_SetRenderTarget(sc->r, s->tex);
	paper(sc->r);
	SDL_FRect whole = {0, 0, page_rect.w, page_rect.h};
	bool ok = ink_draw_note(sc->geometry, &s->page, whole, ink_draw_palette, s->pen_px);
	SDL_SetRenderTarget(sc->r, NULL);
	return ok;
}

static void scene_close(scene *s)
{
	if (s->tex)
		SDL_DestroyTexture(s->tex);
	ink_tess_live_destroy(s->lv);
	free_page(&s->page);
}

/* The next point of the pen: a new stroke every LIVE_POINTS points. */
static bool next_point(scene *s, ink_point *p)
{
	if (s->nlive == 0 || s->nlive == LIVE_POINTS) {
		s->nlive = 0;
		/* A long wandering stroke: several generated strokes end to end. */
		for (size_t got = 0; got < LIVE_POINTS;)
			got += write_stroke(&s->pen, s->live + got, LIVE_POINTS - got);
		if (!ink_tess_live_begin(s->lv, &s->xf, s->pen_px, (ink_tess_rgba){0x2B, 0x26, 0x22, 255}))
			return false;
	}
	*p = s->live[s->nlive++];
	return true;
}

/* Ours: the new segment into the texture, the texture to the screen, the
 * tail on top. */
static bool frame_ours(screen *sc, scene *s)
{
	ink_point p;
	bool ok = next_point(s, &p) && SDL_SetRenderTarget(sc->r, s->tex) == 0 &&
	          ink_draw_segment(sc->geometry, s->lv, &p, 1);
	if (ok && s->nlive == LIVE_POINTS)
		ok = ink_draw_end(sc->geometry, s->lv); /* the pen lifts */
	ok = SDL_SetRenderTarget(sc->r, NULL) == 0 && ok;
	ok = ok && SDL_RenderCopyF(sc->r, s->tex, NULL, &page_rect) == 0;
	if (ok && ink_tess_live_active(s->lv)) {
		/* The tail is in the canvas's own px: the viewport puts it on the page. */
		SDL_Rect vp = {(int)page_rect.x, (int)page_rect.y, (int)page_rect.w, (int)page_rect.h};
		ok = SDL_RenderSetViewport(sc->r, &vp) == 0 && ink_draw_preview(sc->direct, s->lv);
		ok = SDL_RenderSetViewport(sc->r, NULL) == 0 && ok;
	}
	return ok && SDL_RenderFlush(sc->r) == 0;
}

/* Baseline: clear, then every stroke and the one being written. */
static bool frame_naive(screen *sc, scene *s)
{
	ink *k = &s->page;
	k->npoints = s->base_points;
	k->nstrokes = s->base_strokes;
	if (s->nlive && s->nlive < LIVE_POINTS) {
		memcpy(k->points + k->npoints, s->live, s->nlive * sizeof *s->live);
		k->strokes[k->nstrokes++] = (ink_stroke){(uint32_t)k->npoints, (uint32_t)s->nlive, 0};
		k->npoints += s->nlive;
	}
	paper(sc->r);
	bool ok = ink_draw_note(sc->direct, k, page_rect, ink_draw_palette, s->pen_px);
	return ok && SDL_RenderFlush(sc->r) == 0;
}

typedef struct frame_times {
	timing_samples ours[2], naive[2], cpu[2];
} frame_times;

static bool time_frames(screen *sc, scene *sn, size_t reps, frame_times *t)
{
	for (size_t k = 0; k < reps + FRAME_WARM && !bench_stop; k++)
		for (int i = 0; i < 2; i++) {
			double c0 = cpu_now(), t0 = timing_now();
			if (!frame_ours(sc, &sn[i]))
				return false;
			double t1 = timing_now(), c1 = cpu_now();
			if (!frame_naive(sc, &sn[i]))
				return false;
			double t2 = timing_now();
			if (k >= FRAME_WARM &&
			    (!timing_add(&t->ours[i], t1 - t0) || !timing_add(&t->naive[i], t2 - t1) ||
			     !timing_add(&t->cpu[i], c1 - c0)))
				return false;
		}
	return !bench_stop;
}

static void report_frames(const scene *sn, frame_times *t)
{
	double o[2], n[2];
	for (int i = 0; i < 2; i++) {
		o[i] = timing_percentile(&t->ours[i], 50);
		n[i] = timing_percentile(&t->naive[i], 50);
	}
	bench_row("ink frame, 100 segs: new only vs redraw all", BENCH_TIME, o[0], n[0]);
	bench_row("ink frame, 10k segs: new only vs redraw all", BENCH_TIME, o[1], n[1]);
	bench_goal_max("ink frame p50 10k/100 segments", o[0] > 0 ? o[1] / o[0] : 0, 1.5);
	bench_line("  %zu vs %zu segments on the kiosk's 1221x546 canvas; redraw-all grows %.1fx; ours p99 %.2f "
	           "/ %.2f ms, CPU p50 %.2f / %.2f ms", sn[0].segments, sn[1].segments,
	           n[0] > 0 ? n[1] / n[0] : 0, timing_percentile(&t->ours[0], 99) * 1e3,
	           timing_percentile(&t->ours[1], 99) * 1e3, timing_percentile(&t->cpu[0], 50) * 1e3,
	           timing_percentile(&t->cpu[1], 50) * 1e3);
}

bool bench_ink_frame(const bench_config *c)
{
	screen sc;
	scene sn[2];
	frame_times t = {0};
	bool ok = false;

	bench_progress("ink frame: live canvas with %d and %d segments, %zu frames", FEW_SEGMENTS,
	               MANY_SEGMENTS, c->ink_frames);
	memset(sn, 0, sizeof sn);
	if (!screen_open(&sc))
		return false;
	if (!scene_open(&sn[0], &sc, FEW_SEGMENTS, 7) || !scene_open(&sn[1], &sc, MANY_SEGMENTS, 11) ||
	    !time_frames(&sc, sn, c->ink_frames, &t)) {
		fprintf(stderr, "treehole-bench: ink frame: %s\n",
		        bench_stop ? "interrupted" : SDL_GetError());
		goto out;
	}
	report_frames(sn, &t);
	ok = true;
out:
	for (int i = 0; i < 2; i++) {
		scene_close(&sn[i]);
		timing_free(&t.ours[i]);
		timing_free(&t.naive[i]);
		timing_free(&t.cpu[i]);
	}
	screen_close(&sc);
	return ok;
}

/* ---- ink note ---- */

/* Where the kiosk draws a stored note at 1280x800 (measured: the inner
 * rect of app_draw_card): Browse and the operator queue, the largest card;
 * the feed's card, redrawn every frame while it shows. The compose page
 * (page_rect) is the largest surface a whole note is redrawn on (after
 * undo). */
static const SDL_FRect card_rect = {76, 160, 1127, 473};
static const SDL_FRect feed_rect = {198, 160, 884, 408};

/* Decodes and draws body with drawer d into `into`. OUT: parts[0..3),
 * the decode and draw times and the CPU time of both. */
static bool decode_draw(screen *sc, ink_drawer *d, const uint8_t *body, size_t len, SDL_FRect into,
                        double *parts)
{
	ink k;
	paper(sc->r);
	SDL_RenderFlush(sc->r);
	double c0 = cpu_now(), t0 = timing_now();
	if (ink_decode(body, len, &k) != STATUS_OK)
		return SDL_SetError("ink_decode refused the bench note"), false;
	double t1 = timing_now();
	ink_tess_xform xf = ink_tess_fit(k.width, k.height, into.x, into.y, into.w, into.h);
	bool ok = ink_draw_note(d, &k, into, ink_draw_palette, ink_tess_pen_px(&xf)) &&
	          SDL_RenderFlush(sc->r) == 0;
	double t2 = timing_now(), c2 = cpu_now();
	parts[0] = t1 - t0, parts[1] = t2 - t1, parts[2] = c2 - c0;
	ink_free(&k);
	return ok;
}

/* Tessellation alone: shapes, as the direct path makes them, or
 * triangles, what a GPU renderer is given (SDL_RenderGeometry). OUT:
 * parts[0..2) the shapes and, of them, the bands (or the triangles, and
 * 0), which is what the drawing's cost follows. */
static double time_tess(const ink *k, SDL_FRect into, size_t reps, bool shapes, size_t parts[2])
{
	ink_tess_mesh m = {.shapes = shapes};
	ink_tess_rgba pal[INK_COLOURS] = {{0, 0, 0, 255}, {0, 0, 0, 255}, {0, 0, 0, 255}, {0, 0, 0, 255}};
	ink_tess_xform xf = ink_tess_fit(k->width, k->height, into.x, into.y, into.w, into.h);
	timing_samples t = {0};
	for (size_t i = 0; i < reps; i++) {
		ink_tess_mesh_clear(&m);
		double t0 = timing_now();
		ink_tess_note(&m, k, &xf, ink_tess_pen_px(&xf), pal);
		timing_add(&t, timing_now() - t0);
	}
	double p50 = timing_percentile(&t, 50);
	parts[0] = shapes ? m.ns : m.ni / 3;
	parts[1] = 0;
	for (size_t i = 0; shapes && i < m.ns; i++)
		parts[1] += m.s[i].kind == INK_TESS_BAND;
	timing_free(&t);
	ink_tess_mesh_free(&m);
	return p50;
}

typedef struct note_times {
	timing_samples ours, base, decode, draw, feed, page, cpu, single;
} note_times;

static void note_times_free(note_times *t)
{
	timing_free(&t->ours);
	timing_free(&t->base);
	timing_free(&t->decode);
	timing_free(&t->draw);
	timing_free(&t->feed);
	timing_free(&t->page);
	timing_free(&t->single);
	timing_free(&t->cpu);
}

/* Ours, the baseline, ours on the feed card and the compose page, and
 * ours on one thread, interleaved; each timed from decode to the flushed
 * frame (the paper under it is not). */
static bool time_notes(screen *sc, const uint8_t *body, size_t len, size_t reps, note_times *t)
{
	for (size_t i = 0; i < reps + 2 && !bench_stop; i++) {
		double po[3], pb[3], pf[3], pp[3], ps[3];
		bool ok = decode_draw(sc, sc->direct, body, len, card_rect, po) &&
		          decode_draw(sc, sc->geometry, body, len, card_rect, pb) &&
		          decode_draw(sc, sc->direct, body, len, feed_rect, pf) &&
		          decode_draw(sc, sc->direct, body, len, page_rect, pp);
		ink_draw_set_split(sc->direct, false);
		ok = ok && decode_draw(sc, sc->direct, body, len, card_rect, ps);
		ink_draw_set_split(sc->direct, true);
		if (!ok)
			return false;
		if (i < 2)
			continue; /* warm-up: first touches of the buffers */
		if (!timing_add(&t->decode, po[0]) || !timing_add(&t->draw, po[1]) ||
		    !timing_add(&t->ours, po[0] + po[1]) || !timing_add(&t->base, pb[0] + pb[1]) ||
		    !timing_add(&t->feed, pf[0] + pf[1]) || !timing_add(&t->page, pp[0] + pp[1]) ||
		    !timing_add(&t->cpu, po[2]) ||
		    !timing_add(&t->single, ps[0] + ps[1]))
			return false;
	}
	return !bench_stop;
}

/* The CPU's part on a GPU renderer (the kiosk on a tablet): SDL's queueing
 * of the triangles on top of decoding and making them. Not in a smoke
 * run: it would load a GL driver into a sanitised build. */
static void report_gles(const bench_config *c, const uint8_t *body, size_t len, double decode,
                        double tess, size_t tris)
{
	const float in4[4] = {card_rect.x, card_rect.y, card_rect.w, card_rect.h};
	double gles = 0;
	if (!c->smoke && bench_ink_gles(body, len, in4, c->ink_note_reps, &gles))
		bench_line("  on a GPU renderer (GLES2, offscreen), the CPU's part p50 %.3f ms: "
		           "decode %.3f + triangles %.3f (%zu) + SDL's queueing",
		           gles * 1e3, decode * 1e3, tess * 1e3, tris);
	else
		bench_line("  on a GPU renderer, the CPU's part: decode %.3f + triangles %.3f ms (%zu) + "
		           "SDL's queueing, not measured (%s)",
		           decode * 1e3, tess * 1e3, tris, c->smoke ? "a smoke run" : SDL_GetError());
}

bool bench_ink_note(const bench_config *c)
{
	screen sc;
	ink k;
	uint8_t *body = NULL;
	size_t len = 0;
	note_times t = {0};
	bool ok = false;

	bench_progress("ink note: a %d-point note decoded, tessellated and drawn, %zu times",
	               NOTE_POINTS, c->ink_note_reps);
	if (!write_page(2024, NOTE_POINTS, 0, &k))
		return false;
	if (ink_encode(&k, &body, &len) != STATUS_OK) {
		fprintf(stderr, "treehole-bench: ink note: the generated note does not encode\n");
		free_page(&k);
		return false;
	}
	if (!screen_open(&sc))
		goto out_body;
	if (!time_notes(&sc, body, len, c->ink_note_reps, &t)) {
		fprintf(stderr, "treehole-bench: ink note: %s\n",
		        bench_stop ? "interrupted" : SDL_GetError());
		goto out;
	}
	double o50 = timing_percentile(&t.ours, 50), b50 = timing_percentile(&t.base, 50);
	ink_tess_xform xf = ink_tess_fit(CANVAS_GW, CANVAS_GH, card_rect.x, card_rect.y, card_rect.w,
	                                 card_rect.h);
	size_t shapes[2], tris[2];
	double tess_s = time_tess(&k, card_rect, 50, true, shapes);
	double tess_t = time_tess(&k, card_rect, 50, false, tris);
	bench_row("ink note 5000 pts: decode+tess+draw, p50", BENCH_TIME, o50, b50);
	bench_goal_max("ink note p50 in ms", o50 * 1e3, 1);
	bench_line("  the kiosk's Browse card at 1280x800, %.0fx%.0f px (pen %.1f px), %zu strokes, %zu "
	           "bytes; decode %.3f ms, tess+draw %.3f ms (tess alone %.3f ms)", card_rect.w,
	           card_rect.h, ink_tess_pen_px(&xf), k.nstrokes, len,
	           timing_percentile(&t.decode, 50) * 1e3, timing_percentile(&t.draw, 50) * 1e3,
	           tess_s * 1e3);
	bench_line("  the drawing's cost follows its shapes: %zu, %zu of them bands, the rest round "
	           "parts (caps and joins)", shapes[0], shapes[1]);
	bench_line("  the feed's card (%.0fx%.0f, every frame it shows) p50 %.3f ms; the compose page "
	           "(%.0fx%.0f, redrawn after undo) p50 %.3f ms", feed_rect.w, feed_rect.h,
	           timing_percentile(&t.feed, 50) * 1e3, page_rect.w, page_rect.h,
	           timing_percentile(&t.page, 50) * 1e3);
	report_gles(c, body, len, timing_percentile(&t.decode, 50), tess_t, tris[0]);
	bench_line("  ours on two threads (the drawer's default for big notes): CPU time of both p50 "
	           "%.3f ms; on one thread (ink_draw_set_split off) p50 %.3f ms",
	           timing_percentile(&t.cpu, 50) * 1e3, timing_percentile(&t.single, 50) * 1e3);
	bench_line("  baseline: the same triangles through SDL_RenderGeometry on the software "
	           "renderer");
	ok = true;
out:
	screen_close(&sc);
out_body:
	free(body);
	note_times_free(&t);
	free_page(&k);
	return ok;
}

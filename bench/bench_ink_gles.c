/* bench_ink_gles.c — the CPU's part of drawing an ink note on a GPU
 * renderer, what the kiosk uses on a tablet: decode, triangles, and SDL's
 * queueing of them (SDL_RenderGeometryRaw with batching on: the vertices
 * copied into the renderer's own buffer). Measured on OpenGL ES 2 through
 * SDL's offscreen video driver (EGL; Mesa here), with no display. The
 * GPU's own work, done at the flush, is not counted: under Mesa it runs
 * on the CPU again and says nothing of a real GPU. */
#include "bench.h"
#include "timing.h"

#include <string.h>

#include <SDL.h>

#include "ink.h"
#include "ink_draw.h"

static const char *const hints[] = {SDL_HINT_VIDEODRIVER, SDL_HINT_RENDER_DRIVER,
                                    SDL_HINT_RENDER_BATCHING};

/* Decodes and draws body `reps` times (after two untimed), the renderer's
 * queue flushed before each and after. */
static bool time_draws(SDL_Renderer *r, ink_drawer *d, const uint8_t *body, size_t len,
                       SDL_FRect into, size_t reps, timing_samples *t)
{
	for (size_t i = 0; i < reps + 2 && !bench_stop; i++) {
		ink k;
		SDL_SetRenderDrawColor(r, 0xFB, 0xF6, 0xEC, 0xFF);
		if (SDL_RenderClear(r) != 0 || SDL_RenderFlush(r) != 0)
			return false;
		double t0 = timing_now();
		if (ink_decode(body, len, &k) != STATUS_OK)
			return SDL_SetError("the bench note does not decode"), false;
		ink_tess_xform xf = ink_tess_fit(k.width, k.height, into.x, into.y, into.w, into.h);
		bool ok = ink_draw_note(d, &k, into, ink_draw_palette, ink_tess_pen_px(&xf));
		double t1 = timing_now();
		ink_free(&k);
		if (!ok || SDL_RenderFlush(r) != 0)
			return false;
		if (i >= 2 && !timing_add(t, t1 - t0))
			return SDL_OutOfMemory(), false;
	}
	return !bench_stop || (SDL_SetError("interrupted"), false);
}

/* Whether SDL gave what the figure is named for: the environment (say
 * SDL_RENDER_DRIVER=software) could otherwise have had its way. */
static bool is_gles_offscreen(SDL_Renderer *r)
{
	SDL_RendererInfo info;
	const char *video = SDL_GetCurrentVideoDriver();
	if (SDL_GetRendererInfo(r, &info) != 0)
		return false;
	if (!video || strcmp(video, "offscreen") != 0 || strcmp(info.name, "opengles2") != 0)
		return SDL_SetError("SDL gave the %s renderer on %s video", info.name,
		                    video ? video : "no"), false;
	return true;
}

bool bench_ink_gles(const uint8_t *body, size_t len, const float in4[4], size_t reps,
                    double *p50)
{
	const SDL_FRect into = {in4[0], in4[1], in4[2], in4[3]};
	SDL_Window *w = NULL;
	SDL_Renderer *r = NULL;
	ink_drawer *d = NULL;
	timing_samples t = {0};
	bool ok = false;

	/* Over any environment variable: the figure is named for these. */
	SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "offscreen", SDL_HINT_OVERRIDE); /* no display */
	SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "opengles2", SDL_HINT_OVERRIDE);
	/* as the kiosk has it; naming a driver would turn it off */
	SDL_SetHintWithPriority(SDL_HINT_RENDER_BATCHING, "1", SDL_HINT_OVERRIDE);
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
		goto out_hints;
	w = SDL_CreateWindow("treehole-bench", 0, 0, (int)(into.x + into.w) + 1,
	                     (int)(into.y + into.h) + 1, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
	if (w && (r = SDL_CreateRenderer(w, -1, SDL_RENDERER_ACCELERATED)) && is_gles_offscreen(r) &&
	    (d = ink_draw_new(r)) && time_draws(r, d, body, len, into, reps, &t)) {
		*p50 = timing_percentile(&t, 50);
		ok = true;
	}
	ink_draw_destroy(d);
	if (r)
		SDL_DestroyRenderer(r);
	if (w)
		SDL_DestroyWindow(w);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
out_hints:
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		SDL_ResetHint(hints[i]);
	timing_free(&t);
	return ok;
}

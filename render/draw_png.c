/* draw_png.c — cards rendered on an own surface and saved as PNG. */
#include "draw.h"
#include "draw_internal.h"

#include <math.h>
#include <stdio.h>

#include <SDL_image.h>

/* A card's atlas needs one page: glyphs of one note fit in 4 MiB. */
#define CARD_ATLAS_BUDGET (4u << 20)
/* Refuse absurd cards instead of allocating gigabytes. */
#define CARD_MAX_SIDE 16384

bool draw_surface_png(SDL_Surface *s, const char *path)
{
	if (!s || !path)
		return SDL_SetError("draw_surface_png: bad arguments"), false;
	return IMG_SavePNG(s, path) == 0;
}

void draw_set_err(char *err, size_t errlen, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", what, SDL_GetError());
}

bool draw_card_save(SDL_Surface *s, const char *path, char *err, size_t errlen)
{
	bool ok = draw_surface_png(s, path);
	if (!ok)
		draw_set_err(err, errlen, "saving the PNG");
	SDL_FreeSurface(s);
	return ok;
}

static bool card_size(const layout *l, int padding, int *w, int *h)
{
	float lw = l ? l->width : 0, lh = l ? l->height : 0;
	if (padding < 0 || padding > CARD_MAX_SIDE || !isfinite(lw) || !isfinite(lh) ||
	    lw > CARD_MAX_SIDE || lh > CARD_MAX_SIDE)
		return false;
	*w = (int)ceilf(lw) + 2 * padding;
	*h = (int)ceilf(lh) + 2 * padding;
	if (*w < 1)
		*w = 1;
	if (*h < 1)
		*h = 1;
	return *w <= CARD_MAX_SIDE && *h <= CARD_MAX_SIDE;
}

SDL_Surface *draw_card_surface(fontchain *fc, const layout *l, float size_px, int padding,
                               char *err, size_t errlen)
{
	SDL_Surface *s = NULL;
	SDL_Renderer *r = NULL;
	atlas *a = NULL;
	SDL_Color paper = DRAW_PAPER;
	int w, h;

	if (!fc || !card_size(l, padding, &w, &h)) {
		SDL_SetError("bad arguments or card too large");
		draw_set_err(err, errlen, "draw_card");
		return NULL;
	}
	if (!(s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888))) {
		draw_set_err(err, errlen, "card surface");
		goto err_out;
	}
	if (!(r = SDL_CreateSoftwareRenderer(s))) {
		draw_set_err(err, errlen, "software renderer");
		goto err_surface;
	}
	if (!(a = atlas_new(r, fc, CARD_ATLAS_BUDGET))) {
		SDL_SetError("out of memory");
		draw_set_err(err, errlen, "glyph atlas");
		goto err_renderer;
	}
	atlas_set_target(a, s);
	SDL_SetRenderDrawColor(r, paper.r, paper.g, paper.b, paper.a);
	SDL_RenderClear(r);
	if (!draw_layout(a, l, size_px, (float)padding, (float)padding, DRAW_INK)) {
		draw_set_err(err, errlen, "drawing the card");
		goto err_atlas;
	}
	SDL_RenderFlush(r);
	atlas_destroy(a);
	SDL_DestroyRenderer(r);
	return s;
err_atlas:
	atlas_destroy(a);
err_renderer:
	SDL_DestroyRenderer(r);
err_surface:
	SDL_FreeSurface(s);
err_out:
	return NULL;
}

bool draw_card_png(fontchain *fc, const layout *l, float size_px, const char *path, int padding,
                   char *err, size_t errlen)
{
	SDL_Surface *s;

	if (!path) {
		if (err && errlen)
			snprintf(err, errlen, "draw_card_png: no path");
		return false;
	}
	if (!(s = draw_card_surface(fc, l, size_px, padding, err, errlen)))
		return false;
	return draw_card_save(s, path, err, errlen);
}

/* canvas.c — the ink canvas (see canvas.h). */
#include "canvas.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ink.h"
#include "ink_draw.h"
#include "klog.h"
#include "vault.h"

#define REDO_MAX 64

/* A stroke taken back by Undo, kept (grid points) for Redo. */
typedef struct undone {
	ink_point *pts;       /* vault_alloc()ed */
	size_t n;
	unsigned colour;
} undone;

struct canvas {
	app *a;
	SDL_Rect page;              /* where the page is, px; 0 = not laid out yet */
	SDL_Surface *surf;          /* the page's pixels, kept on the CPU */
	SDL_Renderer *sr;           /* software renderer on surf */
	ink_drawer *drawer;         /* draws into surf */
	SDL_Texture *tex;           /* surf's copy on the app's renderer */
	ink_builder *b;
	ink_tess_live *live;
	ink_tess_xform xf;
	float pen_px;
	size_t fed;                 /* points of the open stroke already drawn */
	bool drawing, full;
	unsigned colour;
	undone redo[REDO_MAX];
	size_t nredo;
};

canvas *canvas_new(app *a)
{
	canvas *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->a = a;
	if (!(c->live = ink_tess_live_new())) {
		free(c);
		return NULL;
	}
	return c;
}

static void drop_redo(canvas *c)
{
	for (size_t i = 0; i < c->nredo; i++) {
		vault_wipe(c->redo[i].pts, c->redo[i].n * sizeof *c->redo[i].pts);
		vault_free(c->redo[i].pts);
	}
	c->nredo = 0;
}

static void drop_page(canvas *c)
{
	if (c->tex)
		SDL_DestroyTexture(c->tex);
	ink_draw_destroy(c->drawer);
	if (c->sr)
		SDL_DestroyRenderer(c->sr);
	if (c->surf) {
		vault_wipe(c->surf->pixels, (size_t)c->surf->pitch * (size_t)c->surf->h);
		SDL_FreeSurface(c->surf);
	}
	c->tex = NULL, c->drawer = NULL, c->sr = NULL, c->surf = NULL;
	c->page = (SDL_Rect){ 0, 0, 0, 0 };
}

void canvas_destroy(canvas *c)
{
	if (!c)
		return;
	drop_redo(c);
	drop_page(c);
	ink_builder_destroy(c->b);
	ink_tess_live_destroy(c->live);
	free(c);
}

static void upload(canvas *c, SDL_Rect r)
{
	if (r.w <= 0 || r.h <= 0)
		return;
	SDL_IntersectRect(&r, &(SDL_Rect){ 0, 0, c->surf->w, c->surf->h }, &r);
	SDL_UpdateTexture(c->tex, &r, (uint8_t *)c->surf->pixels + r.y * c->surf->pitch + r.x * 4,
	                  c->surf->pitch);
}

/* Faint rules, as on notebook paper (drawn on the page, never stored). */
static void rules(canvas *c)
{
	int step = (int)fmaxf(ui_mm(&c->a->ui, 12.0f), 24.0f);
	Uint32 rule = SDL_MapRGB(c->surf->format, 0xE6, 0xDD, 0xCC);

	for (int y = step; y < c->surf->h; y += step)
		SDL_FillRect(c->surf, &(SDL_Rect){ step / 2, y, c->surf->w - step, 1 }, rule);
}

/* Paper, then every stroke of the builder: after undo, clear, a reset. */
static void redraw(canvas *c)
{
	ink view;

	SDL_FillRect(c->surf, NULL, SDL_MapRGB(c->surf->format, UI_PAPER.r, UI_PAPER.g, UI_PAPER.b));
	rules(c);
	ink_builder_view(c->b, &view);
	if (view.npoints)
		ink_draw_note(c->drawer, &view, (SDL_FRect){ 0, 0, (float)c->page.w, (float)c->page.h },
		              ink_draw_palette, c->pen_px);
	SDL_RenderFlush(c->sr);
	upload(c, (SDL_Rect){ 0, 0, c->page.w, c->page.h });
}

/* A page of w x h px: surface, renderer, drawer, texture, builder. */
static bool make_page(canvas *c, SDL_Rect page)
{
	ink view;

	drop_page(c);
	ink_builder_destroy(c->b);
	c->b = NULL;
	drop_redo(c);
	c->surf = SDL_CreateRGBSurfaceWithFormat(0, page.w, page.h, 32, SDL_PIXELFORMAT_ARGB8888);
	c->sr = c->surf ? SDL_CreateSoftwareRenderer(c->surf) : NULL;
	c->drawer = c->sr ? ink_draw_new(c->sr) : NULL;
	c->tex = SDL_CreateTexture(c->a->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
	                           page.w, page.h);
	if (!c->drawer || !c->tex || !ink_draw_set_surface(c->drawer, c->surf) ||
	    ink_builder_new(0, 0, page.w, page.h, &c->b) != STATUS_OK) {
		klog_error("canvas", "cannot make the page: %s", SDL_GetError());
		drop_page(c);
		return false;
	}
	c->page = page;
	ink_builder_view(c->b, &view);
	c->xf = ink_tess_fit(view.width, view.height, 0, 0, (float)page.w, (float)page.h);
	c->pen_px = ink_tess_pen_px(&c->xf);
	redraw(c);
	return true;
}

void canvas_clear(canvas *c)
{
	if (!c)
		return;
	drop_redo(c);
	c->drawing = c->full = false;
	if (c->b) {
		ink_builder *fresh = NULL;
		if (ink_builder_new(0, 0, c->page.w, c->page.h, &fresh) == STATUS_OK) {
			ink_builder_destroy(c->b);
			c->b = fresh;
		} else {
			while (ink_builder_undo(c->b))
				;
		}
		redraw(c);
	}
}

bool canvas_has_ink(const canvas *c)
{
	ink view;

	if (!c || !c->b)
		return false;
	ink_builder_view(c->b, &view);
	return view.npoints > 0;
}

static ink_tess_rgba pen_colour(unsigned i)
{
	SDL_Color k = ink_draw_palette[i];
	return (ink_tess_rgba){ k.r, k.g, k.b, k.a };
}

/* Draws the open stroke's points that are new since the last call. */
static void feed(canvas *c, bool end)
{
	ink view;
	const ink_stroke *s;

	ink_builder_view(c->b, &view);
	if (!view.nstrokes)
		return;
	s = &view.strokes[view.nstrokes - 1];
	if (s->count > c->fed) {
		ink_draw_segment(c->drawer, c->live, view.points + s->first + c->fed, s->count - c->fed);
		c->fed = s->count;
		SDL_RenderFlush(c->sr);
		upload(c, ink_draw_dirty(c->drawer));
	}
	if (end) {
		ink_draw_end(c->drawer, c->live);
		SDL_RenderFlush(c->sr);
		upload(c, ink_draw_dirty(c->drawer));
	}
}

bool canvas_pointer(canvas *c, app_pointer phase, float x, float y)
{
	SDL_FPoint p = { x, y };
	SDL_FRect page = { (float)c->page.x, (float)c->page.y, (float)c->page.w, (float)c->page.h };
	status st = STATUS_OK;

	if (!c->b)
		return false;
	x -= page.x, y -= page.y;
	switch (phase) {
	case APP_POINTER_DOWN:
		if (!SDL_PointInFRect(&p, &page))
			return false;
		drop_redo(c);
		st = ink_builder_begin(c->b, c->colour);
		if (!st)
			st = ink_builder_add(c->b, x, y);
		c->drawing = st == STATUS_OK;
		c->fed = 0;
		if (c->drawing)
			ink_tess_live_begin(c->live, &c->xf, c->pen_px, pen_colour(c->colour));
		break;
	case APP_POINTER_MOVE:
		if (c->drawing)
			st = ink_builder_add(c->b, x, y);
		break;
	case APP_POINTER_UP:
	default:
		if (!c->drawing)
			return true;
		ink_builder_add(c->b, x, y);
		st = ink_builder_end(c->b);
		feed(c, true);
		c->drawing = false;
		return true;
	}
	c->full = st == STATUS_INK_INVALID;
	if (c->drawing)
		feed(c, false);
	return true;
}

static void undo(canvas *c)
{
	ink view;
	const ink_stroke *s;
	undone *u;

	ink_builder_view(c->b, &view);
	if (!view.nstrokes)
		return;
	s = &view.strokes[view.nstrokes - 1];
	if (c->nredo < REDO_MAX && (u = &c->redo[c->nredo])->pts == NULL &&
	    (u->pts = vault_alloc(s->count * sizeof *u->pts))) {
		memcpy(u->pts, view.points + s->first, s->count * sizeof *u->pts);
		u->n = s->count;
		u->colour = s->colour;
		c->nredo++;
	}
	ink_builder_undo(c->b);
	c->full = false;
	redraw(c);
}

/* Puts the last undone stroke back: its grid points mapped to the page. */
static void redo(canvas *c)
{
	undone *u;
	ink view;
	double s;

	if (!c->nredo)
		return;
	u = &c->redo[--c->nredo];
	ink_builder_view(c->b, &view);
	s = (double)SDL_max(c->page.w, c->page.h) / (double)(INK_GRID - 1);
	if (ink_builder_begin(c->b, u->colour) == STATUS_OK) {
		for (size_t i = 0; i < u->n; i++)
			ink_builder_add(c->b, u->pts[i].x * s, u->pts[i].y * s);
		ink_builder_end(c->b);
	}
	vault_wipe(u->pts, u->n * sizeof *u->pts);
	vault_free(u->pts);
	u->pts = NULL;
	redraw(c);
}

static void tools(canvas *c, SDL_FRect bar)
{
	app *a = c->a;
	float h = bar.h, gap = ui_mm(&a->ui, 2.5f), x = bar.x;
	float size = app_small_px(a) * 1.1f, bw = fmaxf(h * 1.8f, ui_mm(&a->ui, 22.0f));

	for (unsigned i = 0; i < INK_COLOURS; i++, x += h + gap) {
		SDL_FRect sw = { x, bar.y, h, h };
		char id[16];
		snprintf(id, sizeof id, "pen_%u", i + 1);
		ui_fill(&a->ui, sw, h / 2, ink_draw_palette[i]);
		if (i == c->colour)
			ui_outline(&a->ui, (SDL_FRect){ sw.x - 3, sw.y - 3, sw.w + 6, sw.h + 6 }, h / 2 + 3, 2,
			           UI_LIGHT);
		if (ui_area(&a->ui, id, sw))
			c->colour = i;
	}
	x = bar.x + bar.w - 3 * bw - 2 * gap;
	if (ui_button(&a->ui, "undo", (SDL_FRect){ x, bar.y, bw, h }, _("Undo"), size, UI_QUIET))
		undo(c);
	else if (ui_button(&a->ui, "redo", (SDL_FRect){ x + bw + gap, bar.y, bw, h }, _("Redo"), size,
	                   UI_QUIET))
		redo(c);
	else if (ui_button(&a->ui, "clear", (SDL_FRect){ x + 2 * (bw + gap), bar.y, bw, h }, _("Clear"),
	                   size, UI_QUIET))
		canvas_clear(c);
}

/* The open stroke's provisional tail, from its last final part to the
 * pen, drawn over the page on the app's renderer this frame only: the
 * page holds final ink alone, and the part a stroke has not made final
 * yet (a straight run stays open until the pen turns or lifts) would
 * otherwise lag behind the finger. */
static void draw_tail(canvas *c, SDL_Rect page)
{
	if (!c->drawing || !ink_tess_live_active(c->live))
		return;
	/* The tail is in the page's own px: the viewport puts it on the page. */
	if (SDL_RenderSetViewport(c->a->r, &page) == 0)
		ink_draw_preview(c->a->inkd, c->live);
	SDL_RenderSetViewport(c->a->r, NULL);
}

void canvas_frame(canvas *c, SDL_FRect rc, SDL_FRect bar)
{
	SDL_Rect page = { (int)rc.x, (int)rc.y, (int)rc.w, (int)rc.h };

	if (page.w < 8 || page.h < 8)
		return;
	if ((page.w != c->page.w || page.h != c->page.h) && !make_page(c, page))
		return;
	c->page.x = page.x, c->page.y = page.y;
	SDL_RenderCopy(c->a->r, c->tex, NULL, &page);
	draw_tail(c, page);
	if (c->full)
		ui_label(&c->a->ui, _("The page is full."), app_small_px(c->a), rc, LAYOUT_ALIGN_CENTER,
		         false, UI_INK_SOFT);
	tools(c, bar);
}

status canvas_encode(canvas *c, uint8_t **body, size_t *len)
{
	ink k;
	status st;

	if (!c->b)
		return STATUS_INK_INVALID;
	st = ink_builder_finish(c->b, &k);
	if (st)
		return st;
	st = ink_encode(&k, body, len);
	ink_free(&k);
	return st;
}

void canvas_targets_reset(canvas *c)
{
	if (c && c->b)
		redraw(c);
}

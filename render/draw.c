/* draw.c — layout glyphs as textured quads batched per atlas page. */
#include "draw.h"

#include <math.h>
#include <stdlib.h>

/* One glyph's quad, waiting for its page's batch. page -1: drawn. */
typedef struct quad {
	int page;
	SDL_Vertex v[4];
} quad;

typedef struct batch {
	SDL_Color ink;        /* colour of this draw; glyphs come in it already */
	quad *q;
	size_t n;
	SDL_Vertex *verts;    /* one page's quads, gathered */
	int *idx;
} batch;

static uint32_t rgb_of(SDL_Color c)
{
	return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* Vertices stay white (only alpha modulates): the glyph's texels already
 * carry the ink colour. */
static void make_quad(quad *q, const atlas_glyph *g, float x0, float y0, float side, SDL_Color ink)
{
	SDL_Color c = {255, 255, 255, ink.a};
	float x1 = x0 + (float)g->w, y1 = y0 + (float)g->h;
	float u0 = (float)g->x / side, v0 = (float)g->y / side;
	float u1 = (float)(g->x + g->w) / side, v1 = (float)(g->y + g->h) / side;

	q->page = g->page;
	q->v[0] = (SDL_Vertex){{x0, y0}, c, {u0, v0}};
	q->v[1] = (SDL_Vertex){{x1, y0}, c, {u1, v0}};
	q->v[2] = (SDL_Vertex){{x1, y1}, c, {u1, v1}};
	q->v[3] = (SDL_Vertex){{x0, y1}, c, {u0, v1}};
}

/* Draws the batched quads, one SDL_RenderGeometry call per page. */
static bool flush(atlas *a, batch *b)
{
	static const int corner[6] = {0, 1, 2, 0, 2, 3};
	bool ok = true;

	for (size_t first = 0; first < b->n; first++) {
		int pg = b->q[first].page;
		size_t nq = 0;
		if (pg < 0)
			continue;
		for (size_t i = first; i < b->n; i++) {
			if (b->q[i].page != pg)
				continue;
			for (int k = 0; k < 4; k++)
				b->verts[nq * 4 + (size_t)k] = b->q[i].v[k];
			for (int k = 0; k < 6; k++)
				b->idx[nq * 6 + (size_t)k] = (int)nq * 4 + corner[k];
			b->q[i].page = -1;
			nq++;
		}
		if (SDL_RenderGeometry(atlas_renderer(a), atlas_page(a, pg), b->verts, (int)nq * 4,
		                       b->idx, (int)nq * 6))
			ok = false;
	}
	b->n = 0;
	return ok;
}

/* The placeholder: an outline in the em box, thicker at large sizes so it
 * reads as a box, not a stray line. */
static bool draw_box(SDL_Renderer *r, float ox, float oy, float em, SDL_Color c)
{
	float inset = roundf(em * 0.1f), thick = fmaxf(1, roundf(em / 20));
	SDL_FRect box = {ox + inset, oy - roundf(em * 0.8f), em - 2 * inset, roundf(em * 0.9f)};
	bool ok = SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a) == 0;

	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	for (int i = 0; ok && i < (int)thick && box.w > 0 && box.h > 0; i++) {
		ok = SDL_RenderDrawRectF(r, &box) == 0;
		box = (SDL_FRect){box.x + 1, box.y + 1, box.w - 2, box.h - 2};
	}
	return ok;
}

/* Looks the glyph up, flushing and starting a new batch when every page is
 * in use by this one. */
static atlas_result lookup(atlas *a, batch *b, const layout_glyph *lg, float size_px,
                           atlas_glyph *g, bool *ok)
{
	atlas_result k = atlas_lookup(a, lg->face, lg->glyph, size_px, rgb_of(b->ink), g);
	if (k == ATLAS_FULL) {
		*ok = flush(a, b) && *ok;
		atlas_begin(a);
		k = atlas_lookup(a, lg->face, lg->glyph, size_px, rgb_of(b->ink), g);
		if (k == ATLAS_FULL) /* cannot happen with an empty batch; be safe */
			k = ATLAS_BOX;
	}
	return k;
}

static bool draw_glyphs(atlas *a, const layout *l, float size_px, float x, float y, SDL_Color c,
                        batch *b)
{
	float side = (float)atlas_page_side(a);
	bool ok = true;

	for (size_t i = 0; i < l->nglyphs && ok; i++) {
		const layout_glyph *lg = &l->glyphs[i];
		float ox = roundf(x + lg->x), oy = roundf(y + lg->y);
		atlas_glyph g;
		atlas_result k = lg->face == LAYOUT_NO_FACE ? ATLAS_BOX
		                                            : lookup(a, b, lg, size_px, &g, &ok);
		if (k == ATLAS_GLYPH)
			make_quad(&b->q[b->n++], &g, ox + (float)g.left, oy - (float)g.top, side, c);
		else if (k == ATLAS_BOX)
			ok = draw_box(atlas_renderer(a), ox, oy,
			              lg->face == LAYOUT_NO_FACE ? lg->advance : size_px, c);
		else if (k == ATLAS_ERROR)
			ok = false;
	}
	return flush(a, b) && ok;
}

bool draw_layout(atlas *a, const layout *l, float size_px, float x, float y, SDL_Color color)
{
	batch b = {.ink = color};
	bool ok;

	if (!a || !(size_px > 0) || !isfinite(x) || !isfinite(y))
		return SDL_SetError("draw_layout: bad arguments"), false;
	if (!l || l->nglyphs == 0)
		return true;
	b.q = malloc(l->nglyphs * sizeof *b.q);
	b.verts = malloc(l->nglyphs * 4 * sizeof *b.verts);
	b.idx = malloc(l->nglyphs * 6 * sizeof *b.idx);
	if (!b.q || !b.verts || !b.idx) {
		ok = false;
		SDL_OutOfMemory();
		goto out;
	}
	atlas_begin(a);
	ok = draw_glyphs(a, l, size_px, x, y, color, &b);
out:
	free(b.q);
	free(b.verts);
	free(b.idx);
	return ok;
}

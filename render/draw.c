/* draw.c — layout glyphs from the atlas: textured quads batched per atlas
 * page through the renderer, or (software renderer with a target surface)
 * blended straight into that surface. */
#include "draw.h"

#include <math.h>
#include <stdlib.h>

#include "draw_internal.h"

/* One glyph's quad, waiting for its page's batch. page -1: drawn. */
typedef struct quad {
	int page;
	SDL_Vertex v[4];
} quad;

/* One draw_layout call. */
typedef struct drawer {
	atlas *a;
	SDL_Color ink;        /* glyphs come in it already; its alpha still applies */
	bool direct;          /* blend into t instead of batching quads */
	draw_target t;
	draw_blit *b;         /* direct path: the batch */
	quad *q;              /* renderer path: the batch */
	size_t n;
	SDL_Vertex *verts;    /* one page's quads, gathered */
	int *idx;
} drawer;

static uint32_t rgb_of(SDL_Color c)
{
	return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* Vertices stay white (only alpha modulates): the glyph's texels already
 * carry their colour. */
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

/* Draws the batch: blended into the surface, or one SDL_RenderGeometry
 * call per page. */
static bool flush(drawer *d)
{
	static const int corner[6] = {0, 1, 2, 0, 2, 3};
	bool ok = true;

	if (d->direct) {
		draw_blit_run(&d->t, d->b, d->n, d->ink.a);
		d->n = 0;
		return true;
	}
	for (size_t first = 0; first < d->n; first++) {
		int pg = d->q[first].page;
		size_t nq = 0;
		if (pg < 0)
			continue;
		for (size_t i = first; i < d->n; i++) {
			if (d->q[i].page != pg)
				continue;
			for (int k = 0; k < 4; k++)
				d->verts[nq * 4 + (size_t)k] = d->q[i].v[k];
			for (int k = 0; k < 6; k++)
				d->idx[nq * 6 + (size_t)k] = (int)nq * 4 + corner[k];
			d->q[i].page = -1;
			nq++;
		}
		SDL_Texture *tex = atlas_page(d->a, pg);
		if (!tex || SDL_RenderGeometry(atlas_renderer(d->a), tex, d->verts, (int)nq * 4, d->idx,
		                               (int)nq * 6))
			ok = false;
	}
	d->n = 0;
	return ok;
}

/* The placeholder's four edges: an outline in the em box, thicker at large
 * sizes so it reads as a box, not a stray line. A sideways box is the
 * upright one turned a quarter clockwise about the origin. */
static int box_edges(int ox, int oy, float em, bool sideways, SDL_Rect e[4])
{
	int inset = (int)roundf(em * 0.1f), t = (int)fmaxf(1, roundf(em / 20));
	SDL_Rect b = {ox + inset, oy - (int)roundf(em * 0.8f), (int)roundf(em) - 2 * inset,
	              (int)roundf(em * 0.9f)};

	if (sideways) /* x from -descent to ascent, y along the column */
		b = (SDL_Rect){ox - (b.y + b.h - oy), oy + inset, b.h, b.w};
	if (b.w <= 0 || b.h <= 0)
		return 0;
	if (2 * t >= b.w || 2 * t >= b.h) {
		e[0] = b;
		return 1;
	}
	e[0] = (SDL_Rect){b.x, b.y, b.w, t};
	e[1] = (SDL_Rect){b.x, b.y + b.h - t, b.w, t};
	e[2] = (SDL_Rect){b.x, b.y + t, t, b.h - 2 * t};
	e[3] = (SDL_Rect){b.x + b.w - t, b.y + t, t, b.h - 2 * t};
	return 4;
}

static bool draw_box(drawer *d, int ox, int oy, float em, bool sideways)
{
	SDL_Renderer *r = atlas_renderer(d->a);
	SDL_Color c = d->ink;
	SDL_Rect e[4];
	int n = box_edges(ox, oy, em, sideways, e);

	if (d->direct) {
		flush(d); /* glyphs before the box lie under it */
		for (int i = 0; i < n; i++)
			draw_blit_fill(&d->t, e[i], c);
		return true;
	}
	if (SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a) ||
	    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND))
		return false;
	return n == 0 || SDL_RenderFillRects(r, e, n) == 0;
}

/* Looks the glyph up, drawing what is batched and starting a new batch
 * when every page is in use by this one. */
static atlas_result lookup(drawer *d, const layout_glyph *lg, float size_px, atlas_glyph *g,
                           bool *ok)
{
	uint32_t rgb = rgb_of(d->ink);
	atlas_result k = atlas_lookup(d->a, lg->face, lg->glyph, size_px, rgb, lg->sideways, g);
	if (k == ATLAS_FULL) {
		*ok = flush(d) && *ok;
		atlas_begin(d->a);
		k = atlas_lookup(d->a, lg->face, lg->glyph, size_px, rgb, lg->sideways, g);
		if (k == ATLAS_FULL) /* cannot happen with an empty batch; be safe */
			k = ATLAS_BOX;
	}
	return k;
}

static void put_glyph(drawer *d, const atlas_glyph *g, int x, int y)
{
	if (!d->direct)
		make_quad(&d->q[d->n++], g, (float)x, (float)y, (float)atlas_page_side(d->a), d->ink);
	else if (draw_blit_place(&d->t, atlas_page_surface(d->a, g->page), g, x, y, &d->b[d->n]))
		d->n++;
}

static bool draw_glyphs(drawer *d, const layout *l, float size_px, float x, float y)
{
	bool ok = true;

	for (size_t i = 0; i < l->nglyphs && ok; i++) {
		const layout_glyph *lg = &l->glyphs[i];
		int ox = (int)roundf(x + lg->x), oy = (int)roundf(y + lg->y);
		atlas_glyph g;
		atlas_result k = lg->face == LAYOUT_NO_FACE ? ATLAS_BOX
		                                            : lookup(d, lg, size_px, &g, &ok);
		if (k == ATLAS_GLYPH)
			put_glyph(d, &g, ox + g.left, oy - g.top);
		else if (k == ATLAS_BOX)
			ok = draw_box(d, ox, oy, lg->face == LAYOUT_NO_FACE ? lg->advance : size_px,
			              lg->sideways) && ok;
		else if (k == ATLAS_ERROR)
			ok = false;
	}
	return flush(d) && ok;
}

bool draw_layout(atlas *a, const layout *l, float size_px, float x, float y, SDL_Color color)
{
	drawer d = {.a = a, .ink = color};
	bool ok;

	if (!a || !(size_px > 0) || !isfinite(x) || !isfinite(y) || fabsf(x) > 1e8f ||
	    fabsf(y) > 1e8f)
		return SDL_SetError("draw_layout: bad arguments"), false;
	if (!l || l->nglyphs == 0)
		return true;
	d.direct = draw_target_open(a, &d.t);
	if (d.direct) {
		d.b = malloc(l->nglyphs * sizeof *d.b);
	} else {
		d.q = malloc(l->nglyphs * sizeof *d.q);
		d.verts = malloc(l->nglyphs * 4 * sizeof *d.verts);
		d.idx = malloc(l->nglyphs * 6 * sizeof *d.idx);
	}
	if (d.direct ? !d.b : !d.q || !d.verts || !d.idx) {
		ok = false;
		SDL_OutOfMemory();
		goto out;
	}
	atlas_begin(a);
	ok = draw_glyphs(&d, l, size_px, x, y);
out:
	free(d.b);
	free(d.q);
	free(d.verts);
	free(d.idx);
	return ok;
}

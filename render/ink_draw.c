/* ink_draw.c — ink triangles on a renderer: through SDL_RenderGeometry, or
 * rasterised straight into the software renderer's surface; live canvas
 * segments; ink cards. Nothing here logs: ink is note content. */
#include "ink_draw.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL_image.h>

#include "draw.h"
#include "draw_internal.h"
#include "ink_px.h"
#include "ink_raster.h"
#include "ink_split.h"

/* Draw the mesh once it holds this many vertices: bounds its memory for
 * big notes and keeps batches large. */
#define BATCH_VERTICES 65536
#define BATCH_SHAPES 16384
/* Notes with at least this many points are drawn by two threads on the
 * direct path (ink_split); below it waking the worker costs more than it
 * saves (bench "ink note" prints both sides of it). */
#define SPLIT_MIN_POINTS 1000
/* Refuse absurd cards instead of allocating gigabytes. */
#define CARD_MAX_SIDE 16384

const SDL_Color ink_draw_palette[INK_COLOURS] = {
	{0x2B, 0x26, 0x22, 0xFF}, /* dark ink: warm near-black */
	{0x27, 0x38, 0x4F, 0xFF}, /* blue-black: fountain-pen ink */
	{0xA8, 0x43, 0x2F, 0xFF}, /* warm red: brick, not alarm */
	{0x3E, 0x6B, 0x4C, 0xFF}, /* green: pine */
};

struct ink_drawer {
	SDL_Renderer *r;
	SDL_Surface *s;       /* the software renderer's surface, or NULL */
	ink_tess_mesh mesh;   /* reused by every call */
	float dirty[4];       /* bounds of the last call's ink: x0, y0, x1, y1 */
	bool split_on;        /* big notes on two threads (ink_draw_set_split) */
	ink_split *split;     /* made on the first big note */
};

static void begin_mesh(ink_drawer *d);

ink_drawer *ink_draw_new(SDL_Renderer *r)
{
	ink_drawer *d;
	if (!r || !(d = calloc(1, sizeof *d)))
		return NULL;
	d->r = r;
	d->split_on = true;
	begin_mesh(d);
	return d;
}

void ink_draw_destroy(ink_drawer *d)
{
	if (!d)
		return;
	ink_tess_mesh_free(&d->mesh);
	ink_split_destroy(d->split);
	free(d);
}

static bool format_ok(const SDL_Surface *s)
{
	return s->format->format == SDL_PIXELFORMAT_ARGB8888 ||
	       s->format->format == SDL_PIXELFORMAT_XRGB8888;
}

bool ink_draw_set_surface(ink_drawer *d, SDL_Surface *s)
{
	if (!d)
		return false;
	d->s = s && format_ok(s) ? s : NULL;
	return d->s == s;
}

/* Whether the direct path can draw now: a surface the renderer draws to
 * itself, unscaled. */
static bool direct_ready(ink_drawer *d)
{
	SDL_Surface *s = d->s;
	float sx = 0, sy = 0;

	if (!s || SDL_MUSTLOCK(s) || !s->pixels || SDL_GetRenderTarget(d->r) || !format_ok(s))
		return false;
	SDL_RenderGetScale(d->r, &sx, &sy);
	return sx == 1.0f && sy == 1.0f;
}

/* If the direct path can draw now, flushes the renderer's queue (what was
 * drawn before lands first) and fills *t. */
static bool target_open(ink_drawer *d, ink_raster_target *t)
{
	SDL_Rect vp;

	if (!direct_ready(d) || SDL_RenderFlush(d->r) != 0)
		return false;
	t->s = d->s;
	t->clip = draw_renderer_clip(d->r, d->s, &vp);
	t->ox = (float)vp.x;
	t->oy = (float)vp.y;
	return true;
}

/* ---- the renderer path ---- */

/* ink_tess_rgba is laid out as SDL_Color, and a vertex's position as two
 * floats: SDL reads the mesh where it is, with strides, instead of a copy
 * as SDL_Vertex (0.2 ms of the ~2 ms a 5,000-point note's triangles cost
 * the CPU on a GL renderer here). */
_Static_assert(sizeof(ink_tess_rgba) == sizeof(SDL_Color) &&
                   offsetof(ink_tess_rgba, r) == offsetof(SDL_Color, r) &&
                   offsetof(ink_tess_rgba, g) == offsetof(SDL_Color, g) &&
                   offsetof(ink_tess_rgba, b) == offsetof(SDL_Color, b) &&
                   offsetof(ink_tess_rgba, a) == offsetof(SDL_Color, a),
               "ink_tess_rgba is laid out as SDL_Color");
_Static_assert(offsetof(ink_tess_vertex, y) == offsetof(ink_tess_vertex, x) + sizeof(float),
               "a vertex's x and y are two floats in a row");

static bool render_mesh(ink_drawer *d, const ink_tess_mesh *m)
{
	const int stride = (int)sizeof(ink_tess_vertex);
	return SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND) == 0 &&
	       SDL_RenderGeometryRaw(d->r, NULL, &m->v[0].x, stride, (const SDL_Color *)&m->v[0].c,
	                             stride, NULL, 0, (int)m->nv, m->idx, (int)m->ni,
	                             (int)sizeof *m->idx) == 0;
}

/* Empties the drawer's mesh and picks what it collects: shapes when they
 * can be rasterised straight into the surface, else triangles. Starts a
 * new dirty rect. */
static void begin_mesh(ink_drawer *d)
{
	ink_tess_mesh_clear(&d->mesh);
	d->mesh.shapes = direct_ready(d);
	d->dirty[0] = d->dirty[1] = INFINITY;
	d->dirty[2] = d->dirty[3] = -INFINITY;
}

/* Widens the dirty rect by what m will draw. A band reaches at most ho
 * times its mitre's stretch (under 1.1) beyond its centre line. min_f and
 * max_f, not fminf and fmaxf (library calls: a tenth of a big note's
 * drawing time); with the new value first, a NaN one is passed over as
 * fminf would. */
static void grow_dirty(ink_drawer *d, const ink_tess_mesh *m)
{
	float *b = d->dirty;
	for (size_t i = 0; i < m->nv; i++) {
		b[0] = min_f(m->v[i].x, b[0]), b[1] = min_f(m->v[i].y, b[1]);
		b[2] = max_f(m->v[i].x, b[2]), b[3] = max_f(m->v[i].y, b[3]);
	}
	for (size_t i = 0; i < m->ns; i++) {
		const ink_tess_shape *s = &m->s[i];
		float r = s->ho * 1.1f;
		b[0] = min_f(min_f(s->ax, s->bx) - r, b[0]), b[1] = min_f(min_f(s->ay, s->by) - r, b[1]);
		b[2] = max_f(max_f(s->ax, s->bx) + r, b[2]), b[3] = max_f(max_f(s->ay, s->by) + r, b[3]);
	}
}

SDL_Rect ink_draw_dirty(const ink_drawer *d)
{
	const float *b = d ? d->dirty : NULL;
	if (!b || !(b[0] <= b[2]) || !(b[1] <= b[3]))
		return (SDL_Rect){0, 0, 0, 0};
	float x0 = floorf(b[0]) - 1, y0 = floorf(b[1]) - 1, x1 = ceilf(b[2]) + 1, y1 = ceilf(b[3]) + 1;
	x0 = fmaxf(x0, -1e8f), y0 = fmaxf(y0, -1e8f), x1 = fminf(x1, 1e8f), y1 = fminf(y1, 1e8f);
	return (SDL_Rect){(int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0)};
}

/* Draws a mesh whose indices are known to be in range. */
static bool draw_mesh(ink_drawer *d, const ink_tess_mesh *m)
{
	ink_raster_target t;
	if (m->ni == 0 && m->ns == 0)
		return true;
	if (target_open(d, &t)) {
		ink_raster_triangles(&t, m);
		ink_raster_shapes(&t, m->s, m->ns);
		return true;
	}
	if (m->ns)
		return SDL_SetError("ink shapes need the drawer's software surface"), false;
	return render_mesh(d, m);
}

bool ink_draw_mesh(ink_drawer *d, const ink_tess_mesh *m)
{
	if (!d || !m || (m->ni && (!m->idx || !m->v)) || (m->ns && !m->s) || m->ni % 3)
		return SDL_SetError("ink_draw_mesh: bad arguments"), false;
	for (size_t k = 0; k < m->ni; k++)
		if (m->idx[k] < 0 || (size_t)m->idx[k] >= m->nv)
			return SDL_SetError("ink_draw_mesh: index out of range"), false;
	begin_mesh(d);
	grow_dirty(d, m);
	return draw_mesh(d, m);
}

/* Draws and empties the drawer's mesh (made by ink_tess: valid). */
static bool flush(ink_drawer *d)
{
	grow_dirty(d, &d->mesh);
	bool ok = draw_mesh(d, &d->mesh);
	ink_tess_mesh_clear(&d->mesh);
	return ok;
}

static ink_tess_rgba rgba_of(SDL_Color c)
{
	return (ink_tess_rgba){c.r, c.g, c.b, c.a};
}

void ink_draw_set_split(ink_drawer *d, bool on)
{
	if (d)
		d->split_on = on;
}

/* Whether note k goes to ink_split: big enough to be worth a second
 * thread, within the format's limits (the meshes are not batched), and
 * the direct path is open. */
static bool split_wanted(ink_drawer *d, const ink *k)
{
	if (!d->split_on || k->npoints < SPLIT_MIN_POINTS || k->npoints > INK_MAX_POINTS ||
	    !direct_ready(d))
		return false;
	return d->split || (d->split = ink_split_new()) != NULL;
}

/* Note k on two threads, straight into the surface. */
static bool draw_note_split(ink_drawer *d, const ink *k, const ink_tess_xform *xf, float pen_px,
                            const ink_tess_rgba pal[INK_COLOURS])
{
	ink_raster_target t;
	begin_mesh(d);
	if (!target_open(d, &t))
		return SDL_SetError("ink_draw_note: the renderer failed to flush"), false;
	if (!ink_split_note(d->split, &t, k, xf, pen_px, pal, d->dirty))
		return SDL_SetError("ink_draw_note: bad pen or rect, or out of memory"), false;
	return true;
}

bool ink_draw_note(ink_drawer *d, const ink *k, SDL_FRect into,
                   const SDL_Color palette[INK_COLOURS], float pen_px)
{
	ink_tess_rgba pal[INK_COLOURS];
	ink_tess_xform xf;

	if (!d || !k || !palette || (!k->strokes && k->nstrokes) || (!k->points && k->npoints))
		return SDL_SetError("ink_draw_note: bad arguments"), false;
	for (int c = 0; c < INK_COLOURS; c++)
		pal[c] = rgba_of(palette[c]);
	xf = ink_tess_fit(k->width, k->height, into.x, into.y, into.w, into.h);
	if (split_wanted(d, k))
		return draw_note_split(d, k, &xf, pen_px, pal);
	begin_mesh(d);
	for (size_t s = 0; s < k->nstrokes; s++) {
		if (!ink_tess_strokes(&d->mesh, k, s, s + 1, &xf, pen_px, pal)) {
			ink_tess_mesh_clear(&d->mesh);
			return SDL_SetError("ink_draw_note: bad pen or rect, or out of memory"), false;
		}
		if ((d->mesh.nv >= BATCH_VERTICES || d->mesh.ns >= BATCH_SHAPES) && !flush(d))
			return false;
	}
	return flush(d);
}

/* ---- the live canvas ---- */

bool ink_draw_segment(ink_drawer *d, ink_tess_live *lv, const ink_point *pts, size_t n)
{
	if (!d)
		return SDL_SetError("ink_draw_segment: bad arguments"), false;
	begin_mesh(d);
	if (!ink_tess_live_add(lv, pts, n, &d->mesh))
		return SDL_SetError("ink_draw_segment: no stroke begun, or out of memory"), false;
	return flush(d);
}

bool ink_draw_end(ink_drawer *d, ink_tess_live *lv)
{
	if (!d)
		return SDL_SetError("ink_draw_end: bad arguments"), false;
	begin_mesh(d);
	if (!ink_tess_live_end(lv, &d->mesh))
		return SDL_SetError("ink_draw_end: no stroke begun, or out of memory"), false;
	return flush(d);
}

bool ink_draw_preview(ink_drawer *d, const ink_tess_live *lv)
{
	if (!d)
		return SDL_SetError("ink_draw_preview: bad arguments"), false;
	begin_mesh(d);
	if (!ink_tess_live_preview(lv, &d->mesh))
		return SDL_SetError("ink_draw_preview: no stroke begun, or out of memory"), false;
	return flush(d);
}

/* ---- cards ---- */

/* The bounds of k's points in grid units. False if it has none. */
static bool ink_bounds(const ink *k, int *x0, int *y0, int *x1, int *y1)
{
	bool any = false;
	*x0 = *y0 = INT32_MAX;
	*x1 = *y1 = -1;
	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (st->first > k->npoints || st->count > k->npoints - st->first)
			continue;
		for (size_t i = st->first; i < (size_t)st->first + st->count; i++) {
			ink_point p = k->points[i];
			*x0 = SDL_min(*x0, (int)p.x), *x1 = SDL_max(*x1, (int)p.x);
			*y0 = SDL_min(*y0, (int)p.y), *y1 = SDL_max(*y1, (int)p.y);
			any = true;
		}
	}
	return any;
}

/* The card's size and the ink's transform on it. */
static bool card_layout(const ink *k, float canvas_px, int padding, int *w, int *h,
                        ink_tess_xform *xf)
{
	int x0, y0, x1, y1;
	/* Grid units keep one size (ink_tess_fit): a canvas smaller than the
	 * grid, a dot's, is not blown up to canvas_px. */
	float scale = canvas_px / (float)INK_GRID;
	float pen = ink_tess_pen_px(&(ink_tess_xform){scale, 0, 0});
	float reach = (pen + INK_TESS_FEATHER) / 2;

	if (!ink_bounds(k, &x0, &y0, &x1, &y1)) {
		*w = *h = SDL_max(1, 2 * padding);
		*xf = (ink_tess_xform){scale, 0, 0};
		return true;
	}
	float iw = (float)(x1 - x0) * scale + 2 * reach, ih = (float)(y1 - y0) * scale + 2 * reach;
	if (!(iw < CARD_MAX_SIDE && ih < CARD_MAX_SIDE))
		return false;
	*w = (int)ceilf(iw) + 2 * padding;
	*h = (int)ceilf(ih) + 2 * padding;
	/* Centre the points' bounds: (x0 + 0.5) * scale lands at the middle
	 * minus half their extent. */
	xf->scale = scale;
	xf->ox = ((float)*w - (float)(x1 - x0) * scale) / 2 - ((float)x0 + 0.5f) * scale;
	xf->oy = ((float)*h - (float)(y1 - y0) * scale) / 2 - ((float)y0 + 0.5f) * scale;
	return *w <= CARD_MAX_SIDE && *h <= CARD_MAX_SIDE;
}

SDL_Surface *ink_card_surface(const ink *k, float canvas_px, int padding, char *err,
                              size_t errlen)
{
	SDL_Color paper = DRAW_PAPER;
	SDL_Surface *s = NULL;
	SDL_Renderer *r = NULL;
	ink_drawer *d = NULL;
	ink_tess_xform xf;
	ink_tess_rgba pal[INK_COLOURS];
	int w, h;

	if (!k || !(canvas_px > 0) || canvas_px > CARD_MAX_SIDE * 16.0f || padding < 0 ||
	    padding > CARD_MAX_SIDE || !card_layout(k, canvas_px, padding, &w, &h, &xf)) {
		SDL_SetError("bad arguments or card too large");
		draw_set_err(err, errlen, "ink card");
		return NULL;
	}
	for (int c = 0; c < INK_COLOURS; c++)
		pal[c] = rgba_of(ink_draw_palette[c]);
	if (!(s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888)) ||
	    !(r = SDL_CreateSoftwareRenderer(s)) || !(d = ink_draw_new(r))) {
		draw_set_err(err, errlen, "ink card surface");
		goto err_free;
	}
	ink_draw_set_surface(d, s);
	SDL_SetRenderDrawColor(r, paper.r, paper.g, paper.b, paper.a);
	SDL_RenderClear(r);
	begin_mesh(d);
	if (!ink_tess_note(&d->mesh, k, &xf, ink_tess_pen_px(&xf), pal) || !flush(d)) {
		SDL_SetError("out of memory or renderer failure");
		draw_set_err(err, errlen, "drawing the ink card");
		goto err_free;
	}
	SDL_RenderFlush(r);
	ink_draw_destroy(d);
	SDL_DestroyRenderer(r);
	return s;
err_free:
	ink_draw_destroy(d);
	if (r)
		SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	return NULL;
}

bool ink_card_png(const ink *k, float canvas_px, int padding, const char *path, char *err,
                  size_t errlen)
{
	SDL_Surface *s;

	if (!path) {
		if (err && errlen)
			snprintf(err, errlen, "ink_card_png: no path");
		return false;
	}
	if (!(s = ink_card_surface(k, canvas_px, padding, err, errlen)))
		return false;
	return draw_card_save(s, path, err, errlen);
}

/* ink_tess.h — handwritten strokes as triangles: smoothing and stroking.
 *
 * A stroke's grid points (storage/ink.h) become a smooth curve and then a
 * thick line of one uniform width, as an indexed triangle mesh that any
 * renderer can draw (SDL_RenderGeometry), or as the same outline in
 * analytic shapes for ink_draw's scanline rasteriser on a software
 * surface:
 *
 *   1. points are mapped from grid units to target pixels (ink_tess_fit)
 *      and points closer than INK_TESS_MIN_STEP px to the last kept one
 *      are dropped, so a still pen does not make zero-length segments;
 *   2. each segment becomes a centripetal Catmull-Rom curve through its
 *      neighbours (no cusps or loops, unlike the uniform kind), cut into
 *      as many straight pieces as keep it within INK_TESS_FLAT px of the
 *      true curve: one on tiny cards, more on the big canvas;
 *   3. runs of those pieces that one straight piece passes within
 *      INK_TESS_MERGE px of become that piece: fewer, longer parts to
 *      draw (the direct path's cost follows their count) for a line that
 *      moves by a fraction of a pixel;
 *   4. that polyline is stroked: mitred cross-sections where it bends
 *      gently, round joins where it turns sharply (or bends tighter than
 *      the pen is wide, where a mitre would fold), round caps at both
 *      ends, a round dot for a stroke that never moved. Every part has a
 *      core of full alpha and an outer ring INK_TESS_FEATHER px wide whose
 *      outer vertices have alpha 0, so edges look soft without MSAA.
 *      Neighbouring parts share their cross-sections exactly: no seams.
 *
 * The work streams: an ink_tess_live takes a growing stroke's points as
 * they arrive and emits only the part that can no longer change (each
 * curve piece needs the point after next, and a straight run stays open
 * until a point strays from it). Tessellating a stroke whole is
 * the same machine fed everything at once, so the live canvas draws
 * exactly the triangles a card of the same size would.
 *
 * No SDL, no I/O, no allocation except growing the caller's mesh. */
#ifndef TREEHOLE_INK_TESS_H
#define TREEHOLE_INK_TESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* storage/ink.h, the data model; render/ needs only its types. */
#include "../storage/ink.h"

#define INK_TESS_FEATHER 1.0f   /* px: width of the soft edge ring */
#define INK_TESS_FLAT 0.15f     /* px: how far curve pieces may stray from the curve */
#define INK_TESS_MIN_STEP 0.5f  /* px: points closer to the last kept one are dropped */
/* px: how far a merged piece may stray from the pieces it stands for;
 * with INK_TESS_FLAT, the line stays within 0.4 px of the curve, well
 * inside the feathered rim */
#define INK_TESS_MERGE 0.25f
#define INK_TESS_PEN_GRID 20.0f /* the uniform pen: its width in grid units */

/* A colour with straight alpha; the same layout as SDL_Color. */
typedef struct ink_tess_rgba {
	uint8_t r, g, b, a;
} ink_tess_rgba;

/* One vertex: target pixels and colour (alpha 0 on the feathered rim). */
typedef struct ink_tess_vertex {
	float x, y;
	ink_tess_rgba c;
} ink_tess_vertex;

/* A cut across the line: the line through (x, y) whose normal (fx, fy)
 * (unit length) points the way the stroke goes. s(p) = f . (p - (x, y)). */
typedef struct ink_tess_cut {
	float x, y, fx, fy;
} ink_tess_cut;

/* The same parts as analytic shapes, for a scanline rasteriser: a pixel
 * centre p belongs to a shape if it lies within `ho` of the shape's
 * centre line a -> b (INK_TESS_BAND, the infinite line) or of its centre
 * a (INK_TESS_ROUND), and s_from(p) >= 0 if INK_TESS_FROM is set, and
 * s_to(p) < 0 if INK_TESS_TO is set. Its alpha is colour.a times
 * clamp((ho - distance) / (ho - hi), 0, 1). Consecutive shapes of a
 * stroke share cuts, computed once, so each pixel falls in exactly one of
 * them: no seam and no double blend. */
typedef enum ink_tess_kind {
	INK_TESS_BAND,
	INK_TESS_ROUND,
} ink_tess_kind;

#define INK_TESS_FROM 1u
#define INK_TESS_TO 2u

typedef struct ink_tess_shape {
	float ax, ay, bx, by;      /* band: centre line; round: centre (a) */
	float hi, ho;              /* half-widths of the core and of the rim, px */
	ink_tess_cut from, to;
	ink_tess_rgba colour;
	uint8_t kind;              /* ink_tess_kind */
	uint8_t cuts;              /* INK_TESS_FROM | INK_TESS_TO */
} ink_tess_shape;

/* What ink_tess_* append to: triangles (every three entries of idx are one
 * triangle of v; for SDL_RenderGeometry), or, while `shapes` is set, the
 * same ink as analytic shapes (for ink_draw's software rasteriser).
 * Zero-initialise, then set `shapes` as wanted; calls append and grow the
 * arrays, so one mesh cleared and reused each frame stops allocating once
 * it is big enough. Counts stay below INT_MAX (what SDL_RenderGeometry
 * takes). */
typedef struct ink_tess_mesh {
	bool shapes;
	ink_tess_vertex *v;
	int *idx;
	size_t nv, ni;
	size_t cap_v, cap_i;
	ink_tess_shape *s;
	size_t ns, cap_s;
} ink_tess_mesh;

/* Empties m (triangles and shapes), keeping its memory and mode. */
void ink_tess_mesh_clear(ink_tess_mesh *m);

/* Frees m's arrays and zeroes it. Accepts NULL and an empty mesh. */
void ink_tess_mesh_free(ink_tess_mesh *m);

/* Grid units to target pixels: px = ox + (gx + 0.5) * scale, likewise y
 * (a point stands for the centre of its grid cell). */
typedef struct ink_tess_xform {
	float scale, ox, oy;
} ink_tess_xform;

/* The transform that fits a canvas of grid_w x grid_h units into the rect
 * (x, y, w, h) px, as large as fits with the aspect kept, centred. Grid
 * units keep one size: a canvas whose longer side is under INK_GRID (a
 * dot's is 1 x 1) is drawn at the scale of one that spans the grid, in
 * the middle, so its pen is the pen of every other note. The pen reaches
 * half its width beyond the canvas where ink touches its edge. A zero
 * grid size or a rect without area gives scale 0 (everything collapses
 * to the rect's centre). */
ink_tess_xform ink_tess_fit(uint16_t grid_w, uint16_t grid_h, float x, float y, float w, float h);

/* The uniform pen's width in px at transform xf: INK_TESS_PEN_GRID grid
 * units, but at least 1 px so that tiny thumbnails still show the
 * strokes. */
float ink_tess_pen_px(const ink_tess_xform *xf);

/* Appends one whole stroke (triangles, or shapes if m->shapes): points pts[0..n) in grid
 * units, drawn at xf with a pen `pen_px` wide in `colour`. A pen thinner
 * than the feather is drawn feather-wide with its alpha scaled down, so a
 * hairline keeps its weight. n == 0 appends nothing and succeeds. Returns
 * false if the arguments are bad (NULL, a non-finite or negative pen or
 * transform) or memory ran out; the mesh then holds what it held before. */
bool ink_tess_stroke(ink_tess_mesh *m, const ink_point *pts, size_t n, const ink_tess_xform *xf,
                     float pen_px, ink_tess_rgba colour);

/* Appends every stroke of note k, stroke s in palette[k->strokes[s].colour]
 * (colours past the palette use palette[0]). Strokes whose point range
 * lies outside k->points are skipped; the note is not otherwise checked
 * (storage's ink_check does that). Same errors as ink_tess_stroke. */
bool ink_tess_note(ink_tess_mesh *m, const ink *k, const ink_tess_xform *xf, float pen_px,
                   const ink_tess_rgba palette[INK_COLOURS]);

/* ink_tess_note for strokes [s0, s1) of k only (s0 <= s1 <= k->nstrokes,
 * else false): a note drawn in batches, or shared out between threads. */
bool ink_tess_strokes(ink_tess_mesh *m, const ink *k, size_t s0, size_t s1,
                      const ink_tess_xform *xf, float pen_px,
                      const ink_tess_rgba palette[INK_COLOURS]);

/* ---- live strokes: only the newest segments ---- */

/* One growing stroke. Owned by the caller (ink_tess_live_destroy); holds
 * no pointer to the points, only the few it still needs. */
typedef struct ink_tess_live ink_tess_live;

/* A new, idle live stroke, or NULL when out of memory. */
ink_tess_live *ink_tess_live_new(void);

/* Frees lv. Accepts NULL. */
void ink_tess_live_destroy(ink_tess_live *lv);

/* Starts a new stroke at transform xf with pen `pen_px` in `colour`,
 * forgetting any stroke before. Returns false (lv idle) on bad arguments
 * as for ink_tess_stroke. */
bool ink_tess_live_begin(ink_tess_live *lv, const ink_tess_xform *xf, float pen_px,
                         ink_tess_rgba colour);

/* Feeds the stroke's next points, pts[0..n), and appends to m the part of
 * the stroke that they made final: the bands up to where the newest
 * straight run began (that run and the last segment stay provisional),
 * often nothing. Returns false if lv is idle or memory ran out; lv and m
 * are then as before the call, so it can be retried. */
bool ink_tess_live_add(ink_tess_live *lv, const ink_point *pts, size_t n, ink_tess_mesh *m);

/* Appends the rest of the stroke, with its end cap (or the dot, if the
 * pen never moved), and makes lv idle. Together, everything appended by
 * _add and _end is exactly what ink_tess_stroke appends for the same
 * points. False if lv is idle or memory ran out (lv unchanged). */
bool ink_tess_live_end(ink_tess_live *lv, ink_tess_mesh *m);

/* Appends what _end would, without changing lv: the provisional tail from
 * the last final part to the newest point, for drawing on top of the
 * committed ink each frame until more points arrive. False if lv is idle
 * or memory ran out. */
bool ink_tess_live_preview(const ink_tess_live *lv, ink_tess_mesh *m);

/* Whether lv holds a stroke (between _begin and _end). */
bool ink_tess_live_active(const ink_tess_live *lv);

#endif

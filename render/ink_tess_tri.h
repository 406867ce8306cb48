/* ink_tess_tri.h — the stroker's parts as triangles, and the little
 * geometry they share with it (internal to th_render: ink_tess.c emits
 * through it when a mesh takes triangles, the SDL_RenderGeometry path).
 *
 * A band runs between two cross-sections; a round part is a pie slice or
 * a whole disc. Each has a core of full alpha and a ring
 * INK_TESS_FEATHER px wide whose outer vertices have alpha 0, so edges
 * look soft without MSAA. The shapes path (ink_tess.c, put_shape)
 * describes the same regions analytically. */
#ifndef TREEHOLE_INK_TESS_TRI_H
#define TREEHOLE_INK_TESS_TRI_H

#include <stdbool.h>

#include "ink_tess.h"

typedef struct ink_tess_v2 {
	float x, y;
} ink_tess_v2;

static inline ink_tess_v2 ink_tess_add(ink_tess_v2 a, ink_tess_v2 b) { return (ink_tess_v2){a.x + b.x, a.y + b.y}; }
static inline ink_tess_v2 ink_tess_sub(ink_tess_v2 a, ink_tess_v2 b) { return (ink_tess_v2){a.x - b.x, a.y - b.y}; }
static inline ink_tess_v2 ink_tess_mul(ink_tess_v2 a, float s) { return (ink_tess_v2){a.x * s, a.y * s}; }
/* The left normal: d turned a quarter towards +y. */
static inline ink_tess_v2 ink_tess_normal(ink_tess_v2 d) { return (ink_tess_v2){-d.y, d.x}; }

/* Where a band starts or ends: the line through q whose normal f (unit)
 * points the way the stroke goes, as the shapes take it (ink_tess_cut).
 * The triangles' cross-section runs along the line, ink_tess_normal(f), its
 * offsets stretched by `stretch` (a mitre is longer than the pen is
 * wide). A square cut's f is the stroke's direction. */
typedef struct ink_tess_xsec {
	ink_tess_v2 q, f;
	float stretch;
} ink_tess_xsec;

/* The pen a stroke's parts are made with. */
typedef struct ink_tess_pen {
	float hi, ho;               /* half-widths of the core and of the rim, px */
	float arc_step;             /* ink_tess_arc_step(ho): round parts' largest step */
	ink_tess_rgba solid, clear; /* colours of core and rim vertices */
} ink_tess_pen;

/* The largest angle of an arc step at the rim's radius: its chord stays
 * within INK_TESS_FLAT of the circle. */
float ink_tess_arc_step(float radius);

/* Appends the band between cross-sections a and b: two feather quads
 * and the core (none for a hairline, hi 0). False when the mesh cannot
 * grow (ink_tess_mesh_reserve): m's counts are then unchanged. */
bool ink_tess_tri_band(ink_tess_mesh *m, const ink_tess_pen *pen, const ink_tess_xsec *a,
                       const ink_tess_xsec *b);

/* Appends a round part around c, core fan plus feather ring: the pie
 * slice from direction u0 (unit) turning by the angle whose cosine and
 * sine are `turn`, or the whole disc if `whole`. False as
 * ink_tess_tri_band. */
bool ink_tess_tri_round(ink_tess_mesh *m, const ink_tess_pen *pen, ink_tess_v2 c, ink_tess_v2 u0,
                        ink_tess_v2 turn, bool whole);

#endif

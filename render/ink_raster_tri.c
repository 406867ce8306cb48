/* ink_raster_tri.c — ink triangles blended straight into a 32-bit
 * surface, by scanline: the direct path for meshes made as triangles. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "ink_px.h"
#include "ink_raster.h"

/* A triangle corner in surface px; a is its alpha, 0..255. */
typedef struct corner {
	float x, y, a;
} corner;

static bool before(const corner *p, const corner *q)
{
	return p->y < q->y || (p->y == q->y && p->x < q->x);
}

/* x where edge p -> q (p before q) meets row centre yc. Both triangles
 * sharing an edge see its ends in the same order and compute the same x,
 * so each pixel on it goes to exactly one of them. */
static float edge_x(const corner *p, const corner *q, float yc)
{
	return p->x + (yc - p->y) * ((q->x - p->x) / (q->y - p->y));
}

static void tri_span(uint32_t *row, int i0, int i1, float a, float da, uint32_t rgb)
{
	uint64_t rgb4 = spread(0xFF000000u | rgb);
	for (int i = i0; i < i1; i++, a += da) {
		float c = a < 0 ? 0 : a > 255 ? 255 : a;
		uint32_t a8 = (uint32_t)(c + 0.5f);
		if (a8 == 255)
			row[i] = 0xFF000000u | rgb;
		else if (a8)
			row[i] = blend(rgb4, row[i], a8);
	}
}

static void sort3(corner v[3])
{
	corner tmp;
	if (before(&v[1], &v[0]))
		tmp = v[0], v[0] = v[1], v[1] = tmp;
	if (before(&v[2], &v[1]))
		tmp = v[1], v[1] = v[2], v[2] = tmp;
	if (before(&v[1], &v[0]))
		tmp = v[0], v[0] = v[1], v[1] = tmp;
}

static void raster_tri(const ink_raster_target *t, corner v[3], uint32_t rgb)
{
	sort3(v);
	float ex1 = v[1].x - v[0].x, ey1 = v[1].y - v[0].y;
	float ex2 = v[2].x - v[0].x, ey2 = v[2].y - v[0].y;
	float area = ex1 * ey2 - ex2 * ey1;
	if (!(fabsf(area) > 1e-12f) || !isfinite(area))
		return;
	float ga = ((v[1].a - v[0].a) * ey2 - (v[2].a - v[0].a) * ey1) / area;
	float gb = ((v[2].a - v[0].a) * ex1 - (v[1].a - v[0].a) * ex2) / area;
	int cx0 = t->clip.x, cx1 = t->clip.x + t->clip.w;
	int j1 = min_i(at_or_after(v[2].y), t->clip.y + t->clip.h);

	for (int j = max_i(at_or_after(v[0].y), t->clip.y); j < j1; j++) {
		float yc = (float)j + 0.5f;
		float xa = edge_x(&v[0], &v[2], yc);
		float xb = yc < v[1].y ? edge_x(&v[0], &v[1], yc) : edge_x(&v[1], &v[2], yc);
		int i0 = max_i(at_or_after(min_f(xa, xb)), cx0);
		int i1 = min_i(at_or_after(max_f(xa, xb)), cx1);
		if (i0 >= i1)
			continue;
		float a = v[0].a + ga * ((float)i0 + 0.5f - v[0].x) + gb * (yc - v[0].y);
		tri_span(row_of(t, j), i0, i1, a, ga, rgb);
	}
}

void ink_raster_triangles(const ink_raster_target *t, const ink_tess_mesh *m)
{
	for (size_t k = 0; k + 2 < m->ni; k += 3) {
		corner c[3];
		for (int j = 0; j < 3; j++) {
			const ink_tess_vertex *v = &m->v[m->idx[k + (size_t)j]];
			c[j] = (corner){v->x + t->ox, v->y + t->oy, (float)v->c.a};
		}
		const ink_tess_rgba *rgb = &m->v[m->idx[k]].c;
		raster_tri(t, c, (uint32_t)rgb->r << 16 | (uint32_t)rgb->g << 8 | rgb->b);
	}
}

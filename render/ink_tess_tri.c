/* ink_tess_tri.c — the stroker's parts as feathered triangles. */
#include "ink_tess_tri.h"
#include "ink_tess_mesh.h"

#include <math.h>

#define PI_F 3.14159265358979f
#define MAX_ARC_STEPS 96 /* steps of a full circle at most */

typedef ink_tess_v2 v2;

static int put_vertex(ink_tess_mesh *m, v2 p, ink_tess_rgba c)
{
	m->v[m->nv] = (ink_tess_vertex){p.x, p.y, c};
	return (int)m->nv++;
}

static void put_tri(ink_tess_mesh *m, int a, int b, int c)
{
	m->idx[m->ni++] = a;
	m->idx[m->ni++] = b;
	m->idx[m->ni++] = c;
}

/* The four points of a cross-section: outer left, inner left, inner
 * right, outer right. */
static void xsec_points(const ink_tess_pen *pen, const ink_tess_xsec *c, v2 p[4])
{
	v2 m = ink_tess_normal(c->f);
	v2 i = ink_tess_mul(m, pen->hi * c->stretch), o = ink_tess_mul(m, pen->ho * c->stretch);
	p[0] = ink_tess_add(c->q, o);
	p[1] = ink_tess_add(c->q, i);
	p[2] = ink_tess_sub(c->q, i);
	p[3] = ink_tess_sub(c->q, o);
}

bool ink_tess_tri_band(ink_tess_mesh *m, const ink_tess_pen *pen, const ink_tess_xsec *a,
                       const ink_tess_xsec *b)
{
	v2 pa[4], pb[4];
	int ia[4], ib[4];

	if (!ink_tess_mesh_reserve(m, 8, 18))
		return false;
	xsec_points(pen, a, pa);
	xsec_points(pen, b, pb);
	for (int j = 0; j < 4; j++) {
		ink_tess_rgba c = j == 0 || j == 3 ? pen->clear : pen->solid;
		ia[j] = put_vertex(m, pa[j], c);
		ib[j] = put_vertex(m, pb[j], c);
	}
	for (int j = 0; j < 3; j++) {
		if (j == 1 && !(pen->hi > 0))
			continue; /* a hairline has no core */
		put_tri(m, ia[j], ia[j + 1], ib[j + 1]);
		put_tri(m, ia[j], ib[j + 1], ib[j]);
	}
	return true;
}

float ink_tess_arc_step(float radius)
{
	return radius > INK_TESS_FLAT ? 2.0f * acosf(1.0f - INK_TESS_FLAT / radius) : PI_F / 2;
}

/* Steps for an arc of `sweep` radians, each at most `step`
 * (ink_tess_arc_step) and at most MAX_ARC_STEPS a full circle. */
static int arc_steps(float step, float sweep)
{
	float n = ceilf(fabsf(sweep) / step);
	float most = ceilf(MAX_ARC_STEPS * fabsf(sweep) / (2 * PI_F));
	return (int)fmaxf(1.0f, fminf(n, fmaxf(most, 1.0f)));
}

/* The arc's directions are u0 turned step by step (a complex product
 * each): one sine and cosine a part, not one a vertex; after 96 steps the
 * direction strays by some 6e-6 of the radius at most. */
bool ink_tess_tri_round(ink_tess_mesh *m, const ink_tess_pen *pen, v2 c, v2 u0, v2 turn, bool whole)
{
	float sweep = whole ? 2 * PI_F : atan2f(turn.y, turn.x);
	int n = arc_steps(pen->arc_step, sweep);
	float da = sweep / (float)n;
	v2 rot = {cosf(da), sinf(da)}, u = u0;
	if (!ink_tess_mesh_reserve(m, 1 + 2 * ((size_t)n + 1), 9 * (size_t)n))
		return false;
	int centre = put_vertex(m, c, pen->solid), pin = -1, pout = -1;
	for (int j = 0; j <= n; j++, u = (v2){u.x * rot.x - u.y * rot.y, u.x * rot.y + u.y * rot.x}) {
		int in = put_vertex(m, ink_tess_add(c, ink_tess_mul(u, pen->hi)), pen->solid);
		int out = put_vertex(m, ink_tess_add(c, ink_tess_mul(u, pen->ho)), pen->clear);
		if (j > 0) {
			if (pen->hi > 0)
				put_tri(m, centre, pin, in);
			put_tri(m, pin, pout, out);
			put_tri(m, pin, out, in);
		}
		pin = in;
		pout = out;
	}
	return true;
}

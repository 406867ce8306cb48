/* ink_tess.c — strokes smoothed (centripetal Catmull-Rom) and stroked into
 * feathered triangles, as a stream: points in, final triangles out.
 *
 * Three stages run point by point: keep (map to px, drop points too close
 * to the last kept one), smooth (a segment becomes curve pieces once the
 * point after its end is known) and stroke (a polyline vertex gets its
 * cross-section once the direction after it is known). Each stage holds
 * only the few points it still needs, so a live stroke costs the same per
 * point however long it grows, and a stroke fed whole or in pieces goes
 * through the same decisions and gives the same triangles. */
#include "ink_tess.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI_F 3.14159265358979f
#define HALF_TURN ((v2){-1.0f, 0.0f}) /* cosine and sine of pi */
/* Bends up to this turn get a mitred cross-section; sharper ones a round
 * join. cos 40°: the mitre then widens the line by at most 6%. */
#define GENTLE_COS 0.766f
#define MAX_PIECES 16       /* curve pieces per segment at most */
/* A turn sharper than 75 degrees between kept points is a corner. */
#define CORNER_COS 0.26f
#define MAX_ARC_STEPS 96    /* steps of a full circle at most */
/* Larger coordinates or pens are refused: floats there lose the pixel. */
#define MAX_PX 1e7f
/* Polyline points closer than this (px) add nothing but noise. */
#define MIN_PIECE 1e-3f

typedef struct v2 {
	float x, y;
} v2;

/* Where a band starts or ends: the line through q along unit vector m
 * (the cross-section's direction), whose offsets are stretched by
 * `stretch` (a mitre is longer than the pen is wide). */
typedef struct cut {
	v2 q, m;
	float stretch;
} cut;

struct ink_tess_live {
	bool active;
	ink_tess_xform xf;
	float hi, ho;               /* half-widths of the core and of the rim, px */
	ink_tess_rgba solid, clear; /* colours of core and rim vertices */
	/* keep + smooth: the last three kept points, k[2] the newest */
	v2 k[3];
	size_t nk;
	/* stroke: the last polyline point, the direction into it, and the
	 * cross-section where the band still open starts */
	v2 qlast, din;
	float lin;                  /* length of the piece into qlast */
	size_t nq;
	cut start;
};

/* ---- vectors ---- */

static v2 add(v2 a, v2 b) { return (v2){a.x + b.x, a.y + b.y}; }
static v2 sub(v2 a, v2 b) { return (v2){a.x - b.x, a.y - b.y}; }
static v2 mul(v2 a, float s) { return (v2){a.x * s, a.y * s}; }
static float dot(v2 a, v2 b) { return a.x * b.x + a.y * b.y; }
static float cross_z(v2 a, v2 b) { return a.x * b.y - a.y * b.x; }
static float len(v2 a) { return sqrtf(dot(a, a)); }
/* The left normal: d turned a quarter towards +y. */
static v2 normal(v2 d) { return (v2){-d.y, d.x}; }
static v2 lerp(v2 a, v2 b, float t) { return add(a, mul(sub(b, a), t)); }

/* ---- the mesh ---- */

void ink_tess_mesh_clear(ink_tess_mesh *m)
{
	if (m)
		m->nv = m->ni = m->ns = 0;
}

void ink_tess_mesh_free(ink_tess_mesh *m)
{
	if (!m)
		return;
	free(m->v);
	free(m->idx);
	free(m->s);
	memset(m, 0, sizeof *m);
}

/* Capacity for `need` items: doubled from cap, at most INT_MAX. */
static size_t next_cap(size_t cap, size_t need)
{
	size_t c = cap ? cap : 256;
	while (c < need && c < (size_t)INT_MAX / 2)
		c *= 2;
	return c < need ? need : c;
}

/* Room for nv more vertices and ni more indices. */
static bool reserve(ink_tess_mesh *m, size_t nv, size_t ni)
{
	if (nv > (size_t)INT_MAX - m->nv || ni > (size_t)INT_MAX - m->ni)
		return false;
	if (m->nv + nv > m->cap_v) {
		size_t c = next_cap(m->cap_v, m->nv + nv);
		ink_tess_vertex *v = realloc(m->v, c * sizeof *v);
		if (!v)
			return false;
		m->v = v;
		m->cap_v = c;
	}
	if (m->ni + ni > m->cap_i) {
		size_t c = next_cap(m->cap_i, m->ni + ni);
		int *idx = realloc(m->idx, c * sizeof *idx);
		if (!idx)
			return false;
		m->idx = idx;
		m->cap_i = c;
	}
	return true;
}

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

/* ---- emitting: triangles or shapes ---- */

static bool reserve_shapes(ink_tess_mesh *m, size_t n)
{
	if (n > (size_t)INT_MAX - m->ns)
		return false;
	if (m->ns + n > m->cap_s) {
		size_t c = next_cap(m->cap_s, m->ns + n);
		ink_tess_shape *s = realloc(m->s, c * sizeof *s);
		if (!s)
			return false;
		m->s = s;
		m->cap_s = c;
	}
	return true;
}

/* The cut as the shapes see it: its normal is m turned back a quarter,
 * which is the stroke's direction for a square cut. */
static ink_tess_cut cut_line(const cut *c)
{
	return (ink_tess_cut){c->q.x, c->q.y, c->m.y, -c->m.x};
}

static bool put_shape(const ink_tess_live *lv, ink_tess_mesh *m, ink_tess_kind kind, v2 a, v2 b,
                      const cut *from, const cut *to)
{
	if (!reserve_shapes(m, 1))
		return false;
	ink_tess_shape *s = &m->s[m->ns++];
	*s = (ink_tess_shape){.ax = a.x, .ay = a.y, .bx = b.x, .by = b.y, .hi = lv->hi, .ho = lv->ho,
	                      .colour = lv->solid, .kind = (uint8_t)kind};
	if (from) {
		s->from = cut_line(from);
		s->cuts |= INK_TESS_FROM;
	}
	if (to) {
		s->to = cut_line(to);
		s->cuts |= INK_TESS_TO;
	}
	return true;
}

/* The four points of a cut: outer left, inner left, inner right, outer
 * right. */
static void cut_points(const ink_tess_live *lv, const cut *c, v2 p[4])
{
	v2 i = mul(c->m, lv->hi * c->stretch), o = mul(c->m, lv->ho * c->stretch);
	p[0] = add(c->q, o);
	p[1] = add(c->q, i);
	p[2] = sub(c->q, i);
	p[3] = sub(c->q, o);
}

/* The band between two cuts: two feather quads and the core. */
static bool emit_band(const ink_tess_live *lv, ink_tess_mesh *m, const cut *a, const cut *b)
{
	v2 pa[4], pb[4];
	int ia[4], ib[4];

	if (m->shapes)
		return put_shape(lv, m, INK_TESS_BAND, a->q, b->q, a, b);
	if (!reserve(m, 8, 18))
		return false;
	cut_points(lv, a, pa);
	cut_points(lv, b, pb);
	for (int j = 0; j < 4; j++) {
		ink_tess_rgba c = j == 0 || j == 3 ? lv->clear : lv->solid;
		ia[j] = put_vertex(m, pa[j], c);
		ib[j] = put_vertex(m, pb[j], c);
	}
	for (int j = 0; j < 3; j++) {
		if (j == 1 && !(lv->hi > 0))
			continue; /* a hairline has no core */
		put_tri(m, ia[j], ia[j + 1], ib[j + 1]);
		put_tri(m, ia[j], ib[j + 1], ib[j]);
	}
	return true;
}

/* Steps for an arc of `sweep` radians at the rim's radius, each chord
 * within INK_TESS_FLAT of the circle. */
static int arc_steps(float radius, float sweep)
{
	float step = radius > INK_TESS_FLAT ? 2.0f * acosf(1.0f - INK_TESS_FLAT / radius) : PI_F / 2;
	float n = ceilf(fabsf(sweep) / step);
	float most = ceilf(MAX_ARC_STEPS * fabsf(sweep) / (2 * PI_F));
	return (int)fmaxf(1.0f, fminf(n, fmaxf(most, 1.0f)));
}

/* A round part around c: the pie slice from direction u0 turning by the
 * angle whose cosine and sine are `turn` (the whole disc if there is no
 * cut), as triangles (core fan plus feather ring), or as a shape the disc
 * kept where s_from >= 0 and s_to < 0. Both describe the same region. */
static bool emit_round(const ink_tess_live *lv, ink_tess_mesh *m, v2 c, v2 u0, v2 turn,
                       const cut *from, const cut *to)
{
	if (m->shapes)
		return put_shape(lv, m, INK_TESS_ROUND, c, c, from, to);
	float a0 = atan2f(u0.y, u0.x);
	float sweep = !from && !to ? 2 * PI_F : atan2f(turn.y, turn.x);
	int n = arc_steps(lv->ho, sweep);
	if (!reserve(m, 1 + 2 * ((size_t)n + 1), 9 * (size_t)n))
		return false;
	int centre = put_vertex(m, c, lv->solid), pin = -1, pout = -1;
	for (int j = 0; j <= n; j++) {
		float a = a0 + sweep * (float)j / (float)n;
		v2 u = {cosf(a), sinf(a)};
		int in = put_vertex(m, add(c, mul(u, lv->hi)), lv->solid);
		int out = put_vertex(m, add(c, mul(u, lv->ho)), lv->clear);
		if (j > 0) {
			if (lv->hi > 0)
				put_tri(m, centre, pin, in);
			put_tri(m, pin, pout, out);
			put_tri(m, pin, out, in);
		}
		pin = in;
		pout = out;
	}
	return true;
}

/* ---- stroking ---- */

/* How far cut direction m leans along d, as the tangent of its angle to
 * d's normal. */
static float lean(v2 m, v2 d)
{
	return dot(m, d) / dot(m, normal(d));
}

/* Whether a band `l` px long whose cuts lean by ta and tb stays convex
 * across the pen's whole width: its cuts must not cross within ho of the
 * centre line, or the shapes would leave a hole on the inner side of a
 * bend tighter than the pen. */
static bool band_ok(const ink_tess_live *lv, float ta, float tb, float l)
{
	return fabsf(ta - tb) * lv->ho <= l;
}

/* The vertex qlast, between pieces lin px long along din and lout px
 * along dout: a mitred cut for a gentle bend where both bands stay
 * convex (the next one as if it ended square), else square cuts and a
 * round join on the outer side, which are always safe. */
static bool emit_join(ink_tess_live *lv, ink_tess_mesh *m, v2 dout, float lout)
{
	v2 nin = normal(lv->din), nout = normal(dout);
	float c = dot(lv->din, dout), z = cross_z(lv->din, dout);

	if (c > GENTLE_COS) {
		v2 mid = add(nin, nout);
		mid = mul(mid, 1.0f / len(mid));
		if (band_ok(lv, lean(lv->start.m, lv->din), lean(mid, lv->din), lv->lin) &&
		    band_ok(lv, lean(mid, dout), 0, lout)) {
			cut x = {lv->qlast, mid, 1.0f / dot(mid, nin)};
			if (!emit_band(lv, m, &lv->start, &x))
				return false;
			lv->start = x;
			return true;
		}
	}
	cut end = {lv->qlast, nin, 1.0f}, next = {lv->qlast, nout, 1.0f};
	/* The path turns towards +n when z > 0, so the outside is -n. */
	v2 from = z > 0 ? mul(nin, -1.0f) : nin;
	if (!emit_band(lv, m, &lv->start, &end) ||
	    !emit_round(lv, m, lv->qlast, from, (v2){c, z}, &end, &next))
		return false;
	lv->start = next;
	return true;
}

/* Stage 3: the next polyline point. */
static bool stroke_point(ink_tess_live *lv, ink_tess_mesh *m, v2 p)
{
	if (lv->nq == 0) {
		lv->qlast = p;
		lv->nq = 1;
		return true;
	}
	v2 d = sub(p, lv->qlast);
	float l = len(d);
	if (!(l >= MIN_PIECE))
		return true;
	d = mul(d, 1.0f / l);
	if (lv->nq == 1) {
		/* The start cap: the half disc behind the first point. */
		cut first = {lv->qlast, normal(d), 1.0f};
		if (!emit_round(lv, m, lv->qlast, normal(d), HALF_TURN, NULL, &first))
			return false;
		lv->start = first;
	} else if (!emit_join(lv, m, d, l)) {
		return false;
	}
	lv->din = d;
	lv->lin = l;
	lv->qlast = p;
	lv->nq++;
	return true;
}

static bool stroke_end(ink_tess_live *lv, ink_tess_mesh *m)
{
	if (lv->nq == 0)
		return true;
	if (lv->nq == 1)
		return emit_round(lv, m, lv->qlast, (v2){1, 0}, (v2){1, 0}, NULL, NULL);
	cut end = {lv->qlast, normal(lv->din), 1.0f};
	return emit_band(lv, m, &lv->start, &end) &&
	       emit_round(lv, m, lv->qlast, mul(normal(lv->din), -1.0f), HALF_TURN, &end, NULL);
}

/* ---- smoothing ---- */

/* One segment of the centripetal Catmull-Rom curve through p[1] (t = 0)
 * and p[2] (t = 1), with neighbours p[0] and p[3], and its knots (the
 * square roots of the chord lengths: what keeps it from looping). */
typedef struct spline {
	v2 p[4];
	float t1, t2, t3;
} spline;

static spline spline_of(const v2 p[4])
{
	spline s = {{p[0], p[1], p[2], p[3]}, 0, 0, 0};
	s.t1 = sqrtf(len(sub(p[1], p[0])));
	s.t2 = s.t1 + sqrtf(len(sub(p[2], p[1])));
	s.t3 = s.t2 + sqrtf(len(sub(p[3], p[2])));
	return s;
}

/* The curve at t in [0, 1] (Barry and Goldman's pyramid). */
static v2 spline_at(const spline *s, float t)
{
	float u = s->t1 + (s->t2 - s->t1) * t;
	v2 a1 = lerp(s->p[0], s->p[1], u / s->t1);
	v2 a2 = lerp(s->p[1], s->p[2], (u - s->t1) / (s->t2 - s->t1));
	v2 a3 = lerp(s->p[2], s->p[3], (u - s->t2) / (s->t3 - s->t2));
	v2 b1 = lerp(a1, a2, u / s->t2);
	v2 b2 = lerp(a2, a3, (u - s->t1) / (s->t3 - s->t1));
	return lerp(b1, b2, (u - s->t1) / (s->t2 - s->t1));
}

/* Whether the pen turns at b (from a, towards c) by more than CORNER_COS
 * allows: a deliberate corner, as in 横折, not a curve. */
static bool is_corner(v2 a, v2 b, v2 c)
{
	v2 u = sub(b, a), w = sub(c, b);
	return dot(u, w) < CORNER_COS * len(u) * len(w);
}

/* Stage 2: the segment q[1] -> q[2] as curve pieces into stage 3. A
 * piece's error shrinks with the square of the count, so the count is the
 * square root of the bulge over the tolerance. */
static bool smooth_segment(ink_tess_live *lv, ink_tess_mesh *m, const v2 q[4])
{
	/* A corner stays a corner: the curve runs straight into it (its
	 * neighbour beyond is replaced by the mirror image) instead of
	 * overshooting it in a loop, and the stroker joins it round. */
	v2 p[4] = {q[0], q[1], q[2], q[3]};
	if (is_corner(q[0], q[1], q[2]))
		p[0] = sub(mul(q[1], 2), q[2]);
	if (is_corner(q[1], q[2], q[3]))
		p[3] = sub(mul(q[2], 2), q[1]);
	spline s = spline_of(p);
	v2 mid = spline_at(&s, 0.5f);
	float bulge = len(sub(mid, lerp(p[1], p[2], 0.5f)));
	float pieces = ceilf(sqrtf(bulge / INK_TESS_FLAT));
	int n = (int)fmaxf(1.0f, fminf(pieces, (float)MAX_PIECES));

	for (int j = 1; j < n; j++)
		if (!stroke_point(lv, m, 2 * j == n ? mid : spline_at(&s, (float)j / (float)n)))
			return false;
	return stroke_point(lv, m, p[2]);
}

/* The segment between the last two kept points, with `next` after it. */
static bool smooth_last(ink_tess_live *lv, ink_tess_mesh *m, v2 next)
{
	v2 p[4] = {lv->nk >= 3 ? lv->k[0] : sub(mul(lv->k[1], 2), lv->k[2]), lv->k[1], lv->k[2],
	           next};
	return smooth_segment(lv, m, p);
}

/* Stage 1: the next input point. */
static bool keep_point(ink_tess_live *lv, ink_tess_mesh *m, ink_point g)
{
	v2 p = {lv->xf.ox + ((float)g.x + 0.5f) * lv->xf.scale,
	        lv->xf.oy + ((float)g.y + 0.5f) * lv->xf.scale};

	v2 d = sub(p, lv->k[2]);
	if (lv->nk > 0 && dot(d, d) < INK_TESS_MIN_STEP * INK_TESS_MIN_STEP)
		return true;
	if (lv->nk == 0 && !stroke_point(lv, m, p))
		return false;
	if (lv->nk >= 2 && !smooth_last(lv, m, p))
		return false;
	lv->k[0] = lv->k[1];
	lv->k[1] = lv->k[2];
	lv->k[2] = p;
	lv->nk++;
	return true;
}

static bool finish(ink_tess_live *lv, ink_tess_mesh *m)
{
	if (lv->nk >= 2 && !smooth_last(lv, m, sub(mul(lv->k[2], 2), lv->k[1])))
		return false;
	return stroke_end(lv, m);
}

/* ---- the public machine ---- */

static bool xform_ok(const ink_tess_xform *xf)
{
	return xf && isfinite(xf->scale) && isfinite(xf->ox) && isfinite(xf->oy) && xf->scale >= 0 &&
	       fabsf(xf->ox) + xf->scale * 65536.0f < MAX_PX &&
	       fabsf(xf->oy) + xf->scale * 65536.0f < MAX_PX;
}

static bool start(ink_tess_live *lv, const ink_tess_xform *xf, float pen_px, ink_tess_rgba colour)
{
	memset(lv, 0, sizeof *lv);
	if (!xform_ok(xf) || !isfinite(pen_px) || pen_px <= 0 || pen_px > MAX_PX)
		return false;
	float w = fmaxf(pen_px, INK_TESS_FEATHER), fade = fminf(1.0f, pen_px / INK_TESS_FEATHER);
	lv->xf = *xf;
	lv->hi = (w - INK_TESS_FEATHER) / 2;
	lv->ho = (w + INK_TESS_FEATHER) / 2;
	lv->solid = colour;
	lv->solid.a = (uint8_t)lroundf((float)colour.a * fade);
	lv->clear = colour;
	lv->clear.a = 0;
	lv->active = true;
	return true;
}

/* Feeds points; on failure puts lv and m back as they were. */
static bool feed(ink_tess_live *lv, const ink_point *pts, size_t n, ink_tess_mesh *m, bool end)
{
	ink_tess_live saved = *lv;
	size_t nv = m->nv, ni = m->ni, ns = m->ns;

	for (size_t i = 0; i < n; i++)
		if (!keep_point(lv, m, pts[i]))
			goto err_undo;
	if (end && !finish(lv, m))
		goto err_undo;
	return true;
err_undo:
	*lv = saved;
	m->nv = nv;
	m->ni = ni;
	m->ns = ns;
	return false;
}

ink_tess_xform ink_tess_fit(uint16_t grid_w, uint16_t grid_h, float x, float y, float w, float h)
{
	ink_tess_xform xf = {0, x + w / 2, y + h / 2};
	if (grid_w == 0 || grid_h == 0 || !(w > 0) || !(h > 0) || !isfinite(w) || !isfinite(h))
		return xf;
	xf.scale = fminf(w / grid_w, h / grid_h);
	xf.ox = x + (w - xf.scale * grid_w) / 2;
	xf.oy = y + (h - xf.scale * grid_h) / 2;
	return xf;
}

float ink_tess_pen_px(const ink_tess_xform *xf)
{
	return fmaxf(1.0f, INK_TESS_PEN_GRID * (xf ? xf->scale : 0));
}

bool ink_tess_stroke(ink_tess_mesh *m, const ink_point *pts, size_t n, const ink_tess_xform *xf,
                     float pen_px, ink_tess_rgba colour)
{
	ink_tess_live lv;
	if (!m || (!pts && n) || !start(&lv, xf, pen_px, colour))
		return false;
	return n == 0 || feed(&lv, pts, n, m, true);
}

bool ink_tess_note(ink_tess_mesh *m, const ink *k, const ink_tess_xform *xf, float pen_px,
                   const ink_tess_rgba palette[INK_COLOURS])
{
	size_t nv, ni, ns;

	if (!m || !k || !palette || (!k->strokes && k->nstrokes) || (!k->points && k->npoints))
		return false;
	nv = m->nv;
	ni = m->ni;
	ns = m->ns;
	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (st->first > k->npoints || st->count > k->npoints - st->first)
			continue;
		ink_tess_rgba c = palette[st->colour < INK_COLOURS ? st->colour : 0];
		if (!ink_tess_stroke(m, k->points + st->first, st->count, xf, pen_px, c)) {
			m->nv = nv;
			m->ni = ni;
			m->ns = ns;
			return false;
		}
	}
	return true;
}

ink_tess_live *ink_tess_live_new(void)
{
	return calloc(1, sizeof(ink_tess_live));
}

void ink_tess_live_destroy(ink_tess_live *lv)
{
	free(lv);
}

bool ink_tess_live_begin(ink_tess_live *lv, const ink_tess_xform *xf, float pen_px,
                         ink_tess_rgba colour)
{
	return lv && start(lv, xf, pen_px, colour);
}

bool ink_tess_live_add(ink_tess_live *lv, const ink_point *pts, size_t n, ink_tess_mesh *m)
{
	if (!lv || !lv->active || !m || (!pts && n))
		return false;
	return feed(lv, pts, n, m, false);
}

bool ink_tess_live_end(ink_tess_live *lv, ink_tess_mesh *m)
{
	if (!lv || !lv->active || !m || !feed(lv, NULL, 0, m, true))
		return false;
	lv->active = false;
	return true;
}

bool ink_tess_live_preview(const ink_tess_live *lv, ink_tess_mesh *m)
{
	ink_tess_live copy;
	if (!lv || !lv->active || !m)
		return false;
	copy = *lv;
	return feed(&copy, NULL, 0, m, true);
}

bool ink_tess_live_active(const ink_tess_live *lv)
{
	return lv && lv->active;
}

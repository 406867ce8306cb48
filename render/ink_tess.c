/* ink_tess.c — strokes smoothed (centripetal Catmull-Rom) and stroked into
 * feathered triangles, as a stream: points in, final triangles out.
 *
 * Four stages run point by point: keep (map to px, drop points too close
 * to the last kept one), smooth (a segment becomes curve pieces once the
 * point after its end is known), merge (a run of pieces that one straight
 * piece stays near becomes that piece, once a point strays from it) and
 * stroke (a polyline vertex gets its cross-section once the direction
 * after it is known). Each stage holds
 * only the few points it still needs, so a live stroke costs the same per
 * point however long it grows, and a stroke fed whole or in pieces goes
 * through the same decisions and gives the same triangles.
 *
 * Speed (a feed card redraws thousands of points): the work is square
 * roots and divisions, so each is done once: a kept point's chord (length
 * and its root) is measured once and kept for the segments and corner
 * tests that share it. Most segments are plain (no corner, one piece)
 * and most joins too (a mitre into shapes): they take short paths that
 * call nothing and skip what cannot change the outcome (the midpoint's
 * divisions, a long band's convexity test); the rest take the full one.
 * A shortcut is only taken where it provably decides as the full
 * computation would: the same points, corners, pieces and joins, the same
 * shapes, bit for bit. */
#include "ink_tess.h"
#include "ink_tess_mesh.h"
#include "ink_tess_tri.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HALF_TURN ((v2){-1.0f, 0.0f}) /* cosine and sine of pi */
/* Bends up to this turn get a mitred cross-section; sharper ones a round
 * join. cos 40°: the mitre then widens the line by at most 6%. */
#define GENTLE_COS 0.766f
/* A mitred cut bisects a turn of under 40°, so it leans off square by
 * under tan 20° = 0.364 (rounding included): a bound, not a tuning. */
#define MITRE_LEAN_MAX 0.375f
#define MAX_PIECES 16       /* curve pieces per segment at most */
/* A segment whose midpoint strays less than this (px) from its chord's is
 * one piece for certain: the count ceil(sqrt(bulge / FLAT)) is 1, with
 * room to spare for rounding. */
#define ONE_PIECE_BULGE (INK_TESS_FLAT * 0.99f)
/* How far rounding may move spline_at's midpoint, relative to the size
 * of the numbers (coordinates and chords): under 4 * 2^-24 measured on
 * millions of random segments (any lengths, coordinates up to MAX_PX);
 * 16 times that allowed. */
#define MID_ROUNDING 0x1p-18f
/* A turn sharper than 75 degrees between kept points is a corner. */
#define CORNER_COS 0.26f
/* Larger coordinates or pens are refused: floats there lose the pixel. */
#define MAX_PX 1e7f
/* Polyline points closer than this (px) add nothing but noise. */
#define MIN_PIECE 1e-3f

/* The paths most points skip (growing the mesh, a stroke's first
 * segment, corners, curls; triangles live in ink_tess_tri.c) stay out of
 * line, so that the plain path inlines and saves no registers for them. */
#define RARE __attribute__((noinline))

typedef ink_tess_v2 v2;
typedef ink_tess_xsec cut; /* where a band starts or ends (ink_tess_tri.h) */

/* The way from one point to the next: the vector, its length and the
 * square root of that (the centripetal spline's knot interval). */
typedef struct chord {
	v2 v;
	float len, knot;
} chord;

struct ink_tess_live {
	bool active;
	ink_tess_xform xf;
	ink_tess_pen pen;
	float fade;                 /* alpha scale of a pen thinner than the feather */
	/* keep + smooth: the last three kept points, k[2] the newest, the
	 * chords k[0] -> k[1] and k[1] -> k[2], and whether the pen turns
	 * sharply at k[1] (each valid once there are enough points) */
	v2 k[3];
	size_t nk;
	chord c01, c12;
	bool corner1;
	/* merge: the run of polyline points after qlast that one straight
	 * piece qlast -> e can stand for (open: it has a point; e the
	 * farthest, re2 px^2 from qlast), and the cone of directions from qlast, from
	 * cw turning counter-clockwise to ccw, whose lines pass within
	 * INK_TESS_MERGE of every point of the run */
	v2 e, cw, ccw;
	float re2;
	bool open;
	/* stroke: the last point of the stroked polyline, the direction into
	 * it, and the cross-section where the band still open starts */
	v2 qlast, din;
	float lin;                  /* length of the piece into qlast */
	size_t nq;
	cut start;
};

/* ---- vectors ---- */

/* Short names for the geometry shared with ink_tess_tri.c. */
#define add(a, b) ink_tess_add(a, b)
#define sub(a, b) ink_tess_sub(a, b)
#define mul(a, s) ink_tess_mul(a, s)
#define normal(d) ink_tess_normal(d)
static float dot(v2 a, v2 b) { return a.x * b.x + a.y * b.y; }
static float cross_z(v2 a, v2 b) { return a.x * b.y - a.y * b.x; }
static float len(v2 a) { return sqrtf(dot(a, a)); }
static v2 lerp(v2 a, v2 b, float t) { return add(a, mul(sub(b, a), t)); }
/* b reflected through a: where the path would be if it ran on straight
 * (from b through a). */
static v2 mirror(v2 a, v2 b) { return sub(mul(a, 2), b); }

/* ---- the mesh ---- */

/* How full a mesh was, to put it back after a failure. */
typedef struct mark {
	size_t nv, ni, ns;
} mark;

static mark mark_of(const ink_tess_mesh *m) { return (mark){m->nv, m->ni, m->ns}; }

/* Puts m back to k; false, for the failure that calls it. */
static bool back_to(ink_tess_mesh *m, mark k)
{
	m->nv = k.nv;
	m->ni = k.ni;
	m->ns = k.ns;
	return false;
}

/* ---- emitting: triangles or shapes ---- */

/* The shapes one polyline point can add (a band and a round part): room
 * for them is made up front, so putting one needs no test. */
#define POINT_SHAPES 2

/* Room for a polyline point's shapes, if m takes shapes. */
static inline bool room_for_point(ink_tess_mesh *m)
{
	return !m->shapes || m->cap_s - m->ns >= POINT_SHAPES ||
	       ink_tess_mesh_reserve_shapes(m, POINT_SHAPES);
}

/* Appends a shape; its room was made (room_for_point). */
static inline void put_shape(const ink_tess_live *lv, ink_tess_mesh *m, ink_tess_kind kind, v2 a,
                             v2 b, const cut *from, const cut *to)
{
	/* Zeroed first, unused cuts and padding too: meshes are compared
	 * bytewise (live against whole). */
	ink_tess_shape *s = &m->s[m->ns++];
	memset(s, 0, sizeof *s);
	s->ax = a.x;
	s->ay = a.y;
	s->bx = b.x;
	s->by = b.y;
	s->hi = lv->pen.hi;
	s->ho = lv->pen.ho;
	s->colour = lv->pen.solid;
	s->kind = (uint8_t)kind;
	if (from) {
		s->from = (ink_tess_cut){from->q.x, from->q.y, from->f.x, from->f.y};
		s->cuts |= INK_TESS_FROM;
	}
	if (to) {
		s->to = (ink_tess_cut){to->q.x, to->q.y, to->f.x, to->f.y};
		s->cuts |= INK_TESS_TO;
	}
}

/* The band between two cuts, as triangles or as a shape. */
static inline bool emit_band(const ink_tess_live *lv, ink_tess_mesh *m, const cut *a, const cut *b)
{
	if (!m->shapes)
		return ink_tess_tri_band(m, &lv->pen, a, b);
	put_shape(lv, m, INK_TESS_BAND, a->q, b->q, a, b);
	return true;
}

/* A round part around c, as triangles (ink_tess_tri_round: the pie slice
 * from direction u0 turning by the angle whose cosine and sine are
 * `turn`, or the whole disc if there is no cut), or as a shape: the disc
 * kept where s_from >= 0 and s_to < 0. Both describe the same region. */
static inline bool emit_round(const ink_tess_live *lv, ink_tess_mesh *m, v2 c, v2 u0, v2 turn,
                              const cut *from, const cut *to)
{
	if (!m->shapes)
		return ink_tess_tri_round(m, &lv->pen, c, u0, turn, !from && !to);
	put_shape(lv, m, INK_TESS_ROUND, c, c, from, to);
	return true;
}

/* ---- stroking ---- */

/* How far a cut with normal f leans along d, as the tangent of its angle
 * to d's normal. */
static float lean(v2 f, v2 d)
{
	v2 m = normal(f);
	return dot(m, d) / dot(m, normal(d));
}

/* Whether a band `l` px long whose cuts lean by ta and tb stays convex
 * across the pen's whole width: its cuts must not cross within ho of the
 * centre line, or the shapes would leave a hole on the inner side of a
 * bend tighter than the pen. */
static bool band_ok(const ink_tess_live *lv, float ta, float tb, float l)
{
	return fabsf(ta - tb) * lv->pen.ho <= l;
}

/* Whether the bands on both sides of a mitre at qlast, the one ending
 * there (lin px) and the next (lout px), are long enough to be convex
 * whatever their cuts: every cut leans less than MITRE_LEAN_MAX, so
 * band_ok holds for certain and its divisions can be skipped. */
static inline bool long_bands(const ink_tess_live *lv, float lout)
{
	return 2 * MITRE_LEAN_MAX * lv->pen.ho <= lv->lin && MITRE_LEAN_MAX * lv->pen.ho <= lout;
}

/* Whether a mitre with normal f at qlast keeps both bands convex: the one
 * ending there (from the open start cut) and the next, lout px along
 * dout, as if it ended square. Only short pieces (tight curls) need
 * measuring. */
static bool mitre_ok(const ink_tess_live *lv, v2 f, v2 dout, float lout)
{
	if (long_bands(lv, lout))
		return true;
	return band_ok(lv, lean(lv->start.f, lv->din), lean(f, lv->din), lv->lin) &&
	       band_ok(lv, lean(f, dout), 0, lout);
}

/* The mitre's normal at qlast, from din into dout: their bisector (made
 * from the bisector of their normals, as it always was: the same bits,
 * down to the sign of a zero). */
static inline v2 mitre_normal(const ink_tess_live *lv, v2 dout)
{
	v2 mid = add(normal(lv->din), normal(dout));
	return mul(normal(mul(mid, 1.0f / len(mid))), -1.0f);
}

/* The vertex qlast as a round join: square cuts and a round part on the
 * outer side, which are always safe. */
RARE static bool round_join(ink_tess_live *lv, ink_tess_mesh *m, v2 dout)
{
	v2 nin = normal(lv->din);
	float c = dot(lv->din, dout), z = cross_z(lv->din, dout);
	cut end = {lv->qlast, lv->din, 1.0f}, next = {lv->qlast, dout, 1.0f};
	/* The path turns towards +n when z > 0, so the outside is -n. */
	v2 from = z > 0 ? mul(nin, -1.0f) : nin;

	if (!emit_band(lv, m, &lv->start, &end) ||
	    !emit_round(lv, m, lv->qlast, from, (v2){c, z}, &end, &next))
		return false;
	lv->start = next;
	return true;
}

/* The vertex qlast, between pieces lin px long along din and lout px
 * along dout: a mitred cut for a gentle bend where both bands stay
 * convex, else a round join. */
static bool emit_join(ink_tess_live *lv, ink_tess_mesh *m, v2 dout, float lout)
{
	if (dot(lv->din, dout) > GENTLE_COS) {
		v2 f = mitre_normal(lv, dout);
		if (mitre_ok(lv, f, dout, lout)) {
			/* Shapes cut along a line: only triangles need the stretch. */
			cut x = {lv->qlast, f, m->shapes ? 1.0f : 1.0f / dot(f, lv->din)};
			if (!emit_band(lv, m, &lv->start, &x))
				return false;
			lv->start = x;
			return true;
		}
	}
	return round_join(lv, m, dout);
}

/* The start cap: the half disc behind the first point, qlast, of a
 * stroke leaving along d. */
static bool start_cap(ink_tess_live *lv, ink_tess_mesh *m, v2 d)
{
	cut first = {lv->qlast, d, 1.0f};
	if (!emit_round(lv, m, lv->qlast, normal(d), HALF_TURN, NULL, &first))
		return false;
	lv->start = first;
	return true;
}

/* The polyline has reached p, l px along d: the next join's `in` side. */
static inline void advance(ink_tess_live *lv, v2 p, v2 d, float l)
{
	lv->din = d;
	lv->lin = l;
	lv->qlast = p;
	lv->nq++;
}

/* Stage 4: the merged polyline's next point p, l px from qlast in
 * direction d (unit). */
static bool stroke_piece(ink_tess_live *lv, ink_tess_mesh *m, v2 p, v2 d, float l)
{
	if (!room_for_point(m))
		return false;
	if (!(lv->nq == 1 ? start_cap(lv, m, d) : emit_join(lv, m, d, l)))
		return false;
	advance(lv, p, d, l);
	return true;
}

/* stroke_piece's common case, inline for merge_flush: a gentle bend at
 * qlast between long bands, mitred, into a mesh of shapes with room.
 * False, with nothing done, for anything else. */
static inline bool stroke_plain(ink_tess_live *lv, ink_tess_mesh *m, v2 p, v2 d, float l)
{
	if (!m->shapes || m->cap_s - m->ns < POINT_SHAPES || lv->nq < 2 ||
	    !(dot(lv->din, d) > GENTLE_COS) || !long_bands(lv, l))
		return false;
	cut x = {lv->qlast, mitre_normal(lv, d), 1.0f};
	put_shape(lv, m, INK_TESS_BAND, lv->start.q, x.q, &lv->start, &x);
	lv->start = x;
	advance(lv, p, d, l);
	return true;
}

/* ---- merging ---- */

/* Narrows the run's cone to the lines that pass within INK_TESS_MERGE of
 * the point v from qlast (r2 its square length): v turned either way by
 * the angle whose sine is MERGE / r. The cone's edges are kept as
 * directions of any length (only the signs of cross products are read),
 * which spares the division: r times the cosine is sqrt(r2 - MERGE^2),
 * r times the sine is MERGE. A point nearer than MERGE is passed by every
 * piece from qlast; it allows a half-turn (any direction within a right
 * angle of v), so the cone stays one wedge of 180 degrees at most. v lies
 * in the cone (merge_fits), so the cone never empties. */
static inline void cone_narrow(ink_tess_live *lv, v2 v, float r2, bool first)
{
	float m2 = INK_TESS_MERGE * INK_TESS_MERGE, s = INK_TESS_MERGE;
	float c = r2 > m2 ? sqrtf(r2 - m2) : 0.0f;
	v2 ccw = {v.x * c - v.y * s, v.x * s + v.y * c};
	v2 cw = {v.x * c + v.y * s, v.y * c - v.x * s};
	if (first || cross_z(lv->ccw, ccw) < 0)
		lv->ccw = ccw;
	if (first || cross_z(lv->cw, cw) > 0)
		lv->cw = cw;
}

/* p, v = p - qlast away (r2 its square length), becomes the run's new far
 * end: the piece qlast -> p now stands for the run. */
static inline void merge_take(ink_tess_live *lv, v2 p, v2 v, float r2)
{
	cone_narrow(lv, v, r2, !lv->open);
	lv->e = p;
	lv->re2 = r2;
	lv->open = true;
}

/* Whether a piece from qlast along v (r2 its square length) can stand for
 * the run: it lies in the cone, so it passes within INK_TESS_MERGE of
 * every point of the run, and it reaches past the run's far end, so it
 * passes them by its length and not beyond its end. The cone cannot tell
 * a direction from its opposite once rounding has narrowed it to a line
 * (a run millions of px long): v must also lead away from qlast the way
 * the run does. */
static inline bool merge_fits(const ink_tess_live *lv, v2 v, float r2)
{
	return r2 > lv->re2 && cross_z(lv->cw, v) >= 0 && cross_z(v, lv->ccw) >= 0 &&
	       dot(v, sub(lv->e, lv->qlast)) > 0;
}

/* Hands the run's piece, qlast -> e, to the stroker; e is qlast then. */
static inline bool merge_flush(ink_tess_live *lv, ink_tess_mesh *m)
{
	if (!lv->open)
		return true;
	lv->open = false;
	float l = sqrtf(lv->re2);
	v2 d = mul(sub(lv->e, lv->qlast), 1.0f / l);
	return stroke_plain(lv, m, lv->e, d, l) || stroke_piece(lv, m, lv->e, d, l);
}

/* Stage 3: the polyline's next point. A run of points that stays within
 * INK_TESS_MERGE of one straight piece becomes that piece (fewer, longer
 * bands: the drawing's cost follows their count); a point the run's
 * piece cannot stand for ends the run, and starts the next. */
static inline bool stroke_point(ink_tess_live *lv, ink_tess_mesh *m, v2 p)
{
	if (lv->nq == 0) {
		lv->qlast = p;
		lv->nq = 1;
		return true;
	}
	v2 v = sub(p, lv->qlast), last = lv->open ? lv->e : lv->qlast, step = sub(p, last);
	float r2 = dot(v, v);
	if (!(dot(step, step) >= MIN_PIECE * MIN_PIECE))
		return true;
	if (lv->open && !merge_fits(lv, v, r2)) {
		if (!merge_flush(lv, m))
			return false;
		v = step;
		r2 = dot(v, v);
	}
	merge_take(lv, p, v, r2);
	return true;
}

static bool stroke_end(ink_tess_live *lv, ink_tess_mesh *m)
{
	if (lv->nq == 0)
		return true;
	if (!merge_flush(lv, m) || !room_for_point(m))
		return false;
	if (lv->nq == 1)
		return emit_round(lv, m, lv->qlast, (v2){1, 0}, (v2){1, 0}, NULL, NULL);
	cut end = {lv->qlast, lv->din, 1.0f};
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

/* The chord from a to b. */
static chord chord_of(v2 a, v2 b)
{
	chord c = {sub(b, a), 0, 0};
	c.len = len(c.v);
	c.knot = sqrtf(c.len);
	return c;
}

/* Whether the pen turns from chord u into chord w by more than CORNER_COS
 * allows: a deliberate corner, as in 横折, not a curve. */
static inline bool is_corner(const chord *u, const chord *w)
{
	return dot(u->v, w->v) < CORNER_COS * u->len * w->len;
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

/* Curve pieces for a midpoint `off` away from the chord's: a piece's
 * error shrinks with the square of the count, so the count is the square
 * root of the bulge over the tolerance. */
static int piece_count(v2 off)
{
	float pieces = ceilf(sqrtf(len(off) / INK_TESS_FLAT));
	return (int)fmaxf(1.0f, fminf(pieces, (float)MAX_PIECES));
}

/* The segment s as curve pieces into stage 3, as many as keep it within
 * INK_TESS_FLAT of the curve. */
RARE static bool smooth_pieces(ink_tess_live *lv, ink_tess_mesh *m, const spline *s)
{
	v2 mid = spline_at(s, 0.5f);
	int n = piece_count(sub(mid, lerp(s->p[1], s->p[2], 0.5f)));

	for (int j = 1; j < n; j++)
		if (!stroke_point(lv, m, 2 * j == n ? mid : spline_at(s, (float)j / (float)n)))
			return false;
	return stroke_point(lv, m, s->p[2]);
}

/* Whether the segment p1 -> p2 (chord c12, after c01 and before c3) is one
 * piece for certain, without spline_at's divisions: at its middle knot
 * the curve strays from the chord's midpoint by
 *   V = d1 W / (8 a d2 (a + d1) (d1 + d2)),
 *   W = d2 (d1 + d2) (d1 f0 - a e) + a (a + d1) (d2 e - d1 f2)
 * (f0, e, f2 the chords, a, d1, d2 their knots: the pyramid worked out).
 * That is rounded differently, so it decides only when clear of the limit
 * by more than the rounding of either; else the caller measures. */
static inline bool one_piece(v2 p1, const chord *c01, const chord *c12, const chord *c3)
{
	float a = c01->knot, d1 = c12->knot, d2 = c3->knot;
	float size = fabsf(p1.x) + fabsf(p1.y) + c01->len + c12->len + c3->len;
	float limit = ONE_PIECE_BULGE - MID_ROUNDING * size;
	float ka = d2 * (d1 + d2), kb = a * (a + d1);
	v2 w = add(mul(sub(mul(c01->v, d1), mul(c12->v, a)), ka),
	           mul(sub(mul(c12->v, d2), mul(c3->v, d1)), kb));
	float num = d1 * d1 * dot(w, w), den = 8 * limit * a * d2 * (a + d1) * (d1 + d2);
	/* false for overflow (inf) and NaN too: the caller measures */
	return limit > 0 && num < den * den;
}

/* The segment k[1] -> k[2], with `next` after it (c23 the chord there),
 * as curve pieces into stage 3: any segment, every decision made. */
RARE static bool smooth_segment(ink_tess_live *lv, ink_tess_mesh *m, v2 next, const chord *c23)
{
	v2 q1 = lv->k[1], q2 = lv->k[2];
	/* A stroke's first segment has the mirror image of its end before it. */
	bool first = lv->nk < 3;
	v2 p0 = first ? mirror(q1, q2) : lv->k[0], p3 = next;
	chord c01 = first ? chord_of(p0, q1) : lv->c01, c3 = *c23;
	bool corner1 = first ? is_corner(&c01, &lv->c12) : lv->corner1;

	/* A corner stays a corner: the curve runs straight into it (its
	 * neighbour beyond is replaced by the mirror image) instead of
	 * overshooting it in a loop, and the stroker joins it round. */
	if (corner1 && !first) {
		p0 = mirror(q1, q2);
		c01 = chord_of(p0, q1);
	}
	/* The turn at q2 is the next segment's corner1: kept for it. */
	lv->corner1 = is_corner(&lv->c12, c23);
	if (lv->corner1) {
		p3 = mirror(q2, q1);
		c3 = chord_of(q2, p3);
	}
	if (one_piece(q1, &c01, &lv->c12, &c3))
		return stroke_point(lv, m, q2);
	spline s = {{p0, q1, q2, p3}, c01.knot, 0, 0};
	s.t2 = s.t1 + lv->c12.knot;
	s.t3 = s.t2 + c3.knot;
	return smooth_pieces(lv, m, &s);
}

/* Stage 2: the segment k[1] -> k[2], with `next` after it (c23 the chord
 * there). Most segments are plain: no corner at either end, one piece.
 * Those run here, inline and without a call (a feed card is thousands of
 * them); the rest go to smooth_segment, which decides everything afresh,
 * the same way. */
static inline bool smooth_last(ink_tess_live *lv, ink_tess_mesh *m, v2 next, const chord *c23)
{
	if (lv->nk >= 3 && !lv->corner1 && !is_corner(&lv->c12, c23) &&
	    one_piece(lv->k[1], &lv->c01, &lv->c12, c23))
		return stroke_point(lv, m, lv->k[2]); /* corner1 stays false: none at k[2] */
	return smooth_segment(lv, m, next, c23);
}

/* Stage 1: the next input point. */
static inline bool keep_point(ink_tess_live *lv, ink_tess_mesh *m, ink_point g)
{
	v2 p = {lv->xf.ox + ((float)g.x + 0.5f) * lv->xf.scale,
	        lv->xf.oy + ((float)g.y + 0.5f) * lv->xf.scale};

	if (lv->nk == 0) {
		if (!stroke_point(lv, m, p))
			return false;
		lv->k[2] = p;
		lv->nk = 1;
		return true;
	}
	chord c = {sub(p, lv->k[2]), 0, 0};
	float d2 = dot(c.v, c.v);
	if (d2 < INK_TESS_MIN_STEP * INK_TESS_MIN_STEP)
		return true;
	c.len = sqrtf(d2);
	c.knot = sqrtf(c.len);
	if (lv->nk >= 2 && !smooth_last(lv, m, p, &c))
		return false;
	lv->k[0] = lv->k[1];
	lv->k[1] = lv->k[2];
	lv->k[2] = p;
	lv->c01 = lv->c12;
	lv->c12 = c;
	lv->nk++;
	return true;
}

static bool finish(ink_tess_live *lv, ink_tess_mesh *m)
{
	if (lv->nk >= 2) {
		v2 next = mirror(lv->k[2], lv->k[1]);
		chord c = chord_of(lv->k[2], next);
		if (!smooth_last(lv, m, next, &c))
			return false;
	}
	return stroke_end(lv, m);
}

/* ---- the public machine ---- */

static bool xform_ok(const ink_tess_xform *xf)
{
	return xf && isfinite(xf->scale) && isfinite(xf->ox) && isfinite(xf->oy) && xf->scale >= 0 &&
	       fabsf(xf->ox) + xf->scale * 65536.0f < MAX_PX &&
	       fabsf(xf->oy) + xf->scale * 65536.0f < MAX_PX;
}

/* The colours of lv's core and rim for ink of `colour`. */
static void set_colour(ink_tess_live *lv, ink_tess_rgba colour)
{
	lv->pen.solid = colour;
	if (lv->fade < 1.0f)
		lv->pen.solid.a = (uint8_t)lroundf((float)colour.a * lv->fade);
	lv->pen.clear = colour;
	lv->pen.clear.a = 0;
}

static bool start(ink_tess_live *lv, const ink_tess_xform *xf, float pen_px, ink_tess_rgba colour)
{
	memset(lv, 0, sizeof *lv);
	if (!xform_ok(xf) || !isfinite(pen_px) || pen_px <= 0 || pen_px > MAX_PX)
		return false;
	float w = fmaxf(pen_px, INK_TESS_FEATHER);
	lv->xf = *xf;
	lv->pen.hi = (w - INK_TESS_FEATHER) / 2;
	lv->pen.ho = (w + INK_TESS_FEATHER) / 2;
	lv->pen.arc_step = ink_tess_arc_step(lv->pen.ho);
	lv->fade = fminf(1.0f, pen_px / INK_TESS_FEATHER);
	set_colour(lv, colour);
	lv->active = true;
	return true;
}

/* Feeds points and, if `end`, finishes the stroke. On failure lv and m
 * hold part of the work: callers put them back. */
static bool run(ink_tess_live *lv, const ink_point *pts, size_t n, ink_tess_mesh *m, bool end)
{
	for (size_t i = 0; i < n; i++)
		if (!keep_point(lv, m, pts[i]))
			return false;
	return !end || finish(lv, m);
}

/* Feeds points; on failure puts lv and m back as they were. */
static bool feed(ink_tess_live *lv, const ink_point *pts, size_t n, ink_tess_mesh *m, bool end)
{
	ink_tess_live saved = *lv;
	mark k = mark_of(m);

	if (run(lv, pts, n, m, end))
		return true;
	*lv = saved;
	return back_to(m, k);
}

ink_tess_xform ink_tess_fit(uint16_t grid_w, uint16_t grid_h, float x, float y, float w, float h)
{
	ink_tess_xform xf = {0, x + w / 2, y + h / 2};
	if (grid_w == 0 || grid_h == 0 || !(w > 0) || !(h > 0) || !isfinite(w) || !isfinite(h))
		return xf;
	/* as large as a canvas of the same aspect whose longer side is INK_GRID */
	float grow = (float)INK_GRID / (float)(grid_w > grid_h ? grid_w : grid_h);
	grow = grow > 1.0f ? grow : 1.0f;
	xf.scale = fminf(w / ((float)grid_w * grow), h / ((float)grid_h * grow));
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
	mark k = mark_of(m); /* lv is ours to drop: only m needs putting back */
	return n == 0 || run(&lv, pts, n, m, true) || back_to(m, k);
}

bool ink_tess_strokes(ink_tess_mesh *m, const ink *k, size_t s0, size_t s1,
                      const ink_tess_xform *xf, float pen_px,
                      const ink_tess_rgba palette[INK_COLOURS])
{
	ink_tess_live fresh, lv;
	bool checked = false;

	if (!m || !k || !palette || (!k->strokes && k->nstrokes) || (!k->points && k->npoints) ||
	    s0 > s1 || s1 > k->nstrokes)
		return false;
	mark before = mark_of(m);
	for (size_t s = s0; s < s1; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (st->first > k->npoints || st->count > k->npoints - st->first)
			continue;
		ink_tess_rgba c = palette[st->colour < INK_COLOURS ? st->colour : 0];
		/* Every stroke starts from the same machine, set up (and its
		 * arguments checked) once. */
		if (!checked && !start(&fresh, xf, pen_px, c))
			return back_to(m, before);
		checked = true;
		lv = fresh;
		set_colour(&lv, c);
		if (st->count > 0 && !run(&lv, k->points + st->first, st->count, m, true))
			return back_to(m, before);
	}
	return true;
}

bool ink_tess_note(ink_tess_mesh *m, const ink *k, const ink_tess_xform *xf, float pen_px,
                   const ink_tess_rgba palette[INK_COLOURS])
{
	return k && ink_tess_strokes(m, k, 0, k->nstrokes, xf, pen_px, palette);
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

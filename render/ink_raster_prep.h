/* ink_raster_prep.h — a shape made ready for rows: its lines in exact
 * fixed point, its box and alpha ramp (internal to th_draw: ink_raster.c
 * draws what ink_raster_prep.c prepares).
 *
 * Everything a row needs is integer steps from here: the rim's and cuts'
 * x on a row is a + b * y, so two shapes that make a line from the same
 * numbers (a shared cut) agree on every row, and a row's pixels never
 * depend on where the clip starts. */
#ifndef TREEHOLE_INK_RASTER_PREP_H
#define TREEHOLE_INK_RASTER_PREP_H

#include <stdbool.h>
#include <stdint.h>

#include "ink_raster.h"

/* A line's x on each row, in 1/65536 px: x(y) = a + b * y at the centre
 * of row y. Stepping is exact integer addition, so x on a row does not
 * depend on where a shape started (nor on which rows the clip allows),
 * and two shapes that make a line from the same numbers agree on every
 * row. */
typedef struct lin {
	int64_t a, b;
} lin;

#define MAX_ROWS (1 << 22)
#define PREFETCH_ROWS 4 /* 3 to 6 measured alike; 10 overshoots a band */

/* A line walked row by row: x is a + b * y + ROUND_UP + BIAS on the
 * current row, so the first pixel whose centre lies at or after the line,
 * ceil(x - 0.5), is a shift (px_of). lin_of and MAX_ROWS keep |a + b * y|
 * below 2^59: x stays positive and no add overflows. The pixel index is
 * monotone in x, so lines are compared (max, min) before the shift. */
typedef struct edge {
	int64_t x, b;
} edge;

#define BIAS ((int64_t)1 << 60)
#define ROUND_UP 32767

static inline edge edge_at(lin l, int y)
{
	return (edge){l.a + l.b * y + ROUND_UP + BIAS, l.b};
}

static inline int64_t px_of(int64_t x)
{
	return (x >> 16) - (BIAS >> 16);
}

/* The least x whose px_of is pixel i: max(px_of(x), i) is then
 * px_of(max(x, at_px(i))), and likewise min. */
static inline int64_t at_px(int i)
{
	return ((int64_t)i + (BIAS >> 16)) * 65536;
}

/* A shape ready for rows. A row's pixels [lo, hi) are those between its
 * lines (the rim's, for a band, and the cuts') and inside the box; each
 * gets its alpha from its distance, so a pixel past the rim, whichever
 * way it was let in, gets 0 and stays as it was. */
typedef struct prep {
	int x0, y0, x1, y1;      /* pixel bounds, within the clip: [x0, x1) x [y0, y1) */
	int pf_end;              /* rows below it ask for the row PREFETCH_ROWS on */
	bool band, two;          /* band (else round); two: a second cut on one side */
	float ax, ay;            /* centre (round) or a point of the centre line, surface px */
	float nx, ny;            /* band: unit normal of the centre line */
	float ho;
	float k, m, cap;         /* alpha = min(max(k - distance * m, 0), cap), truncated */
	uint32_t src;            /* 0xFF000000 | colour */
	lin rim[2];              /* band: where |distance| = ho, left then right */
	int64_t rim_w;           /* rim[1].a - rim[0].a: both share one slope */
	lin cut_lo[2], cut_hi[2]; /* the cuts that raise a row's start, lower its end */
} prep;

/* The last cut line made: consecutive shapes share a cut (one's `to` is
 * the next one's `from`, bit for bit), so each is made once. */
typedef struct cut_memo {
	bool ok;
	ink_tess_cut c;
	lin x;
} cut_memo;

/* Prepares shape s (renderer px) for target t, making its cuts' lines
 * through memo m (zeroed before a run of shapes, then passed to each in
 * turn). Leaves p->pf_end to the caller. False if s draws nothing inside
 * the clip: outside its rows, without extent, not finite, or a band
 * without both cuts. */
bool ink_raster_prep_shape(const ink_raster_target *t, const ink_tess_shape *s, prep *p,
                           cut_memo *m);

#endif

/* output_ink.c — ink notes in exports and listings: an SVG document of
 * the strokes, and a one-line summary (see output.h). */
#include "output.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* Worst cases, so the buffer is sized once: a point in a path
 * ("Q4095 4095 4095.5 4095.5" is 24), a stroke's ends and a path of its
 * own (<path …> and three commands, 64), the svg element around them. */
#define SVG_POINT_MAX 32
#define SVG_PATH_MAX 80
#define SVG_HEAD_MAX 320

typedef struct svg_buf {
	char *p;
	size_t len, cap;
} svg_buf;

static void put(svg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends; the buffer was sized for the worst case, so it never cuts. */
static void put(svg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len - 1;
}

/* A coordinate given twice over (midpoints fall on half units). */
static void put_half(svg_buf *b, char sep, unsigned twice)
{
	if (twice % 2)
		put(b, "%c%u.5", sep, twice / 2);
	else
		put(b, "%c%u", sep, twice / 2);
}

static void put_point(svg_buf *b, char cmd, unsigned x2, unsigned y2)
{
	put_half(b, cmd, x2);
	put_half(b, ' ', y2);
}

/* One stroke, smoothed the way the kiosk draws it: straight to the
 * midpoint of the first segment, then quadratic curves through the
 * midpoints with the points as control points, straight to the end. A
 * one-point stroke is a zero-length segment, which round caps draw as a
 * dot. */
static void put_stroke(svg_buf *b, const ink_point *p, size_t n)
{
	put_point(b, 'M', 2u * p[0].x, 2u * p[0].y);
	if (n == 1) {
		put_point(b, 'L', 2u * p[0].x, 2u * p[0].y);
		return;
	}
	if (n == 2) {
		put_point(b, 'L', 2u * p[1].x, 2u * p[1].y);
		return;
	}
	put_point(b, 'L', (unsigned)p[0].x + p[1].x, (unsigned)p[0].y + p[1].y);
	for (size_t i = 1; i + 1 < n; i++) {
		put_point(b, 'Q', 2u * p[i].x, 2u * p[i].y);
		put_point(b, ' ', (unsigned)p[i].x + p[i + 1].x, (unsigned)p[i].y + p[i + 1].y);
	}
	put_point(b, 'L', 2u * p[n - 1].x, 2u * p[n - 1].y);
}

/* The viewBox: the canvas, grown about its middle to the size of a full
 * one if it is smaller (a dot's is 1 x 1: grid units keep one size, as
 * the kiosk draws them), and by half the pen on every side, so no stroke
 * along an edge is cut. */
static void put_view(svg_buf *b, const ink *k)
{
	double w = k->width, h = k->height, longer = w > h ? w : h;
	double grow = longer < INK_GRID ? INK_GRID / longer : 1, pad = OUT_INK_PEN / 2.0;
	put(b, "viewBox=\"%g %g %g %g\"", (w - w * grow) / 2 - pad, (h - h * grow) / 2 - pad,
	    w * grow + 2 * pad, h * grow + 2 * pad);
}

bool out_ink_svg(const ink *k, char **svg, size_t *len)
{
	svg_buf b = {0};
	size_t s = 0;

	*svg = NULL;
	*len = 0;
	if (ink_check(k))
		return false;
	b.cap = SVG_HEAD_MAX + k->nstrokes * SVG_PATH_MAX + k->npoints * SVG_POINT_MAX;
	if (!(b.p = malloc(b.cap)))
		return false;
	put(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
	put_view(&b, k);
	put(&b, " fill=\"none\" stroke-width=\"%d\" stroke-linecap=\"round\" "
	        "stroke-linejoin=\"round\">",
	    OUT_INK_PEN);
	/* one path per run of strokes of one colour keeps the drawing order */
	while (s < k->nstrokes) {
		uint8_t colour = k->strokes[s].colour;
		put(&b, "<path stroke=\"#%06x\" d=\"", (unsigned)ink_palette[colour]);
		for (; s < k->nstrokes && k->strokes[s].colour == colour; s++)
			put_stroke(&b, k->points + k->strokes[s].first, k->strokes[s].count);
		put(&b, "\"/>");
	}
	put(&b, "</svg>");
	*svg = b.p;
	*len = b.len;
	return true;
}

void out_ink_free(char *svg, size_t len)
{
	if (svg)
		sodium_memzero(svg, len);
	free(svg);
}

bool out_is_ink(const store_note *n)
{
	return n->damage == STATUS_OK && n->kind == NOTE_KIND_INK && n->body;
}

void out_ink_summary(const store_note *n, char *buf, size_t cap)
{
	ink k;

	if (ink_decode(n->body, n->body_len, &k) != STATUS_OK) {
		snprintf(buf, cap, "[ink: unreadable]");
		return;
	}
	snprintf(buf, cap, "[ink: %zu stroke%s, %zu point%s]", k.nstrokes,
	         k.nstrokes == 1 ? "" : "s", k.npoints, k.npoints == 1 ? "" : "s");
	ink_free(&k);
}

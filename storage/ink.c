/* ink.c — the stroke codec: checking, encoding and strictly decoding ink
 * notes (the format is described in ink.h). */
#include "ink.h"
#include "ink_internal.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

const uint32_t ink_palette[INK_COLOURS] = {0x2B2622, 0x27384F, 0xA8432F, 0x3E6B4C};

/* Longest varint of each field: a head is at most 15999 (2 bytes), a
 * point code 28 bits (4 bytes). */
#define SMALL_VARINT_BYTES 2
#define POINT_VARINT_BYTES 4
#define ZIGZAG_BITS 14

/* ---- arithmetic shared with the builder ---- */

size_t ink_varint_size(uint32_t v)
{
	size_t n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

uint32_t ink_stroke_head(uint32_t count, unsigned colour)
{
	return (count - 1) * INK_COLOURS + colour;
}

size_t ink_header_size(uint32_t width, uint32_t height, size_t nstrokes)
{
	return 1 + ink_varint_size(width) + ink_varint_size(height) +
	       ink_varint_size((uint32_t)nstrokes);
}

static uint32_t zigzag(int32_t v)
{
	return v >= 0 ? (uint32_t)v << 1 : ((uint32_t)(-(v + 1)) << 1) | 1u;
}

static int32_t unzigzag(uint32_t u)
{
	return (u & 1u) ? -(int32_t)(u >> 1) - 1 : (int32_t)(u >> 1);
}

/* The low 14 bits of v onto the even bit positions. */
static uint32_t spread_bits(uint32_t v)
{
	v &= (1u << ZIGZAG_BITS) - 1;
	v = (v | v << 8) & 0x00FF00FFu;
	v = (v | v << 4) & 0x0F0F0F0Fu;
	v = (v | v << 2) & 0x33333333u;
	v = (v | v << 1) & 0x55555555u;
	return v;
}

/* The even bit positions of v, packed: the inverse of spread_bits. */
static uint32_t gather_bits(uint32_t v)
{
	v &= 0x55555555u;
	v = (v | v >> 1) & 0x33333333u;
	v = (v | v >> 2) & 0x0F0F0F0Fu;
	v = (v | v >> 4) & 0x00FF00FFu;
	v = (v | v >> 8) & 0x0000FFFFu;
	return v;
}

/* Where the codec expects point j of a stroke (see ink.h). */
static void predict(const ink_point *prev, const ink_point *prev2, size_t j, int32_t *px,
                    int32_t *py)
{
	if (!prev) {
		*px = *py = 0;
	} else if (j < 2) {
		*px = prev->x, *py = prev->y;
	} else {
		*px = 2 * (int32_t)prev->x - prev2->x;
		*py = 2 * (int32_t)prev->y - prev2->y;
	}
}

uint32_t ink_point_code(const ink_point *pts, size_t i, size_t first)
{
	int32_t px, py;
	size_t j = i - first;

	predict(i ? &pts[i - 1] : NULL, j >= 2 ? &pts[i - 2] : NULL, j, &px, &py);
	return spread_bits(zigzag((int32_t)pts[i].x - px)) |
	       spread_bits(zigzag((int32_t)pts[i].y - py)) << 1;
}

/* ---- checking ---- */

static bool check_strokes(const ink *k)
{
	size_t next = 0;

	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (st->first != next || st->count < 1 || st->count > INK_MAX_STROKE_POINTS ||
		    st->colour >= INK_COLOURS || st->count > k->npoints - next)
			return false;
		next += st->count;
	}
	return next == k->npoints;
}

static bool check_points(const ink *k)
{
	for (size_t i = 0; i < k->npoints; i++)
		if (k->points[i].x >= k->width || k->points[i].y >= k->height)
			return false;
	return true;
}

/* Encoded size of a note whose structure and ranges were checked. */
static size_t encoded_size(const ink *k)
{
	size_t n = ink_header_size(k->width, k->height, k->nstrokes);

	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *st = &k->strokes[s];
		n += ink_varint_size(ink_stroke_head(st->count, st->colour));
		for (size_t i = st->first; i < st->first + st->count; i++)
			n += ink_varint_size(ink_point_code(k->points, i, st->first));
	}
	return n;
}

status ink_check(const ink *k)
{
	if (!k)
		return STATUS_BAD_ARGUMENT;
	if (k->width < 1 || k->width > INK_GRID || k->height < 1 || k->height > INK_GRID ||
	    k->nstrokes < 1 || k->nstrokes > INK_MAX_STROKES || k->npoints < 1 ||
	    k->npoints > INK_MAX_POINTS || !k->points || !k->strokes)
		return STATUS_INK_INVALID;
	if (!check_strokes(k) || !check_points(k) || encoded_size(k) > INK_MAX_BYTES)
		return STATUS_INK_INVALID;
	return STATUS_OK;
}

/* ---- encoding ---- */

static uint8_t *put_varint(uint8_t *p, uint32_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

status ink_encode(const ink *k, uint8_t **out, size_t *len)
{
	status st;
	size_t n;
	uint8_t *buf, *p;

	if (!out || !len)
		return STATUS_BAD_ARGUMENT;
	*out = NULL;
	*len = 0;
	if ((st = ink_check(k)))
		return st;
	n = encoded_size(k);
	if (!(buf = malloc(n)))
		return STATUS_NO_MEMORY;
	p = buf;
	*p++ = INK_VERSION;
	p = put_varint(p, k->width);
	p = put_varint(p, k->height);
	p = put_varint(p, (uint32_t)k->nstrokes);
	for (size_t s = 0; s < k->nstrokes; s++)
		p = put_varint(p, ink_stroke_head(k->strokes[s].count, k->strokes[s].colour));
	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *sk = &k->strokes[s];
		for (size_t i = sk->first; i < sk->first + sk->count; i++)
			p = put_varint(p, ink_point_code(k->points, i, sk->first));
	}
	*out = buf;
	*len = (size_t)(p - buf);
	return STATUS_OK;
}

/* ---- decoding ---- */

typedef struct reader {
	const uint8_t *p, *end;
} reader;

/* Reads a varint of at most max_bytes in its shortest form. */
static bool get_varint(reader *r, unsigned max_bytes, uint32_t *out)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < max_bytes && r->p < r->end; i++) {
		uint8_t b = *r->p++;
		v |= (uint32_t)(b & 0x7f) << (7 * i);
		if (b & 0x80)
			continue;
		if (i > 0 && b == 0)
			return false; /* a longer spelling of a shorter number */
		*out = v;
		return true;
	}
	return false;
}

/* What the counts at the front say, before any coordinate is read. */
typedef struct layout {
	uint32_t width, height, nstrokes, npoints;
	reader heads;   /* the stroke heads */
	reader points;  /* the point codes, up to the end of the body */
} layout;

static bool get_head(reader *r, uint32_t *count, unsigned *colour)
{
	uint32_t head;

	if (!get_varint(r, SMALL_VARINT_BYTES, &head) ||
	    head > ink_stroke_head(INK_MAX_STROKE_POINTS, INK_COLOURS - 1))
		return false;
	*count = head / INK_COLOURS + 1;
	*colour = head % INK_COLOURS;
	return true;
}

static bool read_layout(const uint8_t *buf, size_t len, layout *lo)
{
	reader r;
	uint32_t count;
	unsigned colour;

	if (!buf || len < 1 || len > INK_MAX_BYTES || buf[0] != INK_VERSION)
		return false;
	r = (reader){buf + 1, buf + len};
	if (!get_varint(&r, SMALL_VARINT_BYTES, &lo->width) || lo->width < 1 ||
	    lo->width > INK_GRID || !get_varint(&r, SMALL_VARINT_BYTES, &lo->height) ||
	    lo->height < 1 || lo->height > INK_GRID ||
	    !get_varint(&r, SMALL_VARINT_BYTES, &lo->nstrokes) || lo->nstrokes < 1 ||
	    lo->nstrokes > INK_MAX_STROKES)
		return false;
	lo->heads = r;
	lo->npoints = 0;
	for (uint32_t s = 0; s < lo->nstrokes; s++) {
		if (!get_head(&r, &count, &colour) || count > INK_MAX_POINTS - lo->npoints)
			return false;
		lo->npoints += count;
	}
	lo->points = r;
	/* every point takes at least a byte: a short body fails before any
	 * allocation of the sizes it claims */
	return (size_t)(r.end - r.p) >= lo->npoints;
}

/* Reads one point code and applies it to the prediction. */
static bool get_point(reader *r, const layout *lo, const ink_point *prev, const ink_point *prev2,
                      size_t j, ink_point *out)
{
	uint32_t code;
	int32_t px, py, x, y;

	if (!get_varint(r, POINT_VARINT_BYTES, &code))
		return false;
	predict(prev, prev2, j, &px, &py);
	x = px + unzigzag(gather_bits(code));
	y = py + unzigzag(gather_bits(code >> 1));
	if (x < 0 || (uint32_t)x >= lo->width || y < 0 || (uint32_t)y >= lo->height)
		return false;
	out->x = (uint16_t)x;
	out->y = (uint16_t)y;
	return true;
}

/* Walks heads and points side by side, filling pts and strokes when they
 * are given (validation passes NULL and keeps only the last two points). */
static bool walk(const layout *lo, ink_point *pts, ink_stroke *strokes)
{
	reader heads = lo->heads, r = lo->points;
	ink_point ring[3];
	size_t i = 0;

	for (uint32_t s = 0; s < lo->nstrokes; s++) {
		uint32_t count;
		unsigned colour;
		if (!get_head(&heads, &count, &colour))
			return false;
		if (strokes)
			strokes[s] = (ink_stroke){.first = (uint32_t)i, .count = count,
			                          .colour = (uint8_t)colour};
		for (uint32_t j = 0; j < count; j++, i++) {
			ink_point *cur = pts ? &pts[i] : &ring[i % 3];
			const ink_point *prev = i < 1 ? NULL : pts ? &pts[i - 1] : &ring[(i - 1) % 3];
			const ink_point *prev2 = j < 2 ? NULL : pts ? &pts[i - 2] : &ring[(i - 2) % 3];
			if (!get_point(&r, lo, prev, prev2, j, cur))
				return false;
		}
	}
	return r.p == r.end;
}

status ink_validate(const uint8_t *buf, size_t len)
{
	layout lo;

	return read_layout(buf, len, &lo) && walk(&lo, NULL, NULL) ? STATUS_OK : STATUS_INK_INVALID;
}

status ink_decode(const uint8_t *buf, size_t len, ink *out)
{
	layout lo;

	if (!out)
		return STATUS_BAD_ARGUMENT;
	memset(out, 0, sizeof *out);
	if (!read_layout(buf, len, &lo))
		return STATUS_INK_INVALID;
	out->points = malloc(lo.npoints * sizeof *out->points);
	out->strokes = malloc(lo.nstrokes * sizeof *out->strokes);
	if (!out->points || !out->strokes) {
		ink_free(out);
		return STATUS_NO_MEMORY;
	}
	out->npoints = lo.npoints;
	out->nstrokes = lo.nstrokes;
	if (!walk(&lo, out->points, out->strokes)) {
		ink_free(out);
		return STATUS_INK_INVALID;
	}
	out->width = (uint16_t)lo.width;
	out->height = (uint16_t)lo.height;
	return STATUS_OK;
}

void ink_free(ink *k)
{
	if (!k)
		return;
	/* geometry is note content: nothing of it stays behind in the heap */
	if (k->points)
		sodium_memzero(k->points, k->npoints * sizeof *k->points);
	if (k->strokes)
		sodium_memzero(k->strokes, k->nstrokes * sizeof *k->strokes);
	free(k->points);
	free(k->strokes);
	memset(k, 0, sizeof *k);
}

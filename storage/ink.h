/* ink.h — handwritten notes as geometry: strokes of points on a fixed
 * grid, and their compact binary codec.
 *
 * An ink note is what the pen drew and nothing else: point positions in
 * drawing order, grouped into strokes, each stroke with one colour from a
 * small fixed palette. No timing, pressure, speed or tilt is ever
 * represented, so a writer's dynamics (a behavioural biometric) cannot
 * reach the disk. Every note is redrawn later with one uniform pen.
 *
 * Coordinates are quantised on a fixed grid: 0..INK_GRID-1 on both axes
 * of a square; the canvas's aspect is kept as its own width and height in
 * grid units (the longer side is INK_GRID), so a wide canvas has
 * y < height. Round trip through the codec is exact on the grid.
 *
 * Binary format (version 1), all integers unsigned LEB128 varints unless
 * said otherwise:
 *   byte   version (1)
 *   varint width, height          (1..INK_GRID)
 *   varint stroke count           (1..INK_MAX_STROKES)
 *   per stroke: byte colour (0..INK_COLOURS-1), varint point count
 *               (1..INK_MAX_STROKE_POINTS)
 *   then per stroke, per point: zigzag varint dx, dy from the previous
 *   point (the first point of the note from (0, 0); the first of each
 *   later stroke from the last point of the stroke before)
 * Total points at most INK_MAX_POINTS. Counts come first so a decoder
 * knows every size before it reads a coordinate, and rejects a body that
 * is truncated, has bytes left over, or leaves the canvas.
 *
 * No SDL, no I/O. */
#ifndef TREEHOLE_INK_H
#define TREEHOLE_INK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define INK_VERSION 1
#define INK_GRID 4096               /* grid units on the longer side */
#define INK_COLOURS 4               /* palette size (the kiosk's pens) */
#define INK_MAX_STROKES 2000
#define INK_MAX_STROKE_POINTS 4000
#define INK_MAX_POINTS 60000

typedef struct ink_point {
	uint16_t x, y;              /* 0 .. width-1, 0 .. height-1 */
} ink_point;

typedef struct ink_stroke {
	uint32_t first;             /* index of its first point in ink.points */
	uint32_t count;             /* points, >= 1 (a dot is one point) */
	uint8_t colour;             /* 0 .. INK_COLOURS-1 */
} ink_stroke;

/* A whole note's ink. Owned by whoever made it: ink_free releases what
 * ink_decode or ink_builder_* allocated. */
typedef struct ink {
	uint16_t width, height;     /* canvas in grid units, 1..INK_GRID, max of both = INK_GRID
	                               for notes from the kiosk (decoders accept any 1..INK_GRID) */
	ink_point *points;
	size_t npoints;
	ink_stroke *strokes;
	size_t nstrokes;
} ink;

/* Checks every limit and invariant (counts, ranges, strokes contiguous
 * and covering the points in order). STATUS_OK or STATUS_INK_INVALID. */
status ink_check(const ink *k);

/* Encodes a checked note. OUT: *out (malloc'ed, owned by the caller) and
 * *len. STATUS_INK_INVALID if ink_check fails, STATUS_NO_MEMORY. */
status ink_encode(const ink *k, uint8_t **out, size_t *len);

/* Decodes `len` bytes (any bytes are safe). OUT: *out, filled with
 * malloc'ed arrays (ink_free). STATUS_INK_INVALID for anything truncated,
 * oversized, out of range, of another version, or with bytes left over;
 * *out is then empty. */
status ink_decode(const uint8_t *buf, size_t len, ink *out);

/* Frees the arrays of a note and zeroes it. Accepts an empty one. */
void ink_free(ink *k);

#endif

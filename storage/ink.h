/* ink.h — handwritten notes as geometry: strokes of points on a fixed
 * grid, their compact binary codec, and the builder that turns what a pen
 * drew (float canvas points at input rate) into that geometry.
 *
 * An ink note is what the pen drew and nothing else: point positions in
 * drawing order, grouped into strokes, each stroke with one colour from a
 * small fixed palette. No timing, pressure, speed or tilt is ever
 * represented, so a writer's dynamics (a behavioural biometric) cannot
 * reach the disk. Every note is redrawn later with one uniform pen. The
 * builder resamples every stroke by distance, so not even the spacing of
 * the points tells how fast the hand moved.
 *
 * Coordinates are quantised on a fixed grid: 0..INK_GRID-1 on both axes
 * of a square; the canvas's aspect is kept as its own width and height in
 * grid units (the longer side is INK_GRID), so a wide canvas has
 * y < height. Round trip through the codec is exact on the grid.
 *
 * Binary format (version 1), all integers unsigned LEB128 varints in their
 * shortest form unless said otherwise:
 *   byte   version (1)
 *   varint width, height          (1..INK_GRID)
 *   varint stroke count           (1..INK_MAX_STROKES)
 *   per stroke: varint (point count - 1) * INK_COLOURS + colour
 *               (point count 1..INK_MAX_STROKE_POINTS, colour
 *               0..INK_COLOURS-1)
 *   then per stroke, per point: one varint, the point's residual from a
 *   prediction, (ex, ey), as zigzag(ex) and zigzag(ey) with their bits
 *   interleaved (ex on the even bits, ey on the odd: a Morton code, at
 *   most 28 bits, so at most 4 bytes).
 *   Prediction: the first and second point of a stroke are predicted at
 *   the point before them (the note's first point at (0, 0), the first of
 *   each later stroke at the last point of the stroke before); every
 *   later point at 2 * previous - the one before (constant velocity).
 * Total points at most INK_MAX_POINTS, the whole body at most
 * INK_MAX_BYTES. Counts come first so a decoder knows every size before
 * it reads a coordinate, and rejects a body that is truncated, has bytes
 * left over, leaves the canvas or spells a number in more bytes than
 * needed (so every note has exactly one encoding).
 *
 * Why residuals and pairs: strokes resampled at a fixed distance move by
 * about the same vector from point to point, so on smooth handwriting
 * both residuals mostly fit in 3 bits and the pair in one byte; plain
 * deltas (a byte per axis at least) cost over 2 bytes a point.
 * (Changed from the first draft, before anything was written: the colour
 * had a byte of its own beside the count, points were separate dx, dy
 * varints from the previous point — 2.3 bytes a point on the bench's
 * handwriting, this format 1.5 — and INK_MAX_POINTS was 60000, more than
 * a note's NOTE_BODY_MAX_BYTES can hold.)
 *
 * No SDL, no I/O. */
#ifndef TREEHOLE_INK_H
#define TREEHOLE_INK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "note.h"
#include "status.h"

#define INK_VERSION 1
#define INK_GRID 4096               /* grid units on the longer side */
#define INK_COLOURS 4               /* palette size (the kiosk's pens) */
#define INK_MAX_STROKES 2000
#define INK_MAX_STROKE_POINTS 4000
/* A body must fit a note (NOTE_BODY_MAX_BYTES); at the ~1.6 bytes a point
 * of real handwriting 20000 points do, about 80 characters of dense
 * writing. The byte limit still binds for pathological scribbles. */
#define INK_MAX_POINTS 20000
#define INK_MAX_BYTES NOTE_BODY_MAX_BYTES
/* The builder keeps a point every this many grid units of arc length,
 * about 1% of the canvas's longer side: finer than any pen width the
 * notes are drawn with, coarse enough that the residuals stay small. */
#define INK_RESAMPLE_STEP 40

/* What each colour index means, as sRGB 0xRRGGBB: dark ink, blue-black,
 * warm red, green. For exports; a renderer may tint them for its paper. */
extern const uint32_t ink_palette[INK_COLOURS];

typedef struct ink_point {
	uint16_t x, y;              /* 0 .. width-1, 0 .. height-1 */
} ink_point;

typedef struct ink_stroke {
	uint32_t first;             /* index of its first point in ink.points */
	uint32_t count;             /* points, >= 1 (a dot is one point) */
	uint8_t colour;             /* 0 .. INK_COLOURS-1 */
} ink_stroke;

/* A whole note's ink. Owned by whoever made it: ink_free releases what
 * ink_decode or ink_builder_finish allocated. */
typedef struct ink {
	uint16_t width, height;     /* canvas in grid units, 1..INK_GRID, max of both = INK_GRID
	                               for notes from the kiosk (decoders accept any 1..INK_GRID) */
	ink_point *points;
	size_t npoints;
	ink_stroke *strokes;
	size_t nstrokes;
} ink;

/* Checks every limit and invariant (counts, ranges, strokes contiguous
 * and covering the points in order, the encoded size). STATUS_OK or
 * STATUS_INK_INVALID; STATUS_BAD_ARGUMENT for k == NULL. */
status ink_check(const ink *k);

/* Encodes a checked note. OUT: *out (malloc'ed, owned by the caller; it
 * is note content, so wipe it before freeing) and *len. STATUS_INK_INVALID
 * if ink_check fails, STATUS_NO_MEMORY, STATUS_BAD_ARGUMENT for NULLs. */
status ink_encode(const ink *k, uint8_t **out, size_t *len);

/* Decodes `len` bytes (any bytes are safe). OUT: *out, filled with
 * malloc'ed arrays (ink_free). STATUS_INK_INVALID for anything truncated,
 * oversized, out of range, of another version, spelled in more bytes than
 * needed, or with bytes left over; STATUS_NO_MEMORY. On failure *out is
 * empty (all zero). A note that decodes passes ink_check. */
status ink_decode(const uint8_t *buf, size_t len, ink *out);

/* ink_decode's verdict without keeping anything: no allocation. Returns
 * STATUS_OK or STATUS_INK_INVALID. What the store uses to refuse bodies. */
status ink_validate(const uint8_t *buf, size_t len);

/* Wipes and frees the arrays of a note and zeroes it. Accepts NULL and an
 * empty one. */
void ink_free(ink *k);

/* ---- the builder: canvas points in, a note on the grid out ----
 *
 * Points arrive in any float coordinates (canvas pixels, a JSON file's
 * numbers) at input rate. The builder maps the canvas rectangle onto the
 * grid keeping its aspect (the longer side spans 0..INK_GRID-1), clamps
 * points that stray outside it, resamples each stroke by arc length every
 * INK_RESAMPLE_STEP grid units (always keeping its first and last point),
 * rounds to the grid and drops a point equal to the one before it. So a
 * tap is a one-point stroke. It stops at the limits instead of growing
 * past them: a full note refuses more (STATUS_INK_INVALID) and keeps what
 * it had, so a canvas can say "the page is full". Memory holding points
 * is wiped before it is freed or moved. */
typedef struct ink_builder ink_builder;

/* A builder for the canvas rectangle (x0, y0, w, h) in input units.
 * w and h must be finite and >= 0; a zero side gives a grid of 1 unit on
 * it (a one-point canvas maps everything to (0, 0), and renderers draw it
 * as a dot of the usual pen in the middle: ink_tess_fit). Sides too small
 * to scale (their inverse overflows) count as zero. The kiosk passes its
 * canvas; a script with no canvas passes the strokes' bounding box.
 * OUT: *out, owned by the caller (ink_builder_destroy). STATUS_BAD_ARGUMENT
 * for a non-finite or negative rectangle, STATUS_NO_MEMORY. */
status ink_builder_new(double x0, double y0, double w, double h, ink_builder **out);

/* Wipes and frees. Accepts NULL. */
void ink_builder_destroy(ink_builder *b);

/* Starts a stroke in palette colour `colour`; an open stroke is ended
 * first. STATUS_BAD_ARGUMENT for a colour >= INK_COLOURS,
 * STATUS_INK_INVALID if the note already has INK_MAX_STROKES strokes. */
status ink_builder_begin(ink_builder *b, unsigned colour);

/* Adds an input point to the open stroke. STATUS_BAD_ARGUMENT if no
 * stroke is open or a coordinate is not finite; STATUS_INK_INVALID when a
 * limit stops it (the points that fit are kept); STATUS_NO_MEMORY. */
status ink_builder_add(ink_builder *b, double x, double y);

/* Ends the open stroke, keeping its last input point. A stroke that got
 * no point is dropped. Same errors as ink_builder_add; no-op without an
 * open stroke. */
status ink_builder_end(ink_builder *b);

/* Removes the last stroke that has points (open or ended); an open one
 * is ended. Returns false if there is none. */
bool ink_builder_undo(ink_builder *b);

/* A borrowed view of the note so far (open stroke included): valid until
 * the next call on the builder. Lets a canvas draw exactly what will be
 * stored. */
void ink_builder_view(const ink_builder *b, ink *view);

/* Bytes ink_encode would give for the note so far. */
size_t ink_builder_bytes(const ink_builder *b);

/* Ends an open stroke and hands the note over. OUT: *out (ink_free); the
 * builder is empty afterwards, for the same canvas. STATUS_INK_INVALID if
 * there is no stroke, STATUS_NO_MEMORY (the builder then keeps its note). */
status ink_builder_finish(ink_builder *b, ink *out);

#endif

/* ink_internal.h — the codec's arithmetic shared by ink.c (encoder,
 * decoder) and ink_build.c (which keeps the encoded size as it grows).
 * Private to storage/. */
#ifndef TREEHOLE_INK_INTERNAL_H
#define TREEHOLE_INK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ink.h"

/* Bytes of v as an LEB128 varint. */
size_t ink_varint_size(uint32_t v);

/* The varint that heads a stroke: (count - 1) * INK_COLOURS + colour. */
uint32_t ink_stroke_head(uint32_t count, unsigned colour);

/* Bytes of the note header: version, width, height, stroke count. */
size_t ink_header_size(uint32_t width, uint32_t height, size_t nstrokes);

/* The code stored for pts[i], the point `i - first` of a stroke that
 * starts at pts[first]: its residual from the prediction (see ink.h),
 * zigzagged and interleaved. pts[0..i] must be on the grid. */
uint32_t ink_point_code(const ink_point *pts, size_t i, size_t first);

#endif

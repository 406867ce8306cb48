/* fuzz_ink.c — libFuzzer harness for ink_decode, the parser of every
 * handwritten note's body. Looks for crashes and broken invariants, not
 * outputs: ink_validate agrees with ink_decode; whatever decodes passes
 * ink_check and encodes back to the very same bytes (one encoding per
 * note); and its points, drawn again through a builder, give a note that
 * passes ink_check and whose size the builder predicts exactly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Redraws k's points as canvas input (half the grid, so the builder
 * rescales them) and checks what it makes. */
static void redraw(const ink *k)
{
	ink_builder *b = NULL;
	ink view, again;
	uint8_t *buf;
	size_t len;

	if (ink_builder_new(0, 0, k->width / 2.0, k->height / 2.0, &b))
		abort();
	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (ink_builder_begin(b, st->colour) == STATUS_INK_INVALID)
			break;
		for (size_t i = st->first; i < st->first + st->count; i++)
			ink_builder_add(b, k->points[i].x / 2.0, k->points[i].y / 2.0);
	}
	ink_builder_end(b);
	ink_builder_view(b, &view);
	if (view.nstrokes > 0) {
		if (ink_encode(&view, &buf, &len) != STATUS_OK || len != ink_builder_bytes(b))
			abort();
		free(buf);
		if (ink_builder_finish(b, &again) != STATUS_OK || ink_check(&again) != STATUS_OK)
			abort();
		ink_free(&again);
	}
	ink_builder_destroy(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ink k;
	uint8_t *again;
	size_t len;
	status st = ink_decode(data, size, &k);

	if (ink_validate(data, size) != st)
		abort();
	if (st != STATUS_OK) {
		if (st != STATUS_INK_INVALID || k.points || k.strokes || k.npoints || k.nstrokes)
			abort();
		return 0;
	}
	if (ink_check(&k) != STATUS_OK || ink_encode(&k, &again, &len) != STATUS_OK ||
	    len != size || memcmp(again, data, size) != 0)
		abort();
	free(again);
	redraw(&k);
	ink_free(&k);
	return 0;
}

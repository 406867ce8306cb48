/* fuzz_ink_json.c — libFuzzer harness for the stroke lists
 * `treehole-admin submit --ink` reads (JSON parsed by cJSON, then shape,
 * ranges and limits). Invariants: a refusal says why and leaves no note;
 * an accepted note passes ink_check and encodes. */
#include <stdint.h>
#include <stdlib.h>

#include "ink_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[INK_JSON_WHY_MAX];
	uint8_t *buf;
	size_t len;
	ink k;
	status st = ink_json_parse((const char *)data, size, &k, why);

	if (st != STATUS_OK) {
		if (st != STATUS_INK_INVALID || !why[0] || k.points || k.strokes)
			abort();
		return 0;
	}
	if (ink_check(&k) != STATUS_OK || ink_encode(&k, &buf, &len) != STATUS_OK)
		abort();
	free(buf);
	ink_free(&k);
	return 0;
}

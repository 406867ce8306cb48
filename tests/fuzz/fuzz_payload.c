/* fuzz_payload.c — libFuzzer harness for payload_decode, the parser of
 * every opened ciphertext. Looks for crashes and broken invariants, not
 * outputs: whatever decodes must re-encode to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "payload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	payload_fields f;
	static uint8_t again[PAYLOAD_MAX_PADDED];
	size_t len;

	if (payload_decode(data, size, &f) != STATUS_OK)
		return 0;
	if (f.body_len > NOTE_BODY_MAX_BYTES || f.body < data || f.body + f.body_len > data + size)
		abort();
	if (payload_encode(&f, again, sizeof again, &len) != STATUS_OK || len != size ||
	    memcmp(again, data, size) != 0)
		abort();
	return 0;
}

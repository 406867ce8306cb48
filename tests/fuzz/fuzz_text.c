/* fuzz_text.c — libFuzzer harness for note_check_text, the gate every
 * typed or pasted note passes. Invariants: accepted text holds no NUL,
 * stays within the limits, and the count agrees with the UTF-8 lead bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "note.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t chars = 0, leads = 0;

	if (note_check_text((const char *)data, size, &chars) != STATUS_OK)
		return 0;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == 0)
			abort();
		leads += (data[i] & 0xC0) != 0x80;
	}
	if (chars != leads || chars == 0 || chars > NOTE_TEXT_MAX_CHARS || size > NOTE_TEXT_MAX_BYTES)
		abort();
	return 0;
}

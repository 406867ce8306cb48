/* payload.h — the versioned plaintext that gets sealed, and its padding.
 *
 * Layout (version 1), before padding:
 *   u8 version | u8 kind | u8 mood | i32le day | 16 B note id | u32le len | body
 * The id, day, mood and kind are repeated inside the authenticated plaintext
 * so that a row whose columns were edited or swapped is caught on opening.
 * The whole is then padded with sodium_pad to the smallest bucket that fits,
 * so a ciphertext's length reveals only its bucket. */
#ifndef TREEHOLE_PAYLOAD_H
#define TREEHOLE_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "note.h"
#include "status.h"

#define PAYLOAD_VERSION 1
#define PAYLOAD_HEADER_BYTES 27
/* Padded plaintext sizes. Every sealed or feed ciphertext is one of these
 * plus a fixed overhead. Text notes of the maximum length fit in 8192. */
#define PAYLOAD_BUCKET_COUNT 4
extern const size_t payload_buckets[PAYLOAD_BUCKET_COUNT];
#define PAYLOAD_MAX_PADDED 32768

/* The fields a payload carries; `body` is borrowed, never owned. */
typedef struct payload_fields {
	note_id id;
	int32_t day;
	note_mood mood;
	note_kind kind;
	const uint8_t *body;
	size_t body_len;
} payload_fields;

/* Size of the padded payload for a body of body_len bytes, or 0 if it
 * exceeds NOTE_BODY_MAX_BYTES. */
size_t payload_padded_size(size_t body_len);

/* Encodes and pads `f` into `out`, which must hold payload_padded_size()
 * bytes. OUT: *out_len. Returns STATUS_BAD_ARGUMENT if the body is too big
 * or a field is out of range. The caller owns `out` and should wipe it. */
status payload_encode(const payload_fields *f, uint8_t *out, size_t out_cap, size_t *out_len);

/* Strictly decodes a padded payload of len bytes. On success `f->body`
 * points into `buf` (borrowed: valid while buf is). Returns
 * STATUS_DAMAGED_NOTE for anything malformed: bad padding, unknown version,
 * kind or mood, a length that does not match. */
status payload_decode(const uint8_t *buf, size_t len, payload_fields *f);

#endif

/* payload.c — versioned plaintext layout and size-bucket padding. */
#include "payload.h"

#include <string.h>

#include <sodium.h>

const size_t payload_buckets[PAYLOAD_BUCKET_COUNT] = {512, 2048, 8192, PAYLOAD_MAX_PADDED};

size_t payload_padded_size(size_t body_len)
{
	if (body_len > NOTE_BODY_MAX_BYTES)
		return 0;
	/* sodium_pad always adds at least one byte (the 0x80 marker). */
	size_t need = PAYLOAD_HEADER_BYTES + body_len + 1;
	for (size_t i = 0; i < PAYLOAD_BUCKET_COUNT; i++)
		if (need <= payload_buckets[i])
			return payload_buckets[i];
	return 0;
}

static void put_u32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_u32le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

status payload_encode(const payload_fields *f, uint8_t *out, size_t out_cap, size_t *out_len)
{
	size_t bucket = payload_padded_size(f->body_len);
	size_t used = PAYLOAD_HEADER_BYTES + f->body_len, padded;

	if (bucket == 0 || out_cap < bucket || !note_mood_valid((int)f->mood) ||
	    !note_kind_name(f->kind) || (f->body_len && !f->body))
		return STATUS_BAD_ARGUMENT;
	out[0] = PAYLOAD_VERSION;
	out[1] = (uint8_t)f->kind;
	out[2] = (uint8_t)f->mood;
	put_u32le(out + 3, (uint32_t)f->day);
	memcpy(out + 7, f->id.b, NOTE_ID_BYTES);
	put_u32le(out + 23, (uint32_t)f->body_len);
	if (f->body_len)
		memcpy(out + PAYLOAD_HEADER_BYTES, f->body, f->body_len);
	/* Padding to the bucket itself as block size yields exactly `bucket`. */
	if (sodium_pad(&padded, out, used, bucket, out_cap) != 0 || padded != bucket)
		return STATUS_BAD_ARGUMENT;
	*out_len = padded;
	return STATUS_OK;
}

static bool is_bucket(size_t len)
{
	for (size_t i = 0; i < PAYLOAD_BUCKET_COUNT; i++)
		if (len == payload_buckets[i])
			return true;
	return false;
}

status payload_decode(const uint8_t *buf, size_t len, payload_fields *f)
{
	size_t unpadded;

	if (!is_bucket(len) || sodium_unpad(&unpadded, buf, len, len) != 0)
		return STATUS_DAMAGED_NOTE;
	if (unpadded < PAYLOAD_HEADER_BYTES || buf[0] != PAYLOAD_VERSION)
		return STATUS_DAMAGED_NOTE;
	f->kind = (note_kind)buf[1];
	f->mood = (note_mood)buf[2];
	f->day = (int32_t)get_u32le(buf + 3);
	memcpy(f->id.b, buf + 7, NOTE_ID_BYTES);
	f->body_len = get_u32le(buf + 23);
	f->body = buf + PAYLOAD_HEADER_BYTES;
	if (!note_kind_name(f->kind) || !note_mood_valid((int)f->mood) ||
	    f->body_len != unpadded - PAYLOAD_HEADER_BYTES || f->body_len > NOTE_BODY_MAX_BYTES ||
	    payload_padded_size(f->body_len) != len)
		return STATUS_DAMAGED_NOTE;
	return STATUS_OK;
}

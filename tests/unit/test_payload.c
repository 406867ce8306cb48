/* test_payload.c — payload layout, padding buckets, strict decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "payload.h"

static payload_fields sample(const char *text)
{
	payload_fields f = {.day = 20787, .mood = NOTE_MOOD_TIRED, .kind = NOTE_KIND_TEXT,
	                    .body = (const uint8_t *)text, .body_len = strlen(text)};
	for (int i = 0; i < NOTE_ID_BYTES; i++)
		f.id.b[i] = (uint8_t)(0xA0 + i);
	return f;
}

static void test_round_trip(void **state)
{
	(void)state;
	uint8_t buf[PAYLOAD_MAX_PADDED];
	size_t len;
	payload_fields in = sample("开车开了一整天"), out;

	assert_int_equal(payload_encode(&in, buf, sizeof buf, &len), STATUS_OK);
	assert_int_equal(len, 512);
	assert_int_equal(payload_decode(buf, len, &out), STATUS_OK);
	assert_memory_equal(out.id.b, in.id.b, NOTE_ID_BYTES);
	assert_int_equal(out.day, in.day);
	assert_int_equal(out.mood, in.mood);
	assert_int_equal(out.kind, in.kind);
	assert_int_equal(out.body_len, in.body_len);
	assert_memory_equal(out.body, in.body, in.body_len);
}

static void test_buckets(void **state)
{
	(void)state;
	assert_int_equal(payload_padded_size(0), 512);
	assert_int_equal(payload_padded_size(512 - PAYLOAD_HEADER_BYTES - 1), 512);
	assert_int_equal(payload_padded_size(512 - PAYLOAD_HEADER_BYTES), 2048);
	assert_int_equal(payload_padded_size(NOTE_TEXT_MAX_BYTES), 8192);
	assert_int_equal(payload_padded_size(NOTE_BODY_MAX_BYTES), PAYLOAD_MAX_PADDED);
	assert_int_equal(payload_padded_size(NOTE_BODY_MAX_BYTES + 1), 0);
	/* every size lands exactly on a bucket */
	uint8_t *buf = malloc(PAYLOAD_MAX_PADDED), *body = calloc(1, NOTE_BODY_MAX_BYTES);
	for (size_t n = 0; n <= NOTE_BODY_MAX_BYTES; n += 997) {
		payload_fields f = sample("");
		size_t len;
		f.body = body;
		f.body_len = n;
		assert_int_equal(payload_encode(&f, buf, PAYLOAD_MAX_PADDED, &len), STATUS_OK);
		assert_int_equal(len, payload_padded_size(n));
	}
	free(buf);
	free(body);
}

static void test_rejects_bad_fields(void **state)
{
	(void)state;
	uint8_t buf[PAYLOAD_MAX_PADDED];
	size_t len;
	payload_fields f = sample("x");

	f.mood = (note_mood)0;
	assert_int_equal(payload_encode(&f, buf, sizeof buf, &len), STATUS_BAD_ARGUMENT);
	f = sample("x");
	f.kind = (note_kind)9;
	assert_int_equal(payload_encode(&f, buf, sizeof buf, &len), STATUS_BAD_ARGUMENT);
	f = sample("x");
	assert_int_equal(payload_encode(&f, buf, 100, &len), STATUS_BAD_ARGUMENT);
}

static void test_decode_is_strict(void **state)
{
	(void)state;
	uint8_t buf[PAYLOAD_MAX_PADDED];
	size_t len;
	payload_fields f = sample("你好"), out;

	assert_int_equal(payload_encode(&f, buf, sizeof buf, &len), STATUS_OK);
	assert_int_equal(payload_decode(buf, len - 1, &out), STATUS_DAMAGED_NOTE);  /* not a bucket */
	uint8_t copy[512];
	memcpy(copy, buf, 512);
	copy[0] = 2; /* unknown version */
	assert_int_equal(payload_decode(copy, 512, &out), STATUS_DAMAGED_NOTE);
	memcpy(copy, buf, 512);
	copy[1] = 7; /* unknown kind */
	assert_int_equal(payload_decode(copy, 512, &out), STATUS_DAMAGED_NOTE);
	memcpy(copy, buf, 512);
	copy[2] = 0; /* no mood */
	assert_int_equal(payload_decode(copy, 512, &out), STATUS_DAMAGED_NOTE);
	memcpy(copy, buf, 512);
	copy[23] = 99; /* length disagrees with padding */
	assert_int_equal(payload_decode(copy, 512, &out), STATUS_DAMAGED_NOTE);
	memcpy(copy, buf, 512);
	copy[511] = 1; /* padding spoiled */
	assert_int_equal(payload_decode(copy, 512, &out), STATUS_DAMAGED_NOTE);
	memset(copy, 0, sizeof copy);
	assert_int_equal(payload_decode(copy, 512, &out), STATUS_DAMAGED_NOTE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_rejects_bad_fields),
		cmocka_unit_test(test_decode_is_strict),
	};
	return cmocka_run_group_tests_name("payload", tests, NULL, NULL);
}

/* test_ink.c — the stroke codec: exact bytes, strict decoding, limits,
 * and properties over random notes (round trip, truncation, trailing
 * bytes, every single-byte change). The builder and the store's part are
 * in test_ink_build.c. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ink.h"
#include "testutil.h"


static void clamp_step(int32_t *v, int32_t step, uint16_t size)
{
	*v += step;
	if (*v < 0)
		*v = 0;
	if (*v >= size)
		*v = size - 1;
}

/* A random valid note: strokes of random walks, now smooth, now jumpy,
 * sometimes standing still, on a canvas of random size. */
static ink random_ink(size_t max_strokes, size_t max_points)
{
	ink k = {.width = (uint16_t)(1 + testutil_rnd(INK_GRID)), .height = (uint16_t)(1 + testutil_rnd(INK_GRID))};
	size_t nstrokes = 1 + testutil_rnd((uint32_t)max_strokes);
	int32_t x = (int32_t)testutil_rnd(k.width), y = (int32_t)testutil_rnd(k.height);

	if (testutil_rnd(3) == 0 && testutil_rnd(2))
		k.width = INK_GRID;
	else if (testutil_rnd(2))
		k.height = INK_GRID;
	k.strokes = calloc(nstrokes, sizeof *k.strokes);
	k.points = calloc(nstrokes * max_points, sizeof *k.points);
	assert_non_null(k.strokes);
	assert_non_null(k.points);
	for (size_t s = 0; s < nstrokes; s++) {
		uint32_t count = 1 + testutil_rnd((uint32_t)max_points);
		int32_t spread = testutil_rnd(4) == 0 ? INK_GRID : testutil_rnd(2) ? 80 : 6;
		int32_t vx = 0, vy = 0;
		k.strokes[s] = (ink_stroke){.first = (uint32_t)k.npoints, .count = count,
		                            .colour = (uint8_t)testutil_rnd(INK_COLOURS)};
		for (uint32_t j = 0; j < count; j++) {
			/* a velocity that drifts, as a pen's does */
			vx += (int32_t)testutil_rnd((uint32_t)spread + 1) - spread / 2;
			vy += (int32_t)testutil_rnd((uint32_t)spread + 1) - spread / 2;
			vx /= 2, vy /= 2;
			clamp_step(&x, vx, k.width);
			clamp_step(&y, vy, k.height);
			k.points[k.npoints++] = (ink_point){(uint16_t)x, (uint16_t)y};
		}
	}
	k.nstrokes = nstrokes;
	assert_int_equal(ink_check(&k), STATUS_OK);
	return k;
}

/* Decoding must fail, leave *out empty, and agree with ink_validate. */
static void assert_rejected(const uint8_t *buf, size_t len)
{
	ink out;

	assert_int_equal(ink_decode(buf, len, &out), STATUS_INK_INVALID);
	assert_null(out.points);
	assert_null(out.strokes);
	assert_int_equal(out.npoints, 0);
	assert_int_equal(out.nstrokes, 0);
	assert_int_equal(ink_validate(buf, len), STATUS_INK_INVALID);
}

/* ---- the codec ---- */

/* The bytes of a small note worked out by hand from the format in ink.h:
 * the format is a contract with every stored note. */
static void test_known_bytes(void **state)
{
	(void)state;
	static const uint16_t xy[] = {10, 20, 13, 24, 17, 27, 20, 31, 20, 31};
	static const uint32_t counts[] = {4, 1};
	static const uint8_t colours[] = {1, 3};
	static const uint8_t want[] = {
		0x01,             /* version */
		0x80, 0x20,       /* width 4096 */
		0xAB, 0x15,       /* height 2731 */
		0x02,             /* two strokes */
		0x0D,             /* (4 - 1) * 4 + colour 1 */
		0x03,             /* (1 - 1) * 4 + colour 3 */
		0x90, 0x13,       /* (10, 20) from (0, 0): zigzag 20, 40 interleaved = 2448 */
		0x94, 0x01,       /* (+3, +4): zigzag 6, 8 -> 148 */
		0x06,             /* predicted (16, 28), off by (+1, -1): zigzag 2, 1 -> 6 */
		0x09,             /* predicted (21, 30), off by (-1, +1): zigzag 1, 2 -> 9 */
		0x00,             /* the dot on the last point: residual (0, 0) */
	};
	ink k = testutil_ink(4096, 2731, xy, 5, counts, colours, 2), back;
	uint8_t *buf;
	size_t len;

	testutil_encode_ok(&k, &buf, &len);
	assert_int_equal(len, sizeof want);
	assert_memory_equal(buf, want, sizeof want);
	assert_int_equal(ink_decode(buf, len, &back), STATUS_OK);
	testutil_assert_ink_equal(&k, &back);
	assert_int_equal(ink_validate(buf, len), STATUS_OK);
	free(buf);
	ink_free(&back);
	ink_free(&k);
	ink_free(&k); /* a freed note is empty; freeing again is harmless */
	ink_free(NULL);
}

static void test_check_rejects(void **state)
{
	(void)state;
	static const uint16_t xy[] = {0, 0, 5, 5, 9, 9};
	static const uint32_t counts[] = {2, 1};
	ink k = testutil_ink(10, 10, xy, 3, counts, NULL, 2), bad;
	uint8_t *buf = (uint8_t *)"untouched";
	size_t len = 99;

	assert_int_equal(ink_check(&k), STATUS_OK);
	assert_int_equal(ink_check(NULL), STATUS_BAD_ARGUMENT);
#define REJECT(field, value)                                                   \
	do {                                                                   \
		bad = k;                                                       \
		bad.field = value;                                             \
		assert_int_equal(ink_check(&bad), STATUS_INK_INVALID);         \
		assert_int_equal(ink_encode(&bad, &buf, &len), STATUS_INK_INVALID); \
		assert_null(buf);                                              \
		assert_int_equal(len, 0);                                      \
	} while (0)
	REJECT(width, 0);
	REJECT(height, 0);
	REJECT(width, INK_GRID + 1);
	REJECT(width, 9); /* the last point is at x = 9 */
	REJECT(height, 9);
	REJECT(npoints, 0);
	REJECT(npoints, 2); /* the strokes cover 3 */
	REJECT(npoints, 4);
	REJECT(nstrokes, 0);
	REJECT(nstrokes, 1);
	REJECT(points, NULL);
	REJECT(strokes, NULL);
#undef REJECT
	k.strokes[1].colour = INK_COLOURS;
	assert_int_equal(ink_check(&k), STATUS_INK_INVALID);
	k.strokes[1].colour = 0;
	k.strokes[1].first = 1; /* overlaps the first stroke */
	assert_int_equal(ink_check(&k), STATUS_INK_INVALID);
	k.strokes[1].first = 2;
	k.strokes[0].count = 0, k.strokes[1].count = 3, k.strokes[1].first = 0;
	assert_int_equal(ink_check(&k), STATUS_INK_INVALID);
	assert_int_equal(ink_encode(&k, NULL, &len), STATUS_BAD_ARGUMENT);
	ink_free(&k);
}

static void test_random_round_trip(void **state)
{
	(void)state;
	testutil_seed(1);
	for (int n = 0; n < 400; n++) {
		ink k = random_ink(n % 10 == 0 ? 60 : 6, n % 7 == 0 ? 400 : 30), back;
		uint8_t *buf;
		size_t len;
		testutil_encode_ok(&k, &buf, &len);
		assert_int_equal(ink_validate(buf, len), STATUS_OK);
		assert_int_equal(ink_decode(buf, len, &back), STATUS_OK);
		assert_int_equal(ink_check(&back), STATUS_OK);
		testutil_assert_ink_equal(&k, &back);
		free(buf);
		ink_free(&back);
		ink_free(&k);
	}
}

static void test_truncations_rejected(void **state)
{
	(void)state;
	testutil_seed(2);
	for (int n = 0; n < 40; n++) {
		ink k = random_ink(5, 40);
		uint8_t *buf;
		size_t len;
		testutil_encode_ok(&k, &buf, &len);
		for (size_t cut = 0; cut < len; cut++) {
			/* an exact-size copy, so a read past the end shows under ASan */
			uint8_t *part = malloc(cut ? cut : 1);
			memcpy(part, buf, cut);
			assert_rejected(part, cut);
			free(part);
		}
		free(buf);
		ink_free(&k);
	}
	assert_rejected(NULL, 0);
}

static void test_trailing_bytes_rejected(void **state)
{
	(void)state;
	testutil_seed(3);
	for (int n = 0; n < 40; n++) {
		ink k = random_ink(5, 40);
		uint8_t *buf, *more;
		size_t len;
		testutil_encode_ok(&k, &buf, &len);
		more = malloc(len + 1);
		memcpy(more, buf, len);
		more[len] = (uint8_t)testutil_rnd(256); /* a zero byte would even be a valid point */
		assert_rejected(more, len + 1);
		free(more);
		free(buf);
		ink_free(&k);
	}
}

/* Every value of every byte: the decoder rejects the body, or what it
 * decodes passes ink_check and encodes back to the very same bytes. */
static void test_byte_flips(void **state)
{
	(void)state;
	size_t accepted = 0, rejected = 0;

	testutil_seed(4);
	for (int n = 0; n < 12; n++) {
		ink k = random_ink(4, 25);
		uint8_t *buf, *again;
		size_t len, again_len;
		testutil_encode_ok(&k, &buf, &len);
		for (size_t i = 0; i < len; i++) {
			uint8_t orig = buf[i];
			for (int v = 0; v < 256; v++) {
				ink back;
				if (v == orig)
					continue;
				buf[i] = (uint8_t)v;
				status st = ink_decode(buf, len, &back);
				assert_int_equal(ink_validate(buf, len), st);
				if (st) {
					assert_int_equal(st, STATUS_INK_INVALID);
					rejected++;
					continue;
				}
				accepted++;
				assert_int_equal(ink_check(&back), STATUS_OK);
				testutil_encode_ok(&back, &again, &again_len);
				assert_int_equal(again_len, len);
				assert_memory_equal(again, buf, len);
				free(again);
				ink_free(&back);
			}
			buf[i] = orig;
		}
		free(buf);
		ink_free(&k);
	}
	/* both outcomes happen, or the test proves nothing */
	assert_true(accepted > 1000);
	assert_true(rejected > 1000);
}

static void test_header_rejects(void **state)
{
	(void)state;
	/* 1 x 1 canvas, one stroke of one point at (0, 0): the smallest note */
	static const uint8_t ok[] = {0x01, 0x01, 0x01, 0x01, 0x00, 0x00};
	static const uint8_t v2[] = {0x02, 0x01, 0x01, 0x01, 0x00, 0x00};
	static const uint8_t w0[] = {0x01, 0x00, 0x01, 0x01, 0x00, 0x00};
	static const uint8_t w4097[] = {0x01, 0x81, 0x20, 0x01, 0x01, 0x00, 0x00};
	static const uint8_t long_w[] = {0x01, 0x81, 0x00, 0x01, 0x01, 0x00, 0x00};
	static const uint8_t no_strokes[] = {0x01, 0x01, 0x01, 0x00};
	static const uint8_t off_canvas[] = {0x01, 0x01, 0x01, 0x01, 0x00, 0x02};
	static const uint8_t long_point[] = {0x01, 0x01, 0x01, 0x01, 0x00, 0x80, 0x00};
	static const uint8_t long_head[] = {0x01, 0x01, 0x01, 0x01, 0x80, 0x00, 0x00};
	/* 5-byte point code: more than the 28 bits any residual needs */
	static const uint8_t huge_point[] = {0x01, 0x01, 0x01, 0x01, 0x00,
	                                     0x80, 0x80, 0x80, 0x80, 0x01};
	ink k;

	assert_int_equal(ink_decode(ok, sizeof ok, &k), STATUS_OK);
	assert_int_equal(k.width, 1);
	assert_int_equal(k.npoints, 1);
	ink_free(&k);
	assert_rejected(v2, sizeof v2);
	assert_rejected(w0, sizeof w0);
	assert_rejected(w4097, sizeof w4097);
	assert_rejected(long_w, sizeof long_w);
	assert_rejected(no_strokes, sizeof no_strokes);
	assert_rejected(off_canvas, sizeof off_canvas);
	assert_rejected(long_point, sizeof long_point);
	assert_rejected(long_head, sizeof long_head);
	assert_rejected(huge_point, sizeof huge_point);
	assert_int_equal(ink_decode(ok, sizeof ok, NULL), STATUS_BAD_ARGUMENT);
}

/* Writes a varint the way the format does. */
static size_t put(uint8_t *p, uint32_t v)
{
	size_t n = 0;
	for (; v >= 0x80; v >>= 7)
		p[n++] = (uint8_t)(v | 0x80);
	p[n++] = (uint8_t)v;
	return n;
}

/* A body claiming `nstrokes` strokes of `count` points each, followed by
 * `count * nstrokes` zero point codes (all on (0, 0)), or `cap` bytes. */
static size_t claim(uint8_t *buf, size_t cap, uint32_t nstrokes, uint32_t count)
{
	size_t n = 0;

	buf[n++] = INK_VERSION;
	n += put(buf + n, INK_GRID);
	n += put(buf + n, INK_GRID);
	n += put(buf + n, nstrokes);
	for (uint32_t s = 0; s < nstrokes && n + 4 < cap; s++)
		n += put(buf + n, (count - 1) * INK_COLOURS);
	for (uint64_t i = 0; i < (uint64_t)nstrokes * count && n < cap; i++)
		buf[n++] = 0;
	return n;
}

static void test_limits_on_decode(void **state)
{
	(void)state;
	size_t cap = INK_MAX_BYTES + 16, n;
	uint8_t *buf = malloc(cap);
	ink k;

	/* at the limits: accepted */
	n = claim(buf, cap, 1, INK_MAX_STROKE_POINTS);
	assert_int_equal(ink_decode(buf, n, &k), STATUS_OK);
	assert_int_equal(k.npoints, INK_MAX_STROKE_POINTS);
	ink_free(&k);
	n = claim(buf, cap, INK_MAX_STROKES, 1);
	assert_int_equal(ink_validate(buf, n), STATUS_OK);
	n = claim(buf, cap, 5, INK_MAX_POINTS / 5);
	assert_int_equal(ink_validate(buf, n), STATUS_OK);
	/* one past: refused, whatever follows */
	n = claim(buf, cap, 1, INK_MAX_STROKE_POINTS + 1);
	assert_rejected(buf, n);
	n = claim(buf, cap, INK_MAX_STROKES + 1, 1);
	assert_rejected(buf, n);
	n = claim(buf, cap, 6, INK_MAX_POINTS / 5);
	assert_rejected(buf, n);
	/* a body over INK_MAX_BYTES is refused before it is read */
	n = claim(buf, cap, 1, 1);
	memset(buf + n, 0, cap - n);
	assert_rejected(buf, INK_MAX_BYTES + 1);
	free(buf);
}

static void test_limits_on_encode(void **state)
{
	(void)state;
	size_t big = INK_MAX_POINTS + 1;
	ink k = {.width = INK_GRID, .height = INK_GRID};
	uint8_t *buf;
	size_t len;

	k.points = calloc(big, sizeof *k.points);
	k.strokes = calloc(INK_MAX_STROKES + 1, sizeof *k.strokes);
	/* one stroke one point too long */
	k.npoints = INK_MAX_STROKE_POINTS + 1, k.nstrokes = 1;
	k.strokes[0].count = (uint32_t)k.npoints;
	assert_int_equal(ink_encode(&k, &buf, &len), STATUS_INK_INVALID);
	k.npoints = k.strokes[0].count = INK_MAX_STROKE_POINTS;
	assert_int_equal(ink_encode(&k, &buf, &len), STATUS_OK);
	free(buf);
	/* one stroke too many */
	k.npoints = k.nstrokes = INK_MAX_STROKES + 1;
	for (size_t s = 0; s < k.nstrokes; s++)
		k.strokes[s] = (ink_stroke){.first = (uint32_t)s, .count = 1};
	assert_int_equal(ink_encode(&k, &buf, &len), STATUS_INK_INVALID);
	/* one point too many in all */
	k.npoints = big, k.nstrokes = 6;
	for (size_t s = 0; s < 6; s++)
		k.strokes[s] = (ink_stroke){.first = (uint32_t)(s * 3334), .count = 3334};
	k.strokes[5].count = (uint32_t)(big - 5 * 3334);
	assert_int_equal(ink_encode(&k, &buf, &len), STATUS_INK_INVALID);
	/* within every count, but too many bytes: far jumps cost 4 bytes */
	k.npoints = 9000, k.nstrokes = 3;
	for (size_t s = 0; s < 3; s++)
		k.strokes[s] = (ink_stroke){.first = (uint32_t)(s * 3000), .count = 3000};
	for (size_t i = 0; i < k.npoints; i++)
		k.points[i] = (ink_point){(uint16_t)(i % 2 ? INK_GRID - 1 : 0),
		                          (uint16_t)(i % 4 < 2 ? INK_GRID - 1 : 0)};
	assert_int_equal(ink_encode(&k, &buf, &len), STATUS_INK_INVALID);
	k.npoints = 6000, k.nstrokes = 2;
	assert_int_equal(ink_encode(&k, &buf, &len), STATUS_OK);
	assert_true(len <= INK_MAX_BYTES);
	free(buf);
	ink_free(&k);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_bytes),
		cmocka_unit_test(test_check_rejects),
		cmocka_unit_test(test_random_round_trip),
		cmocka_unit_test(test_truncations_rejected),
		cmocka_unit_test(test_trailing_bytes_rejected),
		cmocka_unit_test(test_byte_flips),
		cmocka_unit_test(test_header_rejects),
		cmocka_unit_test(test_limits_on_decode),
		cmocka_unit_test(test_limits_on_encode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

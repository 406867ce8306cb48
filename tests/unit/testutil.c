/* testutil.c — see testutil.h. */
#include "testutil.h"

#include "day.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

char *testutil_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];

	snprintf(tmpl, sizeof tmpl, "%s/treehole-unit-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	return strdup(dir);
}

void testutil_rmdir(char *dir)
{
	char cmd[600];

	if (!dir)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

char *testutil_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* The day every test store takes as today, read once per process: a test
 * that runs across midnight must not date a note on one day and look for
 * it on the next. */
static int32_t fixed_today(void)
{
	static int32_t day = -1;

	if (day < 0)
		day = day_today();
	return day;
}

store *testutil_store(const char *path, int delay)
{
	store_create_opts o = {.feed_delay_days = delay, .kdf = vault_kdf_test_only()};
	store *s = NULL;

	assert_int_equal(store_create(path, TEST_PASS, strlen(TEST_PASS), &o, &s), STATUS_OK);
	assert_non_null(s);
	store_set_today(s, fixed_today());
	return s;
}

static uint64_t rng_state;

void testutil_seed(uint64_t seed)
{
	rng_state = seed;
}

uint32_t testutil_rnd(uint32_t n)
{
	/* splitmix64: deterministic, so a failure replays */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return n ? (uint32_t)((z ^ (z >> 31)) % n) : 0;
}

ink testutil_ink(uint16_t w, uint16_t h, const uint16_t *xy, size_t npoints,
                 const uint32_t *counts, const uint8_t *colours, size_t nstrokes)
{
	ink k = {.width = w, .height = h, .npoints = npoints, .nstrokes = nstrokes};
	uint32_t first = 0;

	k.points = malloc((npoints ? npoints : 1) * sizeof *k.points);
	k.strokes = malloc((nstrokes ? nstrokes : 1) * sizeof *k.strokes);
	assert_non_null(k.points);
	assert_non_null(k.strokes);
	for (size_t i = 0; i < npoints; i++)
		k.points[i] = (ink_point){xy[2 * i], xy[2 * i + 1]};
	for (size_t s = 0; s < nstrokes; s++) {
		k.strokes[s] = (ink_stroke){.first = first, .count = counts[s],
		                            .colour = colours ? colours[s] : 0};
		first += counts[s];
	}
	return k;
}

void testutil_assert_ink_equal(const ink *a, const ink *b)
{
	assert_int_equal(a->width, b->width);
	assert_int_equal(a->height, b->height);
	assert_int_equal(a->npoints, b->npoints);
	assert_int_equal(a->nstrokes, b->nstrokes);
	assert_memory_equal(a->points, b->points, a->npoints * sizeof *a->points);
	for (size_t s = 0; s < a->nstrokes; s++) {
		assert_int_equal(a->strokes[s].first, b->strokes[s].first);
		assert_int_equal(a->strokes[s].count, b->strokes[s].count);
		assert_int_equal(a->strokes[s].colour, b->strokes[s].colour);
	}
}

void testutil_encode_ok(const ink *k, uint8_t **buf, size_t *len)
{
	assert_int_equal(ink_encode(k, buf, len), STATUS_OK);
	assert_non_null(*buf);
}

/* test_hwr.c — the handwriting recogniser on Debian's Zinnia model: the
 * stroke sets of strokes/ in the top 3, the same top-1 wherever and however
 * big they are drawn, most still in the top 3 with jitter; missing and
 * broken models, stroke order rules, caps, clamping, empty input.
 *
 * Exits 77 (skipped) only when the model package is not installed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "hwr.h"
#include "strokeset.h"

#ifndef HWR_STROKES_DIR
#error "HWR_STROKES_DIR must name tests/input/strokes"
#endif

#define MAX_SETS 32
#define TOP 3

static strokeset sets[MAX_SETS];
static size_t nsets;
static hwr *rec;

static void load_sets(void)
{
	char err[1200];
	long n = strokeset_load_dir(HWR_STROKES_DIR, sets, MAX_SETS, err, sizeof err);
	if (n < 0)
		fail_msg("%s", err);
	nsets = (size_t)n;
}

/* ---- feeding ---- */

/* An affine change of the recorded points: p' = p * scale + offset. */
typedef struct xform {
	float sx, sy, dx, dy;
} xform;

static const xform identity = {1, 1, 0, 0};

static void feed(hwr *r, const strokeset *s, float w, float h, xform t)
{
	assert_true(hwr_begin(r, w, h));
	for (size_t i = 0; i < s->n; i++) {
		if (i > 0 && s->stroke[i] != s->stroke[i - 1])
			assert_true(hwr_end_stroke(r));
		float x = s->x[i] * t.sx + t.dx, y = s->y[i] * t.sy + t.dy;
		assert_int_equal(hwr_add_point(r, s->stroke[i], x, y), HWR_OK);
	}
	assert_true(hwr_end_stroke(r));
}

/* Rank of `text` among the candidates, or SIZE_MAX. */
static size_t rank_of(const hwr *r, const char *text)
{
	for (size_t i = 0; i < hwr_count(r); i++)
		if (strcmp(hwr_candidate(r, i), text) == 0)
			return i;
	return SIZE_MAX;
}

static void show_candidates(const char *what, const hwr *r)
{
	/* Stroke sets are test data, not anyone's note: printing them is fine. */
	fprintf(stderr, "  %s:", what);
	for (size_t i = 0; i < hwr_count(r) && i < 5; i++)
		fprintf(stderr, " %s %.2f", hwr_candidate(r, i), (double)hwr_score(r, i));
	fputc('\n', stderr);
}

/* ---- fixtures ---- */

static int setup(void **state)
{
	(void)state;
	hwr_status st = hwr_open(NULL, &rec);
	if (st == HWR_NO_MODEL) {
		fprintf(stderr, "test_hwr: %s\n", hwr_status_message(st));
		exit(77);
	}
	if (st != HWR_OK) {
		fprintf(stderr, "test_hwr: %s\n", hwr_status_message(st));
		return -1;
	}
	load_sets();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	hwr_destroy(rec);
	rec = NULL;
	return 0;
}

/* ---- recognition ---- */

static void test_sets_in_top3(void **state)
{
	(void)state;
	size_t misses = 0;

	assert_true(nsets >= 8);
	for (size_t k = 0; k < nsets; k++) {
		feed(rec, &sets[k], sets[k].w, sets[k].h, identity);
		assert_int_equal(hwr_classify(rec, 10), 10);
		size_t r = rank_of(rec, sets[k].text);
		if (r >= TOP) {
			show_candidates(sets[k].name, rec);
			misses++;
		}
	}
	assert_int_equal(misses, 0);
}

/* The same strokes smaller, bigger, in the corners and middle of the box,
 * and in a larger box of another shape: the ink is normalised, so the
 * first candidate stays. A placement: scale, and where the scaled ink's
 * bounding box sits in the box (0 = left/top edge, 1 = right/bottom). */
typedef struct placement {
	float scale, ax, ay, w, h;
} placement;

static xform placed(const strokeset *s, placement p)
{
	float x0 = s->w, y0 = s->h, x1 = 0, y1 = 0;

	for (size_t i = 0; i < s->n; i++) {
		x0 = fminf(x0, s->x[i]), x1 = fmaxf(x1, s->x[i]);
		y0 = fminf(y0, s->y[i]), y1 = fmaxf(y1, s->y[i]);
	}
	assert_true((x1 - x0) * p.scale <= p.w && (y1 - y0) * p.scale <= p.h);
	return (xform){p.scale, p.scale, p.ax * (p.w - (x1 - x0) * p.scale) - x0 * p.scale,
	               p.ay * (p.h - (y1 - y0) * p.scale) - y0 * p.scale};
}

static void test_placement_keeps_top1(void **state)
{
	(void)state;
	static const placement places[] = {
		{1, 0, 0, 300, 300},     {1, 1, 1, 300, 300},     {0.7f, 0.5f, 0.5f, 300, 300},
		{0.5f, 0, 0, 300, 300},  {0.5f, 1, 0, 300, 300},  {0.5f, 0.2f, 0.9f, 300, 300},
		{0.35f, 1, 1, 300, 300}, {1.5f, 0.3f, 0.6f, 600, 450}, {1.8f, 1, 0, 600, 450},
	};
	char top1[HWR_CANDIDATE_MAX_BYTES];

	for (size_t k = 0; k < nsets; k++) {
		const strokeset *s = &sets[k];
		feed(rec, s, s->w, s->h, identity);
		assert_int_equal(hwr_classify(rec, 1), 1);
		strcpy(top1, hwr_candidate(rec, 0));
		for (size_t m = 0; m < sizeof places / sizeof *places; m++) {
			feed(rec, s, places[m].w, places[m].h, placed(s, places[m]));
			assert_int_equal(hwr_classify(rec, 1), 1);
			if (strcmp(hwr_candidate(rec, 0), top1) != 0)
				fail_msg("%s placed by #%zu: %s instead of %s", s->name, m,
				         hwr_candidate(rec, 0), top1);
		}
	}
}

/* splitmix64: a fixed seed, the same jitter on every machine. */
static uint64_t rng_state;

static double rng_unit(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

static float rng_gauss(float sigma)
{
	double u = rng_unit(), v = rng_unit();
	return (float)(sigma * sqrt(-2.0 * log(u > 0 ? u : 1e-12)) * cos(6.283185307179586 * v));
}

/* Another hand: every stroke a few pixels off, every point a pixel or two. */
static void feed_jittered(hwr *r, const strokeset *s)
{
	float ox = 0, oy = 0;

	assert_true(hwr_begin(r, s->w, s->h));
	for (size_t i = 0; i < s->n; i++) {
		if (i == 0 || s->stroke[i] != s->stroke[i - 1])
			ox = rng_gauss(4), oy = rng_gauss(4);
		assert_int_equal(hwr_add_point(r, s->stroke[i], s->x[i] + ox + rng_gauss(1.5f),
		                               s->y[i] + oy + rng_gauss(1.5f)),
		                 HWR_OK);
	}
}

static void test_jitter_mostly_top3(void **state)
{
	(void)state;
	enum { TRIALS = 12 };
	size_t hits = 0, total = 0;

	rng_state = 20240611;
	for (size_t k = 0; k < nsets; k++) {
		size_t mine = 0;
		for (int t = 0; t < TRIALS; t++) {
			feed_jittered(rec, &sets[k]);
			hwr_classify(rec, TOP);
			mine += rank_of(rec, sets[k].text) < TOP;
		}
		if (mine < TRIALS)
			fprintf(stderr, "  %s: %zu of %d jittered in the top %d\n", sets[k].name,
			        mine, TRIALS, TOP);
		hits += mine;
		total += TRIALS;
	}
	fprintf(stderr, "  jitter: %zu of %zu in the top %d\n", hits, total, TOP);
	assert_true(hits * 100 >= total * 80);
}

/* A caller that keeps (stroke, x, y) and never calls hwr_end_stroke gets
 * the same candidates as one that does. */
static void test_implicit_stroke_end(void **state)
{
	(void)state;
	const strokeset *s = &sets[0];
	char first[TOP][HWR_CANDIDATE_MAX_BYTES];

	feed(rec, s, s->w, s->h, identity);
	assert_int_equal(hwr_classify(rec, TOP), TOP);
	for (size_t i = 0; i < TOP; i++)
		strcpy(first[i], hwr_candidate(rec, i));
	hwr_clear(rec);
	for (size_t i = 0; i < s->n; i++)
		assert_int_equal(hwr_add_point(rec, s->stroke[i], s->x[i], s->y[i]), HWR_OK);
	assert_int_equal(hwr_strokes(rec), s->stroke[s->n - 1] + 1u);
	assert_int_equal(hwr_classify(rec, TOP), TOP);
	for (size_t i = 0; i < TOP; i++)
		assert_string_equal(hwr_candidate(rec, i), first[i]);
}

static void test_candidates_well_formed(void **state)
{
	(void)state;
	feed(rec, &sets[0], sets[0].w, sets[0].h, identity);
	assert_int_equal(hwr_classify(rec, 1000), HWR_MAX_CANDIDATES);
	for (size_t i = 0; i < hwr_count(rec); i++) {
		const char *c = hwr_candidate(rec, i);
		assert_non_null(c);
		assert_true(strlen(c) >= 1 && strlen(c) < HWR_CANDIDATE_MAX_BYTES);
		if (i > 0)
			assert_true(hwr_score(rec, i) <= hwr_score(rec, i - 1));
	}
	assert_null(hwr_candidate(rec, hwr_count(rec)));
	assert_true(hwr_score(rec, hwr_count(rec)) == 0.0f);
	assert_int_equal(hwr_classify(rec, 0), 0);
	assert_int_equal(hwr_count(rec), 0);
}

/* ---- bad input ---- */

static void test_empty_character(void **state)
{
	(void)state;
	assert_true(hwr_begin(rec, 300, 300));
	assert_int_equal(hwr_classify(rec, 5), 0);
	assert_int_equal(hwr_count(rec), 0);
	assert_null(hwr_candidate(rec, 0));
	/* candidates go with the character */
	feed(rec, &sets[0], sets[0].w, sets[0].h, identity);
	assert_true(hwr_classify(rec, 5) > 0);
	hwr_clear(rec);
	assert_int_equal(hwr_count(rec), 0);
	assert_int_equal(hwr_strokes(rec), 0);
	assert_int_equal(hwr_classify(rec, 5), 0);
	/* a single dot is a character too */
	assert_int_equal(hwr_add_point(rec, 0, 150, 150), HWR_OK);
	assert_int_equal(hwr_classify(rec, 5), 5);
}

static void test_stroke_order_rules(void **state)
{
	(void)state;
	hwr_clear(rec);
	assert_int_equal(hwr_add_point(rec, 1, 10, 10), HWR_BAD_STROKE);
	assert_int_equal(hwr_strokes(rec), 0);
	assert_int_equal(hwr_add_point(rec, 0, 10, 10), HWR_OK);
	assert_int_equal(hwr_add_point(rec, 0, 50, 10), HWR_OK);
	assert_int_equal(hwr_add_point(rec, 2, 10, 10), HWR_BAD_STROKE);
	assert_int_equal(hwr_add_point(rec, 1, 10, 50), HWR_OK); /* ends stroke 0 */
	assert_int_equal(hwr_add_point(rec, 0, 90, 90), HWR_BAD_STROKE);
	assert_true(hwr_end_stroke(rec));
	assert_false(hwr_end_stroke(rec));
	assert_int_equal(hwr_add_point(rec, 1, 20, 50), HWR_BAD_STROKE);
	assert_int_equal(hwr_strokes(rec), 2);
	assert_int_equal(hwr_stroke_points(rec, 0), 2);
	assert_int_equal(hwr_stroke_points(rec, 1), 1);
	assert_int_equal(hwr_stroke_points(rec, 2), 0);
	assert_int_equal(hwr_add_point(rec, 2, NAN, 5), HWR_BAD_ARGS);
	assert_int_equal(hwr_add_point(rec, 2, 5, INFINITY), HWR_BAD_ARGS);
	assert_int_equal(hwr_strokes(rec), 2);
}

static void test_too_many_strokes(void **state)
{
	(void)state;
	assert_true(hwr_begin(rec, 300, 300));
	for (size_t s = 0; s < HWR_MAX_STROKES; s++) {
		float y = 10 + (float)(s % 28) * 10;
		assert_int_equal(hwr_add_point(rec, s, 20, y), HWR_OK);
		assert_int_equal(hwr_add_point(rec, s, 280, y + 5), HWR_OK);
		assert_true(hwr_end_stroke(rec));
	}
	assert_int_equal(hwr_add_point(rec, HWR_MAX_STROKES, 5, 5), HWR_TOO_MANY_STROKES);
	assert_int_equal(hwr_strokes(rec), HWR_MAX_STROKES);
	assert_int_equal(hwr_classify(rec, 5), 5);
}

/* 乙 as one stroke, sampled every `step` pixels along its path (~600 px,
 * twice the box: at one pixel it has more points than a stroke keeps). */
static void feed_yi(hwr *r, float step)
{
	static const float key[][2] = {
		{70, 60}, {230, 55}, {90, 225}, {100, 250}, {255, 250}, {262, 205},
	};

	assert_true(hwr_begin(r, 300, 300));
	for (size_t s = 0; s + 1 < sizeof key / sizeof *key; s++) {
		float dx = key[s + 1][0] - key[s][0], dy = key[s + 1][1] - key[s][1];
		int n = (int)(hypotf(dx, dy) / step) + 1;
		for (int i = s ? 1 : 0; i <= n; i++) {
			float f = (float)i / (float)n;
			float x = key[s][0] + dx * f, y = key[s][1] + dy * f;
			assert_int_equal(hwr_add_point(r, 0, x, y), HWR_OK);
			assert_true(hwr_stroke_points(r, 0) <= HWR_MAX_STROKE_POINTS);
		}
	}
}

/* A stroke with too many points is thinned to its cap and keeps its
 * shape: the same first candidate as the same path sampled sparsely. */
static void test_too_many_points(void **state)
{
	(void)state;
	char sparse[HWR_CANDIDATE_MAX_BYTES];

	feed_yi(rec, 20);
	assert_int_equal(hwr_classify(rec, 1), 1);
	strcpy(sparse, hwr_candidate(rec, 0));
	feed_yi(rec, 0.1f);
	assert_int_equal(hwr_classify(rec, 1), 1);
	assert_string_equal(hwr_candidate(rec, 0), sparse);
	/* a scribble that never ends stays bounded */
	assert_true(hwr_begin(rec, 300, 300));
	for (int i = 0; i < 100000; i++) {
		double a = i * 0.05;
		hwr_add_point(rec, 0, (float)(150 + 100 * cos(a)), (float)(150 + 100 * sin(a)));
	}
	assert_true(hwr_stroke_points(rec, 0) <= HWR_MAX_STROKE_POINTS);
	assert_true(hwr_stroke_points(rec, 0) >= HWR_MAX_STROKE_POINTS / 2);
	assert_int_equal(hwr_classify(rec, 5), 5);
	/* the resting finger: many points on one spot keep one */
	hwr_clear(rec);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(hwr_add_point(rec, 0, 40.0f + (float)(i % 2) * 0.1f, 40), HWR_OK);
	assert_int_equal(hwr_stroke_points(rec, 0), 1);
}

/* Points outside the box count as on its edge: the same candidates as
 * the same strokes clamped by hand. */
static void test_outside_points_clamped(void **state)
{
	(void)state;
	static const float out[][2] = {{-500, 120}, {150, 118}, {1e30f, 122}};
	static const float in[][2] = {{0, 120}, {150, 118}, {300, 122}};
	char want[TOP][HWR_CANDIDATE_MAX_BYTES];

	assert_true(hwr_begin(rec, 300, 300));
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(hwr_add_point(rec, 0, in[i][0], in[i][1]), HWR_OK);
	assert_int_equal(hwr_classify(rec, TOP), TOP);
	for (size_t i = 0; i < TOP; i++)
		strcpy(want[i], hwr_candidate(rec, i));
	assert_true(hwr_begin(rec, 300, 300));
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(hwr_add_point(rec, 0, out[i][0], out[i][1]), HWR_OK);
	assert_int_equal(hwr_classify(rec, TOP), TOP);
	for (size_t i = 0; i < TOP; i++)
		assert_string_equal(hwr_candidate(rec, i), want[i]);
	/* far outside on every side: one clamped point per corner, no crash */
	assert_true(hwr_begin(rec, 300, 300));
	assert_int_equal(hwr_add_point(rec, 0, -1e38f, -1e38f), HWR_OK);
	assert_int_equal(hwr_add_point(rec, 0, 1e38f, 1e38f), HWR_OK);
	assert_int_equal(hwr_stroke_points(rec, 0), 2);
	assert_int_equal(hwr_classify(rec, 3), 3);
}

static void test_bad_box_and_null(void **state)
{
	(void)state;
	hwr *fresh = NULL;

	assert_false(hwr_begin(rec, 0, 300));
	assert_false(hwr_begin(rec, 300, -1));
	assert_false(hwr_begin(rec, NAN, 300));
	assert_false(hwr_begin(rec, 300, INFINITY));
	assert_false(hwr_begin(NULL, 300, 300));
	assert_int_equal(hwr_open(NULL, &fresh), HWR_OK);
	assert_int_equal(hwr_add_point(fresh, 0, 1, 1), HWR_BAD_ARGS); /* no box yet */
	assert_int_equal(hwr_classify(fresh, 3), 0);
	hwr_destroy(fresh);
	assert_int_equal(hwr_add_point(NULL, 0, 1, 1), HWR_BAD_ARGS);
	assert_false(hwr_end_stroke(NULL));
	assert_int_equal(hwr_classify(NULL, 3), 0);
	assert_int_equal(hwr_count(NULL), 0);
	assert_null(hwr_candidate(NULL, 0));
	assert_int_equal(hwr_strokes(NULL), 0);
	assert_int_equal(hwr_classes(NULL), 0);
	hwr_clear(NULL);
	hwr_destroy(NULL);
}

/* ---- the model file ---- */

static void test_model_opens(void **state)
{
	(void)state;
	/* GB2312 level 1 alone is 3,755 characters */
	assert_true(hwr_classes(rec) >= 3755);
	assert_int_equal(hwr_open(NULL, NULL), HWR_BAD_ARGS);
}

static void test_missing_model_names_package(void **state)
{
	(void)state;
	hwr *r = (hwr *)&r; /* must come back NULL */

	assert_int_equal(hwr_open("/nonexistent/treehole/handwriting.model", &r), HWR_NO_MODEL);
	assert_null(r);
	assert_non_null(strstr(hwr_status_message(HWR_NO_MODEL), HWR_PACKAGE));
	assert_non_null(strstr(hwr_status_message(HWR_BAD_MODEL), HWR_PACKAGE));
	for (int st = HWR_OK; st <= HWR_TOO_MANY_STROKES; st++)
		assert_true(strlen(hwr_status_message((hwr_status)st)) > 0);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The first `len` bytes of the real model: a damaged download. */
static void write_truncated_model(const char *path, size_t len)
{
	char *buf = malloc(len);
	FILE *f = fopen(HWR_DEFAULT_MODEL, "rb");

	assert_non_null(buf);
	assert_non_null(f);
	assert_int_equal(fread(buf, 1, len, f), len);
	fclose(f);
	write_file(path, buf, len);
	free(buf);
}

static void test_broken_models(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_hwr_XXXXXX", path[256];
	/* a stroke set in Zinnia's text format: a character, not a model */
	static const char junk[] = "(character (value 中) (width 300) (height 300) "
	                           "(strokes ((1 2))))\n";
	hwr *r = NULL;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/empty.model", dir);
	write_file(path, "", 0);
	assert_int_equal(hwr_open(path, &r), HWR_BAD_MODEL);
	assert_null(r);
	snprintf(path, sizeof path, "%s/junk.model", dir);
	write_file(path, junk, sizeof junk - 1);
	assert_int_equal(hwr_open(path, &r), HWR_BAD_MODEL);
	snprintf(path, sizeof path, "%s/cut.model", dir);
	write_truncated_model(path, 65536);
	assert_int_equal(hwr_open(path, &r), HWR_BAD_MODEL);
	unlink(path);
	snprintf(path, sizeof path, "%s/empty.model", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/junk.model", dir);
	unlink(path);
	assert_int_equal(hwr_open(dir, &r), HWR_BAD_MODEL); /* a directory */
	assert_null(r);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_opens),
		cmocka_unit_test(test_missing_model_names_package),
		cmocka_unit_test(test_broken_models),
		cmocka_unit_test(test_sets_in_top3),
		cmocka_unit_test(test_placement_keeps_top1),
		cmocka_unit_test(test_jitter_mostly_top3),
		cmocka_unit_test(test_implicit_stroke_end),
		cmocka_unit_test(test_candidates_well_formed),
		cmocka_unit_test(test_empty_character),
		cmocka_unit_test(test_stroke_order_rules),
		cmocka_unit_test(test_too_many_strokes),
		cmocka_unit_test(test_too_many_points),
		cmocka_unit_test(test_outside_points_clamped),
		cmocka_unit_test(test_bad_box_and_null),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

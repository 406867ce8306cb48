/* test_ink_build.c — the ink builder (canvas to grid, resampling that
 * leaves no trace of speed, aspect, limits, the size it predicts) and an
 * ink note's way through the store (submit, approve, feed, export). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ink.h"
#include "store_internal.h"
#include "testutil.h"

/* ---- the builder ---- */

static ink_builder *builder(double x0, double y0, double w, double h)
{
	ink_builder *b = NULL;
	assert_int_equal(ink_builder_new(x0, y0, w, h, &b), STATUS_OK);
	assert_non_null(b);
	return b;
}

/* The encoded size the builder keeps is what ink_encode gives. */
static void assert_bytes_match(const ink_builder *b)
{
	ink view;
	uint8_t *buf;
	size_t len;

	ink_builder_view(b, &view);
	if (view.nstrokes == 0) {
		assert_int_equal(ink_builder_bytes(b), 0);
		return;
	}
	testutil_encode_ok(&view, &buf, &len);
	assert_int_equal(ink_builder_bytes(b), len);
	free(buf);
}

static void test_builder_line(void **state)
{
	(void)state;
	ink_builder *b = builder(0, 0, 1200, 800);
	ink k;

	assert_int_equal(ink_builder_begin(b, 2), STATUS_OK);
	for (int x = 0; x <= 1200; x += 3)
		assert_int_equal(ink_builder_add(b, x, 400), STATUS_OK);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.width, INK_GRID);
	assert_int_equal(k.height, 2731); /* 800/1200 of the grid, both ends included */
	assert_int_equal(k.nstrokes, 1);
	assert_int_equal(k.strokes[0].colour, 2);
	/* 4095 units of arc: a point every 40 and the end */
	assert_int_equal(k.npoints, 4095 / INK_RESAMPLE_STEP + 2);
	for (size_t i = 0; i < k.npoints; i++) {
		assert_int_equal(k.points[i].y, 1365);
		if (i + 1 < k.npoints)
			assert_int_equal(k.points[i].x, i * INK_RESAMPLE_STEP);
	}
	assert_int_equal(k.points[k.npoints - 1].x, INK_GRID - 1);
	ink_free(&k);
	/* the builder is empty again and can go on */
	assert_int_equal(ink_builder_finish(b, &k), STATUS_INK_INVALID);
	ink_builder_destroy(b);
	ink_builder_destroy(NULL);
}

/* The same path drawn slowly (dense input, unevenly spaced as a hand
 * speeds up and slows down) and fast (only its corners) is stored alike:
 * the points do not tell the pen's speed. */
static void test_builder_speed_leaves_no_trace(void **state)
{
	(void)state;
	ink slow, fast;

	for (int pass = 0; pass < 2; pass++) {
		ink_builder *b = builder(0, 0, 1000, 1000);
		int per_edge = pass ? 1 : 60;
		assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
		assert_int_equal(ink_builder_add(b, 800, 500), STATUS_OK);
		for (int e = 0; e < 40; e++) {
			/* an edge of a 40-gon, walked at changing speed */
			double a0 = 6.283185307179586 * e / 40, a1 = 6.283185307179586 * (e + 1) / 40;
			for (int j = 1; j <= per_edge; j++) {
				double t = (double)j / per_edge;
				t = t * t * (3 - 2 * t);
				double x = 500 + 300 * ((1 - t) * cos(a0) + t * cos(a1));
				double y = 500 + 300 * ((1 - t) * sin(a0) + t * sin(a1));
				assert_int_equal(ink_builder_add(b, x, y), STATUS_OK);
			}
		}
		assert_int_equal(ink_builder_finish(b, pass ? &fast : &slow), STATUS_OK);
		ink_builder_destroy(b);
	}
	assert_int_equal(slow.npoints, fast.npoints);
	assert_true(slow.npoints > 150);
	for (size_t i = 0; i < slow.npoints; i++) {
		assert_true(abs(slow.points[i].x - fast.points[i].x) <= 1);
		assert_true(abs(slow.points[i].y - fast.points[i].y) <= 1);
	}
	ink_free(&slow);
	ink_free(&fast);
}

static void test_builder_dots_and_repeats(void **state)
{
	(void)state;
	ink_builder *b = builder(0, 0, 100, 100);
	ink k;

	/* a tap: the same point many times is one point */
	assert_int_equal(ink_builder_begin(b, 1), STATUS_OK);
	for (int i = 0; i < 50; i++)
		assert_int_equal(ink_builder_add(b, 50, 50), STATUS_OK);
	/* a stroke with no point is no stroke */
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	assert_int_equal(ink_builder_end(b), STATUS_OK);
	assert_int_equal(ink_builder_end(b), STATUS_OK);
	/* wandering within less than a grid unit is one point too */
	assert_int_equal(ink_builder_begin(b, 3), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 20, 20), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 20.01, 20.01), STATUS_OK);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.nstrokes, 2);
	assert_int_equal(k.npoints, 2);
	assert_int_equal(k.strokes[0].colour, 1);
	assert_int_equal(k.strokes[1].colour, 3);
	assert_int_equal(k.points[0].x, 2048);
	assert_int_equal(k.points[1].x, 819);
	ink_free(&k);
	ink_builder_destroy(b);
}

static void test_builder_canvas(void **state)
{
	(void)state;
	ink_builder *b = NULL;
	ink k;

	/* a bounding box keeps its aspect: 300 x 100 -> 4096 x 1366 */
	b = builder(100, 50, 300, 100);
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 100, 150), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 400, 50), STATUS_OK);
	/* strays off the canvas are clamped onto its edge */
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	assert_int_equal(ink_builder_add(b, -1e300, 1e300), STATUS_OK);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.width, 4096);
	assert_int_equal(k.height, 1366);
	assert_int_equal(k.points[0].x, 0);
	assert_int_equal(k.points[0].y, 1365);
	assert_int_equal(k.points[k.strokes[0].count - 1].x, 4095);
	assert_int_equal(k.points[k.strokes[0].count - 1].y, 0);
	assert_int_equal(k.points[k.npoints - 1].x, 0);
	assert_int_equal(k.points[k.npoints - 1].y, 1365);
	ink_free(&k);
	ink_builder_destroy(b);
	/* a single point's box: a 1 x 1 canvas; a flat line's: one unit high */
	b = builder(7, 7, 0, 0);
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 7, 7), STATUS_OK);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.width, 1);
	assert_int_equal(k.height, 1);
	ink_free(&k);
	ink_builder_destroy(b);
	b = builder(0, 3, 50, 0);
	ink_builder_view(b, &k);
	assert_int_equal(k.width, INK_GRID);
	assert_int_equal(k.height, 1);
	assert_int_equal(k.nstrokes, 0);
	ink_builder_destroy(b);
	/* what is no canvas */
	assert_int_equal(ink_builder_new(0, 0, -1, 5, &b), STATUS_BAD_ARGUMENT);
	assert_null(b);
	assert_int_equal(ink_builder_new(0, 0, INFINITY, 5, &b), STATUS_BAD_ARGUMENT);
	assert_int_equal(ink_builder_new(NAN, 0, 5, 5, &b), STATUS_BAD_ARGUMENT);
	/* a side too small to scale is no extent: a dot, not a refusal */
	assert_int_equal(ink_builder_new(0, 0, 1e-320, 0, &b), STATUS_OK);
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 0, 0), STATUS_OK);
	assert_int_equal(ink_builder_add(b, 1e-320, 0), STATUS_OK);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.width, 1);
	assert_int_equal(k.height, 1);
	assert_int_equal(k.npoints, 1);
	ink_free(&k);
	ink_builder_destroy(b);
}

static void test_builder_misuse(void **state)
{
	(void)state;
	ink_builder *b = builder(0, 0, 10, 10);

	assert_int_equal(ink_builder_add(b, 1, 1), STATUS_BAD_ARGUMENT); /* no stroke */
	assert_int_equal(ink_builder_begin(b, INK_COLOURS), STATUS_BAD_ARGUMENT);
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	assert_int_equal(ink_builder_add(b, NAN, 1), STATUS_BAD_ARGUMENT);
	assert_int_equal(ink_builder_add(b, 1, -INFINITY), STATUS_BAD_ARGUMENT);
	assert_false(ink_builder_undo(b)); /* the open stroke, empty: nothing kept */
	assert_false(ink_builder_undo(b));
	ink_builder_destroy(b);
}

static void test_builder_undo_and_bytes(void **state)
{
	(void)state;
	ink_builder *b = builder(0, 0, 640, 480);
	ink k;

	testutil_seed(5);
	for (int s = 0; s < 300; s++) {
		double x = testutil_rnd(640), y = testutil_rnd(480);
		assert_int_equal(ink_builder_begin(b, testutil_rnd(INK_COLOURS)), STATUS_OK);
		assert_bytes_match(b);
		for (uint32_t i = testutil_rnd(80); i > 0; i--) {
			x += (double)testutil_rnd(11) - 5, y += (double)testutil_rnd(11) - 5;
			assert_int_equal(ink_builder_add(b, x, y), STATUS_OK);
			if (i % 16 == 0)
				assert_bytes_match(b);
		}
		if (testutil_rnd(2))
			assert_int_equal(ink_builder_end(b), STATUS_OK);
		if (testutil_rnd(5) == 0)
			assert_true(ink_builder_undo(b));
		assert_bytes_match(b);
	}
	ink_builder_view(b, &k);
	size_t strokes = k.nstrokes;
	assert_true(strokes > 150); /* over 127: the count takes two bytes */
	assert_true(ink_builder_undo(b));
	ink_builder_view(b, &k);
	assert_int_equal(k.nstrokes, strokes - 1);
	assert_bytes_match(b);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(ink_check(&k), STATUS_OK);
	ink_free(&k);
	ink_builder_destroy(b);
}

/* A full page refuses more and keeps what it has, at each limit. */
static void test_builder_limits(void **state)
{
	(void)state;
	ink_builder *b = builder(0, 0, INK_GRID - 1, INK_GRID - 1);
	status st = STATUS_OK;
	ink k;

	for (int s = 0; s < INK_MAX_STROKES; s++) {
		assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
		assert_int_equal(ink_builder_add(b, s % 64, s / 64), STATUS_OK);
	}
	assert_int_equal(ink_builder_begin(b, 0), STATUS_INK_INVALID);
	assert_bytes_match(b);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.nstrokes, INK_MAX_STROKES);
	ink_free(&k);

	/* one long stroke: stops at INK_MAX_STROKE_POINTS */
	assert_int_equal(ink_builder_begin(b, 0), STATUS_OK);
	for (int i = 0; i < 2 * INK_MAX_STROKE_POINTS && !st; i++)
		st = ink_builder_add(b, (i % 2) * 100, 0);
	assert_int_equal(st, STATUS_INK_INVALID);
	ink_builder_view(b, &k);
	assert_int_equal(k.npoints, INK_MAX_STROKE_POINTS);
	ink_builder_end(b); /* its last point may not fit either */
	ink_builder_view(b, &k);
	assert_int_equal(k.npoints, INK_MAX_STROKE_POINTS);
	assert_bytes_match(b);
	assert_true(ink_builder_undo(b));

	/* a pen rubbing back and forth over one step: every residual is a full
	 * reversal, 3 bytes a point, so the byte limit comes first */
	for (st = STATUS_OK; !st;) {
		st = ink_builder_begin(b, 1);
		for (int i = 0; i < 3000 && !st; i++)
			st = ink_builder_add(b, 100 + (i % 2) * INK_RESAMPLE_STEP, 100);
	}
	assert_int_equal(st, STATUS_INK_INVALID);
	ink_builder_view(b, &k);
	assert_true(k.npoints < INK_MAX_POINTS);
	assert_true(ink_builder_bytes(b) <= INK_MAX_BYTES);
	assert_true(ink_builder_bytes(b) > INK_MAX_BYTES - 8);
	assert_bytes_match(b);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	ink_free(&k);

	/* long straight strokes, a byte a point: stops at INK_MAX_POINTS */
	for (int s = 0; !(st = ink_builder_begin(b, 2)); s++) {
		if ((st = ink_builder_add(b, 0, s % INK_GRID)) ||
		    (st = ink_builder_add(b, INK_GRID - 1, s % INK_GRID)))
			break;
	}
	assert_int_equal(st, STATUS_INK_INVALID);
	assert_int_equal(ink_builder_finish(b, &k), STATUS_OK);
	assert_int_equal(k.npoints, INK_MAX_POINTS);
	ink_free(&k);
	ink_builder_destroy(b);
}

/* ---- through the store ---- */

typedef struct seen {
	size_t n;
	note_kind kind[4];
	uint8_t body[4][512];
	size_t len[4];
	status damage[4];
} seen;

static bool remember(const store_note *n, void *arg)
{
	seen *v = arg;
	if (v->n < 4) {
		v->kind[v->n] = n->kind;
		v->damage[v->n] = n->damage;
		v->len[v->n] = n->body_len;
		if (n->body && n->body_len <= sizeof v->body[0])
			memcpy(v->body[v->n], n->body, n->body_len);
	}
	v->n++;
	return true;
}

static void assert_only_ink(const seen *v, const uint8_t *body, size_t len)
{
	assert_int_equal(v->n, 1);
	assert_int_equal(v->kind[0], NOTE_KIND_INK);
	assert_int_equal(v->damage[0], STATUS_OK);
	assert_int_equal(v->len[0], len);
	assert_memory_equal(v->body[0], body, len);
}

static void test_store_flow(void **state)
{
	(void)state;
	static const uint16_t xy[] = {100, 100, 140, 100, 180, 104, 300, 900};
	static const uint32_t counts[] = {3, 1};
	char *dir = testutil_mkdtemp(), *path = testutil_path(dir, "ink.treehole");
	store *s = testutil_store(path, 0);
	ink k = testutil_ink(4096, 3072, xy, 4, counts, NULL, 2), back;
	uint8_t *body;
	size_t len;
	note_id id;
	seen v = {0};

	testutil_encode_ok(&k, &body, &len);
	assert_int_equal(store_submit_ink(s, NOTE_MOOD_HOPEFUL, &k, &id), STATUS_OK);
	assert_int_equal(store_unlock(s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_pending_each(s, remember, &v), STATUS_OK);
	assert_only_ink(&v, body, len); /* the body is the codec's bytes */
	assert_int_equal(store_approve(s, &id), STATUS_OK);
	memset(&v, 0, sizeof v);
	assert_int_equal(store_feed_each(s, remember, &v), STATUS_OK);
	assert_only_ink(&v, body, len);
	memset(&v, 0, sizeof v);
	assert_int_equal(store_export_each(s, remember, &v), STATUS_OK);
	assert_only_ink(&v, body, len);
	assert_int_equal(ink_decode(v.body[0], v.len[0], &back), STATUS_OK);
	testutil_assert_ink_equal(&k, &back);
	ink_free(&back);
	store_note n;
	assert_int_equal(store_feed_next(s, &n), STATUS_OK);
	assert_int_equal(n.kind, NOTE_KIND_INK);
	assert_int_equal(n.body_len, len);
	store_note_clear(&n);
	free(body);
	ink_free(&k);
	store_close(s);
	testutil_rmdir(dir);
	free(path);
}

static void test_store_refuses_bad_ink(void **state)
{
	(void)state;
	static const uint8_t garbage[] = {0x01, 0x05, 0x05, 0x01, 0x00, 0x7f};
	char *dir = testutil_mkdtemp(), *path = testutil_path(dir, "bad.treehole");
	store *s = testutil_store(path, 0);
	ink empty = {0};
	uint64_t count = 99;
	seen v = {0};

	assert_int_equal(store_submit(s, NOTE_KIND_INK, NOTE_MOOD_SAD, garbage, sizeof garbage, NULL),
	                 STATUS_INK_INVALID);
	assert_int_equal(store_submit(s, NOTE_KIND_INK, NOTE_MOOD_SAD, garbage, 0, NULL),
	                 STATUS_INK_INVALID);
	assert_int_equal(store_submit_ink(s, NOTE_MOOD_SAD, &empty, NULL), STATUS_INK_INVALID);
	assert_int_equal(store_submit_ink(s, (note_mood)0, &empty, NULL), STATUS_BAD_MOOD);
	assert_int_equal(store_pending_count(s, &count), STATUS_OK);
	assert_int_equal(count, 0);
	assert_non_null(strstr(status_message(STATUS_INK_INVALID), "2000 strokes"));
	assert_string_equal(status_name(STATUS_INK_INVALID), "ink_invalid");

	/* an authentic note whose ink does not decode (an older bug, say) is
	 * shown as damaged, never handed on as ink */
	payload_fields f = {.day = store_today(s), .mood = NOTE_MOOD_SAD, .kind = NOTE_KIND_INK,
	                    .body = garbage, .body_len = sizeof garbage};
	f.id.b[0] = 7;
	assert_int_equal(store_insert_pending(s, &f), STATUS_OK);
	assert_int_equal(store_unlock(s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_pending_each(s, remember, &v), STATUS_OK);
	assert_int_equal(v.n, 1);
	assert_int_equal(v.damage[0], STATUS_DAMAGED_NOTE);
	assert_int_equal(store_approve(s, &f.id), STATUS_DAMAGED_NOTE);
	store_close(s);
	testutil_rmdir(dir);
	free(path);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builder_line),
		cmocka_unit_test(test_builder_speed_leaves_no_trace),
		cmocka_unit_test(test_builder_dots_and_repeats),
		cmocka_unit_test(test_builder_canvas),
		cmocka_unit_test(test_builder_misuse),
		cmocka_unit_test(test_builder_undo_and_bytes),
		cmocka_unit_test(test_builder_limits),
		cmocka_unit_test(test_store_flow),
		cmocka_unit_test(test_store_refuses_bad_ink),
	};
	if (vault_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

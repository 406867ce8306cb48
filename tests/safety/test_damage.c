/* test_damage.c — a changed ciphertext or row is reported, per note.
 *
 * Flip one byte of one stored ciphertext (pending.box, approved.box) at
 * many positions, cut it short, lengthen it, swap it with another note's,
 * edit the columns the ciphertext authenticates: that one note is reported
 * damaged by every reader, the others still read, and after the original
 * bytes are put back it reads again. The edits go through SQLite directly,
 * as someone editing the file would. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define NOTES 6
/* Random positions tried per ciphertext, besides first, middle and last. */
#define RANDOM_POSITIONS 12

typedef struct damage_ctx {
	char *dir;
	char *db;
	store *s;
	sqlite3 *raw;
	note_id ids[NOTES];
	char *texts[NOTES];
} damage_ctx;

enum { PENDING_FIRST = 0, APPROVED_FIRST = NOTES / 2 };

/* Reads one listing and checks: `bad` (or none if NULL) is damaged with no
 * body, every other expected note reads with its text. Listings of the
 * feed may leave a damaged note out; pending_each must report it. */
static void expect(damage_ctx *c, status (*each)(store *, store_note_fn, void *), size_t first,
                   size_t n, const note_id *bad, bool bad_must_appear)
{
	fx_notes got = {0};

	assert_int_equal(each(c->s, fx_collect, &got), STATUS_OK);
	for (size_t i = first; i < first + n; i++) {
		const fx_note *g = fx_notes_find(&got, &c->ids[i]);
		bool is_bad = bad && memcmp(bad->b, c->ids[i].b, NOTE_ID_BYTES) == 0;
		if (is_bad) {
			if (bad_must_appear)
				assert_non_null(g);
			if (g) {
				assert_int_equal(g->damage, STATUS_DAMAGED_NOTE);
				assert_null(g->text);
			}
			continue;
		}
		assert_non_null(g);
		assert_int_equal(g->damage, STATUS_OK);
		assert_string_equal(g->text, c->texts[i]);
	}
	fx_notes_free(&got);
}

static uint64_t damaged_count(damage_ctx *c)
{
	uint64_t n = UINT64_MAX;

	assert_int_equal(store_check(c->s, &n), STATUS_OK);
	return n;
}

/* Everything a reader of pending notes sees while `bad` is damaged. */
static void expect_pending_damage(damage_ctx *c, const note_id *bad, uint64_t nbad)
{
	store_state st;

	expect(c, store_pending_each, PENDING_FIRST, APPROVED_FIRST, bad, true);
	assert_int_equal(damaged_count(c), nbad);
	if (!bad)
		return;
	assert_int_equal(store_approve(c->s, bad), STATUS_DAMAGED_NOTE);
	assert_int_equal(store_state_of(c->s, bad, &st), STATUS_OK);
	assert_int_equal(st, STORE_STATE_PENDING);
	/* The approved notes are untouched by it. */
	expect(c, store_export_each, APPROVED_FIRST, NOTES - APPROVED_FIRST, NULL, false);
}

/* Everything a reader of the feed sees while `bad` is damaged. */
static void expect_feed_damage(damage_ctx *c, const note_id *bad, uint64_t nbad)
{
	size_t n = NOTES - APPROVED_FIRST;
	bool seen[NOTES] = {false};

	expect(c, store_feed_each, APPROVED_FIRST, n, bad, false);
	expect(c, store_export_each, APPROVED_FIRST, n, bad, false);
	assert_int_equal(damaged_count(c), nbad);
	/* Two full rounds of the rotation: always a good note, never the
	 * damaged one, and every good one at least once. */
	for (size_t i = 0; i < 2 * n; i++) {
		store_note shown;
		assert_int_equal(store_feed_next(c->s, &shown), STATUS_OK);
		assert_int_equal(shown.damage, STATUS_OK);
		assert_non_null(shown.body);
		if (bad)
			assert_memory_not_equal(shown.id.b, bad->b, NOTE_ID_BYTES);
		for (size_t k = APPROVED_FIRST; k < NOTES; k++)
			if (memcmp(shown.id.b, c->ids[k].b, NOTE_ID_BYTES) == 0)
				seen[k] = true;
		store_note_clear(&shown);
	}
	for (size_t k = APPROVED_FIRST; k < NOTES; k++)
		if (!bad || memcmp(bad->b, c->ids[k].b, NOTE_ID_BYTES) != 0)
			assert_true(seen[k]);
	expect(c, store_pending_each, PENDING_FIRST, APPROVED_FIRST, NULL, true);
}

static void put_box(damage_ctx *c, const char *table, const note_id *id, const uint8_t *box,
                    size_t len)
{
	fx_sql_set_blob_by_id(c->raw, table, "box", id, box, len);
}

/* Flips one byte at a time over first, middle, last and random positions. */
static void flip_each_position(damage_ctx *c, const char *table, const note_id *id,
                               void (*check)(damage_ctx *, const note_id *, uint64_t))
{
	size_t len;
	uint8_t *orig = fx_sql_blob_by_id(c->raw, table, "box", id, &len);
	uint8_t *bad = malloc(len);
	size_t pos[3 + RANDOM_POSITIONS] = {0, len / 2, len - 1};

	assert_non_null(bad);
	for (size_t i = 3; i < 3 + RANDOM_POSITIONS; i++)
		pos[i] = randombytes_uniform((uint32_t)len);
	for (size_t i = 0; i < 3 + RANDOM_POSITIONS; i++) {
		memcpy(bad, orig, len);
		bad[pos[i]] ^= (uint8_t)(1 + randombytes_uniform(255));
		put_box(c, table, id, bad, len);
		print_message("%s: flipped byte %zu of %zu\n", table, pos[i], len);
		check(c, id, 1);
	}
	/* Cut short by one byte, lengthened by one, emptied, all zero. */
	put_box(c, table, id, orig, len - 1);
	check(c, id, 1);
	uint8_t *longer = malloc(len + 1);
	assert_non_null(longer);
	memcpy(longer, orig, len);
	longer[len] = 0;
	put_box(c, table, id, longer, len + 1);
	check(c, id, 1);
	free(longer);
	put_box(c, table, id, orig, 1);
	check(c, id, 1);
	memset(bad, 0, len);
	put_box(c, table, id, bad, len);
	check(c, id, 1);

	put_box(c, table, id, orig, len);
	check(c, NULL, 0);
	free(orig);
	free(bad);
}

static void damage_pending_box(void **state)
{
	damage_ctx *c = *state;

	expect_pending_damage(c, NULL, 0);
	flip_each_position(c, "pending", &c->ids[1], expect_pending_damage);
}

static void damage_approved_box(void **state)
{
	damage_ctx *c = *state;

	expect_feed_damage(c, NULL, 0);
	flip_each_position(c, "approved", &c->ids[APPROVED_FIRST + 1], expect_feed_damage);
}

/* Two notes' ciphertexts swapped: each is bound to its id, so both fail. */
static void swap_boxes(damage_ctx *c, const char *table, const note_id *a, const note_id *b,
                       void (*check)(damage_ctx *, const note_id *, uint64_t))
{
	size_t la, lb;
	uint8_t *ba = fx_sql_blob_by_id(c->raw, table, "box", a, &la);
	uint8_t *bb = fx_sql_blob_by_id(c->raw, table, "box", b, &lb);
	fx_notes got = {0};

	put_box(c, table, a, bb, lb);
	put_box(c, table, b, ba, la);
	assert_int_equal(damaged_count(c), 2);
	assert_int_equal(strcmp(table, "pending") == 0
	                     ? store_pending_each(c->s, fx_collect, &got)
	                     : store_export_each(c->s, fx_collect, &got),
	                 STATUS_OK);
	for (const note_id *id = a; id; id = id == a ? b : NULL) {
		const fx_note *g = fx_notes_find(&got, id);
		assert_non_null(g);
		assert_int_equal(g->damage, STATUS_DAMAGED_NOTE);
		assert_null(g->text);
	}
	fx_notes_free(&got);
	put_box(c, table, a, ba, la);
	put_box(c, table, b, bb, lb);
	check(c, NULL, 0);
	free(ba);
	free(bb);
}

static void damage_swapped_rows(void **state)
{
	damage_ctx *c = *state;

	swap_boxes(c, "pending", &c->ids[0], &c->ids[2], expect_pending_damage);
	swap_boxes(c, "approved", &c->ids[APPROVED_FIRST], &c->ids[APPROVED_FIRST + 2],
	           expect_feed_damage);
}

/* Sets an integer column of one row by SQL and checks the note is damaged. */
static void edit_column(damage_ctx *c, const char *table, const char *col, const note_id *id,
                        void (*check)(damage_ctx *, const note_id *, uint64_t))
{
	char sql[160];
	sqlite3_stmt *q;
	int64_t orig;

	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", col, table);
	assert_int_equal(sqlite3_prepare_v2(c->raw, sql, -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_blob(q, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	orig = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);

	/* Another valid value: a different mood, the day before, epoch + 1. */
	int64_t edited = strcmp(col, "mood") == 0 ? (orig % NOTE_MOOD_COUNT) + NOTE_MOOD_FIRST
	                                          : orig - 1;
	if (strcmp(col, "epoch") == 0) {
		/* An epoch needs a key row; an unknown one is damage too. */
		edited = orig + 1;
		fx_sql_exec(c->raw, "PRAGMA foreign_keys=OFF");
	}
	assert_true(edited != orig);
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = %lld WHERE id = ?1", table, col,
	         (long long)edited);
	assert_int_equal(sqlite3_prepare_v2(c->raw, sql, -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_blob(q, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	print_message("%s.%s edited from %lld to %lld\n", table, col, (long long)orig,
	              (long long)edited);
	check(c, id, 1);

	snprintf(sql, sizeof sql, "UPDATE %s SET %s = %lld WHERE id = ?1", table, col,
	         (long long)orig);
	assert_int_equal(sqlite3_prepare_v2(c->raw, sql, -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_blob(q, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	check(c, NULL, 0);
}

static void damage_edited_columns(void **state)
{
	damage_ctx *c = *state;
	const char *cols[] = {"mood", "day"};

	for (size_t i = 0; i < 2; i++) {
		edit_column(c, "pending", cols[i], &c->ids[2], expect_pending_damage);
		edit_column(c, "approved", cols[i], &c->ids[APPROVED_FIRST + 2], expect_feed_damage);
	}
	edit_column(c, "approved", "epoch", &c->ids[APPROVED_FIRST], expect_feed_damage);
}

static int setup(void **state)
{
	static const char *const base[NOTES] = {
		"今天终于把论文交了", "下雨天，想家。", "谢谢师傅的音乐",
		"第一次一个人来北京", "希望妈妈的手术顺利", "明天见",
	};
	damage_ctx *c = calloc(1, sizeof *c);

	if (!c || vault_init())
		return -1;
	c->dir = fx_tmpdir(false);
	c->db = fx_path(c->dir, "store.treehole");
	c->s = fx_create_store(c->db, 0);
	for (size_t i = 0; i < NOTES; i++) {
		/* Different lengths, so several buckets are covered. */
		size_t reps = i == 1 ? 200 : 1;
		size_t blen = strlen(base[i]);
		c->texts[i] = malloc(reps * blen + 1);
		if (!c->texts[i])
			return -1;
		for (size_t r = 0; r < reps; r++)
			memcpy(c->texts[i] + r * blen, base[i], blen);
		c->texts[i][reps * blen] = '\0';
		c->ids[i] = fx_submit(c->s, (note_mood)(NOTE_MOOD_FIRST + i % NOTE_MOOD_COUNT),
		                      c->texts[i]);
	}
	if (store_unlock(c->s, FX_PASS, FX_PASS_LEN))
		return -1;
	for (size_t i = APPROVED_FIRST; i < NOTES; i++)
		if (store_approve(c->s, &c->ids[i]))
			return -1;
	c->raw = fx_sql_open(c->db);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	damage_ctx *c = *state;

	sqlite3_close(c->raw);
	store_close(c->s);
	for (size_t i = 0; i < NOTES; i++)
		free(c->texts[i]);
	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(damage_pending_box, setup, teardown),
		cmocka_unit_test_setup_teardown(damage_approved_box, setup, teardown),
		cmocka_unit_test_setup_teardown(damage_swapped_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(damage_edited_columns, setup, teardown),
	};

	return cmocka_run_group_tests_name("safety_damage", tests, NULL, NULL);
}

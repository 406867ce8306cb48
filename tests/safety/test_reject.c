/* test_reject.c — a rejected note leaves no ciphertext behind.
 *
 * store_reject deletes with secure_delete and truncates the WAL. Before
 * rejecting we read the note's ciphertext with SQLite directly; afterwards
 * no 32-byte window of it may remain in the db or -wal bytes (a ciphertext
 * is random, so even one window is a left-over copy). Covered: a pending
 * note, an approved one (its feed ciphertext and the sealed box it had
 * while pending), a reported one, notes of every text bucket among
 * neighbours that stay, and a reject while the kiosk has the store open. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIN 32
#define STRIDE 16

typedef struct blob {
	uint8_t *b;
	size_t len;
} blob;

static void assert_gone(const char *db, const blob *ct, const char *what)
{
	const char *where = fx_store_files_find(db, ct->b, ct->len, WIN, STRIDE);

	if (where)
		fprintf(stderr, "%s: a piece of its %zu-byte ciphertext is still in %s\n", what, ct->len,
		        where);
	assert_null(where);
}

/* Before rejecting, the ciphertext must be findable: else the search
 * proves nothing. */
static void assert_present(const char *db, const blob *ct)
{
	assert_non_null(fx_store_files_find(db, ct->b, ct->len, WIN, STRIDE));
}

static blob read_box(const char *db, const char *table, const note_id *id)
{
	sqlite3 *raw = fx_sql_open(db);
	blob b;

	b.b = fx_sql_blob_by_id(raw, table, "box", id, &b.len);
	sqlite3_close(raw);
	return b;
}

static void reject_pending_leaves_nothing(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *s = fx_create_store(db, 0);
	/* Ideographs for each text bucket: 512, 2048 and 8192 padded bytes. */
	const size_t chars[] = {12, 600, NOTE_TEXT_MAX_CHARS};
	size_t cap = 3 * NOTE_TEXT_MAX_CHARS + 1;
	char *text = malloc(cap);
	store_state st;

	assert_non_null(text);
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	for (size_t i = 0; i < 3; i++) {
		fx_random_cjk(text, cap, chars[i]);
		note_id before = fx_submit(s, NOTE_MOOD_CALM, text);
		fx_random_cjk(text, cap, chars[i]);
		note_id victim = fx_submit(s, NOTE_MOOD_SAD, text);
		fx_random_cjk(text, cap, chars[i]);
		note_id after = fx_submit(s, NOTE_MOOD_HAPPY, text);
		blob ct = read_box(db, "pending", &victim);
		blob keep = read_box(db, "pending", &before);

		assert_present(db, &ct);
		assert_int_equal(store_reject(s, &victim), STATUS_OK);
		assert_int_equal(store_state_of(s, &victim, &st), STATUS_OK);
		assert_int_equal(st, STORE_STATE_ABSENT);
		assert_gone(db, &ct, "rejected pending note");
		/* Its neighbours are still there and still read. */
		assert_present(db, &keep);
		assert_int_equal(store_state_of(s, &before, &st), STATUS_OK);
		assert_int_equal(st, STORE_STATE_PENDING);
		assert_int_equal(store_state_of(s, &after, &st), STATUS_OK);
		assert_int_equal(st, STORE_STATE_PENDING);
		free(ct.b);
		free(keep.b);
	}
	uint64_t damaged = 1;
	assert_int_equal(store_check(s, &damaged), STATUS_OK);
	assert_int_equal(damaged, 0);
	assert_int_equal(fx_pending_count(s), 6);
	store_close(s);
	fx_assert_integrity(db);
	free(text);
	free(db);
	fx_rmdir(dir);
}

/* An approved note has had two ciphertexts: the sealed box while pending
 * and the feed ciphertext since. Neither may survive its rejection. */
static void reject_approved_leaves_nothing(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *s = fx_create_store(db, 0);
	store_state st;

	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	note_id keep = fx_submit(s, NOTE_MOOD_GRATEFUL, "留下的这一条");
	note_id victim = fx_submit(s, NOTE_MOOD_ANXIOUS, "这一条会被先通过，然后再删除。");
	blob sealed = read_box(db, "pending", &victim);
	assert_int_equal(store_approve(s, &keep), STATUS_OK);
	assert_int_equal(store_approve(s, &victim), STATUS_OK);
	blob feed = read_box(db, "approved", &victim);
	blob kept = read_box(db, "approved", &keep);

	assert_present(db, &feed);
	assert_int_equal(store_reject(s, &victim), STATUS_OK);
	assert_int_equal(store_state_of(s, &victim, &st), STATUS_OK);
	assert_int_equal(st, STORE_STATE_ABSENT);
	assert_gone(db, &feed, "rejected approved note (feed ciphertext)");
	assert_gone(db, &sealed, "rejected approved note (its old sealed box)");
	assert_present(db, &kept);

	/* The feed goes on with the note that stays, and only with it. */
	fx_notes feed_notes = {0};
	assert_int_equal(store_feed_each(s, fx_collect, &feed_notes), STATUS_OK);
	assert_int_equal(feed_notes.n, 1);
	assert_memory_equal(feed_notes.v[0].id.b, keep.b, NOTE_ID_BYTES);
	fx_notes_free(&feed_notes);

	/* Closing (which checkpoints again) brings nothing back. */
	store_close(s);
	assert_gone(db, &feed, "after close");
	assert_gone(db, &sealed, "after close");
	fx_assert_integrity(db);
	free(sealed.b);
	free(feed.b);
	free(kept.b);
	free(db);
	fx_rmdir(dir);
}

/* A reported note goes back to pending with a new sealed box; rejecting
 * it then must remove that box and the feed ciphertext it had. */
static void reject_reported_leaves_nothing(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *s = fx_create_store(db, 0);

	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	note_id victim = fx_submit(s, NOTE_MOOD_TIRED, "有乘客举报了这一条");
	assert_int_equal(store_approve(s, &victim), STATUS_OK);
	blob feed = read_box(db, "approved", &victim);
	assert_int_equal(store_report(s, &victim), STATUS_OK);
	blob resealed = read_box(db, "pending", &victim);
	assert_int_equal(store_reject(s, &victim), STATUS_OK);
	assert_gone(db, &feed, "reported then rejected note (feed ciphertext)");
	assert_gone(db, &resealed, "reported then rejected note (new sealed box)");
	assert_int_equal(fx_pending_count(s), 0);
	store_close(s);
	free(feed.b);
	free(resealed.b);
	free(db);
	fx_rmdir(dir);
}

/* The kiosk keeps the store open while the operator rejects from the
 * command line: an idle second connection must not keep the ciphertext in
 * -wal (only an open read transaction can delay a checkpoint). */
static void reject_with_kiosk_open(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *admin = fx_create_store(db, 0);
	store *kiosk = fx_open_store(db);
	store_note shown;

	assert_int_equal(store_unlock(admin, FX_PASS, FX_PASS_LEN), STATUS_OK);
	note_id keep = fx_submit(kiosk, NOTE_MOOD_HAPPY, "地铁上看到了彩虹");
	note_id victim = fx_submit(kiosk, NOTE_MOOD_SAD, "不该出现在屏幕上的一条");
	assert_int_equal(store_approve(admin, &keep), STATUS_OK);
	assert_int_equal(store_approve(admin, &victim), STATUS_OK);
	blob feed = read_box(db, "approved", &victim);
	/* The kiosk has read from the store and sits idle. */
	assert_int_equal(store_feed_next(kiosk, &shown), STATUS_OK);
	store_note_clear(&shown);
	assert_int_equal(store_reject(admin, &victim), STATUS_OK);
	assert_gone(db, &feed, "rejected while the kiosk had the store open");
	/* The kiosk goes on with what is left. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_feed_next(kiosk, &shown), STATUS_OK);
		assert_memory_equal(shown.id.b, keep.b, NOTE_ID_BYTES);
		store_note_clear(&shown);
	}
	assert_gone(db, &feed, "after the kiosk read on");
	store_close(kiosk);
	store_close(admin);
	free(feed.b);
	free(db);
	fx_rmdir(dir);
}

/* The operator rejects while the kiosk is in the middle of a read: the
 * checkpoint cannot run then. The debt is written to the file, and the
 * kiosk itself pays it at its next feed step, with the admin gone. */
typedef struct mid_read {
	store *admin;
	note_id victim;
	status rejected;
	int calls;
} mid_read;

static bool reject_mid_read(const store_note *n, void *ctx)
{
	mid_read *m = ctx;
	(void)n;
	if (m->calls++ == 0) {
		m->rejected = store_reject(m->admin, &m->victim);
		store_close(m->admin); /* the command ends while the kiosk still reads */
		m->admin = NULL;
	}
	return true;
}

static void reject_during_kiosk_read_is_scrubbed_later(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *kiosk = fx_create_store(db, 0);
	mid_read m = {.admin = fx_open_store(db), .rejected = STATUS_INTERNAL};
	store_note shown;

	store_set_busy_timeout(m.admin, 50);
	assert_int_equal(store_unlock(m.admin, FX_PASS, FX_PASS_LEN), STATUS_OK);
	note_id keep = fx_submit(kiosk, NOTE_MOOD_HAPPY, "晚霞很好看");
	m.victim = fx_submit(kiosk, NOTE_MOOD_SAD, "这条会被拒绝，但它读取时正忙");
	assert_int_equal(store_approve(m.admin, &keep), STATUS_OK);
	assert_int_equal(store_approve(m.admin, &m.victim), STATUS_OK);
	blob feed = read_box(db, "approved", &m.victim);
	assert_int_equal(store_feed_each(kiosk, reject_mid_read, &m), STATUS_OK);
	assert_int_equal(m.rejected, STATUS_OK); /* the delete stands */
	assert_present(db, &feed);               /* the debt is real... */
	assert_int_equal(store_feed_next(kiosk, &shown), STATUS_OK);
	store_note_clear(&shown);
	assert_gone(db, &feed, "rejected during a kiosk read, after its next feed step");
	store_close(kiosk);
	free(feed.b);
	free(db);
	fx_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reject_pending_leaves_nothing),
		cmocka_unit_test(reject_approved_leaves_nothing),
		cmocka_unit_test(reject_reported_leaves_nothing),
		cmocka_unit_test(reject_with_kiosk_open),
		cmocka_unit_test(reject_during_kiosk_read_is_scrubbed_later),
	};

	return cmocka_run_group_tests_name("safety_reject", tests, fx_group_setup, NULL);
}

/* test_privacy.c — nobody with the file and the kiosk's keys reads a note.
 *
 * 1. A marker submitted as a note never appears in the bytes of the db,
 *    -wal or -shm: not after submit, approve, feed, report or close.
 * 2. Without the passphrase nothing in the project opens a pending note:
 *    the store refuses, the feed key and random keys fail on the box, and
 *    the operator's secret key is not anywhere in the files in clear. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store_internal.h"

/* Leak search granularity: any leaked run of WIN + STRIDE - 1 bytes of a
 * marker is found. */
#define WIN 16
#define STRIDE 8

typedef struct marker {
	char *text;
	size_t len;
	note_id id;
} marker;

static void make_short_marker(marker *m)
{
	uint8_t rnd[16];
	char hex[2 * sizeof rnd + 1];

	vault_random(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	m->text = malloc(64);
	assert_non_null(m->text);
	m->len = (size_t)snprintf(m->text, 64, "MARK-%s", hex);
}

/* Random ideographs: about 6 KB of UTF-8, more than one 4 KiB page. */
static void make_long_marker(marker *m)
{
	size_t chars = NOTE_TEXT_MAX_CHARS - 10;

	m->text = malloc(3 * chars + 1);
	assert_non_null(m->text);
	m->len = fx_random_cjk(m->text, 3 * chars + 1, chars);
	assert_true(m->len > 4096);
}

static void assert_nowhere(const char *db, const marker *ms, size_t n, const char *when)
{
	for (size_t i = 0; i < n; i++) {
		const char *where = fx_store_files_find(db, ms[i].text, ms[i].len, WIN, STRIDE);
		if (where)
			fprintf(stderr, "marker %zu (%zu bytes) found in %s %s\n", i, ms[i].len, where,
			        when);
		assert_null(where);
	}
}

/* The search itself must be able to find things, or the test proves
 * nothing: the schema's table names are in the file in clear. */
static void assert_search_works(const char *db)
{
	const char *where = fx_store_files_find(db, "CREATE TABLE", 12, WIN, STRIDE);

	assert_non_null(where);
}

static void assert_markers_readable(store *s, const marker *ms, size_t n, bool pending)
{
	fx_notes got = {0};

	if (pending)
		assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_OK);
	else
		assert_int_equal(store_export_each(s, fx_collect, &got), STATUS_OK);
	for (size_t i = 0; i < n; i++) {
		const fx_note *g = fx_notes_find(&got, &ms[i].id);
		assert_non_null(g);
		assert_int_equal(g->damage, STATUS_OK);
		assert_int_equal(g->len, ms[i].len);
		assert_memory_equal(g->text, ms[i].text, ms[i].len);
	}
	fx_notes_free(&got);
}

static void privacy_marker(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	marker ms[2] = {{0}};
	store *s = fx_create_store(db, 0);
	store_note shown;

	make_short_marker(&ms[0]);
	make_long_marker(&ms[1]);
	fx_submit(s, NOTE_MOOD_CALM, "今天的地铁很挤，但是有人给我让了座。");
	for (size_t i = 0; i < 2; i++)
		ms[i].id = fx_submit(s, NOTE_MOOD_TIRED, ms[i].text);
	fx_submit(s, NOTE_MOOD_HAPPY, "a filler note after the markers");
	assert_search_works(db);
	assert_nowhere(db, ms, 2, "after submit");

	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_markers_readable(s, ms, 2, true);
	assert_nowhere(db, ms, 2, "after reading pending");
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(store_approve(s, &ms[i].id), STATUS_OK);
	assert_nowhere(db, ms, 2, "after approve");

	assert_markers_readable(s, ms, 2, false);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(store_feed_next(s, &shown), STATUS_OK);
		store_note_clear(&shown);
	}
	assert_nowhere(db, ms, 2, "after feed");

	assert_int_equal(store_report(s, &ms[1].id), STATUS_OK);
	assert_nowhere(db, ms, 2, "after report");
	store_lock(s);
	store_close(s);
	assert_nowhere(db, ms, 2, "after close");

	/* The notes really are in there: the search above was not vacuous. */
	s = fx_open_store(db);
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_markers_readable(s, &ms[1], 1, true);
	assert_markers_readable(s, &ms[0], 1, false);
	store_close(s);
	assert_nowhere(db, ms, 2, "after reopen and read");

	for (size_t i = 0; i < 2; i++)
		free(ms[i].text);
	free(db);
	fx_rmdir(dir);
}

/* Everything a locked store handle will do with a pending note fails. */
static void assert_store_refuses(store *s, const note_id *id)
{
	fx_notes got = {0};
	store_state state;

	assert_false(store_is_unlocked(s));
	assert_null(s->sk);
	assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_LOCKED_KEYS);
	assert_int_equal(got.n, 0);
	assert_int_equal(store_approve(s, id), STATUS_LOCKED_KEYS);
	assert_int_equal(store_reject(s, id), STATUS_LOCKED_KEYS);
	assert_int_equal(store_state_of(s, id, &state), STATUS_OK);
	assert_int_equal(state, STORE_STATE_PENDING);
	assert_true(strlen(status_message(STATUS_LOCKED_KEYS)) > 0);
	fx_notes_free(&got);
}

static void assert_wrong_passphrases(store *s, const note_id *id)
{
	char wrong[sizeof FX_PASS];
	const char *others[] = {"", " ", "correct horse battery stapl", "Correct horse battery staple",
	                        "correct horse battery staple ", "123456"};

	memcpy(wrong, FX_PASS, sizeof FX_PASS);
	wrong[3] ^= 1;
	assert_int_equal(store_unlock(s, wrong, FX_PASS_LEN), STATUS_WRONG_PASSPHRASE);
	assert_true(strlen(status_message(STATUS_WRONG_PASSPHRASE)) > 0);
	assert_store_refuses(s, id);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		status st = store_unlock(s, others[i], strlen(others[i]));
		/* An empty passphrase may be refused as a bad argument instead. */
		if (others[i][0])
			assert_int_equal(st, STATUS_WRONG_PASSPHRASE);
		else
			assert_int_not_equal(st, STATUS_OK);
		assert_store_refuses(s, id);
	}
}

/* Tries every feed key in the file (read with SQLite directly) on the box. */
static void assert_feed_keys_fail(sqlite3 *raw, store *s, const note_id *id, const uint8_t *box,
                                  size_t len)
{
	sqlite3_stmt *stmt;
	uint8_t *out = malloc(len);
	int keys = 0;

	assert_non_null(out);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT epoch, key FROM feed_keys", -1, &stmt, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		uint32_t epoch = (uint32_t)sqlite3_column_int64(stmt, 0);
		assert_int_equal(sqlite3_column_bytes(stmt, 1), VAULT_FEED_KEY_BYTES);
		const uint8_t *key = sqlite3_column_blob(stmt, 1);
		for (uint32_t e = 0; e <= epoch + 2; e++)
			assert_int_not_equal(vault_feed_decrypt(key, e, id, box, len, out), STATUS_OK);
		/* The feed key is no X25519 secret either. */
		assert_int_not_equal(vault_open(s->pk, key, box, len, out), STATUS_OK);
		keys++;
	}
	sqlite3_finalize(stmt);
	assert_true(keys >= 1);
	/* The key the handle loaded, too. */
	assert_non_null(s->feed_key);
	assert_int_not_equal(vault_feed_decrypt(s->feed_key, s->feed_epoch, id, box, len, out),
	                     STATUS_OK);
	free(out);
}

static void assert_random_keys_fail(store *s, const uint8_t *box, size_t len)
{
	uint8_t pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
	uint8_t *out = malloc(len);

	assert_non_null(out);
	for (int i = 0; i < 8; i++) {
		crypto_box_keypair(pk, sk);
		assert_int_not_equal(crypto_box_seal_open(out, box, len, pk, sk), 0);
		assert_int_not_equal(crypto_box_seal_open(out, box, len, s->pk, sk), 0);
	}
	free(out);
}

static void privacy_no_passphrase(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *s = fx_create_store(db, 0);
	const char *texts[] = {"我今天很开心", "明天要考试了，有点紧张。", "thank you, driver"};
	note_id ids[3];
	fx_notes got = {0};

	for (size_t i = 0; i < 3; i++)
		ids[i] = fx_submit(s, NOTE_MOOD_HOPEFUL, texts[i]);
	store_close(s);

	/* What a kiosk has: the file, and a handle that loaded pk + feed key. */
	s = fx_open_store(db);
	assert_store_refuses(s, &ids[0]);
	assert_wrong_passphrases(s, &ids[0]);

	sqlite3 *raw = fx_sql_open(db);
	for (size_t i = 0; i < 3; i++) {
		size_t len;
		uint8_t *box = fx_sql_blob_by_id(raw, "pending", "box", &ids[i], &len);
		assert_feed_keys_fail(raw, s, &ids[i], box, len);
		assert_random_keys_fail(s, box, len);
		free(box);
	}
	sqlite3_close(raw);

	/* The passphrase, and only it, opens them. */
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_true(store_is_unlocked(s));
	assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_OK);
	assert_int_equal(got.n, 3);
	for (size_t i = 0; i < 3; i++) {
		const fx_note *g = fx_notes_find(&got, &ids[i]);
		assert_non_null(g);
		assert_int_equal(g->damage, STATUS_OK);
		assert_string_equal(g->text, texts[i]);
	}
	fx_notes_free(&got);

	/* Locking forgets the key again. */
	store_lock(s);
	assert_store_refuses(s, &ids[1]);
	store_close(s);
	free(db);
	fx_rmdir(dir);
}

/* The secret half of the operator key is nowhere in the files in clear
 * (only wrapped), not even while unlocked and moderating, so nothing the
 * kiosk could find in the file opens a sealed note. */
static void privacy_no_clear_secret_key(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(false);
	char *db = fx_path(dir, "store.treehole");
	store *s = fx_create_store(db, 0);

	fx_submit(s, NOTE_MOOD_SAD, "一个人在外地过年");
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	note_id id = fx_submit(s, NOTE_MOOD_CALM, "晚风很舒服");
	assert_int_equal(store_approve(s, &id), STATUS_OK);
	assert_non_null(s->sk);
	/* Any 8 contiguous bytes of it would already be a finding. */
	assert_null(fx_store_files_find(db, s->sk, VAULT_SK_BYTES, 8, 1));
	/* The public half is stored in clear: the search does find keys. */
	assert_non_null(fx_store_files_find(db, s->pk, VAULT_PK_BYTES, 8, 1));
	/* And not after closing either, when -wal was folded into the file. */
	uint8_t *sk = vault_alloc(VAULT_SK_BYTES);
	assert_non_null(sk);
	memcpy(sk, s->sk, VAULT_SK_BYTES);
	store_close(s);
	assert_null(fx_store_files_find(db, sk, VAULT_SK_BYTES, 8, 1));
	vault_free(sk);
	free(db);
	fx_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(privacy_marker),
		cmocka_unit_test(privacy_no_passphrase),
		cmocka_unit_test(privacy_no_clear_secret_key),
	};

	return cmocka_run_group_tests_name("safety_privacy", tests, fx_group_setup, NULL);
}

/* test_errors.c — the store's file-level errors, each with its own code.
 *
 * A file from a newer schema, a file that is not a store (garbage, empty,
 * another program's SQLite database, a truncated store), a missing file,
 * creating over an existing file, writing through a read-only handle, and
 * another program holding the write lock. Every refusal leaves the file
 * as it was. (Tests run as root, so chmod cannot make a file read-only;
 * the read-only case uses STORE_OPEN_READ_ONLY.) */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

typedef struct err_ctx {
	char *dir;
	char *db;       /* a real store with two notes, closed */
	note_id ids[2];
} err_ctx;

static void expect_open(const char *path, status want, const char *what)
{
	store *s = (store *)1;
	status st = store_open(path, STORE_OPEN_READ_WRITE, &s);

	if (st != want)
		fprintf(stderr, "%s: want %s, got %s\n", what, status_name(want), status_name(st));
	assert_int_equal(st, want);
	assert_null(s);
	assert_true(strlen(status_message(st)) > 10);
	/* Read-only opening refuses it the same way. */
	s = (store *)1;
	assert_int_equal(store_open(path, STORE_OPEN_READ_ONLY, &s), want);
	assert_null(s);
}

/* Refusal must not touch the file. */
static void expect_open_untouched(const char *path, status want, const char *what)
{
	size_t before_len, after_len;
	uint8_t *before = fx_read_file(path, &before_len);

	expect_open(path, want, what);
	uint8_t *after = fx_read_file(path, &after_len);
	assert_int_equal(after_len, before_len);
	if (before_len)
		assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
}

static void errors_newer_version(void **state)
{
	err_ctx *c = *state;
	sqlite3 *raw = fx_sql_open(c->db);

	fx_sql_exec(raw, "PRAGMA user_version = 99");
	sqlite3_close(raw);
	expect_open_untouched(c->db, STATUS_NEWER_VERSION, "user_version 99");
	raw = fx_sql_open(c->db);
	assert_int_equal(fx_sql_int(raw, "PRAGMA user_version"), 99);
	/* Back to this version: it opens and holds its notes again. */
	fx_sql_exec(raw, "PRAGMA user_version = 1");
	sqlite3_close(raw);
	store *s = fx_open_store(c->db);
	assert_int_equal(fx_pending_count(s), 2);
	store_close(s);
}

static void errors_not_a_store(void **state)
{
	err_ctx *c = *state;
	char *p = fx_path(c->dir, "garbage.treehole");
	uint8_t junk[8192];

	vault_random(junk, sizeof junk);
	fx_write_file(p, junk, sizeof junk);
	expect_open_untouched(p, STATUS_DAMAGED_FILE, "random bytes");

	fx_write_file(p, "these are my notes, not a database\n", 35);
	expect_open_untouched(p, STATUS_DAMAGED_FILE, "a text file");

	fx_write_file(p, "", 0);
	expect_open_untouched(p, STATUS_DAMAGED_FILE, "an empty file");

	/* SQLite's magic followed by garbage. */
	memcpy(junk, "SQLite format 3", 16);
	fx_write_file(p, junk, sizeof junk);
	expect_open_untouched(p, STATUS_DAMAGED_FILE, "SQLite header, garbage pages");
	unlink(p);
	free(p);
}

/* Another program's database is not ours, whatever its user_version. */
static void errors_foreign_database(void **state)
{
	err_ctx *c = *state;
	char *p = fx_path(c->dir, "other.sqlite");

	for (int version = 0; version <= 1; version++) {
		sqlite3 *raw = NULL;
		char sql[128];
		unlink(p);
		assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
		snprintf(sql, sizeof sql,
		         "CREATE TABLE contacts(name TEXT, phone TEXT); PRAGMA user_version = %d",
		         version);
		fx_sql_exec(raw, sql);
		sqlite3_close(raw);
		expect_open_untouched(p, STATUS_DAMAGED_FILE, version ? "foreign db, user_version 1"
		                                                      : "foreign db, user_version 0");
	}
	unlink(p);
	free(p);
}

static void errors_truncated_store(void **state)
{
	err_ctx *c = *state;
	size_t len;
	uint8_t *bytes = fx_read_file(c->db, &len);
	char *p = fx_path(c->dir, "truncated.treehole");

	assert_true(len > 4096);
	/* Page 1 only: the schema is there, the tables are not. */
	fx_write_file(p, bytes, 4096);
	expect_open_untouched(p, STATUS_DAMAGED_FILE, "store cut to its first page");
	free(bytes);
	unlink(p);
	free(p);
}

static void errors_missing(void **state)
{
	err_ctx *c = *state;
	char *p = fx_path(c->dir, "nothing-here.treehole");
	char *wal = fx_suffix(p, "-wal");

	expect_open(p, STATUS_NO_STORE, "missing file");
	/* Looking must not create it. */
	assert_false(fx_exists(p));
	assert_false(fx_exists(wal));
	free(wal);
	free(p);
	/* Nor inside a missing folder. */
	p = fx_path(c->dir, "no-such-folder/store.treehole");
	expect_open(p, STATUS_NO_STORE, "missing folder");
	free(p);
}

static void errors_create_existing(void **state)
{
	err_ctx *c = *state;
	store_create_opts opts = {0};
	store *s = (store *)1;
	size_t before_len, after_len;
	uint8_t *before = fx_read_file(c->db, &before_len);

	opts.kdf = vault_kdf_test_only();
	assert_int_equal(store_create(c->db, "another", 7, &opts, &s), STATUS_EXISTS);
	assert_null(s);
	assert_true(strlen(status_message(STATUS_EXISTS)) > 10);
	uint8_t *after = fx_read_file(c->db, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);

	/* Any existing file, not only a store. */
	char *p = fx_path(c->dir, "precious.txt");
	fx_write_file(p, "keep me", 7);
	assert_int_equal(store_create(p, "pw", 2, &opts, &s), STATUS_EXISTS);
	after = fx_read_file(p, &after_len);
	assert_int_equal(after_len, 7);
	assert_memory_equal(after, "keep me", 7);
	free(after);
	unlink(p);
	free(p);

	/* The existing store still opens with its own passphrase. */
	s = fx_open_store(c->db);
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_int_equal(fx_pending_count(s), 2);
	store_close(s);
}

static void errors_read_only(void **state)
{
	err_ctx *c = *state;
	store *s = NULL;
	store_state where;
	fx_notes got = {0};
	note_id id;

	assert_int_equal(store_open(c->db, STORE_OPEN_READ_ONLY, &s), STATUS_OK);
	assert_int_equal(store_submit_text(s, NOTE_MOOD_CALM, "只读", strlen("只读"), &id),
	                 STATUS_READ_ONLY);
	assert_true(strlen(status_message(STATUS_READ_ONLY)) > 10);
	assert_int_equal(store_set_feed_delay(s, 3), STATUS_READ_ONLY);
	/* Reading works, including the passphrase and pending notes. */
	assert_int_equal(fx_pending_count(s), 2);
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_OK);
	assert_int_equal(got.n, 2);
	fx_notes_free(&got);
	assert_int_equal(store_approve(s, &c->ids[0]), STATUS_READ_ONLY);
	assert_int_equal(store_reject(s, &c->ids[1]), STATUS_READ_ONLY);
	assert_int_equal(store_state_of(s, &c->ids[0], &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_PENDING);
	assert_int_equal(store_state_of(s, &c->ids[1], &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_PENDING);
	store_close(s);

	s = fx_open_store(c->db);
	assert_int_equal(fx_pending_count(s), 2);
	int days = -1;
	assert_int_equal(store_feed_delay(s, &days), STATUS_OK);
	assert_int_equal(days, 0);
	store_close(s);
}

static void errors_busy(void **state)
{
	err_ctx *c = *state;
	store *s = fx_open_store(c->db);
	sqlite3 *other = fx_sql_open(c->db);
	note_id id;

	store_set_busy_timeout(s, 50);
	fx_sql_exec(other, "BEGIN EXCLUSIVE");
	double t0 = fx_now();
	status st = store_submit_text(s, NOTE_MOOD_ANXIOUS, "等一下", strlen("等一下"), &id);
	double waited = fx_now() - t0;
	print_message("refused after %.0f ms\n", waited * 1000);
	assert_int_equal(st, STATUS_BUSY);
	assert_true(strlen(status_message(STATUS_BUSY)) > 10);
	/* It waited for the timeout rather than giving up at once. An upper
	 * bound would be a timed assertion a stalled VM can break; "not
	 * forever" is ctest's timeout. */
	assert_true(waited >= 0.04);
	fx_sql_exec(other, "ROLLBACK");

	/* Once released: it goes through, and only the second one is stored. */
	id = fx_submit(s, NOTE_MOOD_ANXIOUS, "等一下");
	assert_int_equal(fx_pending_count(s), 3);

	/* Also for approve and reject, whose state must not change. */
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	fx_sql_exec(other, "BEGIN EXCLUSIVE");
	assert_int_equal(store_approve(s, &id), STATUS_BUSY);
	assert_int_equal(store_reject(s, &id), STATUS_BUSY);
	fx_sql_exec(other, "ROLLBACK");
	store_state where;
	assert_int_equal(store_state_of(s, &id, &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_PENDING);
	assert_int_equal(store_approve(s, &id), STATUS_OK);
	sqlite3_close(other);
	store_close(s);
	fx_assert_integrity(c->db);
}

static int setup(void **state)
{
	err_ctx *c = calloc(1, sizeof *c);

	if (!c || vault_init())
		return -1;
	c->dir = fx_tmpdir(false);
	c->db = fx_path(c->dir, "store.treehole");
	store *s = fx_create_store(c->db, 0);
	c->ids[0] = fx_submit(s, NOTE_MOOD_CALM, "第一条");
	c->ids[1] = fx_submit(s, NOTE_MOOD_SAD, "第二条");
	store_close(s);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	err_ctx *c = *state;

	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(errors_newer_version, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_not_a_store, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_foreign_database, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_truncated_store, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_create_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_busy, setup, teardown),
	};

	return cmocka_run_group_tests_name("safety_errors", tests, NULL, NULL);
}

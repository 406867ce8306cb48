/* test_disk_full.c — a full disk refuses a note cleanly and loses nothing.
 *
 * Two ways to run out of room:
 *   - PRAGMA max_page_count on the store's own connection (always);
 *   - a real tmpfs of a few hundred KiB, mounted for the test, when the
 *     machine lets us mount (root, no sandbox refusal); skipped otherwise.
 * Submitting until it fails: the failure is STATUS_DISK_FULL with a
 * message that says so, nothing half-written stays, the file passes
 * integrity_check, every acknowledged note is there and opens, and once
 * there is room again submits succeed. */
#include "fixture.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "store_internal.h"

/* Safety stop: a store that never fills is a failure, not a hang. */
#define MAX_SUBMITS 5000

typedef struct filled {
	note_id *ids;
	char **texts;
	size_t n, cap;
} filled;

static void filled_add(filled *f, const note_id *id, const char *text)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->ids = realloc(f->ids, f->cap * sizeof *f->ids);
		f->texts = realloc(f->texts, f->cap * sizeof *f->texts);
		assert_non_null(f->ids);
		assert_non_null(f->texts);
	}
	f->ids[f->n] = *id;
	f->texts[f->n] = malloc(strlen(text) + 1);
	assert_non_null(f->texts[f->n]);
	strcpy(f->texts[f->n], text);
	f->n++;
}

static void filled_free(filled *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->texts[i]);
	free(f->ids);
	free(f->texts);
	memset(f, 0, sizeof *f);
}

/* Submits random notes (a mix of sizes) until one fails; returns that
 * failure. Every acknowledged one is recorded. */
static status submit_until_full(store *s, filled *f)
{
	size_t cap = 3 * NOTE_TEXT_MAX_CHARS + 1;
	char *text = malloc(cap);
	status st = STATUS_OK;

	assert_non_null(text);
	for (size_t i = 0; i < MAX_SUBMITS; i++) {
		note_id id;
		size_t len = fx_random_cjk(text, cap, i % 3 == 2 ? 1500 : 20 + i % 200);
		st = store_submit_text(s, NOTE_MOOD_TIRED, text, len, &id);
		if (st)
			break;
		filled_add(f, &id, text);
	}
	free(text);
	return st;
}

static void assert_disk_full_reported(status st)
{
	const char *msg = status_message(STATUS_DISK_FULL);

	if (st != STATUS_DISK_FULL)
		fprintf(stderr, "expected disk_full, got %s\n", status_name(st));
	assert_int_equal(st, STATUS_DISK_FULL);
	assert_true(fx_contains_ci(msg, "disk") || fx_contains_ci(msg, "space"));
	assert_true(fx_contains_ci(msg, "full") || fx_contains_ci(msg, "no room") ||
	            fx_contains_ci(msg, "free"));
}

/* Everything acknowledged is there and opens; nothing else is. */
static void assert_intact(store *s, const char *db, const filled *f)
{
	fx_notes got = {0};
	uint64_t counts[NOTE_MOOD_COUNT], counted = 0;

	fx_assert_integrity(db);
	assert_int_equal(fx_pending_count(s), f->n);
	assert_int_equal(store_mood_counts(s, store_today(s), counts), STATUS_OK);
	for (int m = 0; m < NOTE_MOOD_COUNT; m++)
		counted += counts[m];
	assert_int_equal(counted, f->n);
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_OK);
	assert_int_equal(got.n, f->n);
	for (size_t i = 0; i < f->n; i++) {
		const fx_note *g = fx_notes_find(&got, &f->ids[i]);
		assert_non_null(g);
		assert_int_equal(g->damage, STATUS_OK);
		assert_string_equal(g->text, f->texts[i]);
	}
	fx_notes_free(&got);
	store_lock(s);
}

static void set_max_pages(store *s, int64_t pages)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages);
	assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static int64_t page_count(store *s)
{
	sqlite3_stmt *q;
	int64_t n;

	assert_int_equal(sqlite3_prepare_v2(s->db, "PRAGMA page_count", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void disk_full_max_page_count(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(true);
	char *db = fx_path(dir, "store.treehole");
	store *s = fx_create_store(db, 0);
	filled f = {0};
	note_id id;

	for (int i = 0; i < 5; i++) {
		id = fx_submit(s, NOTE_MOOD_CALM, "满之前的一条");
		filled_add(&f, &id, "满之前的一条");
	}
	set_max_pages(s, page_count(s) + 8);
	status st = submit_until_full(s, &f);
	print_message("full after %zu notes\n", f.n);
	assert_disk_full_reported(st);
	assert_true(f.n > 5);
	assert_intact(s, db, &f);

	/* Still full: the longest note fails the same way, nothing stays. */
	char *big = malloc(3 * NOTE_TEXT_MAX_CHARS + 1);
	assert_non_null(big);
	size_t big_len = fx_random_cjk(big, 3 * NOTE_TEXT_MAX_CHARS + 1, NOTE_TEXT_MAX_CHARS);
	st = store_submit_text(s, NOTE_MOOD_CALM, big, big_len, &id);
	free(big);
	assert_disk_full_reported(st);
	assert_intact(s, db, &f);

	/* Approving under a full disk either works or fails cleanly. */
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	st = store_approve(s, &f.ids[0]);
	store_state where;
	assert_int_equal(store_state_of(s, &f.ids[0], &where), STATUS_OK);
	if (st) {
		assert_int_equal(st, STATUS_DISK_FULL);
		assert_int_equal(where, STORE_STATE_PENDING);
	} else {
		assert_int_equal(where, STORE_STATE_APPROVED);
		assert_int_equal(store_report(s, &f.ids[0]), STATUS_OK);
	}
	store_lock(s);
	fx_assert_integrity(db);

	/* Room again: submits succeed, on this handle and after reopening. */
	set_max_pages(s, 1073741823);
	for (int i = 0; i < 10; i++) {
		id = fx_submit(s, NOTE_MOOD_HOPEFUL, "有空间了");
		filled_add(&f, &id, "有空间了");
	}
	assert_intact(s, db, &f);
	store_close(s);
	s = fx_open_store(db);
	id = fx_submit(s, NOTE_MOOD_HOPEFUL, "重新打开以后");
	filled_add(&f, &id, "重新打开以后");
	assert_intact(s, db, &f);
	store_close(s);
	filled_free(&f);
	free(db);
	fx_rmdir(dir);
}

typedef struct tmpfs_ctx {
	char *dir;
	bool mounted;
} tmpfs_ctx;

static int tmpfs_setup(void **state)
{
	tmpfs_ctx *c = calloc(1, sizeof *c);

	if (!c)
		return -1;
	c->dir = fx_tmpdir(false);
	*state = c;
	return 0;
}

/* Runs even when an assertion failed, so no mount outlives the test. */
static int tmpfs_teardown(void **state)
{
	tmpfs_ctx *c = *state;

	if (c->mounted && umount2(c->dir, MNT_DETACH) != 0)
		fprintf(stderr, "umount %s: %s\n", c->dir, strerror(errno));
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

/* A real file system that fills up: SQLite sees ENOSPC from write(). */
static void disk_full_tmpfs(void **state)
{
	tmpfs_ctx *c = *state;
	filled f = {0};

	if (mount("treehole-test", c->dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=256k,mode=0700") !=
	    0) {
		print_message("tmpfs variant skipped: mount refused (%s)\n", strerror(errno));
		skip();
	}
	c->mounted = true;
	char *db = fx_path(c->dir, "store.treehole");
	store *s = fx_create_store(db, 0);
	status st = submit_until_full(s, &f);
	print_message("tmpfs full after %zu notes\n", f.n);
	assert_disk_full_reported(st);
	assert_true(f.n > 0);
	assert_intact(s, db, &f);

	/* Make room by growing the file system, then submit again. */
	assert_int_equal(mount("treehole-test", c->dir, "tmpfs", MS_REMOUNT | MS_NOSUID | MS_NODEV,
	                       "size=4m,mode=0700"),
	                 0);
	for (int i = 0; i < 10; i++) {
		note_id id = fx_submit(s, NOTE_MOOD_GRATEFUL, "终于有地方了");
		filled_add(&f, &id, "终于有地方了");
	}
	assert_intact(s, db, &f);
	store_close(s);
	s = fx_open_store(db);
	assert_intact(s, db, &f);
	store_close(s);
	filled_free(&f);
	free(db);
	/* Empty it while mounted; the teardown unmounts and removes the folder. */
	char *wal = fx_path(c->dir, "store.treehole-wal");
	db = fx_path(c->dir, "store.treehole");
	unlink(db);
	unlink(wal);
	free(db);
	free(wal);
	assert_int_equal(umount(c->dir), 0);
	c->mounted = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(disk_full_max_page_count),
		cmocka_unit_test_setup_teardown(disk_full_tmpfs, tmpfs_setup, tmpfs_teardown),
	};

	return cmocka_run_group_tests_name("safety_disk_full", tests, fx_group_setup, NULL);
}

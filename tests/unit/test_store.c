/* test_store.c — the life of a note through the store's public API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "store_internal.h"
#include "testutil.h"

typedef struct fixture {
	char *dir;
	char *path;
	store *s;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->dir = testutil_mkdtemp();
	f->path = testutil_path(f->dir, "notes.db");
	f->s = testutil_store(f->path, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->s);
	free(f->path);
	testutil_rmdir(f->dir);
	free(f);
	return 0;
}

static note_id submit(store *s, note_mood mood, const char *text)
{
	note_id id;
	assert_int_equal(store_submit_text(s, mood, text, strlen(text), &id), STATUS_OK);
	return id;
}

/* Collects notes handed to a callback. */
typedef struct collected {
	size_t n;
	note_id ids[64];
	char texts[64][256];
	status damage[64];
} collected;

static bool collect(const store_note *n, void *ctx)
{
	collected *c = ctx;
	if (c->n < 64) {
		c->ids[c->n] = n->id;
		c->damage[c->n] = n->damage;
		if (n->body)
			snprintf(c->texts[c->n], sizeof c->texts[0], "%s", (const char *)n->body);
		c->n++;
	}
	return true;
}

static void test_submit_then_pending_needs_unlock(void **state)
{
	fixture *f = *state;
	collected c = {0};

	note_id id = submit(f->s, NOTE_MOOD_TIRED, "今天拉了十二个小时的车，累。");
	assert_int_equal(store_pending_each(f->s, collect, &c), STATUS_LOCKED_KEYS);
	assert_int_equal(store_unlock(f->s, "wrong", 5), STATUS_WRONG_PASSPHRASE);
	assert_false(store_is_unlocked(f->s));
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_pending_each(f->s, collect, &c), STATUS_OK);
	assert_int_equal(c.n, 1);
	assert_memory_equal(c.ids[0].b, id.b, NOTE_ID_BYTES);
	assert_string_equal(c.texts[0], "今天拉了十二个小时的车，累。");
	store_lock(f->s);
	assert_false(store_is_unlocked(f->s));
	assert_int_equal(store_pending_each(f->s, collect, &c), STATUS_LOCKED_KEYS);
}

static void test_approve_moves_to_feed(void **state)
{
	fixture *f = *state;
	store_state where;
	store_note n;

	note_id id = submit(f->s, NOTE_MOOD_HAPPY, "发工资了！");
	assert_int_equal(store_feed_next(f->s, &n), STATUS_NOT_FOUND);
	assert_int_equal(store_approve(f->s, &id), STATUS_LOCKED_KEYS);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_approve(f->s, &id), STATUS_OK);
	assert_int_equal(store_approve(f->s, &id), STATUS_NOT_FOUND);
	assert_int_equal(store_state_of(f->s, &id, &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_APPROVED);
	store_lock(f->s);
	/* The feed needs no passphrase. */
	assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
	assert_string_equal((const char *)n.body, "发工资了！");
	assert_int_equal(n.mood, NOTE_MOOD_HAPPY);
	assert_int_equal(n.kind, NOTE_KIND_TEXT);
	assert_int_equal(n.day, store_today(f->s));
	store_note_clear(&n);
}

static void test_reject_deletes(void **state)
{
	fixture *f = *state;
	store_state where;
	uint64_t count;

	note_id id = submit(f->s, NOTE_MOOD_SAD, "不该出现的内容");
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_reject(f->s, &id), STATUS_OK);
	assert_int_equal(store_reject(f->s, &id), STATUS_NOT_FOUND);
	assert_int_equal(store_state_of(f->s, &id, &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_ABSENT);
	assert_int_equal(store_pending_count(f->s, &count), STATUS_OK);
	assert_int_equal(count, 0);
}

static void test_report_returns_to_queue(void **state)
{
	fixture *f = *state;
	store_state where;
	store_note n;
	collected c = {0};

	note_id id = submit(f->s, NOTE_MOOD_CALM, "窗外下雪了");
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_approve(f->s, &id), STATUS_OK);
	store_lock(f->s);
	assert_int_equal(store_report(f->s, &id), STATUS_OK);
	assert_int_equal(store_report(f->s, &id), STATUS_NOT_FOUND);
	assert_int_equal(store_state_of(f->s, &id, &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_PENDING);
	assert_int_equal(store_feed_next(f->s, &n), STATUS_NOT_FOUND);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_pending_each(f->s, collect, &c), STATUS_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.texts[0], "窗外下雪了");
}

static void test_mood_counts(void **state)
{
	fixture *f = *state;
	uint64_t counts[NOTE_MOOD_COUNT];

	submit(f->s, NOTE_MOOD_ANXIOUS, "明天面试");
	submit(f->s, NOTE_MOOD_ANXIOUS, "婚礼还有三天");
	submit(f->s, NOTE_MOOD_GRATEFUL, "谢谢师傅");
	assert_int_equal(store_mood_counts(f->s, store_today(f->s), counts), STATUS_OK);
	assert_int_equal(counts[NOTE_MOOD_ANXIOUS - NOTE_MOOD_FIRST], 2);
	assert_int_equal(counts[NOTE_MOOD_GRATEFUL - NOTE_MOOD_FIRST], 1);
	assert_int_equal(counts[NOTE_MOOD_HAPPY - NOTE_MOOD_FIRST], 0);
	assert_int_equal(store_mood_counts(f->s, store_today(f->s) - 1, counts), STATUS_OK);
	assert_int_equal(counts[NOTE_MOOD_ANXIOUS - NOTE_MOOD_FIRST], 0);
}

static void test_purge_by_age(void **state)
{
	fixture *f = *state;
	int32_t today = 20000;
	uint64_t removed = 0, count;

	store_set_today(f->s, today - 40);
	note_id old = submit(f->s, NOTE_MOOD_TIRED, "很久以前");
	store_set_today(f->s, today);
	note_id young = submit(f->s, NOTE_MOOD_TIRED, "今天");
	assert_int_equal(store_purge(f->s, 30, &removed), STATUS_OK);
	assert_int_equal(removed, 1);
	store_state where;
	assert_int_equal(store_state_of(f->s, &old, &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_ABSENT);
	assert_int_equal(store_state_of(f->s, &young, &where), STATUS_OK);
	assert_int_equal(where, STORE_STATE_PENDING);
	assert_int_equal(store_pending_count(f->s, &count), STATUS_OK);
	assert_int_equal(count, 1);
}

static void test_passwd_rewraps(void **state)
{
	fixture *f = *state;
	note_id id = submit(f->s, NOTE_MOOD_CALM, "换密码之前写的");

	assert_int_equal(store_passwd(f->s, "nope", 4, "new one", 7), STATUS_WRONG_PASSPHRASE);
	assert_int_equal(store_passwd(f->s, TEST_PASS, strlen(TEST_PASS), "new one", 7), STATUS_OK);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_WRONG_PASSPHRASE);
	assert_int_equal(store_unlock(f->s, "new one", 7), STATUS_OK);
	assert_int_equal(store_approve(f->s, &id), STATUS_OK);
}

static void test_backup_and_reopen(void **state)
{
	fixture *f = *state;
	char *copy = testutil_path(f->dir, "copy.db");
	store *b = NULL;
	collected c = {0};

	submit(f->s, NOTE_MOOD_HOPEFUL, "明年会更好");
	assert_int_equal(store_backup(f->s, copy), STATUS_OK);
	assert_int_equal(store_backup(f->s, copy), STATUS_EXISTS);
	assert_int_equal(store_open(copy, STORE_OPEN_READ_WRITE, &b), STATUS_OK);
	assert_int_equal(store_unlock(b, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_pending_each(b, collect, &c), STATUS_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.texts[0], "明年会更好");
	uint64_t damaged = 99;
	assert_int_equal(store_check(b, &damaged), STATUS_OK);
	assert_int_equal(damaged, 0);
	store_close(b);
	free(copy);
}

static void test_reopen_keeps_everything(void **state)
{
	fixture *f = *state;
	note_id id = submit(f->s, NOTE_MOOD_SAD, "奶奶住院了");
	int delay;

	store_close(f->s);
	f->s = NULL;
	assert_int_equal(store_open(f->path, STORE_OPEN_READ_WRITE, &f->s), STATUS_OK);
	assert_int_equal(store_feed_delay(f->s, &delay), STATUS_OK);
	assert_int_equal(delay, 0);
	assert_int_equal(store_set_feed_delay(f->s, 3), STATUS_OK);
	assert_int_equal(store_set_feed_delay(f->s, -1), STATUS_BAD_ARGUMENT);
	assert_int_equal(store_feed_delay(f->s, &delay), STATUS_OK);
	assert_int_equal(delay, 3);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_approve(f->s, &id), STATUS_OK);
}

static void test_create_refuses_existing(void **state)
{
	fixture *f = *state;
	store *other = NULL;
	store_create_opts o = {.feed_delay_days = 1, .kdf = vault_kdf_test_only()};

	assert_int_equal(store_create(f->path, "x", 1, &o, &other), STATUS_EXISTS);
	assert_null(other);
}

static void test_files_are_owner_only(void **state)
{
	fixture *f = *state;
	char *copy = testutil_path(f->dir, "copy.db");
	struct stat sb;

	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_backup(f->s, copy), STATUS_OK);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(copy);
}

static void test_missing_folder_is_cant_open(void **state)
{
	fixture *f = *state;
	char *nowhere = testutil_path(f->dir, "no/such/folder/x.db");
	store *other = NULL;
	store_create_opts o = {.feed_delay_days = 1, .kdf = vault_kdf_test_only()};

	assert_int_equal(store_create(nowhere, "x", 1, &o, &other), STATUS_CANT_OPEN);
	assert_int_equal(store_backup(f->s, nowhere), STATUS_CANT_OPEN);
	assert_int_equal(store_open(nowhere, STORE_OPEN_READ_WRITE, &other), STATUS_NO_STORE);
	free(nowhere);
}

static void test_replaced_public_key_is_caught(void **state)
{
	fixture *f = *state;
	uint8_t other_pk[VAULT_PK_BYTES];
	uint8_t *other_sk = vault_alloc(VAULT_SK_BYTES);
	sqlite3_stmt *q;
	char before[17], after[17];

	store_key_fingerprint(f->s, before);
	assert_int_equal(vault_keypair(other_pk, other_sk), STATUS_OK);
	assert_int_equal(sqlite3_prepare_v2(f->s->db,
	                                    "UPDATE settings SET value = ?1 WHERE name = 'operator_pk'",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(q, 1, other_pk, sizeof other_pk, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	store_close(f->s);
	assert_int_equal(store_open(f->path, STORE_OPEN_READ_WRITE, &f->s), STATUS_OK);
	store_key_fingerprint(f->s, after);
	assert_string_not_equal(before, after); /* what a pinned kiosk would notice */
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_KEY_REPLACED);
	assert_false(store_is_unlocked(f->s));
	vault_free(other_sk);
}

static void test_replaced_signing_key_is_caught(void **state)
{
	fixture *f = *state;
	uint8_t other[VAULT_SIGN_PK_BYTES];
	uint8_t *other_sk = vault_alloc(VAULT_SIGN_SK_BYTES);
	sqlite3_stmt *q;

	crypto_sign_keypair(other, other_sk);
	assert_int_equal(sqlite3_prepare_v2(f->s->db,
	                                    "UPDATE settings SET value = ?1 WHERE name = 'operator_sign_pk'",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(q, 1, other, sizeof other, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	store_close(f->s);
	assert_int_equal(store_open(f->path, STORE_OPEN_READ_WRITE, &f->s), STATUS_OK);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_KEY_REPLACED);
	vault_free(other_sk);
}

static bool stop_at_once(const store_note *n, void *ctx)
{
	(void)n;
	(*(int *)ctx)++;
	return false;
}

static void test_listing_stops_when_asked(void **state)
{
	fixture *f = *state;
	int calls = 0;

	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_approve(f->s, (note_id[]){submit(f->s, NOTE_MOOD_CALM, "停")}),
		                 STATUS_OK);
	assert_int_equal(store_export_each(f->s, stop_at_once, &calls), STATUS_OK);
	assert_int_equal(calls, 1);
	assert_int_equal(store_feed_each(f->s, stop_at_once, &calls), STATUS_OK);
	assert_int_equal(calls, 2);
}

static void test_stats(void **state)
{
	fixture *f = *state;
	store_stats st;

	note_id a = submit(f->s, NOTE_MOOD_CALM, "一");
	submit(f->s, NOTE_MOOD_CALM, "二");
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	assert_int_equal(store_approve(f->s, &a), STATUS_OK);
	assert_int_equal(store_get_stats(f->s, &st), STATUS_OK);
	assert_int_equal(st.pending, 1);
	assert_int_equal(st.approved, 1);
	assert_int_equal(st.approved_visible, 1);
	assert_int_equal(st.oldest_day, store_today(f->s));
	assert_int_equal(st.newest_day, store_today(f->s));
	assert_int_equal(st.schema_version, STORE_SCHEMA_VERSION);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_submit_then_pending_needs_unlock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_approve_moves_to_feed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reject_deletes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_returns_to_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mood_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge_by_age, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwd_rewraps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaced_public_key_is_caught, setup, teardown),
		cmocka_unit_test_setup_teardown(test_listing_stops_when_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaced_signing_key_is_caught, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files_are_owner_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_folder_is_cant_open, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}

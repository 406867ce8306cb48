/* test_feed.c — the feed rotation: shuffled, once per round, delayed by
 * whole days, robust to damaged notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store_internal.h"
#include "testutil.h"

#define N 20

typedef struct fixture {
	char *dir;
	char *path;
	store *s;
	note_id ids[N];
} fixture;

static note_id submit_approve(store *s, int i)
{
	char text[64];
	note_id id;

	snprintf(text, sizeof text, "第%d张纸条", i);
	assert_int_equal(store_submit_text(s, NOTE_MOOD_CALM, text, strlen(text), &id), STATUS_OK);
	assert_int_equal(store_approve(s, &id), STATUS_OK);
	return id;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->dir = testutil_mkdtemp();
	f->path = testutil_path(f->dir, "feed.db");
	f->s = testutil_store(f->path, 0);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	for (int i = 0; i < N; i++)
		f->ids[i] = submit_approve(f->s, i);
	store_lock(f->s);
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

static int index_of(const fixture *f, const note_id *id)
{
	for (int i = 0; i < N; i++)
		if (memcmp(f->ids[i].b, id->b, NOTE_ID_BYTES) == 0)
			return i;
	return -1;
}

/* Shows one round; OUT: order[] of indices. Asserts each note once. */
static void one_round(fixture *f, int order[N])
{
	int seen[N] = {0};
	for (int k = 0; k < N; k++) {
		store_note n;
		assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
		int i = index_of(f, &n.id);
		assert_true(i >= 0);
		assert_int_equal(seen[i]++, 0);
		order[k] = i;
		store_note_clear(&n);
	}
}

static void test_each_once_per_round(void **state)
{
	fixture *f = *state;
	int a[N], b[N], c[N];

	one_round(f, a);
	one_round(f, b);
	one_round(f, c);
	/* rounds are fresh shuffles: three equal orders of 20 would be 1 in 20!^2 */
	assert_false(memcmp(a, b, sizeof a) == 0 && memcmp(b, c, sizeof b) == 0);
	/* and not arrival order */
	int arrival[N];
	for (int i = 0; i < N; i++)
		arrival[i] = i;
	assert_false(memcmp(a, arrival, sizeof a) == 0 && memcmp(b, arrival, sizeof b) == 0);
}

typedef struct listing {
	fixture *f;
	int order[N + 4];
	int n;
} listing;

static bool list_one(const store_note *n, void *ctx)
{
	listing *l = ctx;
	l->order[l->n++] = index_of(l->f, &n->id);
	return l->n < N + 4;
}

static void test_feed_each_predicts_rotation(void **state)
{
	fixture *f = *state;
	listing l = {.f = f};
	int shown[N];

	store_note n;
	assert_int_equal(store_feed_next(f->s, &n), STATUS_OK); /* mid-round */
	store_note_clear(&n);
	assert_int_equal(store_feed_each(f->s, list_one, &l), STATUS_OK);
	assert_int_equal(l.n, N);
	for (int k = 0; k < N - 1; k++) {
		assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
		shown[k] = index_of(f, &n.id);
		store_note_clear(&n);
	}
	assert_memory_equal(shown, l.order, (N - 1) * sizeof(int));
}

static void test_new_approval_joins_current_round(void **state)
{
	fixture *f = *state;
	int order[N];

	one_round(f, order);
	one_round(f, order);
	assert_int_equal(store_unlock(f->s, TEST_PASS, strlen(TEST_PASS)), STATUS_OK);
	note_id late = submit_approve(f->s, 99);
	int late_seen = 0;
	for (int k = 0; k < N + 1; k++) {
		store_note n;
		assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
		late_seen += memcmp(n.id.b, late.b, NOTE_ID_BYTES) == 0;
		store_note_clear(&n);
	}
	assert_int_equal(late_seen, 1);
}

static void test_delay_in_whole_days(void **state)
{
	fixture *f = *state;
	int32_t today = store_today(f->s);
	store_note n;
	listing l = {.f = f};

	assert_int_equal(store_set_feed_delay(f->s, 1), STATUS_OK);
	assert_int_equal(store_feed_next(f->s, &n), STATUS_NOT_FOUND);
	assert_int_equal(store_feed_each(f->s, list_one, &l), STATUS_OK);
	assert_int_equal(l.n, 0);
	store_set_today(f->s, today + 1);
	assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
	store_note_clear(&n);
	assert_int_equal(store_set_feed_delay(f->s, 2), STATUS_OK);
	assert_int_equal(store_feed_next(f->s, &n), STATUS_NOT_FOUND);
	store_set_today(f->s, today + 2);
	assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
	store_note_clear(&n);
}

/* Flips one byte of the approved ciphertext of note `i`. */
static void damage(fixture *f, int i)
{
	sqlite3_stmt *q;
	uint8_t box[PAYLOAD_MAX_PADDED + VAULT_FEED_OVERHEAD];
	int len;

	assert_int_equal(sqlite3_prepare_v2(f->s->db, "SELECT box FROM approved WHERE id = ?1", -1, &q,
	                                    NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(q, 1, f->ids[i].b, NOTE_ID_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	len = sqlite3_column_bytes(q, 0);
	assert_true(len > 100 && (size_t)len <= sizeof box);
	memcpy(box, sqlite3_column_blob(q, 0), (size_t)len);
	sqlite3_finalize(q);
	box[100] ^= 0x01;
	assert_int_equal(sqlite3_prepare_v2(f->s->db, "UPDATE approved SET box = ?2 WHERE id = ?1", -1,
	                                    &q, NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(q, 1, f->ids[i].b, NOTE_ID_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(q, 2, box, len, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	assert_int_equal(sqlite3_changes(f->s->db), 1);
	sqlite3_finalize(q);
}

static void test_damaged_note_skipped(void **state)
{
	fixture *f = *state;
	uint64_t damaged = 0;

	damage(f, 7);
	for (int k = 0; k < 3 * N; k++) {
		store_note n;
		assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
		assert_int_not_equal(index_of(f, &n.id), 7);
		assert_non_null(n.body);
		store_note_clear(&n);
	}
	assert_int_equal(store_check(f->s, &damaged), STATUS_OK);
	assert_int_equal(damaged, 1);
}

static void test_only_damaged_means_empty(void **state)
{
	fixture *f = *state;
	store_note n;

	for (int i = 0; i < N; i++)
		damage(f, i);
	assert_int_equal(store_feed_next(f->s, &n), STATUS_NOT_FOUND);
	assert_null(n.body);
}

/* Someone who edits the file holds the feed key (it lives there) and can
 * encrypt any text as a feed note; only the operator's signature is out of
 * reach, so such a note must never reach the screen. */
static void test_forged_note_is_not_shown(void **state)
{
	fixture *f = *state;
	uint8_t key[VAULT_FEED_KEY_BYTES], plain[PAYLOAD_MAX_PADDED];
	uint8_t ct[512 + VAULT_FEED_OVERHEAD], sig[VAULT_SIG_BYTES], fake_pk[VAULT_SIGN_PK_BYTES];
	uint8_t *fake_sk = vault_alloc(VAULT_SIGN_SK_BYTES);
	uint8_t digest[VAULT_DIGEST_BYTES];
	const char *text = "伪造的纸条";
	note_id id;
	size_t len;
	sqlite3_stmt *q;

	assert_int_equal(store_feed_key(f->s, 1, key), STATUS_OK);
	vault_random(id.b, sizeof id.b);
	payload_fields pf = {id, store_today(f->s), NOTE_MOOD_HAPPY, NOTE_KIND_TEXT,
	                     (const uint8_t *)text, strlen(text)};
	assert_int_equal(payload_encode(&pf, plain, sizeof plain, &len), STATUS_OK);
	assert_int_equal(vault_feed_encrypt(key, 1, &id, plain, len, ct), STATUS_OK);
	/* signed, but with a key of the forger's own */
	crypto_sign_keypair(fake_pk, fake_sk);
	vault_feed_digest(&id, 1, pf.day, pf.mood, pf.kind, ct, sizeof ct, digest);
	vault_sign(fake_sk, digest, sig);
	assert_int_equal(sqlite3_prepare_v2(f->s->db,
	                                    "INSERT INTO approved(id, day, mood, kind, epoch, cycle, "
	                                    "slot, box, sig) VALUES(?1, ?2, ?3, ?4, 1, -5, 0, ?5, ?6)",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(q, 1, id.b, NOTE_ID_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, pf.day);
	sqlite3_bind_int(q, 3, pf.mood);
	sqlite3_bind_int(q, 4, pf.kind);
	sqlite3_bind_blob(q, 5, ct, sizeof ct, SQLITE_STATIC);
	sqlite3_bind_blob(q, 6, sig, sizeof sig, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	/* cycle -5 puts it first in line: it must be skipped, not shown */
	for (int k = 0; k < N + 1; k++) {
		store_note n;
		assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
		assert_memory_not_equal(n.id.b, id.b, NOTE_ID_BYTES);
		store_note_clear(&n);
	}
	uint64_t damaged = 0;
	assert_int_equal(store_check(f->s, &damaged), STATUS_OK);
	assert_int_equal(damaged, 1);
	vault_free(fake_sk);
}

/* Work done by SQLite, summed over the statements that finish. */
typedef struct work {
	int64_t sorts, vm_steps, scan_steps;
} work;

static int count_work(unsigned type, void *ctx, void *p, void *x)
{
	work *w = ctx;
	(void)x;
	if (type == SQLITE_TRACE_PROFILE) {
		sqlite3_stmt *q = p;
		/* reset as read: the store keeps statements prepared across calls */
		w->sorts += sqlite3_stmt_status(q, SQLITE_STMTSTATUS_SORT, 1);
		w->vm_steps += sqlite3_stmt_status(q, SQLITE_STMTSTATUS_VM_STEP, 1);
		w->scan_steps += sqlite3_stmt_status(q, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	}
	return 0;
}

/* Deterministic stand-in for a timing test: with 20,000+ approved notes,
 * one feed step must seek an index, never sort or scan them all. */
static void test_next_is_an_index_seek(void **state)
{
	fixture *f = *state;
	work w = {0};
	store_note n;

	/* Padding rows in a later round, copies of real rows under new ids. */
	for (int i = 0; i < 10; i++)
		assert_int_equal(sqlite3_exec(f->s->db,
		                              "INSERT INTO approved SELECT randomblob(16), day, mood, kind, "
		                              "epoch, cycle + 1000, random(), box, sig FROM approved",
		                              NULL, NULL, NULL),
		                 SQLITE_OK);
	/* start every kept statement's counters from zero */
	for (sqlite3_stmt *q = sqlite3_next_stmt(f->s->db, NULL); q; q = sqlite3_next_stmt(f->s->db, q)) {
		sqlite3_stmt_status(q, SQLITE_STMTSTATUS_SORT, 1);
		sqlite3_stmt_status(q, SQLITE_STMTSTATUS_VM_STEP, 1);
		sqlite3_stmt_status(q, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	}
	sqlite3_trace_v2(f->s->db, SQLITE_TRACE_PROFILE, count_work, &w);
	for (int k = 0; k < 5; k++) {
		assert_int_equal(store_feed_next(f->s, &n), STATUS_OK);
		assert_true(index_of(f, &n.id) >= 0);
		store_note_clear(&n);
	}
	sqlite3_trace_v2(f->s->db, 0, NULL, NULL);
	assert_int_equal(w.sorts, 0);
	assert_true(w.scan_steps < 50);
	assert_true(w.vm_steps < 5 * 400); /* a scan or sort of 20k rows needs >100k */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_each_once_per_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_each_predicts_rotation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_approval_joins_current_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delay_in_whole_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_note_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_damaged_means_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_is_an_index_seek, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forged_note_is_not_shown, setup, teardown),
	};
	return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}

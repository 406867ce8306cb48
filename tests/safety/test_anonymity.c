/* test_anonymity.c — nothing stored or shown reveals who wrote when.
 *
 * ANON_NOTES notes are submitted in a known order and approved after one
 * unlock. Then:
 *   - no order the store produces or keeps correlates with arrival: the
 *     feed (store_feed_each and a whole round of store_feed_next), two
 *     exports, the pending listing, and the storage order of the pending
 *     and approved tables all have |Spearman rho| < RHO_MAX against the
 *     submission order (for a random order rho has a standard deviation
 *     of 1/sqrt(n-1) = 0.01, so 0.05 is five of them);
 *   - every ciphertext length is a bucket plus the fixed overhead;
 *   - nothing finer than a day is stored: the schema holds exactly the
 *     reviewed columns (a new column fails this test until it is reviewed
 *     here), no SQL time function appears in it, the note tables have no
 *     rowid, and every day column holds the store's today. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "payload.h"

#ifndef ANON_NOTES
#define ANON_NOTES 10000
#endif
#define RHO_MAX 0.05
/* How many calls the printed per-call figure averages. Informational only:
 * speed is asserted in `make bench`; that store_feed_next never sorts or
 * scans is asserted by counting SQLite's work in tests/unit/test_feed.c. */
#define FEED_PROBE_CALLS 200

typedef struct anon_ctx {
	char *dir;
	char *db;
	store *s;
	sqlite3 *raw;
	note_id ids[ANON_NOTES];   /* in submission order */
	fx_id_index ix;
	double t_submit, t_approve;
} anon_ctx;

/* Collects ids in the order a listing hands them out. */
typedef struct id_list {
	note_id *v;
	size_t n, cap;
	size_t damaged;
} id_list;

static bool collect_id(const store_note *note, void *ctx)
{
	id_list *l = ctx;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	l->v[l->n++] = note->id;
	l->damaged += note->damage != STATUS_OK;
	return true;
}

/* The order `l` must be a permutation of the submitted notes; returns its
 * rho against submission order and checks |rho| < RHO_MAX. */
static double check_order(anon_ctx *c, const id_list *l, const char *what)
{
	size_t *ranks = malloc(ANON_NOTES * sizeof *ranks);
	bool *seen = calloc(ANON_NOTES, sizeof *seen);

	assert_non_null(ranks);
	assert_non_null(seen);
	assert_int_equal(l->n, ANON_NOTES);
	assert_int_equal(l->damaged, 0);
	for (size_t i = 0; i < l->n; i++) {
		size_t k = fx_id_index_find(&c->ix, &l->v[i]);
		assert_true(k != SIZE_MAX);
		assert_false(seen[k]); /* each note once */
		seen[k] = true;
		ranks[i] = k;
	}
	double rho = fx_spearman(ranks, l->n);
	print_message("%-34s rho = %+.5f\n", what, rho);
	assert_true(fabs(rho) < RHO_MAX);
	free(ranks);
	free(seen);
	return rho;
}

/* `SELECT id FROM <table>` in SQLite's natural (storage) order. */
static void storage_order(anon_ctx *c, const char *table, id_list *l)
{
	char sql[64];
	sqlite3_stmt *q;
	store_note n;

	memset(&n, 0, sizeof n);
	snprintf(sql, sizeof sql, "SELECT id FROM %s", table);
	assert_int_equal(sqlite3_prepare_v2(c->raw, sql, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		assert_int_equal(sqlite3_column_bytes(q, 0), NOTE_ID_BYTES);
		memcpy(n.id.b, sqlite3_column_blob(q, 0), NOTE_ID_BYTES);
		collect_id(&n, l);
	}
	sqlite3_finalize(q);
}

static void anonymity_pending_order(void **state)
{
	anon_ctx *c = *state;
	id_list l = {0};

	storage_order(c, "pending", &l);
	check_order(c, &l, "storage order of pending");
	free(l.v);
	memset(&l, 0, sizeof l);
	assert_int_equal(store_pending_each(c->s, collect_id, &l), STATUS_OK);
	check_order(c, &l, "store_pending_each");
	free(l.v);
}

/* Every length in `table` is a bucket plus `overhead`; returns how many
 * notes fell in each bucket. */
static void check_lengths(anon_ctx *c, const char *table, size_t overhead,
                          size_t per_bucket[PAYLOAD_BUCKET_COUNT])
{
	char sql[96];
	sqlite3_stmt *q;
	size_t rows = 0;

	memset(per_bucket, 0, PAYLOAD_BUCKET_COUNT * sizeof per_bucket[0]);
	snprintf(sql, sizeof sql, "SELECT length(box) FROM %s", table);
	assert_int_equal(sqlite3_prepare_v2(c->raw, sql, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_int64(q, 0), b;
		for (b = 0; b < PAYLOAD_BUCKET_COUNT; b++)
			if (len == payload_buckets[b] + overhead)
				break;
		if (b == PAYLOAD_BUCKET_COUNT)
			fprintf(stderr, "%s: ciphertext of %zu bytes is no bucket\n", table, len);
		assert_true(b < PAYLOAD_BUCKET_COUNT);
		per_bucket[b]++;
		rows++;
	}
	sqlite3_finalize(q);
	assert_int_equal(rows, ANON_NOTES);
	print_message("%s ciphertexts per bucket: %zu %zu %zu %zu\n", table, per_bucket[0],
	              per_bucket[1], per_bucket[2], per_bucket[3]);
}

static void anonymity_pending_lengths(void **state)
{
	anon_ctx *c = *state;
	size_t per[PAYLOAD_BUCKET_COUNT];

	check_lengths(c, "pending", VAULT_SEAL_OVERHEAD, per);
	/* The text sizes chosen in setup reach the three text buckets. */
	for (size_t b = 0; b < 3; b++)
		assert_true(per[b] > 0);
}

static void approve_all(anon_ctx *c)
{
	double t0 = fx_now();

	for (size_t i = 0; i < ANON_NOTES; i++)
		assert_int_equal(store_approve(c->s, &c->ids[i]), STATUS_OK);
	c->t_approve = fx_now() - t0;
	print_message("approved %d notes in %.2f s\n", ANON_NOTES, c->t_approve);
	assert_int_equal(fx_pending_count(c->s), 0);
}

static void anonymity_feed_and_export_order(void **state)
{
	anon_ctx *c = *state;
	id_list feed = {0}, ex1 = {0}, ex2 = {0}, stored = {0}, shown = {0};

	approve_all(c);
	size_t per[PAYLOAD_BUCKET_COUNT];
	check_lengths(c, "approved", VAULT_FEED_OVERHEAD, per);

	assert_int_equal(store_feed_each(c->s, collect_id, &feed), STATUS_OK);
	check_order(c, &feed, "store_feed_each");
	assert_int_equal(store_export_each(c->s, collect_id, &ex1), STATUS_OK);
	check_order(c, &ex1, "store_export_each (1)");
	assert_int_equal(store_export_each(c->s, collect_id, &ex2), STATUS_OK);
	check_order(c, &ex2, "store_export_each (2)");
	storage_order(c, "approved", &stored);
	check_order(c, &stored, "storage order of approved");

	/* Each export is a fresh shuffle, not the same one again. */
	{
		fx_id_index first;
		size_t *ranks = malloc(ANON_NOTES * sizeof *ranks);
		assert_non_null(ranks);
		fx_id_index_init(&first, ex1.v, ex1.n);
		for (size_t i = 0; i < ex2.n; i++)
			ranks[i] = fx_id_index_find(&first, &ex2.v[i]);
		double rho = fx_spearman(ranks, ex2.n);
		print_message("%-34s rho = %+.5f\n", "export (2) against export (1)", rho);
		assert_true(fabs(rho) < RHO_MAX);
		fx_id_index_free(&first);
		free(ranks);
	}

	/* One whole round of the rotation shows each note once, shuffled. */
	double t0 = fx_now();
	for (size_t i = 0; i < ANON_NOTES; i++) {
		store_note n;
		assert_int_equal(store_feed_next(c->s, &n), STATUS_OK);
		collect_id(&n, &shown);
		store_note_clear(&n);
		if (i + 1 == FEED_PROBE_CALLS) {
			double ms = (fx_now() - t0) * 1000 / FEED_PROBE_CALLS;
			print_message("store_feed_next: %.2f ms per call with %d notes\n", ms, ANON_NOTES);
		}
	}
	print_message("a round of %d store_feed_next in %.2f s\n", ANON_NOTES, fx_now() - t0);
	check_order(c, &shown, "store_feed_next, first round");
	free(feed.v);
	free(ex1.v);
	free(ex2.v);
	free(stored.v);
	free(shown.v);
}

/* The reviewed schema. A change here is a change of what the store keeps
 * about people: review it for anything finer than a day, or any link to a
 * writer, a device or an order of arrival, before adding it. */
static const char *const expected_columns[] = {
	"approved.id BLOB",     "approved.day INTEGER", "approved.mood INTEGER",
	"approved.kind INTEGER", "approved.epoch INTEGER", "approved.cycle INTEGER",
	"approved.slot INTEGER", "approved.box BLOB",   "approved.sig BLOB", "feed_keys.epoch INTEGER",
	"feed_keys.key BLOB",   "pending.id BLOB",      "pending.day INTEGER",
	"pending.mood INTEGER", "pending.kind INTEGER", "pending.box BLOB",
	"settings.name TEXT",   "settings.value ANY",
};

static const char *const expected_objects[] = {
	"index approved_by_day", "index approved_rotation",
	"table approved",        "table feed_keys",         "table pending",
	"table settings",
};

static const char *const expected_settings[] = {
	"feed_delay_days", "feed_epoch",   "feed_round",          "kdf_memlimit",
	"kdf_opslimit",    "kdf_salt",     "operator_pk",         "operator_sign_pk",
	"operator_sk_wrapped",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Compares the rows of `sql` (one text column, concatenated) to a list. */
static void expect_rows(anon_ctx *c, const char *sql, const char *const *want, size_t n,
                        const char *what)
{
	sqlite3_stmt *q;
	size_t i = 0;
	bool same = true;

	assert_int_equal(sqlite3_prepare_v2(c->raw, sql, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *got = (const char *)sqlite3_column_text(q, 0);
		if (i >= n || strcmp(got, want[i]) != 0) {
			fprintf(stderr, "%s: found \"%s\" where the reviewed list has \"%s\"\n", what, got,
			        i < n ? want[i] : "(nothing)");
			same = false;
		}
		i++;
	}
	sqlite3_finalize(q);
	if (i != n)
		fprintf(stderr, "%s: %zu entries, the reviewed list has %zu\n", what, i, n);
	assert_true(same);
	assert_int_equal(i, n);
}

static void anonymity_schema(void **state)
{
	anon_ctx *c = *state;

	expect_rows(c,
	            "SELECT m.name || '.' || p.name || ' ' || p.type FROM sqlite_schema m, "
	            "pragma_table_info(m.name) p WHERE m.type = 'table' "
	            "ORDER BY m.name, p.cid",
	            expected_columns, COUNT(expected_columns), "columns");
	/* Autoindexes of primary keys are implied by the columns above. */
	expect_rows(c,
	            "SELECT type || ' ' || name FROM sqlite_schema "
	            "WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name",
	            expected_objects, COUNT(expected_objects), "schema objects");
	expect_rows(c, "SELECT name FROM settings ORDER BY name", expected_settings,
	            COUNT(expected_settings), "settings");
	/* No clock in SQL: no defaults or triggers that read the time. */
	assert_int_equal(fx_sql_int(c->raw,
	                            "SELECT count(*) FROM sqlite_schema WHERE "
	                            "upper(sql) GLOB '*CURRENT_TIME*' OR upper(sql) GLOB '*CURRENT_DATE*' "
	                            "OR lower(sql) GLOB '*datetime*' OR lower(sql) GLOB '*julianday*' "
	                            "OR lower(sql) GLOB '*strftime*' OR lower(sql) GLOB '*unixepoch*' "
	                            "OR lower(sql) GLOB '*''now''*' OR lower(sql) GLOB '*random*'"),
	                 0);
	/* Rowids count arrivals; the note tables have none. */
	assert_int_equal(fx_sql_int(c->raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
	                                    "AND name IN ('pending', 'approved') "
	                                    "AND sql LIKE '%WITHOUT ROWID%'"),
	                 2);
}

static void anonymity_days_only(void **state)
{
	anon_ctx *c = *state;
	char sql[160];
	int32_t today = store_today(c->s);
	sqlite3_stmt *q;
	size_t tables = 0;
	int64_t rows = 0;

	/* Every table with a day column, as the schema says today. */
	assert_int_equal(sqlite3_prepare_v2(c->raw,
	                                    "SELECT m.name FROM sqlite_schema m, "
	                                    "pragma_table_info(m.name) p "
	                                    "WHERE m.type = 'table' AND p.name = 'day'",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\" WHERE day IS NOT %d", t, today);
		if (fx_sql_int(c->raw, sql) != 0)
			fprintf(stderr, "%s holds a day other than today (%d)\n", t, today);
		assert_int_equal(fx_sql_int(c->raw, sql), 0);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", t);
		rows += fx_sql_int(c->raw, sql);
		tables++;
	}
	sqlite3_finalize(q);
	/* pending and approved; and not vacuously empty. */
	assert_true(tables >= 2);
	assert_true(rows >= ANON_NOTES);
	/* No setting holds a value that looks like a Unix time (2001..2100). */
	assert_int_equal(fx_sql_int(c->raw, "SELECT count(*) FROM settings WHERE typeof(value) = "
	                                    "'integer' AND value BETWEEN 978307200 AND 4102444800 "
	                                    "AND name NOT LIKE 'kdf_memlimit'"),
	                 0);
}

/* Ideographs of a length that depends on i: mostly short, some medium,
 * a few at the limit, so the note sizes spread over the text buckets. */
static size_t note_text(size_t i, char *buf, size_t cap)
{
	size_t chars = i % 50 == 7 ? 1200 + i % 800 : i % 10 == 3 ? 200 + i % 400 : 1 + i % 150;

	return fx_random_cjk(buf, cap, chars);
}

static int setup(void **state)
{
	anon_ctx *c = calloc(1, sizeof *c);
	size_t cap = 3 * NOTE_TEXT_MAX_CHARS + 1;
	char *text = malloc(cap);

	if (!c || !text || vault_init())
		return -1;
	c->dir = fx_tmpdir(true);
	c->db = fx_path(c->dir, "store.treehole");
	c->s = fx_create_store(c->db, 0);
	double t0 = fx_now();
	for (size_t i = 0; i < ANON_NOTES; i++) {
		size_t len = note_text(i, text, cap);
		note_mood mood = (note_mood)(NOTE_MOOD_FIRST + randombytes_uniform(NOTE_MOOD_COUNT));
		if (store_submit_text(c->s, mood, text, len, &c->ids[i]))
			return -1;
	}
	c->t_submit = fx_now() - t0;
	print_message("submitted %d notes in %.2f s\n", ANON_NOTES, c->t_submit);
	free(text);
	fx_id_index_init(&c->ix, c->ids, ANON_NOTES);
	if (store_unlock(c->s, FX_PASS, FX_PASS_LEN))
		return -1;
	c->raw = fx_sql_open(c->db);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	anon_ctx *c = *state;

	sqlite3_close(c->raw);
	store_close(c->s);
	fx_id_index_free(&c->ix);
	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

int main(void)
{
	/* One store for the group; the tests run in this order (pending
	 * checks first, then approve everything and check the feed). */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anonymity_pending_order),
		cmocka_unit_test(anonymity_pending_lengths),
		cmocka_unit_test(anonymity_feed_and_export_order),
		cmocka_unit_test(anonymity_schema),
		cmocka_unit_test(anonymity_days_only),
	};
	double t0 = fx_now();
	int failed = cmocka_run_group_tests_name("safety_anonymity", tests, setup, teardown);

	printf("safety_anonymity: %.1f s in all\n", fx_now() - t0);
	return failed;
}

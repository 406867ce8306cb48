/* bench_tidy.c — figure 5: store_tidy, the rewrite that keeps the file's
 * layout from telling arrival order.
 *
 * Ours: store_tidy (VACUUM in random-id order, then WAL truncation) of a
 * store holding n real submitted notes. Baseline: a plain VACUUM of a bare
 * WITHOUT ROWID table holding n random rows of the same sealed size, with
 * the same pragmas. The figure the operator feels is the absolute time per
 * note (the kiosk cannot write meanwhile); the ratio shows the store adds
 * little to SQLite's own rewrite. */
#include "bench.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payload.h"

#define TIDY_REPS 3

static bool fill_store(store *s, size_t n)
{
	char text[BENCH_NOTE_MAX_BYTES];

	for (size_t i = 0; i < n && !bench_stop; i++) {
		size_t len = bench_note_text(i, text);
		status st = store_submit_text(s, bench_random_mood(), text, len, NULL);
		if (st) {
			fprintf(stderr, "treehole-bench: submit: %s\n", status_message(st));
			return false;
		}
	}
	return !bench_stop;
}

static bool fill_baseline(sqlite3 *db, size_t n)
{
	char text[BENCH_NOTE_MAX_BYTES];
	size_t len = payload_padded_size(bench_note_text(0, text)) + VAULT_SEAL_OVERHEAD;
	uint8_t key[NOTE_ID_BYTES], *blob = malloc(len);
	sqlite3_stmt *q = NULL;
	bool ok = blob && bench_sql(db, "BEGIN") &&
	          sqlite3_prepare_v2(db, "INSERT INTO pending(id, box) VALUES(?1, ?2)", -1, &q, NULL) ==
	                  SQLITE_OK;

	for (size_t i = 0; ok && i < n; i++) {
		randombytes_buf(key, sizeof key);
		randombytes_buf(blob, len);
		sqlite3_bind_blob(q, 1, key, sizeof key, SQLITE_STATIC);
		sqlite3_bind_blob(q, 2, blob, (int)len, SQLITE_STATIC);
		ok = sqlite3_step(q) == SQLITE_DONE;
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	free(blob);
	return ok && bench_sql(db, "COMMIT");
}

/* Alternates ours and the baseline so noise hits both alike. */
static bool run_reps(store *s, sqlite3 *db, timing_samples *ours, timing_samples *base)
{
	for (int k = 0; k < TIDY_REPS && !bench_stop; k++) {
		double t0 = timing_now();
		status st = store_tidy(s);
		double t1 = timing_now();
		if (st) {
			fprintf(stderr, "treehole-bench: tidy: %s\n", status_message(st));
			return false;
		}
		if (!bench_sql(db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)"))
			return false;
		double t2 = timing_now();
		if (!timing_add(ours, t1 - t0) || !timing_add(base, t2 - t1))
			return false;
	}
	return !bench_stop;
}

bool bench_tidy(const bench_config *c)
{
	char *path = bench_path(c->dir, "tidy.treehole"), *base_path = bench_path(c->dir, "tidy-bare.db");
	timing_samples ours = {0}, base = {0};
	store *s = NULL;
	sqlite3 *db = NULL;
	bool ok = false;
	size_t n = c->tidy_notes;

	bench_progress("figure 5: tidy a store of %zu notes vs a bare VACUUM", n);
	if (!path || !base_path || !bench_store_create(path, vault_kdf_test_only(), 0, &s) ||
	    !bench_baseline_open(base_path,
	                         "CREATE TABLE pending(id BLOB PRIMARY KEY NOT NULL, box BLOB NOT NULL) "
	                         "STRICT, WITHOUT ROWID;",
	                         &db) ||
	    !fill_store(s, n) || !fill_baseline(db, n) || !run_reps(s, db, &ours, &base))
		goto out;
	char label[80];
	snprintf(label, sizeof label, "5 tidy (VACUUM) of %zu notes, median", n);
	double mine = timing_percentile(&ours, 50), bare = timing_percentile(&base, 50);
	bench_row(label, BENCH_TIME, mine, bare);
	bench_line("per 1,000 notes: %.0f ms; the kiosk cannot write meanwhile (admin tidies "
	           "by itself below 64 MiB)", mine * 1e6 / (double)(n ? n : 1));
	ok = true;
out:
	timing_free(&ours);
	timing_free(&base);
	store_close(s);
	if (db)
		sqlite3_close(db);
	if (path)
		bench_remove_db(path);
	if (base_path)
		bench_remove_db(base_path);
	free(path);
	free(base_path);
	return ok;
}

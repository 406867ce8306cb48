/* bench_moderate.c — figures 3 and 4: approving after one unlock, and the
 * unlock itself.
 *
 * Approve opens a sealed note, re-encrypts it for the feed and moves the
 * row in one durable transaction; its baseline moves a row of the same
 * size between two tables the bare way (read, insert, delete, commit) with
 * the same pragmas. Unlock is one Argon2id derivation plus an AEAD
 * open; its baseline is one plain hash of the passphrase, to show what the
 * KDF deliberately costs. */
#include "bench.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payload.h"

typedef struct approve_run {
	char *store_path, *base_path;
	store *s;
	sqlite3 *db;
	sqlite3_stmt *read, *insert, *del;
	note_id *ids;       /* pending notes of the store */
	uint8_t (*keys)[NOTE_ID_BYTES]; /* rows of the baseline's `pending` */
	size_t n;
} approve_run;

static const char baseline_schema[] =
	"CREATE TABLE pending(id BLOB PRIMARY KEY NOT NULL, box BLOB NOT NULL) STRICT, WITHOUT ROWID;"
	"CREATE TABLE approved(id BLOB PRIMARY KEY NOT NULL, box BLOB NOT NULL) STRICT, WITHOUT ROWID;";

/* n real submits into the store. */
static bool fill_store(approve_run *r)
{
	char text[BENCH_NOTE_MAX_BYTES];

	for (size_t i = 0; i < r->n && !bench_stop; i++) {
		size_t len = bench_note_text(i, text);
		status st = store_submit_text(r->s, bench_random_mood(), text, len, &r->ids[i]);
		if (st) {
			fprintf(stderr, "treehole-bench: submit: %s\n", status_message(st));
			return false;
		}
		if ((i + 1) % 250 == 0)
			bench_progress("approve: %zu/%zu notes submitted", i + 1, r->n);
	}
	return !bench_stop;
}

/* n rows of the sealed size into the baseline, in one transaction (the
 * baseline's fill is not what is measured). */
static bool fill_baseline(approve_run *r)
{
	char text[BENCH_NOTE_MAX_BYTES];
	size_t len = payload_padded_size(bench_note_text(0, text)) + VAULT_SEAL_OVERHEAD;
	uint8_t *blob = malloc(len);
	sqlite3_stmt *q = NULL;
	bool ok = blob && bench_sql(r->db, "BEGIN") &&
	          sqlite3_prepare_v2(r->db, "INSERT INTO pending(id, box) VALUES(?1, ?2)", -1, &q,
	                             NULL) == SQLITE_OK;

	for (size_t i = 0; ok && i < r->n; i++) {
		randombytes_buf(r->keys[i], NOTE_ID_BYTES);
		randombytes_buf(blob, len);
		sqlite3_bind_blob(q, 1, r->keys[i], NOTE_ID_BYTES, SQLITE_STATIC);
		sqlite3_bind_blob(q, 2, blob, (int)len, SQLITE_STATIC);
		ok = sqlite3_step(q) == SQLITE_DONE;
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	free(blob);
	return ok && bench_sql(r->db, "COMMIT");
}

static bool prepare_baseline(approve_run *r)
{
	return sqlite3_prepare_v2(r->db, "SELECT box FROM pending WHERE id = ?1", -1, &r->read,
	                          NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(r->db, "INSERT INTO approved(id, box) VALUES(?1, ?2)", -1,
	                          &r->insert, NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(r->db, "DELETE FROM pending WHERE id = ?1", -1, &r->del, NULL) ==
	               SQLITE_OK;
}

static bool open_run(const bench_config *c, approve_run *r)
{
	r->n = c->approves;
	r->store_path = bench_path(c->dir, "approve.treehole");
	r->base_path = bench_path(c->dir, "approve-baseline.db");
	r->ids = calloc(r->n, sizeof *r->ids);
	r->keys = calloc(r->n, sizeof *r->keys);
	if (!r->store_path || !r->base_path || !r->ids || !r->keys)
		return false;
	if (!bench_store_create(r->store_path, vault_kdf_test_only(), 0, &r->s) ||
	    !bench_baseline_open(r->base_path, baseline_schema, &r->db) || !prepare_baseline(r))
		return false;
	bench_progress("approve: submitting %zu notes", r->n);
	return fill_store(r) && fill_baseline(r);
}

static void close_run(approve_run *r)
{
	sqlite3_finalize(r->read);
	sqlite3_finalize(r->insert);
	sqlite3_finalize(r->del);
	sqlite3_close(r->db);
	store_close(r->s);
	if (r->store_path)
		bench_remove_db(r->store_path);
	if (r->base_path)
		bench_remove_db(r->base_path);
	free(r->store_path);
	free(r->base_path);
	free(r->ids);
	free(r->keys);
}

static double time_approve(approve_run *r, size_t i)
{
	double t0 = timing_now();
	status st = store_approve(r->s, &r->ids[i]);
	double t = timing_now() - t0;
	if (st)
		fprintf(stderr, "treehole-bench: approve: %s\n", status_message(st));
	return st ? -1 : t;
}

/* Runs a bound statement to completion and resets it. */
static bool step_done(sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE;
}

/* The bare move of baseline row i: read it, insert it into approved,
 * delete it from pending, all in one transaction. */
static double time_move(approve_run *r, size_t i)
{
	const uint8_t *key = r->keys[i];

	double t0 = timing_now();
	if (!bench_sql(r->db, "BEGIN IMMEDIATE"))
		return -1;
	sqlite3_bind_blob(r->read, 1, key, NOTE_ID_BYTES, SQLITE_STATIC);
	bool ok = sqlite3_step(r->read) == SQLITE_ROW;
	if (ok) {
		sqlite3_bind_blob(r->insert, 1, key, NOTE_ID_BYTES, SQLITE_STATIC);
		sqlite3_bind_blob(r->insert, 2, sqlite3_column_blob(r->read, 0),
		                  sqlite3_column_bytes(r->read, 0), SQLITE_TRANSIENT);
		ok = step_done(r->insert);
	}
	sqlite3_reset(r->read);
	sqlite3_bind_blob(r->del, 1, key, NOTE_ID_BYTES, SQLITE_STATIC);
	ok = ok && step_done(r->del);
	if (!ok) {
		fprintf(stderr, "treehole-bench: baseline move: %s\n", sqlite3_errmsg(r->db));
		bench_sql(r->db, "ROLLBACK");
		return -1;
	}
	return bench_sql(r->db, "COMMIT") ? timing_now() - t0 : -1;
}

static bool run_pairs(approve_run *r, timing_samples *ours, timing_samples *base)
{
	for (size_t i = 0; i < r->n && !bench_stop; i++) {
		double a, b;
		if (i % 2) {
			b = time_move(r, i);
			a = time_approve(r, i);
		} else {
			a = time_approve(r, i);
			b = time_move(r, i);
		}
		if (a < 0 || b < 0 || !timing_add(ours, a) || !timing_add(base, b))
			return false;
		if ((i + 1) % 250 == 0)
			bench_progress("approve: %zu/%zu pairs", i + 1, r->n);
	}
	return !bench_stop;
}

bool bench_approve(const bench_config *c)
{
	approve_run r = {0};
	timing_samples ours = {0}, base = {0};
	bool ok = false;

	bench_progress("figure 3: approve %zu notes after one unlock vs bare moves", c->approves);
	if (!open_run(c, &r))
		goto out;
	status st = store_unlock(r.s, BENCH_PASS, strlen(BENCH_PASS));
	if (st) {
		fprintf(stderr, "treehole-bench: unlock: %s\n", status_message(st));
		goto out;
	}
	if (!run_pairs(&r, &ours, &base))
		goto out;
	char label[80];
	snprintf(label, sizeof label, "3 approve after one unlock (n=%zu)", r.n);
	double rate = (double)r.n / timing_sum(&ours), base_rate = (double)r.n / timing_sum(&base);
	bench_row(label, BENCH_RATE, rate, base_rate);
	bench_row("3 approve p50 per note", BENCH_TIME, timing_percentile(&ours, 50),
	          timing_percentile(&base, 50));
	bench_line("(no goal in issue 2; same durable commit as the baseline, plus open + re-encrypt)");
	ok = true;
out:
	timing_free(&ours);
	timing_free(&base);
	close_run(&r);
	return ok;
}

/* Median of `reps` unlocks of a store created with `kdf`. */
static double time_unlocks(const bench_config *c, vault_kdf kdf, size_t reps)
{
	char *path = bench_path(c->dir, "unlock.treehole");
	timing_samples t = {0};
	store *s = NULL;
	double med = -1;

	if (!path || !bench_store_create(path, kdf, 0, &s))
		goto out;
	for (size_t i = 0; i < reps && !bench_stop; i++) {
		store_lock(s);
		double t0 = timing_now();
		status st = store_unlock(s, BENCH_PASS, strlen(BENCH_PASS));
		if (st || !timing_add(&t, timing_now() - t0)) {
			fprintf(stderr, "treehole-bench: unlock: %s\n", status_message(st));
			goto out;
		}
	}
	med = bench_stop ? -1 : timing_percentile(&t, 50);
out:
	store_close(s);
	if (path)
		bench_remove_db(path);
	free(path);
	timing_free(&t);
	return med;
}

/* One BLAKE2b of the passphrase: what "checking a password" costs without
 * a KDF. Timed as a batch, since one call is below the clock's grain. */
static double time_plain_hash(void)
{
	enum { BATCH = 100000 };
	uint8_t out[crypto_generichash_BYTES];

	double t0 = timing_now();
	for (int i = 0; i < BATCH; i++)
		crypto_generichash(out, sizeof out, (const uint8_t *)BENCH_PASS, strlen(BENCH_PASS),
		                   NULL, 0);
	return (timing_now() - t0) / BATCH;
}

bool bench_unlock(const bench_config *c)
{
	double hash = time_plain_hash(), med[2];

	for (int k = 0; k < 2; k++) {
		bench_progress("figure 4: %zu unlocks with %s", c->unlock_reps, c->unlock_name[k]);
		if ((med[k] = time_unlocks(c, c->unlock_kdf[k], c->unlock_reps)) < 0)
			return false;
		char label[80];
		snprintf(label, sizeof label, "4 unlock %s (%llu ops, %zu MiB)", c->unlock_name[k],
		         c->unlock_kdf[k].opslimit, c->unlock_kdf[k].memlimit >> 20);
		bench_row(label, BENCH_TIME, med[k], hash);
	}
	bench_line("baseline: one crypto_generichash of the passphrase; median of %zu unlocks",
	           c->unlock_reps);
	if (!c->smoke) {
		bool met = med[0] >= 0.5 && med[0] <= 1.0;
		bench_line("goal: %s unlock about 0.5-1 s: %.2f s -> %s", c->unlock_name[0], med[0],
		           met ? "met" : med[0] < 0.5 ? "FASTER (cheaper for an attacker too)" : "SLOWER");
	}
	return true;
}

/* bench_submit.c — figure 1: submitting a note (seal + durable commit)
 * against a bare SQLite insert of a row of the same size.
 *
 * Both write to the same folder on a real disk with the same pragmas and
 * one transaction per note, so both pay the same fsyncs; what is left is
 * what the store adds: validation, encoding, padding, crypto_box_seal, and
 * the mood count. */
#include "bench.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payload.h"

#define WARMUP 10

typedef struct submit_run {
	store *s;
	sqlite3 *db;
	sqlite3_stmt *insert;
	uint8_t *blob;        /* baseline row payload, the size of a sealed note */
	size_t blob_len;
	size_t next_text;     /* which sample note to submit next */
} submit_run;

static const char baseline_schema[] =
	"CREATE TABLE notes(id BLOB PRIMARY KEY NOT NULL, box BLOB NOT NULL) STRICT, WITHOUT ROWID;";

/* One store_submit_text of a fresh typical note. Returns its duration, or
 * a negative value on failure. */
static double time_ours(submit_run *r)
{
	char text[BENCH_NOTE_MAX_BYTES];
	size_t len = bench_note_text(r->next_text++, text);
	note_mood mood = bench_random_mood();

	double t0 = timing_now();
	status st = store_submit_text(r->s, mood, text, len, NULL);
	double t = timing_now() - t0;
	sodium_memzero(text, sizeof text);
	if (st) {
		fprintf(stderr, "treehole-bench: submit failed: %s\n", status_message(st));
		return -1;
	}
	return t;
}

/* One bare insert: BEGIN IMMEDIATE, INSERT a random 16-byte key and the
 * blob, COMMIT — what the store does minus everything it adds. */
static double time_baseline(submit_run *r)
{
	uint8_t id[NOTE_ID_BYTES];

	double t0 = timing_now();
	randombytes_buf(id, sizeof id);
	if (!bench_sql(r->db, "BEGIN IMMEDIATE"))
		return -1;
	sqlite3_bind_blob(r->insert, 1, id, sizeof id, SQLITE_STATIC);
	sqlite3_bind_blob(r->insert, 2, r->blob, (int)r->blob_len, SQLITE_STATIC);
	int rc = sqlite3_step(r->insert);
	sqlite3_reset(r->insert);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "treehole-bench: baseline insert: %s\n", sqlite3_errmsg(r->db));
		bench_sql(r->db, "ROLLBACK");
		return -1;
	}
	if (!bench_sql(r->db, "COMMIT"))
		return -1;
	return timing_now() - t0;
}

static bool open_run(const bench_config *c, submit_run *r)
{
	char text[BENCH_NOTE_MAX_BYTES];
	char *sp = bench_path(c->dir, "submit.treehole");
	char *bp = bench_path(c->dir, "submit-baseline.db");
	bool ok = false;

	if (!sp || !bp)
		goto out;
	/* Same ciphertext length as a sealed typical note: bucket + overhead. */
	r->blob_len = payload_padded_size(bench_note_text(0, text)) + VAULT_SEAL_OVERHEAD;
	if (!(r->blob = malloc(r->blob_len)))
		goto out;
	randombytes_buf(r->blob, r->blob_len);
	if (!bench_store_create(sp, vault_kdf_test_only(), STORE_DEFAULT_FEED_DELAY_DAYS, &r->s) ||
	    !bench_baseline_open(bp, baseline_schema, &r->db))
		goto out;
	ok = sqlite3_prepare_v2(r->db, "INSERT INTO notes(id, box) VALUES(?1, ?2)", -1, &r->insert,
	                        NULL) == SQLITE_OK;
out:
	free(sp);
	free(bp);
	return ok;
}

static void close_run(const bench_config *c, submit_run *r)
{
	char *sp = bench_path(c->dir, "submit.treehole");
	char *bp = bench_path(c->dir, "submit-baseline.db");

	sqlite3_finalize(r->insert);
	sqlite3_close(r->db);
	store_close(r->s);
	free(r->blob);
	if (sp)
		bench_remove_db(sp);
	if (bp)
		bench_remove_db(bp);
	free(sp);
	free(bp);
}

/* Runs n pairs, alternating which of the two goes first, and records the
 * times when `ours`/`base` are given (NULL during the warm-up). */
static bool run_pairs(submit_run *r, size_t n, timing_samples *ours, timing_samples *base)
{
	for (size_t i = 0; i < n && !bench_stop; i++) {
		double a, b;
		if (i % 2) {
			b = time_baseline(r);
			a = time_ours(r);
		} else {
			a = time_ours(r);
			b = time_baseline(r);
		}
		if (a < 0 || b < 0)
			return false;
		if (ours && (!timing_add(ours, a) || !timing_add(base, b)))
			return false;
		if (ours && (i + 1) % 100 == 0)
			bench_progress("submit: %zu/%zu pairs", i + 1, n);
	}
	return !bench_stop;
}

bool bench_submit(const bench_config *c)
{
	submit_run r = {0};
	timing_samples ours = {0}, base = {0};
	bool ok = false;

	bench_progress("figure 1: %zu submits vs bare inserts, interleaved", c->submits);
	if (!open_run(c, &r) || !run_pairs(&r, WARMUP, NULL, NULL) ||
	    !run_pairs(&r, c->submits, &ours, &base))
		goto out;
	double p50 = timing_percentile(&ours, 50), b50 = timing_percentile(&base, 50);
	double p99 = timing_percentile(&ours, 99), b99 = timing_percentile(&base, 99);
	char label[80];
	snprintf(label, sizeof label, "1 submit p50 (%zu B row, n=%zu)", r.blob_len, c->submits);
	bench_row(label, BENCH_TIME, p50, b50);
	bench_row("1 submit p99", BENCH_TIME, p99, b99);
	bench_goal_max("submit p50 ratio", p50 / b50, 1.5);
	bench_goal_max("submit p99 ratio", p99 / b99, 1.5);
	ok = true;
out:
	timing_free(&ours);
	timing_free(&base);
	close_run(c, &r);
	return ok;
}

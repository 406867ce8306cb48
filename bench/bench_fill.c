/* bench_fill.c — building a feed store of a million notes in about a
 * minute.
 *
 * Going through store_submit + store_approve one by one costs two fsyncs
 * per note: hours for 1M. So a few notes take the real path and the rest
 * are inserted straight into `approved` (store_internal.h), each row built
 * exactly as store_approve builds it — payload_encode()d typical note,
 * vault_feed_encrypt()ed with the store's feed key and epoch, a random
 * slot in the current round — so the rows have the sizes, the key
 * distribution and the index entries of real ones. Only the durability of
 * the fill itself is relaxed: one transaction, synchronous=OFF, and no WAL
 * while it runs (journal_mode=OFF, back to WAL afterwards). A multi-GB WAL
 * would make every page lookup walk thousands of WAL hash tables
 * (sqlite3WalFindFrame) and write everything twice. Afterwards the file is
 * fsync()ed, so the timed calls do not compete with gigabytes of
 * writeback. Ids are inserted in sorted order so each table page is
 * written once; the tree comes out denser than one grown by random
 * inserts, with the same depth. */
#include "bench.h"
#include "timing.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "store_internal.h"

#define N_TEXTS 256
#define HISTORY_DAYS 1095   /* bulk notes were written over three years */

typedef struct bulk {
	store *s;
	sqlite3_stmt *insert;
	char (*texts)[BENCH_NOTE_MAX_BYTES];
	size_t text_len[N_TEXTS];
	uint8_t plain[PAYLOAD_MAX_PADDED];
	uint8_t ct[PAYLOAD_MAX_PADDED + VAULT_FEED_OVERHEAD];
	int64_t round;
} bulk;

/* Submits n notes the kiosk's way, then approves them after one unlock. */
static bool api_notes(store *s, size_t n)
{
	char text[BENCH_NOTE_MAX_BYTES];
	note_id *ids = malloc((n ? n : 1) * sizeof *ids);
	status st = ids ? STATUS_OK : STATUS_NO_MEMORY;

	for (size_t i = 0; i < n && !st; i++) {
		size_t len = bench_note_text(i, text);
		st = store_submit_text(s, bench_random_mood(), text, len, &ids[i]);
	}
	if (!st)
		st = store_unlock(s, BENCH_PASS, strlen(BENCH_PASS));
	for (size_t i = 0; i < n && !st; i++)
		st = store_approve(s, &ids[i]);
	/* stays unlocked: the bulk rows are signed too; locked after the fill */
	free(ids);
	if (st)
		fprintf(stderr, "treehole-bench: filling: %s\n", status_message(st));
	return st == STATUS_OK;
}

static int cmp_id(const void *a, const void *b)
{
	return memcmp(a, b, NOTE_ID_BYTES);
}

/* Encrypts, signs and inserts one approved row, as insert_approved() in
 * store_moderate.c would. Needs the store unlocked (the signing key). */
static bool bulk_row(bulk *b, const note_id *id, size_t k)
{
	const char *text = b->texts[k % N_TEXTS];
	payload_fields f = {.id = *id,
	                    .day = store_today(b->s) - 1 - (int32_t)randombytes_uniform(HISTORY_DAYS),
	                    .mood = bench_random_mood(),
	                    .kind = NOTE_KIND_TEXT,
	                    .body = (const uint8_t *)text,
	                    .body_len = b->text_len[k % N_TEXTS]};
	size_t len;
	int64_t slot;

	if (payload_encode(&f, b->plain, sizeof b->plain, &len) ||
	    vault_feed_encrypt(b->s->feed_key, b->s->feed_epoch, id, b->plain, len, b->ct))
		return false;
	uint8_t digest[VAULT_DIGEST_BYTES], sig[VAULT_SIG_BYTES];
	vault_feed_digest(id, b->s->feed_epoch, f.day, (int)f.mood, (int)f.kind, b->ct,
	                  len + VAULT_FEED_OVERHEAD, digest);
	vault_sign(b->s->sign_sk, digest, sig);
	randombytes_buf(&slot, sizeof slot);
	sqlite3_stmt *q = b->insert;
	sqlite3_bind_blob(q, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, f.day);
	sqlite3_bind_int(q, 3, (int)f.mood);
	sqlite3_bind_int(q, 4, (int)f.kind);
	sqlite3_bind_int64(q, 5, b->s->feed_epoch);
	sqlite3_bind_int64(q, 6, b->round);
	sqlite3_bind_int64(q, 7, slot);
	sqlite3_bind_blob(q, 8, b->ct, (int)(len + VAULT_FEED_OVERHEAD), SQLITE_STATIC);
	sqlite3_bind_blob(q, 9, sig, sizeof sig, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		fprintf(stderr, "treehole-bench: bulk insert: %s\n", sqlite3_errmsg(b->s->db));
	return rc == SQLITE_DONE;
}

static bool bulk_prepare(bulk *b, store *s)
{
	b->s = s;
	if (!(b->texts = malloc(N_TEXTS * sizeof *b->texts)))
		return false;
	for (size_t i = 0; i < N_TEXTS; i++)
		b->text_len[i] = bench_note_text(i, b->texts[i]);
	if (store_setting_int(s, "feed_round", &b->round))
		return false;
	return sqlite3_prepare_v2(s->db,
	                          "INSERT INTO approved(id, day, mood, kind, epoch, cycle, slot, box, sig) "
	                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	                          -1, &b->insert, NULL) == SQLITE_OK;
}

/* Inserts the sorted ids in one transaction; progress every 100k rows. */
static bool bulk_insert(bulk *b, const note_id *ids, size_t n)
{
	if (store_begin(b->s))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (bench_stop || !bulk_row(b, &ids[i], i)) {
			store_rollback(b->s);
			return false;
		}
		if ((i + 1) % 100000 == 0)
			bench_progress("feed: bulk %zu/%zu rows", i + 1, n);
	}
	return store_commit(b->s) == STATUS_OK;
}

/* Sets the journal mode and checks SQLite took it (it silently keeps the
 * old one when it cannot switch). */
static bool journal_mode(store *s, const char *mode)
{
	char sql[64];
	sqlite3_stmt *q;
	bool ok = false;

	snprintf(sql, sizeof sql, "PRAGMA journal_mode=%s", mode);
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(q) == SQLITE_ROW)
		ok = strcasecmp((const char *)sqlite3_column_text(q, 0), mode) == 0;
	sqlite3_finalize(q);
	if (!ok)
		fprintf(stderr, "treehole-bench: cannot set journal_mode=%s\n", mode);
	return ok;
}

static bool bulk_notes(store *s, size_t n)
{
	bulk *b = calloc(1, sizeof *b);
	note_id *ids = malloc((n ? n : 1) * sizeof *ids);
	bool ok = false;

	if (!b || !ids || !bulk_prepare(b, s))
		goto out;
	vault_random(ids, n * sizeof *ids);
	qsort(ids, n, sizeof *ids, cmp_id);
	/* The cache keeps the indexes (random slots) in memory. */
	if (store_exec(s, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144", "fill pragmas") ||
	    !journal_mode(s, "off"))
		goto out;
	ok = bulk_insert(b, ids, n);
	ok = journal_mode(s, "wal") && ok;
	ok = !store_exec(s, "PRAGMA synchronous=FULL; PRAGMA cache_size=-2000", "pragmas") && ok;
out:
	if (b) {
		sqlite3_finalize(b->insert);
		free(b->texts);
	}
	free(b);
	free(ids);
	return ok;
}

/* Flushes the file's pages to the disk now rather than during the timing. */
static bool sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	bool ok = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

bool bench_fill_store(const char *path, size_t n, size_t api, store **out, double *seconds)
{
	double t0 = timing_now();
	store *s = NULL;

	*out = NULL;
	if (api > n)
		api = n;
	if (!bench_store_create(path, vault_kdf_test_only(), 0, &s))
		return false;
	if (!api_notes(s, api) || !bulk_notes(s, n - api)) {
		store_close(s);
		return false;
	}
	store_close(s);
	if (!sync_file(path))
		return false;
	status st = store_open(path, STORE_OPEN_READ_WRITE, out);
	if (st) {
		fprintf(stderr, "treehole-bench: reopen %s: %s\n", path, status_message(st));
		return false;
	}
	*seconds = timing_now() - t0;
	return true;
}

/* store_feed.c — the feed rotation, exports, mood counts, reports.
 *
 * Rotation: every approved note carries `cycle` (the round it will next be
 * shown in) and a random `slot`. The next note is the visible one with the
 * lowest (cycle, slot) — one index seek, never a scan. Showing it moves it
 * to round R + 1, where R is the current round (settings.feed_round), and
 * draws a new slot, so each round is a fresh shuffle and each note appears
 * once per round. New approvals join the current round.
 *
 * The queries write `+day`: the unary plus keeps SQLite from choosing the
 * day index, which would sort every visible note on each call, and makes
 * it walk approved_rotation (cycle, slot, day) in order instead. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char log_tag[] = "feed";

static const char feed_cols[] = "id, day, mood, kind, epoch, box, cycle, sig";

/* Opens the approved row under the cursor (columns as in feed_cols). */
static status open_feed_row(store *s, sqlite3_stmt *q, store_note *n)
{
	store_feed_row r = {
		.day = sqlite3_column_int64(q, 1),
		.mood = sqlite3_column_int64(q, 2),
		.kind = sqlite3_column_int64(q, 3),
		.epoch = sqlite3_column_int64(q, 4),
		.ct = sqlite3_column_blob(q, 5),
		.ct_len = (size_t)sqlite3_column_bytes(q, 5),
		.sig = sqlite3_column_blob(q, 7),
		.sig_len = (size_t)sqlite3_column_bytes(q, 7),
	};

	if (sqlite3_column_bytes(q, 0) == NOTE_ID_BYTES)
		memcpy(r.id.b, sqlite3_column_blob(q, 0), NOTE_ID_BYTES);
	return store_open_feed(s, &r, n);
}

/* Last day whose notes are visible today. */
static status visible_until(store *s, int64_t *cut)
{
	int days;
	status st = store_feed_delay(s, &days);
	if (!st)
		*cut = (int64_t)store_today(s) - days;
	return st;
}

/* The round in progress as last recorded; 0 before the first show. */
static status feed_round(store *s, int64_t *round)
{
	status st = store_setting_int(s, "feed_round", round);
	if (st == STATUS_NOT_FOUND)
		*round = 0, st = STATUS_OK;
	return st;
}

status store_feed_join_round(store *s, int64_t *cycle)
{
	int64_t cut, round, low = 0;
	status st;

	if ((st = feed_round(s, &round)) || (st = visible_until(s, &cut)))
		return st;
	/* The lowest round among visible notes is the one in progress, even
	 * when feed_round still names the round just completed. */
	st = store_query_i64(s, "SELECT cycle FROM approved WHERE +day <= ?1 ORDER BY cycle, slot LIMIT 1",
	                     &cut, &low);
	if (st && st != STATUS_NOT_FOUND)
		return st;
	*cycle = low > round ? low : round;
	return STATUS_OK;
}

/* Marks the note shown: into round max(R, cycle) + 1 with a new slot. */
static status advance(store *s, const note_id *id, int64_t cycle)
{
	int64_t round, slot;
	sqlite3_stmt *q;
	status st;

	if ((st = feed_round(s, &round)))
		return st;
	if (cycle > round && (st = store_setting_set_int(s, "feed_round", round = cycle)))
		return st;
	if ((st = store_prepare(s, "UPDATE approved SET cycle = ?1, slot = ?2 WHERE id = ?3", &q)))
		return st;
	vault_random(&slot, sizeof slot);
	sqlite3_bind_int64(q, 1, round + 1);
	sqlite3_bind_int64(q, 2, slot);
	sqlite3_bind_blob(q, 3, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	st = store_sqlite_status(s, sqlite3_step(q), "advance feed");
	store_release(s, q);
	return st;
}

/* One step of feed_next inside a transaction: pick, open, advance. */
static status next_once(store *s, int64_t cut, store_note *out)
{
	char sql[160];
	sqlite3_stmt *q;
	status st;

	snprintf(sql, sizeof sql, "SELECT %s FROM approved WHERE +day <= ?1 ORDER BY cycle, slot LIMIT 1",
	         feed_cols);
	if ((st = store_prepare(s, sql, &q)))
		return st;
	sqlite3_bind_int64(q, 1, cut);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		store_release(s, q);
		return rc == SQLITE_DONE ? STATUS_NOT_FOUND : store_sqlite_status(s, rc, "next feed");
	}
	int64_t cycle = sqlite3_column_int64(q, 6);
	st = open_feed_row(s, q, out);
	store_release(s, q);
	if (st && st != STATUS_DAMAGED_NOTE)
		return st;
	status adv = advance(s, &out->id, cycle);
	return adv ? adv : st;
}

status store_visible_count(store *s, int64_t cut, uint64_t *out)
{
	int64_t n = 0;
	status st = store_query_i64(s, "SELECT count(*) FROM approved WHERE day <= ?1", &cut, &n);
	*out = (uint64_t)n;
	return st;
}

status store_feed_next(store *s, store_note *out)
{
	int64_t cut;
	uint64_t skipped = 0, total = 0;
	status st;

	memset(out, 0, sizeof *out);
	if ((st = visible_until(s, &cut)))
		return st;
	if ((st = store_begin(s)))
		return st;
	/* A damaged note is moved along like any other so it cannot block the
	 * rotation; stop after a full round of damage. */
	while ((st = next_once(s, cut, out)) == STATUS_DAMAGED_NOTE) {
		store_note_clear(out);
		skipped++;
		if (skipped == 1 && (st = store_visible_count(s, cut, &total)))
			break;
		if (skipped >= total)
			break;
	}
	if (skipped)
		store_log(log_tag, "skipped %llu damaged note(s)", (unsigned long long)skipped);
	if (st) {
		store_note_clear(out);
		store_rollback(s);
		return st == STATUS_DAMAGED_NOTE ? STATUS_NOT_FOUND : st;
	}
	if ((st = store_commit(s)))
		store_note_clear(out);
	/* The kiosk calls this often and holds no read open right after: the
	 * moment to finish a WAL scrub a moderation command could not. */
	store_settle_scrub(s);
	return st;
}

/* Runs `q` (rows as in feed_cols) and hands each opened note to fn.
 * OUT: *stopped (may be NULL) whether fn asked to stop. */
static status each_row(store *s, sqlite3_stmt *q, store_note_fn fn, void *ctx, bool *stopped)
{
	status st = STATUS_OK;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		store_note n;
		st = open_feed_row(s, q, &n);
		if (st && st != STATUS_DAMAGED_NOTE)
			return st;
		st = STATUS_OK;
		bool go_on = fn(&n, ctx);
		store_note_clear(&n);
		if (!go_on) {
			if (stopped)
				*stopped = true;
			return STATUS_OK;
		}
	}
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_status(s, rc, "list feed");
}

status store_feed_each(store *s, store_note_fn fn, void *ctx)
{
	char sql[160];
	sqlite3_stmt *q;
	int64_t cut;
	status st;

	if ((st = visible_until(s, &cut)))
		return st;
	snprintf(sql, sizeof sql, "SELECT %s FROM approved WHERE +day <= ?1 ORDER BY cycle, slot",
	         feed_cols);
	if ((st = store_prepare(s, sql, &q)))
		return st;
	sqlite3_bind_int64(q, 1, cut);
	st = each_row(s, q, fn, ctx, NULL);
	store_release(s, q);
	return st;
}

/* Reads every approved id into a malloc()ed array. */
static status approved_ids(store *s, note_id **ids, size_t *n)
{
	sqlite3_stmt *q;
	size_t cap = 256;
	status st = store_prepare(s, "SELECT id FROM approved", &q);
	int rc;

	*n = 0;
	*ids = NULL;
	if (st)
		return st;
	note_id *v = malloc(cap * sizeof *v);
	while (v && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			note_id *w = realloc(v, (cap *= 2) * sizeof *v);
			if (!w) {
				free(v);
				v = NULL;
				break;
			}
			v = w;
		}
		memset(&v[*n], 0, sizeof v[*n]);
		if (sqlite3_column_bytes(q, 0) == NOTE_ID_BYTES)
			memcpy(v[*n].b, sqlite3_column_blob(q, 0), NOTE_ID_BYTES);
		(*n)++;
	}
	store_release(s, q);
	if (!v)
		return STATUS_NO_MEMORY;
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sqlite_status(s, rc, "list approved");
	}
	*ids = v;
	return STATUS_OK;
}

/* Fisher–Yates with libsodium's unbiased uniform draw. */
static void shuffle(note_id *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = randombytes_uniform((uint32_t)i);
		note_id t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

status store_export_each(store *s, store_note_fn fn, void *ctx)
{
	char sql[160];
	note_id *ids;
	size_t n;
	sqlite3_stmt *q;
	status st;

	/* One read transaction, so the listing is a consistent snapshot. */
	if ((st = store_exec(s, "BEGIN", "begin read")))
		return st;
	if ((st = approved_ids(s, &ids, &n)))
		goto out;
	shuffle(ids, n);
	snprintf(sql, sizeof sql, "SELECT %s FROM approved WHERE id = ?1", feed_cols);
	if ((st = store_prepare(s, sql, &q)))
		goto out_ids;
	bool stopped = false;
	for (size_t i = 0; i < n && !st && !stopped; i++) {
		sqlite3_reset(q);
		sqlite3_bind_blob(q, 1, ids[i].b, NOTE_ID_BYTES, SQLITE_STATIC);
		st = each_row(s, q, fn, ctx, &stopped);
	}
	store_release(s, q);
out_ids:
	free(ids);
out:
	store_rollback(s);
	return st;
}

status store_mood_counts(store *s, int32_t day, uint64_t counts[NOTE_MOOD_COUNT])
{
	sqlite3_stmt *q;
	status st = store_prepare(s,
	                          "SELECT mood, count(*) FROM (SELECT mood FROM pending WHERE day = ?1 "
	                          "UNION ALL SELECT mood FROM approved WHERE day = ?1) GROUP BY mood",
	                          &q);
	int rc;

	memset(counts, 0, NOTE_MOOD_COUNT * sizeof counts[0]);
	if (st)
		return st;
	sqlite3_bind_int(q, 1, day);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t m = sqlite3_column_int64(q, 0);
		if (m > 0 && m < NOTE_MOOD_END_)
			counts[m - NOTE_MOOD_FIRST] = (uint64_t)sqlite3_column_int64(q, 1);
	}
	store_release(s, q);
	return rc == SQLITE_DONE ? STATUS_OK : store_sqlite_status(s, rc, "mood counts");
}

/* Reads and opens the approved row `id` in the caller's transaction. */
static status open_approved(store *s, const note_id *id, store_note *n)
{
	char sql[160];
	sqlite3_stmt *q;
	status st;

	snprintf(sql, sizeof sql, "SELECT %s FROM approved WHERE id = ?1", feed_cols);
	if ((st = store_step_by_id(s, sql, id, &q)))
		return st;
	st = open_feed_row(s, q, n);
	store_release(s, q);
	return st;
}

/* Seals an opened note to the operator again: from then on the kiosk
 * cannot read it. */
static status reseal(store *s, const store_note *n)
{
	payload_fields f = {n->id, n->day, n->mood, n->kind, n->body, n->body_len};
	return store_insert_pending(s, &f);
}

status store_report(store *s, const note_id *id)
{
	status st = store_move_note(s, id, open_approved, reseal, "DELETE FROM approved WHERE id = ?1");
	/* The reported text must not linger readable (feed key) in -wal. */
	if (!st)
		store_scrub_wal(s);
	return st;
}

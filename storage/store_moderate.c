/* store_moderate.c — the operator's side: unlock, read the queue,
 * approve, reject, report back, change the passphrase. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char log_tag[] = "moderate";

/* Reads the stored KDF costs, salt and wrapped key. */
static status load_wrapped(store *s, vault_kdf *kdf, uint8_t salt[VAULT_SALT_BYTES],
                           uint8_t wrapped[VAULT_WRAPPED_BYTES])
{
	int64_t ops, mem;
	status st;

	if ((st = store_setting_int(s, "kdf_opslimit", &ops)) ||
	    (st = store_setting_int(s, "kdf_memlimit", &mem)) ||
	    (st = store_setting_blob(s, "kdf_salt", salt, VAULT_SALT_BYTES)) ||
	    (st = store_setting_blob(s, "operator_sk_wrapped", wrapped, VAULT_WRAPPED_BYTES)))
		return st == STATUS_NOT_FOUND ? STATUS_DAMAGED_FILE : st;
	if (ops <= 0 || mem <= 0)
		return STATUS_DAMAGED_FILE;
	kdf->opslimit = (unsigned long long)ops;
	kdf->memlimit = (size_t)mem;
	/* Costs above SENSITIVE were never written by us: an edited file
	 * must not make unlocking hang for days. */
	vault_kdf top = vault_kdf_sensitive();
	if (kdf->opslimit > top.opslimit || kdf->memlimit > top.memlimit)
		return STATUS_DAMAGED_FILE;
	return vault_kdf_valid(*kdf) ? STATUS_OK : STATUS_DAMAGED_FILE;
}

/* Unwraps into a fresh vault buffer; OUT: *sk_out on success. */
static status unwrap(store *s, const char *pass, size_t pass_len, uint8_t **sk_out)
{
	uint8_t salt[VAULT_SALT_BYTES], wrapped[VAULT_WRAPPED_BYTES];
	vault_kdf kdf;
	status st;

	if (!pass || pass_len == 0 || pass_len > STORE_MAX_PASSPHRASE_BYTES)
		return STATUS_WRONG_PASSPHRASE;
	if ((st = load_wrapped(s, &kdf, salt, wrapped)))
		return st;
	uint8_t *sk = vault_alloc(VAULT_SK_BYTES);
	if (!sk)
		return STATUS_NO_MEMORY;
	if ((st = vault_unwrap_key(pass, pass_len, kdf, s->pk, salt, wrapped, sk))) {
		vault_free(sk);
		return st;
	}
	*sk_out = sk;
	return STATUS_OK;
}

/* Derives the signing key from `sk` and checks it is the one whose public
 * half the file names. OUT: *sign_sk (vault memory) on success. */
static status derive_signing(store *s, const uint8_t *sk, uint8_t **sign_sk)
{
	uint8_t sign_pk[VAULT_SIGN_PK_BYTES];
	status st;

	*sign_sk = vault_alloc(VAULT_SIGN_SK_BYTES);
	if (!*sign_sk)
		return STATUS_NO_MEMORY;
	if (!(st = vault_sign_keypair(sk, sign_pk, *sign_sk)) &&
	    sodium_memcmp(sign_pk, s->sign_pk, sizeof sign_pk) != 0)
		st = STATUS_KEY_REPLACED;
	if (st) {
		vault_free(*sign_sk);
		*sign_sk = NULL;
	}
	return st;
}

status store_unlock(store *s, const char *pass, size_t pass_len)
{
	uint8_t *sk, *sign_sk = NULL;
	status st = unwrap(s, pass, pass_len, &sk);
	if (!st && (st = derive_signing(s, sk, &sign_sk)))
		vault_free(sk);
	if (st) {
		store_log(log_tag, "unlock failed: %s", status_name(st));
		return st;
	}
	store_lock(s);
	s->sk = sk;
	s->sign_sk = sign_sk;
	return STATUS_OK;
}

void store_lock(store *s)
{
	if (s->db)
		store_settle_scrub(s);
	vault_free(s->sk); /* sodium_free wipes before releasing */
	vault_free(s->sign_sk);
	s->sk = NULL;
	s->sign_sk = NULL;
}

bool store_is_unlocked(const store *s)
{
	return s->sk != NULL;
}

static void id_from_column(sqlite3_stmt *q, int col, note_id *id)
{
	memset(id, 0, sizeof *id);
	if (sqlite3_column_bytes(q, col) == NOTE_ID_BYTES)
		memcpy(id->b, sqlite3_column_blob(q, col), NOTE_ID_BYTES);
}

/* Opens the row (id, day, mood, kind, box) under the cursor of `q`. */
static status open_pending_row(store *s, sqlite3_stmt *q, store_note *n)
{
	note_id id;
	id_from_column(q, 0, &id);
	return store_open_sealed(s, &id, sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 2),
	                         sqlite3_column_int64(q, 3), sqlite3_column_blob(q, 4),
	                         (size_t)sqlite3_column_bytes(q, 4), n);
}

status store_pending_each(store *s, store_note_fn fn, void *ctx)
{
	sqlite3_stmt *q;
	status st;
	int rc;

	if (!s->sk)
		return STATUS_LOCKED_KEYS;
	if ((st = store_prepare(s, "SELECT id, day, mood, kind, box FROM pending ORDER BY day, id", &q)))
		return st;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		store_note n;
		st = open_pending_row(s, q, &n);
		if (st && st != STATUS_DAMAGED_NOTE)
			break;
		st = STATUS_OK;
		bool go_on = fn(&n, ctx);
		store_note_clear(&n);
		if (!go_on)
			break;
	}
	if (!st && rc != SQLITE_ROW)
		st = store_sqlite_status(s, rc, "list pending");
	store_release(s, q);
	return st;
}

status store_pending_count(store *s, uint64_t *out)
{
	int64_t n = 0;
	status st = store_query_i64(s, "SELECT count(*) FROM pending", NULL, &n);
	*out = (uint64_t)n;
	return st;
}

/* True if `sql` (a SELECT by ?1 = id) finds a row. */
static status row_exists(store *s, const char *sql, const note_id *id, bool *found)
{
	sqlite3_stmt *q;
	status st = store_step_by_id(s, sql, id, &q);
	*found = st == STATUS_OK;
	store_release(s, q);
	return st == STATUS_NOT_FOUND ? STATUS_OK : st;
}

status store_state_of(store *s, const note_id *id, store_state *out)
{
	bool found;
	status st = row_exists(s, "SELECT 1 FROM pending WHERE id = ?1", id, &found);
	if (st)
		return st;
	if (found) {
		*out = STORE_STATE_PENDING;
		return STATUS_OK;
	}
	st = row_exists(s, "SELECT 1 FROM approved WHERE id = ?1", id, &found);
	*out = found ? STORE_STATE_APPROVED : STORE_STATE_ABSENT;
	return st;
}

/* Encrypts the opened note for the feed and inserts it into approved. */
static status insert_approved(store *s, const store_note *n)
{
	payload_fields f = {n->id, n->day, n->mood, n->kind, n->body, n->body_len};
	size_t len = 0;
	uint8_t *ct = malloc(payload_padded_size(n->body_len) + VAULT_FEED_OVERHEAD);
	sqlite3_stmt *q = NULL;
	int64_t round, slot;
	status st = STATUS_NO_MEMORY;

	if (!ct)
		goto out;
	if ((st = payload_encode(&f, s->scratch, PAYLOAD_MAX_PADDED, &len)) ||
	    (st = vault_feed_encrypt(s->feed_key, s->feed_epoch, &n->id, s->scratch, len, ct)) ||
	    (st = store_feed_join_round(s, &round)))
		goto out;
	uint8_t digest[VAULT_DIGEST_BYTES], sig[VAULT_SIG_BYTES];
	vault_feed_digest(&n->id, s->feed_epoch, n->day, (int)n->mood, (int)n->kind, ct,
	                  len + VAULT_FEED_OVERHEAD, digest);
	vault_sign(s->sign_sk, digest, sig);
	if ((st = store_prepare(s,
	                        "INSERT INTO approved(id, day, mood, kind, epoch, cycle, slot, box, sig) "
	                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	                        &q)))
		goto out;
	vault_random(&slot, sizeof slot);
	sqlite3_bind_blob(q, 1, n->id.b, NOTE_ID_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, n->day);
	sqlite3_bind_int(q, 3, (int)n->mood);
	sqlite3_bind_int(q, 4, (int)n->kind);
	sqlite3_bind_int64(q, 5, s->feed_epoch);
	sqlite3_bind_int64(q, 6, round);
	sqlite3_bind_int64(q, 7, slot);
	sqlite3_bind_blob(q, 8, ct, (int)(len + VAULT_FEED_OVERHEAD), SQLITE_STATIC);
	sqlite3_bind_blob(q, 9, sig, sizeof sig, SQLITE_STATIC);
	st = store_sqlite_status(s, sqlite3_step(q), "insert approved");
out:
	store_release(s, q);
	vault_wipe(s->scratch, st ? PAYLOAD_MAX_PADDED : len);
	free(ct);
	return st;
}

/* Reads and opens the pending row `id`, in the caller's transaction. */
static status open_pending(store *s, const note_id *id, store_note *n)
{
	sqlite3_stmt *q;
	status st = store_step_by_id(s, "SELECT id, day, mood, kind, box FROM pending WHERE id = ?1",
	                             id, &q);
	if (st)
		return st;
	st = open_pending_row(s, q, n);
	store_release(s, q);
	return st;
}

status store_move_note(store *s, const note_id *id, store_read_fn read, store_write_fn write,
                       const char *delete_sql)
{
	store_note n = {0};
	status st;

	if ((st = store_begin(s)))
		return st;
	if ((st = read(s, id, &n)) || (st = write(s, &n)) ||
	    (st = store_delete_by_id(s, delete_sql, id, NULL))) {
		store_note_clear(&n);
		store_rollback(s);
		store_log(log_tag, "moving a note failed: %s", status_name(st));
		return st;
	}
	store_note_clear(&n);
	return store_commit(s);
}

status store_approve(store *s, const note_id *id)
{
	if (!s->sk)
		return STATUS_LOCKED_KEYS;
	return store_move_note(s, id, open_pending, insert_approved, "DELETE FROM pending WHERE id = ?1");
}

status store_reject(store *s, const note_id *id)
{
	bool from_pending = false, from_approved = false;
	status st;

	if (!s->sk)
		return STATUS_LOCKED_KEYS;
	if ((st = store_begin(s)))
		return st;
	if ((st = store_delete_by_id(s, "DELETE FROM pending WHERE id = ?1", id, &from_pending)) ||
	    (st = store_delete_by_id(s, "DELETE FROM approved WHERE id = ?1", id, &from_approved))) {
		store_rollback(s);
		return st;
	}
	if (!from_pending && !from_approved) {
		store_rollback(s);
		return STATUS_NOT_FOUND;
	}
	if ((st = store_commit(s)))
		return st;
	/* secure_delete zeroed the pages; the checkpoint carries the zeroes
	 * into the main file and empties -wal, where the old frames still lie. */
	store_scrub_wal(s);
	return STATUS_OK;
}

status store_passwd(store *s, const char *old_pass, size_t old_len, const char *new_pass,
                    size_t new_len)
{
	uint8_t salt[VAULT_SALT_BYTES], wrapped[VAULT_WRAPPED_BYTES], old_salt[VAULT_SALT_BYTES];
	uint8_t old_wrapped[VAULT_WRAPPED_BYTES];
	uint8_t *sk = NULL;
	vault_kdf kdf;
	status st;

	if (!new_pass || new_len == 0 || new_len > STORE_MAX_PASSPHRASE_BYTES)
		return STATUS_BAD_ARGUMENT;
	if ((st = load_wrapped(s, &kdf, old_salt, old_wrapped)) ||
	    (st = unwrap(s, old_pass, old_len, &sk)) ||
	    (st = vault_wrap_key(new_pass, new_len, kdf, s->pk, sk, salt, wrapped)))
		goto out;
	if ((st = store_begin(s)))
		goto out;
	if ((st = store_setting_set_blob(s, "kdf_salt", salt, sizeof salt)) ||
	    (st = store_setting_set_blob(s, "operator_sk_wrapped", wrapped, sizeof wrapped))) {
		store_rollback(s);
		goto out;
	}
	if ((st = store_commit(s)))
		goto out;
	/* The old wrapping must not survive in -wal either. */
	store_scrub_wal(s);
out:
	vault_free(sk);
	return st;
}

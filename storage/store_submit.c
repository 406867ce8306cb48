/* store_submit.c — sealing a note and committing it; opening ciphertexts
 * back into notes. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char log_tag[] = "submit";

/* Seals a padded payload for `f` to the operator key. OUT: *box and
 * *box_len, malloc()ed, owned by the caller. The plaintext exists only in
 * the handle's scratch buffer, wiped before returning. */
static status seal_fields(store *s, const payload_fields *f, uint8_t **box, size_t *box_len)
{
	size_t len = 0;
	status st;

	*box = NULL;
	if ((st = payload_encode(f, s->scratch, PAYLOAD_MAX_PADDED, &len))) {
		len = PAYLOAD_MAX_PADDED; /* it may have copied the body before failing */
		goto out;
	}
	st = STATUS_NO_MEMORY;
	if (!(*box = malloc(len + VAULT_SEAL_OVERHEAD)))
		goto out;
	if ((st = vault_seal(s->pk, s->scratch, len, *box))) {
		free(*box);
		*box = NULL;
		goto out;
	}
	*box_len = len + VAULT_SEAL_OVERHEAD;
out:
	vault_wipe(s->scratch, len);
	return st;
}

/* Copies the decoded body into vault memory owned by `n` and checks the
 * authenticated header against the row's columns. */
static status fill_note(const payload_fields *f, const note_id *id, int64_t day, int64_t mood,
                        int64_t kind, store_note *n)
{
	/* Compared as 64-bit: a column edited to day - 2^32 must not pass. */
	if (memcmp(f->id.b, id->b, NOTE_ID_BYTES) != 0 || f->day != day || f->mood != mood ||
	    f->kind != kind)
		return STATUS_DAMAGED_NOTE; /* columns edited or rows swapped */
	if (f->kind == NOTE_KIND_TEXT && note_check_text((const char *)f->body, f->body_len, NULL))
		return STATUS_DAMAGED_NOTE; /* authentic but not text we would accept */
	if (f->kind == NOTE_KIND_INK && ink_validate(f->body, f->body_len))
		return STATUS_DAMAGED_NOTE; /* authentic but not ink we would accept */
	n->body = vault_alloc(f->body_len + 1);
	if (!n->body)
		return STATUS_NO_MEMORY;
	memcpy(n->body, f->body, f->body_len);
	n->body[f->body_len] = 0;
	n->body_len = f->body_len;
	return STATUS_OK;
}

static void note_header(store_note *n, const note_id *id, int64_t day, int64_t mood, int64_t kind)
{
	memset(n, 0, sizeof *n);
	n->id = *id;
	n->day = day >= 0 && day <= INT32_MAX ? (int32_t)day : -1;
	n->mood = note_mood_valid(mood >= 0 && mood <= 255 ? (int)mood : 0) ? (note_mood)mood : 0;
	n->kind = kind >= 0 && kind <= 255 && note_kind_name((note_kind)kind) ? (note_kind)kind : 0;
}

/* Decodes the plaintext now in the scratch buffer (if `st` says it was
 * opened) into `n`, then wipes the scratch. Damage is recorded in `n`. */
static status finish_open(store *s, status st, size_t plain_len, const note_id *id, int64_t day,
                          int64_t mood, int64_t kind, store_note *n)
{
	payload_fields f;

	if (!st)
		st = payload_decode(s->scratch, plain_len, &f);
	if (!st)
		st = fill_note(&f, id, day, mood, kind, n);
	vault_wipe(s->scratch, plain_len);
	if (st == STATUS_DAMAGED_NOTE)
		n->damage = st;
	return st;
}

status store_open_sealed(store *s, const note_id *id, int64_t day, int64_t mood, int64_t kind,
                         const uint8_t *box, size_t len, store_note *n)
{
	status st;

	note_header(n, id, day, mood, kind);
	if (!s->sk)
		return STATUS_LOCKED_KEYS;
	if (len < VAULT_SEAL_OVERHEAD || len - VAULT_SEAL_OVERHEAD > PAYLOAD_MAX_PADDED)
		return n->damage = STATUS_DAMAGED_NOTE;
	st = vault_open(s->pk, s->sk, box, len, s->scratch);
	return finish_open(s, st, len - VAULT_SEAL_OVERHEAD, id, day, mood, kind, n);
}

/* Decrypts with the key of `epoch` into the scratch buffer. */
static status feed_decrypt(store *s, uint32_t epoch, const note_id *id, const uint8_t *ct,
                           size_t len)
{
	if (epoch == s->feed_epoch)
		return vault_feed_decrypt(s->feed_key, epoch, id, ct, len, s->scratch);
	/* An older epoch: rare, so its key is not cached. */
	uint8_t *key = vault_alloc(VAULT_FEED_KEY_BYTES);
	if (!key)
		return STATUS_NO_MEMORY;
	status st = store_feed_key(s, epoch, key);
	if (st == STATUS_NOT_FOUND) /* a row naming an epoch with no key */
		st = STATUS_DAMAGED_NOTE;
	if (!st)
		st = vault_feed_decrypt(key, epoch, id, ct, len, s->scratch);
	vault_free(key);
	return st;
}

/* The feed key sits in the same file, so only the operator's signature
 * tells an approved note from one an editor of the file made up. */
static status check_signature(const store *s, const store_feed_row *r)
{
	uint8_t digest[VAULT_DIGEST_BYTES];

	if (r->day < 0 || r->day > INT32_MAX || r->mood < 1 || r->mood > 255 || r->kind < 1 ||
	    r->kind > 255 || r->epoch < 1 || r->epoch > UINT32_MAX)
		return STATUS_DAMAGED_NOTE;
	vault_feed_digest(&r->id, (uint32_t)r->epoch, (int32_t)r->day, (int)r->mood, (int)r->kind,
	                  r->ct, r->ct_len, digest);
	return vault_verify(s->sign_pk, digest, r->sig, r->sig_len);
}

status store_open_feed(store *s, const store_feed_row *r, store_note *n)
{
	status st;

	note_header(n, &r->id, r->day, r->mood, r->kind);
	if (r->ct_len < VAULT_FEED_OVERHEAD || r->ct_len - VAULT_FEED_OVERHEAD > PAYLOAD_MAX_PADDED)
		return n->damage = STATUS_DAMAGED_NOTE;
	st = check_signature(s, r);
	if (!st)
		st = feed_decrypt(s, (uint32_t)r->epoch, &r->id, r->ct, r->ct_len);
	return finish_open(s, st, r->ct_len - VAULT_FEED_OVERHEAD, &r->id, r->day, r->mood, r->kind,
	                   n);
}

status store_insert_pending(store *s, const payload_fields *f)
{
	sqlite3_stmt *q;
	uint8_t *box;
	size_t len;
	status st = seal_fields(s, f, &box, &len);

	if (st)
		return st;
	st = store_prepare(s, "INSERT INTO pending(id, day, mood, kind, box) VALUES(?1, ?2, ?3, ?4, ?5)",
	                   &q);
	if (!st) {
		sqlite3_bind_blob(q, 1, f->id.b, NOTE_ID_BYTES, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, f->day);
		sqlite3_bind_int(q, 3, (int)f->mood);
		sqlite3_bind_int(q, 4, (int)f->kind);
		sqlite3_bind_blob(q, 5, box, (int)len, SQLITE_STATIC);
		st = store_sqlite_status(s, sqlite3_step(q), "insert pending");
		store_release(s, q);
	}
	free(box);
	return st;
}

status store_submit(store *s, note_kind kind, note_mood mood, const uint8_t *body, size_t len,
                    note_id *id)
{
	payload_fields f = {.day = store_today(s), .mood = mood, .kind = kind, .body = body,
	                    .body_len = len};
	status st;

	if (!note_mood_valid((int)mood))
		return STATUS_BAD_MOOD;
	if (!note_kind_name(kind) || len > NOTE_BODY_MAX_BYTES || (len && !body))
		return STATUS_BAD_ARGUMENT;
	/* no ink reaches the queue that the feed could not draw */
	if (kind == NOTE_KIND_INK && (st = ink_validate(body, len)))
		return st;
	if (s->read_only)
		return STATUS_READ_ONLY;
	vault_random(f.id.b, NOTE_ID_BYTES);
	if ((st = store_begin(s)))
		goto out;
	if ((st = store_insert_pending(s, &f))) {
		store_rollback(s);
		goto out;
	}
	/* The note is acknowledged only when COMMIT has returned. */
	if ((st = store_commit(s)))
		goto out;
	if (id)
		*id = f.id;
out:
	if (st)
		store_log(log_tag, "submit failed: %s", status_name(st));
	return st;
}

status store_submit_text(store *s, note_mood mood, const char *text, size_t len, note_id *id)
{
	status st = note_check_text(text, len, NULL);
	if (st)
		return st;
	if (!note_mood_valid((int)mood))
		return STATUS_BAD_MOOD;
	return store_submit(s, NOTE_KIND_TEXT, mood, (const uint8_t *)text, len, id);
}

status store_submit_ink(store *s, note_mood mood, const ink *k, note_id *id)
{
	uint8_t *body;
	size_t len;
	status st;

	if (!note_mood_valid((int)mood))
		return STATUS_BAD_MOOD;
	if ((st = ink_encode(k, &body, &len)))
		return st;
	st = store_submit(s, NOTE_KIND_INK, mood, body, len, id);
	vault_wipe(body, len);
	free(body);
	return st;
}

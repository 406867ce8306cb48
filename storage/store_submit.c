/* store_submit.c — sealing a note and committing it; opening ciphertexts
 * back into notes. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char log_tag[] = "submit";

/* Seals a padded payload for `f` to the operator key. OUT: *box and
 * *box_len, malloc()ed, owned by the caller. */
static status seal_fields(store *s, const payload_fields *f, uint8_t **box, size_t *box_len)
{
	size_t cap = payload_padded_size(f->body_len), len;
	uint8_t *plain = vault_alloc(cap ? cap : 1);
	status st = STATUS_NO_MEMORY;

	*box = NULL;
	if (!cap)
		st = STATUS_BAD_ARGUMENT;
	if (!plain || !cap)
		goto out;
	if ((st = payload_encode(f, plain, cap, &len)))
		goto out;
	*box = malloc(len + VAULT_SEAL_OVERHEAD);
	st = STATUS_NO_MEMORY;
	if (!*box)
		goto out;
	if ((st = vault_seal(s->pk, plain, len, *box))) {
		free(*box);
		*box = NULL;
		goto out;
	}
	*box_len = len + VAULT_SEAL_OVERHEAD;
out:
	vault_free(plain); /* wipes the padded plaintext */
	return st;
}

/* Copies the decoded body into vault memory owned by `n` and checks the
 * authenticated header against the row's columns. */
static status fill_note(const payload_fields *f, const note_id *id, int32_t day, int mood,
                        int kind, store_note *n)
{
	if (memcmp(f->id.b, id->b, NOTE_ID_BYTES) != 0 || f->day != day || (int)f->mood != mood ||
	    (int)f->kind != kind)
		return STATUS_DAMAGED_NOTE; /* columns edited or rows swapped */
	n->body = vault_alloc(f->body_len + 1);
	if (!n->body)
		return STATUS_NO_MEMORY;
	memcpy(n->body, f->body, f->body_len);
	n->body[f->body_len] = 0;
	n->body_len = f->body_len;
	return STATUS_OK;
}

static void note_header(store_note *n, const note_id *id, int32_t day, int mood, int kind)
{
	memset(n, 0, sizeof *n);
	n->id = *id;
	n->day = day;
	n->mood = (note_mood)mood;
	n->kind = (note_kind)kind;
}

status store_open_sealed(store *s, const note_id *id, int32_t day, int mood, int kind,
                         const uint8_t *box, size_t len, store_note *n)
{
	payload_fields f;
	status st;

	note_header(n, id, day, mood, kind);
	if (!s->sk)
		return STATUS_LOCKED_KEYS;
	if (len < VAULT_SEAL_OVERHEAD || len - VAULT_SEAL_OVERHEAD > PAYLOAD_MAX_PADDED)
		return n->damage = STATUS_DAMAGED_NOTE;
	uint8_t *plain = vault_alloc(len - VAULT_SEAL_OVERHEAD);
	if (!plain)
		return STATUS_NO_MEMORY;
	st = vault_open(s->pk, s->sk, box, len, plain);
	if (!st)
		st = payload_decode(plain, len - VAULT_SEAL_OVERHEAD, &f);
	if (!st)
		st = fill_note(&f, id, day, mood, kind, n);
	vault_free(plain);
	if (st == STATUS_DAMAGED_NOTE)
		n->damage = st;
	return st;
}

status store_open_feed(store *s, const note_id *id, int32_t day, int mood, int kind,
                       uint32_t epoch, const uint8_t *ct, size_t len, store_note *n)
{
	payload_fields f;
	status st;

	note_header(n, id, day, mood, kind);
	if (len < VAULT_FEED_OVERHEAD || len - VAULT_FEED_OVERHEAD > PAYLOAD_MAX_PADDED)
		return n->damage = STATUS_DAMAGED_NOTE;
	uint8_t *plain = vault_alloc(len - VAULT_FEED_OVERHEAD);
	uint8_t *key = vault_alloc(VAULT_FEED_KEY_BYTES);
	st = STATUS_NO_MEMORY;
	if (!plain || !key)
		goto out;
	if (epoch == s->feed_epoch)
		memcpy(key, s->feed_key, VAULT_FEED_KEY_BYTES);
	else if ((st = store_feed_key(s, epoch, key)))
		goto out;
	st = vault_feed_decrypt(key, epoch, id, ct, len, plain);
	if (!st)
		st = payload_decode(plain, len - VAULT_FEED_OVERHEAD, &f);
	if (!st)
		st = fill_note(&f, id, day, mood, kind, n);
out:
	if (st == STATUS_NOT_FOUND) /* a row naming an epoch with no key */
		st = STATUS_DAMAGED_NOTE;
	if (st == STATUS_DAMAGED_NOTE)
		n->damage = st;
	vault_free(plain);
	vault_free(key);
	return st;
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
		sqlite3_finalize(q);
	}
	free(box);
	return st;
}

static status count_mood(store *s, int32_t day, note_mood mood)
{
	sqlite3_stmt *q;
	status st = store_prepare(s,
	                          "INSERT INTO mood_counts(day, mood, n) VALUES(?1, ?2, 1) "
	                          "ON CONFLICT(day, mood) DO UPDATE SET n = n + 1",
	                          &q);
	if (st)
		return st;
	sqlite3_bind_int(q, 1, day);
	sqlite3_bind_int(q, 2, (int)mood);
	st = store_sqlite_status(s, sqlite3_step(q), "count mood");
	sqlite3_finalize(q);
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
	if (s->read_only)
		return STATUS_READ_ONLY;
	vault_random(f.id.b, NOTE_ID_BYTES);
	if ((st = store_begin(s)))
		goto out;
	if ((st = store_insert_pending(s, &f)) || (st = count_mood(s, f.day, mood))) {
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

/* store.h — the encrypted, anonymous note store: one SQLite file.
 *
 * Life of a note: store_submit() seals it to the operator's public key and
 * commits it to `pending`; from then on only the operator passphrase can
 * read it. store_unlock() unwraps the operator key into locked memory;
 * store_approve() re-encrypts a note for the feed and moves it to
 * `approved` in one transaction; store_reject() deletes it with
 * secure_delete and truncates the WAL. store_feed_next() hands out
 * approved notes in a shuffled rotation, each once per cycle, only once the
 * feed delay (whole days) has passed since the day the note was written.
 *
 * Anonymity by construction: random 128-bit ids in WITHOUT ROWID tables, a
 * day number instead of any time, a mood from a fixed list, padded
 * ciphertext lengths. Nothing about the device or the writer is stored.
 * What SQLite's page allocation and WAL still tell of arrival order is
 * erased by store_tidy().
 *
 * Threading: a store handle belongs to one thread at a time. Several
 * processes may open the same file; writers wait up to the busy timeout
 * and then get STATUS_BUSY.
 *
 * Limits: text notes obey note_check_text() (at most NOTE_TEXT_MAX_CHARS
 * code points, no blank or invalid text); ink notes are the stroke codec's
 * bytes (ink.h) and must decode; bodies of any kind are at most
 * NOTE_BODY_MAX_BYTES. For ink notes body_len is the encoded size (the body
 * still gets a NUL after it, which is not part of it). */
#ifndef TREEHOLE_STORE_H
#define TREEHOLE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ink.h"
#include "note.h"
#include "status.h"
#include "vault.h"

/* Schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1
#define STORE_DEFAULT_FEED_DELAY_DAYS 1
#define STORE_MAX_FEED_DELAY_DAYS 365
#define STORE_DEFAULT_BUSY_MS 5000
#define STORE_MAX_PASSPHRASE_BYTES 1024

typedef struct store store;

/* How to create a store. Zero-initialise, then set what differs. */
typedef struct store_create_opts {
	int feed_delay_days;   /* 0..STORE_MAX_FEED_DELAY_DAYS; use
	                          STORE_DEFAULT_FEED_DELAY_DAYS unless the
	                          operator chose otherwise */
	vault_kdf kdf;         /* zero means vault_kdf_moderate() */
} store_create_opts;

enum store_open_flags {
	STORE_OPEN_READ_WRITE = 0,
	STORE_OPEN_READ_ONLY = 1 << 0, /* writes then fail with STATUS_READ_ONLY */
};

/* A decrypted note handed to the caller. The body is in vault_alloc()ed
 * memory owned by the note; release it with store_note_clear(), which wipes
 * it. For text notes body is NUL-terminated (body_len excludes the NUL). */
typedef struct store_note {
	note_id id;
	int32_t day;
	note_mood mood;
	note_kind kind;
	status damage;     /* STATUS_OK, or STATUS_DAMAGED_NOTE (body is NULL) */
	uint8_t *body;
	size_t body_len;
} store_note;

/* Where a note is. */
typedef enum store_state {
	STORE_STATE_ABSENT = 0,
	STORE_STATE_PENDING,
	STORE_STATE_APPROVED,
} store_state;

/* Figures for `treehole-admin stats`; counts only, no content. */
typedef struct store_stats {
	uint64_t pending;
	uint64_t approved;
	uint64_t approved_visible;  /* approved and past the feed delay today */
	int feed_delay_days;
	int schema_version;
	int32_t oldest_day;         /* -1 if the store holds no note */
	int32_t newest_day;         /* -1 if the store holds no note */
	vault_kdf kdf;
	char key_fingerprint[17];   /* see store_key_fingerprint() */
} store_stats;

/* Called once per note by the listing functions. `note` and its body are
 * owned by the store and wiped after the call returns; copy what you keep.
 * Return false to stop early. */
typedef bool (*store_note_fn)(const store_note *note, void *ctx);

/* Creates a new store at `path` with a fresh operator key pair wrapped by
 * `pass` and a fresh feed key. Refuses (STATUS_EXISTS) if the file exists.
 * The passphrase must be 1..STORE_MAX_PASSPHRASE_BYTES bytes. OUT: *out, an
 * open handle (locked), owned by the caller; NULL on failure, and no file
 * is left behind. */
status store_create(const char *path, const char *pass, size_t pass_len,
                    const store_create_opts *opts, store **out);

/* Opens an existing store, migrating an older schema forward. Refuses
 * STATUS_NEWER_VERSION for a file from a newer build, STATUS_NO_STORE if
 * the file is missing, STATUS_DAMAGED_FILE if it is not a store. OUT: *out,
 * owned by the caller (release with store_close), NULL on failure. */
status store_open(const char *path, unsigned flags, store **out);

/* Locks (wipes the operator key) and closes. Accepts NULL. */
void store_close(store *s);

/* Sets how long a writer waits for another program's lock, in ms. */
void store_set_busy_timeout(store *s, int ms);

/* Overrides "today" for this handle (tests, demos, scripted checks).
 * Pass -1 to return to the real calendar. */
void store_set_today(store *s, int32_t day);

/* The day number this handle uses as today. */
int32_t store_today(const store *s);

/* Submits one text note exactly as the kiosk does: validates, encodes,
 * pads, seals to the operator key, commits. Returns STATUS_OK only after
 * the commit returned; only then may the caller wipe its draft. On any
 * failure nothing is stored. OUT: *id (may be NULL). */
status store_submit_text(store *s, note_mood mood, const char *text, size_t len, note_id *id);

/* Submits a note of any kind whose body the caller already encoded and
 * validated (at most NOTE_BODY_MAX_BYTES). Same guarantees as above. An
 * ink body must pass ink_validate (else STATUS_INK_INVALID): nothing goes
 * to the queue that the feed could not draw. */
status store_submit(store *s, note_kind kind, note_mood mood, const uint8_t *body,
                    size_t len, note_id *id);

/* Submits a handwritten note: ink_encode (STATUS_INK_INVALID if `k` breaks
 * the codec's rules), then store_submit. `k` stays the caller's; the
 * encoded copy is wiped. Same guarantees as above. */
status store_submit_ink(store *s, note_mood mood, const ink *k, note_id *id);

/* Unwraps the operator secret key into locked memory. Returns
 * STATUS_WRONG_PASSPHRASE if it does not match, STATUS_KEY_REPLACED if the
 * public key in the file is not the operator's (an edited file: notes sealed
 * since may be readable by someone else). Idempotent. */
status store_unlock(store *s, const char *pass, size_t pass_len);

/* Wipes the operator secret key. Safe to call when locked. */
void store_lock(store *s);

/* True while the operator key is unwrapped. */
bool store_is_unlocked(const store *s);

/* Opens every pending note (needs store_unlock, else STATUS_LOCKED_KEYS)
 * and calls fn for each, oldest day first, random within a day. A note
 * that fails authentication is passed with damage = STATUS_DAMAGED_NOTE
 * and no body; the others are unaffected. */
status store_pending_each(store *s, store_note_fn fn, void *ctx);

/* Number of pending notes; needs no key. */
status store_pending_count(store *s, uint64_t *out);

/* Where the note with this id is. Needs no key. */
status store_state_of(store *s, const note_id *id, store_state *out);

/* Approves a pending note: opens it with the operator key, re-encrypts it
 * for the feed, signs the row with the operator's signing key (derived from
 * the same secret) and moves it, in one transaction. STATUS_LOCKED_KEYS
 * without unlock; STATUS_NOT_FOUND if not pending; STATUS_DAMAGED_NOTE if
 * it does not authenticate (it then stays pending, to be rejected). */
status store_approve(store *s, const note_id *id);

/* Rejects a pending or approved note: deletes it (secure_delete) and
 * truncates the WAL so no ciphertext of it remains. Needs store_unlock.
 * STATUS_NOT_FOUND if no such note. */
status store_reject(store *s, const note_id *id);

/* Returns an approved note to the pending queue for another look (a
 * passerby reported it). It leaves the feed at once. Needs no key: the
 * note is sealed to the operator again. STATUS_NOT_FOUND if not approved. */
status store_report(store *s, const note_id *id);

/* Next note of the feed rotation: approved, past the feed delay, shuffled,
 * each once per cycle, and marks it shown. Damaged notes — including any
 * whose operator signature does not verify — are skipped.
 * OUT: *out (release with store_note_clear). Returns STATUS_NOT_FOUND when
 * nothing is visible today. */
status store_feed_next(store *s, store_note *out);

/* Calls fn for every note visible in the feed today, in the order the
 * rotation will show them from now on, without advancing it. */
status store_feed_each(store *s, store_note_fn fn, void *ctx);

/* Calls fn for every approved note (feed delay not applied), in a fresh
 * random order unrelated to arrival. For exports. */
status store_export_each(store *s, store_note_fn fn, void *ctx);

/* How many notes of each mood written on `day` the store holds, pending
 * or approved (rejected and purged ones no longer count). Needs no key.
 * counts[m - NOTE_MOOD_FIRST] for each mood m. */
status store_mood_counts(store *s, int32_t day, uint64_t counts[NOTE_MOOD_COUNT]);

/* Deletes every note (pending or approved) written more than
 * `max_age_days` days before today, then truncates the WAL. OUT:
 * *removed (may be NULL) notes removed. */
status store_purge(store *s, int max_age_days, uint64_t *removed);

/* Feed delay in whole days (0..STORE_MAX_FEED_DELAY_DAYS). */
status store_feed_delay(store *s, int *days);
status store_set_feed_delay(store *s, int days);

/* Changes the passphrase: needs the old one, rewraps the operator key
 * under the new one with a fresh salt. Nothing else changes. */
status store_passwd(store *s, const char *old_pass, size_t old_len,
                    const char *new_pass, size_t new_len);

/* Writes a consistent copy of the store to `dest_path` (mode 0600) with
 * SQLite's online backup API, then rewrites the copy so its page layout
 * says nothing of arrival order. Refuses STATUS_EXISTS if dest exists. */
status store_backup(store *s, const char *dest_path);

/* Erases what the file's layout says about arrival order: pages are
 * allocated as notes arrive, and WAL frames are a log of commits. Rewrites
 * the file in random-id order (VACUUM) and truncates the WAL. Takes time in
 * proportion to the store's size; call it when the kiosk is idle and after
 * a moderation session. STATUS_BUSY if another program writes meanwhile. */
status store_tidy(store *s);

/* Runs PRAGMA integrity_check, checks every approved note's operator
 * signature and feed encryption (and opens every pending note, if
 * unlocked). OUT: *damaged_notes
 * (may be NULL). Returns STATUS_DAMAGED_FILE if SQLite finds damage, else
 * STATUS_OK even if single notes are damaged (see the count). */
status store_check(store *s, uint64_t *damaged_notes);

/* Counts for stats. */
status store_get_stats(store *s, store_stats *out);

/* Wipes and frees a note's body and zeroes the struct. Accepts NULL. */
void store_note_clear(store_note *n);

/* A short fingerprint of the operator's public keys (the one new notes are
 * sealed to, and the one approved notes are signed with): 16 hex digits
 * plus NUL. Printed at init; a kiosk that pins it notices a replaced key
 * before anyone writes or reads a made-up note. */
void store_key_fingerprint(const store *s, char out[17]);

/* Compares the fingerprint with one pinned outside the file (kiosk
 * configuration, the operator's notes): everything the signatures prove
 * rests on the keys being the operator's. Returns STATUS_KEY_REPLACED on a
 * mismatch, STATUS_BAD_ARGUMENT if `expected` is not 16 hex digits. */
status store_expect_fingerprint(store *s, const char *expected);

/* Path the store was opened with (owned by the store). */
const char *store_path(const store *s);

#endif

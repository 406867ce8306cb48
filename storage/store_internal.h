/* store_internal.h — what the store's .c files share, and what tests may
 * reach. Not a public header: only storage/ and tests/ include it. */
#ifndef TREEHOLE_STORE_INTERNAL_H
#define TREEHOLE_STORE_INTERNAL_H

#include <sqlite3.h>

#include "payload.h"
#include "store.h"

/* PRAGMA application_id of every treehole store ("TrHl"): tells our files
 * from other SQLite databases before anything is written to them. */
#define STORE_APPLICATION_ID 0x5472486C
#define STORE_APPLICATION_ID_SQL "0x5472486C"

/* Statements kept prepared per handle (the store runs ~30 distinct ones). */
#define STORE_STMT_CACHE 48

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	int32_t today_override;            /* -1: use the calendar */
	uint8_t pk[VAULT_PK_BYTES];
	uint8_t *sk;                       /* vault_alloc()ed while unlocked, else NULL */
	uint8_t sign_pk[VAULT_SIGN_PK_BYTES]; /* verifies every approved note */
	uint8_t *sign_sk;                  /* vault_alloc()ed while unlocked, else NULL */
	uint32_t feed_epoch;               /* epoch new approvals are encrypted with */
	uint8_t *feed_key;                 /* vault_alloc()ed key of feed_epoch */
	bool scrub_owed;                   /* a WAL truncation after a delete failed */
	uint8_t *scratch;                  /* vault_alloc()ed, PAYLOAD_MAX_PADDED bytes:
	                                      plaintext in flight; wiped after each use */
	struct store_cached {
		char *sql;
		sqlite3_stmt *q;
	} cache[STORE_STMT_CACHE];         /* prepared once, reset after each use */
	size_t ncache;
};

/* Maps an SQLite result code to a status, logging the SQLite message
 * under `what` (never note content). */
status store_sqlite_status(store *s, int rc, const char *what);

/* Runs one SQL statement without results. */
status store_exec(store *s, const char *sql, const char *what);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
status store_begin(store *s);
status store_commit(store *s);
void store_rollback(store *s);

/* Creates an empty file with mode 0600, refusing one that exists. Maps
 * errno to STATUS_EXISTS, STATUS_CANT_OPEN, STATUS_READ_ONLY, … */
status store_create_file(const char *path);

/* Runs `sql` (at most one ?1 parameter, bound to *bind when bind is not
 * NULL) and reads the first column of its first row. Returns
 * STATUS_NOT_FOUND if there is no row. */
status store_query_i64(store *s, const char *sql, const int64_t *bind, int64_t *out);

/* Prepares `sql`, binds the note id to ?1 and steps once. OUT: *q positioned
 * on the row (the caller finalizes it) on STATUS_OK; STATUS_NOT_FOUND (and
 * *q NULL) if there is no such row. */
status store_step_by_id(store *s, const char *sql, const note_id *id, sqlite3_stmt **q);

/* Hands out a prepared statement for `sql`: the handle's cached one if it
 * is idle, else a fresh one. On failure logs and returns the mapped status.
 * Every statement obtained here goes back through store_release(). */
status store_prepare(store *s, const char *sql, sqlite3_stmt **out);

/* Returns a statement from store_prepare(): resets a cached one (ending
 * its read), finalizes any other. Accepts NULL. */
void store_release(store *s, sqlite3_stmt *q);

/* Creates the schema on a new file or migrates an older one forward. */
status store_schema_migrate(store *s);

/* Reads/writes a value of the settings table. */
status store_setting_int(store *s, const char *name, int64_t *out);
status store_setting_set_int(store *s, const char *name, int64_t v);
status store_setting_blob(store *s, const char *name, void *out, size_t len);
status store_setting_set_blob(store *s, const char *name, const void *v, size_t len);

/* Loads pk and the current feed key into the handle. */
status store_load_keys(store *s);

/* Feed key of an epoch (the current one is cached). OUT: key copied into
 * a vault_alloc()ed buffer of VAULT_FEED_KEY_BYTES supplied by the caller. */
status store_feed_key(store *s, uint32_t epoch, uint8_t *key_out);

/* Seals `f` to the operator key and INSERTs it into pending, in the
 * caller's transaction. */
status store_insert_pending(store *s, const payload_fields *f);

/* One side of a note's move between tables. */
typedef status (*store_read_fn)(store *s, const note_id *id, store_note *n);
typedef status (*store_write_fn)(store *s, const store_note *n);

/* Moves a note in one transaction: read (and open) it with `read`, write
 * it to its new table with `write`, then run `delete_sql` (?1 = id). */
status store_move_note(store *s, const note_id *id, store_read_fn read, store_write_fn write,
                       const char *delete_sql);

/* Runs a DELETE by ?1 = id. OUT: *deleted (may be NULL) whether a row went. */
status store_delete_by_id(store *s, const char *sql, const note_id *id, bool *deleted);

/* Opens a sealed box into `n` and checks it matches the row's columns. */
status store_open_sealed(store *s, const note_id *id, int64_t day, int64_t mood, int64_t kind,
                         const uint8_t *box, size_t len, store_note *n);

/* An approved row as read (64-bit columns, so out-of-range values count as
 * damage, not as truncated numbers). */
typedef struct store_feed_row {
	note_id id;
	int64_t day, mood, kind, epoch;
	const uint8_t *ct, *sig;
	size_t ct_len, sig_len;
} store_feed_row;

/* Checks the operator's signature of the row, decrypts its feed
 * ciphertext into `n` and checks it matches the row. */
status store_open_feed(store *s, const store_feed_row *row, store_note *n);

/* The feed round a newly approved note joins: the one in progress, so it
 * is shown within the current round and once only. */
status store_feed_join_round(store *s, int64_t *cycle);

/* Approved notes written on or before day `cut` (visible in the feed). */
status store_visible_count(store *s, int64_t cut, uint64_t *out);

/* Truncates the WAL so deleted content leaves no trace in -wal. */
status store_checkpoint_truncate(store *s);

/* Pays a WAL scrub that some handle (maybe another process) could not
 * finish, as recorded in the file. Cheap when nothing is owed. */
void store_settle_scrub(store *s);

/* After a committed delete: truncates the WAL, or, if another connection
 * keeps it busy, remembers to try again at the next lock or close. The
 * delete itself stands either way, so this never fails the caller. */
void store_scrub_wal(store *s);

/* Log a line to stderr with a tag; the message must never include note
 * content. */
void store_log(const char *tag, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif

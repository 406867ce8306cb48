/* store_internal.h — what the store's .c files share, and what tests may
 * reach. Not a public header: only storage/ and tests/ include it. */
#ifndef TREEHOLE_STORE_INTERNAL_H
#define TREEHOLE_STORE_INTERNAL_H

#include <sqlite3.h>

#include "payload.h"
#include "store.h"

struct store {
	sqlite3 *db;
	char *path;
	bool read_only;
	int32_t today_override;            /* -1: use the calendar */
	uint8_t pk[VAULT_PK_BYTES];
	uint8_t *sk;                       /* vault_alloc()ed while unlocked, else NULL */
	uint32_t feed_epoch;               /* epoch new approvals are encrypted with */
	uint8_t *feed_key;                 /* vault_alloc()ed key of feed_epoch */
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

/* Prepares `sql`; on failure logs and returns the mapped status. */
status store_prepare(store *s, const char *sql, sqlite3_stmt **out);

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

/* Seals a padded payload for `f` to the operator key. OUT: *box and *box_len,
 * malloc()ed, owned by the caller. */
status store_seal_fields(store *s, const payload_fields *f, uint8_t **box, size_t *box_len);

/* Opens a sealed box into `n` and checks it matches the row's columns. */
status store_open_sealed(store *s, const note_id *id, int32_t day, int mood, int kind,
                         const uint8_t *box, size_t len, store_note *n);

/* Decrypts a feed ciphertext into `n` and checks it matches the row. */
status store_open_feed(store *s, const note_id *id, int32_t day, int mood, int kind,
                       uint32_t epoch, const uint8_t *ct, size_t len, store_note *n);

/* Number of approved notes (visible or not). */
status store_get_approved_count(store *s, uint64_t *out);

/* The feed round a newly approved note joins: the one in progress, so it
 * is shown within the current round and once only. */
status store_feed_join_round(store *s, int64_t *cycle);

/* Truncates the WAL so deleted content leaves no trace in -wal. */
status store_checkpoint_truncate(store *s);

/* Log a line to stderr with a tag; the message must never include note
 * content. */
void store_log(const char *tag, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif

/* store_schema.c — the schema, its forward migrations, and the settings
 * table.
 *
 * What is stored, and why nothing more:
 *   pending, approved: a random 16-byte id (WITHOUT ROWID, so storage order
 *     follows the random id, not arrival), the day number, mood and kind,
 *     and the ciphertext. No time, device, or typing data exists anywhere.
 *   approved.cycle/slot: the feed rotation (see store_feed.c); slot is
 *     random, drawn again each time the note is shown.
 *   approved.sig: the operator's Ed25519 signature of the row, since the
 *     feed key alone would let whoever edits the file make up notes.
 *   feed_keys: the AEAD keys of the feed, by epoch.
 *   settings: the operator public keys (box, signing), the wrapped secret key with its
 *     Argon2id salt and costs, and the feed settings. */
#include "store_internal.h"

#include <string.h>

/* migrations[v] takes a file from user_version v to v + 1. Append only. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: the first schema. */
	"PRAGMA application_id = " STORE_APPLICATION_ID_SQL ";"
	"CREATE TABLE settings("
	"  name TEXT PRIMARY KEY NOT NULL,"
	"  value ANY NOT NULL) STRICT, WITHOUT ROWID;"
	"CREATE TABLE feed_keys("
	"  epoch INTEGER PRIMARY KEY NOT NULL CHECK (epoch BETWEEN 1 AND 4294967295),"
	"  key BLOB NOT NULL CHECK (length(key) = 32)) STRICT, WITHOUT ROWID;"
	"CREATE TABLE pending("
	"  id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),"
	"  day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 2147483647),"
	"  mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 255),"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 255),"
	"  box BLOB NOT NULL) STRICT, WITHOUT ROWID;"
	"CREATE TABLE approved("
	"  id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),"
	"  day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 2147483647),"
	"  mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 255),"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 255),"
	"  epoch INTEGER NOT NULL REFERENCES feed_keys(epoch),"
	"  cycle INTEGER NOT NULL,"
	"  slot INTEGER NOT NULL,"
	"  box BLOB NOT NULL,"
	"  sig BLOB NOT NULL CHECK (length(sig) = 64)) STRICT, WITHOUT ROWID;"
	"CREATE INDEX approved_rotation ON approved(cycle, slot, day);"
	"CREATE INDEX approved_by_day ON approved(day);",
};

/* Runs each pending migration; the caller may already hold a transaction
 * (store_create), otherwise each step gets its own. */
status store_schema_migrate(store *s)
{
	bool own_tx = sqlite3_get_autocommit(s->db);
	int64_t v;
	status st;

	if ((st = store_query_i64(s, "PRAGMA user_version", NULL, &v)))
		return st;
	for (; v < STORE_SCHEMA_VERSION; v++) {
		char bump[64];
		if (own_tx && (st = store_begin(s)))
			return st;
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", (int)v + 1);
		if ((st = store_exec(s, migrations[v], "migrate")) ||
		    (st = store_exec(s, bump, "user_version"))) {
			if (own_tx)
				store_rollback(s);
			return st;
		}
		if (own_tx && (st = store_commit(s)))
			return st;
	}
	return STATUS_OK;
}

static status setting_get(store *s, const char *name, sqlite3_stmt **q)
{
	status st = store_prepare(s, "SELECT value FROM settings WHERE name = ?1", q);
	if (st)
		return st;
	sqlite3_bind_text(*q, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(*q);
	if (rc == SQLITE_ROW)
		return STATUS_OK;
	store_release(s, *q);
	*q = NULL;
	return rc == SQLITE_DONE ? STATUS_NOT_FOUND : store_sqlite_status(s, rc, "setting");
}

status store_setting_int(store *s, const char *name, int64_t *out)
{
	sqlite3_stmt *q;
	status st = setting_get(s, name, &q);
	if (st)
		return st;
	if (sqlite3_column_type(q, 0) != SQLITE_INTEGER)
		st = STATUS_DAMAGED_FILE;
	else
		*out = sqlite3_column_int64(q, 0);
	store_release(s, q);
	return st;
}

status store_setting_blob(store *s, const char *name, void *out, size_t len)
{
	sqlite3_stmt *q;
	status st = setting_get(s, name, &q);
	if (st)
		return st;
	if (sqlite3_column_type(q, 0) != SQLITE_BLOB || (size_t)sqlite3_column_bytes(q, 0) != len)
		st = STATUS_DAMAGED_FILE;
	else
		memcpy(out, sqlite3_column_blob(q, 0), len);
	store_release(s, q);
	return st;
}

static status setting_put(store *s, const char *name, sqlite3_stmt **q)
{
	status st = store_prepare(s,
	                          "INSERT INTO settings(name, value) VALUES(?1, ?2) "
	                          "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
	                          q);
	if (!st)
		sqlite3_bind_text(*q, 1, name, -1, SQLITE_STATIC);
	return st;
}

status store_setting_set_int(store *s, const char *name, int64_t v)
{
	sqlite3_stmt *q;
	status st = setting_put(s, name, &q);
	if (st)
		return st;
	sqlite3_bind_int64(q, 2, v);
	st = store_sqlite_status(s, sqlite3_step(q), "set setting");
	store_release(s, q);
	return st;
}

status store_setting_set_blob(store *s, const char *name, const void *v, size_t len)
{
	sqlite3_stmt *q;
	status st = setting_put(s, name, &q);
	if (st)
		return st;
	sqlite3_bind_blob(q, 2, v, (int)len, SQLITE_STATIC);
	st = store_sqlite_status(s, sqlite3_step(q), "set setting");
	store_release(s, q);
	return st;
}

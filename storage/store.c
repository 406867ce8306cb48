/* store.c — opening and closing a store, and the SQLite plumbing that the
 * other store_*.c files share. */
#include "store_internal.h"

#include "day.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char log_tag[] = "store";

void store_log(const char *tag, const char *fmt, ...)
{
	/* Opt-in: command-line tools promise one line on stderr per failure,
	 * and the kiosk routes its own log. Never called with note content. */
	static int enabled = -1;
	if (enabled < 0) {
		const char *e = getenv("TREEHOLE_LOG");
		enabled = e && *e && strcmp(e, "0") != 0;
	}
	if (!enabled)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "treehole[%s]: ", tag);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

status store_sqlite_status(store *s, int rc, const char *what)
{
	int primary = rc & 0xFF;

	if (primary == SQLITE_OK || primary == SQLITE_DONE || primary == SQLITE_ROW)
		return STATUS_OK;
	store_log(log_tag, "%s: %s (%d)", what, s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc),
	          rc);
	if (s && s->db && sqlite3_system_errno(s->db) == ENOSPC)
		return STATUS_DISK_FULL;
	switch (primary) {
	case SQLITE_FULL: return STATUS_DISK_FULL;
	case SQLITE_READONLY:
	case SQLITE_PERM: return STATUS_READ_ONLY;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return STATUS_BUSY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return STATUS_DAMAGED_FILE;
	case SQLITE_NOMEM: return STATUS_NO_MEMORY;
	case SQLITE_IOERR: return rc == SQLITE_IOERR_NOMEM ? STATUS_NO_MEMORY : STATUS_IO;
	case SQLITE_CANTOPEN: return STATUS_CANT_OPEN;
	default: return STATUS_INTERNAL;
	}
}

status store_exec(store *s, const char *sql, const char *what)
{
	return store_sqlite_status(s, sqlite3_exec(s->db, sql, NULL, NULL, NULL), what);
}

static status step_once(store *s, const char *sql, const char *what);

status store_begin(store *s)
{
	if (s->read_only)
		return STATUS_READ_ONLY;
	return step_once(s, "BEGIN IMMEDIATE", "begin");
}

status store_commit(store *s)
{
	status st = step_once(s, "COMMIT", "commit");
	if (st)
		store_rollback(s);
	return st;
}

void store_rollback(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

status store_prepare(store *s, const char *sql, sqlite3_stmt **out)
{
	size_t i;
	int rc;

	for (i = 0; i < s->ncache; i++)
		if (strcmp(s->cache[i].sql, sql) == 0)
			break;
	if (i < s->ncache && !sqlite3_stmt_busy(s->cache[i].q)) {
		*out = s->cache[i].q;
		return STATUS_OK;
	}
	bool keep = i == s->ncache && s->ncache < STORE_STMT_CACHE;
	rc = sqlite3_prepare_v3(s->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, out, NULL);
	if (rc != SQLITE_OK)
		return store_sqlite_status(s, rc, "prepare");
	char *copy = keep ? strdup(sql) : NULL;
	if (copy) {
		s->cache[s->ncache].sql = copy;
		s->cache[s->ncache++].q = *out;
	}
	return STATUS_OK;
}

void store_release(store *s, sqlite3_stmt *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < s->ncache; i++) {
		if (s->cache[i].q == q) {
			sqlite3_reset(q);
			sqlite3_clear_bindings(q);
			return;
		}
	}
	sqlite3_finalize(q);
}

/* Steps a one-statement command through the cache (BEGIN, COMMIT…). */
static status step_once(store *s, const char *sql, const char *what)
{
	sqlite3_stmt *q;
	status st = store_prepare(s, sql, &q);
	if (st)
		return st;
	st = store_sqlite_status(s, sqlite3_step(q), what);
	store_release(s, q);
	return st;
}

status store_create_file(const char *path)
{
	/* O_EXCL: never overwrite, even a file that appears meanwhile. Owner
	 * only: the file holds the feed key and the day/mood counts, and SQLite
	 * gives -wal and -shm the same mode as the database. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		switch (errno) {
		case EEXIST: return STATUS_EXISTS;
		case EROFS: return STATUS_READ_ONLY;
		case ENOSPC:
		case EDQUOT: return STATUS_DISK_FULL;
		case ENOMEM: return STATUS_NO_MEMORY;
		default: return STATUS_CANT_OPEN;
		}
	}
	close(fd);
	return STATUS_OK;
}

status store_query_i64(store *s, const char *sql, const int64_t *bind, int64_t *out)
{
	sqlite3_stmt *q;
	status st = store_prepare(s, sql, &q);
	if (st)
		return st;
	if (bind)
		sqlite3_bind_int64(q, 1, *bind);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(q, 0);
	else
		st = rc == SQLITE_DONE ? STATUS_NOT_FOUND : store_sqlite_status(s, rc, sql);
	store_release(s, q);
	return st;
}

status store_step_by_id(store *s, const char *sql, const note_id *id, sqlite3_stmt **q)
{
	status st = store_prepare(s, sql, q);
	if (st)
		return st;
	sqlite3_bind_blob(*q, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	int rc = sqlite3_step(*q);
	if (rc == SQLITE_ROW)
		return STATUS_OK;
	st = rc == SQLITE_DONE ? STATUS_NOT_FOUND : store_sqlite_status(s, rc, "find note");
	store_release(s, *q);
	*q = NULL;
	return st;
}

status store_delete_by_id(store *s, const char *sql, const note_id *id, bool *deleted)
{
	sqlite3_stmt *q;
	status st = store_prepare(s, sql, &q);
	if (st)
		return st;
	sqlite3_bind_blob(q, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	st = store_sqlite_status(s, sqlite3_step(q), "delete");
	if (deleted)
		*deleted = sqlite3_changes(s->db) > 0;
	store_release(s, q);
	return st;
}

status store_checkpoint_truncate(store *s)
{
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return store_sqlite_status(s, rc, "checkpoint");
}

void store_scrub_wal(store *s)
{
	status st = store_checkpoint_truncate(s);
	bool owed = st != STATUS_OK;

	if (owed)
		store_log(log_tag, "WAL truncation deferred: %s", status_name(st));
	/* Written to the file so another process (the kiosk) pays the debt
	 * too; the flag's own write is removed by the next truncation. */
	if (owed != s->scrub_owed && !s->read_only)
		store_setting_set_int(s, "scrub_owed", owed);
	s->scrub_owed = owed;
	if (!owed)
		store_checkpoint_truncate(s);
}

void store_settle_scrub(store *s)
{
	int64_t owed = 0;
	if (!s->read_only && store_setting_int(s, "scrub_owed", &owed) == STATUS_OK && owed) {
		s->scrub_owed = true;
		store_scrub_wal(s);
	}
}

/* Applies the pragmas every connection needs. journal_mode is persistent
 * in the file; the others hold per connection. */
static status apply_pragmas(store *s)
{
	status st = store_exec(s,
	                       "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
	                       "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;",
	                       "pragmas");
	if (st || s->read_only)
		return st;
	return store_exec(s, "PRAGMA journal_mode=WAL", "journal_mode");
}

static store *store_alloc(const char *path, bool read_only)
{
	store *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->path = strdup(path);
	s->feed_key = vault_alloc(VAULT_FEED_KEY_BYTES);
	s->scratch = vault_alloc(PAYLOAD_MAX_PADDED);
	if (!s->path || !s->feed_key || !s->scratch) {
		free(s->path);
		vault_free(s->feed_key);
		vault_free(s->scratch);
		free(s);
		return NULL;
	}
	s->read_only = read_only;
	s->today_override = -1;
	return s;
}

/* Opens the SQLite connection. `create` allows a new file. */
static status connect(store *s, bool create)
{
	int flags = s->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(s->path, &s->db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK)
		return store_sqlite_status(s, rc, "open");
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_DEFAULT_BUSY_MS);
	return STATUS_OK;
}

static status read_user_version(store *s, int *version)
{
	int64_t v = 0;
	status st = store_query_i64(s, "PRAGMA user_version", NULL, &v);
	*version = (int)v;
	return st;
}

/* Refuses other programs' databases before anything is written to them. */
static status check_application_id(store *s)
{
	int64_t id = 0;
	status st = store_query_i64(s, "PRAGMA application_id", NULL, &id);
	if (st)
		return st;
	if (id != STORE_APPLICATION_ID) {
		store_log(log_tag, "not a treehole store (application_id %lld)", (long long)id);
		return STATUS_DAMAGED_FILE;
	}
	return STATUS_OK;
}

status store_open(const char *path, unsigned flags, store **out)
{
	struct stat sb;
	int version = 0;
	status st;

	*out = NULL;
	if (!path)
		return STATUS_BAD_ARGUMENT;
	if ((st = vault_init()))
		return st;
	if (stat(path, &sb) != 0)
		return errno == ENOENT ? STATUS_NO_STORE : STATUS_IO;
	store *s = store_alloc(path, flags & STORE_OPEN_READ_ONLY);
	if (!s)
		return STATUS_NO_MEMORY;
	if ((st = connect(s, false)) || (st = check_application_id(s)) ||
	    (st = read_user_version(s, &version)))
		goto err;
	if (version > STORE_SCHEMA_VERSION) {
		store_log(log_tag, "file schema %d is newer than %d", version, STORE_SCHEMA_VERSION);
		st = STATUS_NEWER_VERSION;
		goto err;
	}
	if (version < 1) {
		store_log(log_tag, "store without schema (user_version %d)", version);
		st = STATUS_DAMAGED_FILE;
		goto err;
	}
	if ((st = apply_pragmas(s)))
		goto err;
	if (!s->read_only && version < STORE_SCHEMA_VERSION && (st = store_schema_migrate(s)))
		goto err;
	if ((st = store_load_keys(s)))
		goto err;
	store_settle_scrub(s);
	*out = s;
	return STATUS_OK;
err:
	store_close(s);
	return st;
}

/* Makes the new store's contents: keys, settings. Runs in one transaction
 * with the schema, so a failure leaves an empty file we then remove. */
static status create_keys(store *s, const char *pass, size_t pass_len, const store_create_opts *o);

status store_create(const char *path, const char *pass, size_t pass_len,
                    const store_create_opts *opts, store **out)
{
	store_create_opts o = opts ? *opts : (store_create_opts){STORE_DEFAULT_FEED_DELAY_DAYS, {0, 0}};
	status st;

	*out = NULL;
	if (!path || !pass || pass_len == 0 || pass_len > STORE_MAX_PASSPHRASE_BYTES ||
	    o.feed_delay_days < 0 || o.feed_delay_days > STORE_MAX_FEED_DELAY_DAYS)
		return STATUS_BAD_ARGUMENT;
	if (o.kdf.opslimit == 0 && o.kdf.memlimit == 0)
		o.kdf = vault_kdf_moderate();
	if (!vault_kdf_valid(o.kdf))
		return STATUS_BAD_ARGUMENT;
	if ((st = vault_init()))
		return st;
	if ((st = store_create_file(path)))
		return st;
	store *s = store_alloc(path, false);
	if (!s)
		return STATUS_NO_MEMORY;
	if ((st = connect(s, true)) || (st = apply_pragmas(s)))
		goto err;
	if ((st = store_begin(s)))
		goto err;
	if ((st = store_schema_migrate(s)) || (st = create_keys(s, pass, pass_len, &o)) ||
	    (st = store_commit(s)))
		goto err;
	if ((st = store_load_keys(s)))
		goto err;
	*out = s;
	return STATUS_OK;
err:
	store_rollback(s);
	store_close(s);
	/* Leave nothing half-made behind. */
	char side[4096];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return st;
}

static status create_keys(store *s, const char *pass, size_t pass_len, const store_create_opts *o)
{
	uint8_t pk[VAULT_PK_BYTES], salt[VAULT_SALT_BYTES], wrapped[VAULT_WRAPPED_BYTES];
	uint8_t sign_pk[VAULT_SIGN_PK_BYTES];
	uint8_t *sk = vault_alloc(VAULT_SK_BYTES);
	uint8_t *sign_sk = vault_alloc(VAULT_SIGN_SK_BYTES);
	uint8_t *feed = vault_alloc(VAULT_FEED_KEY_BYTES);
	status st = STATUS_NO_MEMORY;

	if (!sk || !sign_sk || !feed)
		goto out;
	if ((st = vault_keypair(pk, sk)) || (st = vault_sign_keypair(sk, sign_pk, sign_sk)) ||
	    (st = vault_wrap_key(pass, pass_len, o->kdf, pk, sk, salt, wrapped)))
		goto out;
	vault_random(feed, VAULT_FEED_KEY_BYTES);
	sqlite3_stmt *q;
	if ((st = store_prepare(s, "INSERT INTO feed_keys(epoch, key) VALUES(1, ?1)", &q)))
		goto out;
	sqlite3_bind_blob(q, 1, feed, VAULT_FEED_KEY_BYTES, SQLITE_STATIC);
	st = store_sqlite_status(s, sqlite3_step(q), "insert feed key");
	store_release(s, q);
	if (st || (st = store_setting_set_blob(s, "operator_pk", pk, sizeof pk)) ||
	    (st = store_setting_set_blob(s, "operator_sign_pk", sign_pk, sizeof sign_pk)) ||
	    (st = store_setting_set_blob(s, "operator_sk_wrapped", wrapped, sizeof wrapped)) ||
	    (st = store_setting_set_blob(s, "kdf_salt", salt, sizeof salt)) ||
	    (st = store_setting_set_int(s, "kdf_opslimit", (int64_t)o->kdf.opslimit)) ||
	    (st = store_setting_set_int(s, "kdf_memlimit", (int64_t)o->kdf.memlimit)) ||
	    (st = store_setting_set_int(s, "feed_epoch", 1)) ||
	    (st = store_setting_set_int(s, "feed_round", 0)) ||
	    (st = store_setting_set_int(s, "feed_delay_days", o->feed_delay_days)))
		goto out;
out:
	vault_free(sk);
	vault_free(sign_sk);
	vault_free(feed);
	return st;
}

status store_load_keys(store *s)
{
	int64_t epoch;
	status st;

	if ((st = store_setting_blob(s, "operator_pk", s->pk, sizeof s->pk)) ||
	    (st = store_setting_blob(s, "operator_sign_pk", s->sign_pk, sizeof s->sign_pk)) ||
	    (st = store_setting_int(s, "feed_epoch", &epoch)))
		return st == STATUS_NOT_FOUND ? STATUS_DAMAGED_FILE : st;
	if (epoch < 1 || epoch > UINT32_MAX)
		return STATUS_DAMAGED_FILE;
	s->feed_epoch = (uint32_t)epoch;
	st = store_feed_key(s, s->feed_epoch, s->feed_key);
	return st == STATUS_NOT_FOUND ? STATUS_DAMAGED_FILE : st;
}

status store_feed_key(store *s, uint32_t epoch, uint8_t *key_out)
{
	sqlite3_stmt *q;
	status st = store_prepare(s, "SELECT key FROM feed_keys WHERE epoch = ?1", &q);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, epoch);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) == VAULT_FEED_KEY_BYTES)
		memcpy(key_out, sqlite3_column_blob(q, 0), VAULT_FEED_KEY_BYTES);
	else
		st = rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_NOT_FOUND
		                                           : store_sqlite_status(s, rc, "feed key");
	store_release(s, q);
	return st;
}

void store_close(store *s)
{
	if (!s)
		return;
	store_lock(s);
	vault_free(s->feed_key);
	vault_free(s->scratch);
	for (size_t i = 0; i < s->ncache; i++) {
		sqlite3_finalize(s->cache[i].q);
		free(s->cache[i].sql);
	}
	if (s->db)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

void store_set_busy_timeout(store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms < 0 ? 0 : ms);
}

void store_set_today(store *s, int32_t day)
{
	s->today_override = day < 0 ? -1 : day;
}

int32_t store_today(const store *s)
{
	return s->today_override >= 0 ? s->today_override : day_today();
}

void store_key_fingerprint(const store *s, char out[17])
{
	vault_fingerprint(s->pk, s->sign_pk, out);
}

status store_expect_fingerprint(store *s, const char *expected)
{
	char have[17];

	if (!expected || strlen(expected) != 16)
		return STATUS_BAD_ARGUMENT;
	store_key_fingerprint(s, have);
	for (int i = 0; i < 16; i++)
		if (have[i] != (expected[i] >= 'A' && expected[i] <= 'F' ? expected[i] + 32 : expected[i]))
			return STATUS_KEY_REPLACED;
	return STATUS_OK;
}

const char *store_path(const store *s)
{
	return s->path;
}

void store_note_clear(store_note *n)
{
	if (!n)
		return;
	vault_free(n->body);
	memset(n, 0, sizeof *n);
}

/* store_maint.c — settings, purge, backup, integrity check, stats. */
#include "store_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char log_tag[] = "maint";

status store_feed_delay(store *s, int *days)
{
	int64_t v;
	status st = store_setting_int(s, "feed_delay_days", &v);

	if (st == STATUS_NOT_FOUND)
		return STATUS_DAMAGED_FILE;
	if (st)
		return st;
	if (v < 0 || v > STORE_MAX_FEED_DELAY_DAYS)
		return STATUS_DAMAGED_FILE;
	*days = (int)v;
	return STATUS_OK;
}

status store_set_feed_delay(store *s, int days)
{
	status st;

	if (days < 0 || days > STORE_MAX_FEED_DELAY_DAYS)
		return STATUS_BAD_ARGUMENT;
	if ((st = store_begin(s)))
		return st;
	if ((st = store_setting_set_int(s, "feed_delay_days", days))) {
		store_rollback(s);
		return st;
	}
	return store_commit(s);
}

static status approved_count(store *s, uint64_t *out)
{
	int64_t n = 0;
	status st = store_query_i64(s, "SELECT count(*) FROM approved", NULL, &n);
	*out = (uint64_t)n;
	return st;
}

/* Deletes rows older than `cut` from one table; adds to *removed. */
static status purge_table(store *s, const char *sql, int64_t cut, uint64_t *removed)
{
	sqlite3_stmt *q;
	status st = store_prepare(s, sql, &q);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, cut);
	st = store_sqlite_status(s, sqlite3_step(q), "purge");
	if (!st && removed)
		*removed += (uint64_t)sqlite3_changes(s->db);
	store_release(s, q);
	return st;
}

status store_purge(store *s, int max_age_days, uint64_t *removed)
{
	int64_t cut = (int64_t)store_today(s) - max_age_days;
	uint64_t n = 0;
	status st;

	if (max_age_days < 0)
		return STATUS_BAD_ARGUMENT;
	if ((st = store_begin(s)))
		return st;
	if ((st = purge_table(s, "DELETE FROM pending WHERE day < ?1", cut, &n)) ||
	    (st = purge_table(s, "DELETE FROM approved WHERE day < ?1", cut, &n))) {
		store_rollback(s);
		return st;
	}
	if ((st = store_commit(s)))
		return st;
	if (removed)
		*removed = n;
	store_scrub_wal(s);
	return STATUS_OK;
}

/* VACUUM builds the new file in a temporary database. Keep it beside the
 * store, on the same disk, not in /var/tmp where a copy of every
 * ciphertext and key would be left in freed blocks of another disk. (The
 * pragma is process-wide and deprecated but still honoured by SQLite.) */
static status vacuum_beside(sqlite3 *db, const char *path)
{
	char *dir = strdup(path), *slash, *sql;
	int rc;

	if (!dir)
		return STATUS_NO_MEMORY;
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	sql = sqlite3_mprintf("PRAGMA temp_store_directory = %Q; VACUUM;", slash ? dir : ".");
	free(dir);
	if (!sql)
		return STATUS_NO_MEMORY;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	sqlite3_exec(db, "PRAGMA temp_store_directory = ''", NULL, NULL, NULL);
	return store_sqlite_status(NULL, rc, "vacuum");
}

status store_backup(store *s, const char *dest_path)
{
	sqlite3 *dest = NULL;
	status st;

	if (!dest_path)
		return STATUS_BAD_ARGUMENT;
	if ((st = store_create_file(dest_path)))
		return st;
	int rc = sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dest, "main", s->db, "main");
		if (b) {
			/* All pages in one step: the copy is one consistent snapshot. */
			rc = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		} else {
			rc = sqlite3_errcode(dest);
		}
	}
	if (rc != SQLITE_OK)
		store_log(log_tag, "backup: %s", dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
	st = store_sqlite_status(NULL, rc, "backup");
	/* The page copy keeps the live file's layout, in which the order pages
	 * were allocated follows the order notes arrived; VACUUM rewrites the
	 * copy in key (random id) order. */
	if (rc == SQLITE_OK && !(st = store_sqlite_status(NULL, sqlite3_exec(dest,
	                                                     "PRAGMA secure_delete=ON", NULL, NULL, NULL),
	                                                     "backup pragma")))
		st = vacuum_beside(dest, dest_path);
	if (!st)
		st = store_sqlite_status(NULL, sqlite3_exec(dest, "PRAGMA wal_checkpoint(TRUNCATE)", NULL,
		                                            NULL, NULL),
		                         "backup checkpoint");
	sqlite3_close_v2(dest);
	if (st)
		unlink(dest_path);
	return st;
}

status store_tidy(store *s)
{
	if (s->read_only)
		return STATUS_READ_ONLY;
	status st = vacuum_beside(s->db, s->path);
	/* even after a failed VACUUM: what it wrote to -wal goes too */
	store_scrub_wal(s);
	return st;
}

static bool count_damage(const store_note *n, void *ctx)
{
	if (n->damage)
		(*(uint64_t *)ctx)++;
	return true;
}

static status integrity(store *s)
{
	sqlite3_stmt *q;
	status st = store_prepare(s, "PRAGMA integrity_check", &q);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	const char *first = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : NULL;
	if (rc == SQLITE_ROW && first && strcmp(first, "ok") != 0) {
		store_log(log_tag, "integrity_check: %s", first);
		st = STATUS_DAMAGED_FILE;
	} else if (rc != SQLITE_ROW) {
		st = store_sqlite_status(s, rc, "integrity_check");
	}
	store_release(s, q);
	return st;
}

status store_check(store *s, uint64_t *damaged_notes)
{
	uint64_t damaged = 0;
	status st;

	if ((st = integrity(s)))
		return st;
	if ((st = store_export_each(s, count_damage, &damaged)))
		return st;
	if (s->sk && (st = store_pending_each(s, count_damage, &damaged)))
		return st;
	if (damaged_notes)
		*damaged_notes = damaged;
	return STATUS_OK;
}

static status day_range(store *s, int32_t *oldest, int32_t *newest)
{
	sqlite3_stmt *q;
	status st = store_prepare(s,
	                          "SELECT min(d), max(d) FROM (SELECT min(day) AS d FROM pending UNION ALL "
	                          "SELECT max(day) FROM pending UNION ALL SELECT min(day) FROM approved "
	                          "UNION ALL SELECT max(day) FROM approved)",
	                          &q);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	bool any = rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL;
	*oldest = any ? sqlite3_column_int(q, 0) : -1;
	*newest = any ? sqlite3_column_int(q, 1) : -1;
	store_release(s, q);
	return rc == SQLITE_ROW ? STATUS_OK : store_sqlite_status(s, rc, "day range");
}

status store_get_stats(store *s, store_stats *out)
{
	int64_t ops = 0, mem = 0;
	int64_t cut;
	status st;

	memset(out, 0, sizeof *out);
	out->schema_version = STORE_SCHEMA_VERSION;
	if ((st = store_feed_delay(s, &out->feed_delay_days)) ||
	    (st = store_pending_count(s, &out->pending)) ||
	    (st = approved_count(s, &out->approved)))
		return st;
	cut = (int64_t)store_today(s) - out->feed_delay_days;
	if ((st = store_visible_count(s, cut, &out->approved_visible)) ||
	    (st = day_range(s, &out->oldest_day, &out->newest_day)) ||
	    (st = store_setting_int(s, "kdf_opslimit", &ops)) ||
	    (st = store_setting_int(s, "kdf_memlimit", &mem)))
		return st;
	store_key_fingerprint(s, out->key_fingerprint);
	out->kdf.opslimit = (unsigned long long)ops;
	out->kdf.memlimit = (size_t)mem;
	return STATUS_OK;
}

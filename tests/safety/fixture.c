/* fixture.c — shared helpers of the safety tests (see fixture.h). */
#include "fixture.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "day.h"

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

/* Folders made by fx_tmpdir and not yet removed. A failed assertion
 * leaves its test early; the exit handler still removes them. */
#define MAX_LIVE_DIRS 64
static char *live_dirs[MAX_LIVE_DIRS];

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = fx_path(dir, e->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	if (rmdir(dir) != 0)
		fprintf(stderr, "fixture: could not remove %s: %s\n", dir, strerror(errno));
}

static void remove_live_dirs(void)
{
	for (size_t i = 0; i < MAX_LIVE_DIRS; i++) {
		if (live_dirs[i]) {
			remove_tree(live_dirs[i]);
			free(live_dirs[i]);
			live_dirs[i] = NULL;
		}
	}
}

static void track_dir(const char *dir, bool live)
{
	static bool registered;

	if (!registered)
		registered = atexit(remove_live_dirs) == 0;
	for (size_t i = 0; i < MAX_LIVE_DIRS; i++) {
		if (live && !live_dirs[i]) {
			live_dirs[i] = xstrdup(dir);
			return;
		}
		if (!live && live_dirs[i] && strcmp(live_dirs[i], dir) == 0) {
			free(live_dirs[i]);
			live_dirs[i] = NULL;
			return;
		}
	}
}

char *fx_tmpdir(bool prefer_shm)
{
	const char *base = getenv("TMPDIR");
	struct stat st;
	char *tmpl;

	if (!base || !*base)
		base = "/tmp";
	if (prefer_shm && stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
	    access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	tmpl = fx_path(base, "treehole-safety-XXXXXX");
	if (!mkdtemp(tmpl)) {
		fprintf(stderr, "mkdtemp %s: %s\n", tmpl, strerror(errno));
		free(tmpl);
		fail();
	}
	track_dir(tmpl, true);
	return tmpl;
}

void fx_rmdir(char *dir)
{
	if (!dir)
		return;
	track_dir(dir, false);
	remove_tree(dir);
	free(dir);
}

char *fx_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + 1 + strlen(name) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *fx_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s%s", path, suffix);
	return p;
}

/* The day every fixture handle uses as today, read once per process, so a
 * test that runs across midnight does not see two days. */
static int32_t fixed_today(void)
{
	static int32_t day = -1;

	if (day < 0)
		day = day_today();
	return day;
}

store *fx_create_store(const char *path, int feed_delay_days)
{
	store_create_opts opts = {0};
	store *s = NULL;

	opts.feed_delay_days = feed_delay_days;
	opts.kdf = vault_kdf_test_only();
	status st = store_create(path, FX_PASS, FX_PASS_LEN, &opts, &s);
	if (st)
		fprintf(stderr, "store_create: %s\n", status_name(st));
	assert_int_equal(st, STATUS_OK);
	assert_non_null(s);
	store_set_today(s, fixed_today());
	return s;
}

store *fx_open_store(const char *path)
{
	store *s = NULL;
	status st = store_open(path, STORE_OPEN_READ_WRITE, &s);

	if (st)
		fprintf(stderr, "store_open: %s\n", status_name(st));
	assert_int_equal(st, STATUS_OK);
	assert_non_null(s);
	store_set_today(s, fixed_today());
	return s;
}

note_id fx_submit(store *s, note_mood mood, const char *text)
{
	note_id id;
	status st = store_submit_text(s, mood, text, strlen(text), &id);

	if (st)
		fprintf(stderr, "store_submit_text: %s\n", status_name(st));
	assert_int_equal(st, STATUS_OK);
	return id;
}

uint8_t *fx_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *buf;

	*len = 0;
	if (!f)
		return NULL;
	assert_int_equal(fstat(fileno(f), &st), 0);
	if (st.st_size == 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)st.st_size);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	return buf;
}

void fx_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

bool fx_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

const uint8_t *fx_memfind(const uint8_t *hay, size_t hay_len, const void *needle, size_t len)
{
	const uint8_t *n = needle;
	const uint8_t *p = hay, *end;

	if (len == 0)
		return hay;
	if (!hay || hay_len < len)
		return NULL;
	end = hay + hay_len - len;
	while (p <= end) {
		p = memchr(p, n[0], (size_t)(end - p) + 1);
		if (!p)
			return NULL;
		if (memcmp(p, n, len) == 0)
			return p;
		p++;
	}
	return NULL;
}

bool fx_find_windows(const uint8_t *hay, size_t hay_len, const void *needle, size_t len,
                     size_t win, size_t stride)
{
	const uint8_t *n = needle;

	if (len <= win)
		return fx_memfind(hay, hay_len, n, len) != NULL;
	for (size_t off = 0; off + win <= len; off += stride)
		if (fx_memfind(hay, hay_len, n + off, win))
			return true;
	/* The tail window, so the last bytes are covered whatever the stride. */
	return fx_memfind(hay, hay_len, n + len - win, win) != NULL;
}

const char *fx_store_files_find(const char *db_path, const void *needle, size_t len,
                                size_t win, size_t stride)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	static const char *const names[] = {"db", "-wal", "-shm"};

	for (size_t i = 0; i < 3; i++) {
		char *p = fx_suffix(db_path, suffixes[i]);
		size_t flen;
		uint8_t *bytes = fx_read_file(p, &flen);
		bool found = fx_find_windows(bytes, flen, needle, len, win, stride);
		free(bytes);
		free(p);
		if (found)
			return names[i];
	}
	return NULL;
}

sqlite3 *fx_sql_open(const char *path)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc != SQLITE_OK)
		fprintf(stderr, "sqlite3_open_v2 %s: %s\n", path, sqlite3_errstr(rc));
	assert_int_equal(rc, SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

void fx_sql_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		fprintf(stderr, "sql `%s`: %s\n", sql, err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	assert_int_equal(rc, SQLITE_OK);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		fprintf(stderr, "prepare `%s`: %s\n", sql, sqlite3_errmsg(db));
	assert_int_equal(rc, SQLITE_OK);
	return stmt;
}

int64_t fx_sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = prepare(db, sql);
	int rc = sqlite3_step(stmt);
	int64_t v = 0;

	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		fprintf(stderr, "step `%s`: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	assert_true(rc == SQLITE_ROW || rc == SQLITE_DONE);
	return v;
}

char *fx_sql_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = prepare(db, sql);
	int rc = sqlite3_step(stmt);
	char *v = NULL;

	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fprintf(stderr, "step `%s`: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	assert_true(rc == SQLITE_ROW || rc == SQLITE_DONE);
	return v;
}

uint8_t *fx_sql_blob_by_id(sqlite3 *db, const char *table, const char *column,
                           const note_id *id, size_t *len)
{
	char sql[256];
	sqlite3_stmt *stmt;
	uint8_t *out;

	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", column, table);
	stmt = prepare(db, sql);
	sqlite3_bind_blob(stmt, 1, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	*len = (size_t)sqlite3_column_bytes(stmt, 0);
	assert_true(*len > 0);
	out = malloc(*len);
	assert_non_null(out);
	memcpy(out, sqlite3_column_blob(stmt, 0), *len);
	sqlite3_finalize(stmt);
	return out;
}

void fx_sql_set_blob_by_id(sqlite3 *db, const char *table, const char *column,
                           const note_id *id, const void *blob, size_t len)
{
	char sql[256];
	sqlite3_stmt *stmt;

	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1 WHERE id = ?2", table, column);
	stmt = prepare(db, sql);
	sqlite3_bind_blob(stmt, 1, blob, (int)len, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 2, id->b, NOTE_ID_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_changes(db), 1);
}

void fx_assert_integrity(const char *db_path)
{
	sqlite3 *db = fx_sql_open(db_path);
	char *res = fx_sql_text(db, "PRAGMA integrity_check");

	if (!res || strcmp(res, "ok") != 0)
		fprintf(stderr, "integrity_check: %s\n", res ? res : "(no row)");
	assert_non_null(res);
	assert_string_equal(res, "ok");
	free(res);
	sqlite3_close(db);
}

uint64_t fx_pending_count(store *s)
{
	uint64_t n = 0;

	assert_int_equal(store_pending_count(s, &n), STATUS_OK);
	return n;
}

bool fx_collect(const store_note *note, void *ctx)
{
	fx_notes *ns = ctx;
	fx_note *n;

	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 64;
		ns->v = realloc(ns->v, ns->cap * sizeof *ns->v);
		assert_non_null(ns->v);
	}
	n = &ns->v[ns->n++];
	memset(n, 0, sizeof *n);
	n->id = note->id;
	n->day = note->day;
	n->mood = note->mood;
	n->kind = note->kind;
	n->damage = note->damage;
	if (note->body) {
		n->text = malloc(note->body_len + 1);
		assert_non_null(n->text);
		memcpy(n->text, note->body, note->body_len);
		n->text[note->body_len] = '\0';
		n->len = note->body_len;
	}
	return true;
}

void fx_notes_free(fx_notes *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i].text);
	free(ns->v);
	memset(ns, 0, sizeof *ns);
}

const fx_note *fx_notes_find(const fx_notes *ns, const note_id *id)
{
	for (size_t i = 0; i < ns->n; i++)
		if (memcmp(ns->v[i].id.b, id->b, NOTE_ID_BYTES) == 0)
			return &ns->v[i];
	return NULL;
}

static int id_cmp(const note_id *a, const note_id *b)
{
	return memcmp(a->b, b->b, NOTE_ID_BYTES);
}

/* qsort over an array of indices into a shared id array. */
static const note_id *sort_ids_;

static int idx_cmp(const void *a, const void *b)
{
	return id_cmp(&sort_ids_[*(const size_t *)a], &sort_ids_[*(const size_t *)b]);
}

void fx_id_index_init(fx_id_index *ix, const note_id *ids, size_t n)
{
	ix->n = n;
	ix->sorted = malloc((n ? n : 1) * sizeof *ix->sorted);
	ix->pos = malloc((n ? n : 1) * sizeof *ix->pos);
	assert_non_null(ix->sorted);
	assert_non_null(ix->pos);
	for (size_t i = 0; i < n; i++)
		ix->pos[i] = i;
	sort_ids_ = ids;
	qsort(ix->pos, n, sizeof *ix->pos, idx_cmp);
	sort_ids_ = NULL;
	for (size_t i = 0; i < n; i++) {
		ix->sorted[i] = ids[ix->pos[i]];
		/* Random 128-bit ids never collide; equal ids mean a broken RNG. */
		if (i > 0)
			assert_true(id_cmp(&ix->sorted[i - 1], &ix->sorted[i]) < 0);
	}
}

void fx_id_index_free(fx_id_index *ix)
{
	free(ix->sorted);
	free(ix->pos);
	ix->sorted = NULL;
	ix->pos = NULL;
	ix->n = 0;
}

size_t fx_id_index_find(const fx_id_index *ix, const note_id *id)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = id_cmp(&ix->sorted[mid], id);
		if (c == 0)
			return ix->pos[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

double fx_spearman(const size_t *ranks, size_t n)
{
	double sum = 0, dn = (double)n;

	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		double d = (double)i - (double)ranks[i];
		sum += d * d;
	}
	return 1.0 - 6.0 * sum / (dn * (dn * dn - 1.0));
}

size_t fx_random_cjk(char *out, size_t cap, size_t chars)
{
	size_t len = 0;

	assert_true(cap >= 3 * chars + 1);
	for (size_t i = 0; i < chars; i++) {
		uint32_t cp = 0x4E00 + randombytes_uniform(0x9FA5 - 0x4E00 + 1);
		out[len++] = (char)(0xE0 | (cp >> 12));
		out[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[len++] = (char)(0x80 | (cp & 0x3F));
	}
	out[len] = '\0';
	return len;
}

double fx_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool fx_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

int fx_group_setup(void **state)
{
	(void)state;
	return vault_init() == STATUS_OK ? 0 : -1;
}

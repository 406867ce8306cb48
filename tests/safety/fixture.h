/* fixture.h — shared helpers of the safety tests: private temporary
 * folders, stores created with the test-only KDF, raw SQLite access to a
 * store file, reading files whole, byte search and rank correlation.
 *
 * Every helper that can fail aborts the test through cmocka's assertions,
 * so a test body reads as a list of properties. Must be included after
 * <setjmp.h>, <stdarg.h> and <stddef.h> as cmocka requires; fixture.h does
 * that itself. */
#ifndef TREEHOLE_TESTS_SAFETY_FIXTURE_H
#define TREEHOLE_TESTS_SAFETY_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store.h"

/* The operator passphrase of every fixture store. */
#define FX_PASS "correct horse battery staple"
#define FX_PASS_LEN (sizeof FX_PASS - 1)

/* A cmocka group setup that initialises libsodium (vault_init). */
int fx_group_setup(void **state);

/* Makes a fresh private folder (mkdtemp) under $TMPDIR or /tmp, or under
 * /dev/shm when `prefer_shm` and /dev/shm exists (cheap fsync for tests
 * that commit thousands of times). Returns a malloc()ed path. A folder not
 * removed with fx_rmdir (a test failed half-way) is removed at exit. */
char *fx_tmpdir(bool prefer_shm);

/* Removes every file in `dir` (flat, no sub-folders), then the folder, and
 * frees the path. Accepts NULL. */
void fx_rmdir(char *dir);

/* Returns malloc()ed "dir/name". */
char *fx_path(const char *dir, const char *name);

/* Returns malloc()ed "path" + "suffix" (for "-wal", "-shm"). */
char *fx_suffix(const char *path, const char *suffix);

/* Creates a store at `path` with the test KDF and FX_PASS. The handle is
 * locked, as after store_create. Fixture handles share one "today" per
 * process (store_set_today), so a run across midnight sees one day. */
store *fx_create_store(const char *path, int feed_delay_days);

/* Opens a store read-write, with the fixture's today; fails the test
 * otherwise. */
store *fx_open_store(const char *path);

/* Submits a NUL-terminated text and returns its id; fails the test unless
 * the store said STATUS_OK. */
note_id fx_submit(store *s, note_mood mood, const char *text);

/* Reads a whole file. Returns malloc()ed bytes (NULL and *len 0 if the
 * file does not exist or is empty). */
uint8_t *fx_read_file(const char *path, size_t *len);

/* Writes `len` bytes to `path`, replacing it. */
void fx_write_file(const char *path, const void *data, size_t len);

/* True if the file exists. */
bool fx_exists(const char *path);

/* memmem(): the project compiles without GNU extensions. */
const uint8_t *fx_memfind(const uint8_t *hay, size_t hay_len, const void *needle, size_t len);

/* True if any window of `win` bytes of `needle` starting at a multiple of
 * `stride` occurs in `hay` (a leak of at least win + stride - 1 contiguous
 * bytes is always caught). Searches the whole needle if it is shorter than
 * a window. */
bool fx_find_windows(const uint8_t *hay, size_t hay_len, const void *needle, size_t len,
                     size_t win, size_t stride);

/* Searches the store's db, -wal and -shm files as fx_find_windows does.
 * Returns the name of the first file that holds a window ("db", "-wal",
 * "-shm") or NULL if none does. */
const char *fx_store_files_find(const char *db_path, const void *needle, size_t len,
                                size_t win, size_t stride);

/* A raw SQLite connection to a store file, bypassing the store, with a
 * busy timeout. Close with sqlite3_close(). */
sqlite3 *fx_sql_open(const char *path);

/* Runs statements without results; fails the test on error. */
void fx_sql_exec(sqlite3 *db, const char *sql);

/* First column of the first row as an integer (0 if no row). */
int64_t fx_sql_int(sqlite3 *db, const char *sql);

/* First column of the first row as a malloc()ed string (NULL if no row). */
char *fx_sql_text(sqlite3 *db, const char *sql);

/* `SELECT <column> FROM <table> WHERE id = ?` as a malloc()ed blob. */
uint8_t *fx_sql_blob_by_id(sqlite3 *db, const char *table, const char *column,
                           const note_id *id, size_t *len);

/* `UPDATE <table> SET <column> = ? WHERE id = ?`; asserts one row changed. */
void fx_sql_set_blob_by_id(sqlite3 *db, const char *table, const char *column,
                           const note_id *id, const void *blob, size_t len);

/* PRAGMA integrity_check through a fresh raw connection; fails the test
 * unless it says "ok". */
void fx_assert_integrity(const char *db_path);

/* Pending count through the store. */
uint64_t fx_pending_count(store *s);

/* Notes copied out of a listing callback (store_pending_each, …). */
typedef struct fx_note {
	note_id id;
	int32_t day;
	note_mood mood;
	note_kind kind;
	status damage;
	char *text;        /* malloc()ed copy of the body plus NUL; NULL if damaged */
	size_t len;
} fx_note;

typedef struct fx_notes {
	fx_note *v;
	size_t n, cap;
} fx_notes;

/* A store_note_fn that appends a copy of each note to the fx_notes `ctx`. */
bool fx_collect(const store_note *note, void *ctx);
void fx_notes_free(fx_notes *ns);

/* The collected note with this id, or NULL (linear search). */
const fx_note *fx_notes_find(const fx_notes *ns, const note_id *id);

/* Orders of ids: index of each id in a reference list. */
typedef struct fx_id_index {
	note_id *sorted;   /* reference ids sorted bytewise */
	size_t *pos;       /* pos[i]: index of sorted[i] in the reference order */
	size_t n;
} fx_id_index;

/* Builds an index of `n` ids (copied); ids must be distinct. */
void fx_id_index_init(fx_id_index *ix, const note_id *ids, size_t n);
void fx_id_index_free(fx_id_index *ix);

/* Index of `id` in the reference order, or SIZE_MAX if absent. */
size_t fx_id_index_find(const fx_id_index *ix, const note_id *id);

/* Spearman's rank correlation between positions 0..n-1 and ranks[0..n-1],
 * a permutation of 0..n-1 (no ties). */
double fx_spearman(const size_t *ranks, size_t n);

/* Fills `out` (cap bytes) with `chars` random CJK ideographs (3 bytes each
 * in UTF-8, U+4E00..U+9FA5) and a NUL. Returns the length in bytes. */
size_t fx_random_cjk(char *out, size_t cap, size_t chars);

/* Monotonic seconds, for reporting how long a test took. */
double fx_now(void);

/* Case-insensitive substring test (ASCII). */
bool fx_contains_ci(const char *hay, const char *needle);

#endif

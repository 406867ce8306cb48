/* bench.h — what the benchmark files share: the run's sizes, the result
 * table, sample note texts, the bare-SQLite baseline, folders and progress.
 *
 * Every figure is measured against a naive baseline in the same run, with
 * the two interleaved (ABAB…) so that machine noise hits both alike; the
 * ratio is the number that counts, not the absolute times. */
#ifndef TREEHOLE_BENCH_H
#define TREEHOLE_BENCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "store.h"
#include "vault.h"

/* Passphrase of every store the bench makes; none holds a real note. */
#define BENCH_PASS "bench passphrase, not a secret"
/* Code points of a "typical note": a few short paragraphs of Chinese. */
#define BENCH_NOTE_CHARS 300
#define BENCH_NOTE_MAX_BYTES (4 * BENCH_NOTE_CHARS + 1)

/* Sizes of one run; see bench_config_for() in main.c. */
typedef struct bench_config {
	const char *dir;           /* private folder of this run, on a real disk */
	bool smoke;                /* tiny sizes: proves it runs, measures little */
	size_t submits;            /* figure 1: timed submits (and as many baseline inserts) */
	size_t feed_small;         /* figure 2: notes in the small store (10k) */
	size_t feed_large;         /* figure 2: notes in the large store (1M) */
	size_t feed_api;           /* of those, how many go through submit + approve */
	size_t feed_calls;         /* timed store_feed_next calls per store */
	double feed_budget;        /* seconds those calls may take at most */
	size_t scan_calls;         /* timed full-scan queries at the small size */
	size_t approves;           /* figure 3: notes approved after one unlock */
	size_t unlock_reps;        /* figure 4: timed unlocks per KDF preset */
	vault_kdf unlock_kdf[2];   /* figure 4: the presets compared */
	const char *unlock_name[2];
	size_t tidy_notes;         /* figure 5: notes in the store tidied */
	size_t layout_reps;        /* figure 6: timed cold layouts */
	size_t frame_reps;         /* figure 7: timed feed frames (and as many baseline frames) */
	size_t atlas_notes;        /* figure 8: distinct notes the rotating feed draws */
	size_t ink_notes;          /* ink: generated handwritten notes encoded */
	size_t pinyin_keys;        /* pinyin: timed keys (and as many bare librime keys) */
	size_t pinyin_starts;      /* pinyin: cold and warm starts, each in a fresh process */
	size_t hwr_reps;           /* handwriting: times each stroke set is recognised */
	size_t ink_frames;         /* ink frame: timed live-canvas frames per canvas (and baseline) */
	size_t ink_note_reps;      /* ink note: timed decode+draw of the 5,000-point note */
} bench_config;

/* Set by SIGINT/SIGTERM. Long loops check it and give up, so the run
 * still deletes its (possibly gigabytes of) stores. */
extern volatile sig_atomic_t bench_stop;

/* ---- the result table (table.c) ---- */

typedef enum bench_unit {
	BENCH_TIME, /* ours and baseline are durations; ratio = ours / baseline */
	BENCH_RATE, /* ours and baseline are per second; ratio = baseline / ours */
} bench_unit;

/* Adds a row. Either way the ratio is a cost ratio: above 1 means ours is
 * slower than the baseline. A baseline <= 0 prints "-" and no ratio. */
void bench_row(const char *figure, bench_unit unit, double ours, double baseline);

/* Adds a free line (goal, verdict, context) under the rows so far. */
void bench_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adds "goal: <what> <= limit ... met/MISSED" for a ratio. Returns met. */
bool bench_goal_max(const char *what, double value, double limit);

/* Prints the table on stdout. */
void bench_table_print(const char *title);

/* Frees the table. */
void bench_table_free(void);

/* ---- helpers (common.c) ---- */

/* A line on stderr so a person sees the bench is alive. Never note content. */
void bench_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes a typical note — exactly BENCH_NOTE_CHARS code points of Chinese,
 * different for each k — into buf (BENCH_NOTE_MAX_BYTES). Returns its
 * length in bytes (no NUL counted; buf is NUL-terminated). */
size_t bench_note_text(size_t k, char *buf);

/* A random mood from the fixed list. */
note_mood bench_random_mood(void);

/* dir + "/" + name into a malloc()ed string, or NULL. */
char *bench_path(const char *dir, const char *name);

/* Creates a store with the given KDF (feed delay `delay_days`). Prints why
 * on failure. OUT: *out. */
bool bench_store_create(const char *path, vault_kdf kdf, int delay_days, store **out);

/* Opens a plain SQLite file with exactly the store's pragmas (WAL,
 * synchronous=FULL, secure_delete=ON, foreign_keys=ON, the same busy
 * timeout), then runs `schema`. This is the "bare SQLite" baseline.
 * OUT: *db, close with sqlite3_close. */
bool bench_baseline_open(const char *path, const char *schema, sqlite3 **db);

/* Runs SQL on a baseline connection; prints the SQLite error on failure. */
bool bench_sql(sqlite3 *db, const char *sql);

/* Deletes a database file with its -wal, -shm and -journal. */
void bench_remove_db(const char *path);

/* Bytes the file at path takes (0 if missing). */
double bench_file_bytes(const char *path);

/* Compact human count: 20000 -> "20k", 1000000 -> "1M". */
void bench_count_label(size_t n, char *buf, size_t cap);

/* ---- figure 2's stores (bench_fill.c) ---- */

/* Builds a store at `path` holding n approved notes, all visible in the
 * feed (delay 0). `api` of them go the real way (store_submit_text, then
 * store_approve after one unlock); the rest are bulk-inserted into
 * `approved` as real feed ciphertexts of encoded typical notes, the same
 * size as the real rows, in one transaction. Then the store is closed and
 * opened again, so it is timed with a fresh connection at the store's own
 * settings. OUT: *out (caller closes), *seconds the whole build took. */
bool bench_fill_store(const char *path, size_t n, size_t api, store **out, double *seconds);

/* ---- the figures ---- */

bool bench_submit(const bench_config *c);   /* 1: bench_submit.c */
bool bench_feed(const bench_config *c);     /* 2: bench_feed.c, bench_fill.c */
bool bench_approve(const bench_config *c);  /* 3: bench_moderate.c */
bool bench_unlock(const bench_config *c);   /* 4: bench_moderate.c */
bool bench_tidy(const bench_config *c);     /* 5: bench_tidy.c */
bool bench_layout(const bench_config *c);   /* 6: bench_layout.c */
bool bench_frame(const bench_config *c);    /* 7: bench_frame.c */
bool bench_atlas_memory(const bench_config *c); /* 8: bench_frame.c */
bool bench_ink(const bench_config *c);      /* ink bytes/point: bench_ink.c */
bool bench_pinyin(const bench_config *c);   /* pinyin: bench_pinyin.c */
bool bench_hwr(const bench_config *c);      /* handwriting: bench_hwr.c */
bool bench_ink_frame(const bench_config *c); /* ink frame: bench_ink_draw.c */
bool bench_ink_note(const bench_config *c);  /* ink note: bench_ink_draw.c */
/* Part of ink note: the p50 of decoding encoded note body[0..len) and
 * drawing it into rect into[] (x, y, w, h) on an OpenGL ES 2 renderer, as
 * the kiosk draws on a GPU: the CPU's part (decode, triangles, SDL's
 * queueing), `reps` times. False, with SDL_GetError saying why, where no
 * OpenGL ES can be had headless (bench_ink_gles.c). */
bool bench_ink_gles(const uint8_t *body, size_t len, const float into[4], size_t reps,
                    double *p50);

#endif

/* bench_feed.c — figure 2: the next feed note with a small (10k) and a
 * large (1M) store.
 *
 * store_feed_next picks the visible note with the lowest (cycle, slot) —
 * an index seek — opens it, moves it to the next round and commits. If
 * that stays a seek, the time per call barely grows with the store; a scan
 * would grow a hundredfold. Timed per call, the two stores interleaved;
 * besides the whole call (which includes a durable commit, so an fsync)
 * the pick query alone is timed, and the naive alternative, a full scan
 * with ORDER BY random(), gives the baseline. */
#include "bench.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define WARMUP 5

/* The pick query is the one store_feed_next really runs, caught with a
 * trace during the first call (see catch_pick_sql), so a change in
 * store_feed.c shows here at once. This copy is only the fallback. */
static char pick_sql[512] =
	"SELECT id, day, mood, kind, epoch, box, cycle FROM approved "
	"WHERE +day <= ?1 ORDER BY cycle, slot LIMIT 1";
static const char scan_sql[] =
	"SELECT id, day, mood, kind, epoch, box FROM approved "
	"WHERE day <= ?1 ORDER BY random() LIMIT 1";

typedef struct feed_store {
	char *path;
	size_t n;
	store *s;
	double fill_s;
	timing_samples next, pick;
} feed_store;

/* Trace callback: keeps the first SELECT of a ciphertext from `approved`
 * that runs. */
static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	bool *caught = ctx;
	const char *sql = sqlite3_sql(p);

	(void)type, (void)x;
	if (!*caught && sql && strncmp(sql, "SELECT", 6) == 0 && strstr(sql, "FROM approved") &&
	    strstr(sql, "box") && strlen(sql) < sizeof pick_sql) {
		strcpy(pick_sql, sql);
		*caught = true;
	}
	return 0;
}

/* Runs one store_feed_next with a statement trace to learn its pick query. */
static bool catch_pick_sql(feed_store *f)
{
	bool caught = false;
	store_note note;

	sqlite3_trace_v2(f->s->db, SQLITE_TRACE_STMT, trace_stmt, &caught);
	status st = store_feed_next(f->s, &note);
	sqlite3_trace_v2(f->s->db, 0, NULL, NULL);
	store_note_clear(&note);
	if (!caught)
		bench_progress("feed: pick query not caught; timing the fallback copy");
	return st == STATUS_OK;
}

static double time_next(feed_store *f)
{
	store_note note;

	double t0 = timing_now();
	status st = store_feed_next(f->s, &note);
	double t = timing_now() - t0;
	store_note_clear(&note);
	if (st) {
		fprintf(stderr, "treehole-bench: feed next: %s\n", status_message(st));
		return -1;
	}
	return t;
}

/* Prepares, runs and finalizes `sql` on the store's connection, reading
 * the ciphertext of the row it returns as a caller would. */
static double time_query(feed_store *f, const char *sql)
{
	sqlite3_stmt *q;

	double t0 = timing_now();
	if (sqlite3_prepare_v2(f->s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, store_today(f->s));
	int rc = sqlite3_step(q);
	volatile const void *box = rc == SQLITE_ROW ? sqlite3_column_blob(q, 5) : NULL;
	sqlite3_finalize(q);
	double t = timing_now() - t0;
	(void)box;
	return rc == SQLITE_ROW ? t : -1;
}

/* One feed_next and one pick on f, both recorded. */
static bool step_store(feed_store *f)
{
	double a = time_next(f);
	double b = a < 0 ? -1 : time_query(f, pick_sql);
	if (a < 0 || b < 0)
		return false;
	return timing_add(&f->next, a) && timing_add(&f->pick, b);
}

/* WARMUP + n pairs of steps on the two stores, alternating which goes
 * first, until `budget` seconds have passed (at least one pair): a store
 * whose pick has become a scan must not hold the bench for an hour. The
 * warm-up pairs are then dropped, unless nothing else was measured. */
static bool run_calls(feed_store *small, feed_store *large, size_t n, double budget)
{
	double t0 = timing_now();
	size_t i;

	for (i = 0; i < WARMUP + n && !bench_stop; i++) {
		feed_store *first = i % 2 ? large : small, *second = i % 2 ? small : large;
		if (!step_store(first) || !step_store(second))
			return false;
		if (i >= WARMUP && (i + 1 - WARMUP) % 100 == 0)
			bench_progress("feed: %zu/%zu calls per store", i + 1 - WARMUP, n);
		if (timing_now() - t0 > budget) {
			bench_progress("feed: time budget spent after %zu pairs", i + 1);
			break;
		}
	}
	timing_drop_first(&small->next, WARMUP);
	timing_drop_first(&small->pick, WARMUP);
	timing_drop_first(&large->next, WARMUP);
	timing_drop_first(&large->pick, WARMUP);
	return !bench_stop;
}

/* Median of `reps` full-scan picks. */
static double time_scans(feed_store *f, size_t reps)
{
	timing_samples t = {0};
	double med = -1;

	for (size_t i = 0; i < reps && !bench_stop; i++) {
		double x = time_query(f, scan_sql);
		if (x < 0 || !timing_add(&t, x))
			goto out;
	}
	med = timing_percentile(&t, 50);
out:
	timing_free(&t);
	return med;
}

/* The plan SQLite uses for the pick, as one line. */
static void plan_line(feed_store *f)
{
	char sql[600], plan[200] = "";
	sqlite3_stmt *q;

	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", pick_sql);
	if (sqlite3_prepare_v2(f->s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(q) == SQLITE_ROW) {
		size_t used = strlen(plan);
		snprintf(plan + used, sizeof plan - used, "%s%s", used ? "; " : "",
		         (const char *)sqlite3_column_text(q, 3));
	}
	sqlite3_finalize(q);
	bench_line("pick plan: %s", plan);
}

static bool build(const bench_config *c, feed_store *f, const char *name, size_t n)
{
	char label[16];

	bench_count_label(n, label, sizeof label);
	bench_progress("feed: building a store of %s approved notes", label);
	f->n = n;
	if (!(f->path = bench_path(c->dir, name)) ||
	    !bench_fill_store(f->path, n, c->feed_api, &f->s, &f->fill_s))
		return false;
	bench_progress("feed: %s notes in %.1f s, %.0f MB on disk", label, f->fill_s,
	               bench_file_bytes(f->path) / 1e6);
	return true;
}

static void drop(feed_store *f)
{
	store_close(f->s);
	if (f->path)
		bench_remove_db(f->path);
	free(f->path);
	timing_free(&f->next);
	timing_free(&f->pick);
}

static void report(const bench_config *c, feed_store *sm, feed_store *lg, double scan_sm,
                   double scan_lg)
{
	char a[16], b[16], label[80];
	double next_sm = timing_percentile(&sm->next, 50), next_lg = timing_percentile(&lg->next, 50);
	double pick_sm = timing_percentile(&sm->pick, 50), pick_lg = timing_percentile(&lg->pick, 50);

	bench_count_label(sm->n, a, sizeof a);
	bench_count_label(lg->n, b, sizeof b);
	snprintf(label, sizeof label, "2 feed next, median, %s vs %s notes", b, a);
	bench_row(label, BENCH_TIME, next_lg, next_sm);
	snprintf(label, sizeof label, "2 feed pick query only, %s vs %s", b, a);
	bench_row(label, BENCH_TIME, pick_lg, pick_sm);
	snprintf(label, sizeof label, "2 feed next vs ORDER BY random() @%s", a);
	bench_row(label, BENCH_TIME, next_sm, scan_sm);
	snprintf(label, sizeof label, "2 pick query vs ORDER BY random() @%s", a);
	bench_row(label, BENCH_TIME, pick_sm, scan_sm);
	snprintf(label, sizeof label, "2 pick query vs ORDER BY random() @%s, 1 scan", b);
	bench_row(label, BENCH_TIME, pick_lg, scan_lg);
	bench_line("fill: %s notes in %.1f s, %s in %.1f s (%zu each via submit+approve); "
	           "%zu timed calls each", a, sm->fill_s, b, lg->fill_s, c->feed_api, sm->next.n);
	if (sm->next.n < c->feed_calls)
		bench_line("only %zu of %zu calls: the %.0f s time budget ran out (a call is a scan)",
		           sm->next.n, c->feed_calls, c->feed_budget);
	if (scan_lg <= 0)
		bench_line("ORDER BY random() @%s skipped: the pick itself takes over a second", b);
	plan_line(lg);
	snprintf(label, sizeof label, "feed next %s/%s", b, a);
	bench_goal_max(label, next_lg / next_sm, 2);
	snprintf(label, sizeof label, "pick query %s/%s", b, a);
	bench_goal_max(label, pick_lg / pick_sm, 2);
}

bool bench_feed(const bench_config *c)
{
	feed_store sm = {0}, lg = {0};
	bool ok = false;

	bench_progress("figure 2: feed next with %zu and %zu notes", c->feed_small, c->feed_large);
	if (!build(c, &sm, "feed-small.treehole", c->feed_small) ||
	    !build(c, &lg, "feed-large.treehole", c->feed_large))
		goto out;
	if (!catch_pick_sql(&sm) || !run_calls(&sm, &lg, c->feed_calls, c->feed_budget))
		goto out;
	bench_progress("feed: full scans");
	double scan_sm = time_scans(&sm, c->scan_calls);
	/* At 1M one scan takes most of a minute: run it once, and not at all
	 * when the pick itself already takes seconds (it is then a scan too). */
	double scan_lg = timing_percentile(&lg.pick, 50) > 1 ? 0 : time_scans(&lg, 1);
	if (scan_sm < 0 || scan_lg < 0)
		goto out;
	report(c, &sm, &lg, scan_sm, scan_lg);
	ok = true;
out:
	drop(&sm);
	drop(&lg);
	return ok;
}

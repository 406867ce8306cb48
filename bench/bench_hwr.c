/* bench_hwr.c — handwriting recognition (issue 6): one character from
 * its strokes to candidates ready, on the stroke sets of tests/input.
 *
 * Ours: one recogniser opened once; per character hwr_begin, every point,
 * hwr_classify for 10 candidates (what the pad does up to pen-up and on
 * it). Baseline: what a careless caller does — open the model for every
 * character (hwr_open … hwr_destroy around the same calls). Both
 * interleaved character by character. Beside them, for context, a bare
 * Zinnia call on the raw points (no clamping, no normalisation) shows what
 * hwr adds to Zinnia itself, and the model-open time on its own. */
#include "bench.h"
#include "timing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zinnia.h>

#include "hwr.h"
#include "strokeset.h"

#ifndef BENCH_STROKES_DIR
#error "BENCH_STROKES_DIR must name tests/input/strokes"
#endif

#define HWR_SETS_MAX 64
#define HWR_NBEST 10
#define HWR_OPENS 5

/* The recorded characters (tests/input/strokeset.h). */
typedef struct hwr_sets {
	strokeset *s; /* HWR_SETS_MAX of them */
	size_t n;
} hwr_sets;

/* ---- the stroke sets ---- */

static void free_sets(hwr_sets *all)
{
	free(all->s);
	all->s = NULL;
	all->n = 0;
}

static bool load_sets(hwr_sets *all)
{
	char err[1200];
	long n;

	if (!(all->s = calloc(HWR_SETS_MAX, sizeof *all->s))) {
		fprintf(stderr, "treehole-bench: out of memory for the stroke sets\n");
		return false;
	}
	if ((n = strokeset_load_dir(BENCH_STROKES_DIR, all->s, HWR_SETS_MAX, err, sizeof err)) < 0) {
		fprintf(stderr, "treehole-bench: %s\n", err);
		return false;
	}
	all->n = (size_t)n;
	if (all->n == 0)
		fprintf(stderr, "treehole-bench: no stroke sets in %s\n", BENCH_STROKES_DIR);
	return all->n > 0;
}

/* ---- one character, three ways ---- */

/* Ours: what the pad does, from the first point to candidates ready. */
static size_t recognise(hwr *r, const strokeset *s)
{
	hwr_begin(r, s->w, s->h);
	for (size_t i = 0; i < s->n; i++) {
		if (i > 0 && s->stroke[i] != s->stroke[i - 1])
			hwr_end_stroke(r);
		hwr_add_point(r, s->stroke[i], s->x[i], s->y[i]);
	}
	hwr_end_stroke(r);
	return hwr_classify(r, HWR_NBEST);
}

/* The careless caller: the model opened for this one character. */
static size_t recognise_naive(const strokeset *s)
{
	hwr *r = NULL;
	if (hwr_open(NULL, &r) != HWR_OK)
		return 0;
	size_t n = recognise(r, s);
	hwr_destroy(r);
	return n;
}

/* Zinnia alone on the raw points. */
static size_t recognise_bare(zinnia_recognizer_t *z, const strokeset *s)
{
	zinnia_character_t *c = zinnia_character_new();
	size_t n = 0;

	zinnia_character_set_width(c, (size_t)s->w);
	zinnia_character_set_height(c, (size_t)s->h);
	for (size_t i = 0; i < s->n; i++)
		zinnia_character_add(c, s->stroke[i], (int)lroundf(s->x[i]),
		                     (int)lroundf(s->y[i]));
	zinnia_result_t *res = zinnia_recognizer_classify(z, c, HWR_NBEST);
	if (res) {
		n = zinnia_result_size(res);
		zinnia_result_destroy(res);
	}
	zinnia_character_destroy(c);
	return n;
}

typedef struct hwr_samples {
	timing_samples ours, naive, bare, open;
} hwr_samples;

static bool time_opens(hwr_samples *t)
{
	for (int i = 0; i < HWR_OPENS; i++) {
		hwr *r = NULL;
		double t0 = timing_now();
		hwr_status st = hwr_open(NULL, &r);
		double t1 = timing_now();
		hwr_destroy(r);
		if (st != HWR_OK || !timing_add(&t->open, t1 - t0))
			return false;
	}
	return true;
}

/* Every set `reps` times, the three ways interleaved set by set. */
static bool time_sets(const hwr_sets *all, size_t reps, hwr *r, zinnia_recognizer_t *z,
                      hwr_samples *t)
{
	for (size_t rep = 0; rep < reps && !bench_stop; rep++)
		for (size_t k = 0; k < all->n; k++) {
			const strokeset *s = &all->s[k];
			double t0 = timing_now();
			size_t a = recognise(r, s);
			double t1 = timing_now();
			size_t b = recognise_naive(s);
			double t2 = timing_now();
			size_t c = recognise_bare(z, s);
			double t3 = timing_now();
			if (a == 0 || b == 0 || c == 0) {
				fprintf(stderr, "treehole-bench: handwriting: no candidates\n");
				return false;
			}
			if (!timing_add(&t->ours, t1 - t0) || !timing_add(&t->naive, t2 - t1) ||
			    !timing_add(&t->bare, t3 - t2))
				return false;
		}
	return !bench_stop;
}

static void report(hwr_samples *t, size_t nsets)
{
	double p99 = timing_percentile(&t->ours, 99);
	char open[32];

	bench_row("handwriting: a character to candidates, p50", BENCH_TIME,
	          timing_percentile(&t->ours, 50), timing_percentile(&t->naive, 50));
	bench_row("handwriting: a character to candidates, p99", BENCH_TIME, p99,
	          timing_percentile(&t->naive, 99));
	bench_goal_max("handwriting p99 in ms", p99 * 1000, 10.0);
	bench_line("baseline: the model opened for every character (hwr_open ... hwr_destroy); "
	           "%zu stroke sets x %zu, top %d",
	           nsets, t->ours.n / (nsets ? nsets : 1), HWR_NBEST);
	bench_row("handwriting vs a bare Zinnia classify, p99", BENCH_TIME, p99,
	          timing_percentile(&t->bare, 99));
	bench_line("baseline: zinnia_recognizer_classify on the raw points (no clamping, "
	           "no normalisation), same recogniser kept open");
	timing_format(timing_percentile(&t->open, 50), open, sizeof open);
	bench_row("handwriting: open the model (26.8 MB), median", BENCH_TIME,
	          timing_percentile(&t->open, 50), 0);
	bench_line("model open: median %s of %d (page cache warm); the kiosk opens it once", open,
	           HWR_OPENS);
}

static void free_samples(hwr_samples *t)
{
	timing_free(&t->ours);
	timing_free(&t->naive);
	timing_free(&t->bare);
	timing_free(&t->open);
}

bool bench_hwr(const bench_config *c)
{
	hwr_sets all = {0};
	hwr_samples t = {0};
	hwr *r = NULL;
	zinnia_recognizer_t *z = NULL;
	bool ok = false;

	bench_progress("handwriting: recognise the stroke sets, %zu times each", c->hwr_reps);
	hwr_status st = hwr_open(NULL, &r);
	if (st == HWR_NO_MODEL) {
		bench_line("handwriting: skipped, the model is not installed (Debian package %s)",
		           HWR_PACKAGE);
		return true;
	}
	if (st != HWR_OK || !(z = zinnia_recognizer_new()) ||
	    !zinnia_recognizer_open(z, HWR_DEFAULT_MODEL)) {
		fprintf(stderr, "treehole-bench: handwriting: %s\n",
		        hwr_status_message(st ? st : HWR_BAD_MODEL));
		goto out;
	}
	if (!load_sets(&all) || !time_opens(&t))
		goto out;
	recognise(r, &all.s[0]); /* the first classify faults the model's pages in */
	if (!time_sets(&all, c->hwr_reps, r, z, &t))
		goto out;
	report(&t, all.n);
	ok = true;
out:
	free_samples(&t);
	free_sets(&all);
	if (z)
		zinnia_recognizer_destroy(z);
	hwr_destroy(r);
	return ok;
}

/* timing.h — a monotonic clock and the statistics the benchmarks report.
 *
 * Durations are doubles in seconds throughout; the clock is
 * CLOCK_MONOTONIC, so wall-clock steps never show up in a figure. */
#ifndef TREEHOLE_BENCH_TIMING_H
#define TREEHOLE_BENCH_TIMING_H

#include <stdbool.h>
#include <stddef.h>

/* Seconds on the monotonic clock since an arbitrary origin. Only
 * differences between two calls mean anything. */
double timing_now(void);

/* A growing list of measured durations (seconds). Zero-initialise; release
 * with timing_free(). */
typedef struct timing_samples {
	double *v;
	size_t n, cap;
	bool sorted;
} timing_samples;

/* Appends one duration. Returns false (and keeps the list) if out of
 * memory. */
bool timing_add(timing_samples *s, double seconds);

/* Nearest-rank percentile, p in [0, 100]: timing_percentile(s, 50) is the
 * median. Sorts the samples in place (their order is lost). Returns 0 for
 * an empty list. */
double timing_percentile(timing_samples *s, double p);

/* Forgets the first k samples in the order added (a warm-up), as long as
 * more than k were taken; otherwise keeps them all, since a slow run that
 * managed only its warm-up still has something to report. */
void timing_drop_first(timing_samples *s, size_t k);

/* Sum of all samples (e.g. the total time of a batch measured call by
 * call). */
double timing_sum(const timing_samples *s);

/* Frees the samples and zeroes the struct. Accepts an empty list. */
void timing_free(timing_samples *s);

/* Writes a duration with a readable unit ("812 ns", "3.21 ms", "0.74 s")
 * into buf (cap bytes, always NUL-terminated). */
void timing_format(double seconds, char *buf, size_t cap);

#endif

/* timing.c — see timing.h. */
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double timing_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bool timing_add(timing_samples *s, double seconds)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		double *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = seconds;
	s->sorted = false;
	return true;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double timing_percentile(timing_samples *s, double p)
{
	if (s->n == 0)
		return 0;
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof *s->v, cmp_double);
		s->sorted = true;
	}
	/* Nearest rank: the smallest sample with at least p% at or below it. */
	double rank = p / 100.0 * (double)s->n;
	size_t i = (size_t)rank;
	if ((double)i < rank)
		i++;
	if (i == 0)
		i = 1;
	if (i > s->n)
		i = s->n;
	return s->v[i - 1];
}

void timing_drop_first(timing_samples *s, size_t k)
{
	if (s->sorted || s->n <= k)
		return;
	memmove(s->v, s->v + k, (s->n - k) * sizeof *s->v);
	s->n -= k;
}

double timing_sum(const timing_samples *s)
{
	double t = 0;
	for (size_t i = 0; i < s->n; i++)
		t += s->v[i];
	return t;
}

void timing_free(timing_samples *s)
{
	free(s->v);
	*s = (timing_samples){0};
}

void timing_format(double seconds, char *buf, size_t cap)
{
	if (seconds < 1e-6)
		snprintf(buf, cap, "%.0f ns", seconds * 1e9);
	else if (seconds < 1e-3)
		snprintf(buf, cap, "%.1f us", seconds * 1e6);
	else if (seconds < 1)
		snprintf(buf, cap, "%.2f ms", seconds * 1e3);
	else
		snprintf(buf, cap, "%.2f s", seconds);
}

/* table.c — the result table `make bench` prints: figure | ours |
 * baseline | ratio, with goal and context lines in between. Rows and lines
 * are kept in the order added and printed at the end, after the progress
 * noise on stderr. */
#include "bench.h"
#include "timing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_MAX 160
#define TEXT_MAX 160

typedef struct table_entry {
	bool is_row;
	char text[TEXT_MAX];   /* figure label, or the whole free line */
	bench_unit unit;
	double ours, baseline;
} table_entry;

static table_entry *entries;
static size_t n_entries;

static table_entry *next_entry(void)
{
	if (!entries && !(entries = calloc(TABLE_MAX, sizeof *entries)))
		return NULL;
	if (n_entries == TABLE_MAX) {
		/* Say so rather than drop a figure without a word. */
		fprintf(stderr, "treehole-bench: the table is full (%d rows); raise TABLE_MAX\n",
		        TABLE_MAX);
		return NULL;
	}
	return &entries[n_entries++];
}

void bench_row(const char *figure, bench_unit unit, double ours, double baseline)
{
	table_entry *e = next_entry();
	if (!e)
		return;
	*e = (table_entry){.is_row = true, .unit = unit, .ours = ours, .baseline = baseline};
	snprintf(e->text, sizeof e->text, "%s", figure);
}

void bench_line(const char *fmt, ...)
{
	table_entry *e = next_entry();
	va_list ap;

	if (!e)
		return;
	*e = (table_entry){.is_row = false};
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof e->text, fmt, ap);
	va_end(ap);
}

bool bench_goal_max(const char *what, double value, double limit)
{
	bool met = value <= limit;
	bench_line("goal: %s <= %.2g: %.2f -> %s", what, limit, value, met ? "met" : "MISSED");
	return met;
}

static void format_value(bench_unit unit, double v, char *buf, size_t cap)
{
	if (v <= 0)
		snprintf(buf, cap, "-");
	else if (unit == BENCH_TIME)
		timing_format(v, buf, cap);
	else
		snprintf(buf, cap, "%.0f /s", v);
}

static double cost_ratio(const table_entry *e)
{
	if (e->baseline <= 0 || e->ours <= 0)
		return 0;
	return e->unit == BENCH_TIME ? e->ours / e->baseline : e->baseline / e->ours;
}

static void print_row(const table_entry *e)
{
	char ours[32], base[32], ratio[32];
	double r = cost_ratio(e);

	format_value(e->unit, e->ours, ours, sizeof ours);
	format_value(e->unit, e->baseline, base, sizeof base);
	if (r <= 0)
		snprintf(ratio, sizeof ratio, "-");
	else if (r < 0.1) /* far cheaper than the baseline: "1/233" reads better than 0.00 */
		snprintf(ratio, sizeof ratio, "1/%.0f", 1 / r);
	else
		snprintf(ratio, sizeof ratio, r >= 100 ? "%.0f" : "%.2f", r);
	printf("%-46s | %12s | %12s | %9s\n", e->text, ours, base, ratio);
}

void bench_table_print(const char *title)
{
	static const char rule[] = "-----------------------------------------------"
	                           "+--------------+--------------+----------";

	printf("\n%s\n%s\n", title, rule);
	printf("%-46s | %12s | %12s | %9s\n", "figure", "ours", "baseline", "ratio");
	printf("%s\n", rule);
	for (size_t i = 0; i < n_entries; i++) {
		if (entries[i].is_row)
			print_row(&entries[i]);
		else
			printf("    %s\n", entries[i].text);
	}
	printf("%s\n", rule);
	printf("ratio = ours / baseline as a cost (time, or 1/rate): 1.00 is as fast as the baseline.\n");
	fflush(stdout);
}

void bench_table_free(void)
{
	free(entries);
	entries = NULL;
	n_entries = 0;
}

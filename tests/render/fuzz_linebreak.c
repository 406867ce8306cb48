/* fuzz_linebreak.c — libFuzzer harness for the line breaker. The first byte
 * picks the width (-2..29.5 em, so zero and negative too), the second how
 * many code points fold into their cluster; the rest is the text, any bytes.
 * Invariants: no crash; opportunities are LINEBREAK_* values ending in
 * LINEBREAK_MUST; the lines tile the text, separated only by hard-break
 * bytes; no line is wider than the width unless it holds one cluster;
 * linebreak_fill_with gives the same lines. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ASCII 0.5 em, other lead bytes (and invalid bytes) 1 em, continuation
 * bytes 0; with fold != 0, some code points fold into the cluster before. */
static void advances(const uint8_t *s, size_t len, unsigned fold, float *adv)
{
	for (size_t i = 0; i < len; i++) {
		if ((s[i] & 0xC0) == 0x80 || (fold && i > 0 && (i * 31 + fold) % 7 == 0))
			adv[i] = 0.0f;
		else
			adv[i] = s[i] < 0x80 ? 0.5f : 1.0f;
	}
}

static bool is_space(const uint8_t *s, size_t at, size_t end)
{
	return (end - at >= 1 && s[at] == ' ') ||
	       (end - at >= 3 && s[at] == 0xE3 && s[at + 1] == 0x80 && s[at + 2] == 0x80);
}

/* How many bytes of [start, end) open a counted cluster (non-zero advance,
 * not a space): an upper bound of the clusters that count to the width. */
static size_t counted_starts(const uint8_t *s, const float *adv, size_t start, size_t end)
{
	size_t n = 0;

	for (size_t i = start; i < end; i++)
		n += adv[i] != 0.0f && !is_space(s, i, end);
	return n;
}

static bool hard_break(const uint8_t *s, size_t at, size_t gap)
{
	switch (gap) {
	case 1:
		return s[at] == '\n' || s[at] == '\r' || s[at] == '\v' || s[at] == '\f';
	case 2:
		return (s[at] == '\r' && s[at + 1] == '\n') || (s[at] == 0xC2 && s[at + 1] == 0x85);
	case 3:
		return s[at] == 0xE2 && s[at + 1] == 0x80 && (s[at + 2] == 0xA8 || s[at + 2] == 0xA9);
	default:
		return false;
	}
}

static void check_lines(const uint8_t *s, size_t len, const float *adv, float width,
                        const linebreak_line *lines, size_t n)
{
	if (n == 0 || lines[0].start != 0 || lines[n - 1].end != len)
		abort();
	for (size_t k = 0; k < n; k++) {
		const linebreak_line *l = &lines[k];
		if (l->start > l->end || l->end > len)
			abort();
		if (!(width > 0.0f) || l->width > width) {
			if (counted_starts(s, adv, l->start, l->end) > 1)
				abort();
		}
		if (k + 1 < n && lines[k + 1].start != l->end) {
			if (lines[k + 1].start < l->end || !hard_break(s, l->end, lines[k + 1].start - l->end))
				abort();
		}
		if (k + 1 < n && lines[k + 1].start == l->end && l->end == l->start)
			abort(); /* an empty line at a soft break: no progress */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *s = data + 2;
	size_t len = size >= 2 ? size - 2 : 0, n, n2;
	float width, *adv;
	char *brks;
	linebreak_line *lines, *again;

	if (size < 2)
		return 0;
	width = (float)data[0] / 8.0f - 2.0f;
	adv = malloc((len + 1) * sizeof *adv);
	brks = malloc(len + 1);
	if (!adv || !brks)
		abort();
	advances(s, len, data[1], adv);
	linebreak_opportunities((const char *)s, len, brks);
	for (size_t i = 0; i < len; i++) {
		if (brks[i] < LINEBREAK_MUST || brks[i] > LINEBREAK_INSIDE)
			abort();
	}
	if (len > 0 && brks[len - 1] != LINEBREAK_MUST)
		abort();
	n = linebreak_fill((const char *)s, len, adv, width, NULL, 0);
	lines = calloc(n + 1, sizeof *lines);
	again = calloc(n + 1, sizeof *again);
	if (!lines || !again)
		abort();
	if (linebreak_fill((const char *)s, len, adv, width, lines, n) != n)
		abort();
	check_lines(s, len, adv, width, lines, n);
	n2 = linebreak_fill_with((const char *)s, len, brks, adv, width, again, n);
	if (n2 != n)
		abort();
	for (size_t k = 0; k < n; k++) {
		if (again[k].start != lines[k].start || again[k].end != lines[k].end)
			abort();
	}
	free(again);
	free(lines);
	free(brks);
	free(adv);
	return 0;
}

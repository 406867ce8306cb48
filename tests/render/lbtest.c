/* lbtest.c — see lbtest.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lbtest.h"

size_t lbt_decode(const char *s, size_t len, size_t i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xC2 ? 0 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : u[0] < 0xF5 ? 4 : 0;
	uint32_t v;

	*cp = 0xFFFD;
	if (n == 0 || n > len - i)
		return 1;
	if (n == 1) {
		*cp = u[0];
		return 1;
	}
	v = u[0] & (0x7Fu >> n);
	for (size_t k = 1; k < n; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return 1;
		v = v << 6 | (u[k] & 0x3Fu);
	}
	/* overlong, surrogate, above U+10FFFF */
	if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 1;
	*cp = v;
	return n;
}

static bool folds_into_previous(uint32_t cp)
{
	return cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
	       (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xE0020 && cp <= 0xE007F);
}

void lbt_advances(const char *s, size_t len, float *adv)
{
	bool after_zwj = false;

	memset(adv, 0, len * sizeof *adv);
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp;
		n = lbt_decode(s, len, i, &cp);
		if (after_zwj || folds_into_previous(cp))
			adv[i] = 0.0f;
		else
			adv[i] = cp < 0x80 ? 0.5f : 1.0f;
		after_zwj = cp == 0x200D;
	}
	if (len > 0 && adv[0] == 0.0f)
		adv[0] = 1.0f;
}

linebreak_line *lbt_fill(const char *s, size_t len, const float *adv, float width, size_t *n)
{
	linebreak_line one;
	size_t total = linebreak_fill(s, len, adv, width, &one, 1);
	linebreak_line *lines;

	assert_true(total >= 1);
	lines = calloc(total + 1, sizeof *lines);
	assert_non_null(lines);
	lines[total] = (linebreak_line){ .start = 12345, .end = 54321, .width = -1.0f };
	assert_int_equal(linebreak_fill(s, len, adv, width, lines, total), total);
	assert_int_equal(lines[total].start, 12345); /* wrote no more than cap */
	assert_true(lines[0].start == one.start && lines[0].end == one.end);
	*n = total;
	return lines;
}

/* A valid sequence starts with a lead byte, which is never inside another
 * valid sequence; so b starts a code point unless a sequence decoded from
 * one of the 3 bytes before it covers it. */
static bool code_point_start(const char *s, size_t len, size_t b)
{
	uint32_t cp;

	for (size_t n = 1; n <= 3 && n <= b; n++) {
		if (lbt_decode(s, len, b - n, &cp) > n)
			return false;
	}
	return true;
}

bool lbt_cluster_boundary(const char *s, size_t len, const float *adv, size_t b)
{
	return adv[b] != 0.0f && code_point_start(s, len, b);
}

static size_t hard_break_len(const char *s, size_t len, size_t at)
{
	uint32_t cp;
	size_t n = lbt_decode(s, len, at, &cp);

	if (cp == '\r' && at + 1 < len && s[at + 1] == '\n')
		return 2;
	if ((cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return n;
	return 0;
}

static bool is_space(const char *s, size_t at, size_t end)
{
	return (end - at == 1 && s[at] == ' ') ||
	       (end - at == 3 && memcmp(s + at, "\xE3\x80\x80", 3) == 0);
}

float lbt_width(const char *s, size_t len, const float *adv, size_t start, size_t end,
                         size_t *clusters)
{
	float width = 0.0f, pending = 0.0f;

	*clusters = 0;
	for (size_t i = start; i < end;) {
		size_t e = i + 1;
		float w = adv[i];
		while (e < end && !lbt_cluster_boundary(s, len, adv, e))
			w += adv[e++];
		if (is_space(s, i, e)) {
			pending += w;
		} else {
			width += pending + w;
			pending = 0.0f;
			(*clusters)++;
		}
		i = e;
	}
	return width;
}

void lbt_check_lines(const char *s, size_t len, const float *adv, float width,
                     const linebreak_line *lines, size_t n)
{
	assert_true(n >= 1);
	assert_int_equal(lines[0].start, 0);
	assert_int_equal(lines[n - 1].end, len);
	for (size_t k = 0; k < n; k++) {
		const linebreak_line *l = &lines[k];
		size_t clusters;
		float w;

		assert_true(l->start <= l->end && l->end <= len);
		for (size_t i = l->start; i < l->end; i++)
			assert_int_equal(hard_break_len(s, len, i), 0);
		w = lbt_width(s, len, adv, l->start, l->end, &clusters);
		assert_float_equal(l->width, w, 1e-3);
		if (!(width > 0.0f) || l->width > width + 1e-4f)
			assert_true(clusters <= 1);
		if (k + 1 == n)
			break;
		if (lines[k + 1].start == l->end) {
			/* a soft break: not empty, on a cluster boundary */
			assert_true(l->end > l->start);
			assert_true(lbt_cluster_boundary(s, len, adv, l->end));
		} else {
			size_t h = hard_break_len(s, len, l->end);
			assert_true(h > 0);
			assert_int_equal(lines[k + 1].start, l->end + h);
		}
	}
}

linebreak_line *lbt_layout(const char *s, float width, size_t *n)
{
	size_t len = strlen(s);
	float *adv = malloc((len + 1) * sizeof *adv);
	linebreak_line *lines;

	assert_non_null(adv);
	lbt_advances(s, len, adv);
	lines = lbt_fill(s, len, adv, width, n);
	lbt_check_lines(s, len, adv, width, lines, *n);
	free(adv);
	return lines;
}

bool lbt_breaks_at(const linebreak_line *lines, size_t n, size_t b)
{
	for (size_t k = 1; k < n; k++) {
		if (lines[k].start == b && lines[k - 1].end == b)
			return true;
	}
	return false;
}

/* linebreak.c — break opportunities (libunibreak, tailored by
 * linebreak_rules.c) and the greedy filler that turns them into lines.
 *
 * Filling, in the terms of linebreak.h:
 *
 * - Hard breaks first: every LINEBREAK_MUST position cuts the text into
 *   paragraphs; the break character (\n, \r\n as one, lone \r, VT, FF, NEL,
 *   U+2028, U+2029) belongs to no line. A text ending with a hard break
 *   ends with an empty line, where a caret after it would stand.
 * - Clusters: a cluster starts at the paragraph start and at every code
 *   point start whose advance is not 0; zero-advance code points (combining
 *   marks, ZWJ, a shaper's continuation of a cluster) belong to the cluster
 *   before them. A cluster's advance is the sum over its bytes. Lines break
 *   only between clusters, so never inside a code point, and never inside
 *   one a shaper made of an emoji ZWJ sequence.
 * - Spaces hang: a cluster that is exactly U+0020 or U+3000 does not count
 *   to the width of a line while only spaces follow it in that line, so
 *   trailing spaces stay in the line's bytes but never make it overflow and
 *   are not in its width. Spaces followed by more text in the same line
 *   (a paragraph's indent) count.
 * - Greedy: a line takes clusters while they fit; on the first that does
 *   not, it ends at the last LINEBREAK_ALLOW cluster boundary it has. With
 *   none (one unbreakable run wider than the line: a URL, a long word, a
 *   string of punctuation) it is cut at a cluster boundary: the last one up
 *   to the overflow that the CLREQ rules allow, else the overflow itself.
 *   The first cluster of a line always goes in, so a line is wider than the
 *   maximum only when that one cluster is.
 */
#include "linebreak.h"
#include "linebreak_impl.h"
#include "utf8.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* render/ is an INTERFACE include folder of th_render (see CMakeLists.txt),
 * so here <linebreak.h> is libunibreak's and "linebreak.h" ours (found next
 * to this file). linebreakdef.h declares set_linebreaks, which takes a
 * decoder: ours, strict, so invalid bytes are each one U+FFFD. */
#include <linebreak.h>
#include <linebreakdef.h>
#ifndef LINEBREAK_MUSTBREAK
#error "libunibreak's <linebreak.h> is shadowed: keep render/ off th_render's own include path"
#endif

_Static_assert(LINEBREAK_MUST == LINEBREAK_MUSTBREAK && LINEBREAK_ALLOW == LINEBREAK_ALLOWBREAK &&
                       LINEBREAK_NO == LINEBREAK_NOBREAK && LINEBREAK_INSIDE == LINEBREAK_INSIDEACHAR,
               "our break values are libunibreak's");

/* Texts up to this many bytes get their opportunities on the stack in
 * linebreak_fill; a note of 500 Chinese characters is about 1,500 bytes. */
#define FILL_STACK_BYTES 4096

static pthread_once_t unibreak_once = PTHREAD_ONCE_INIT;

/* What libunibreak is given for a code point:
 * - U+FFFF would stop it (it is its EOS): U+FFFD instead, both symbols of
 *   the same break class (XX/AI → AL/ID);
 * - regional indicators (the halves of flag emoji) have the class RI, which
 *   libunibreak 1.1 lists but its pair table lacks: Debian's build aborts
 *   on an assertion (lbcCur <= LBP_JT) for any flag. They go in as an emoji
 *   of class ID, and tailor() keeps the pairs together (UAX #14 LB30a). */
static utf32_t next_char(const void *s, size_t len, size_t *ip)
{
	uint32_t cp;

	if (*ip >= len)
		return EOS;
	*ip += utf8_next(s, len, *ip, &cp);
	if (cp == EOS)
		return 0xFFFD;
	return linebreak_is_regional(cp) ? 0x1F600 : cp;
}

static bool regional_at(const char *text, size_t len, size_t b)
{
	uint32_t cp;

	utf8_next(text, len, b, &cp);
	return linebreak_is_regional(cp);
}

/* Turns allowed breaks that CLREQ forbids into no-breaks, and the break
 * inside each pair of regional indicators, counted from the start of their
 * run (which linebreak_prohibits, looking at one boundary, cannot do). */
static void tailor(const char *text, size_t len, char *out)
{
	size_t b = 0, regionals = 0; /* regional indicators in a row up to b */
	uint32_t cp;

	for (;;) {
		b += utf8_next(text, len, b, &cp);
		regionals = linebreak_is_regional(cp) ? regionals + 1 : 0;
		if (b >= len)
			break;
		if (out[b - 1] != LINEBREAK_ALLOW)
			continue;
		if ((regionals % 2 == 1 && regional_at(text, len, b)) ||
		    linebreak_prohibits(text, len, b))
			out[b - 1] = LINEBREAK_NO;
	}
}

void linebreak_opportunities(const char *text, size_t len, char *out)
{
	if (!text || !out || len == 0)
		return;
	pthread_once(&unibreak_once, init_linebreak);
	set_linebreaks(text, len, "zh", out, next_char);
	out[len - 1] = LINEBREAK_MUST;
	tailor(text, len, out);
}

/* ---- filling ---- */

struct fill {
	const char *text;
	size_t len;
	const char *brks;
	const float *adv;
	float max;
	linebreak_line *out;
	size_t cap, n;
};

static void emit(struct fill *f, size_t start, size_t end, float width)
{
	if (f->n < f->cap)
		f->out[f->n] = (linebreak_line){ .start = start, .end = end, .width = width };
	f->n++;
}

/* b is inside (line start, paragraph end). */
static bool cluster_start(const struct fill *f, size_t b)
{
	return f->brks[b - 1] != LINEBREAK_INSIDE && f->adv[b] != 0.0f;
}

static size_t cluster_end(const struct fill *f, size_t cb, size_t pe, float *advance)
{
	float sum = f->adv[cb];
	size_t e = cb + 1;

	while (e < pe && !cluster_start(f, e))
		sum += f->adv[e++];
	*advance = sum;
	return e;
}

static bool is_space(const struct fill *f, size_t cb, size_t ce)
{
	const char *s = f->text + cb;

	return (ce - cb == 1 && s[0] == ' ') ||
	       (ce - cb == 3 && s[0] == '\xE3' && s[1] == '\x80' && s[2] == '\x80');
}

/* NaN and max <= 0 overflow with anything: one cluster per line. */
static bool overflows(float width, float max)
{
	return !(max > 0.0f) || width > max;
}

/* Width of [start, end) without its trailing spaces. */
static float line_width(const struct fill *f, size_t start, size_t end)
{
	float width = 0.0f, pending = 0.0f, cw;

	for (size_t cb = start, ce; cb < end; cb = ce) {
		ce = cluster_end(f, cb, end, &cw);
		if (is_space(f, cb, ce)) {
			pending += cw;
		} else {
			width += pending + cw;
			pending = 0.0f;
		}
	}
	return width;
}

/* No allowed break in the line: the last cluster boundary up to the
 * overflowing cluster at cb where CLREQ allows a break, else cb. */
static size_t forced_end(const struct fill *f, size_t start, size_t cb)
{
	for (size_t b = cb; b > start; b--) {
		if (cluster_start(f, b) && !linebreak_prohibits(f->text, f->len, b))
			return b;
	}
	return cb;
}

static size_t end_line(struct fill *f, size_t start, size_t end)
{
	emit(f, start, end, line_width(f, start, end));
	return end;
}

/* Lays out one line from start within the paragraph [start, pe); returns
 * where the next line starts. */
static size_t fill_line(struct fill *f, size_t start, size_t pe)
{
	float width = 0.0f, pending = 0.0f, cw;
	size_t best = 0;

	for (size_t cb = start, ce; cb < pe; cb = ce) {
		ce = cluster_end(f, cb, pe, &cw);
		if (cb > start && f->brks[cb - 1] == LINEBREAK_ALLOW)
			best = cb;
		if (is_space(f, cb, ce)) {
			pending += cw;
			continue;
		}
		if (cb > start && overflows(width + pending + cw, f->max))
			return end_line(f, start, best ? best : forced_end(f, start, cb));
		width += pending + cw;
		pending = 0.0f;
	}
	return end_line(f, start, pe);
}

static void fill_paragraph(struct fill *f, size_t ps, size_t pe)
{
	if (ps == pe) {
		emit(f, ps, ps, 0.0f);
		return;
	}
	for (size_t start = ps; start < pe;)
		start = fill_line(f, start, pe);
}

/* The paragraph starting at ps: OUT: *pe where its text ends; returns where
 * the next one starts, len + 1 if none does. */
static size_t paragraph_end(const struct fill *f, size_t ps, size_t *pe)
{
	for (size_t p = ps; p < f->len; p++) {
		uint32_t cp;
		size_t cp_start;

		if (f->brks[p] != LINEBREAK_MUST)
			continue;
		cp_start = p + 1 - utf8_prev(f->text, p + 1, &cp);
		if (cp_start < ps || !linebreak_is_hard(cp)) {
			/* The end of the text (or opportunities not of this text). */
			*pe = p + 1;
			return p + 1 < f->len ? p + 1 : f->len + 1;
		}
		*pe = cp_start;
		if (cp == '\n' && cp_start > ps && f->text[cp_start - 1] == '\r')
			*pe = cp_start - 1;
		return p + 1;
	}
	*pe = f->len;
	return f->len + 1;
}

size_t linebreak_fill_with(const char *text, size_t len, const char *brks, const float *advances,
                           float max_width, linebreak_line *out, size_t cap)
{
	struct fill f = {
		.text = text, .len = len, .brks = brks, .adv = advances, .max = max_width,
		.out = out, .cap = out ? cap : 0,
	};

	if (len > 0 && (!text || !brks || !advances))
		return 0;
	for (size_t ps = 0, pe; ps <= len;) {
		size_t next = paragraph_end(&f, ps, &pe);
		fill_paragraph(&f, ps, pe);
		ps = next;
	}
	return f.n;
}

size_t linebreak_fill(const char *text, size_t len, const float *advances, float max_width,
                      linebreak_line *out, size_t cap)
{
	char stack[FILL_STACK_BYTES];
	char *brks = len <= sizeof stack ? stack : malloc(len);
	size_t n;

	if (!brks)
		return 0;
	linebreak_opportunities(text, len, brks);
	n = linebreak_fill_with(text, len, brks, advances, max_width, out, cap);
	if (brks != stack)
		free(brks);
	return n;
}

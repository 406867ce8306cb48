/* bench_layout.c — figure 6: a cold layout (no layout cache) of a
 * 500-character note: itemise, shape with HarfBuzz, break lines by CLREQ,
 * place glyphs. Baseline: the naive way — shape each character on its own
 * with the primary face and wrap at whatever character overflows. */
#include "bench.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fontchain.h"
#include "layout.h"

#define LAYOUT_CHARS 500

/* A 500-character note: the typical sample repeated, with punctuation. */
static size_t note_500(char *buf, size_t cap)
{
	char part[BENCH_NOTE_MAX_BYTES];
	size_t len = 0, chars = 0;

	for (size_t k = 0; chars < LAYOUT_CHARS; k++) {
		size_t n = bench_note_text(k, part);
		for (size_t i = 0; i < n && chars < LAYOUT_CHARS && len + 4 < cap;) {
			size_t step = (part[i] & 0x80) ? ((part[i] & 0xE0) == 0xC0 ? 2 : (part[i] & 0xF0) == 0xE0 ? 3 : 4) : 1;
			memcpy(buf + len, part + i, step);
			len += step, i += step, chars++;
		}
	}
	buf[len] = '\0';
	return len;
}

/* Shapes every character alone and wraps at the overflowing one. Returns
 * the line count so the work is not optimised away. */
static size_t naive_layout(fontchain *fc, const char *text, size_t len, float size, float width)
{
	hb_font_t *font = fontchain_hb(fc, 0);
	float scale = size / (float)fontchain_upem(fc, 0), x = 0;
	hb_buffer_t *buf = hb_buffer_create();
	size_t lines = 1;

	for (size_t i = 0; i < len;) {
		size_t n = (text[i] & 0x80) ? ((text[i] & 0xE0) == 0xC0 ? 2 : (text[i] & 0xF0) == 0xE0 ? 3 : 4) : 1;
		unsigned count;
		hb_buffer_clear_contents(buf);
		hb_buffer_add_utf8(buf, text + i, (int)n, 0, (int)n);
		hb_buffer_guess_segment_properties(buf);
		hb_shape(font, buf, NULL, 0);
		hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
		float adv = count ? (float)pos[0].x_advance * scale : 0;
		if (x + adv > width) {
			lines++;
			x = 0;
		}
		x += adv;
		i += n;
	}
	hb_buffer_destroy(buf);
	return lines;
}

bool bench_layout(const bench_config *c)
{
	char msg[256], *text = malloc(4 * LAYOUT_CHARS + 8);
	timing_samples ours = {0}, base = {0};
	fontchain *fc = NULL;
	bool ok = false;

	bench_progress("figure 6: cold layout of a %d-character note vs naive per-character", LAYOUT_CHARS);
	if (!text || fontchain_open_default(&fc, msg, sizeof msg) != FONTCHAIN_OK) {
		fprintf(stderr, "treehole-bench: fonts: %s\n", fc ? "" : msg);
		goto out;
	}
	size_t len = note_500(text, 4 * LAYOUT_CHARS + 8), sink = 0;
	layout_params p = {.size_px = 32, .max_extent = 32 * 24};
	for (size_t k = 0; k < c->layout_reps + 5 && !bench_stop; k++) {
		layout *l = NULL;
		double t0 = timing_now();
		if (layout_text(fc, text, len, &p, &l) != LAYOUT_OK)
			goto out;
		double t1 = timing_now();
		sink += naive_layout(fc, text, len, p.size_px, p.max_extent);
		double t2 = timing_now();
		sink += l->nlines;
		layout_free(l);
		if (k >= 5 && (!timing_add(&ours, t1 - t0) || !timing_add(&base, t2 - t1)))
			goto out;
	}
	bench_row("6 cold layout, 500 chars, p50", BENCH_TIME, timing_percentile(&ours, 50),
	          timing_percentile(&base, 50));
	bench_row("6 cold layout, 500 chars, p99", BENCH_TIME, timing_percentile(&ours, 99),
	          timing_percentile(&base, 99));
	bench_goal_max("cold layout p50 in ms", timing_percentile(&ours, 50) * 1000, 0.5);
	bench_line("baseline: each character shaped alone, wrapped where it overflows (no CLREQ); "
	           "%zu lines laid out", sink);
	ok = true;
out:
	timing_free(&ours);
	timing_free(&base);
	fontchain_close(fc);
	free(text);
	return ok;
}

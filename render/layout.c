/* layout.c — lines and columns of positioned glyphs from shaped runs. */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"

#define DEFAULT_SPACING 1.6f

/* Everything one call works on. */
typedef struct job {
	fontchain *fc;
	const layout_params *p;
	layout *l;
	layout_shaped shaped;
	float *advances;        /* per byte: advance of the cluster starting there */
	linebreak_line *breaks;
	size_t nbreaks;
	layout_sglyph ellipsis; /* shaped "…", when the text is cut */
	float up, down;         /* the primary face's em box: ascender, descender depth, px */
} job;

static float pitch(const layout_params *p)
{
	return (p->line_spacing > 0 ? p->line_spacing : DEFAULT_SPACING) * p->size_px;
}

static bool fill_advances(job *j)
{
	j->advances = calloc(j->l->text_len + 1, sizeof *j->advances);
	if (!j->advances)
		return false;
	for (size_t k = 0; k < j->shaped.n; k++)
		j->advances[j->shaped.v[k].cluster] += j->shaped.v[k].advance;
	return true;
}

/* Opportunities once, then a counting pass and a filling pass. */
static bool break_lines(job *j)
{
	const layout *l = j->l;
	char *brks = malloc(l->text_len ? l->text_len : 1);
	linebreak_line probe;
	size_t n = 0;

	if (!brks)
		return false;
	linebreak_opportunities(l->text, l->text_len, brks);
	n = linebreak_fill_with(l->text, l->text_len, brks, j->advances, j->p->max_extent, &probe, 1);
	j->breaks = n ? malloc(n * sizeof *j->breaks) : NULL;
	if (j->breaks)
		j->nbreaks = linebreak_fill_with(l->text, l->text_len, brks, j->advances,
		                                 j->p->max_extent, j->breaks, n);
	free(brks);
	return j->breaks != NULL;
}

/* Shapes "…" alone, with whichever face covers it. */
static void shape_ellipsis(job *j)
{
	static const char dots[] = "\xE2\x80\xA6";
	layout_runs runs;
	layout_shaped s = {0};

	j->ellipsis = (layout_sglyph){.face = LAYOUT_NO_FACE, .advance = j->p->size_px};
	if (layout_itemise(j->fc, dots, 3, j->p->vertical, &runs) &&
	    layout_shape(j->fc, dots, 3, &runs, j->p->size_px, j->p->vertical, &s) && s.n == 1)
		j->ellipsis = s.v[0];
	free(runs.v);
	free(s.v);
}

/* Keeps max_lines lines and ends the last one early enough that "…" fits
 * after it, dropping whole clusters from its end. */
static void truncate_lines(job *j)
{
	float room = j->p->max_extent > 0 ? j->p->max_extent : INFINITY;
	linebreak_line *last;
	float extent = 0;

	if (j->p->max_lines <= 0 || j->nbreaks <= (size_t)j->p->max_lines)
		return;
	j->nbreaks = (size_t)j->p->max_lines;
	j->l->truncated = true;
	shape_ellipsis(j);
	last = &j->breaks[j->nbreaks - 1];
	for (size_t b = last->start; b < last->end; b++)
		extent += j->advances[b];
	while (last->end > last->start && extent + j->ellipsis.advance > room) {
		size_t prev = last->end - 1;
		while (prev > last->start && j->advances[prev] == 0)
			prev--; /* back to the start of the cluster */
		extent -= j->advances[prev];
		last->end = prev;
	}
	last->width = extent;
}

/* Where along the line the first glyph starts, for the alignment. */
static float align_offset(const layout_params *p, float extent)
{
	float slack = p->max_extent > extent ? p->max_extent - extent : 0;
	return p->align == LAYOUT_ALIGN_CENTER ? slack / 2 : p->align == LAYOUT_ALIGN_END ? slack : 0;
}

/* The primary face's ascender and descender: one em box for every line,
 * so mixed faces share a baseline. */
static void em_box(job *j)
{
	hb_font_extents_t ext;

	j->up = 0.88f * j->p->size_px;
	j->down = 0.12f * j->p->size_px;
	if (hb_font_get_h_extents(fontchain_hb(j->fc, 0), &ext)) {
		float scale = j->p->size_px / (float)fontchain_upem(j->fc, 0);
		j->up = (float)ext.ascender * scale;
		j->down = -(float)ext.descender * scale;
	}
}

/* Baseline (horizontal) below a line's top, centring the em box. */
static float baseline_in_line(const job *j)
{
	return (pitch(j->p) - (j->up + j->down)) / 2 + j->up;
}

static void put(layout *l, const layout_sglyph *s, float x, float y)
{
	l->glyphs[l->nglyphs++] = (layout_glyph){.face = s->face, .sideways = s->sideways,
	                                         .glyph = s->glyph, .x = x, .y = y,
	                                         .advance = s->advance, .cluster = s->cluster};
}

/* Places one glyph whose pen is at `along` on a line whose baseline
 * (horizontal) or centre (vertical) is `across`. A sideways glyph is drawn
 * turned 90° cw about its origin: its x offset runs down the column, its
 * y offset (up) to the right, its ascender points right. Its baseline sits
 * left of the centre so the em box is centred on the column. */
static void put_at(job *j, const layout_sglyph *s, float along, float across)
{
	if (!j->p->vertical)
		put(j->l, s, along + s->x_offset, across - s->y_offset);
	else if (s->sideways)
		put(j->l, s, across - (j->up - j->down) / 2 + s->y_offset, along + s->x_offset);
	else
		put(j->l, s, across + s->x_offset, along - s->y_offset);
}

/* Places the glyphs of line i; `along` is the pen (x or y), `across` the
 * baseline (horizontal) or column centre (vertical). */
static void place_line(job *j, size_t i, size_t *k, float along, float across)
{
	layout *l = j->l;
	linebreak_line *b = &j->breaks[i];
	layout_line *line = &l->lines[i];

	*line = (layout_line){.first = l->nglyphs, .start = b->start, .end = b->end, .extent = b->width};
	while (*k < j->shaped.n && j->shaped.v[*k].cluster < b->start)
		(*k)++;
	for (; *k < j->shaped.n && j->shaped.v[*k].cluster < b->end; (*k)++) {
		put_at(j, &j->shaped.v[*k], along, across);
		along += j->shaped.v[*k].advance;
	}
	if (l->truncated && i + 1 == j->nbreaks) {
		layout_sglyph dots = j->ellipsis;
		dots.cluster = (uint32_t)b->end;
		put_at(j, &dots, along, across);
		line->extent += dots.advance;
	}
	line->count = l->nglyphs - line->first;
}

static bool place(job *j)
{
	layout *l = j->l;
	float step = pitch(j->p), widest = 0;
	size_t k = 0;

	l->glyphs = malloc((j->shaped.n + 1) * sizeof *l->glyphs);
	l->lines = malloc(j->nbreaks * sizeof *l->lines);
	if (!l->glyphs || !l->lines)
		return false;
	l->nlines = j->nbreaks;
	for (size_t i = 0; i < j->nbreaks; i++) {
		float extent = j->breaks[i].width + (l->truncated && i + 1 == j->nbreaks
		                                             ? j->ellipsis.advance : 0);
		float along = align_offset(j->p, extent);
		float across = j->p->vertical ? ((float)j->nbreaks - (float)i - 0.5f) * step
		                              : (float)i * step + baseline_in_line(j);
		place_line(j, i, &k, along, across);
		widest = fmaxf(widest, along + extent);
	}
	float cross = (float)j->nbreaks * step;
	l->width = j->p->vertical ? cross : widest;
	l->height = j->p->vertical ? widest : cross;
	return true;
}

static bool params_ok(const layout_params *p)
{
	return p && isfinite(p->size_px) && p->size_px > 0 && isfinite(p->max_extent) &&
	       isfinite(p->line_spacing);
}

layout_status layout_text(fontchain *fc, const char *text, size_t len, const layout_params *p,
                          layout **out)
{
	job j = {.fc = fc, .p = p};
	layout_runs runs = {0};
	bool ok;

	*out = NULL;
	if (!fc || !params_ok(p) || (!text && len))
		return LAYOUT_BAD_PARAMS;
	if (!(j.l = calloc(1, sizeof *j.l)))
		return LAYOUT_NO_MEMORY;
	j.l->vertical = p->vertical;
	ok = (j.l->text = layout_repair_utf8(text ? text : "", len, &j.l->text_len)) &&
	     layout_itemise(fc, j.l->text, j.l->text_len, p->vertical, &runs) &&
	     layout_shape(fc, j.l->text, j.l->text_len, &runs, p->size_px, p->vertical, &j.shaped) &&
	     fill_advances(&j) && break_lines(&j);
	if (ok) {
		em_box(&j);
		truncate_lines(&j);
		ok = place(&j);
	}
	free(runs.v);
	free(j.shaped.v);
	free(j.advances);
	free(j.breaks);
	if (!ok) {
		layout_free(j.l);
		return LAYOUT_NO_MEMORY;
	}
	*out = j.l;
	return LAYOUT_OK;
}

void layout_free(layout *l)
{
	if (!l)
		return;
	free(l->text);
	free(l->glyphs);
	free(l->lines);
	free(l);
}

size_t layout_line_text(const layout *l, size_t i, char *buf, size_t cap)
{
	size_t n = l->lines[i].end - l->lines[i].start;
	if (cap) {
		size_t m = n < cap - 1 ? n : cap - 1;
		memcpy(buf, l->text + l->lines[i].start, m);
		buf[m] = '\0';
	}
	return n;
}

/* layout_runs.c — from bytes to shaped glyphs: UTF-8 repair, itemising
 * into runs of one face and script (and, in vertical text, of one
 * orientation: Latin words and numbers set sideways), and shaping each run
 * with HarfBuzz. */
#include "layout_internal.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

char *layout_repair_utf8(const char *in, size_t len, size_t *out_len)
{
	/* worst case: every byte becomes the 3-byte U+FFFD */
	char *out = malloc(3 * len + 1);
	size_t o = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_next(in, len, i, &cp);
		if (n == 1 && cp == 0xFFFD) { /* an invalid byte */
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += 1;
			continue;
		}
		memcpy(out + o, in + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

uint32_t layout_decode(const char *text, size_t len, size_t at, size_t *n)
{
	uint32_t cp;
	*n = utf8_next(text, len, at, &cp);
	return cp;
}

/* Code points that belong to the cluster before them and must be shaped
 * with its face: marks, joiners, variation selectors, emoji modifiers and
 * tags. */
static bool joins_previous(uint32_t cp)
{
	hb_unicode_general_category_t gc =
		hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
	return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK || cp == 0x200D ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
	       (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

static bool real_script(hb_script_t sc)
{
	return sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED && sc != HB_SCRIPT_UNKNOWN;
}

/* Appends a run; grows the array. */
static bool push_run(layout_runs *r, const layout_run *run)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		layout_run *v = realloc(r->v, cap * sizeof *v);
		if (!v)
			return false;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *run;
	return true;
}

/* What a code point is to a sideways stretch. */
typedef enum side_class {
	SIDE_OTHER,   /* ends a stretch: Han, kana, fullwidth forms, newlines, … */
	SIDE_LETTER,  /* a Latin, Greek or Cyrillic letter */
	SIDE_DIGIT,   /* 0-9 */
	SIDE_MARK,    /* stays with what comes before it */
	SIDE_LINK,    /* space or ASCII punctuation: inside a stretch, not at its ends */
	SIDE_APOS,    /* ’: inside a stretch only between two letters (I’m) */
} side_class;

static bool western_letter(uint32_t cp)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
	hb_script_t sc;

	if (gc < HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
	    gc > HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER)
		return false;
	sc = hb_unicode_script(uf, cp);
	return sc == HB_SCRIPT_LATIN || sc == HB_SCRIPT_GREEK || sc == HB_SCRIPT_CYRILLIC;
}

static side_class side_class_of(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9')
			return SIDE_DIGIT;
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return SIDE_LETTER;
		return cp >= 0x20 && cp < 0x7F ? SIDE_LINK : SIDE_OTHER;
	}
	if (cp == 0xA0)
		return SIDE_LINK;
	if (cp == 0x2019)
		return SIDE_APOS;
	/* CJK, and fullwidth forms (which are upright even where they are Latin) */
	if ((cp >= 0x2E80 && cp < 0xFE00) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000)
		return SIDE_OTHER;
	if (joins_previous(cp))
		return SIDE_MARK;
	return western_letter(cp) ? SIDE_LETTER : SIDE_OTHER;
}

static side_class side_class_at(const char *text, size_t len, size_t i, size_t *n)
{
	return side_class_of(layout_decode(text, len, i, n));
}

/* The end of the spaces and punctuation (with their marks) starting at i,
 * if a letter or digit follows them and they may join it to the stretch
 * whose last letter or digit was `last`; else i. */
static size_t link_end(const char *text, size_t len, size_t i, side_class last)
{
	size_t j = i, n, links = 0;
	bool apos = false;
	side_class c;

	while (j < len && (c = side_class_at(text, len, j, &n)) != SIDE_LETTER && c != SIDE_DIGIT) {
		if (c == SIDE_OTHER)
			return i;
		apos = apos || c == SIDE_APOS;
		links += c != SIDE_MARK;
		j += n;
	}
	if (j == len || (apos && (links != 1 || last != SIDE_LETTER ||
	                          side_class_at(text, len, j, &n) != SIDE_LETTER)))
		return i;
	return j;
}

static bool ascii_opener(char c)
{
	return c && strchr("([{<\"'", c) != NULL;
}

/* ASCII punctuation that may end a stretch: closers, stops, '%'. */
static bool ascii_closer(char c)
{
	if (c == '"' || c == '\'')
		return true;
	return c > 0x20 && c < 0x7F && !ascii_opener(c) && side_class_of((uint32_t)c) == SIDE_LINK;
}

/* The end of the stretch whose first letter or digit is at s: letters and
 * digits joined by links, then closing ASCII punctuation. OUT: *letters
 * and *cps, its letters and all its code points but marks. */
static size_t stretch_end(const char *text, size_t len, size_t s, unsigned *letters,
                          unsigned *cps)
{
	side_class last = SIDE_OTHER;
	size_t i = s, n;

	*letters = *cps = 0;
	while (i < len) {
		side_class c = side_class_at(text, len, i, &n);
		if (c == SIDE_LETTER || c == SIDE_DIGIT) {
			*letters += c == SIDE_LETTER;
			(*cps)++;
			last = c;
		} else if (c != SIDE_MARK) {
			size_t j = link_end(text, len, i, last);
			if (j == i)
				break;
			for (size_t k = i; k < j; k += n)
				*cps += side_class_at(text, len, k, &n) != SIDE_MARK;
			n = j - i;
		}
		i += n;
	}
	for (; i < len && ascii_closer(text[i]); i++) /* "you!", "30%" turn with their word */
		(*cps)++;
	return i;
}

bool layout_next_sideways(const char *text, size_t len, size_t from, size_t *start, size_t *end)
{
	for (size_t i = from, n; i < len; i += n) {
		side_class c = side_class_at(text, len, i, &n);
		unsigned letters, cps;
		size_t s = i;
		if (c != SIDE_LETTER && c != SIDE_DIGIT)
			continue;
		while (s > from && ascii_opener(text[s - 1]))
			s--;
		size_t e = stretch_end(text, len, i, &letters, &cps);
		cps += (unsigned)(i - s);
		/* a lone letter or digit, or a bare two-digit number, reads best upright */
		if (cps >= 3 || (letters >= 1 && cps == 2)) {
			*start = s;
			*end = e;
			return true;
		}
		n = e - i;
	}
	return false;
}

/* Whether byte i is in a sideways stretch; *seg holds the current or next
 * stretch ({len, len} when none is left) and moves forward with i. */
static bool in_sideways(const char *text, size_t len, size_t i, size_t seg[2])
{
	if (i >= seg[1] && !layout_next_sideways(text, len, seg[1], &seg[0], &seg[1]))
		seg[0] = seg[1] = len;
	return i >= seg[0] && i < seg[1];
}

bool layout_itemise(fontchain *fc, const char *text, size_t len, bool vertical, layout_runs *out)
{
	layout_run cur = {0};
	size_t seg[2] = {0, 0};
	bool open = false;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < len;) {
		size_t n;
		uint32_t cp = layout_decode(text, len, i, &n);
		hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
		int face = fontchain_face_for(fc, cp);
		uint16_t f = face < 0 ? LAYOUT_NO_FACE : (uint16_t)face;
		bool side = vertical && in_sideways(text, len, i, seg);
		if (open && joins_previous(cp))
			f = cur.face;
		bool script_change = open && real_script(sc) && real_script(cur.script) && sc != cur.script;
		if (open && (f != cur.face || script_change || side != cur.sideways)) {
			if (!push_run(out, &cur))
				return false;
			open = false;
		}
		if (!open) {
			cur = (layout_run){.start = i, .face = f, .script = sc, .sideways = side};
			open = true;
		}
		if (!real_script(cur.script) && real_script(sc))
			cur.script = sc;
		cur.len += n;
		i += n;
	}
	return !open || push_run(out, &cur);
}

/* Appends a shaped glyph; grows the array. */
static bool push_glyph(layout_shaped *s, const layout_sglyph *g)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		layout_sglyph *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = *g;
	return true;
}

/* One placeholder box per code point of a run no face covers. */
static bool shape_uncovered(const char *text, size_t len, const layout_run *run, float size,
                            layout_shaped *out)
{
	for (size_t i = run->start; i < run->start + run->len;) {
		size_t n;
		layout_decode(text, len, i, &n);
		layout_sglyph g = {.face = LAYOUT_NO_FACE, .glyph = 0, .cluster = (uint32_t)i,
		                   .advance = size};
		if (!push_glyph(out, &g))
			return false;
		i += n;
	}
	return true;
}

static bool shape_covered(fontchain *fc, hb_buffer_t *buf, const char *text, size_t len,
                          const layout_run *run, float size, bool vertical, layout_shaped *out)
{
	hb_font_t *font = fontchain_hb(fc, run->face);
	float scale = size / (float)fontchain_upem(fc, run->face);
	bool ttb = vertical && !run->sideways;
	hb_script_t script = real_script(run->script) ? run->script
	                     : run->sideways           ? HB_SCRIPT_LATIN
	                                               : HB_SCRIPT_HAN;
	unsigned count;

	hb_buffer_clear_contents(buf);
	/* the whole text as context, so shaping at run edges sees neighbours */
	hb_buffer_add_utf8(buf, text, (int)len, (unsigned)run->start, (int)run->len);
	hb_buffer_set_direction(buf, ttb ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, script);
	hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
	hb_shape(font, buf, NULL, 0);
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
	for (unsigned k = 0; k < count; k++) {
		/* vertical advances come out negative (y up) */
		float adv = ttb ? -(float)pos[k].y_advance : (float)pos[k].x_advance;
		layout_sglyph g = {.face = run->face, .glyph = info[k].codepoint,
		                   .cluster = info[k].cluster, .advance = adv * scale,
		                   .x_offset = (float)pos[k].x_offset * scale,
		                   .y_offset = (float)pos[k].y_offset * scale,
		                   .sideways = run->sideways};
		if (!push_glyph(out, &g))
			return false;
	}
	return true;
}

bool layout_shape(fontchain *fc, const char *text, size_t len, const layout_runs *runs, float size,
                  bool vertical, layout_shaped *out)
{
	hb_buffer_t *buf = hb_buffer_create();
	bool ok = hb_buffer_allocation_successful(buf);

	memset(out, 0, sizeof *out);
	for (size_t i = 0; ok && i < runs->n; i++) {
		const layout_run *run = &runs->v[i];
		ok = run->face == LAYOUT_NO_FACE
		             ? shape_uncovered(text, len, run, size, out)
		             : shape_covered(fc, buf, text, len, run, size, vertical, out);
	}
	hb_buffer_destroy(buf);
	return ok;
}

/* layout_runs.c — from bytes to shaped glyphs: UTF-8 repair, itemising
 * into runs of one face and script, and shaping each run with HarfBuzz. */
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

bool layout_itemise(fontchain *fc, const char *text, size_t len, layout_runs *out)
{
	layout_run cur = {0};
	bool open = false;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < len;) {
		size_t n;
		uint32_t cp = layout_decode(text, len, i, &n);
		hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
		int face = fontchain_face_for(fc, cp);
		uint16_t f = face < 0 ? LAYOUT_NO_FACE : (uint16_t)face;
		if (open && joins_previous(cp))
			f = cur.face;
		bool script_change = open && real_script(sc) && real_script(cur.script) && sc != cur.script;
		if (open && (f != cur.face || script_change)) {
			if (!push_run(out, &cur))
				return false;
			open = false;
		}
		if (!open) {
			cur = (layout_run){.start = i, .len = 0, .face = f, .script = sc};
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
	unsigned count;

	hb_buffer_clear_contents(buf);
	/* the whole text as context, so shaping at run edges sees neighbours */
	hb_buffer_add_utf8(buf, text, (int)len, (unsigned)run->start, (int)run->len);
	hb_buffer_set_direction(buf, vertical ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, real_script(run->script) ? run->script : HB_SCRIPT_HAN);
	hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
	hb_shape(font, buf, NULL, 0);
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
	for (unsigned k = 0; k < count; k++) {
		/* vertical advances come out negative (y up) */
		float adv = vertical ? -(float)pos[k].y_advance : (float)pos[k].x_advance;
		layout_sglyph g = {.face = run->face, .glyph = info[k].codepoint,
		                   .cluster = info[k].cluster, .advance = adv * scale,
		                   .x_offset = (float)pos[k].x_offset * scale,
		                   .y_offset = (float)pos[k].y_offset * scale};
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

/* ui.c — immediate-mode widgets on one SDL_Renderer. */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"

#define ARC_STEPS 6                       /* segments per rounded corner */
#define RING_POINTS (4 * (ARC_STEPS + 1))

void ui_begin(ui *u, int w, int h, float px_per_mm)
{
	u->nhits = 0;
	u->tap_taken = false;
	u->w = w;
	u->h = h;
	u->px_per_mm = px_per_mm;
}

void ui_end(ui *u)
{
	memcpy(u->last, u->hits, u->nhits * sizeof u->hits[0]);
	u->nlast = u->nhits;
	u->tap_pending = false;
}

void ui_tap(ui *u, float x, float y)
{
	u->tap_pending = true;
	u->tap_x = x;
	u->tap_y = y;
}

float ui_mm(const ui *u, float mm)
{
	return mm * u->px_per_mm;
}

/* The outline of a rounded rectangle inset by `inset`, clockwise. */
static void ring(SDL_FRect rc, float radius, float inset, SDL_FPoint out[RING_POINTS])
{
	float r = fmaxf(radius - inset, 0.0f);
	float cx[4] = { rc.x + rc.w - radius, rc.x + rc.w - radius, rc.x + radius, rc.x + radius };
	float cy[4] = { rc.y + radius, rc.y + rc.h - radius, rc.y + rc.h - radius, rc.y + radius };
	size_t n = 0;

	for (int c = 0; c < 4; c++) {
		for (int s = 0; s <= ARC_STEPS; s++) {
			float a = 3.14159265f * (-0.5f + 0.5f * (float)c + 0.5f * (float)s / ARC_STEPS);
			out[n++] = (SDL_FPoint){ cx[c] + r * cosf(a), cy[c] + r * sinf(a) };
		}
	}
}

static SDL_Vertex vertex(SDL_FPoint p, SDL_Color c)
{
	return (SDL_Vertex){ .position = p, .color = c };
}

static float clamp_radius(SDL_FRect rc, float radius)
{
	return fmaxf(0.0f, fminf(radius, fminf(rc.w, rc.h) / 2.0f));
}

void ui_fill(ui *u, SDL_FRect rc, float radius, SDL_Color c)
{
	SDL_FPoint p[RING_POINTS];
	SDL_Vertex v[RING_POINTS + 1];
	int idx[RING_POINTS * 3];

	SDL_SetRenderDrawBlendMode(u->r, SDL_BLENDMODE_BLEND);
	radius = clamp_radius(rc, radius);
	if (radius < 0.5f) {
		SDL_SetRenderDrawColor(u->r, c.r, c.g, c.b, c.a);
		SDL_RenderFillRectF(u->r, &rc);
		return;
	}
	ring(rc, radius, 0.0f, p);
	v[0] = vertex((SDL_FPoint){ rc.x + rc.w / 2, rc.y + rc.h / 2 }, c);
	for (int i = 0; i < RING_POINTS; i++) {
		v[i + 1] = vertex(p[i], c);
		idx[3 * i] = 0;
		idx[3 * i + 1] = i + 1;
		idx[3 * i + 2] = (i + 1) % RING_POINTS + 1;
	}
	SDL_RenderGeometry(u->r, NULL, v, RING_POINTS + 1, idx, RING_POINTS * 3);
}

void ui_outline(ui *u, SDL_FRect rc, float radius, float thick, SDL_Color c)
{
	SDL_FPoint outer[RING_POINTS], inner[RING_POINTS];
	SDL_Vertex v[2 * RING_POINTS];
	int idx[RING_POINTS * 6];

	radius = clamp_radius(rc, radius);
	ring(rc, radius, 0.0f, outer);
	ring((SDL_FRect){ rc.x + thick, rc.y + thick, rc.w - 2 * thick, rc.h - 2 * thick },
	     fmaxf(radius - thick, 0.0f), 0.0f, inner);
	for (int i = 0; i < RING_POINTS; i++) {
		int j = (i + 1) % RING_POINTS;
		v[2 * i] = vertex(outer[i], c);
		v[2 * i + 1] = vertex(inner[i], c);
		int *t = &idx[6 * i];
		t[0] = 2 * i, t[1] = 2 * j, t[2] = 2 * i + 1;
		t[3] = 2 * i + 1, t[4] = 2 * j, t[5] = 2 * j + 1;
	}
	SDL_SetRenderDrawBlendMode(u->r, SDL_BLENDMODE_BLEND);
	SDL_RenderGeometry(u->r, NULL, v, 2 * RING_POINTS, idx, RING_POINTS * 6);
}

const layout *ui_layout(ui *u, const char *text, size_t len, float size_px, float max_w,
                        layout_align align, bool vertical, int max_lines)
{
	layout_params p = {
		.size_px = size_px, .max_extent = max_w, .max_lines = max_lines,
		.align = align, .vertical = vertical,
	};
	return layout_cache_get(u->lc, text, len, &p);
}

void ui_draw(ui *u, const layout *l, float size_px, float x, float y, SDL_Color c)
{
	/* A failed draw leaves a gap in one frame; the next frame tries again,
	 * and nothing about it is worth a passenger's attention. */
	(void)draw_layout(u->at, l, size_px, x, y, c);
}

float ui_label(ui *u, const char *text, float size_px, SDL_FRect box, layout_align align,
               bool centre_v, SDL_Color c)
{
	const layout *l = ui_layout(u, text, strlen(text), size_px, box.w, align, false, 0);
	float y = box.y;

	if (!l)
		return 0.0f;
	if (centre_v)
		y += (box.h - l->height) / 2.0f;
	ui_draw(u, l, size_px, box.x, y, c);
	return l->height;
}

static bool take_tap(ui *u, SDL_FRect rc)
{
	SDL_FPoint p = { u->tap_x, u->tap_y };

	if (!u->tap_pending || !SDL_PointInFRect(&p, &rc))
		return false;
	u->tap_pending = false;
	u->tap_taken = true;
	return true;
}

bool ui_area(ui *u, const char *id, SDL_FRect rc)
{
	if (u->nhits < UI_MAX_HITS) {
		ui_hit *h = &u->hits[u->nhits++];
		snprintf(h->id, sizeof h->id, "%s", id);
		h->rect = rc;
	}
	return take_tap(u, rc);
}

static void button_colours(ui_style style, SDL_Color *fill, SDL_Color *line, SDL_Color *text)
{
	static const SDL_Color none = { 0, 0, 0, 0 };

	switch (style) {
	case UI_PRIMARY: *fill = UI_ACCENT, *line = none, *text = UI_BG; break;
	case UI_SELECTED: *fill = UI_LIGHT, *line = none, *text = UI_BG; break;
	case UI_WARN: *fill = UI_DANGER, *line = none, *text = UI_LIGHT; break;
	case UI_ON_PAPER: *fill = none, *line = UI_INK_SOFT, *text = UI_INK; break;
	case UI_QUIET:
	default: *fill = none, *line = UI_DIM, *text = UI_LIGHT; break;
	}
}

bool ui_button(ui *u, const char *id, SDL_FRect rc, const char *label, float size_px,
               ui_style style)
{
	SDL_Color fill, line, text;
	float radius = fminf(rc.h / 2.0f, ui_mm(u, 3.0f));

	button_colours(style, &fill, &line, &text);
	if (fill.a)
		ui_fill(u, rc, radius, fill);
	if (line.a)
		ui_outline(u, rc, radius, fmaxf(1.0f, ui_mm(u, 0.35f)), line);
	ui_label(u, label, size_px, (SDL_FRect){ rc.x + 4, rc.y, rc.w - 8, rc.h }, LAYOUT_ALIGN_CENTER,
	         true, text);
	return ui_area(u, id, rc);
}

bool ui_find(const ui *u, const char *id, SDL_FRect *rc)
{
	for (size_t i = u->nlast; i-- > 0;) {
		if (strcmp(u->last[i].id, id) == 0) {
			*rc = u->last[i].rect;
			return true;
		}
	}
	return false;
}

void ui_list_ids(const ui *u, char *buf, size_t cap)
{
	size_t used = 0;

	if (cap)
		buf[0] = '\0';
	for (size_t i = 0; i < u->nlast && used + 1 < cap; i++) {
		int n = snprintf(buf + used, cap - used, "%s%s", used ? " " : "", u->last[i].id);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

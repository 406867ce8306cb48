/* ime_hand.c — the handwriting character pad: write one character in the
 * box, Zinnia classifies it on every pen-up, the best candidates go to
 * the candidate bar, and a short pause commits the first one.
 *
 * The pad keeps its own copy of the strokes only to draw them, in locked
 * memory, wiped with every character. */
#include "ime.h"
#include "ime_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"
#include "vault.h"

#define HAND_PAUSE_MS 1200      /* a pause this long after pen-up commits */
#define HAND_CANDIDATES 8

void ime_hand_start(app *a)
{
	ime_hand *h = &a->ime->hand;
	hwr_status st = hwr_open(NULL, &h->hw);

	if (st != HWR_OK) {
		h->failed = true;
		klog_error("ime", "handwriting: %s", hwr_status_message(st));
		return;
	}
	h->xy = vault_alloc(2 * IME_HAND_MAX_POINTS * sizeof *h->xy);
	h->stroke_of = vault_alloc(IME_HAND_MAX_POINTS * sizeof *h->stroke_of);
	if (!h->xy || !h->stroke_of) {
		ime_hand_stop(a);
		h->failed = true;
	}
}

void ime_hand_stop(app *a)
{
	ime_hand *h = &a->ime->hand;

	hwr_destroy(h->hw);
	vault_free(h->xy);
	vault_free(h->stroke_of);
	h->hw = NULL;
	h->xy = NULL;
	h->stroke_of = NULL;
}

void ime_hand_clear(app *a)
{
	ime_hand *h = &a->ime->hand;

	if (!h->hw)
		return;
	hwr_clear(h->hw);
	vault_wipe(h->xy, 2 * h->npoints * sizeof *h->xy);
	vault_wipe(h->stroke_of, h->npoints * sizeof *h->stroke_of);
	h->npoints = h->nstrokes = 0;
	h->drawing = h->have_result = false;
}

static void commit(app *a, size_t i)
{
	const char *c = hwr_candidate(a->ime->hand.hw, i);

	if (c)
		ime_insert(a, c);
	ime_hand_clear(a);
}

/* A segment as a quad `w` px thick, with round-ish ends from the dots
 * drawn at every point. */
static void segment(app *a, SDL_FPoint p, SDL_FPoint q, float w, SDL_Color c)
{
	float dx = q.x - p.x, dy = q.y - p.y, len = sqrtf(dx * dx + dy * dy);
	SDL_Vertex v[4];
	int idx[6] = { 0, 1, 2, 2, 1, 3 };

	if (len < 0.01f)
		return;
	dx = dx / len * w / 2, dy = dy / len * w / 2;
	v[0] = (SDL_Vertex){ { p.x - dy, p.y + dx }, c, { 0, 0 } };
	v[1] = (SDL_Vertex){ { p.x + dy, p.y - dx }, c, { 0, 0 } };
	v[2] = (SDL_Vertex){ { q.x - dy, q.y + dx }, c, { 0, 0 } };
	v[3] = (SDL_Vertex){ { q.x + dy, q.y - dx }, c, { 0, 0 } };
	SDL_RenderGeometry(a->r, NULL, v, 4, idx, 6);
}

static void draw_strokes(app *a, SDL_FRect box)
{
	ime_hand *h = &a->ime->hand;
	float w = fmaxf(3.0f, box.w / 40.0f);

	for (size_t i = 0; i < h->npoints; i++) {
		SDL_FPoint p = { box.x + h->xy[2 * i], box.y + h->xy[2 * i + 1] };
		ui_fill(&a->ui, (SDL_FRect){ p.x - w / 2, p.y - w / 2, w, w }, w / 2, UI_INK);
		if (i > 0 && h->stroke_of[i] == h->stroke_of[i - 1])
			segment(a, (SDL_FPoint){ box.x + h->xy[2 * i - 2], box.y + h->xy[2 * i - 1] }, p, w,
			        UI_INK);
	}
}

/* The box: paper with a faint 米 grid, as Chinese practice paper has. */
static void draw_box(app *a, SDL_FRect box)
{
	SDL_Color guide = { 0xD9, 0xCF, 0xBF, 0xFF };

	ui_fill(&a->ui, box, ui_mm(&a->ui, 2.0f), UI_PAPER);
	SDL_SetRenderDrawColor(a->r, guide.r, guide.g, guide.b, guide.a);
	SDL_RenderDrawLineF(a->r, box.x + box.w / 2, box.y, box.x + box.w / 2, box.y + box.h);
	SDL_RenderDrawLineF(a->r, box.x, box.y + box.h / 2, box.x + box.w, box.y + box.h / 2);
	SDL_RenderDrawLineF(a->r, box.x, box.y, box.x + box.w, box.y + box.h);
	SDL_RenderDrawLineF(a->r, box.x + box.w, box.y, box.x, box.y + box.h);
}

void ime_hand_frame(app *a, SDL_FRect area)
{
	ime_hand *h = &a->ime->hand;
	float side = fminf(area.h, area.w * 0.6f), gap = ui_mm(&a->ui, 3.0f);
	SDL_FRect box = { area.x + (area.w - side) / 2, area.y, side, side };
	SDL_FRect clear = { box.x + box.w + gap, box.y + box.h - ui_mm(&a->ui, 12.0f),
		            ui_mm(&a->ui, 28.0f), ui_mm(&a->ui, 12.0f) };

	if (!h->hw) {
		char line[256];
		snprintf(line, sizeof line, _("Handwriting input needs the Debian package %s."),
		         HWR_PACKAGE);
		ui_label(&a->ui, line, app_small_px(a), area, LAYOUT_ALIGN_CENTER, true, UI_DIM);
		return;
	}
	if (h->have_result && !h->drawing && app_now(a) - h->lifted_at >= HAND_PAUSE_MS &&
	    hwr_count(h->hw) > 0)
		commit(a, 0);
	h->box = box;
	draw_box(a, box);
	draw_strokes(a, box);
	if (!h->npoints)
		ui_label(&a->ui, _("Write one character here"), app_small_px(a),
		         (SDL_FRect){ box.x, box.y + box.h - app_small_px(a) * 2.2f, box.w,
		                      app_small_px(a) * 2 }, LAYOUT_ALIGN_CENTER, true, UI_INK_SOFT);
	if (h->npoints && ui_button(&a->ui, "ime_hand_clear", clear, _("Clear"), app_small_px(a),
	                            UI_QUIET))
		ime_hand_clear(a);
}

bool ime_hand_candidates(app *a, SDL_FRect bar)
{
	ime_hand *h = &a->ime->hand;
	size_t n = h->hw && h->have_result ? hwr_count(h->hw) : 0;
	float x = bar.x, w = bar.h * 1.3f, size = fminf(bar.h * 0.6f, app_text_px(a));

	for (size_t i = 0; i < n && x + w <= bar.x + bar.w; i++, x += w + 2) {
		char id[UI_ID_MAX];
		snprintf(id, sizeof id, "ime_hand_%u", (unsigned)(i + 1) % 100u);
		if (ui_button(&a->ui, id, (SDL_FRect){ x, bar.y, w, bar.h }, hwr_candidate(h->hw, i), size,
		              i == 0 ? UI_SELECTED : UI_QUIET)) {
			commit(a, i);
			break;
		}
	}
	return n > 0;
}

static void add_point(app *a, float x, float y)
{
	ime_hand *h = &a->ime->hand;
	float px = fminf(fmaxf(x - h->box.x, 0.0f), h->box.w);
	float py = fminf(fmaxf(y - h->box.y, 0.0f), h->box.h);

	if (h->npoints >= IME_HAND_MAX_POINTS ||
	    hwr_add_point(h->hw, h->nstrokes, px, py) != HWR_OK)
		return;
	h->xy[2 * h->npoints] = px;
	h->xy[2 * h->npoints + 1] = py;
	h->stroke_of[h->npoints++] = (uint16_t)h->nstrokes;
}

bool ime_hand_pointer(app *a, app_pointer phase, float x, float y)
{
	ime_hand *h = &a->ime->hand;
	SDL_FPoint p = { x, y };

	if (!h->hw)
		return false;
	switch (phase) {
	case APP_POINTER_DOWN:
		if (!SDL_PointInFRect(&p, &h->box) || h->nstrokes >= HWR_MAX_STROKES)
			return false;
		if (h->nstrokes == 0 && !hwr_begin(h->hw, h->box.w, h->box.h))
			return false;
		h->drawing = true;
		add_point(a, x, y);
		return true;
	case APP_POINTER_MOVE:
		add_point(a, x, y);
		return true;
	case APP_POINTER_UP:
	default:
		add_point(a, x, y);
		hwr_end_stroke(h->hw);
		h->nstrokes++;
		h->drawing = false;
		h->have_result = hwr_classify(h->hw, HAND_CANDIDATES) > 0;
		h->lifted_at = app_now(a);
		return true;
	}
}

uint64_t ime_hand_wake(app *a)
{
	ime_hand *h = &a->ime->hand;
	uint64_t since = app_now(a) - h->lifted_at;

	if (!h->hw || !h->have_result || h->drawing)
		return UINT64_MAX;
	return since >= HAND_PAUSE_MS ? 0 : HAND_PAUSE_MS - since;
}

/* screen_compose.c — writing the note: the draft on paper, the input
 * method's preedit inline at the caret, a length counter, Cancel, Submit.
 *
 * The draft lives in the editbuf (locked memory). Its layout is made here
 * with layout_text, not through the shared cache, and is wiped before it
 * is freed: glyph ids and positions spell the text as surely as its bytes.
 * Submit, Cancel and the idle countdown all wipe the draft; a failed
 * submit keeps it, so nothing a passenger wrote is lost to a full disk. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "i18n.h"
#include "ime.h"
#include "klog.h"
#include "vault.h"

#define BLINK_MS 600

static void wipe_layout(layout *l)
{
	if (!l)
		return;
	vault_wipe(l->text, l->text_len);
	vault_wipe(l->glyphs, l->nglyphs * sizeof *l->glyphs);
	layout_free(l);
}

static void compose_enter(app *a)
{
	editbuf_clear(a->compose.draft);
	ime_reset(a);
	canvas_clear(a->compose.canvas);
	a->compose.ink_mode = false;
	a->compose.error = NULL;
	a->last_input = app_now(a);
	a->want_text = true;
	SDL_StartTextInput();
}

static void compose_leave(app *a)
{
	editbuf_clear(a->compose.draft);
	ime_reset(a);
	canvas_clear(a->compose.canvas);
	vault_wipe(a->compose.display, COMPOSE_DISPLAY_MAX);
	a->compose.error = NULL;
	a->want_text = false;
	SDL_StopTextInput();
}

/* The page as an ink note: encoded, sealed, the plain bytes wiped. */
static status submit_ink(app *a)
{
	uint8_t *body = NULL;
	size_t len = 0;
	status st = canvas_encode(a->compose.canvas, &body, &len);

	if (st == STATUS_INK_INVALID && !canvas_has_ink(a->compose.canvas))
		return STATUS_TEXT_EMPTY;
	if (!st)
		st = store_submit(a->st, NOTE_KIND_INK, a->compose.mood, body, len, NULL);
	if (body)
		vault_wipe(body, len);
	free(body);
	return st;
}

static void submit(app *a)
{
	compose_state *c = &a->compose;
	status st = c->ink_mode ? submit_ink(a)
	                        : store_submit_text(a->st, c->mood, editbuf_text(c->draft),
	                                            editbuf_len(c->draft), NULL);

	if (st == STATUS_OK) {
		a->thanks.mood = c->mood;
		app_go(a, SCREEN_THANKS);
		return;
	}
	switch (st) {
	case STATUS_TEXT_EMPTY:
	case STATUS_TEXT_BLANK: c->error = N_("Write a few words first."); break;
	case STATUS_DISK_FULL:
		c->error = N_("The tablet's storage is full. Your note was not saved; please tell the "
		              "driver or staff.");
		break;
	default: c->error = N_("Something went wrong. Your note was not saved; please try again.");
	}
	if (st != STATUS_TEXT_EMPTY && st != STATUS_TEXT_BLANK)
		klog_error("compose", "cannot seal a note: %s", status_message(st));
}

/* The draft with the preedit spliced in at the caret, in locked memory.
 * OUT: *caret_at and *pre_len in the result. Returns its length. */
static size_t display_text(app *a, size_t *pre_at, size_t *pre_len, size_t *caret_at)
{
	compose_state *c = &a->compose;
	size_t len = editbuf_len(c->draft), caret = editbuf_caret(c->draft), plen, pcaret;
	const char *pre = editbuf_preedit(c->draft, &plen, &pcaret);
	const char *text = editbuf_text(c->draft);

	memcpy(c->display, text, caret);
	memcpy(c->display + caret, pre, plen);
	memcpy(c->display + caret + plen, text + caret, len - caret);
	c->display[len + plen] = '\0';
	*pre_at = caret;
	*pre_len = plen;
	*caret_at = caret + (plen ? pcaret : 0);
	return len + plen;
}

/* Where the caret goes: before the first glyph of its cluster or later,
 * else after the last glyph. OUT: *x, *y (baseline). */
static void caret_pos(const layout *l, size_t at, float size, float *x, float *y)
{
	*x = 0;
	*y = size;
	for (size_t i = 0; i < l->nglyphs; i++) {
		const layout_glyph *g = &l->glyphs[i];
		if (g->cluster >= at) {
			*x = g->x, *y = g->y;
			return;
		}
		*x = g->x + g->advance, *y = g->y;
	}
	/* After a trailing newline the caret starts the next line. */
	if (l->text_len && l->text[l->text_len - 1] == '\n' && at >= l->text_len)
		*x = 0, *y += size * 1.6f;
}

static void draw_preedit(app *a, const layout *l, size_t from, size_t n, float size,
                         SDL_FPoint o)
{
	SDL_SetRenderDrawColor(a->r, UI_ACCENT.r, UI_ACCENT.g, UI_ACCENT.b, 0xFF);
	for (size_t i = 0; n && i < l->nglyphs; i++) {
		const layout_glyph *g = &l->glyphs[i];
		if (g->cluster >= from && g->cluster < from + n) {
			SDL_FRect u = { o.x + g->x, o.y + g->y + size * 0.18f, g->advance, 2 };
			SDL_RenderFillRectF(a->r, &u);
		}
	}
}

static void draw_editor(app *a, SDL_FRect paper)
{
	compose_state *c = &a->compose;
	float size = app_text_px(a), pad = ui_mm(&a->ui, 6.0f), cx, cy;
	size_t pre_at, pre_len, caret, n = display_text(a, &pre_at, &pre_len, &caret);
	layout_params p = { .size_px = size, .max_extent = paper.w - 2 * pad };
	layout *l = NULL;
	SDL_FPoint o = { paper.x + pad, paper.y + pad };
	float shift = 0;

	ui_fill(&a->ui, paper, ui_mm(&a->ui, 2.5f), UI_PAPER);
	if (n == 0) {
		ui_label(&a->ui, _("Write here…"), size, (SDL_FRect){ o.x, o.y, p.max_extent, size * 2 },
		         LAYOUT_ALIGN_START, false, UI_INK_SOFT);
	}
	if (layout_text(a->fc, c->display, n, &p, &l) != LAYOUT_OK)
		return;
	caret_pos(l, caret, size, &cx, &cy);
	/* Keep the caret's line on the paper: scroll up by whole lines. */
	while (cy - shift + size * 0.4f > paper.h - 2 * pad)
		shift += size * 1.6f;
	o.y -= shift;
	SDL_RenderSetClipRect(a->r, &(SDL_Rect){ (int)paper.x, (int)paper.y, (int)paper.w,
	                                         (int)paper.h });
	ui_draw(&a->ui, l, size, o.x, o.y, UI_INK);
	draw_preedit(a, l, pre_at, pre_len, size, o);
	if ((app_now(a) / BLINK_MS) % 2 == 0 || app_now(a) - a->last_input < BLINK_MS)
		ui_fill(&a->ui, (SDL_FRect){ o.x + cx - 1, o.y + cy - size * 0.95f, 2, size * 1.2f }, 0,
		        UI_ACCENT);
	SDL_RenderSetClipRect(a->r, NULL);
	if (a->win)
		SDL_SetTextInputRect(&(SDL_Rect){ (int)(o.x + cx), (int)(o.y + cy - size), 2,
		                                  (int)(size * 1.4f) });
	wipe_layout(l);
}

/* The idle countdown over the page; true once it ran out. */
static bool countdown(app *a)
{
	uint64_t idle = app_now(a) - a->last_input, start = (uint64_t)a->opt.idle_s * 1000;
	uint64_t end = start + (uint64_t)a->opt.countdown_s * 1000;
	float W = (float)a->w, H = (float)a->h, size = app_title_px(a);
	char line[128];

	if (idle < start)
		return false;
	if (idle >= end)
		return true;
	ui_fill(&a->ui, (SDL_FRect){ 0, 0, W, H }, 0, (SDL_Color){ 0x1E, 0x1D, 0x24, 0xE8 });
	snprintf(line, sizeof line, _("This page clears in %d s"), (int)((end - idle + 999) / 1000));
	ui_label(&a->ui, line, size, (SDL_FRect){ 0, H * 0.35f, W, size * 2 }, LAYOUT_ALIGN_CENTER,
	         true, UI_LIGHT);
	ui_label(&a->ui, _("Tap to keep writing"), app_text_px(a),
	         (SDL_FRect){ 0, H * 0.35f + size * 2.5f, W, size * 2 }, LAYOUT_ALIGN_CENTER, true,
	         UI_DIM);
	ui_area(&a->ui, "keep", (SDL_FRect){ 0, 0, W, H });   /* any tap resets the idle time */
	return false;
}

/* Cancel, the mood (tap to change it), the length, Submit. */
static void draw_top(app *a, SDL_FRect bar)
{
	float text = app_text_px(a), gap = ui_mm(&a->ui, 3.0f);
	float bw = fminf(ui_mm(&a->ui, 55.0f), bar.w / 3.5f), mw = ui_mm(&a->ui, 30.0f);
	SDL_FRect cancel = { bar.x, bar.y, bw * 0.75f, bar.h };
	SDL_FRect mood = { cancel.x + cancel.w + gap, bar.y, mw, bar.h };
	SDL_FRect submit_rc = { bar.x + bar.w - bw, bar.y, bw, bar.h };
	SDL_FRect mode = { mood.x + mw + gap, bar.y, bw, bar.h };
	SDL_FRect count_rc = { mode.x + bw + gap, bar.y, submit_rc.x - gap - (mode.x + bw + gap), bar.h };
	size_t n = editbuf_chars(a->compose.draft);
	char count[48];

	snprintf(count, sizeof count, "%zu / %d", n, NOTE_TEXT_MAX_CHARS);
	if (!a->compose.ink_mode)
		ui_label(&a->ui, count, app_small_px(a), count_rc, LAYOUT_ALIGN_END, true,
		         n >= NOTE_TEXT_MAX_CHARS ? UI_ACCENT : UI_DIM);
	if (ui_button(&a->ui, "ink", mode, a->compose.ink_mode ? _("Type") : _("Write by hand"),
	              app_small_px(a) * 1.1f, UI_QUIET)) {
		a->compose.ink_mode = !a->compose.ink_mode;
		a->compose.error = NULL;
		ime_reset(a);
	} else if (ui_button(&a->ui, "cancel", cancel, _("Cancel"), text, UI_QUIET))
		app_go(a, SCREEN_FEED);
	else if (ui_button(&a->ui, "mood", mood, app_mood_name(a->compose.mood), text, UI_SELECTED))
		app_go(a, SCREEN_MOOD);
	else if (ui_button(&a->ui, "submit", submit_rc, _("Seal and submit"), text, UI_PRIMARY))
		submit(a);
}

static void compose_frame(app *a)
{
	compose_state *c = &a->compose;
	float m = ui_mm(&a->ui, 5.0f), W = (float)a->w, H = (float)a->h, text = app_text_px(a);
	float bh = fmaxf(ui_mm(&a->ui, 12.0f), text * 2.0f), small = app_small_px(a);
	SDL_FRect top = { m, m, W - 2 * m, bh };
	float below = top.y + bh + m * 0.6f, avail = H - below - m;
	float keys = fminf(ime_height(a, W - 2 * m), avail * 0.62f);
	SDL_FRect paper = { m, below, W - 2 * m, avail - keys - small * 1.9f };
	SDL_FRect err = { m, paper.y + paper.h, W - 2 * m, small * 1.9f };
	SDL_FRect panel = { m, err.y + err.h, W - 2 * m, H - m - (err.y + err.h) };

	if (countdown(a)) {
		app_go(a, SCREEN_FEED);
		return;
	}
	if (app_now(a) - a->last_input >= (uint64_t)a->opt.idle_s * 1000)
		return;    /* the countdown covers the page */
	if (c->ink_mode) {
		float tb = fmaxf(ui_mm(&a->ui, 11.0f), text * 1.8f);
		SDL_FRect tools = { m, H - m - tb, W - 2 * m, tb };
		SDL_FRect page = { m, below, W - 2 * m, tools.y - below - small * 1.9f };
		err.y = page.y + page.h;
		canvas_frame(c->canvas, page, tools);
	} else {
		draw_editor(a, paper);
		ime_frame(a, panel);
	}
	if (c->error)
		ui_label(&a->ui, _(c->error), small, err, LAYOUT_ALIGN_CENTER, true, UI_ACCENT);
	draw_top(a, top);
}

void compose_insert(app *a, const char *s, size_t n)
{
	editbuf_status st = editbuf_insert(a->compose.draft, s, n);

	a->compose.error = NULL;
	if (st == EDITBUF_TOO_LONG)
		a->compose.error = N_("That would make the note too long: at most 2000 characters.");
	else if (st)
		a->compose.error = N_("Some of that text cannot be used in a note.");
}

static void paste(app *a)
{
	char *clip = SDL_HasClipboardText() ? SDL_GetClipboardText() : NULL;

	if (clip) {
		size_t n = strlen(clip);
		compose_insert(a, clip, n);
		vault_wipe(clip, n);
	}
	SDL_free(clip);
}

static bool key(app *a, const SDL_KeyboardEvent *k)
{
	editbuf *b = a->compose.draft;
	size_t plen;

	editbuf_preedit(b, &plen, NULL);
	if (plen)
		return false;    /* the input method owns the keys while composing */
	switch (k->keysym.sym) {
	case SDLK_BACKSPACE: return editbuf_backspace(b), true;
	case SDLK_DELETE: return editbuf_delete(b), true;
	case SDLK_LEFT: return editbuf_left(b), true;
	case SDLK_RIGHT: return editbuf_right(b), true;
	case SDLK_HOME: return editbuf_home(b), true;
	case SDLK_END: return editbuf_end(b), true;
	case SDLK_RETURN:
	case SDLK_KP_ENTER: return compose_insert(a, "\n", 1), true;
	case SDLK_v:
		if (!(k->keysym.mod & KMOD_CTRL))
			return false;
		paste(a);
		return true;
	default: return false;
	}
}

/* SDL gives the preedit's cursor in code points; the editbuf in bytes. */
static void set_preedit(editbuf *b, const char *text, Sint32 start)
{
	size_t n = strlen(text), at = 0;

	for (Sint32 cp = 0; at < n && cp < start; cp++)
		for (at++; at < n && ((unsigned char)text[at] & 0xC0) == 0x80; at++)
			;
	editbuf_set_preedit(b, text, n, at);
}

static bool compose_pointer(app *a, app_pointer phase, float x, float y)
{
	if (a->compose.ink_mode)
		return canvas_pointer(a->compose.canvas, phase, x, y);
	return ime_pointer(a, phase, x, y);
}

static bool compose_event(app *a, const SDL_Event *ev)
{
	editbuf *b = a->compose.draft;

	switch (ev->type) {
	case SDL_TEXTINPUT:
		editbuf_set_preedit(b, NULL, 0, 0);
		compose_insert(a, ev->text.text, strlen(ev->text.text));
		return true;
	case SDL_TEXTEDITING:
		set_preedit(b, ev->edit.text, ev->edit.start);
		return true;
	case SDL_TEXTEDITING_EXT:
		set_preedit(b, ev->editExt.text, ev->editExt.start);
		return true;
	case SDL_KEYDOWN:
		return key(a, &ev->key);
	default:
		return false;
	}
}

static uint64_t compose_wake(app *a)
{
	uint64_t idle = app_now(a) - a->last_input, start = (uint64_t)a->opt.idle_s * 1000;

	if (idle >= start)
		return 1000 - (idle - start) % 1000;   /* the countdown's seconds */
	return SDL_min(SDL_min(BLINK_MS - app_now(a) % BLINK_MS, start - idle), ime_wake(a));
}

const screen_ops screen_compose = {
	.enter = compose_enter, .leave = compose_leave, .frame = compose_frame,
	.event = compose_event, .wake = compose_wake, .pointer = compose_pointer,
};

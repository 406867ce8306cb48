/* screen_feed.c — the attract screen: approved notes rotate as cards.
 *
 * A card stays card_s seconds, then fades into the next one from the
 * store's shuffled rotation. The whole page drifts a few millimetres
 * over minutes so a still screen does not burn in. Between animations the
 * screen sleeps: it asks for a frame only when the card changes, while a
 * fade runs, and every few seconds for the drift. */
#include "app.h"

#include <math.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"

#define FADE_MS 1200
#define FRAME_MS 33
#define DRIFT_STEP_MS 4000
#define RETRY_MS 30000       /* an empty feed looks again this often */

static void take_next(app *a)
{
	feed_state *f = &a->feed;
	store_note n;
	status st;

	if (!a->st)
		return;
	memset(&n, 0, sizeof n);
	st = store_feed_next(a->st, &n);
	if (st == STATUS_OK) {
		app_note_clear(&f->prev);
		f->prev = f->cur;
		f->have_prev = f->have_cur;
		memset(&f->cur, 0, sizeof f->cur);
		f->have_cur = app_note_copy(&f->cur, &n);
		f->empty = false;
	} else if (st == STATUS_NOT_FOUND) {
		app_note_clear(&f->prev);
		app_note_clear(&f->cur);
		f->have_prev = f->have_cur = false;
		f->empty = true;
	} else {
		klog_error("feed", "cannot read the feed: %s", status_message(st));
	}
	store_note_clear(&n);
	f->shown_at = app_now(a);
	f->next_try = f->shown_at + (f->empty ? RETRY_MS : (uint64_t)a->opt.card_s * 1000);
}

static void feed_enter(app *a)
{
	feed_state *f = &a->feed;

	/* A card that may have been reported meanwhile must not come back. */
	app_note_clear(&f->prev);
	app_note_clear(&f->cur);
	f->have_prev = f->have_cur = false;
	take_next(a);
	f->shown_at = app_now(a) - FADE_MS;   /* no fade on arrival */
}

static void feed_leave(app *a)
{
	app_note_clear(&a->feed.prev);
	a->feed.have_prev = false;
}

/* A slow wander of a few mm (burn-in care), in whole steps. */
static SDL_FPoint drift(const app *a)
{
	double t = (double)(app_now(a) / DRIFT_STEP_MS * DRIFT_STEP_MS) / 1000.0;
	return (SDL_FPoint){ roundf(ui_mm(&a->ui, 3.0f) * (float)sin(t / 97.0)),
		             roundf(ui_mm(&a->ui, 2.0f) * (float)sin(t / 61.0)) };
}

/* The title, and a language switch for passengers who read English (the
 * configured language returns when the kiosk restarts). */
static void draw_header(app *a, SDL_FRect area)
{
	bool zh = strcmp(i18n_language(), I18N_ZH) == 0;
	float small = app_small_px(a), w = fmaxf(ui_mm(&a->ui, 22.0f), small * 5);
	/* Left of the top-right corner, which the operator gesture holds. */
	SDL_FRect lang = { area.x + area.w - w - ui_mm(&a->ui, 14.0f),
		           area.y + (area.h - ui_mm(&a->ui, 10.0f)) / 2, w, ui_mm(&a->ui, 10.0f) };
	char msg[256];

	ui_label(&a->ui, _("treehole · a notebook for how you feel"), small,
	         (SDL_FRect){ area.x + w + ui_mm(&a->ui, 14.0f), area.y,
	                      area.w - 2 * (w + ui_mm(&a->ui, 14.0f)), area.h },
	         LAYOUT_ALIGN_CENTER, true, UI_DIM);
	if (ui_button(&a->ui, "language", lang, zh ? "English" : "中文", small, UI_QUIET) &&
	    !i18n_set_language(zh ? I18N_EN : I18N_ZH, msg, sizeof msg))
		klog_error("feed", "%s", msg);
}

static void draw_current(app *a, SDL_FRect card)
{
	feed_state *f = &a->feed;
	uint64_t t = app_now(a) - f->shown_at;
	app_note placeholder;

	if (!f->have_cur) {
		memset(&placeholder, 0, sizeof placeholder);   /* no mood: no tag */
		placeholder.text = (char *)(a->st ? _("No notes here yet. Be the first to leave one.")
		                                  : _(app_store_problem(a)));
		placeholder.len = strlen(placeholder.text);
		app_draw_card(a, &placeholder, card, app_text_px(a), 255);
		return;
	}
	if (t < FADE_MS / 2 && f->have_prev) {
		app_draw_card(a, &f->prev, card, app_text_px(a), (uint8_t)(255 - 255 * t / (FADE_MS / 2)));
	} else if (t < FADE_MS) {
		uint64_t in = t < FADE_MS / 2 ? 0 : t - FADE_MS / 2;
		app_draw_card(a, &f->cur, card, app_text_px(a), (uint8_t)(255 * in / (FADE_MS / 2)));
	} else {
		app_draw_card(a, &f->cur, card, app_text_px(a), 255);
	}
}

static void feed_frame(app *a)
{
	float m = ui_mm(&a->ui, 6.0f), W = (float)a->w, H = (float)a->h;
	float text = app_text_px(a), bh = fmaxf(ui_mm(&a->ui, 13.0f), text * 2.2f);
	bool portrait = H > W;
	SDL_FPoint d = drift(a);
	float foot = bh + m * 2 + app_small_px(a) * 2;
	SDL_FRect head = { m, m * 0.5f, W - 2 * m, fmaxf(app_small_px(a) * 2.5f, ui_mm(&a->ui, 11.0f)) };
	SDL_FRect card = { m + d.x, head.y + head.h + d.y, W - 2 * m, H - head.h - foot - m };
	float bw = portrait ? W - 2 * m : fminf(ui_mm(&a->ui, 95.0f), (W - 3 * m) * 0.6f);
	SDL_FRect write = { m, H - foot + m * 0.5f, bw, bh };
	SDL_FRect browse = { write.x + bw + m, write.y, W - 3 * m - bw, bh };

	if (!portrait) {
		card.x = (W - fminf(card.w, card.h * 1.9f)) / 2 + d.x;
		card.w = fminf(card.w, card.h * 1.9f);
	} else {
		float tall = card.w * 1.3f;    /* a page, not a scroll */
		browse = (SDL_FRect){ m, write.y - bh - m * 0.6f, W - 2 * m, bh };
		card.h -= bh + m * 0.6f;
		if (card.h > tall) {
			card.y += (card.h - tall) / 2;
			card.h = tall;
		}
	}
	if (app_now(a) >= a->feed.next_try)
		take_next(a);
	if (!a->feed.have_cur && !portrait)
		write.x = (W - bw) / 2;     /* nothing to browse: one button, centred */
	draw_header(a, head);
	draw_current(a, card);
	if (a->feed.have_cur && ui_area(&a->ui, "card", card))
		app_go(a, SCREEN_BROWSE);
	else if (a->st && ui_button(&a->ui, "write", write, _("Write down how you feel right now"),
	                            text, UI_PRIMARY))
		app_go(a, SCREEN_MOOD);
	else if (a->feed.have_cur && ui_button(&a->ui, "browse", browse, _("Browse notes"), text,
	                                       UI_QUIET))
		app_go(a, SCREEN_BROWSE);
	ui_label(&a->ui, _("Anonymous · Encrypted · Shown only after review"), app_small_px(a),
	         (SDL_FRect){ m, H - app_small_px(a) * 2.2f, W - 2 * m, app_small_px(a) * 1.8f },
	         LAYOUT_ALIGN_CENTER, true, UI_DIM);
}

static uint64_t feed_wake(app *a)
{
	uint64_t now = app_now(a), t = now - a->feed.shown_at;
	uint64_t next = a->feed.next_try > now ? a->feed.next_try - now : 0;

	if (t < FADE_MS)
		return FRAME_MS;
	return SDL_min(next, DRIFT_STEP_MS - now % DRIFT_STEP_MS);
}

static bool feed_event(app *a, const SDL_Event *ev)
{
	if (ev->type == app_swipe_event && a->feed.have_cur) {
		app_go(a, SCREEN_BROWSE);
		return true;
	}
	return false;
}

const screen_ops screen_feed = {
	.enter = feed_enter, .leave = feed_leave, .frame = feed_frame,
	.event = feed_event, .wake = feed_wake,
};

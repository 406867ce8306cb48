/* screen_thanks.c — the moods to choose from, and the thanks after sealing.
 *
 * Mood comes first: one tap, from a short fixed list, then the writing.
 * Thanks says the note is sealed and may appear after review, and how
 * many others felt the same today — a count from the store, nothing of
 * anyone's words. Both return to the feed by themselves. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"

#define THANKS_MS 9000

static void mood_enter(app *a)
{
	a->compose.mood = 0;
	a->last_input = app_now(a);
}

static void mood_frame(app *a)
{
	float m = ui_mm(&a->ui, 6.0f), W = (float)a->w, H = (float)a->h, text = app_title_px(a);
	bool portrait = H > W;
	int cols = portrait ? 2 : 4, rows = (NOTE_MOOD_COUNT + cols - 1) / cols;
	float gap = ui_mm(&a->ui, 5.0f), bh = fmaxf(ui_mm(&a->ui, 16.0f), text * 2.2f);
	float bw = fminf((W - 2 * m - (float)(cols - 1) * gap) / (float)cols, ui_mm(&a->ui, 60.0f));
	float gw = (float)cols * bw + (float)(cols - 1) * gap;
	float top = (H - (float)rows * (bh + gap)) / 2;

	if (app_now(a) - a->last_input >= (uint64_t)a->opt.idle_s * 1000) {
		app_go(a, SCREEN_FEED);
		return;
	}
	ui_label(&a->ui, _("How do you feel right now?"), text,
	         (SDL_FRect){ m, top - text * 3.2f, W - 2 * m, text * 2 }, LAYOUT_ALIGN_CENTER, true,
	         UI_LIGHT);
	for (int i = 0; i < NOTE_MOOD_COUNT; i++) {
		note_mood mood = (note_mood)(NOTE_MOOD_FIRST + i);
		int r = i / cols, c = i % cols, in_row = SDL_min(cols, NOTE_MOOD_COUNT - r * cols);
		float rw = (float)in_row * bw + (float)(in_row - 1) * gap;
		SDL_FRect rc = { (W - gw) / 2 + (gw - rw) / 2 + (float)c * (bw + gap),
			         top + (float)r * (bh + gap), bw, bh };
		char id[24];
		snprintf(id, sizeof id, "mood_%s", note_mood_key(mood));
		if (ui_button(&a->ui, id, rc, app_mood_name(mood), text, UI_QUIET)) {
			a->compose.mood = mood;
			app_go(a, SCREEN_COMPOSE);
			return;
		}
	}
	if (ui_button(&a->ui, "cancel", (SDL_FRect){ m, H - bh - m, ui_mm(&a->ui, 40.0f), bh },
	              _("Cancel"), app_text_px(a), UI_QUIET))
		app_go(a, SCREEN_FEED);
}

static uint64_t idle_wake(app *a)
{
	uint64_t idle = app_now(a) - a->last_input, limit = (uint64_t)a->opt.idle_s * 1000;
	return idle >= limit ? 0 : limit - idle;
}

const screen_ops screen_mood = {
	.enter = mood_enter, .frame = mood_frame, .wake = idle_wake,
};

static void thanks_enter(app *a)
{
	thanks_state *t = &a->thanks;
	uint64_t counts[NOTE_MOOD_COUNT];
	status st;

	t->since = app_now(a);
	t->others = 0;
	st = a->st ? store_mood_counts(a->st, store_today(a->st), counts) : STATUS_NO_STORE;
	if (st == STATUS_OK && note_mood_valid((int)t->mood)) {
		uint64_t same = counts[t->mood - NOTE_MOOD_FIRST];
		t->others = same > 0 ? same - 1 : 0;    /* not counting this writer */
	} else if (st) {
		klog_error("thanks", "cannot count today's moods: %s", status_message(st));
	}
}

static void thanks_frame(app *a)
{
	thanks_state *t = &a->thanks;
	float m = ui_mm(&a->ui, 8.0f), W = (float)a->w, H = (float)a->h;
	float title = app_title_px(a) * 1.3f, text = app_text_px(a);
	char line[256];
	SDL_FRect box = { m, H * 0.22f, W - 2 * m, title * 2 };

	if (app_now(a) - t->since >= THANKS_MS) {
		app_go(a, SCREEN_FEED);
		return;
	}
	ui_label(&a->ui, _("Sealed. Thank you."), title, box, LAYOUT_ALIGN_CENTER, true, UI_LIGHT);
	box.y += box.h + text;
	box.h = text * 2;
	ui_label(&a->ui, _("It may appear here after review."), text, box, LAYOUT_ALIGN_CENTER, true,
	         UI_DIM);
	box.y += box.h + text;
	if (t->others > 0)
		snprintf(line, sizeof line,
		         ngettext("Today %d other person also felt %s", "Today %d other people also felt %s",
		                  (unsigned long)t->others),
		         (int)SDL_min(t->others, 1000000u), app_mood_name(t->mood));
	else
		snprintf(line, sizeof line, _("You are the first today to feel %s."),
		         app_mood_name(t->mood));
	ui_label(&a->ui, line, text, box, LAYOUT_ALIGN_CENTER, true, UI_ACCENT);
	if (ui_area(&a->ui, "thanks", (SDL_FRect){ 0, 0, W, H }))
		app_go(a, SCREEN_FEED);
}

static uint64_t thanks_wake(app *a)
{
	uint64_t t = app_now(a) - a->thanks.since;
	return t >= THANKS_MS ? 0 : THANKS_MS - t;
}

const screen_ops screen_thanks = {
	.enter = thanks_enter, .frame = thanks_frame, .wake = thanks_wake,
};

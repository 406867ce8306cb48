/* screen_browse.c — past notes one at a time, large enough to read from
 * the back seat; swipe or arrows to move, Report to send one back.
 *
 * The list is the feed's own upcoming order (store_feed_each), read when
 * the screen opens and held in locked memory until it closes. A reported
 * note leaves the list and the feed at once (store_report puts it back in
 * the operator's queue). Left alone, the screen returns to the feed. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"

#define BROWSE_IDLE_MS 90000

static void browse_leave(app *a)
{
	app_list_clear(&a->browse.list);
	a->browse.confirm_report = false;
}

static void browse_enter(app *a)
{
	app_list *l = &a->browse.list;
	status st = app_list_fill(l, a->st, store_feed_each);

	a->browse.confirm_report = false;
	if (st && a->st)
		klog_error("browse", "cannot list the feed: %s", status_message(st));
	/* Start at the card the feed was showing, so the tap feels continuous. */
	for (size_t i = 0; a->feed.have_cur && i < l->count; i++) {
		if (memcmp(&l->notes[i].id, &a->feed.cur.id, sizeof l->notes[i].id) == 0)
			l->index = i;
	}
}

static void move(app *a, int dir)
{
	a->browse.confirm_report = false;
	app_list_move(&a->browse.list, dir);
	a->browse.changed_at = app_now(a);
}

static void report(app *a)
{
	browse_state *b = &a->browse;
	app_note *n = &b->list.notes[b->list.index];
	status st = store_report(a->st, &n->id);

	b->confirm_report = false;
	if (st && st != STATUS_NOT_FOUND) {
		klog_error("browse", "cannot report a note: %s", status_message(st));
		app_message(a, N_("Something went wrong. Please try again."), 4000);
		return;
	}
	app_list_drop(&b->list);
	app_message(a, N_("Reported. The note has left the feed and goes back for review."), 5000);
}

static void draw_controls(app *a, SDL_FRect bar)
{
	const app_list *l = &a->browse.list;
	float text = app_text_px(a), gap = ui_mm(&a->ui, 4.0f);
	float w = fminf((bar.w - 3 * gap) / 4, ui_mm(&a->ui, 45.0f));
	SDL_FRect back = { bar.x, bar.y, w, bar.h };
	SDL_FRect prev = { bar.x + bar.w / 2 - w - gap / 2, bar.y, w, bar.h };
	SDL_FRect next = { bar.x + bar.w / 2 + gap / 2, bar.y, w, bar.h };
	SDL_FRect rep = { bar.x + bar.w - w, bar.y, w, bar.h };

	if (ui_button(&a->ui, "back", back, _("Back"), text, UI_QUIET))
		app_go(a, SCREEN_FEED);
	else if (l->index > 0 && ui_button(&a->ui, "prev", prev, "‹", text * 1.4f, UI_QUIET))
		move(a, -1);
	else if (l->index + 1 < l->count &&
	         ui_button(&a->ui, "next", next, "›", text * 1.4f, UI_QUIET))
		move(a, 1);
	else if (l->count && !a->browse.confirm_report &&
	         ui_button(&a->ui, "report", rep, _("Report"), text, UI_QUIET))
		a->browse.confirm_report = true;
}

static void draw_confirm(app *a, SDL_FRect card)
{
	float text = app_text_px(a), gap = ui_mm(&a->ui, 4.0f), h = text * 2.4f;
	SDL_FRect box = { card.x + card.w * 0.1f, card.y + card.h - h * 3.2f, card.w * 0.8f, h * 3 };
	float w = (box.w - 3 * gap) / 2;

	ui_fill(&a->ui, box, ui_mm(&a->ui, 3.0f), (SDL_Color){ 0x1E, 0x1D, 0x24, 0xF4 });
	ui_label(&a->ui, _("Report this note as unsuitable?"), text,
	         (SDL_FRect){ box.x + gap, box.y, box.w - 2 * gap, h * 1.4f }, LAYOUT_ALIGN_CENTER,
	         true, UI_LIGHT);
	if (ui_button(&a->ui, "report_yes", (SDL_FRect){ box.x + gap, box.y + h * 1.5f, w, h },
	              _("Report"), text, UI_WARN))
		report(a);
	else if (ui_button(&a->ui, "report_no",
	                   (SDL_FRect){ box.x + 2 * gap + w, box.y + h * 1.5f, w, h }, _("Cancel"),
	                   text, UI_QUIET))
		a->browse.confirm_report = false;
}

static void browse_frame(app *a)
{
	browse_state *b = &a->browse;
	const app_list *l = &b->list;
	float m = ui_mm(&a->ui, 6.0f), W = (float)a->w, H = (float)a->h;
	float bh = fmaxf(ui_mm(&a->ui, 13.0f), app_text_px(a) * 2.2f);
	SDL_FRect card = { m, m + app_small_px(a) * 2, W - 2 * m, H - bh - 3 * m - app_small_px(a) * 2 };
	SDL_FRect bar = { m, H - bh - m, W - 2 * m, bh };
	char pos[32];

	if (app_now(a) - a->last_input >= BROWSE_IDLE_MS) {
		app_go(a, SCREEN_FEED);
		return;
	}
	if (!l->count) {
		ui_label(&a->ui, _("No notes here yet. Be the first to leave one."), app_text_px(a),
		         card, LAYOUT_ALIGN_CENTER, true, UI_LIGHT);
	} else {
		snprintf(pos, sizeof pos, "%zu / %zu", l->index + 1, l->count);
		ui_label(&a->ui, pos, app_small_px(a), (SDL_FRect){ m, m * 0.4f, W - 2 * m,
		         app_small_px(a) * 2 }, LAYOUT_ALIGN_CENTER, true, UI_DIM);
		app_draw_card(a, &l->notes[l->index], card, roundf(app_text_px(a) * 1.25f), 255);
	}
	if (b->confirm_report && l->count)
		draw_confirm(a, card);
	else
		draw_controls(a, bar);
}

static bool browse_event(app *a, const SDL_Event *ev)
{
	if (ev->type == app_swipe_event) {
		move(a, ev->user.code < 0 ? 1 : -1);
		return true;
	}
	if (ev->type != SDL_KEYDOWN)
		return false;
	switch (ev->key.keysym.sym) {
	case SDLK_LEFT: move(a, -1); return true;
	case SDLK_RIGHT: move(a, 1); return true;
	default: return false;
	}
}

static uint64_t browse_wake(app *a)
{
	uint64_t idle = app_now(a) - a->last_input;
	return idle >= BROWSE_IDLE_MS ? 0 : BROWSE_IDLE_MS - idle;
}

const screen_ops screen_browse = {
	.enter = browse_enter, .leave = browse_leave, .frame = browse_frame,
	.event = browse_event, .wake = browse_wake,
};

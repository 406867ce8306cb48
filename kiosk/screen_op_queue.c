/* screen_op_queue.c — the operator reviews pending notes one at a time.
 *
 * While this screen is open the operator key is unwrapped and the queue
 * is decrypted into locked memory. Leaving it for any reason — Lock, the
 * inactivity timeout, Exit — wipes the queue and the key; after a session
 * that approved or rejected anything the store is tidied, so its file
 * says nothing of the order things happened in. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"

static void queue_enter(app *a)
{
	op_state *o = &a->op;
	status st;

	a->last_input = app_now(a);
	o->changed = false;
	o->confirm_exit = false;
	st = app_list_fill(&o->queue, a->st, store_pending_each);
	if (st) {
		klog_error("operator", "cannot read the queue: %s", status_message(st));
		app_message(a, N_("Something went wrong. Please try again."), 4000);
	}
}

static void queue_leave(app *a)
{
	status st;

	app_list_clear(&a->op.queue);
	store_lock(a->st);
	klog_info("operator", "locked");
	if (a->op.changed && (st = store_tidy(a->st)))
		klog_error("operator", "cannot tidy the store: %s", status_message(st));
	a->op.changed = false;
}

static void decide(app *a, bool approve)
{
	app_note *n = &a->op.queue.notes[a->op.queue.index];
	status st = approve ? store_approve(a->st, &n->id) : store_reject(a->st, &n->id);

	if (st && st != STATUS_NOT_FOUND) {
		klog_error("operator", "cannot %s a note: %s", approve ? "approve" : "reject",
		           status_message(st));
		app_message(a, st == STATUS_DISK_FULL
		                   ? N_("The tablet's storage is full. Free some space, then try again.")
		                   : N_("Something went wrong. Please try again."), 5000);
		return;
	}
	a->op.changed = true;
	app_list_drop(&a->op.queue);
}

static void draw_actions(app *a, SDL_FRect bar)
{
	op_state *o = &a->op;
	float text = app_text_px(a), gap = ui_mm(&a->ui, 4.0f), w = (bar.w - 3 * gap) / 4;
	SDL_FRect r[4];

	for (int i = 0; i < 4; i++)
		r[i] = (SDL_FRect){ bar.x + (float)i * (w + gap), bar.y, w, bar.h };
	if (o->confirm_exit) {
		if (ui_button(&a->ui, "exit_yes", r[2], _("Exit the kiosk"), text, UI_WARN)) {
			klog_info("operator", "the operator closed the kiosk");
			a->running = false;
		} else if (ui_button(&a->ui, "exit_no", r[3], _("Cancel"), text, UI_QUIET)) {
			o->confirm_exit = false;
		}
		return;
	}
	if (ui_button(&a->ui, "lock", r[0], _("Lock"), text, UI_QUIET))
		app_go(a, SCREEN_FEED);
	else if (ui_button(&a->ui, "exit", r[1], _("Exit the kiosk"), text, UI_QUIET))
		o->confirm_exit = true;
	else if (o->queue.count && ui_button(&a->ui, "reject", r[2], _("Reject"), text, UI_WARN))
		decide(a, false);
	else if (o->queue.count &&
	         ui_button(&a->ui, "approve", r[3], _("Approve"), text, UI_PRIMARY))
		decide(a, true);
}

static void queue_frame(app *a)
{
	op_state *o = &a->op;
	float m = ui_mm(&a->ui, 6.0f), W = (float)a->w, H = (float)a->h;
	float bh = fmaxf(ui_mm(&a->ui, 13.0f), app_text_px(a) * 2.2f), head = app_text_px(a) * 2;
	SDL_FRect card = { m, m + head, W - 2 * m, H - bh - 3 * m - head };
	char line[128];

	if (app_now(a) - a->last_input >= (uint64_t)a->opt.op_lock_s * 1000) {
		app_go(a, SCREEN_FEED);
		return;
	}
	snprintf(line, sizeof line, _("Pending: %d"), (int)o->queue.count);
	if (o->queue.count) {
		size_t n = strlen(line);
		snprintf(line + n, sizeof line - n, "  ·  %zu / %zu", o->queue.index + 1,
		         o->queue.count);
	}
	ui_label(&a->ui, line, app_small_px(a) * 1.2f, (SDL_FRect){ m, m * 0.5f, W - 2 * m, head },
	         LAYOUT_ALIGN_CENTER, true, UI_LIGHT);
	if (o->queue.count)
		app_draw_card(a, &o->queue.notes[o->queue.index], card, app_text_px(a), 255);
	else
		ui_label(&a->ui, _("Nothing is waiting for review."), app_text_px(a), card,
		         LAYOUT_ALIGN_CENTER, true, UI_LIGHT);
	draw_actions(a, (SDL_FRect){ m, H - bh - m, W - 2 * m, bh });
}

static bool queue_event(app *a, const SDL_Event *ev)
{
	op_state *o = &a->op;

	a->last_input = app_now(a);
	if (ev->type == app_swipe_event) {
		app_list_move(&o->queue, ev->user.code < 0 ? 1 : -1);
		return true;
	}
	return false;
}

static uint64_t queue_wake(app *a)
{
	uint64_t idle = app_now(a) - a->last_input, lock = (uint64_t)a->opt.op_lock_s * 1000;
	return idle >= lock ? 0 : lock - idle;
}

const screen_ops screen_op_queue = {
	.enter = queue_enter, .leave = queue_leave, .frame = queue_frame,
	.event = queue_event, .wake = queue_wake,
};

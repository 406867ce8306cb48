/* screen_op_login.c — the operator's passphrase, typed on the pad.
 *
 * Reached only by the hidden corner gesture. The key unwrap (Argon2id)
 * takes most of a second, so it runs on a worker thread; meanwhile the
 * loop draws "Unlocking…" and leaves the store alone. A wrong passphrase
 * costs a wait that doubles with every wrong try (1 s, 2 s, 4 s … up to
 * 5 minutes); wrong tries are counted and logged, never the text. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"
#include "osk.h"
#include "vault.h"

#define BACKOFF_MAX_MS 300000u
#define LOGIN_IDLE_MS 60000

static osk_target target(app *a)
{
	op_state *o = &a->op;
	return (osk_target){ o->pass, &o->pass_len, OP_PASS_MAX, &o->shift, &o->symbols };
}

static void wipe_pass(app *a)
{
	vault_wipe(a->op.pass, OP_PASS_MAX);
	a->op.pass_len = 0;
	a->op.shift = a->op.symbols = false;
}

static int unlock_worker(void *data)
{
	app *a = data;
	SDL_Event ev;

	a->op.unlock_result = store_unlock(a->st, a->op.pass, a->op.pass_len);
	SDL_AtomicSet(&a->op.done, 1);
	memset(&ev, 0, sizeof ev);
	ev.type = app_worker_event;
	SDL_PushEvent(&ev);
	return 0;
}

static void start_unlock(app *a)
{
	op_state *o = &a->op;

	if (!a->st || o->unlocking || o->pass_len == 0 || app_now(a) < o->locked_until)
		return;
	SDL_AtomicSet(&o->done, 0);
	o->unlocking = true;
	o->worker = SDL_CreateThread(unlock_worker, "treehole-unlock", a);
	if (!o->worker) {
		o->unlocking = false;
		klog_error("operator", "cannot start the unlock: %s", SDL_GetError());
		app_message(a, N_("Something went wrong. Please try again."), 4000);
	}
}

static void finish_unlock(app *a)
{
	op_state *o = &a->op;
	uint64_t wait;

	SDL_WaitThread(o->worker, NULL);
	o->worker = NULL;
	o->unlocking = false;
	wipe_pass(a);
	if (o->unlock_result == STATUS_OK) {
		klog_info("operator", "unlocked");
		app_go(a, SCREEN_OP_QUEUE);
		return;
	}
	if (o->unlock_result != STATUS_WRONG_PASSPHRASE) {
		klog_error("operator", "cannot unlock: %s", status_message(o->unlock_result));
		app_message(a, N_("The operator key cannot be opened. Check the store with "
		                  "treehole-admin check."), 6000);
		return;
	}
	o->wrong++;
	wait = o->wrong >= 20 ? BACKOFF_MAX_MS : SDL_min(1000u << (o->wrong - 1), BACKOFF_MAX_MS);
	o->locked_until = app_now(a) + wait;
	klog_info("operator", "wrong passphrase (%u wrong so far); next try in %llu s", o->wrong,
	          (unsigned long long)(wait / 1000));
}

static void login_enter(app *a)
{
	wipe_pass(a);
	a->last_input = app_now(a);
}

static void login_leave(app *a)
{
	wipe_pass(a);
}

static void draw_status(app *a, SDL_FRect box)
{
	op_state *o = &a->op;
	char line[160];
	uint64_t now = app_now(a);

	if (o->unlocking) {
		ui_label(&a->ui, _("Unlocking…"), app_small_px(a), box, LAYOUT_ALIGN_CENTER, true,
		         UI_DIM);
	} else if (now < o->locked_until) {
		snprintf(line, sizeof line, _("Wrong passphrase. Try again in %d s."),
		         (int)((o->locked_until - now + 999) / 1000));
		ui_label(&a->ui, line, app_small_px(a), box, LAYOUT_ALIGN_CENTER, true, UI_ACCENT);
	}
}

/* The passphrase as dots: its length shows, its text never does. */
static void draw_field(app *a, SDL_FRect field)
{
	char dots[4 * 40 + 1] = "";
	size_t n = 0, shown = 0;

	for (size_t i = 0; i < a->op.pass_len; i++)
		n += ((unsigned char)a->op.pass[i] & 0xC0) != 0x80;
	for (; shown < n && shown < 40; shown++)
		memcpy(dots + 4 * shown, "● ", 5);   /* U+25CF and a space */
	ui_fill(&a->ui, field, ui_mm(&a->ui, 2.0f), UI_BG_SOFT);
	ui_label(&a->ui, n ? dots : _("Passphrase"), app_text_px(a) * (n ? 0.7f : 1.0f), field,
	         LAYOUT_ALIGN_CENTER, true, n ? UI_LIGHT : UI_DIM);
}

static void login_frame(app *a)
{
	float m = ui_mm(&a->ui, 5.0f), W = (float)a->w, H = (float)a->h, text = app_text_px(a);
	float bh = fmaxf(ui_mm(&a->ui, 12.0f), text * 2.0f), kbw = fminf(W - 2 * m, H * 1.5f);
	SDL_FRect title = { m, m, W - 2 * m, text * 1.6f };
	SDL_FRect field = { (W - kbw) / 2, title.y + title.h + m * 0.5f, kbw, bh };
	SDL_FRect note = { m, field.y + bh, W - 2 * m, text * 1.6f };
	SDL_FRect pad = { (W - kbw) / 2, note.y + note.h, kbw, H - note.y - note.h - bh - 2 * m };
	SDL_FRect cancel = { m, H - bh - m, ui_mm(&a->ui, 40.0f), bh };
	SDL_FRect unlock = { W - m - ui_mm(&a->ui, 50.0f), H - bh - m, ui_mm(&a->ui, 50.0f), bh };
	osk_target t = target(a);

	if (app_now(a) - a->last_input >= LOGIN_IDLE_MS && !a->op.unlocking) {
		app_go(a, SCREEN_FEED);
		return;
	}
	ui_label(&a->ui, _("Operator"), app_title_px(a), title, LAYOUT_ALIGN_CENTER, true, UI_LIGHT);
	draw_field(a, field);
	draw_status(a, note);
	if (a->op.unlocking)
		return;
	if (osk_frame(a, pad, &t) == OSK_ENTER ||
	    ui_button(&a->ui, "unlock", unlock, _("Unlock"), text, UI_PRIMARY))
		start_unlock(a);
	else if (ui_button(&a->ui, "cancel", cancel, _("Cancel"), text, UI_QUIET))
		app_go(a, SCREEN_FEED);
}

static bool login_event(app *a, const SDL_Event *ev)
{
	osk_target t = target(a);

	a->last_input = app_now(a);
	if (ev->type == app_worker_event) {
		if (a->op.unlocking && SDL_AtomicGet(&a->op.done))
			finish_unlock(a);
		return true;
	}
	if (a->op.unlocking)
		return false;
	if (ev->type == SDL_TEXTINPUT)
		return osk_append(&t, ev->text.text, strlen(ev->text.text));
	if (ev->type != SDL_KEYDOWN)
		return false;
	if (ev->key.keysym.sym == SDLK_BACKSPACE)
		osk_backspace(&t);
	else if (ev->key.keysym.sym == SDLK_RETURN || ev->key.keysym.sym == SDLK_KP_ENTER)
		start_unlock(a);
	else
		return false;
	return true;
}

static uint64_t login_wake(app *a)
{
	uint64_t now = app_now(a);

	if (a->op.unlocking)
		return 100;
	if (now < a->op.locked_until)
		return (a->op.locked_until - now - 1) % 1000 + 1;
	return LOGIN_IDLE_MS - SDL_min(now - a->last_input, LOGIN_IDLE_MS);
}

const screen_ops screen_op_login = {
	.enter = login_enter, .leave = login_leave, .frame = login_frame,
	.event = login_event, .wake = login_wake,
};

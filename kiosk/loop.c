/* loop.c — the event loop: input in, a frame out when something changed,
 * sleep otherwise.
 *
 * Pointer input (touch, mouse, pen) becomes taps, swipes and long presses
 * here, so screens never see raw SDL pointer events. Touch generates
 * mouse events too; those are dropped so a tap counts once. Only the
 * first finger counts. Keys and window requests that would leave the
 * kiosk are dropped outside operator mode: the loop only ends through the
 * operator's Exit button, a script's end, or SIGTERM from the service
 * manager. */
#include "app.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "klog.h"
#include "loop.h"
#include "script_run.h"
#include "vault.h"

#define SWIPE_MM 14.0f        /* horizontal travel that makes a swipe */
#define TAP_SLOP_MM 5.0f      /* movement still counted as a tap */
#define CORNER_MM 18.0f       /* the operator gesture's corner squares */
#define LONG_PRESS_MS 1500
#define GESTURE_GAP_MS 8000   /* the second corner within this time */
#define MAX_SLEEP_MS 1000     /* SIGTERM is noticed within this time */

static volatile sig_atomic_t terminate_requested;

static void on_terminate(int sig)
{
	(void)sig;
	terminate_requested = 1;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_terminate;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static const screen_ops *ops(const app *a)
{
	static const screen_ops *const all[SCREEN_COUNT] = {
		&screen_feed, &screen_browse, &screen_mood, &screen_compose,
		&screen_thanks, &screen_op_login, &screen_op_queue,
	};
	return all[a->screen];
}

/* Which corner (1 top-left, 2 top-right) a point is in, or 0. */
static int corner(const app *a, float x, float y)
{
	float c = ui_mm(&a->ui, CORNER_MM);

	if (y > c)
		return 0;
	return x < c ? 1 : x > (float)a->w - c ? 2 : 0;
}

/* A long press in a corner: top-left, then top-right, opens operator
 * mode. Returns true if the press belonged to the gesture. */
static bool gesture_step(app *a, float x, float y, uint64_t held)
{
	gesture_state *g = &a->gesture;
	int c = corner(a, x, y);
	uint64_t now = app_now(a);

	if (!c || held < LONG_PRESS_MS)
		return false;
	if (c == 1) {
		g->step = 1;
		g->step_at = now;
	} else if (g->step == 1 && now - g->step_at <= GESTURE_GAP_MS) {
		g->step = 0;
		if (a->screen != SCREEN_OP_LOGIN && a->screen != SCREEN_OP_QUEUE)
			app_go(a, SCREEN_OP_LOGIN);
	}
	return true;
}

static void push_swipe(int dir)
{
	SDL_Event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = app_swipe_event;
	ev.user.code = dir;
	SDL_PushEvent(&ev);
}

static void pointer_down(app *a, float x, float y)
{
	gesture_state *g = &a->gesture;

	g->down = true;
	g->down_x = x;
	g->down_y = y;
	g->down_at = app_now(a);
	a->last_input = g->down_at;
	g->captured = ops(a)->pointer && ops(a)->pointer(a, APP_POINTER_DOWN, x, y);
	if (g->captured)
		app_dirty(a);
}

static void pointer_move(app *a, float x, float y)
{
	if (!a->gesture.down || !a->gesture.captured)
		return;
	a->last_input = app_now(a);
	ops(a)->pointer(a, APP_POINTER_MOVE, x, y);
	app_dirty(a);
}

static void pointer_up(app *a, float x, float y)
{
	gesture_state *g = &a->gesture;
	float dx = x - g->down_x, dy = y - g->down_y;
	float slop = ui_mm(&a->ui, TAP_SLOP_MM);

	if (!g->down)
		return;
	g->down = false;
	a->last_input = app_now(a);
	if (g->captured) {
		g->captured = false;
		if (ops(a)->pointer)
			ops(a)->pointer(a, APP_POINTER_UP, x, y);
	} else if (fabsf(dx) > ui_mm(&a->ui, SWIPE_MM) && fabsf(dx) > 1.5f * fabsf(dy)) {
		push_swipe(dx < 0 ? -1 : 1);
	} else if (fabsf(dx) <= slop && fabsf(dy) <= slop &&
	           !gesture_step(a, x, y, a->last_input - g->down_at)) {
		ui_tap(&a->ui, g->down_x, g->down_y);
	}
	app_dirty(a);
}

/* Window coordinates to drawable pixels (they differ on HiDPI). */
static void to_pixels(const app *a, float *x, float *y)
{
	int ww, wh;

	if (!a->win)
		return;
	SDL_GetWindowSize(a->win, &ww, &wh);
	if (ww > 0 && wh > 0) {
		*x *= (float)a->w / (float)ww;
		*y *= (float)a->h / (float)wh;
	}
}

static bool pointer_event(app *a, const SDL_Event *ev)
{
	gesture_state *g = &a->gesture;
	float x, y;

	switch (ev->type) {
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			return true;
		x = (float)ev->button.x, y = (float)ev->button.y;
		to_pixels(a, &x, &y);
		(ev->type == SDL_MOUSEBUTTONDOWN ? pointer_down : pointer_up)(a, x, y);
		return true;
	case SDL_FINGERDOWN:
		if (g->finger_down)
			return true;    /* a second finger or a palm */
		g->finger_down = true;
		g->finger = ev->tfinger.fingerId;
		pointer_down(a, ev->tfinger.x * (float)a->w, ev->tfinger.y * (float)a->h);
		return true;
	case SDL_FINGERUP:
		if (!g->finger_down || ev->tfinger.fingerId != g->finger)
			return true;
		g->finger_down = false;
		pointer_up(a, ev->tfinger.x * (float)a->w, ev->tfinger.y * (float)a->h);
		return true;
	case SDL_MOUSEMOTION:
		if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
			return true;
		x = (float)ev->motion.x, y = (float)ev->motion.y;
		to_pixels(a, &x, &y);
		pointer_move(a, x, y);
		return true;
	case SDL_FINGERMOTION:
		if (g->finger_down && ev->tfinger.fingerId == g->finger)
			pointer_move(a, ev->tfinger.x * (float)a->w, ev->tfinger.y * (float)a->h);
		return true;
	case SDL_MOUSEWHEEL:
		return true;
	default:
		return false;
	}
}

static void window_event(app *a, const SDL_Event *ev)
{
	switch (ev->window.event) {
	case SDL_WINDOWEVENT_SIZE_CHANGED:
		SDL_GetRendererOutputSize(a->r, &a->w, &a->h);
		app_software_target(a);
		app_dirty(a);
		break;
	case SDL_WINDOWEVENT_CLOSE:
		break;    /* kiosk mode; not logged: a log line would time a passenger's visit */
	default:
		app_dirty(a);
	}
}

void loop_handle(app *a, const SDL_Event *ev)
{
	if (pointer_event(a, ev))
		return;
	switch (ev->type) {
	case SDL_QUIT:
		return;   /* kiosk mode: only the operator's Exit ends the app */
	case SDL_WINDOWEVENT:
		window_event(a, ev);
		return;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		app_targets_reset(a);
		return;
	case SDL_KEYDOWN:
	case SDL_TEXTINPUT:
	case SDL_TEXTEDITING:
	case SDL_TEXTEDITING_EXT:
		a->last_input = app_now(a);
		break;
	default:
		break;
	}
	if (ops(a)->event && ops(a)->event(a, ev))
		app_dirty(a);
	if (ev->type == SDL_TEXTEDITING_EXT && ev->editExt.text) {
		/* SDL hands this copy of the preedit to the app to free. */
		vault_wipe(ev->editExt.text, strlen(ev->editExt.text));
		SDL_free(ev->editExt.text);
	}
}

/* Percent brightness now: the dimming schedule by local hour. */
static int brightness(const app *a)
{
	time_t t = time(NULL);
	struct tm tm;
	int h, from = a->opt.dim_from, to = a->opt.dim_to;
	bool in;

	if (from < 0 || to < 0 || from == to || !localtime_r(&t, &tm))
		return 100;
	h = tm.tm_hour;
	in = from < to ? (h >= from && h < to) : (h >= from || h < to);
	return in ? a->opt.dim_level : 100;
}

static void draw_message(app *a)
{
	float pad = ui_mm(&a->ui, 5.0f), size = app_text_px(a);
	float w = fminf((float)a->w - 2 * pad, ui_mm(&a->ui, 150.0f));
	SDL_FRect box = { ((float)a->w - w) / 2, (float)a->h - size * 5.5f, w, size * 4.0f };

	if (!a->message || app_now(a) >= a->message_until) {
		a->message = NULL;
		return;
	}
	ui_fill(&a->ui, box, ui_mm(&a->ui, 3.0f), (SDL_Color){ 0x1E, 0x1D, 0x24, 0xF0 });
	ui_label(&a->ui, _(a->message), size,
	         (SDL_FRect){ box.x + pad, box.y, box.w - 2 * pad, box.h }, LAYOUT_ALIGN_CENTER, true,
	         UI_LIGHT);
}

void loop_render(app *a, bool present)
{
	int level = brightness(a);

	a->dirty = false;
	if (a->win)
		SDL_GetRendererOutputSize(a->r, &a->w, &a->h);
	SDL_SetRenderTarget(a->r, NULL);
	SDL_SetRenderDrawColor(a->r, UI_BG.r, UI_BG.g, UI_BG.b, 0xFF);
	SDL_RenderClear(a->r);
	atlas_begin(a->at);
	ui_begin(&a->ui, a->w, a->h, a->px_per_mm);
	ops(a)->frame(a);
	draw_message(a);
	if (level < 100)
		ui_fill(&a->ui, (SDL_FRect){ 0, 0, (float)a->w, (float)a->h }, 0,
		        (SDL_Color){ 0, 0, 0, (uint8_t)(255 * (100 - level) / 100) });
	ui_end(&a->ui);
	/* A tap is handled while the frame that shows its button is drawn, so
	 * that frame shows the state before it: draw again. */
	if (a->ui.tap_taken)
		a->dirty = true;
	a->next_frame_at = loop_next_wake(a);
	if (present)
		SDL_RenderPresent(a->r);
}

uint64_t loop_next_wake(app *a)
{
	uint64_t now = app_now(a), wake = now + 60000;    /* the dimming schedule */
	uint64_t w = ops(a)->wake ? ops(a)->wake(a) : UINT64_MAX;

	if (w != UINT64_MAX && now + w < wake)
		wake = now + w;
	if (a->message && a->message_until < wake)
		wake = a->message_until;
	return wake;
}

static void drain(app *a)
{
	SDL_Event ev;

	while (SDL_PollEvent(&ev))
		loop_handle(a, &ev);
}

/* Draws while something changed or a timer is due; a tap handled in a
 * frame asks for one more, a handful at most. */
static void render_due(app *a)
{
	if (app_now(a) >= a->next_frame_at)
		app_dirty(a);
	for (int i = 0; i < 4 && a->dirty && a->running; i++)
		loop_render(a, true);
}

static int run_live(app *a)
{
	while (a->running && !terminate_requested) {
		uint64_t now, wake;
		SDL_Event ev;
		render_due(a);
		now = app_now(a);
		wake = a->dirty ? now : a->next_frame_at;
		if (SDL_WaitEventTimeout(&ev, (int)SDL_min(wake > now ? wake - now : 0, MAX_SLEEP_MS))) {
			loop_handle(a, &ev);
			drain(a);
		}
	}
	if (terminate_requested)
		klog_info("loop", "stopping on a signal from the service manager");
	return a->exit_code;
}

void loop_step(app *a)
{
	drain(a);
	render_due(a);
}

int app_run(app *a)
{
	install_signals();
	if (a->sc)
		return script_run(a);
	return run_live(a);
}

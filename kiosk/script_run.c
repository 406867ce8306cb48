/* script_run.c — scripts become SDL events on the app's virtual clock.
 *
 * Each command pushes the events a person's action would produce and
 * lets the real loop handle them; `wait` moves the virtual clock in small
 * steps so timers and animations run as they would live. Unwrapping the
 * operator key runs on a real thread: the runner waits for it before the
 * next command, so scripts do not depend on the machine's speed. */
#include "script_run.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "ime.h"
#include "klog.h"
#include "loop.h"
#include "script.h"

#define STEP_MS 50

static const char *const screen_names[SCREEN_COUNT] = {
	"feed", "browse", "mood", "compose", "thanks", "op_login", "op_queue",
};

static void settle(app *a)
{
	loop_step(a);
	while (a->op.unlocking || ime_busy(a)) {
		SDL_Delay(2);
		loop_step(a);
	}
	loop_step(a);
}

static void advance(app *a, long ms)
{
	while (ms > 0 && a->running) {
		long step = ms < STEP_MS ? ms : STEP_MS;
		a->clock_ms += (uint64_t)step;
		ms -= step;
		settle(a);
	}
}

static float resolve(const app *a, script_coord c, bool is_x)
{
	return c.percent ? c.v * (float)(is_x ? a->w : a->h) : c.v;
}

/* Drawable pixels to the window coordinates mouse events carry. */
static void to_window(const app *a, float *x, float *y)
{
	int ww, wh;

	if (!a->win)
		return;
	SDL_GetWindowSize(a->win, &ww, &wh);
	*x *= (float)ww / (float)a->w;
	*y *= (float)wh / (float)a->h;
}

static void push_button(app *a, Uint32 type, float x, float y)
{
	SDL_Event ev;

	to_window(a, &x, &y);
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
	ev.button.clicks = 1;
	ev.button.x = (Sint32)x;
	ev.button.y = (Sint32)y;
	SDL_PushEvent(&ev);
	settle(a);
}

static void push_finger(app *a, Uint32 type, float x, float y)
{
	SDL_Event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.tfinger.touchId = 1;
	ev.tfinger.fingerId = 1;
	ev.tfinger.x = x / (float)a->w;
	ev.tfinger.y = y / (float)a->h;
	ev.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
	SDL_PushEvent(&ev);
	settle(a);
}

/* The runner's finger between `hold` and `lift`. */
typedef struct held {
	bool down;
	float x, y;
} held;

/* The held finger, if any, leaves the glass where it is. */
static void lift(app *a, held *h)
{
	if (h->down)
		push_finger(a, SDL_FINGERUP, h->x, h->y);
	h->down = false;
}

static void press_at(app *a, float x, float y, long hold_ms, bool finger)
{
	if (finger)
		push_finger(a, SDL_FINGERDOWN, x, y);
	else
		push_button(a, SDL_MOUSEBUTTONDOWN, x, y);
	advance(a, hold_ms);
	if (finger)
		push_finger(a, SDL_FINGERUP, x, y);
	else
		push_button(a, SDL_MOUSEBUTTONUP, x, y);
}

/* A finger drawing through the points, 16 ms (one frame) apart: down at
 * the first unless h holds it down already, and up at the last unless
 * `keep` (then h holds it there). */
static void stroke(app *a, const script_cmd *c, held *h, bool keep)
{
	for (int i = 0; i < c->npts; i++) {
		float x = resolve(a, c->pts[2 * i], true), y = resolve(a, c->pts[2 * i + 1], false);
		push_finger(a, i == 0 && !h->down ? SDL_FINGERDOWN : SDL_FINGERMOTION, x, y);
		h->down = true, h->x = x, h->y = y;
		advance(a, 16);
	}
	if (!keep)
		lift(a, h);
}

static void swipe(app *a, float x1, float y1, float x2, float y2)
{
	push_button(a, SDL_MOUSEBUTTONDOWN, x1, y1);
	advance(a, 150);
	push_button(a, SDL_MOUSEBUTTONUP, x2, y2);
}

static void push_key(app *a, SDL_Keycode key, Uint16 mod)
{
	SDL_Event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = SDL_KEYDOWN;
	ev.key.state = SDL_PRESSED;
	ev.key.keysym.sym = key;
	ev.key.keysym.scancode = SDL_GetScancodeFromKey(key);
	ev.key.keysym.mod = mod;
	SDL_PushEvent(&ev);
	ev.type = SDL_KEYUP;
	ev.key.state = SDL_RELEASED;
	SDL_PushEvent(&ev);
	settle(a);
}

/* "ctrl+alt+F4" → key and modifiers. */
static bool parse_key(const char *spec, SDL_Keycode *key, Uint16 *mod)
{
	static const struct { const char *name; Uint16 mod; } mods[] = {
		{ "ctrl+", KMOD_LCTRL }, { "alt+", KMOD_LALT }, { "shift+", KMOD_LSHIFT },
		{ "gui+", KMOD_LGUI },
	};
	bool more = true;

	*mod = 0;
	while (more) {
		more = false;
		for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
			size_t n = strlen(mods[i].name);
			if (SDL_strncasecmp(spec, mods[i].name, n) == 0 && spec[n]) {
				*mod |= mods[i].mod;
				spec += n;
				more = true;
			}
		}
	}
	*key = SDL_GetKeyFromName(spec);
	return *key != SDLK_UNKNOWN;
}

/* Bytes of s that fit in cap - 1 without splitting a UTF-8 sequence. */
static size_t utf8_chunk(const char *s, size_t len, size_t cap)
{
	size_t n = len < cap - 1 ? len : cap - 1;

	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void push_text(app *a, const char *s, size_t len)
{
	while (len > 0) {
		SDL_Event ev;
		size_t n = utf8_chunk(s, len, sizeof ev.text.text);
		memset(&ev, 0, sizeof ev);
		ev.type = SDL_TEXTINPUT;
		memcpy(ev.text.text, s, n);
		SDL_PushEvent(&ev);
		settle(a);
		s += n;
		len -= n;
	}
}

static void type_text(app *a, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		push_text(a, text, n);
		if (!nl)
			break;
		push_key(a, SDLK_RETURN, 0);
		text = nl + 1;
	}
}

static void edit_text(app *a, const char *text)
{
	SDL_Event ev;
	size_t n = utf8_chunk(text, strlen(text), sizeof ev.edit.text);

	memset(&ev, 0, sizeof ev);
	ev.type = SDL_TEXTEDITING;
	memcpy(ev.edit.text, text, n);
	ev.edit.start = (Sint32)n;
	SDL_PushEvent(&ev);
	settle(a);
}

static bool screenshot(app *a, const script_cmd *c)
{
	char path[2048];
	SDL_Surface *s = a->surface;
	bool ok;

	if (!script_shot_path(a->sc, c->text, path, sizeof path))
		return false;
	loop_render(a, false);
	SDL_RenderFlush(a->r);      /* what is still queued belongs in the picture */
	if (!s) {
		s = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 32, SDL_PIXELFORMAT_ARGB8888);
		if (s && SDL_RenderReadPixels(a->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch))
			SDL_FreeSurface(s), s = NULL;
	}
	ok = s && draw_surface_png(s, path);
	if (s != a->surface)
		SDL_FreeSurface(s);
	SDL_RenderPresent(a->r);
	if (!ok)
		fprintf(stderr, "treehole: cannot write %s: %s\n", path, SDL_GetError());
	else if (a->opt.tour)
		printf("  %s\n", path);
	return ok;
}

static bool count_note(const store_note *n, void *ctx)
{
	(void)n;
	++*(long *)ctx;
	return true;
}

static bool expect(app *a, const script_cmd *c)
{
	uint64_t pending = 0;
	long feed = 0;

	switch (c->op) {
	case SCRIPT_EXPECT_SCREEN:
		if (strcmp(screen_names[a->screen], c->text) == 0)
			return true;
		fprintf(stderr, "treehole: %s:%d: expected screen %s, the app shows %s\n",
		        script_name(a->sc), c->line, c->text, screen_names[a->screen]);
		return false;
	case SCRIPT_EXPECT_PENDING:
		if (a->st && store_pending_count(a->st, &pending) == STATUS_OK &&
		    pending == (uint64_t)c->ms)
			return true;
		fprintf(stderr, "treehole: %s:%d: expected %ld pending notes, the store holds %llu\n",
		        script_name(a->sc), c->line, c->ms, (unsigned long long)pending);
		return false;
	default:
		if (a->st && store_feed_each(a->st, count_note, &feed) == STATUS_OK && feed == c->ms)
			return true;
		fprintf(stderr, "treehole: %s:%d: expected %ld notes in the feed, it shows %ld\n",
		        script_name(a->sc), c->line, c->ms, feed);
		return false;
	}
}

static bool press(app *a, const script_cmd *c)
{
	SDL_FRect rc;
	char ids[1024];

	settle(a);
	loop_render(a, true);     /* the ids of what is on screen now */
	if (ui_find(&a->ui, c->text, &rc)) {
		press_at(a, rc.x + rc.w / 2, rc.y + rc.h / 2, 80, false);
		return true;
	}
	ui_list_ids(&a->ui, ids, sizeof ids);
	fprintf(stderr, "treehole: %s:%d: no button \"%s\" on screen %s (there are: %s)\n",
	        script_name(a->sc), c->line, c->text, screen_names[a->screen], ids);
	return false;
}

static bool run_one(app *a, const script_cmd *c, held *h)
{
	SDL_Keycode key;
	Uint16 mod;

	switch (c->op) {
	case SCRIPT_TAP:
	case SCRIPT_TOUCH:
		press_at(a, resolve(a, c->x, true), resolve(a, c->y, false), 80, c->op == SCRIPT_TOUCH);
		return true;
	case SCRIPT_LONGPRESS:
		press_at(a, resolve(a, c->x, true), resolve(a, c->y, false), c->ms, false);
		return true;
	case SCRIPT_SWIPE:
		swipe(a, resolve(a, c->x, true), resolve(a, c->y, false), resolve(a, c->x2, true),
		      resolve(a, c->y2, false));
		return true;
	case SCRIPT_STROKE: stroke(a, c, h, false); return true;
	case SCRIPT_HOLD: stroke(a, c, h, true); return true;
	case SCRIPT_LIFT:
		if (!h->down) {
			fprintf(stderr, "treehole: %s:%d: lift: no finger is held (hold first)\n",
			        script_name(a->sc), c->line);
			return false;
		}
		lift(a, h);
		return true;
	case SCRIPT_PRESS: return press(a, c);
	case SCRIPT_TEXT: type_text(a, c->text); return true;
	case SCRIPT_EDIT: edit_text(a, c->text); return true;
	case SCRIPT_KEY:
		if (!parse_key(c->text, &key, &mod)) {
			fprintf(stderr, "treehole: %s:%d: unknown key %s\n", script_name(a->sc), c->line,
			        c->text);
			return false;
		}
		push_key(a, key, mod);
		return true;
	case SCRIPT_CLOSE: {
		SDL_Event ev = { .type = SDL_QUIT };
		SDL_PushEvent(&ev);
		settle(a);
		return true;
	}
	case SCRIPT_WAIT: advance(a, c->ms); return true;
	case SCRIPT_SCREENSHOT: return screenshot(a, c);
	default: return expect(a, c);
	}
}

int script_run(app *a)
{
	script_cmd c;
	held h = { 0 };
	int failures = 0;

	klog_set_quiet(1);
	settle(a);
	while (a->running && script_next(a->sc, &c))
		failures += !run_one(a, &c, &h);
	if (a->running)
		lift(a, &h);
	if (!a->running && script_next(a->sc, &c)) {
		fprintf(stderr, "treehole: %s:%d: the app had already closed; this line and the rest "
		                "did not run\n", script_name(a->sc), c.line);
		failures++;
	}
	if (failures)
		fprintf(stderr, "treehole: %s: %d step(s) failed\n", script_name(a->sc), failures);
	return failures ? 1 : 0;
}

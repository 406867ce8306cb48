/* app.c — the kiosk's life cycle: what it opens, in which order, and how
 * it lets go of it (in reverse, wiping every secret on the way). */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "canvas.h"
#include "demo.h"
#include "ink.h"
#include "ink_draw.h"
#include "i18n.h"
#include "ime.h"
#include "klog.h"
#include "script.h"
#include "vault.h"

#define ASSUMED_LANDSCAPE_INCHES 10.1f  /* a headrest or dashboard tablet */
#define ASSUMED_PORTRAIT_INCHES 21.5f   /* a station kiosk */
#define LAYOUT_CACHE_ENTRIES 256

static const screen_ops *const screens[SCREEN_COUNT] = {
	[SCREEN_FEED] = &screen_feed,         [SCREEN_BROWSE] = &screen_browse,
	[SCREEN_MOOD] = &screen_mood,         [SCREEN_COMPOSE] = &screen_compose,
	[SCREEN_THANKS] = &screen_thanks,     [SCREEN_OP_LOGIN] = &screen_op_login,
	[SCREEN_OP_QUEUE] = &screen_op_queue,
};

Uint32 app_swipe_event;
Uint32 app_worker_event;

uint64_t app_now(const app *a)
{
	return a->virtual_clock ? a->clock_ms : SDL_GetTicks64();
}

void app_dirty(app *a)
{
	a->dirty = true;
}

void app_message(app *a, const char *msgid, uint64_t ms)
{
	a->message = msgid;
	a->message_until = app_now(a) + ms;
	app_dirty(a);
}

void app_go(app *a, app_screen s)
{
	if (screens[a->screen]->leave)
		screens[a->screen]->leave(a);
	a->screen = s;
	a->screen_at = app_now(a);
	a->gesture.captured = false;    /* a held pointer belonged to the old screen */
	if (screens[s]->enter)
		screens[s]->enter(a);
	app_dirty(a);
}

/* Pixels per millimetre: the configured or reported DPI, else the DPI of
 * the screen the kiosk most likely is, from its orientation. */
static float pixels_per_mm(const app *a)
{
	float dpi = a->opt.dpi, ddpi = 0.0f;

	if (dpi <= 0.0f && a->win &&
	    SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(a->win), &ddpi, NULL, NULL) == 0 &&
	    ddpi >= 60.0f && ddpi <= 600.0f)
		dpi = ddpi;
	if (dpi <= 0.0f) {
		float diag = sqrtf((float)a->w * (float)a->w + (float)a->h * (float)a->h);
		dpi = diag / (a->h > a->w ? ASSUMED_PORTRAIT_INCHES : ASSUMED_LANDSCAPE_INCHES);
	}
	return dpi / 25.4f;
}

/* 5.5 mm reads well at arm's length; a large station screen is read from
 * further away, so text also grows with the screen, within reason. */
float app_text_px(const app *a)
{
	float side = (float)SDL_min(a->w, a->h);
	return roundf(fminf(fmaxf(a->px_per_mm * 5.5f, side / 34.0f), side / 17.0f));
}

float app_title_px(const app *a)
{
	return roundf(app_text_px(a) * 1.3f);
}

float app_small_px(const app *a)
{
	return roundf(fmaxf(app_text_px(a) * 0.68f, 12.0f));
}

static bool open_fonts(app *a)
{
	const fontchain_spec *specs = a->opt.fonts;
	size_t n = a->opt.nfonts;

	if (!specs)
		n = fontchain_default_specs(&specs);
	if (fontchain_open(specs, n, &a->fc, a->font_msg, sizeof a->font_msg) != FONTCHAIN_OK) {
		fprintf(stderr, "treehole: fonts: %s\n", a->font_msg);
		return false;
	}
	return true;
}

static bool open_window(app *a)
{
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI |
	               (a->opt.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);

	a->win = SDL_CreateWindow("treehole", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
	                          a->opt.width, a->opt.height, flags);
	if (!a->win)
		return false;
	a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
	if (!a->r)
		a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
	if (!a->r)
		return false;
	SDL_GetRendererOutputSize(a->r, &a->w, &a->h);
	return true;
}

static bool open_surface(app *a)
{
	a->w = a->opt.width;
	a->h = a->opt.height;
	a->surface = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!a->surface)
		return false;
	a->r = SDL_CreateSoftwareRenderer(a->surface);
	return a->r != NULL;
}

static bool open_drawing(app *a)
{
	if (!(a->opt.headless ? open_surface(a) : open_window(a))) {
		fprintf(stderr, "treehole: cannot open the screen: %s\n", SDL_GetError());
		return false;
	}
	a->at = atlas_new(a->r, a->fc, a->opt.atlas_budget);
	a->lc = layout_cache_new(a->fc, LAYOUT_CACHE_ENTRIES);
	a->inkd = ink_draw_new(a->r);
	a->compose.canvas = canvas_new(a);
	if (!a->at || !a->lc || !a->inkd || !a->compose.canvas) {
		fprintf(stderr, "treehole: out of memory\n");
		return false;
	}
	a->px_per_mm = pixels_per_mm(a);
	a->ui = (ui){ .r = a->r, .at = a->at, .lc = a->lc };
	app_software_target(a);
	return true;
}

/* The store, or the reason there is none (shown calmly, never fatal). */
static void open_store(app *a)
{
	status st;

	if (a->opt.demo && access(a->opt.db_path, F_OK) != 0) {
		st = demo_create(a->opt.db_path, -1, &a->st);
		klog_info("app", st ? "cannot create the demo store: %s" : "created the demo store",
		          status_message(st));
	} else if (a->opt.demo) {
		st = demo_open(a->opt.db_path, &a->st);
	} else {
		st = store_open(a->opt.db_path, STORE_OPEN_READ_WRITE, &a->st);
	}
	if (!st && a->opt.fingerprint && a->opt.fingerprint[0])
		st = store_expect_fingerprint(a->st, a->opt.fingerprint);
	if (!st && a->opt.feed_delay_days >= 0)
		st = store_set_feed_delay(a->st, a->opt.feed_delay_days);
	if (st) {
		klog_error("app", "store %s: %s", a->opt.db_path, status_message(st));
		store_close(a->st);
		a->st = NULL;
	}
	a->store_status = st;
}

const char *app_store_problem(const app *a)
{
	if (a->st)
		return NULL;
	switch (a->store_status) {
	case STATUS_KEY_REPLACED:
		return N_("This kiosk's keys do not match its settings. It is out of service until "
		          "the operator checks it.");
	case STATUS_NO_STORE:
		return N_("This kiosk is not set up yet. The operator creates its store with "
		          "treehole-admin init.");
	default:
		return N_("This kiosk is resting for a moment. Please tell the driver or staff.");
	}
}

/* Rime keeps its build cache in a private folder beside the store. */
static void start_input(app *a)
{
	char dir[4096];
	const char *slash = strrchr(a->opt.db_path, '/');
	int n = slash ? (int)(slash - a->opt.db_path) : 1;

	snprintf(dir, sizeof dir, "%.*s/rime", n, slash ? a->opt.db_path : ".");
	if (dir[0] != '/') {
		char cwd[2048], abs[4096 + 2048];
		if (getcwd(cwd, sizeof cwd) && snprintf(abs, sizeof abs, "%s/%s", cwd, dir) < (int)sizeof dir)
			memcpy(dir, abs, strlen(abs) + 1);
	}
	ime_start(a, dir);
}

static bool alloc_state(app *a)
{
	bool lists = app_list_init(&a->browse.list, BROWSE_MAX) &&
	             app_list_init(&a->op.queue, OP_QUEUE_MAX);

	a->op.pass = vault_alloc(OP_PASS_MAX);
	a->compose.draft = editbuf_new(NOTE_TEXT_MAX_CHARS);
	a->compose.display = vault_alloc(COMPOSE_DISPLAY_MAX);
	return lists && a->op.pass && a->compose.draft && a->compose.display;
}

bool app_init(app *a, const app_options *opt)
{
	memset(a, 0, sizeof *a);
	a->opt = *opt;
	a->running = true;
	a->dirty = true;
	if (vault_init() != STATUS_OK || !alloc_state(a)) {
		fprintf(stderr, "treehole: out of memory\n");
		return false;
	}
	app_swipe_event = SDL_RegisterEvents(2);
	app_worker_event = app_swipe_event + 1;
	if (!open_fonts(a) || !open_drawing(a))
		return false;
	if (opt->tour)
		a->sc = script_tour(opt->screenshot_dir);
	else if (opt->script_path)
		a->sc = script_open(opt->script_path, opt->screenshot_dir);
	if ((opt->tour || opt->script_path) && !a->sc)
		return false;
	a->virtual_clock = a->sc != NULL;
	a->clock_ms = 1000;
	open_store(a);
	start_input(a);
	app_go(a, SCREEN_FEED);
	return true;
}

void app_destroy(app *a)
{
	if (screens[a->screen] && screens[a->screen]->leave)
		screens[a->screen]->leave(a);
	if (a->op.worker)
		SDL_WaitThread(a->op.worker, NULL);
	app_note_clear(&a->feed.cur);
	app_note_clear(&a->feed.prev);
	script_close(a->sc);
	ime_stop(a);
	store_close(a->st);
	editbuf_destroy(a->compose.draft);
	vault_free(a->compose.display);
	vault_free(a->op.pass);
	app_list_free(&a->op.queue);
	app_list_free(&a->browse.list);
	canvas_destroy(a->compose.canvas);
	ink_draw_destroy(a->inkd);
	layout_cache_destroy(a->lc);
	atlas_destroy(a->at);
	if (a->r)
		SDL_DestroyRenderer(a->r);
	if (a->win)
		SDL_DestroyWindow(a->win);
	SDL_FreeSurface(a->surface);
	fontchain_close(a->fc);
	memset(a, 0, sizeof *a);
}

void app_software_target(app *a)
{
	SDL_RendererInfo info;

	if (SDL_GetRendererInfo(a->r, &info) || !(info.flags & SDL_RENDERER_SOFTWARE))
		return;
	atlas_set_target(a->at, a->surface ? a->surface : SDL_GetWindowSurface(a->win));
	ink_draw_set_surface(a->inkd, a->surface ? a->surface : SDL_GetWindowSurface(a->win));
}

void app_targets_reset(app *a)
{
	atlas_reset(a->at);
	app_software_target(a);
	canvas_targets_reset(a->compose.canvas);
	app_dirty(a);
}

bool app_note_copy(app_note *dst, const store_note *src)
{
	memset(dst, 0, sizeof *dst);
	dst->id = src->id;
	dst->mood = src->mood;
	dst->kind = src->kind;
	dst->day = src->day;
	dst->damaged = src->damage != STATUS_OK || !src->body ||
	               (src->kind != NOTE_KIND_TEXT && src->kind != NOTE_KIND_INK) ||
	               (src->kind == NOTE_KIND_INK && ink_validate(src->body, src->body_len));
	if (dst->damaged)
		return true;
	if (!(dst->text = vault_alloc(src->body_len + 1)))
		return false;
	memcpy(dst->text, src->body, src->body_len);
	dst->text[src->body_len] = '\0';
	dst->len = src->body_len;
	return true;
}

void app_note_clear(app_note *n)
{
	if (n->text) {
		vault_wipe(n->text, n->len);
		vault_free(n->text);
	}
	memset(n, 0, sizeof *n);
}

bool app_list_init(app_list *l, size_t cap)
{
	*l = (app_list){ .notes = calloc(cap, sizeof *l->notes), .cap = cap };
	return l->notes != NULL;
}

void app_list_clear(app_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		app_note_clear(&l->notes[i]);
	l->count = l->index = 0;
}

void app_list_free(app_list *l)
{
	app_list_clear(l);
	free(l->notes);
	*l = (app_list){ 0 };
}

static bool list_collect(const store_note *n, void *ctx)
{
	app_list *l = ctx;

	if (l->count >= l->cap)
		return false;
	if (app_note_copy(&l->notes[l->count], n))
		l->count++;
	return true;
}

status app_list_fill(app_list *l, store *s, status (*each)(store *, store_note_fn, void *))
{
	app_list_clear(l);
	return s ? each(s, list_collect, l) : STATUS_NO_STORE;
}

void app_list_drop(app_list *l)
{
	app_note *n = &l->notes[l->index];

	if (l->index >= l->count)
		return;
	app_note_clear(n);
	memmove(n, n + 1, (l->count - l->index - 1) * sizeof *n);
	memset(&l->notes[--l->count], 0, sizeof *n);
	if (l->index >= l->count && l->index > 0)
		l->index--;
}

bool app_list_move(app_list *l, int dir)
{
	if (dir > 0 && l->index + 1 < l->count)
		l->index++;
	else if (dir < 0 && l->index > 0)
		l->index--;
	else
		return false;
	return true;
}

const char *app_mood_name(note_mood m)
{
	static const char *const names[NOTE_MOOD_COUNT] = {
		N_("Happy"), N_("Calm"), N_("Tired"), N_("Anxious"),
		N_("Sad"),   N_("Hopeful"), N_("Grateful"),
	};
	if (!note_mood_valid((int)m))
		return "";
	return _(names[m - NOTE_MOOD_FIRST]);
}

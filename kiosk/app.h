/* app.h — the kiosk app: its state, its screens, and what they share.
 *
 * One app runs one window (or, headless, one software surface) on one
 * thread. The loop (loop.c) turns SDL events into taps, swipes, text and
 * keys, asks the current screen to draw itself when something changed or
 * moves, and sleeps in SDL_WaitEventTimeout until the next timer. Only
 * the operator's key unwrap (Argon2id, most of a second) runs on a worker
 * thread, during which the loop does not touch the store.
 *
 * Time: app_now() is milliseconds on a monotonic clock, or a virtual clock
 * that a script advances (so a 60-second idle countdown is tested in no
 * time). No time finer than a day is ever stored; these clocks only drive
 * animations and timeouts.
 *
 * Privacy: the draft, the passphrase being typed and the operator's
 * decrypted queue live in vault_alloc()ed memory and are wiped when they
 * are done with; nothing a passenger types is logged. */
#ifndef TREEHOLE_APP_H
#define TREEHOLE_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "atlas.h"
#include "editbuf.h"
#include "fontchain.h"
#include "layout_cache.h"
#include "store.h"
#include "ui.h"

typedef enum app_screen {
	SCREEN_FEED = 0,   /* the attract screen: rotating cards */
	SCREEN_BROWSE,     /* one note at a time, swipe, report */
	SCREEN_MOOD,       /* compose, step 1: pick a mood */
	SCREEN_COMPOSE,    /* compose, step 2: write */
	SCREEN_THANKS,     /* sealed */
	SCREEN_OP_LOGIN,   /* operator passphrase pad */
	SCREEN_OP_QUEUE,   /* operator: pending notes */
	SCREEN_COUNT
} app_screen;

/* What the app is told to do: the config file and command line, merged
 * by main.c. Strings are borrowed for the app's lifetime. */
typedef struct app_options {
	const char *db_path;
	const char *fingerprint;      /* 16 hex digits or NULL: pinned operator keys */
	int feed_delay_days;          /* -1: keep the store's */
	const fontchain_spec *fonts;  /* NULL: fontchain_default_specs */
	size_t nfonts;
	bool fullscreen;
	int width, height;            /* window (or headless surface) size, px */
	float dpi;                    /* 0: ask SDL, else assume a 10.1" tablet */
	int dim_from, dim_to;         /* local hours [from, to) to dim; equal = never */
	int dim_level;                /* percent brightness while dimmed, 10..100 */
	int idle_s;                   /* compose idle before the countdown */
	int countdown_s;              /* the visible countdown before the wipe */
	int card_s;                   /* feed: seconds per card */
	int op_lock_s;                /* operator mode locks after this idle */
	const char *language;         /* "zh_CN" or "en" */
	size_t atlas_budget;          /* bytes */
	bool demo;                    /* create/open the demo store at db_path */
	bool headless;                /* no window: a software surface */
	const char *script_path;      /* drive the app from this script, then exit */
	const char *screenshot_dir;   /* where `screenshot` writes */
	bool tour;                    /* run the built-in tour (script_tour) */
} app_options;

/* A note held by a screen: copied into locked memory, wiped on release. */
typedef struct app_note {
	note_id id;
	note_mood mood;
	note_kind kind;
	int32_t day;
	bool damaged;
	char *text;                   /* vault_alloc()ed body: text NUL-terminated, or the
	                                 ink codec's bytes; NULL if none */
	size_t len;
} app_note;

typedef struct feed_state {
	app_note cur, prev;
	bool have_cur, have_prev;
	uint64_t shown_at;            /* when cur appeared (transition start) */
	bool empty;                   /* nothing visible today */
	uint64_t next_try;            /* when to ask the store again */
} feed_state;

/* Held notes with a cursor: Browse's feed, the operator's queue. */
typedef struct app_list {
	app_note *notes;              /* calloc'ed, cap entries */
	size_t cap, count, index;
} app_list;

#define BROWSE_MAX 200

typedef struct browse_state {
	app_list list;
	uint64_t changed_at;
	bool confirm_report;
} browse_state;

/* The draft (4 bytes a code point at most) with a preedit spliced in. */
#define COMPOSE_DISPLAY_MAX (NOTE_TEXT_MAX_CHARS * 4 + EDITBUF_PREEDIT_MAX_BYTES + 1)

typedef struct canvas canvas;
typedef struct ink_drawer ink_drawer;

typedef struct compose_state {
	note_mood mood;
	bool ink_mode;                /* writing by hand on the canvas, not typing */
	canvas *canvas;
	editbuf *draft;
	char *display;                /* vault_alloc()ed COMPOSE_DISPLAY_MAX bytes */
	const char *error;            /* a catalog msgid shown under the editor, or NULL */
} compose_state;

typedef struct thanks_state {
	note_mood mood;
	uint64_t others;              /* others who felt the same today */
	uint64_t since;
} thanks_state;

#define OP_PASS_MAX 256
#define OP_QUEUE_MAX 500

typedef struct op_state {
	char *pass;                   /* vault_alloc()ed OP_PASS_MAX bytes */
	size_t pass_len;
	bool shift, symbols;
	unsigned wrong;               /* wrong passphrases since the kiosk started */
	uint64_t locked_until;        /* back-off after a wrong passphrase */
	bool unlocking;               /* the worker thread owns the store */
	SDL_Thread *worker;
	SDL_atomic_t done;
	status unlock_result;
	app_list queue;               /* bodies in locked memory */
	bool changed;                 /* approve/reject happened: tidy on lock */
	bool confirm_exit;
} op_state;

typedef struct gesture_state {
	int step;                     /* corners held so far in the operator gesture */
	uint64_t step_at;
	bool down;
	float down_x, down_y;
	uint64_t down_at;
	SDL_FingerID finger;
	bool finger_down;
	bool captured;                /* the screen owns this pointer (pointer()) */
} gesture_state;

typedef struct script script;
typedef struct ime_panel ime_panel;

typedef struct app {
	app_options opt;
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_Surface *surface;         /* headless target, else NULL */
	fontchain *fc;
	atlas *at;
	layout_cache *lc;
	ink_drawer *inkd;             /* ink notes on cards */
	ui ui;
	store *st;
	status store_status;          /* why there is no store, if st is NULL */
	char font_msg[256];           /* fontchain_open's message, if it failed */
	int w, h;
	float px_per_mm;

	app_screen screen;
	uint64_t screen_at;
	bool running;
	bool dirty;
	uint64_t next_frame_at;       /* app-clock time the screen asked to be drawn again */
	bool want_text;               /* SDL text input is on */
	int exit_code;

	uint64_t clock_ms;            /* the virtual clock, in script mode */
	bool virtual_clock;
	uint64_t last_input;

	const char *message;          /* a calm catalog message over the screen */
	uint64_t message_until;

	feed_state feed;
	browse_state browse;
	compose_state compose;
	thanks_state thanks;
	op_state op;
	gesture_state gesture;
	ime_panel *ime;               /* the on-screen pinyin keyboard and handwriting pad */
	script *sc;
} app;

/* ---- app.c: life cycle ---- */

/* Opens everything the options name: fonts, window or surface,
 * renderer, atlas, store. Failures that a passenger could meet (no store,
 * a replaced key) do not fail here: the app runs and shows a calm
 * out-of-service message. Returns false only when nothing can be shown
 * (no font, no renderer), with a message on stderr. OUT: *a. */
bool app_init(app *a, const app_options *opt);

/* Wipes every secret and note, closes the store, frees everything in
 * reverse order. Safe after a failed app_init. */
void app_destroy(app *a);

/* Runs until the operator exits (or the script ends). Returns the
 * process exit code. */
int app_run(app *a);

/* Milliseconds on the app's clock. */
uint64_t app_now(const app *a);

/* Switches screen: the old one's leave() wipes what it held, the new
 * one's enter() starts fresh. */
void app_go(app *a, app_screen s);

/* Shows a calm message (a catalog msgid) over the screen for ms. */
void app_message(app *a, const char *msgid, uint64_t ms);

/* Marks the screen as needing a redraw. */
void app_dirty(app *a);

/* With the software renderer, lets the atlas blend glyphs straight into
 * the surface it draws on (much faster); call again when that surface
 * changes (a window resize). Does nothing on a GPU renderer. */
void app_software_target(app *a);

/* Re-creates what a lost render target took (atlas pages, cached
 * textures) after SDL_RENDER_TARGETS_RESET. */
void app_targets_reset(app *a);

/* Copies a store note into locked memory (text notes; other kinds are
 * kept without body and shown as not displayable). Returns false when
 * memory is out. */
bool app_note_copy(app_note *dst, const store_note *src);

/* Wipes and frees a held note. Accepts an empty one. */
void app_note_clear(app_note *n);

/* Makes room for cap notes. Returns false when memory is out. */
bool app_list_init(app_list *l, size_t cap);

/* Wipes every note and frees the list. Accepts an empty one. */
void app_list_free(app_list *l);

/* Wipes every note; the list is then empty, the cursor at 0. */
void app_list_clear(app_list *l);

/* Clears the list, then fills it through a store listing (store_feed_each,
 * store_pending_each) with copies, up to its capacity. Returns what the
 * listing returned. */
status app_list_fill(app_list *l, store *s, status (*each)(store *, store_note_fn, void *));

/* Removes the note under the cursor (it was approved, rejected or
 * reported); the cursor stays in range. */
void app_list_drop(app_list *l);

/* Moves the cursor one step (dir < 0: back); false at either end. */
bool app_list_move(app_list *l, int dir);

/* The mood's name in the current language. */
const char *app_mood_name(note_mood m);

/* Body text size and common metrics, px. */
float app_text_px(const app *a);
float app_title_px(const app *a);
float app_small_px(const app *a);

/* Draws a note as a paper card inside rc (text laid out to fit at
 * text_px, mood tag at the top, vertical if the card is taller than wide
 * and the note short). `alpha` 0..255 fades the card in. */
void app_draw_card(app *a, const app_note *n, SDL_FRect rc, float text_px, uint8_t alpha);

/* Inserts text at the draft's caret (Compose; the IME panel too), with
 * the draft's checks; a refusal shows under the editor. */
void compose_insert(app *a, const char *s, size_t n);

/* The out-of-service reason, as a msgid, or NULL when the store is fine. */
const char *app_store_problem(const app *a);

/* ---- screens: each has enter/leave/frame/event/wake ---- */

/* What a captured pointer does (the ink canvas, the handwriting pad). */
typedef enum app_pointer {
	APP_POINTER_DOWN = 0,
	APP_POINTER_MOVE,
	APP_POINTER_UP,
} app_pointer;

typedef struct screen_ops {
	void (*enter)(app *a);
	void (*leave)(app *a);
	void (*frame)(app *a);                          /* draw and handle taps */
	bool (*event)(app *a, const SDL_Event *ev);     /* keys, text, swipes; true: used */
	uint64_t (*wake)(app *a);                       /* ms until it needs a frame; UINT64_MAX: never */
	/* Optional: offered every pointer-down (px); returning true captures
	 * the pointer until it is lifted: its moves and the lift come here,
	 * and it makes no tap or swipe. */
	bool (*pointer)(app *a, app_pointer phase, float x, float y);
} screen_ops;

extern const screen_ops screen_feed, screen_browse, screen_mood, screen_compose, screen_thanks,
	screen_op_login, screen_op_queue;

/* A swipe, synthesised by the loop from pointer motion (dx < 0: left). */
#define APP_EVENT_SWIPE_NAME "swipe"

/* Horizontal swipes reach screens as this user event: code = -1 (left,
 * next) or +1 (right, previous). */
extern Uint32 app_swipe_event;
/* The worker thread says the unlock finished. */
extern Uint32 app_worker_event;

#endif

/* ime_impl.h — what the pinyin keyboard (ime.c) and the handwriting pad
 * (ime_hand.c) share. Not for other modules: they use ime.h. */
#ifndef TREEHOLE_IME_IMPL_H
#define TREEHOLE_IME_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "hwr.h"
#include "pinyin.h"

typedef enum ime_page {
	IME_PINYIN = 0,   /* letters go to the pinyin engine */
	IME_LATIN,        /* letters as they are */
	IME_SYMBOLS,      /* digits and Chinese punctuation */
	IME_HAND,         /* the handwriting pad */
} ime_page;

typedef enum ime_special {
	IME_KEY_BACKSPACE, IME_KEY_SPACE, IME_KEY_ENTER, IME_KEY_LANG, IME_KEY_SYMBOLS, IME_KEY_HAND,
} ime_special;

#define IME_HAND_MAX_POINTS 4096

/* The pad's strokes, in pad pixels, in locked memory: what a finger draws
 * there is as private as what it types. */
typedef struct ime_hand {
	hwr *hw;
	bool failed;                  /* the model could not be opened */
	float *xy;                    /* vault_alloc()ed 2 * IME_HAND_MAX_POINTS */
	uint16_t *stroke_of;          /* vault_alloc()ed: stroke index of each point */
	size_t npoints, nstrokes;
	bool drawing;
	SDL_FRect box;                /* where the pad was drawn */
	uint64_t lifted_at;           /* pen-up time: a pause commits */
	bool have_result;
} ime_hand;

struct ime_panel {
	pinyin *py;
	ime_page page;
	float key_px;                 /* label size of this frame's keys */
	ime_hand hand;
};

/* Inserts committed text into the draft (with its length checks). */
void ime_insert(app *a, const char *text);

/* One line on the candidate bar: the engine is starting, or which Debian
 * package is missing. */
void ime_status_line(app *a, SDL_FRect bar);

/* ime_hand.c */
void ime_hand_start(app *a);
void ime_hand_stop(app *a);
void ime_hand_clear(app *a);
void ime_hand_frame(app *a, SDL_FRect area);
bool ime_hand_candidates(app *a, SDL_FRect bar);
bool ime_hand_pointer(app *a, app_pointer phase, float x, float y);
uint64_t ime_hand_wake(app *a);

#endif

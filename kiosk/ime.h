/* ime.h — the kiosk's own Chinese input: an on-screen pinyin keyboard
 * (librime, input/pinyin.h) and a handwriting character pad (Zinnia,
 * input/hwr.h), sharing one candidate bar, on the Compose screen.
 *
 * A tablet in a taxi has no system input method, so treehole brings its
 * own. What they produce goes into the compose draft (editbuf): committed
 * text by editbuf_insert, the pinyin being typed as the draft's preedit.
 * Either engine may be missing (its Debian data not installed): the other
 * still works and the panel names the package to install.
 *
 * Privacy: the engines learn nothing across passengers; ime_reset (called
 * whenever the draft is wiped) drops the composition, the candidates and
 * the strokes on the pad. Keys are buttons "ime_<label>" for scripts. */
#ifndef TREEHOLE_IME_H
#define TREEHOLE_IME_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"

/* Starts the engines in the background (pinyin deploys in a thread) with
 * Rime's private folder `rime_dir` (made 0700). Never fails: what cannot
 * start is reported on the panel. */
void ime_start(app *a, const char *rime_dir);

/* Frees the sessions and shuts the engines down. */
void ime_stop(app *a);

/* Drops everything a passenger typed or drew into the panel. */
void ime_reset(app *a);

/* The height (px) the panel wants at this width: a candidate bar and
 * four rows of keys about as tall as they are wide. */
float ime_height(const app *a, float width);

/* Draws the candidate bar and the keyboard or pad inside `panel`, and
 * applies what was tapped to the draft. */
void ime_frame(app *a, SDL_FRect panel);

/* The pad's strokes (Compose offers the pointer here first). Returns
 * true if the pointer went down on the pad and is now the pad's. */
bool ime_pointer(app *a, app_pointer phase, float x, float y);

/* True while the pinyin engine is still being deployed (scripts wait for
 * it, as a person would). */
bool ime_busy(const app *a);

/* ms until the panel needs a frame (engine starting, pad's pause). */
uint64_t ime_wake(app *a);

/* True while the pinyin engine holds a composition (Compose then leaves
 * keys like Backspace to it). */
bool ime_composing(const app *a);

#endif

/* loop.h — the event loop's parts that the script runner reuses. */
#ifndef TREEHOLE_LOOP_H
#define TREEHOLE_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"

/* Handles one SDL event the way the live loop does. */
void loop_handle(app *a, const SDL_Event *ev);

/* Draws a frame of the current screen; presents it if `present`. */
void loop_render(app *a, bool present);

/* Handles every queued event, then draws a frame if one is due. */
void loop_step(app *a);

/* The app-clock time (ms) at which the screen next needs a frame. */
uint64_t loop_next_wake(app *a);

#endif

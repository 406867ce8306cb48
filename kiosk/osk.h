/* osk.h — an on-screen keyboard for the operator's passphrase: letters,
 * digits and symbols, large enough for fingers.
 *
 * It edits a caller-owned byte buffer (the passphrase, in locked memory)
 * and never copies it: the key labels it draws are the keys, not what was
 * typed. Every key is a ui button with id "key_<label>" ("key_shift",
 * "key_bksp", "key_space", "key_enter", "key_sym"), so scripts can type. */
#ifndef TREEHOLE_OSK_H
#define TREEHOLE_OSK_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

typedef enum osk_result {
	OSK_NONE = 0,   /* nothing tapped */
	OSK_CHANGED,    /* the buffer changed (or shift/page toggled) */
	OSK_ENTER,      /* Enter tapped */
} osk_result;

typedef struct osk_target {
	char *buf;      /* caller-owned, cap bytes */
	size_t *len;
	size_t cap;
	bool *shift;
	bool *symbols;
} osk_target;

/* Draws the keyboard in `area` and applies a tapped key to the target.
 * Characters past cap - 1 bytes are dropped. */
osk_result osk_frame(app *a, SDL_FRect area, const osk_target *t);

/* Removes the last UTF-8 character of the buffer (physical Backspace). */
void osk_backspace(const osk_target *t);

/* Appends text typed on a physical keyboard, if it fits whole. */
bool osk_append(const osk_target *t, const char *text, size_t n);

#endif

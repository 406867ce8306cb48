/* note.h — what a note is: its id, mood, kind, and the rules its text obeys.
 *
 * Pure functions, no I/O, no allocation. The limits here are the store's
 * contract: anything that breaks them is refused before it is sealed. */
#ifndef TREEHOLE_NOTE_H
#define TREEHOLE_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* At most this many Unicode scalar values (code points) of text per note. */
#define NOTE_TEXT_MAX_CHARS 2000
/* Hence at most this many bytes of UTF-8. */
#define NOTE_TEXT_MAX_BYTES (4 * NOTE_TEXT_MAX_CHARS)
/* Largest encoded body of any kind (ink notes included) the store accepts. */
#define NOTE_BODY_MAX_BYTES 32000

#define NOTE_ID_BYTES 16
#define NOTE_ID_HEX_LEN (2 * NOTE_ID_BYTES)

/* A random 128-bit identifier; says nothing about when or where. */
typedef struct note_id {
	uint8_t b[NOTE_ID_BYTES];
} note_id;

/* The fixed mood list, in the order the kiosk shows it. Values are stored
 * on disk: never renumber, only append. */
typedef enum note_mood {
	NOTE_MOOD_HAPPY = 1,   /* 开心 */
	NOTE_MOOD_CALM,        /* 平静 */
	NOTE_MOOD_TIRED,       /* 疲惫 */
	NOTE_MOOD_ANXIOUS,     /* 焦虑 */
	NOTE_MOOD_SAD,         /* 难过 */
	NOTE_MOOD_HOPEFUL,     /* 期待 */
	NOTE_MOOD_GRATEFUL,    /* 感恩 */
	NOTE_MOOD_END_
} note_mood;

#define NOTE_MOOD_FIRST NOTE_MOOD_HAPPY
#define NOTE_MOOD_COUNT (NOTE_MOOD_END_ - NOTE_MOOD_FIRST)

/* How the body is encoded. Stored on disk: never renumber. */
typedef enum note_kind {
	NOTE_KIND_TEXT = 1,  /* UTF-8 text obeying note_check_text() */
	NOTE_KIND_INK = 2,   /* stroke geometry (see ink.h for the codec) */
	NOTE_KIND_END_
} note_kind;

/* Checks `text` (len bytes, need not be NUL-terminated) against the note
 * rules: strict UTF-8 (no overlongs, surrogates or values past U+10FFFF),
 * no NUL or control characters other than tab, newline and carriage
 * return, at least one visible character, at most NOTE_TEXT_MAX_CHARS code
 * points. OUT: *chars (may be NULL) receives the code point count when the
 * text is valid. Returns STATUS_OK or one of the STATUS_TEXT_* codes. */
status note_check_text(const char *text, size_t len, size_t *chars);

/* True if `m` is one of the fixed moods. */
bool note_mood_valid(int m);

/* Stable English key of a mood ("happy", …), or NULL if invalid. */
const char *note_mood_key(note_mood m);

/* Chinese label of a mood ("开心", …), or NULL if invalid. */
const char *note_mood_label(note_mood m);

/* Parses an English key or a Chinese label. OUT: *out. Returns
 * STATUS_BAD_MOOD for anything else. */
status note_mood_parse(const char *s, note_mood *out);

/* Stable name of a kind ("text", "ink"), or NULL if invalid. */
const char *note_kind_name(note_kind k);

/* Writes the id as 32 lowercase hex digits plus NUL into `out`. */
void note_id_to_hex(const note_id *id, char out[NOTE_ID_HEX_LEN + 1]);

/* Parses exactly 32 hex digits (either case). OUT: *id. Returns
 * STATUS_BAD_ID otherwise. */
status note_id_from_hex(const char *hex, note_id *id);

#endif

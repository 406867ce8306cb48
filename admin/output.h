/* output.h — how treehole-admin writes notes and figures: one-line records,
 * JSON Lines (cJSON), CSV (libcsv) and cards for a terminal.
 *
 * These are the only functions that put note text on a stream, and the
 * callers only ever pass stdout or an export file, never stderr. Every
 * function returns false if the stream reported a write error; the caller
 * checks and reports it. Copies of note text made here (JSON strings, CSV
 * fields) are wiped before they are freed. */
#ifndef TREEHOLE_ADMIN_OUTPUT_H
#define TREEHOLE_ADMIN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ink.h"
#include "store.h"

/* Pen width of exported ink, in grid units (~0.7% of the longer side). */
#define OUT_INK_PEN 28

/* Writes len bytes of text so that it fits on one line and can be split on
 * tabs: "\\" -> "\\\\", newline -> "\\n", CR -> "\\r", tab -> "\\t"; any other
 * C0 control or DEL -> "\\xHH" and a C1 control -> "\\u00HH" (valid notes
 * hold none of those, but a terminal must never receive them raw). */
bool out_escaped(FILE *f, const char *text, size_t len);

/* One record: id TAB day TAB mood-key TAB kind TAB text, newline. A damaged
 * note gets "(damaged)" for its text, an ink note its summary
 * ("[ink: 3 strokes, 120 points]", see out_ink_summary). */
bool out_note_line(FILE *f, const store_note *n);

/* One JSON object and a newline (JSON Lines): {"id","day","mood",
 * "mood_label","kind","text"}; a damaged note has "damaged":true and no
 * text. An ink note has no text but "width" and "height" (its canvas in
 * grid units) and "svg" (out_ink_svg). */
bool out_note_json(FILE *f, const store_note *n);

/* The CSV header "id,day,mood,kind,text,width,height,svg" with a CRLF
 * (RFC 4180). The last three are for ink notes and empty for text. */
bool out_csv_header(FILE *f);

/* One CSV record with a CRLF; every field quoted by libcsv (quotes doubled,
 * commas and line breaks kept inside the quotes). A text that a spreadsheet
 * would run as a formula (see out_csv_needs_guard) gets a leading
 * apostrophe, in CSV only. Damaged and ink notes have an empty text; ink
 * notes have width, height and svg as in JSON. */
bool out_note_csv(FILE *f, const store_note *n);

/* True if a text starts with = + - @, a tab or a CR: spreadsheets treat
 * such a cell as a formula ("CSV injection"), so CSV export prefixes it. */
bool out_csv_needs_guard(const char *text, size_t len);

/* A note as a small card for a terminal: a header with day and mood label,
 * then the text line by line, indented. Control characters other than line
 * breaks and tabs are shown as "?". */
bool out_note_card(FILE *f, const store_note *n);

/* An ink note as a standalone SVG document in grid units: viewBox the
 * canvas (grown about its middle to a full canvas's size if smaller, as
 * ink_tess_fit draws it) with half the pen around it, e.g.
 * "-14 -14 4124 2759" for 4096 x 2731; no fill, OUT_INK_PEN wide round
 * strokes, one <path> per run of consecutive strokes of one colour
 * (ink_palette as #rrggbb), so the drawing order stays; each stroke
 * smoothed with quadratic curves through the midpoints of its segments
 * ("M x y L … Q … L …"; coordinates are whole or half units), a one-point
 * stroke a zero-length segment that round caps draw as a dot. OUT: *svg
 * (release with out_ink_free, which wipes it) and *len. Returns false if
 * `k` fails ink_check or on no memory. */
bool out_ink_svg(const ink *k, char **svg, size_t *len);

/* Wipes and frees what out_ink_svg made. Accepts NULL. */
void out_ink_free(char *svg, size_t len);

/* True for an ink note with a body (not damaged). */
bool out_is_ink(const store_note *n);

/* "[ink: N strokes, M points]" for listings and cards, or
 * "[ink: unreadable]" if the body does not decode. */
void out_ink_summary(const store_note *n, char *buf, size_t cap);

/* What `stats` shows: counts only. */
typedef struct out_stats {
	store_stats stats;
	int32_t today;
	uint64_t moods_today[NOTE_MOOD_COUNT];
} out_stats;

/* Stats as aligned "name value" lines for people. */
bool out_stats_text(FILE *f, const out_stats *s);

/* Stats as one JSON object and a newline. */
bool out_stats_json(FILE *f, const out_stats *s);

#endif

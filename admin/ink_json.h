/* ink_json.h — the stroke list `treehole-admin submit --ink FILE` reads:
 * JSON [[[x, y], …], …], strokes of points in any float coordinates (say,
 * canvas pixels), drawn in palette colour 0. Numbers are held to JSON's
 * own grammar (cJSON alone would take "01" or "1.").
 *
 * The strokes' bounding box becomes the canvas (ink_builder_new), so the
 * writing fills the grid with its aspect kept; then every stroke is
 * resampled, quantised and stripped of repeats exactly as the kiosk does.
 * Every copy of the file's content (the read buffer, cJSON's nodes) is
 * wiped before it is freed: a note nobody approved may be in it. */
#ifndef TREEHOLE_ADMIN_INK_JSON_H
#define TREEHOLE_ADMIN_INK_JSON_H

#include <stddef.h>

#include "ink.h"
#include "status.h"

/* Largest file read: far more than any note's raw input (a full note of
 * 20,000 points is some 0.3 MiB of coordinates), and small enough that
 * cJSON's tree of the worst file, "[0,0]," over and over (~58 bytes of
 * memory a byte), stays under 250 MB: 243 MB measured (16 MiB took
 * 0.94 GB). */
#define INK_JSON_MAX_BYTES ((size_t)4 << 20)
/* Largest |coordinate| accepted: beyond it a number is a mistake. */
#define INK_JSON_MAX_COORD 1e6
/* Room for the reason of a refusal. */
#define INK_JSON_WHY_MAX 160

/* Parses len bytes of JSON into a note. OUT: *out (ink_free) on success.
 * On failure *out is empty and `why` holds one sentence saying what is
 * wrong and where (stroke and point numbers from 1, a byte offset), never
 * the content itself. Returns STATUS_OK, STATUS_INK_INVALID (malformed
 * JSON, wrong shape, empty strokes, non-finite or absurd coordinates,
 * over the limits) or STATUS_NO_MEMORY. */
status ink_json_parse(const char *json, size_t len, ink *out, char why[INK_JSON_WHY_MAX]);

/* Reads the file at `path` ("-": standard input), at most
 * INK_JSON_MAX_BYTES, and parses it. Same results as ink_json_parse, plus
 * STATUS_IO when the file cannot be read (`why` says why). */
status ink_json_load(const char *path, ink *out, char why[INK_JSON_WHY_MAX]);

#endif

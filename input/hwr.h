/* hwr.h — handwriting recognition of one Chinese character at a time:
 * Zinnia (libzinnia) with the Simplified Chinese model of the Debian
 * package tegaki-zinnia-simplified-chinese (6,763 classes, GB2312).
 *
 * Use: hwr_open once (the model is mapped, 5-10 ms, and serves every
 * character); then per character hwr_begin with the pad's box, the points
 * of each stroke as the finger draws them (hwr_add_point, hwr_end_stroke
 * on pen-up), hwr_classify for the best candidates, read them through
 * hwr_count / hwr_candidate / hwr_score, and hwr_clear (or hwr_begin) for
 * the next character. hwr_classify costs about 5 ms whatever the ink:
 * Zinnia scores all 6,763 classes, reading the whole 26.8 MB model. Call
 * it on pen-up, not per point.
 *
 * What the recogniser sees. Zinnia's features are absolute positions and
 * lengths in the box, and its model does best on characters of about two
 * thirds of the box, centred (measured on the stroke sets of
 * tests/input). A finger writes where and how big it likes, so before
 * classifying the ink is moved to the centre and scaled, keeping its
 * aspect, until its longer side is HWR_INK_SIZE of the box
 * (never enlarged more than HWR_MAX_ZOOM times, so a dot stays a dot).
 * The same strokes drawn anywhere in the box, at any size down to a sixth
 * of it, give the same candidates. The cost: the model's 口 is small and
 * its 囗 large; after scaling they are told apart by shape alone, and 囗
 * usually comes first.
 *
 * Stroke order and count matter to Zinnia: strokes are fed in the order
 * drawn. The model follows its training data, not always the school
 * order (its 女 is written 横 first, so 好 in the school order is missed).
 *
 * Bad input is bounded, never fatal: points outside the box are clamped
 * to it, a point within HWR_MIN_STEP of the one before is dropped (a
 * resting finger), a stroke that reaches HWR_MAX_STROKE_POINTS keeps every
 * other point and goes on (its shape survives; Zinnia reduces a stroke to
 * a few corners anyway), strokes past HWR_MAX_STROKES are refused, and an
 * empty character has no candidates.
 *
 * Privacy: what a passenger writes is as private as what they type. The
 * points and candidates live in locked memory (vault_alloc), wiped by
 * hwr_clear, hwr_begin and hwr_destroy. Zinnia's own copy of a character
 * lives only during hwr_classify and is freed (not wiped) by Zinnia. Nothing
 * is logged or printed, and nothing is learnt: the model is read-only.
 *
 * No SDL. A recogniser belongs to one thread at a time. */
#ifndef TREEHOLE_HWR_H
#define TREEHOLE_HWR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hwr hwr;

/* The Debian package that holds the model, and where it puts it. */
#define HWR_PACKAGE "tegaki-zinnia-simplified-chinese"
#define HWR_DEFAULT_MODEL "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"

/* The longest GB2312 character has 36 strokes; a passenger who corrects
 * by overwriting adds some. */
#define HWR_MAX_STROKES 64
/* Points kept per stroke; see above for what happens past it. */
#define HWR_MAX_STROKE_POINTS 256
/* Candidates one hwr_classify returns at most. */
#define HWR_MAX_CANDIDATES 32
/* Bytes of a candidate's text with its NUL (the model's classes are one
 * code point each; anything longer or not UTF-8 is skipped). */
#define HWR_CANDIDATE_MAX_BYTES 16
/* Ink normalisation: the longer side of the ink becomes this fraction of
 * the box, at most HWR_MAX_ZOOM times its drawn size. */
#define HWR_INK_SIZE 0.64f
#define HWR_MAX_ZOOM 4.0f
/* Points closer than this fraction of the box's shorter side to the point
 * before in their stroke are dropped. */
#define HWR_MIN_STEP 0.004f

typedef enum hwr_status {
	HWR_OK = 0,
	HWR_NO_MODEL,         /* the model file does not exist (the package is not installed) */
	HWR_BAD_MODEL,        /* it exists but Zinnia cannot read it (damaged, not a model,
	                         not readable, not a regular file) */
	HWR_NO_MEMORY,        /* locked memory or Zinnia's memory could not be had */
	HWR_BAD_ARGS,         /* a NULL recogniser, no box yet, or a coordinate or size that is
	                         not a finite number (or a box not larger than 0) */
	HWR_BAD_STROKE,       /* a stroke index other than the open stroke or the next one */
	HWR_TOO_MANY_STROKES, /* the point would start stroke HWR_MAX_STROKES + 1; ignored */
} hwr_status;

/* One English sentence per status, for logs and the operator: for the
 * model errors it names the package to install. Never NULL. The kiosk
 * builds its own translated message from HWR_PACKAGE. */
const char *hwr_status_message(hwr_status st);

/* Opens the model at `model` (NULL: HWR_DEFAULT_MODEL) and makes a
 * recogniser with no box yet. Initialises libsodium if needed. OUT: *out,
 * owned by the caller (hwr_destroy), NULL on failure. Returns HWR_OK,
 * HWR_NO_MODEL if the file is missing, HWR_BAD_MODEL if it is no model
 * Zinnia can read, HWR_NO_MEMORY, or HWR_BAD_ARGS for a NULL out. */
hwr_status hwr_open(const char *model, hwr **out);

/* Wipes and frees everything and closes the model. Accepts NULL. */
void hwr_destroy(hwr *r);

/* Classes the model knows (6,763 for the Debian model). */
size_t hwr_classes(const hwr *r);

/* Starts a new character in a box of w x h (the pad's own units, e.g.
 * pixels; x to the right, y down, (0,0) its top-left corner): wipes the
 * strokes and candidates of the last one. Returns false (nothing changes)
 * for a NULL recogniser or a size that is not finite and > 0. */
bool hwr_begin(hwr *r, float w, float h);

/* Adds a point to stroke `stroke` (0-based). It must be the open stroke,
 * or the next one: a new index ends the open stroke itself, so a caller
 * that keeps its own list of (stroke, x, y) can feed it without ever
 * calling hwr_end_stroke. After hwr_end_stroke the next index is the only
 * one accepted. The point is clamped to the box. Returns HWR_OK (also for
 * a point dropped as too close), HWR_BAD_ARGS (no box, NULL, x or y not
 * finite), HWR_BAD_STROKE or HWR_TOO_MANY_STROKES; on an error nothing
 * changes. Candidates of an earlier hwr_classify stay until the next. */
hwr_status hwr_add_point(hwr *r, size_t stroke, float x, float y);

/* Pen-up: ends the open stroke. Returns false if there was none. */
bool hwr_end_stroke(hwr *r);

/* Strokes so far (the open one included). */
size_t hwr_strokes(const hwr *r);

/* Points kept in stroke i (0 past the end), after dropping and thinning. */
size_t hwr_stroke_points(const hwr *r, size_t i);

/* Classifies the strokes so far (the open one included) and keeps the best
 * `n` candidates (at most HWR_MAX_CANDIDATES), best first. Returns their
 * count: 0 for n = 0, an empty character, a NULL recogniser or when Zinnia
 * fails. The candidates of the last call are wiped first. */
size_t hwr_classify(hwr *r, size_t n);

/* Candidates of the last hwr_classify: how many, the NUL-terminated UTF-8
 * text of one (owned by h, valid until the next hwr_classify, hwr_clear,
 * hwr_begin or hwr_destroy; NULL past the end), and its score (higher is
 * better; Zinnia's SVM margin, comparable only within one call; 0 past
 * the end). */
size_t hwr_count(const hwr *r);
const char *hwr_candidate(const hwr *r, size_t i);
float hwr_score(const hwr *r, size_t i);

/* Wipes the strokes and candidates; the box stays. Accepts NULL. */
void hwr_clear(hwr *r);

#endif

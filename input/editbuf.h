/* editbuf.h — the compose draft: a UTF-8 text with a caret, edited by
 * grapheme cluster, plus the input method's preedit held beside it.
 *
 * What a passenger types is the most private thing the kiosk holds, so
 * the draft lives only in vault_alloc()ed memory (locked, guarded, wiped
 * on free) of a fixed capacity, max_chars * 4 bytes: it is never
 * reallocated, never copied into plain heap memory by this module, and
 * every byte it vacates (deletion, clear, destroy) is zeroed at once.
 *
 * The caret and every edit move by extended grapheme cluster (UAX #29, as
 * utf8proc implements it): an emoji ZWJ sequence (👨‍👩‍👧), a flag (🇨🇳), a
 * letter with combining marks (e + U+0301) or a Han character is one step
 * of the caret and one backspace. The caret is a byte offset into text()
 * and always sits on a cluster boundary.
 *
 * The text is always strict UTF-8 without control characters other than
 * '\n', and holds at most max_chars code points (the unit of
 * NOTE_TEXT_MAX_CHARS), so what note_check_text() may still refuse is
 * only an empty or blank draft.
 *
 * No SDL, no I/O, no logging. A buffer belongs to one thread at a time. */
#ifndef TREEHOLE_EDITBUF_H
#define TREEHOLE_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct editbuf editbuf;

/* The largest max_chars editbuf_new accepts (4 MiB of locked memory). */
#define EDITBUF_MAX_CHARS ((size_t)1 << 20)
/* The longest preedit, in bytes: far more than any pinyin composition. */
#define EDITBUF_PREEDIT_MAX_BYTES 1024

typedef enum editbuf_status {
	EDITBUF_OK = 0,
	EDITBUF_INVALID_UTF8, /* not strict UTF-8 (overlong, surrogate, past U+10FFFF,
	                         truncated or stray byte); nothing changed */
	EDITBUF_CONTROL,      /* NUL or a control character (tab, CR, DEL, C1 …; in a
	                         preedit also '\n'); nothing changed */
	EDITBUF_TOO_LONG,     /* the draft would exceed max_chars code points (a
	                         preedit EDITBUF_PREEDIT_MAX_BYTES bytes); nothing changed */
	EDITBUF_BAD_ARGS,     /* a NULL buffer, or NULL text with len > 0 */
} editbuf_status;

/* A stable English name of a status ("ok", "invalid-utf8", …) for logs and
 * tests; never NULL. The words a passenger reads come from the catalog. */
const char *editbuf_status_name(editbuf_status st);

/* An empty draft that holds up to max_chars code points (1 ..
 * EDITBUF_MAX_CHARS); initialises libsodium if needed. Returns NULL if
 * max_chars is out of range or locked memory cannot be had. Owned by the
 * caller: editbuf_destroy. */
editbuf *editbuf_new(size_t max_chars);

/* Wipes and frees the draft and its preedit. Accepts NULL. */
void editbuf_destroy(editbuf *b);

/* Inserts `len` bytes of `utf8` (need not be NUL-terminated) at the
 * caret, then puts the caret after them (on the next cluster boundary, if
 * they joined the cluster after them). All or nothing: the whole input is
 * checked first, and a paste that would take the draft past max_chars is
 * refused whole (EDITBUF_TOO_LONG) — never cut, so no half sentence and no
 * half cluster is ever inserted and the passenger is told it is too long.
 * len 0 is a no-op that returns EDITBUF_OK. See editbuf_status. */
editbuf_status editbuf_insert(editbuf *b, const char *utf8, size_t len);

/* Removes the cluster before (backspace) or after (delete) the caret and
 * wipes the bytes this frees. Returns false if there was none (caret at
 * the start, or at the end) or b is NULL. If removing a '\n' joins a mark
 * to the cluster before it, the caret goes after that cluster. */
bool editbuf_backspace(editbuf *b);
bool editbuf_delete(editbuf *b);

/* Caret one cluster left or right, or to the start or end of its
 * paragraph (the text between '\n's: visual lines are the layout's
 * business, see editbuf_set_caret). Return whether the caret moved. */
bool editbuf_left(editbuf *b);
bool editbuf_right(editbuf *b);
bool editbuf_home(editbuf *b);
bool editbuf_end(editbuf *b);

/* Puts the caret at byte `offset` of text(), moved back to the start of
 * the cluster it falls in; past the end means the end (so 0 and SIZE_MAX
 * are the start and end of the whole text). Returns the new caret. */
size_t editbuf_set_caret(editbuf *b, size_t offset);

/* The draft, NUL-terminated, owned by the buffer: valid until the next
 * call that changes it, and to be copied only into memory that is wiped
 * too. Never NULL for a live buffer ("" when empty). */
const char *editbuf_text(const editbuf *b);

/* Its length in bytes, in code points, and the caret's byte offset. */
size_t editbuf_len(const editbuf *b);
size_t editbuf_chars(const editbuf *b);
size_t editbuf_caret(const editbuf *b);

/* The most code points the draft holds, as given to editbuf_new. */
size_t editbuf_max_chars(const editbuf *b);

/* Wipes the draft and the preedit (every byte, not just the length) and
 * puts the caret at 0: submit, cancel and inactivity call this. */
void editbuf_clear(editbuf *b);

/* Replaces the preedit — the composition an input method shows before it
 * commits (e.g. "ni hao", or candidates). It is never part of text(),
 * len() or chars(); the committed string comes in through editbuf_insert.
 * `caret` is a byte offset in the preedit, moved back to a cluster start
 * and clamped to its end. NULL/0 removes it. The rules of editbuf_insert
 * apply, and '\n' is refused too; on failure the old preedit stays. The
 * bytes of the old preedit are wiped. */
editbuf_status editbuf_set_preedit(editbuf *b, const char *utf8, size_t len, size_t caret);

/* The preedit, NUL-terminated ("" when none), owned by the buffer and
 * valid until it changes. OUT: *len its bytes, *caret its caret (either
 * may be NULL). */
const char *editbuf_preedit(const editbuf *b, size_t *len, size_t *caret);

#endif

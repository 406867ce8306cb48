/* editbuf.c — the compose draft, edited by grapheme cluster (see editbuf.h).
 *
 * Cluster boundaries are found by walking utf8proc's stateful UAX #29
 * breaker from the start of the caret's paragraph: a '\n' always ends a
 * cluster (GB4), so the state can start fresh there, and a paragraph of a
 * note is at most a few thousand code points — a walk per caret step costs
 * microseconds and needs no boundary table to keep in sync with edits. */
#include "editbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vault.h"

/* A NUL-terminated string in vault memory of cap + 1 bytes. Every byte
 * past len is zero, so no old draft lingers behind the end. */
typedef struct vstr {
	char *s;
	size_t len, cap;
} vstr;

struct editbuf {
	vstr text;
	vstr pre;            /* the preedit */
	size_t max_chars;
	size_t chars;        /* code points in text */
	size_t caret;        /* bytes into text, on a cluster boundary */
	size_t pre_caret;    /* bytes into pre, on a cluster boundary */
};

const char *editbuf_status_name(editbuf_status st)
{
	switch (st) {
	case EDITBUF_OK: return "ok";
	case EDITBUF_INVALID_UTF8: return "invalid-utf8";
	case EDITBUF_CONTROL: return "control-character";
	case EDITBUF_TOO_LONG: return "too-long";
	case EDITBUF_BAD_ARGS: return "bad-arguments";
	}
	return "unknown";
}

/* C0 other than (if allowed) '\n', DEL and C1: nothing a note shows. */
static bool is_control(utf8proc_int32_t cp, bool newline_ok)
{
	if (cp == '\n')
		return !newline_ok;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Checks input strictly. OUT: *cps its code points. */
static editbuf_status check_input(const char *s, size_t len, bool newline_ok, size_t *cps)
{
	*cps = 0;
	for (size_t i = 0; i < len; (*cps)++) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return EDITBUF_INVALID_UTF8;
		if (is_control(cp, newline_ok))
			return EDITBUF_CONTROL;
		i += (size_t)n;
	}
	return EDITBUF_OK;
}

/* The code point at byte i of text already checked. OUT: *cp. */
static size_t decode(const char *t, size_t len, size_t i, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
	                                      (utf8proc_ssize_t)(len - i), cp);
	return n > 0 ? (size_t)n : 1; /* cannot fail on checked text; never loop */
}

static size_t count_cps(const char *t, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += ((unsigned char)t[i] & 0xC0) != 0x80;
	return n;
}

/* Where the paragraph holding byte `at` starts: after the last '\n'
 * before it. */
static size_t paragraph_start(const char *t, size_t at)
{
	while (at > 0 && t[at - 1] != '\n')
		at--;
	return at;
}

/* The first cluster boundary at or after byte `at` (at <= len) of t.
 * OUT: *before, the last boundary before `at` (0 if at is 0). */
static size_t boundary_from(const char *t, size_t len, size_t at, size_t *before)
{
	size_t start = paragraph_start(t, at), pos, last = start;
	utf8proc_int32_t prev, cp, state = 0;

	if (at == start) { /* the start of the text, or right after a '\n' */
		*before = at > 0 ? at - 1 : 0;
		return at;
	}
	for (pos = start + decode(t, len, start, &prev); pos < len; prev = cp) {
		size_t n = decode(t, len, pos, &cp);
		if (utf8proc_grapheme_break_stateful(prev, cp, &state)) {
			if (pos >= at)
				break;
			last = pos;
		}
		pos += n;
	}
	*before = last;
	return pos;
}

/* Byte `at` moved back to the start of its cluster. */
static size_t boundary_floor(const char *t, size_t len, size_t at)
{
	size_t before, after = boundary_from(t, len, at, &before);
	return after == at ? at : before;
}

/* Byte `at` moved on to the end of its cluster. */
static size_t boundary_ceil(const char *t, size_t len, size_t at)
{
	size_t before;
	return boundary_from(t, len, at, &before);
}

/* Removes text bytes [from, to) and zeroes the bytes this frees at the end. */
static void cut(editbuf *b, size_t from, size_t to)
{
	vstr *v = &b->text;

	b->chars -= count_cps(v->s, from, to);
	memmove(v->s + from, v->s + to, v->len - to);
	vault_wipe(v->s + v->len - (to - from), to - from);
	v->len -= to - from;
	/* a mark freed by a removed '\n' joins the cluster before it */
	b->caret = boundary_ceil(v->s, v->len, from);
}

editbuf *editbuf_new(size_t max_chars)
{
	editbuf *b;

	if (max_chars == 0 || max_chars > EDITBUF_MAX_CHARS || vault_init() != STATUS_OK)
		return NULL;
	if (!(b = calloc(1, sizeof *b)))
		return NULL;
	b->max_chars = max_chars;
	b->text.cap = 4 * max_chars;
	b->pre.cap = EDITBUF_PREEDIT_MAX_BYTES;
	b->text.s = vault_alloc(b->text.cap + 1);
	b->pre.s = vault_alloc(b->pre.cap + 1);
	if (!b->text.s || !b->pre.s) {
		editbuf_destroy(b);
		return NULL;
	}
	/* sodium_malloc fills with a canary pattern; the tail must be zeros */
	memset(b->text.s, 0, b->text.cap + 1);
	memset(b->pre.s, 0, b->pre.cap + 1);
	return b;
}

void editbuf_destroy(editbuf *b)
{
	if (!b)
		return;
	vault_free(b->text.s); /* sodium_free wipes */
	vault_free(b->pre.s);
	free(b);
}

editbuf_status editbuf_insert(editbuf *b, const char *utf8, size_t len)
{
	vstr *v;
	size_t cps;
	editbuf_status st;

	if (!b || (!utf8 && len))
		return EDITBUF_BAD_ARGS;
	if (len == 0)
		return EDITBUF_OK;
	/* at least len / 4 code points: a huge paste is refused unread */
	if (len / 4 > b->max_chars - b->chars)
		return EDITBUF_TOO_LONG;
	if ((st = check_input(utf8, len, true, &cps)) != EDITBUF_OK)
		return st;
	if (cps > b->max_chars - b->chars)
		return EDITBUF_TOO_LONG;
	/* bytes fit: at most 4 per code point, and cap is 4 * max_chars */
	v = &b->text;
	memmove(v->s + b->caret + len, v->s + b->caret, v->len - b->caret);
	memcpy(v->s + b->caret, utf8, len);
	v->len += len;
	b->chars += cps;
	b->caret = boundary_ceil(v->s, v->len, b->caret + len);
	return EDITBUF_OK;
}

bool editbuf_backspace(editbuf *b)
{
	size_t before;

	if (!b || b->caret == 0)
		return false;
	boundary_from(b->text.s, b->text.len, b->caret, &before);
	cut(b, before, b->caret);
	return true;
}

bool editbuf_delete(editbuf *b)
{
	if (!b || b->caret == b->text.len)
		return false;
	cut(b, b->caret, boundary_ceil(b->text.s, b->text.len, b->caret + 1));
	return true;
}

/* Moves the caret to `to`; true if that is a move. */
static bool move_to(editbuf *b, size_t to)
{
	bool moved = to != b->caret;
	b->caret = to;
	return moved;
}

bool editbuf_left(editbuf *b)
{
	size_t before;

	if (!b || b->caret == 0)
		return false;
	boundary_from(b->text.s, b->text.len, b->caret, &before);
	return move_to(b, before);
}

bool editbuf_right(editbuf *b)
{
	if (!b || b->caret == b->text.len)
		return false;
	return move_to(b, boundary_ceil(b->text.s, b->text.len, b->caret + 1));
}

bool editbuf_home(editbuf *b)
{
	return b && move_to(b, paragraph_start(b->text.s, b->caret));
}

bool editbuf_end(editbuf *b)
{
	const char *nl;

	if (!b)
		return false;
	nl = memchr(b->text.s + b->caret, '\n', b->text.len - b->caret);
	return move_to(b, nl ? (size_t)(nl - b->text.s) : b->text.len);
}

size_t editbuf_set_caret(editbuf *b, size_t offset)
{
	if (!b)
		return 0;
	b->caret = boundary_floor(b->text.s, b->text.len,
	                          offset < b->text.len ? offset : b->text.len);
	return b->caret;
}

const char *editbuf_text(const editbuf *b)
{
	return b ? b->text.s : NULL;
}

size_t editbuf_len(const editbuf *b)
{
	return b ? b->text.len : 0;
}

size_t editbuf_chars(const editbuf *b)
{
	return b ? b->chars : 0;
}

size_t editbuf_caret(const editbuf *b)
{
	return b ? b->caret : 0;
}

size_t editbuf_max_chars(const editbuf *b)
{
	return b ? b->max_chars : 0;
}

void editbuf_clear(editbuf *b)
{
	if (!b)
		return;
	vault_wipe(b->text.s, b->text.cap + 1);
	vault_wipe(b->pre.s, b->pre.cap + 1);
	b->text.len = b->pre.len = 0;
	b->chars = b->caret = b->pre_caret = 0;
}

editbuf_status editbuf_set_preedit(editbuf *b, const char *utf8, size_t len, size_t caret)
{
	size_t cps;
	editbuf_status st;
	vstr *p;

	if (!b || (!utf8 && len))
		return EDITBUF_BAD_ARGS;
	if (len > b->pre.cap)
		return EDITBUF_TOO_LONG;
	if ((st = check_input(utf8, len, false, &cps)) != EDITBUF_OK)
		return st;
	p = &b->pre;
	if (len)
		memcpy(p->s, utf8, len);
	if (p->len > len)
		vault_wipe(p->s + len, p->len - len);
	p->s[len] = '\0';
	p->len = len;
	b->pre_caret = boundary_floor(p->s, p->len, caret < len ? caret : len);
	return EDITBUF_OK;
}

const char *editbuf_preedit(const editbuf *b, size_t *len, size_t *caret)
{
	if (len)
		*len = b ? b->pre.len : 0;
	if (caret)
		*caret = b ? b->pre_caret : 0;
	return b ? b->pre.s : NULL;
}

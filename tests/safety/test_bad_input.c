/* test_bad_input.c — text the store must refuse, and refuse cleanly.
 *
 * Empty, blank, invalid UTF-8, NUL and control bytes, too long, an unknown
 * mood: each gets its own STATUS_* code with a message a person can act
 * on, and nothing is stored — no pending row, no mood count, no id handed
 * out. The limits themselves are accepted (exactly 2,000 characters). */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bad_case {
	const char *name;
	const char *text;
	size_t len;
	status want;
} bad_case;

/* Length of a string literal, embedded NULs included. */
#define LIT(s) s, sizeof s - 1

static const bad_case cases[] = {
	{"empty", LIT(""), STATUS_TEXT_EMPTY},
	{"one space", LIT(" "), STATUS_TEXT_BLANK},
	{"spaces", LIT("     "), STATUS_TEXT_BLANK},
	{"newlines", LIT("\n\n\r\n"), STATUS_TEXT_BLANK},
	{"tabs and spaces", LIT(" \t \n\t "), STATUS_TEXT_BLANK},
	{"ideographic spaces U+3000", LIT("\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80"), STATUS_TEXT_BLANK},
	{"mixed blanks", LIT("\xe3\x80\x80 \n\xe3\x80\x80\r\n "), STATUS_TEXT_BLANK},
	{"no-break spaces U+00A0", LIT("\xc2\xa0\xc2\xa0"), STATUS_TEXT_BLANK},
	{"em space U+2003", LIT("\xe2\x80\x83"), STATUS_TEXT_BLANK},
	{"zero width space U+200B", LIT("\xe2\x80\x8b\xe2\x80\x8b"), STATUS_TEXT_BLANK},
	{"byte order mark U+FEFF", LIT("\xef\xbb\xbf"), STATUS_TEXT_BLANK},
	{"lone continuation byte", LIT("\x80"), STATUS_TEXT_INVALID},
	{"continuation inside text", LIT("好\x80好"), STATUS_TEXT_INVALID},
	{"overlong slash (2 bytes)", LIT("\xc0\xaf"), STATUS_TEXT_INVALID},
	{"overlong C1 lead", LIT("\xc1\xbf"), STATUS_TEXT_INVALID},
	{"overlong (3 bytes)", LIT("\xe0\x80\xaf"), STATUS_TEXT_INVALID},
	{"overlong (4 bytes)", LIT("\xf0\x80\x80\xaf"), STATUS_TEXT_INVALID},
	{"overlong NUL", LIT("a\xc0\x80"), STATUS_TEXT_INVALID},
	{"high surrogate U+D800", LIT("\xed\xa0\x80"), STATUS_TEXT_INVALID},
	{"low surrogate U+DFFF", LIT("\xed\xbf\xbf"), STATUS_TEXT_INVALID},
	{"surrogate pair as CESU-8", LIT("\xed\xa0\xbd\xed\xb8\x80"), STATUS_TEXT_INVALID},
	{"past U+10FFFF (F4 90)", LIT("\xf4\x90\x80\x80"), STATUS_TEXT_INVALID},
	{"past U+10FFFF (F5)", LIT("\xf5\x80\x80\x80"), STATUS_TEXT_INVALID},
	{"five-byte form", LIT("\xf8\x88\x80\x80\x80"), STATUS_TEXT_INVALID},
	{"byte FE", LIT("\xfe"), STATUS_TEXT_INVALID},
	{"byte FF", LIT("ok\xff"), STATUS_TEXT_INVALID},
	{"truncated 3-byte sequence at end", LIT("你好\xe4\xbd"), STATUS_TEXT_INVALID},
	{"truncated 2-byte sequence at end", LIT("a\xc3"), STATUS_TEXT_INVALID},
	{"truncated sequence inside", LIT("\xe4\xbd好"), STATUS_TEXT_INVALID},
	{"truncated 4-byte sequence", LIT("\xf0\x9f\x98"), STATUS_TEXT_INVALID},
	{"embedded NUL", LIT("ab\0cd"), STATUS_TEXT_INVALID},
	{"leading NUL", LIT("\0你好"), STATUS_TEXT_INVALID},
	{"trailing NUL", LIT("你好\0"), STATUS_TEXT_INVALID},
	{"only NUL", LIT("\0"), STATUS_TEXT_INVALID},
	{"bell", LIT("hi\x07"), STATUS_TEXT_INVALID},
	{"escape sequence", LIT("\x1b[31mred"), STATUS_TEXT_INVALID},
	{"backspace", LIT("abc\x08\x08"), STATUS_TEXT_INVALID},
	{"vertical tab", LIT("a\x0b" "b"), STATUS_TEXT_INVALID},
	{"form feed", LIT("a\x0c" "b"), STATUS_TEXT_INVALID},
	{"DEL", LIT("a\x7f"), STATUS_TEXT_INVALID},
	{"C1 control U+0085", LIT("a\xc2\x85" "b"), STATUS_TEXT_INVALID},
	{"C1 control U+009B", LIT("\xc2\x9b" "31m"), STATUS_TEXT_INVALID},
};

typedef struct snapshot {
	uint64_t pending;
	uint64_t moods[NOTE_MOOD_COUNT];
	int64_t rows;        /* every row of every note table, read directly */
} snapshot;

typedef struct bad_ctx {
	char *dir;
	char *db;
	store *s;
	sqlite3 *raw;
} bad_ctx;

static snapshot take(bad_ctx *c)
{
	snapshot sn;

	sn.pending = fx_pending_count(c->s);
	assert_int_equal(store_mood_counts(c->s, store_today(c->s), sn.moods), STATUS_OK);
	sn.rows = fx_sql_int(c->raw, "SELECT (SELECT count(*) FROM pending) + "
	                             "(SELECT count(*) FROM approved)");
	return sn;
}

static void assert_unchanged(bad_ctx *c, const snapshot *before, const char *name)
{
	snapshot now = take(c);

	if (memcmp(&now, before, sizeof now) != 0)
		fprintf(stderr, "case \"%s\" stored something\n", name);
	assert_int_equal(now.pending, before->pending);
	assert_memory_equal(now.moods, before->moods, sizeof now.moods);
	assert_int_equal(now.rows, before->rows);
}

/* Submits and expects `want`, a message, an untouched id and store. */
static void expect_refused(bad_ctx *c, const char *name, note_mood mood, const char *text,
                           size_t len, status want)
{
	snapshot before = take(c);
	note_id id, untouched;
	status st;

	memset(&id, 0xA5, sizeof id);
	untouched = id;
	st = store_submit_text(c->s, mood, text, len, &id);
	if (st != want)
		fprintf(stderr, "case \"%s\": want %s, got %s\n", name, status_name(want),
		        status_name(st));
	assert_int_equal(st, want);
	assert_true(strlen(status_message(st)) > 10);
	assert_string_not_equal(status_name(st), "unknown");
	assert_memory_equal(id.b, untouched.b, NOTE_ID_BYTES);
	assert_unchanged(c, &before, name);
	/* The pure check agrees, so the kiosk can warn before submitting. */
	if (want != STATUS_BAD_MOOD)
		assert_int_equal(note_check_text(text, len, NULL), want);
}

static void bad_text_refused(void **state)
{
	bad_ctx *c = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_refused(c, cases[i].name, NOTE_MOOD_SAD, cases[i].text, cases[i].len,
		               cases[i].want);
	/* A NULL pointer is "no text", never a crash. */
	expect_refused(c, "NULL, 0", NOTE_MOOD_SAD, NULL, 0, STATUS_TEXT_EMPTY);
}

/* Fills `n` code points: ASCII letters or ideographs. */
static char *text_of(size_t n, bool cjk, size_t *len)
{
	char *t = malloc(3 * n + 1);

	assert_non_null(t);
	if (cjk) {
		*len = fx_random_cjk(t, 3 * n + 1, n);
	} else {
		for (size_t i = 0; i < n; i++)
			t[i] = (char)('a' + i % 26);
		t[n] = '\0';
		*len = n;
	}
	return t;
}

static void bad_text_length_limit(void **state)
{
	bad_ctx *c = *state;

	for (int cjk = 0; cjk < 2; cjk++) {
		size_t len;
		char *t = text_of(NOTE_TEXT_MAX_CHARS + 1, cjk, &len);
		expect_refused(c, cjk ? "2001 ideographs" : "2001 letters", NOTE_MOOD_CALM, t, len,
		               STATUS_TEXT_TOO_LONG);
		free(t);
		t = text_of(3 * NOTE_TEXT_MAX_CHARS, cjk, &len);
		expect_refused(c, "far too long", NOTE_MOOD_CALM, t, len, STATUS_TEXT_TOO_LONG);
		free(t);

		/* Exactly at the limit: accepted and read back whole. */
		t = text_of(NOTE_TEXT_MAX_CHARS, cjk, &len);
		snapshot before = take(c);
		note_id id = fx_submit(c->s, NOTE_MOOD_CALM, t);
		assert_int_equal(fx_pending_count(c->s), before.pending + 1);
		fx_notes got = {0};
		assert_int_equal(store_unlock(c->s, FX_PASS, FX_PASS_LEN), STATUS_OK);
		assert_int_equal(store_pending_each(c->s, fx_collect, &got), STATUS_OK);
		const fx_note *g = fx_notes_find(&got, &id);
		assert_non_null(g);
		assert_int_equal(g->len, len);
		assert_memory_equal(g->text, t, len);
		fx_notes_free(&got);
		store_lock(c->s);
		free(t);
	}
	/* 2,000 characters of 4-byte UTF-8 (emoji) are the byte maximum. */
	char *t = malloc(4 * NOTE_TEXT_MAX_CHARS + 5);
	assert_non_null(t);
	for (size_t i = 0; i <= NOTE_TEXT_MAX_CHARS; i++)
		memcpy(t + 4 * i, "\xf0\x9f\x8c\xb3", 4); /* U+1F333 deciduous tree */
	expect_refused(c, "2001 emoji", NOTE_MOOD_CALM, t, 4 * (NOTE_TEXT_MAX_CHARS + 1),
	               STATUS_TEXT_TOO_LONG);
	t[4 * NOTE_TEXT_MAX_CHARS] = '\0';
	fx_submit(c->s, NOTE_MOOD_CALM, t);
	free(t);
}

static void bad_mood_refused(void **state)
{
	bad_ctx *c = *state;
	const int moods[] = {0, -1, NOTE_MOOD_END_, NOTE_MOOD_END_ + 1, 99, 255, 256, 1 << 30};

	for (size_t i = 0; i < sizeof moods / sizeof moods[0]; i++) {
		char name[32];
		snprintf(name, sizeof name, "mood %d", moods[i]);
		expect_refused(c, name, (note_mood)moods[i], LIT("好的一天"), STATUS_BAD_MOOD);
	}
	/* The same through store_submit, which takes pre-encoded bodies. */
	snapshot before = take(c);
	assert_int_equal(store_submit(c->s, NOTE_KIND_TEXT, (note_mood)0, (const uint8_t *)"x", 1,
	                              NULL),
	                 STATUS_BAD_MOOD);
	assert_unchanged(c, &before, "store_submit mood 0");
	/* Every listed mood is accepted. */
	for (int m = NOTE_MOOD_FIRST; m < NOTE_MOOD_END_; m++)
		fx_submit(c->s, (note_mood)m, note_mood_label((note_mood)m));
}

/* store_submit takes an encoded body; it still refuses what it cannot
 * store: an unknown kind, a body over NOTE_BODY_MAX_BYTES. */
static void bad_body_refused(void **state)
{
	bad_ctx *c = *state;
	uint8_t *big = calloc(1, NOTE_BODY_MAX_BYTES + 1);
	const int kinds[] = {0, NOTE_KIND_END_, 77};
	snapshot before = take(c);

	assert_non_null(big);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		assert_int_equal(store_submit(c->s, (note_kind)kinds[i], NOTE_MOOD_CALM,
		                              (const uint8_t *)"x", 1, NULL),
		                 STATUS_BAD_ARGUMENT);
	assert_int_equal(store_submit(c->s, NOTE_KIND_INK, NOTE_MOOD_CALM, big,
	                              NOTE_BODY_MAX_BYTES + 1, NULL),
	                 STATUS_BAD_ARGUMENT);
	assert_int_equal(store_submit(c->s, NOTE_KIND_INK, NOTE_MOOD_CALM, NULL, 10, NULL),
	                 STATUS_BAD_ARGUMENT);
	assert_unchanged(c, &before, "bad bodies");
	free(big);
}

static int setup(void **state)
{
	bad_ctx *c = calloc(1, sizeof *c);

	if (!c || vault_init())
		return -1;
	c->dir = fx_tmpdir(false);
	c->db = fx_path(c->dir, "store.treehole");
	c->s = fx_create_store(c->db, 0);
	/* A few notes already there, so "nothing stored" is not "empty". */
	fx_submit(c->s, NOTE_MOOD_SAD, "之前的一条");
	fx_submit(c->s, NOTE_MOOD_HAPPY, "another one");
	c->raw = fx_sql_open(c->db);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	bad_ctx *c = *state;

	sqlite3_close(c->raw);
	store_close(c->s);
	fx_assert_integrity(c->db);
	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bad_text_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_text_length_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_mood_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_body_refused, setup, teardown),
	};

	return cmocka_run_group_tests_name("safety_bad_input", tests, NULL, NULL);
}

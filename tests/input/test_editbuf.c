/* test_editbuf.c — the compose draft: grapheme clusters, caret movement,
 * limits, invalid input, the preedit, and wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "editbuf.h"

#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" /* 👨‍👩‍👧 */
#define FLAG_CN "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3"            /* 🇨🇳 */
#define FLAG_US "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"            /* 🇺🇸 */
#define RI_J "\xF0\x9F\x87\xAF"                               /* a lone regional indicator */
#define E_ACUTE "e\xCC\x81"                                   /* e + U+0301 */
#define THUMB_TONE "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"         /* 👍🏽 */
#define KEYCAP_1 "1\xEF\xB8\x8F\xE2\x83\xA3"                  /* 1️⃣ */
#define HANGUL_GA "\xE1\x84\x80\xE1\x85\xA1"                  /* ᄀ + ᅡ (jamo) */

/* One cluster each, in order: the text is their concatenation. */
static const char *const clusters[] = {
	"你", "好", FAMILY, FLAG_CN, FLAG_US, E_ACUTE, "，", "a", THUMB_TONE, KEYCAP_1,
	HANGUL_GA, "\n", "\xCC\x81" /* a mark after '\n' stands alone */, "世", "界", RI_J,
};
#define NCLUSTERS (sizeof clusters / sizeof *clusters)

static editbuf *filled(size_t max_chars)
{
	editbuf *b = editbuf_new(max_chars);
	assert_non_null(b);
	for (size_t i = 0; i < NCLUSTERS; i++)
		assert_int_equal(editbuf_insert(b, clusters[i], strlen(clusters[i])), EDITBUF_OK);
	return b;
}

/* boundary[i]: byte offset where cluster i starts; boundary[NCLUSTERS] = len. */
static void boundaries(size_t *boundary)
{
	boundary[0] = 0;
	for (size_t i = 0; i < NCLUSTERS; i++)
		boundary[i + 1] = boundary[i] + strlen(clusters[i]);
}

static size_t count_cps(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void test_new_and_null(void **state)
{
	(void)state;
	assert_null(editbuf_new(0));
	assert_null(editbuf_new(EDITBUF_MAX_CHARS + 1));
	editbuf_destroy(NULL);
	editbuf *b = editbuf_new(10);
	assert_non_null(b);
	assert_string_equal(editbuf_text(b), "");
	assert_int_equal(editbuf_len(b), 0);
	assert_int_equal(editbuf_chars(b), 0);
	assert_int_equal(editbuf_caret(b), 0);
	assert_int_equal(editbuf_max_chars(b), 10);
	assert_int_equal(editbuf_insert(NULL, "a", 1), EDITBUF_BAD_ARGS);
	assert_int_equal(editbuf_insert(b, NULL, 1), EDITBUF_BAD_ARGS);
	assert_int_equal(editbuf_insert(b, NULL, 0), EDITBUF_OK);
	assert_false(editbuf_backspace(b));
	assert_false(editbuf_delete(b));
	assert_false(editbuf_left(b));
	assert_false(editbuf_right(b));
	assert_false(editbuf_home(NULL));
	assert_false(editbuf_backspace(NULL));
	assert_null(editbuf_text(NULL));
	editbuf_clear(NULL);
	editbuf_destroy(b);
}

/* Right from the start and left from the end stop at every cluster
 * boundary and nowhere else. */
static void test_caret_by_cluster(void **state)
{
	(void)state;
	size_t boundary[NCLUSTERS + 1];
	editbuf *b = filled(200);
	boundaries(boundary);
	assert_int_equal(editbuf_len(b), boundary[NCLUSTERS]);
	assert_int_equal(editbuf_chars(b), count_cps(editbuf_text(b), editbuf_len(b)));
	assert_int_equal(editbuf_caret(b), editbuf_len(b));

	for (size_t i = NCLUSTERS; i-- > 0;) {
		assert_true(editbuf_left(b));
		assert_int_equal(editbuf_caret(b), boundary[i]);
	}
	assert_false(editbuf_left(b));
	for (size_t i = 1; i <= NCLUSTERS; i++) {
		assert_true(editbuf_right(b));
		assert_int_equal(editbuf_caret(b), boundary[i]);
	}
	assert_false(editbuf_right(b));
	editbuf_destroy(b);
}

/* A byte offset inside a cluster goes back to the cluster's start. */
static void test_set_caret_snaps(void **state)
{
	(void)state;
	size_t boundary[NCLUSTERS + 1];
	editbuf *b = filled(200);
	boundaries(boundary);
	for (size_t c = 0; c < NCLUSTERS; c++)
		for (size_t o = boundary[c]; o < boundary[c + 1]; o++)
			assert_int_equal(editbuf_set_caret(b, o), boundary[c]);
	assert_int_equal(editbuf_set_caret(b, boundary[NCLUSTERS]), boundary[NCLUSTERS]);
	assert_int_equal(editbuf_set_caret(b, SIZE_MAX), editbuf_len(b));
	editbuf_destroy(b);
}

/* Backspace from the end and delete from the start remove whole clusters. */
static void test_backspace_and_delete(void **state)
{
	(void)state;
	size_t boundary[NCLUSTERS + 1];
	char all[256];
	boundaries(boundary);

	editbuf *b = filled(200);
	memcpy(all, editbuf_text(b), editbuf_len(b) + 1);
	for (size_t i = NCLUSTERS; i-- > 0;) {
		assert_true(editbuf_backspace(b));
		assert_int_equal(editbuf_len(b), boundary[i]);
		assert_int_equal(editbuf_caret(b), boundary[i]);
		assert_memory_equal(editbuf_text(b), all, boundary[i]);
		assert_int_equal(editbuf_text(b)[boundary[i]], '\0');
		assert_int_equal(editbuf_chars(b), count_cps(all, boundary[i]));
	}
	assert_false(editbuf_backspace(b));
	editbuf_destroy(b);

	b = filled(200);
	editbuf_set_caret(b, 0);
	for (size_t i = 1; i <= NCLUSTERS; i++) {
		assert_true(editbuf_delete(b));
		assert_int_equal(editbuf_caret(b), 0);
		assert_string_equal(editbuf_text(b), all + boundary[i]);
	}
	assert_false(editbuf_delete(b));
	editbuf_destroy(b);
}

/* Insertion goes at the caret; a mark typed after a letter joins it; a
 * letter typed before a lone mark takes it. */
static void test_insert_at_caret_and_joining(void **state)
{
	(void)state;
	editbuf *b = editbuf_new(50);
	assert_int_equal(editbuf_insert(b, "你世界", strlen("你世界")), EDITBUF_OK);
	editbuf_set_caret(b, 3);
	assert_int_equal(editbuf_insert(b, "好，", strlen("好，")), EDITBUF_OK);
	assert_string_equal(editbuf_text(b), "你好，世界");
	assert_int_equal(editbuf_caret(b), 9);
	assert_int_equal(editbuf_chars(b), 5);
	editbuf_destroy(b);

	b = editbuf_new(50);
	assert_int_equal(editbuf_insert(b, "e", 1), EDITBUF_OK);
	assert_int_equal(editbuf_insert(b, "\xCC\x81", 2), EDITBUF_OK);
	assert_int_equal(editbuf_chars(b), 2);
	assert_true(editbuf_left(b));
	assert_int_equal(editbuf_caret(b), 0); /* é is one step */
	editbuf_clear(b);

	assert_int_equal(editbuf_insert(b, "\xCC\x81", 2), EDITBUF_OK);
	assert_true(editbuf_home(b));
	assert_int_equal(editbuf_insert(b, "e", 1), EDITBUF_OK);
	assert_int_equal(editbuf_caret(b), 3); /* after é, not inside it */
	editbuf_clear(b);

	/* removing the '\n' joins the mark after it to the e before it */
	assert_int_equal(editbuf_insert(b, "e\n\xCC\x81", 4), EDITBUF_OK);
	assert_true(editbuf_left(b));
	assert_int_equal(editbuf_caret(b), 2);
	assert_true(editbuf_backspace(b));
	assert_string_equal(editbuf_text(b), E_ACUTE);
	assert_int_equal(editbuf_caret(b), 3);
	editbuf_destroy(b);
}

/* Flags pair up regional indicators from the start of the paragraph. */
static void test_flags_pair_up(void **state)
{
	(void)state;
	editbuf *b = editbuf_new(50);
	const char *t = "\n" RI_J FLAG_CN FLAG_US; /* J C | N U | S: pairs from J on */
	assert_int_equal(editbuf_insert(b, t, strlen(t)), EDITBUF_OK);
	assert_true(editbuf_left(b));
	assert_int_equal(editbuf_caret(b), strlen(t) - 4);
	assert_true(editbuf_left(b));
	assert_int_equal(editbuf_caret(b), strlen(t) - 12);
	assert_true(editbuf_left(b));
	assert_int_equal(editbuf_caret(b), 1);
	editbuf_destroy(b);
}

static void test_home_end(void **state)
{
	(void)state;
	editbuf *b = editbuf_new(50);
	const char *t = "第一行\n第二行\n";
	assert_int_equal(editbuf_insert(b, t, strlen(t)), EDITBUF_OK);
	editbuf_set_caret(b, 13); /* inside 第二行 */
	assert_true(editbuf_home(b));
	assert_int_equal(editbuf_caret(b), 10);
	assert_false(editbuf_home(b));
	assert_true(editbuf_end(b));
	assert_int_equal(editbuf_caret(b), 19);
	assert_false(editbuf_end(b));
	assert_int_equal(editbuf_set_caret(b, SIZE_MAX), 20);
	assert_false(editbuf_end(b)); /* the empty last paragraph */
	assert_false(editbuf_home(b));
	editbuf_destroy(b);
}

/* A paste past max_chars is refused whole; limits count code points. */
static void test_limits(void **state)
{
	(void)state;
	editbuf *b = editbuf_new(5);
	assert_int_equal(editbuf_insert(b, "你好", 6), EDITBUF_OK);
	editbuf_set_caret(b, 3);
	assert_int_equal(editbuf_insert(b, "世界！？", strlen("世界！？")), EDITBUF_TOO_LONG);
	assert_string_equal(editbuf_text(b), "你好");
	assert_int_equal(editbuf_caret(b), 3);
	assert_int_equal(editbuf_chars(b), 2);
	assert_int_equal(editbuf_insert(b, "世界！", strlen("世界！")), EDITBUF_OK);
	assert_string_equal(editbuf_text(b), "你世界！好");
	assert_int_equal(editbuf_chars(b), 5);
	assert_int_equal(editbuf_insert(b, "a", 1), EDITBUF_TOO_LONG);
	assert_true(editbuf_backspace(b));
	assert_int_equal(editbuf_insert(b, "a", 1), EDITBUF_OK);
	editbuf_destroy(b);

	/* the family is five code points */
	b = editbuf_new(4);
	assert_int_equal(editbuf_insert(b, FAMILY, strlen(FAMILY)), EDITBUF_TOO_LONG);
	assert_int_equal(editbuf_len(b), 0);
	editbuf_destroy(b);
	b = editbuf_new(5);
	assert_int_equal(editbuf_insert(b, FAMILY, strlen(FAMILY)), EDITBUF_OK);
	editbuf_destroy(b);

	/* four-byte characters fill the capacity exactly */
	b = editbuf_new(3);
	assert_int_equal(editbuf_insert(b, "😀😀😀", 12), EDITBUF_OK);
	assert_int_equal(editbuf_len(b), 12);
	assert_int_equal(editbuf_insert(b, "😀", 4), EDITBUF_TOO_LONG);
	editbuf_destroy(b);

	/* a huge paste */
	size_t n = (size_t)1 << 20;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	b = editbuf_new(2000);
	assert_int_equal(editbuf_insert(b, big, n), EDITBUF_TOO_LONG);
	assert_int_equal(editbuf_insert(b, big, 2000), EDITBUF_OK);
	assert_int_equal(editbuf_chars(b), 2000);
	free(big);
	editbuf_destroy(b);
}

static void test_invalid_input(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		editbuf_status want;
	} cases[] = {
		{"\xC0\x80", 2, EDITBUF_INVALID_UTF8},          /* overlong NUL */
		{"\xE0\x80\xAF", 3, EDITBUF_INVALID_UTF8},      /* overlong '/' */
		{"\xED\xA0\x80", 3, EDITBUF_INVALID_UTF8},      /* a surrogate */
		{"\xF4\x90\x80\x80", 4, EDITBUF_INVALID_UTF8},  /* past U+10FFFF */
		{"\xE4\xBD", 2, EDITBUF_INVALID_UTF8},          /* truncated 你 */
		{"\x80", 1, EDITBUF_INVALID_UTF8},              /* stray continuation */
		{"\xFF", 1, EDITBUF_INVALID_UTF8},
		{"好\xFF好", 7, EDITBUF_INVALID_UTF8},          /* bad in the middle */
		{"\0", 1, EDITBUF_CONTROL},
		{"a\0b", 3, EDITBUF_CONTROL},
		{"\t", 1, EDITBUF_CONTROL},
		{"\r\n", 2, EDITBUF_CONTROL},
		{"\x1B[2J", 4, EDITBUF_CONTROL},
		{"\x7F", 1, EDITBUF_CONTROL},
		{"\xC2\x85", 2, EDITBUF_CONTROL},               /* NEL, C1 */
		{"\xC2\x9F", 2, EDITBUF_CONTROL},
	};
	editbuf *b = editbuf_new(100);
	assert_int_equal(editbuf_insert(b, "好的\n", 7), EDITBUF_OK);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(editbuf_insert(b, cases[i].s, cases[i].len), cases[i].want);
		assert_string_equal(editbuf_text(b), "好的\n");
		assert_int_equal(editbuf_chars(b), 3);
		assert_int_equal(editbuf_caret(b), 7);
		assert_int_equal(editbuf_set_preedit(b, cases[i].s, cases[i].len, 0), cases[i].want);
	}
	assert_int_equal(editbuf_set_preedit(b, "\n", 1, 0), EDITBUF_CONTROL);
	assert_string_equal(editbuf_status_name(EDITBUF_CONTROL), "control-character");
	for (int s = EDITBUF_OK; s <= EDITBUF_BAD_ARGS; s++)
		for (int t = s + 1; t <= EDITBUF_BAD_ARGS; t++)
			assert_string_not_equal(editbuf_status_name((editbuf_status)s),
			                        editbuf_status_name((editbuf_status)t));
	editbuf_destroy(b);
}

static void test_preedit(void **state)
{
	(void)state;
	size_t len, caret;
	editbuf *b = editbuf_new(20);
	assert_int_equal(editbuf_insert(b, "我想", 6), EDITBUF_OK);
	assert_string_equal(editbuf_preedit(b, &len, &caret), "");
	assert_int_equal(editbuf_set_preedit(b, "ni hao", 6, 3), EDITBUF_OK);
	assert_string_equal(editbuf_preedit(b, &len, &caret), "ni hao");
	assert_int_equal(len, 6);
	assert_int_equal(caret, 3);
	/* never part of the text */
	assert_string_equal(editbuf_text(b), "我想");
	assert_int_equal(editbuf_len(b), 6);
	assert_int_equal(editbuf_chars(b), 2);

	/* the caret snaps to a cluster start and clamps to the end */
	assert_int_equal(editbuf_set_preedit(b, FAMILY E_ACUTE, strlen(FAMILY E_ACUTE), 7), EDITBUF_OK);
	editbuf_preedit(b, NULL, &caret);
	assert_int_equal(caret, 0);
	assert_int_equal(editbuf_set_preedit(b, FAMILY E_ACUTE, strlen(FAMILY E_ACUTE), 19), EDITBUF_OK);
	editbuf_preedit(b, NULL, &caret);
	assert_int_equal(caret, strlen(FAMILY));
	assert_int_equal(editbuf_set_preedit(b, FAMILY E_ACUTE, strlen(FAMILY E_ACUTE), 999), EDITBUF_OK);
	editbuf_preedit(b, NULL, &caret);
	assert_int_equal(caret, strlen(FAMILY E_ACUTE));

	/* a shorter preedit leaves no bytes of the longer one behind */
	const char *p = editbuf_preedit(b, NULL, NULL);
	assert_int_equal(editbuf_set_preedit(b, "ab", 2, 2), EDITBUF_OK);
	assert_ptr_equal(editbuf_preedit(b, NULL, NULL), p);
	for (size_t i = 2; i <= strlen(FAMILY E_ACUTE); i++)
		assert_int_equal(p[i], 0);

	/* refused input keeps the old preedit */
	char big[EDITBUF_PREEDIT_MAX_BYTES + 1];
	memset(big, 'a', sizeof big);
	assert_int_equal(editbuf_set_preedit(b, big, sizeof big, 0), EDITBUF_TOO_LONG);
	assert_int_equal(editbuf_set_preedit(b, big, sizeof big - 1, 0), EDITBUF_OK);
	assert_int_equal(editbuf_set_preedit(b, "ab", 2, 2), EDITBUF_OK);
	assert_int_equal(editbuf_set_preedit(b, "x\xFF", 2, 0), EDITBUF_INVALID_UTF8);
	assert_string_equal(editbuf_preedit(b, &len, &caret), "ab");
	assert_int_equal(caret, 2);
	assert_int_equal(editbuf_set_preedit(b, NULL, 0, 5), EDITBUF_OK);
	assert_string_equal(editbuf_preedit(b, &len, &caret), "");
	assert_int_equal(len, 0);
	assert_int_equal(caret, 0);
	editbuf_destroy(b);
}

static void assert_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(p[i], 0);
}

/* Clear zeroes every byte the draft and the preedit used; deleting zeroes
 * the bytes it frees. */
static void test_wipe(void **state)
{
	(void)state;
	editbuf *b = filled(100);
	const char *t = editbuf_text(b), *p;
	size_t len = editbuf_len(b);
	assert_int_equal(editbuf_set_preedit(b, "mi mi", 5, 5), EDITBUF_OK);
	p = editbuf_preedit(b, NULL, NULL);
	editbuf_clear(b);
	assert_ptr_equal(editbuf_text(b), t);
	assert_zero(t, 4 * 100 + 1);
	assert_zero(p, EDITBUF_PREEDIT_MAX_BYTES + 1);
	assert_int_equal(editbuf_len(b), 0);
	assert_int_equal(editbuf_chars(b), 0);
	assert_int_equal(editbuf_caret(b), 0);
	assert_true(len > 0);

	/* usable again */
	assert_int_equal(editbuf_insert(b, "秘密secret", strlen("秘密secret")), EDITBUF_OK);
	len = editbuf_len(b);
	for (int i = 0; i < 6; i++)
		assert_true(editbuf_backspace(b));
	assert_string_equal(t, "秘密");
	assert_zero(t + 6, len - 6);
	editbuf_set_caret(b, 0);
	assert_true(editbuf_delete(b));
	assert_string_equal(t, "密");
	assert_zero(t + 3, len - 3);
	editbuf_destroy(b);
}

/* An independent walk: is `at` a cluster boundary of t, breaking from the
 * start of the whole text? */
static bool is_boundary(const char *t, size_t len, size_t at)
{
	utf8proc_int32_t prev = -1, cp, st = 0;
	if (at == 0 || at == len)
		return true;
	for (size_t i = 0; i < len;) {
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		assert_true(n > 0);
		bool brk = prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &st);
		if (i == at)
			return brk;
		if (i > at)
			return false;
		prev = cp;
		i += (size_t)n;
	}
	return false;
}

/* Random edits keep the invariants: valid text, the right counts, the
 * caret on a boundary, zeros past the end, never past max_chars. */
static void test_random_edits(void **state)
{
	(void)state;
	static const char *const atoms[] = {
		"你", "a", "\n", "\xCC\x81", "\xE2\x80\x8D", "\xF0\x9F\x87\xA8", "\xF0\x9F\x8F\xBD",
		FAMILY, E_ACUTE, "\xFF", "\t", "\xEF\xB8\x8F", "😀", "ab cd", "\xE1\x84\x80",
		"\xE1\x85\xA1",
	};
	const size_t max = 60;
	editbuf *b = editbuf_new(max);
	uint32_t seed = 12345;
	for (int step = 0; step < 20000; step++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;
		const char *a = atoms[r % (sizeof atoms / sizeof *atoms)];
		switch ((r >> 8) % 8) {
		case 0: case 1: case 2: editbuf_insert(b, a, strlen(a)); break;
		case 3: editbuf_backspace(b); break;
		case 4: editbuf_delete(b); break;
		case 5: editbuf_left(b); break;
		case 6: editbuf_right(b); break;
		default: editbuf_set_caret(b, (r >> 12) % 300); break;
		}
		const char *t = editbuf_text(b);
		size_t len = editbuf_len(b);
		assert_int_equal(strlen(t), len);
		assert_true(utf8proc_decompose((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)len,
		                               NULL, 0, 0) >= 0); /* valid UTF-8 */
		assert_int_equal(editbuf_chars(b), count_cps(t, len));
		assert_true(editbuf_chars(b) <= max);
		assert_true(is_boundary(t, len, editbuf_caret(b)));
		assert_zero(t + len, 4 * max + 1 - len);
		if (step % 5000 == 4999)
			editbuf_clear(b);
	}
	editbuf_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_and_null),
		cmocka_unit_test(test_caret_by_cluster),
		cmocka_unit_test(test_set_caret_snaps),
		cmocka_unit_test(test_backspace_and_delete),
		cmocka_unit_test(test_insert_at_caret_and_joining),
		cmocka_unit_test(test_flags_pair_up),
		cmocka_unit_test(test_home_end),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_invalid_input),
		cmocka_unit_test(test_preedit),
		cmocka_unit_test(test_wipe),
		cmocka_unit_test(test_random_edits),
	};
	return cmocka_run_group_tests_name("editbuf", tests, NULL, NULL);
}

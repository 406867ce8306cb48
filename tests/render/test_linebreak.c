/* test_linebreak.c — the breaker rule by rule: CLREQ prohibitions, numbers
 * with units, Latin words, emoji, hard breaks, hanging spaces, and bad
 * input (empty, punctuation only, width zero or negative, invalid UTF-8,
 * 100,000 characters). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lbtest.h"
#include "linebreak.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Opportunities of a NUL-terminated text, malloc'd. */
static char *opps(const char *s)
{
	size_t len = strlen(s);
	char *o = malloc(len + 1);

	assert_non_null(o);
	memset(o, 0x7F, len + 1);
	linebreak_opportunities(s, len, o);
	assert_int_equal(o[len], 0x7F); /* wrote exactly len entries */
	return o;
}

/* No LINEBREAK_ALLOW (nor MUST) strictly inside s[from, to). */
static void assert_glued(const char *s, size_t from, size_t to)
{
	char *o = opps(s);

	for (size_t i = from; i + 1 < to; i++) {
		if (o[i] == LINEBREAK_ALLOW || o[i] == LINEBREAK_MUST)
			fail_msg("break allowed after byte %zu of \"%s\"", i, s);
	}
	free(o);
}

/* The line starting right at byte b, or n if none does. */
static size_t line_at(const linebreak_line *lines, size_t n, size_t b)
{
	for (size_t k = 0; k < n; k++) {
		if (lines[k].start == b)
			return k;
	}
	return n;
}

static void test_opportunities_basics(void **state)
{
	const char *s = "我们a b";
	char *o = opps(s);

	(void)state;
	assert_int_equal(o[0], LINEBREAK_INSIDE);
	assert_int_equal(o[1], LINEBREAK_INSIDE);
	assert_int_equal(o[2], LINEBREAK_ALLOW); /* 我|们 */
	assert_int_equal(o[5], LINEBREAK_ALLOW); /* 们|a */
	assert_int_equal(o[6], LINEBREAK_NO);    /* a| (no break before a space) */
	assert_int_equal(o[7], LINEBREAK_ALLOW); /* after the space */
	assert_int_equal(o[8], LINEBREAK_MUST);  /* the end */
	free(o);
	/* Nothing written for nothing. */
	char one = 0x55;
	linebreak_opportunities("", 0, &one);
	linebreak_opportunities(NULL, 0, &one);
	assert_int_equal(one, 0x55);
}

static const char *const no_start[] = {
	"、", "，", "。", "：", "；", "！", "？", "”", "’", "」", "』", "）", "】", "〕",
	"〗", "］", "｝", "》", "〉", "～", "·", ",", ".", ";", ":", "!", "?", ")",
	"%", "．", "％", "‰", "℃",
};

static const char *const no_end[] = {
	"“", "‘", "「", "『", "（", "【", "〔", "〖", "［", "｛", "《", "〈", "(",
};

/* "甲乙丙" + c + "丁" at width 3: "丙c" would start line 2 if c could. */
static void test_no_line_start(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(no_start); i++) {
		char s[64];
		size_t n, at;
		linebreak_line *lines;

		snprintf(s, sizeof s, "甲乙丙%s丁", no_start[i]);
		at = strlen("甲乙丙");
		assert_glued(s, at - 3, at + strlen(no_start[i]));
		lines = lbt_layout(s, 3.0f, &n);
		if (lbt_breaks_at(lines, n, at))
			fail_msg("a line starts with %s", no_start[i]);
		assert_true(lbt_breaks_at(lines, n, at - 3)); /* 丙 moved along */
		free(lines);
	}
}

/* "甲乙" + c + "丙丁" at width 3: c would end line 1 if it could. */
static void test_no_line_end(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(no_end); i++) {
		char s[64];
		size_t n, at = strlen("甲乙");
		linebreak_line *lines;

		snprintf(s, sizeof s, "甲乙%s丙丁", no_end[i]);
		assert_glued(s, at, at + strlen(no_end[i]) + 3);
		lines = lbt_layout(s, 3.0f, &n);
		if (lbt_breaks_at(lines, n, at + strlen(no_end[i])))
			fail_msg("a line ends with %s", no_end[i]);
		assert_true(lbt_breaks_at(lines, n, at)); /* moved to the next line */
		free(lines);
	}
}

/* The opening and closing punctuation stay with their words in a whole
 * sentence at every width. */
static void test_sentence_at_all_widths(void **state)
{
	const char *s = "今天，我们“去”（吃饭）。好吗？《书》【注】「好」";

	(void)state;
	for (float w = 1.0f; w <= 30.0f; w += 1.0f) {
		size_t n;
		linebreak_line *lines = lbt_layout(s, w, &n);

		for (size_t k = 1; k < n && w >= 3.0f; k++) {
			const char *start = s + lines[k].start;
			for (size_t i = 0; i < COUNT(no_start); i++)
				assert_true(strncmp(start, no_start[i], strlen(no_start[i])) != 0);
		}
		free(lines);
	}
}

static void test_dashes_and_ellipses(void **state)
{
	static const char *const pairs[] = { "——", "……", "⋯⋯", "————", "……………" };

	(void)state;
	for (size_t i = 0; i < COUNT(pairs); i++) {
		char s[64];
		size_t plen = strlen(pairs[i]), at = strlen("甲乙");

		snprintf(s, sizeof s, "甲乙%s丙", pairs[i]);
		assert_glued(s, at, at + plen);
		/* Each of these characters is 3 bytes and 1 em wide: the run
		 * fits from a width of plen / 3. */
		for (float w = (float)(plen / 3); w <= 8.0f; w += 1.0f) {
			size_t n;
			linebreak_line *lines = lbt_layout(s, w, &n);
			for (size_t b = at + 1; b < at + plen; b++)
				assert_false(lbt_breaks_at(lines, n, b));
			free(lines);
		}
	}
}

/* Each number stays whole at every width it fits. */
static void test_numbers_with_units(void **state)
{
	static const char *const numbers[] = {
		"30%", "23:45", "23：45", "￥25", "3.5公里", "5km", "-5℃", "+86", "2024-05-01",
		"100‰", "1,000", "$9.99", "€5", "12点", "8岁", "5分钟", "2小时", "3个月", "30°",
		"400-161-9995", "3~5天", "２３：４５", "140/90", "3平方公里", "36.5℃", "5月",
	};

	(void)state;
	for (size_t i = 0; i < COUNT(numbers); i++) {
		char s[96];
		size_t nlen = strlen(numbers[i]), at = strlen("我们的");
		float *adv = calloc(sizeof s, sizeof *adv);
		float nwidth = 0.0f;

		snprintf(s, sizeof s, "我们的%s很好", numbers[i]);
		assert_glued(s, at, at + nlen);
		lbt_advances(s, strlen(s), adv);
		for (size_t b = at; b < at + nlen; b++)
			nwidth += adv[b];
		for (float w = 1.0f; w <= 10.0f; w += 0.5f) {
			size_t n;
			linebreak_line *lines = lbt_layout(s, w, &n);
			for (size_t b = at + 1; b < at + nlen && nwidth <= w; b++) {
				if (lbt_breaks_at(lines, n, b))
					fail_msg("\"%s\" split at width %.1f", numbers[i], (double)w);
			}
			free(lines);
		}
		free(adv);
	}
}

/* A number does not glue to what is not its unit. */
static void test_numbers_still_break(void **state)
{
	const char *s = "第3名，共5人";
	char *o = opps(s);

	(void)state;
	assert_int_equal(o[strlen("第") - 1], LINEBREAK_ALLOW);        /* 第|3 */
	assert_int_equal(o[strlen("第3名，") - 1], LINEBREAK_ALLOW);   /* ，|共 */
	free(o);
	o = opps("3个人");
	assert_int_equal(o[strlen("3个") - 1], LINEBREAK_ALLOW);       /* only one ideograph glues */
	free(o);
}

static void test_latin_word(void **state)
{
	const char *s = "我喜欢deadline这个词";
	size_t at = strlen("我喜欢");

	(void)state;
	assert_glued(s, at, at + strlen("deadline"));
	for (float w = 4.0f; w <= 12.0f; w += 0.5f) {
		size_t n;
		linebreak_line *lines = lbt_layout(s, w, &n);
		for (size_t b = at + 1; b < at + 8; b++)
			assert_false(lbt_breaks_at(lines, n, b));
		free(lines);
	}
}

/* Alone wider than the line, a word is cut between clusters, each line as
 * full as it can be. */
static void test_long_word_split(void **state)
{
	const char *s = "supercalifragilisticexpialidocious"; /* 34 letters, 17 em */
	size_t n;
	linebreak_line *lines;

	(void)state;
	lines = lbt_layout(s, 3.0f, &n);
	assert_int_equal(n, 6); /* 6 letters (3 em) a line */
	for (size_t k = 0; k < n; k++)
		assert_int_equal(lines[k].end - lines[k].start, k + 1 < n ? 6 : 4);
	free(lines);
	/* Multi-byte clusters: never cut inside one. */
	lines = lbt_layout("““““““““““““", 2.5f, &n);
	assert_int_equal(n, 6);
	for (size_t k = 0; k < n; k++)
		assert_int_equal((lines[k].end - lines[k].start) % 3, 0);
	free(lines);
}

/* A forced cut avoids putting punctuation at a line start when it can. */
static void test_forced_break_prefers_clean_boundary(void **state)
{
	const char *s = "abcdefghij，";
	size_t n;
	linebreak_line *lines = lbt_layout(s, 5.0f, &n);

	(void)state;
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].end, 9); /* "abcdefghi" | "j，" */
	free(lines);
}

static void test_url(void **state)
{
	const char *s = "看这里https://example.com/path/to/page?q=1";
	size_t host = strlen("看这里https://");
	size_t n;
	linebreak_line *lines;

	(void)state;
	assert_glued(s, host, host + strlen("example"));
	lines = lbt_layout(s, 6.0f, &n);
	assert_true(n >= 4);
	free(lines);
}

static void test_emoji_zwj(void **state)
{
	const char *family = "👨‍👩‍👧";
	char s[64];
	size_t n, at = strlen("我家");
	linebreak_line *lines;

	(void)state;
	snprintf(s, sizeof s, "我家%s好", family);
	assert_glued(s, at, at + strlen(family));
	/* One cluster by the advances, wider than the line: alone on a line. */
	lines = lbt_layout(s, 0.5f, &n);
	assert_int_equal(n, 4);
	assert_int_equal(line_at(lines, n, at), 2);
	assert_int_equal(lines[2].end, at + strlen(family));
	free(lines);
	/* Skin tones and variation selectors stay with their emoji. */
	assert_glued("好👍🏽好", strlen("好"), strlen("好👍🏽"));
	assert_glued("好✌️好", strlen("好"), strlen("好✌️"));
	/* Separate emoji may break between them. */
	char *o = opps("😊🎉");
	assert_int_equal(o[3], LINEBREAK_ALLOW);
	free(o);
	/* Flags are pairs of regional indicators (on which libunibreak 1.1
	 * alone aborts): whole, but a break between two flags. */
	o = opps("🇨🇳🇺🇸🇯");
	assert_int_equal(o[3], LINEBREAK_NO);
	assert_int_equal(o[7], LINEBREAK_ALLOW);
	assert_int_equal(o[11], LINEBREAK_NO);
	assert_int_equal(o[15], LINEBREAK_ALLOW);
	assert_int_equal(o[19], LINEBREAK_MUST);
	free(o);
	o = opps("好🇨🇳");
	assert_int_equal(o[2], LINEBREAK_ALLOW);
	assert_int_equal(o[6], LINEBREAK_NO);
	free(o);
}

static void test_hard_breaks(void **state)
{
	static const struct {
		const char *text;
		size_t n;
		size_t starts[5], ends[5];
	} cases[] = {
		{ "甲\n乙\r\n丙", 3, { 0, 4, 9 }, { 3, 7, 12 } },
		{ "甲\n", 2, { 0, 4 }, { 3, 4 } },
		{ "\n", 2, { 0, 1 }, { 0, 1 } },
		{ "\r\n\r\n", 3, { 0, 2, 4 }, { 0, 2, 4 } },
		{ "a\rb", 2, { 0, 2 }, { 1, 3 } },
		{ "甲\xE2\x80\xA8乙\xE2\x80\xA9丙", 3, { 0, 6, 12 }, { 3, 9, 15 } },
		{ "a\n\nb", 3, { 0, 2, 3 }, { 1, 2, 4 } },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++) {
		size_t n;
		linebreak_line *lines = lbt_layout(cases[i].text, 10.0f, &n);
		assert_int_equal(n, cases[i].n);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(lines[k].start, cases[i].starts[k]);
			assert_int_equal(lines[k].end, cases[i].ends[k]);
		}
		free(lines);
	}
	char *o = opps("a\r\nb");
	assert_int_equal(o[1], LINEBREAK_NO);
	assert_int_equal(o[2], LINEBREAK_MUST);
	free(o);
}

static void test_trailing_spaces_hang(void **state)
{
	size_t n;
	linebreak_line *lines;

	(void)state;
	lines = lbt_layout("abc def", 1.5f, &n); /* "abc" fills the line */
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].end, 4);       /* the space stays in line 1 */
	assert_float_equal(lines[0].width, 1.5, 1e-6);
	assert_int_equal(lines[1].start, 4);
	free(lines);

	lines = lbt_layout("今天　明天", 2.0f, &n);
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].end, strlen("今天　"));
	assert_float_equal(lines[0].width, 2.0, 1e-6);
	free(lines);

	lines = lbt_layout("a          b", 1.0f, &n);
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].end, 11);
	assert_float_equal(lines[0].width, 0.5, 1e-6);
	free(lines);

	/* Spaces at the end of the text hang too; an indent counts. */
	lines = lbt_layout("　　今天   ", 10.0f, &n);
	assert_int_equal(n, 1);
	assert_float_equal(lines[0].width, 4.0, 1e-6);
	free(lines);
	/* No line starts with an ideographic space after a soft break. */
	lines = lbt_layout("今天　　　明天", 2.5f, &n);
	assert_int_equal(n, 2);
	assert_int_equal(lines[1].start, strlen("今天　　　"));
	free(lines);
}

static void test_empty_text(void **state)
{
	linebreak_line l = { 7, 7, 7.0f };
	float adv = 0.0f;

	(void)state;
	assert_int_equal(linebreak_fill("", 0, &adv, 10.0f, &l, 1), 1);
	assert_int_equal(l.start, 0);
	assert_int_equal(l.end, 0);
	assert_float_equal(l.width, 0.0, 0.0);
	assert_int_equal(linebreak_fill(NULL, 0, NULL, 10.0f, NULL, 0), 1);
	/* Misuse: nothing to read. */
	assert_int_equal(linebreak_fill("a", 1, NULL, 10.0f, &l, 1), 0);
	assert_int_equal(linebreak_fill(NULL, 1, &adv, 10.0f, &l, 1), 0);
}

static void test_only_punctuation(void **state)
{
	size_t n;
	linebreak_line *lines;

	(void)state;
	lines = lbt_layout("，，，。。。", 2.0f, &n); /* no allowed break at all */
	assert_int_equal(n, 3);
	free(lines);
	lines = lbt_layout("，，，。。。", 10.0f, &n);
	assert_int_equal(n, 1);
	free(lines);
	lines = lbt_layout("……——！？", 1.0f, &n);
	assert_int_equal(n, 6);
	free(lines);
}

static void test_width_zero_negative_nan(void **state)
{
	const float widths[] = { 0.0f, -1.0f, -INFINITY, NAN };

	(void)state;
	for (size_t i = 0; i < COUNT(widths); i++) {
		size_t n;
		linebreak_line *lines = lbt_layout("甲乙，丙", widths[i], &n);
		assert_int_equal(n, 4); /* one cluster a line */
		free(lines);
		lines = lbt_layout("a b", widths[i], &n);
		assert_int_equal(n, 2); /* "a " and "b": the space hangs */
		free(lines);
		lines = lbt_layout("a\n\nb", widths[i], &n);
		assert_int_equal(n, 3);
		free(lines);
	}
	/* An infinite width: one line a paragraph. */
	size_t n;
	linebreak_line *lines = lbt_layout("甲乙，丙\n丁", INFINITY, &n);
	assert_int_equal(n, 2);
	free(lines);
}

static void test_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xE4\xBD",              /* truncated 你 */
		"\xFF\xFE",              /* never valid */
		"\xC0\xAF",              /* overlong / */
		"\xED\xA0\x80",          /* a surrogate */
		"\xF4\x90\x80\x80",      /* above U+10FFFF */
		"\x80\x80\x80",          /* lone continuations */
		"\xC2\x85",              /* valid: NEL, a hard break */
	};
	static const size_t lines_at_width0[] = { 2, 2, 2, 3, 4, 3, 2 };

	(void)state;
	for (size_t i = 0; i < COUNT(bad); i++) {
		char *o = opps(bad[i]);
		size_t n;
		linebreak_line *lines;

		for (size_t b = 0; b + 1 < strlen(bad[i]) && i + 1 < COUNT(bad); b++)
			assert_int_not_equal(o[b], LINEBREAK_INSIDE); /* one U+FFFD a byte */
		free(o);
		lines = lbt_layout(bad[i], 0.0f, &n);
		assert_int_equal(n, lines_at_width0[i]);
		free(lines);
	}
	/* Bad bytes among good text: the good characters stay whole. */
	const char *mixed = "你\xE4好\x80\xBD们\xEF\xBF\xBF!";
	char *o = opps(mixed);
	assert_int_equal(o[0], LINEBREAK_INSIDE);
	assert_int_equal(o[1], LINEBREAK_INSIDE);
	assert_int_equal(o[4], LINEBREAK_INSIDE); /* 好 after the bad byte */
	assert_int_equal(o[13], LINEBREAK_INSIDE); /* U+FFFF is a valid character */
	free(o);
	for (float w = 0.0f; w <= 6.0f; w += 0.5f) {
		size_t n;
		linebreak_line *lines = lbt_layout(mixed, w, &n);
		free(lines);
	}
}

/* Builds n bytes of text repeating `unit`. */
static char *repeat(const char *unit, size_t times, size_t *len)
{
	size_t ulen = strlen(unit);
	char *s = malloc(ulen * times + 1);

	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * ulen, unit, ulen);
	s[ulen * times] = '\0';
	*len = ulen * times;
	return s;
}

static void test_100000_characters(void **state)
{
	static const char *const units[] = {
		"今天加班到23:45，地铁上有人说“辛苦了”……😊KPI deadline 3.5公里。\n", /* mixed */
		"a",                                                                /* one word */
		"，",                                                               /* punctuation */
		"永",                                                               /* ideographs */
	};
	static const size_t chars_per_unit[] = { 50, 1, 1, 1 };

	(void)state;
	for (size_t i = 0; i < COUNT(units); i++) {
		size_t len, n;
		char *s = repeat(units[i], 100000 / chars_per_unit[i], &len);
		linebreak_line *lines = lbt_layout(s, 20.0f, &n);

		assert_true(n > 1000);
		free(lines);
		free(s);
	}
}

/* linebreak_fill_with with the same opportunities gives the same lines; a
 * small cap still counts every line. */
static void test_fill_with_and_cap(void **state)
{
	const char *s = "今天，我们去吃饭。明天，我们去看海。后天，我们回家。";
	size_t len = strlen(s);
	float adv[256];
	char brks[256];
	linebreak_line a[32], b[32];
	size_t na, nb;

	(void)state;
	lbt_advances(s, len, adv);
	linebreak_opportunities(s, len, brks);
	for (float w = 0.0f; w < 30.0f; w += 0.5f) {
		na = linebreak_fill(s, len, adv, w, a, COUNT(a));
		nb = linebreak_fill_with(s, len, brks, adv, w, b, COUNT(b));
		assert_int_equal(na, nb);
		for (size_t k = 0; k < na; k++) {
			assert_int_equal(a[k].start, b[k].start);
			assert_int_equal(a[k].end, b[k].end);
			assert_true(a[k].width == b[k].width);
		}
		assert_int_equal(linebreak_fill(s, len, adv, w, NULL, 0), na);
		assert_int_equal(linebreak_fill(s, len, adv, w, a, 1), na);
	}
	assert_int_equal(linebreak_fill_with(s, len, NULL, adv, 3.0f, a, 1), 0);
}

/* Opportunities not of this text: wrong lines maybe, but inside bounds. */
static void test_fill_with_garbage_opportunities(void **state)
{
	const char *s = "今天，我们\n去吃饭。";
	size_t len = strlen(s);
	float adv[64];
	char brks[64];
	linebreak_line lines[64];

	(void)state;
	lbt_advances(s, len, adv);
	for (int fill = 0; fill < 6; fill++) {
		memset(brks, fill, len);
		size_t n = linebreak_fill_with(s, len, brks, adv, 2.0f, lines, COUNT(lines));
		assert_true(n >= 1 && n <= len + 1);
		for (size_t k = 0; k < n; k++)
			assert_true(lines[k].start <= lines[k].end && lines[k].end <= len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opportunities_basics),
		cmocka_unit_test(test_no_line_start),
		cmocka_unit_test(test_no_line_end),
		cmocka_unit_test(test_sentence_at_all_widths),
		cmocka_unit_test(test_dashes_and_ellipses),
		cmocka_unit_test(test_numbers_with_units),
		cmocka_unit_test(test_numbers_still_break),
		cmocka_unit_test(test_latin_word),
		cmocka_unit_test(test_long_word_split),
		cmocka_unit_test(test_forced_break_prefers_clean_boundary),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_emoji_zwj),
		cmocka_unit_test(test_hard_breaks),
		cmocka_unit_test(test_trailing_spaces_hang),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_only_punctuation),
		cmocka_unit_test(test_width_zero_negative_nan),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_100000_characters),
		cmocka_unit_test(test_fill_with_and_cap),
		cmocka_unit_test(test_fill_with_garbage_opportunities),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

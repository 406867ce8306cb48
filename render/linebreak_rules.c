/* linebreak_rules.c — the CLREQ tailoring: where a Chinese line must not
 * break although UAX #14 would allow it.
 *
 * Every rule looks at one boundary, between code point A (ending there) and
 * B (starting there), with at most one more code point of context on each
 * side (and a unit word for rule 6). Rules only ever forbid: the tailoring
 * never adds a break UAX #14 does not allow, so Latin words (letters glue in
 * UAX #14) stay whole.
 *
 *  1. B never starts a line: closing punctuation and marks 、，。：；！？
 *     ”’」』）】〕〗］｝》〉～· and their relatives (fullwidth and halfwidth
 *     forms, 〙〛〜・‼⁇⁈⁉), the ASCII ,.;:!?)%]}, and the postfix signs
 *     ‰‱°′″℃℉.
 *  2. A never ends a line: opening quotes and brackets “‘「『（【〔〖［｛《〈
 *     〘〚⦅｟｢ and the ASCII ([{.
 *  3. A and B are the same of —, ―, ‥, …, ⋯: —— and …… never split (a
 *     longer run of them neither).
 *  4. B is U+3000 (ideographic space): it hangs at a line end like U+0020,
 *     so no line starts with one (except a paragraph's indent).
 *  5. Emoji sequences: no break after U+200D ZWJ, nor before a ZWJ, a
 *     variation selector, a skin-tone modifier or a tag character. (Flags,
 *     pairs of regional indicators, are kept whole in linebreak.c, which
 *     counts them from the start of the run.)
 *  6. Numbers with their units and signs. With "digit" meaning 0-9 or ０-９:
 *     a. digit | B where B is a digit, a letter (Latin, Greek, Cyrillic,
 *        fullwidth Latin), an ideograph, a squared unit (㎞㎡…) or a
 *        percent-like or currency sign (% ％ ‰ ‱ ° ′ ″ ℃ ℉ ² ³ $ ￥ € …):
 *        30%, 5km, 3本, 25元, 5月.
 *     b. digit | sep | digit, on both sides of sep, where sep is one of
 *        . , : ： ． / ／ - － ‐ – ~ ～ : 3.5, 1,000, 23:45, 23：45,
 *        2024-05-01, 400-161-9995, 3~5.
 *     c. sign | digit where sign is a currency sign or + - ± − ＋ －:
 *        ￥25, $3, -5℃, +86.
 *     d. inside a unit word of the table below that directly follows a
 *        digit: 3.5公里 (5|公 is 6a, 公|里 is 6d), 2小时, 30摄氏度. A
 *        digit followed by an ideograph outside the table keeps only that
 *        one ideograph (3个人 may break before 人).
 *     Numbers written in Chinese numerals are words like any other. */
#include "linebreak_impl.h"
#include "utf8.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Sorted, for bsearch-like lookup. */
static const uint32_t no_start[] = {
	0x0021, 0x0025, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D,
	0x00B0, 0x00B7, 0x2019, 0x201D, 0x2030, 0x2031, 0x2032, 0x2033, 0x203C, 0x2047,
	0x2048, 0x2049, 0x2103, 0x2109, 0x2986, 0x3001, 0x3002, 0x3009, 0x300B, 0x300D,
	0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301C, 0x30FB, 0xFF01, 0xFF05,
	0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF5E, 0xFF60,
	0xFF61, 0xFF63, 0xFF64,
};

static const uint32_t no_end[] = {
	0x0028, 0x005B, 0x007B, 0x2018, 0x201C, 0x2985, 0x3008, 0x300A, 0x300C, 0x300E,
	0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,
};

/* — ― ‥ … ⋯ */
static const uint32_t unsplit_pairs[] = { 0x2014, 0x2015, 0x2025, 0x2026, 0x22EF };

/* Signs that belong to the number after them. */
static const uint32_t prefix_signs[] = {
	0x0024, 0x002B, 0x002D, 0x00A2, 0x00A3, 0x00A5, 0x00B1, 0x20A9, 0x20AC, 0x20B9,
	0x20BD, 0x2212, 0xFF04, 0xFF0B, 0xFF0D, 0xFFE0, 0xFFE1, 0xFFE5, 0xFFE6,
};

/* Separators inside a number: decimals, grouping, times, dates, ranges. */
static const uint32_t separators[] = {
	0x002C, 0x002D, 0x002E, 0x002F, 0x003A, 0x007E, 0x2010, 0x2013, 0xFF0D, 0xFF0E,
	0xFF0F, 0xFF1A, 0xFF5E,
};

/* Percent-like and currency signs that belong to the number before them. */
static const uint32_t postfix_signs[] = {
	0x0024, 0x0025, 0x00A2, 0x00A3, 0x00A5, 0x00B0, 0x00B2, 0x00B3, 0x2030, 0x2031,
	0x2032, 0x2033, 0x20AC, 0x2103, 0x2109, 0xFF04, 0xFF05, 0xFFE0, 0xFFE1, 0xFFE5,
};

/* Units of more than one character, kept whole after a digit (rule 6d).
 * Every character of them is 3 bytes long in UTF-8. */
#define UNIT(w) { w, sizeof(w) - 1 }
static const struct unit_word {
	const char *text;
	size_t len;
} unit_words[] = {
	UNIT("公里"), UNIT("公斤"), UNIT("公分"), UNIT("公顷"), UNIT("公升"), UNIT("千米"),
	UNIT("千克"), UNIT("千瓦"), UNIT("千卡"), UNIT("大卡"), UNIT("厘米"), UNIT("毫米"),
	UNIT("毫升"), UNIT("毫克"), UNIT("毫安"), UNIT("微米"), UNIT("纳米"), UNIT("平米"),
	UNIT("平方米"), UNIT("平方公里"), UNIT("立方米"), UNIT("海里"), UNIT("英里"), UNIT("英尺"),
	UNIT("英寸"), UNIT("分钟"), UNIT("秒钟"), UNIT("小时"), UNIT("个月"), UNIT("星期"),
	UNIT("周岁"), UNIT("摄氏度"), UNIT("华氏度"), UNIT("块钱"), UNIT("毛钱"), UNIT("万元"),
	UNIT("亿元"),
};
#define UNIT_MAX_BYTES 12 /* 平方公里 */

static bool in_set(uint32_t cp, const uint32_t *set, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set[mid] == cp)
			return true;
		if (set[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}


bool linebreak_is_regional(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

bool linebreak_is_hard(uint32_t cp)
{
	return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_letter(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == 0xB5 ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x370 && cp <= 0x4FF) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	       (cp >= 0xFF41 && cp <= 0xFF5A);
}

static bool is_ideograph(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static bool is_unit_start(uint32_t cp)
{
	return is_digit(cp) || is_letter(cp) || is_ideograph(cp) ||
	       (cp >= 0x3380 && cp <= 0x33FF) || in_set(cp, postfix_signs, COUNT(postfix_signs));
}

static bool emoji_glue(uint32_t a, uint32_t b)
{
	return a == 0x200D || b == 0x200D || (b >= 0xFE00 && b <= 0xFE0F) ||
	       (b >= 0x1F3FB && b <= 0x1F3FF) || (b >= 0xE0020 && b <= 0xE007F) ||
	       (b >= 0xE0100 && b <= 0xE01EF);
}

/* Is the code point ending right before byte at a digit? Read from the
 * bytes: an ASCII byte is always a code point of its own, and so is EF BC xx
 * (EF is never inside another sequence). */
static bool digit_before(const char *text, size_t at)
{
	const unsigned char *u = (const unsigned char *)text;

	if (at >= 1 && u[at - 1] >= '0' && u[at - 1] <= '9')
		return true;
	return at >= 3 && u[at - 3] == 0xEF && u[at - 2] == 0xBC && u[at - 1] >= 0x90 &&
	       u[at - 1] <= 0x99;
}

static bool digit_at(const char *text, size_t len, size_t at)
{
	uint32_t cp;

	if (at >= len)
		return false;
	utf8_next(text, len, at, &cp);
	return is_digit(cp);
}

/* Rule 6d: is b strictly inside a unit word that starts right after a
 * digit? The digit is looked for first: most boundaries have none near. */
static bool inside_unit_word(const char *text, size_t len, size_t b)
{
	for (size_t k = 3; k < UNIT_MAX_BYTES && k < b; k += 3) {
		size_t at = b - k;
		if (!digit_before(text, at))
			continue;
		for (size_t w = 0; w < COUNT(unit_words); w++) {
			const struct unit_word *u = &unit_words[w];
			if (u->len > k && at + u->len <= len && memcmp(text + at, u->text, u->len) == 0)
				return true;
		}
	}
	return false;
}

static bool number_glue(const char *text, size_t len, size_t b, uint32_t a, size_t alen, uint32_t c,
                        size_t clen)
{
	if (is_digit(a)) {
		if (is_unit_start(c))
			return true;
		if (in_set(c, separators, COUNT(separators)) && digit_at(text, len, b + clen))
			return true;
	}
	if (is_digit(c)) {
		if (in_set(a, prefix_signs, COUNT(prefix_signs)))
			return true;
		if (in_set(a, separators, COUNT(separators)) && digit_before(text, b - alen))
			return true;
	}
	return is_ideograph(c) && inside_unit_word(text, len, b);
}

bool linebreak_prohibits(const char *text, size_t len, size_t b)
{
	uint32_t a, c;
	size_t alen = utf8_prev(text, b, &a);
	size_t clen = utf8_next(text, len, b, &c);

	if (in_set(c, no_start, COUNT(no_start)) || in_set(a, no_end, COUNT(no_end)))
		return true;
	if (a == c && in_set(a, unsplit_pairs, COUNT(unsplit_pairs)))
		return true;
	if (c == 0x3000 || emoji_glue(a, c))
		return true;
	return number_glue(text, len, b, a, alen, c, clen);
}

/* note.c — note ids, moods, kinds, and the rules note text obeys. */
#include "note.h"

#include <string.h>

static const struct {
	const char *key;
	const char *label;
} moods[NOTE_MOOD_COUNT] = {
	{"happy", "开心"},   {"calm", "平静"},    {"tired", "疲惫"},    {"anxious", "焦虑"},
	{"sad", "难过"},     {"hopeful", "期待"}, {"grateful", "感恩"},
};

/* Decodes one strict UTF-8 scalar value at s[0..len). Returns its length
 * in bytes, or 0 if the sequence is malformed (overlong, surrogate, past
 * U+10FFFF, truncated, stray continuation). */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* Control characters a note may not hold: C0 other than tab/LF/CR, DEL, C1. */
static bool is_forbidden_control(uint32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return false;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* White space and invisible format characters: a note of only these is blank. */
static bool is_blank(uint32_t cp)
{
	switch (cp) {
	case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
	case 0xA0: case 0x1680: case 0x180E: case 0x2028: case 0x2029: case 0x202F:
	case 0x205F: case 0x2060: case 0x3000: case 0xFEFF: case 0x3164: case 0x115F: case 0x1160:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200D;
	}
}

status note_check_text(const char *text, size_t len, size_t *chars)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t count = 0;
	bool visible = false;

	if (!text || len == 0)
		return STATUS_TEXT_EMPTY;
	if (len > NOTE_TEXT_MAX_BYTES)
		return STATUS_TEXT_TOO_LONG;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || is_forbidden_control(cp))
			return STATUS_TEXT_INVALID;
		visible = visible || !is_blank(cp);
		i += n;
		count++;
	}
	if (count > NOTE_TEXT_MAX_CHARS)
		return STATUS_TEXT_TOO_LONG;
	if (!visible)
		return STATUS_TEXT_BLANK;
	if (chars)
		*chars = count;
	return STATUS_OK;
}

bool note_mood_valid(int m)
{
	return m >= NOTE_MOOD_FIRST && m < NOTE_MOOD_END_;
}

const char *note_mood_key(note_mood m)
{
	return note_mood_valid((int)m) ? moods[m - NOTE_MOOD_FIRST].key : NULL;
}

const char *note_mood_label(note_mood m)
{
	return note_mood_valid((int)m) ? moods[m - NOTE_MOOD_FIRST].label : NULL;
}

status note_mood_parse(const char *s, note_mood *out)
{
	if (!s)
		return STATUS_BAD_MOOD;
	for (int i = 0; i < NOTE_MOOD_COUNT; i++) {
		if (strcmp(s, moods[i].key) == 0 || strcmp(s, moods[i].label) == 0) {
			*out = (note_mood)(NOTE_MOOD_FIRST + i);
			return STATUS_OK;
		}
	}
	return STATUS_BAD_MOOD;
}

const char *note_kind_name(note_kind k)
{
	switch (k) {
	case NOTE_KIND_TEXT: return "text";
	case NOTE_KIND_INK: return "ink";
	default: return NULL;
	}
}

void note_id_to_hex(const note_id *id, char out[NOTE_ID_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < NOTE_ID_BYTES; i++) {
		out[2 * i] = digits[id->b[i] >> 4];
		out[2 * i + 1] = digits[id->b[i] & 0xF];
	}
	out[NOTE_ID_HEX_LEN] = '\0';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

status note_id_from_hex(const char *hex, note_id *id)
{
	if (!hex || strlen(hex) != NOTE_ID_HEX_LEN)
		return STATUS_BAD_ID;
	for (size_t i = 0; i < NOTE_ID_BYTES; i++) {
		int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return STATUS_BAD_ID;
		id->b[i] = (uint8_t)(hi << 4 | lo);
	}
	return STATUS_OK;
}

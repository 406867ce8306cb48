/* test_note.c — text rules, moods, ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "note.h"

static status check(const char *s, size_t len)
{
	return note_check_text(s, len, NULL);
}
#define CHECK_STR(s) check((s), sizeof(s) - 1)

static void test_valid_text(void **state)
{
	(void)state;
	size_t chars = 0;
	const char *t = "今天很累，但是看到晚霞了。\n明天见！😊";
	assert_int_equal(note_check_text(t, strlen(t), &chars), STATUS_OK);
	assert_int_equal(chars, 19);
	assert_int_equal(CHECK_STR("a"), STATUS_OK);
	assert_int_equal(CHECK_STR("tab\tand\r\nCRLF"), STATUS_OK);
	/* a combining sequence and a ZWJ emoji sequence are ordinary text */
	assert_int_equal(CHECK_STR("e\xcc\x81 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"), STATUS_OK);
}

static void test_empty_and_blank(void **state)
{
	(void)state;
	assert_int_equal(check("", 0), STATUS_TEXT_EMPTY);
	assert_int_equal(check(NULL, 0), STATUS_TEXT_EMPTY);
	assert_int_equal(CHECK_STR(" "), STATUS_TEXT_BLANK);
	assert_int_equal(CHECK_STR(" \n\t\r\n  "), STATUS_TEXT_BLANK);
	assert_int_equal(CHECK_STR("\xe3\x80\x80\xe3\x80\x80"), STATUS_TEXT_BLANK);       /* U+3000 */
	assert_int_equal(CHECK_STR("\xe2\x80\x8b\xef\xbb\xbf \xc2\xa0"), STATUS_TEXT_BLANK); /* ZWSP, BOM, NBSP */
	assert_int_equal(CHECK_STR("\xe3\x80\x80x\xe3\x80\x80"), STATUS_OK);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_int_equal(CHECK_STR("\x80"), STATUS_TEXT_INVALID);             /* stray continuation */
	assert_int_equal(CHECK_STR("\xc0\xaf"), STATUS_TEXT_INVALID);         /* overlong '/' */
	assert_int_equal(CHECK_STR("\xe0\x80\xaf"), STATUS_TEXT_INVALID);     /* overlong */
	assert_int_equal(CHECK_STR("\xed\xa0\x80"), STATUS_TEXT_INVALID);     /* surrogate D800 */
	assert_int_equal(CHECK_STR("\xf4\x90\x80\x80"), STATUS_TEXT_INVALID); /* > U+10FFFF */
	assert_int_equal(CHECK_STR("\xe4\xbd"), STATUS_TEXT_INVALID);         /* truncated 你 */
	assert_int_equal(CHECK_STR("ok\xff"), STATUS_TEXT_INVALID);
	assert_int_equal(check("a\0b", 3), STATUS_TEXT_INVALID);              /* NUL */
	assert_int_equal(CHECK_STR("bell\a"), STATUS_TEXT_INVALID);
	assert_int_equal(CHECK_STR("esc\x1b[31m"), STATUS_TEXT_INVALID);
	assert_int_equal(CHECK_STR("c1\xc2\x85"), STATUS_TEXT_INVALID);       /* U+0085 */
}

static void test_length_limit(void **state)
{
	(void)state;
	char *t = malloc(3 * (NOTE_TEXT_MAX_CHARS + 1));
	size_t chars;
	for (int i = 0; i <= NOTE_TEXT_MAX_CHARS; i++)
		memcpy(t + 3 * i, "字", 3);
	assert_int_equal(note_check_text(t, 3 * NOTE_TEXT_MAX_CHARS, &chars), STATUS_OK);
	assert_int_equal(chars, NOTE_TEXT_MAX_CHARS);
	assert_int_equal(note_check_text(t, 3 * (NOTE_TEXT_MAX_CHARS + 1), NULL), STATUS_TEXT_TOO_LONG);
	free(t);
	char *big = malloc(NOTE_TEXT_MAX_BYTES + 1);
	memset(big, 'a', NOTE_TEXT_MAX_BYTES + 1);
	assert_int_equal(note_check_text(big, NOTE_TEXT_MAX_BYTES + 1, NULL), STATUS_TEXT_TOO_LONG);
	free(big);
}

static void test_moods(void **state)
{
	(void)state;
	note_mood m;
	assert_int_equal(NOTE_MOOD_COUNT, 7);
	for (int i = NOTE_MOOD_FIRST; i < NOTE_MOOD_END_; i++) {
		assert_int_equal(note_mood_parse(note_mood_key((note_mood)i), &m), STATUS_OK);
		assert_int_equal(m, i);
		assert_int_equal(note_mood_parse(note_mood_label((note_mood)i), &m), STATUS_OK);
		assert_int_equal(m, i);
	}
	assert_int_equal(note_mood_parse("疲惫", &m), STATUS_OK);
	assert_int_equal(m, NOTE_MOOD_TIRED);
	assert_int_equal(note_mood_parse("angry", &m), STATUS_BAD_MOOD);
	assert_int_equal(note_mood_parse(NULL, &m), STATUS_BAD_MOOD);
	assert_false(note_mood_valid(0));
	assert_false(note_mood_valid(NOTE_MOOD_END_));
	assert_null(note_mood_key((note_mood)0));
}

static void test_id_hex(void **state)
{
	(void)state;
	note_id id, back;
	char hex[NOTE_ID_HEX_LEN + 1];
	for (int i = 0; i < NOTE_ID_BYTES; i++)
		id.b[i] = (uint8_t)(i * 17 + 3);
	note_id_to_hex(&id, hex);
	assert_int_equal(strlen(hex), 32);
	assert_int_equal(note_id_from_hex(hex, &back), STATUS_OK);
	assert_memory_equal(id.b, back.b, NOTE_ID_BYTES);
	assert_int_equal(note_id_from_hex("ABCDEF0123456789abcdef0123456789", &back), STATUS_OK);
	assert_int_equal(note_id_from_hex("abc", &back), STATUS_BAD_ID);
	assert_int_equal(note_id_from_hex("zz" "cdef0123456789abcdef0123456789", &back), STATUS_BAD_ID);
	assert_int_equal(note_id_from_hex("abcdef0123456789abcdef01234567890", &back), STATUS_BAD_ID);
	assert_int_equal(note_id_from_hex(NULL, &back), STATUS_BAD_ID);
}

static void test_status_messages(void **state)
{
	(void)state;
	for (int i = 0; i < STATUS_COUNT_; i++) {
		assert_true(strlen(status_message((status)i)) > 4);
		assert_true(strlen(status_name((status)i)) > 1);
	}
	assert_non_null(strstr(status_message(STATUS_DISK_FULL), "disk is full"));
	assert_string_equal(status_name((status)999), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_text),   cmocka_unit_test(test_empty_and_blank),
		cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_moods),        cmocka_unit_test(test_id_hex),
		cmocka_unit_test(test_status_messages),
	};
	return cmocka_run_group_tests_name("note", tests, NULL, NULL);
}

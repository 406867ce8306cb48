/* test_output.c — unit tests of admin/output.c and admin/args.c: the
 * one-line records, JSON Lines, CSV quoting and its formula guard, cards,
 * and the argument parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <csv.h>

#include "args.h"
#include "day.h"
#include "output.h"
#include "vault.h"

#define TEST_ID "00112233445566778899aabbccddeeff"

/* A stream into memory; out_close() returns its bytes (caller frees). */
typedef struct capture {
	FILE *f;
	char *buf;
	size_t len;
} capture;

static void cap_open(capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

static char *cap_close(capture *c)
{
	assert_int_equal(fclose(c->f), 0);
	return c->buf;
}

static store_note text_note(const char *text)
{
	store_note n = { 0 };

	assert_int_equal(note_id_from_hex(TEST_ID, &n.id), STATUS_OK);
	n.day = day_from_civil(2024, 3, 9);
	n.mood = NOTE_MOOD_TIRED;
	n.kind = NOTE_KIND_TEXT;
	n.damage = STATUS_OK;
	n.body = (uint8_t *)(uintptr_t)text;
	n.body_len = strlen(text);
	return n;
}

static char *line_of(const store_note *n)
{
	capture c;
	cap_open(&c);
	assert_true(out_note_line(c.f, n));
	return cap_close(&c);
}

static void test_line_plain(void **state)
{
	store_note n = text_note("今天很累");
	char *s = line_of(&n);

	(void)state;
	assert_string_equal(s, TEST_ID "\t2024-03-09\ttired\ttext\t今天很累\n");
	free(s);
}

static void test_line_escapes(void **state)
{
	store_note n = text_note("a\\b\nc\r\nd\te");
	char *s = line_of(&n);

	(void)state;
	assert_string_equal(s, TEST_ID "\t2024-03-09\ttired\ttext\ta\\\\b\\nc\\r\\nd\\te\n");
	free(s);
}

static void test_line_controls(void **state)
{
	/* not valid in a note, but never to reach a terminal raw */
	store_note n = text_note("x\x1b[31m\x7f\xc2\x85y");
	char *s = line_of(&n);

	(void)state;
	assert_string_equal(s, TEST_ID "\t2024-03-09\ttired\ttext\tx\\x1B[31m\\x7F\\u0085y\n");
	free(s);
}

static void test_line_damaged(void **state)
{
	store_note n = text_note("");
	char *s;

	(void)state;
	n.damage = STATUS_DAMAGED_NOTE;
	n.body = NULL;
	n.body_len = 0;
	s = line_of(&n);
	assert_string_equal(s, TEST_ID "\t2024-03-09\ttired\ttext\t(damaged)\n");
	free(s);
}

static cJSON *json_of(const store_note *n)
{
	capture c;
	char *s;
	cJSON *j;

	cap_open(&c);
	assert_true(out_note_json(c.f, n));
	s = cap_close(&c);
	/* exactly one line */
	assert_non_null(strchr(s, '\n'));
	assert_int_equal(strchr(s, '\n') - s + 1, (long)strlen(s));
	j = cJSON_Parse(s);
	assert_non_null(j);
	free(s);
	return j;
}

static const char *jstr(const cJSON *j, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, name);
	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

static void test_json_roundtrip(void **state)
{
	const char *text = "引号\"和\\反斜杠\n换行\t制表 😀";
	store_note n = text_note(text);
	cJSON *j = json_of(&n);

	(void)state;
	assert_string_equal(jstr(j, "id"), TEST_ID);
	assert_string_equal(jstr(j, "day"), "2024-03-09");
	assert_string_equal(jstr(j, "mood"), "tired");
	assert_string_equal(jstr(j, "mood_label"), "疲惫");
	assert_string_equal(jstr(j, "kind"), "text");
	assert_string_equal(jstr(j, "text"), text);
	assert_null(cJSON_GetObjectItemCaseSensitive(j, "damaged"));
	cJSON_Delete(j);
}

static void test_json_damaged(void **state)
{
	store_note n = text_note("");
	cJSON *j;

	(void)state;
	n.damage = STATUS_DAMAGED_NOTE;
	n.body = NULL;
	j = json_of(&n);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "damaged")));
	assert_null(cJSON_GetObjectItemCaseSensitive(j, "text"));
	assert_string_equal(jstr(j, "id"), TEST_ID);
	cJSON_Delete(j);
}

/* Collects the fields of parsed CSV records. */
typedef struct csv_rows {
	char fields[8][8][512];
	int rows;
	int col;
} csv_rows;

static void on_field(void *s, size_t len, void *data)
{
	csv_rows *r = data;
	assert_true(r->rows < 8 && r->col < 8 && len < 512);
	memcpy(r->fields[r->rows][r->col], s, len);
	r->fields[r->rows][r->col][len] = '\0';
	r->col++;
}

static void on_row(int c, void *data)
{
	csv_rows *r = data;
	(void)c;
	assert_int_equal(r->col, 8);
	r->rows++;
	r->col = 0;
}

static void parse_csv(const char *s, csv_rows *rows)
{
	struct csv_parser p;

	memset(rows, 0, sizeof *rows);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	assert_int_equal(csv_parse(&p, s, strlen(s), on_field, on_row, rows), strlen(s));
	assert_int_equal(csv_fini(&p, on_field, on_row, rows), 0);
	csv_free(&p);
}

static char *csv_of(const char *const *texts, size_t n)
{
	capture c;

	cap_open(&c);
	assert_true(out_csv_header(c.f));
	for (size_t i = 0; i < n; i++) {
		store_note note = text_note(texts[i]);
		assert_true(out_note_csv(c.f, &note));
	}
	return cap_close(&c);
}

static void test_csv_quoting(void **state)
{
	const char *const texts[] = {
		"逗号,和\"引号\"",
		"第一行\n第二行\r\n第三行",
		"普通",
	};
	static const char header[] =
		"\"id\",\"day\",\"mood\",\"kind\",\"text\",\"width\",\"height\",\"svg\"\r\n";
	char *s = csv_of(texts, 3);
	csv_rows r;

	(void)state;
	/* records end in CRLF (RFC 4180) */
	assert_int_equal(strncmp(s, header, sizeof header - 1), 0);
	assert_non_null(strstr(s, "\"逗号,和\"\"引号\"\"\",\"\",\"\",\"\"\r\n"));
	parse_csv(s, &r);
	assert_int_equal(r.rows, 4);
	assert_string_equal(r.fields[0][4], "text");
	assert_string_equal(r.fields[1][0], TEST_ID);
	assert_string_equal(r.fields[1][1], "2024-03-09");
	assert_string_equal(r.fields[1][2], "tired");
	assert_string_equal(r.fields[1][3], "text");
	for (int i = 0; i < 3; i++) {
		assert_string_equal(r.fields[i + 1][4], texts[i]);
		for (int col = 5; col < 8; col++) /* the ink columns */
			assert_string_equal(r.fields[i + 1][col], "");
	}
	free(s);
}

static void test_csv_formula_guard(void **state)
{
	const char *const texts[] = { "=1+1", "+86 电话", "-不开心", "@所有人", "\t缩进",
		                      "\r回车", "没事=1" };
	char *s = csv_of(texts, 7);
	csv_rows r;

	(void)state;
	parse_csv(s, &r);
	assert_int_equal(r.rows, 8);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(r.fields[i + 1][4][0], '\'');
		assert_string_equal(r.fields[i + 1][4] + 1, texts[i]);
	}
	assert_string_equal(r.fields[7][4], "没事=1");
	assert_false(out_csv_needs_guard("", 0));
	assert_false(out_csv_needs_guard("今天", 6));
	free(s);
}

static void test_card(void **state)
{
	store_note n = text_note("一\r\n二\n\n三\r四\x1b");
	capture c;
	char *s;

	(void)state;
	cap_open(&c);
	assert_true(out_note_card(c.f, &n));
	s = cap_close(&c);
	assert_string_equal(s, "  ╭─ 2024-03-09 · 疲惫\n"
	                       "  │ 一\n"
	                       "  │ 二\n"
	                       "  │ \n"
	                       "  │ 三\n"
	                       "  │ 四?\n"
	                       "  ╰─\n");
	free(s);
}

/* The note of test_ink.c's known bytes: a curve of four points in colour
 * 1, a dot in colour 3. OUT: *body (free it). */
static store_note ink_note(uint8_t **body)
{
	ink_point pts[] = { { 10, 20 }, { 13, 24 }, { 17, 27 }, { 20, 31 }, { 20, 31 } };
	ink_stroke strokes[] = { { .first = 0, .count = 4, .colour = 1 },
		                 { .first = 4, .count = 1, .colour = 3 } };
	ink k = { .width = 4096, .height = 2731, .points = pts, .npoints = 5, .strokes = strokes,
		  .nstrokes = 2 };
	store_note n = text_note("");

	n.kind = NOTE_KIND_INK;
	assert_int_equal(ink_encode(&k, body, &n.body_len), STATUS_OK);
	n.body = *body;
	return n;
}

static const char ink_svg[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-14 -14 4124 2759\" fill=\"none\" "
	"stroke-width=\"28\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
	"<path stroke=\"#27384f\" d=\"M10 20L11.5 22Q13 24 15 25.5Q17 27 18.5 29L20 31\"/>"
	"<path stroke=\"#3e6b4c\" d=\"M20 31L20 31\"/></svg>";

static void test_ink_svg(void **state)
{
	uint8_t *body;
	store_note n = ink_note(&body);
	char *svg;
	size_t len;
	ink k;

	(void)state;
	assert_int_equal(ink_decode(n.body, n.body_len, &k), STATUS_OK);
	assert_true(out_ink_svg(&k, &svg, &len));
	assert_int_equal(len, strlen(ink_svg));
	assert_string_equal(svg, ink_svg);
	out_ink_free(svg, len);
	/* two strokes of one colour share a path; a two-point stroke is a line */
	k.strokes[0].count = 3;
	k.strokes[1] = (ink_stroke){ .first = 3, .count = 2, .colour = 1 };
	k.points[4].x = 30;
	assert_true(out_ink_svg(&k, &svg, &len));
	assert_non_null(strstr(svg, "\"M10 20L11.5 22Q13 24 15 25.5L17 27M20 31L30 31\"/></svg>"));
	assert_null(strstr(svg, "#3e6b4c"));
	out_ink_free(svg, len);
	/* a dot's 1 x 1 canvas is shown at a full canvas's size, the dot in
	 * the middle: the pen keeps its width */
	ink_point dot = { 0, 0 };
	ink_stroke one = { .first = 0, .count = 1, .colour = 0 };
	ink d = { .width = 1, .height = 1, .points = &dot, .npoints = 1, .strokes = &one, .nstrokes = 1 };
	assert_true(out_ink_svg(&d, &svg, &len));
	assert_non_null(strstr(svg, "viewBox=\"-2061.5 -2061.5 4124 4124\""));
	assert_non_null(strstr(svg, "d=\"M0 0L0 0\""));
	out_ink_free(svg, len);
	k.width = 5; /* points off the canvas: no SVG */
	assert_false(out_ink_svg(&k, &svg, &len));
	assert_null(svg);
	ink_free(&k);
	out_ink_free(NULL, 0);
	free(body);
}

static void test_ink_records(void **state)
{
	uint8_t *body;
	store_note n = ink_note(&body);
	capture c;
	csv_rows r;
	char *s;
	cJSON *j;

	(void)state;
	s = line_of(&n);
	assert_string_equal(s, TEST_ID "\t2024-03-09\ttired\tink\t[ink: 2 strokes, 5 points]\n");
	free(s);
	j = json_of(&n);
	assert_string_equal(jstr(j, "kind"), "ink");
	assert_int_equal(cJSON_GetObjectItem(j, "width")->valueint, 4096);
	assert_int_equal(cJSON_GetObjectItem(j, "height")->valueint, 2731);
	assert_string_equal(jstr(j, "svg"), ink_svg);
	assert_null(cJSON_GetObjectItem(j, "text"));
	assert_null(cJSON_GetObjectItem(j, "damaged"));
	cJSON_Delete(j);
	cap_open(&c);
	assert_true(out_csv_header(c.f));
	assert_true(out_note_csv(c.f, &n));
	s = cap_close(&c);
	parse_csv(s, &r);
	assert_int_equal(r.rows, 2);
	assert_string_equal(r.fields[1][3], "ink");
	assert_string_equal(r.fields[1][4], "");
	assert_string_equal(r.fields[1][5], "4096");
	assert_string_equal(r.fields[1][6], "2731");
	assert_string_equal(r.fields[1][7], ink_svg);
	free(s);
	cap_open(&c);
	assert_true(out_note_card(c.f, &n));
	s = cap_close(&c);
	assert_non_null(strstr(s, "  │ [ink: 2 strokes, 5 points]\n"));
	free(s);
	/* a body that is not ink (the store never hands one out) */
	n.body_len--;
	s = line_of(&n);
	assert_non_null(strstr(s, "\tink\t[ink: unreadable]\n"));
	free(s);
	j = json_of(&n);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "damaged")));
	assert_null(cJSON_GetObjectItem(j, "svg"));
	cJSON_Delete(j);
	free(body);
}

static void test_stats_json(void **state)
{
	out_stats os = { 0 };
	capture c;
	char *s;
	cJSON *j;

	(void)state;
	os.stats.pending = 3;
	os.stats.approved = 5;
	os.stats.oldest_day = -1;
	os.stats.newest_day = day_from_civil(2024, 1, 2);
	os.today = day_from_civil(2024, 1, 3);
	os.moods_today[NOTE_MOOD_SAD - NOTE_MOOD_FIRST] = 7;
	cap_open(&c);
	assert_true(out_stats_json(c.f, &os));
	s = cap_close(&c);
	j = cJSON_Parse(s);
	assert_non_null(j);
	assert_int_equal(cJSON_GetObjectItem(j, "pending")->valueint, 3);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "oldest_day")));
	assert_string_equal(jstr(j, "newest_day"), "2024-01-02");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "moods_today"), "sad")->valueint,
	                 7);
	cJSON_Delete(j);
	free(s);
}

static void test_args(void **state)
{
	char a0[] = "export", a1[] = "--format=csv", a2[] = "x", a3[] = "--json", a4[] = "--out",
	     a5[] = "f", a6[] = "--", a7[] = "--json", a8[] = "-3";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8 };
	const char *format = NULL, *out = NULL;
	bool json = false;
	args_opt opts[] = { { "--format", &format, NULL }, { "--out", &out, NULL },
		            { "--json", NULL, &json } };
	char *pos[9];
	args_result res;
	long v;

	(void)state;
	assert_true(args_parse(9, argv, 1, opts, 3, pos, &res));
	assert_string_equal(format, "csv");
	assert_string_equal(out, "f");
	assert_true(json);
	assert_int_equal(res.npos, 3);
	assert_string_equal(res.pos[0], "x");
	assert_string_equal(res.pos[1], "--json");
	assert_string_equal(res.pos[2], "-3");

	assert_false(args_parse(2, (char *[]){ a0, (char[]){ "--bogus" } }, 1, opts, 3, pos, &res));
	assert_non_null(strstr(res.error, "--bogus"));
	assert_false(args_parse(2, (char *[]){ a0, a4 }, 1, opts, 3, pos, &res));
	assert_false(args_parse(2, (char *[]){ a0, (char[]){ "--json=1" } }, 1, opts, 3, pos, &res));

	assert_true(args_int("7", 0, 365, &v));
	assert_int_equal(v, 7);
	assert_false(args_int("-1", 0, 365, &v));
	assert_false(args_int("366", 0, 365, &v));
	assert_false(args_int("1x", 0, 365, &v));
	assert_false(args_int("", 0, 365, &v));
	assert_false(args_int(" 1", 0, 365, &v));
	assert_false(args_int("99999999999999999999", 0, 365, &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_plain),
		cmocka_unit_test(test_line_escapes),
		cmocka_unit_test(test_line_controls),
		cmocka_unit_test(test_line_damaged),
		cmocka_unit_test(test_json_roundtrip),
		cmocka_unit_test(test_json_damaged),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_card),
		cmocka_unit_test(test_ink_svg),
		cmocka_unit_test(test_ink_records),
		cmocka_unit_test(test_stats_json),
		cmocka_unit_test(test_args),
	};
	/* the CSV formula guard copies text into vault memory */
	if (vault_init() != STATUS_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

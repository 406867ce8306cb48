/* test_pinyin.c — the pinyin engine on Debian's real Rime data: key
 * sequences, paging, backspace, Escape, digits, punctuation, the candidate
 * filter, limits, and privacy (no learning across passengers, no files
 * outside the private directory, no user dictionary).
 *
 * librime is set up once per process, so main() runs two groups: first
 * what must happen before the engine starts (missing data, a failed start
 * that leaves Rime untouched), then everything on one started engine.
 * Skips (77) only when the Rime data packages are not installed. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "pinyin.h"

#define NAMES_MAX 4096
#define TEXT_MAX 128

typedef struct names {
	size_t n;
	char *v[NAMES_MAX];
} names;

static char root[1024];         /* this run's folder: home/ and rime/ */
static char user_dir[PATH_MAX]; /* the engine's private folder */
static char home_dir[PATH_MAX];
static char cwd_dir[PATH_MAX];
static names tmp_before, cwd_before;

/* ---- helpers ---- */

static void list_dir(const char *dir, names *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	out->n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) && out->n < NAMES_MAX)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			out->v[out->n++] = strdup(e->d_name);
	closedir(d);
}

static bool has_name(const names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return true;
	return false;
}

static void free_names(names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	s->n = 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static pinyin *session(void)
{
	pinyin *p = pinyin_new(0);
	assert_non_null(p);
	return p;
}

/* Types ASCII keys, each of which must be used. */
static void type(pinyin *p, const char *keys)
{
	for (; *keys; keys++)
		assert_true(pinyin_key(p, (unsigned char)*keys, 0));
}

/* The whole candidate list, page by page. OUT: out (cap texts). Returns
 * the count. Checks on the way that every page but the last is full. */
static size_t all_candidates(pinyin *p, char (*out)[TEXT_MAX], size_t cap)
{
	size_t n = 0;

	while (pinyin_page(p, -1))
		;
	for (;;) {
		size_t count = pinyin_count(p);
		if (!pinyin_is_last_page(p))
			assert_int_equal(count, PINYIN_PAGE_DEFAULT);
		for (size_t i = 0; i < count && n < cap; i++)
			snprintf(out[n++], TEXT_MAX, "%s", pinyin_candidate(p, i));
		if (!pinyin_page(p, 1))
			break;
	}
	while (pinyin_page(p, -1))
		;
	return n;
}

/* The first `pages` pages, joined by '|', into buf. */
static void page_texts(pinyin *p, size_t pages, char *buf, size_t cap)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < pages; k++) {
		for (size_t i = 0; i < pinyin_count(p); i++)
			used += (size_t)snprintf(buf + used, cap - used, "%s|", pinyin_candidate(p, i));
		if (!pinyin_page(p, 1))
			break;
	}
	while (pinyin_page(p, -1))
		;
}

/* Code points at or past U+20000 (Extension B and later), which the
 * kiosk's fonts lack. */
static bool beyond_bmp_sip(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xF0 && (unsigned char)s[1] >= 0xA0)
			return true;
	return false;
}

static bool no_sip(const char *utf8, void *ctx)
{
	(*(int *)ctx)++;
	return !beyond_bmp_sip(utf8);
}

/* ---- before the engine starts ---- */

static void test_check_data(void **state)
{
	char fake[PATH_MAX], link[PATH_MAX * 2], target[PATH_MAX * 2];
	names data;

	(void)state;
	assert_null(pinyin_check_data(NULL));
	assert_null(pinyin_check_data(PINYIN_DEBIAN_DATA_DIR));
	snprintf(fake, sizeof fake, "%s/fake", root);
	assert_int_equal(mkdir(fake, 0700), 0);
	assert_string_equal(pinyin_check_data(fake), "rime-data-luna-pinyin");
	/* The real data, linked file by file, less one package's file. */
	list_dir(PINYIN_DEBIAN_DATA_DIR, &data);
	for (size_t i = 0; i < data.n; i++) {
		snprintf(link, sizeof link, "%s/%s", fake, data.v[i]);
		snprintf(target, sizeof target, "%s/%s", PINYIN_DEBIAN_DATA_DIR, data.v[i]);
		assert_int_equal(symlink(target, link), 0);
	}
	free_names(&data);
	assert_null(pinyin_check_data(fake));
	snprintf(link, sizeof link, "%s/essay.txt", fake);
	assert_int_equal(unlink(link), 0);
	assert_string_equal(pinyin_check_data(fake), "rime-essay");
	snprintf(link, sizeof link, "%s/default.yaml", fake);
	assert_int_equal(unlink(link), 0);
	assert_string_equal(pinyin_check_data(fake), "rime-prelude");
}

static void test_missing_data_fails_cleanly(void **state)
{
	char empty[PATH_MAX], other[PATH_MAX];
	const char *msg = NULL;

	(void)state;
	snprintf(empty, sizeof empty, "%s/empty", root);
	snprintf(other, sizeof other, "%s/other-user", root);
	assert_int_equal(mkdir(empty, 0700), 0);
	assert_int_equal(pinyin_state(NULL), PINYIN_OFF);
	assert_false(pinyin_start(other, empty));
	assert_int_equal(pinyin_state(&msg), PINYIN_FAILED);
	assert_non_null(strstr(msg, "rime-data-luna-pinyin"));
	assert_string_equal(pinyin_missing_package(), "rime-data-luna-pinyin");
	assert_null(pinyin_new(0));
	assert_int_equal(pinyin_wait(0.1), PINYIN_FAILED);
	assert_true(pinyin_deploy_seconds() < 0);
	/* Rime was not touched: no folder was even made. */
	assert_int_equal(access(other, F_OK), -1);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	assert_false(pinyin_start(NULL, NULL));
	assert_false(pinyin_start("relative/dir", NULL));
	assert_null(pinyin_new(PINYIN_PAGE_MAX + 1));
	pinyin_destroy(NULL);
	assert_false(pinyin_key(NULL, 'a', 0));
	assert_false(pinyin_select(NULL, 0));
	assert_false(pinyin_page(NULL, 1));
	assert_false(pinyin_reset(NULL));
	assert_false(pinyin_composing(NULL));
	assert_string_equal(pinyin_preedit(NULL, NULL), "");
	assert_int_equal(pinyin_count(NULL), 0);
	assert_null(pinyin_candidate(NULL, 0));
	assert_int_equal(pinyin_highlighted(NULL), -1);
	assert_string_equal(pinyin_commit(NULL), "");
}

/* ---- on the started engine ---- */

static void test_started(void **state)
{
	const char *msg = NULL;
	char other[PATH_MAX];

	(void)state;
	assert_int_equal(pinyin_state(&msg), PINYIN_READY);
	assert_string_equal(msg, "");
	assert_null(pinyin_missing_package());
	assert_true(pinyin_deploy_seconds() > 0);
	assert_true(pinyin_start(user_dir, NULL)); /* the same folder: already running */
	snprintf(other, sizeof other, "%s/other", root);
	assert_false(pinyin_start(other, NULL)); /* Rime cannot be set up twice */
	pinyin *p = session();
	assert_false(pinyin_shutdown()); /* refused while a session lives */
	pinyin_destroy(p);
}

static void test_nihao_space(void **state)
{
	size_t caret = 0;
	pinyin *p = session();

	(void)state;
	assert_false(pinyin_composing(p));
	type(p, "nihao");
	assert_true(pinyin_composing(p));
	assert_string_equal(pinyin_preedit(p, &caret), "ni hao");
	assert_int_equal(caret, strlen("ni hao"));
	assert_string_equal(pinyin_candidate(p, 0), "你好");
	assert_int_equal(pinyin_highlighted(p), 0);
	assert_string_equal(pinyin_commit(p), "");
	assert_true(pinyin_key(p, ' ', 0));
	assert_string_equal(pinyin_commit(p), "你好");
	assert_false(pinyin_composing(p));
	assert_int_equal(pinyin_count(p), 0);
	assert_int_equal(pinyin_highlighted(p), -1);
	/* Not composing, space is the caller's. */
	assert_false(pinyin_key(p, ' ', 0));
	assert_string_equal(pinyin_commit(p), "");
	pinyin_destroy(p);
}

static void test_zhongguo_simplified(void **state)
{
	char all[PINYIN_PAGE_DEFAULT * 4][TEXT_MAX];
	pinyin *p = session();

	(void)state;
	type(p, "zhongguo");
	assert_string_equal(pinyin_preedit(p, NULL), "zhong guo");
	assert_string_equal(pinyin_candidate(p, 0), "中国");
	size_t n = all_candidates(p, all, 20);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(all[i], "中國");
	assert_true(pinyin_key(p, '1', 0));
	assert_string_equal(pinyin_commit(p), "中国");
	pinyin_destroy(p);
}

static void test_paging(void **state)
{
	char first[512], second[512], again[512];
	pinyin *p = session();

	(void)state;
	type(p, "shi");
	assert_int_equal(pinyin_page_no(p), 0);
	assert_int_equal(pinyin_count(p), PINYIN_PAGE_DEFAULT);
	assert_false(pinyin_is_last_page(p));
	page_texts(p, 1, first, sizeof first);
	assert_true(pinyin_key(p, PINYIN_KEY_PAGE_DOWN, 0));
	assert_int_equal(pinyin_page_no(p), 1);
	page_texts(p, 1, second, sizeof second); /* resets to page 0 after */
	assert_true(pinyin_key(p, '=', 0));
	assert_int_equal(pinyin_page_no(p), 1);
	for (size_t i = 0; i < pinyin_count(p); i++)
		assert_null(strstr(first, pinyin_candidate(p, i)));
	assert_true(pinyin_key(p, '=', 0));
	assert_int_equal(pinyin_page_no(p), 2);
	assert_true(pinyin_key(p, '-', 0));
	assert_int_equal(pinyin_page_no(p), 1);
	page_texts(p, 1, again, sizeof again);
	assert_string_equal(again, second);
	assert_true(pinyin_key(p, PINYIN_KEY_PAGE_UP, 0));
	assert_true(pinyin_key(p, PINYIN_KEY_PAGE_UP, 0)); /* at the first page: used, no change */
	assert_int_equal(pinyin_page_no(p), 0);
	page_texts(p, 1, again, sizeof again);
	assert_string_equal(again, first);
	assert_string_equal(pinyin_commit(p), "");
	/* Digits pick on the page shown. */
	assert_true(pinyin_page(p, 1));
	char want[TEXT_MAX];
	snprintf(want, sizeof want, "%s", pinyin_candidate(p, 1));
	assert_true(pinyin_key(p, '2', 0));
	assert_string_equal(pinyin_commit(p), want);
	pinyin_destroy(p);
}

static void test_last_page(void **state)
{
	char all[64][TEXT_MAX];
	pinyin *p = session();

	(void)state;
	type(p, "a"); /* a short list: a dozen candidates */
	size_t n = all_candidates(p, all, 64);
	assert_true(n > PINYIN_PAGE_DEFAULT && n < 64);
	while (pinyin_page(p, 1))
		;
	assert_true(pinyin_is_last_page(p));
	assert_int_equal(pinyin_page_no(p), (n - 1) / PINYIN_PAGE_DEFAULT);
	assert_int_equal(pinyin_count(p), n - pinyin_page_no(p) * PINYIN_PAGE_DEFAULT);
	assert_true(pinyin_key(p, PINYIN_KEY_PAGE_DOWN, 0)); /* used, nothing follows */
	assert_true(pinyin_is_last_page(p));
	pinyin_destroy(p);
}

static void test_backspace_edits_pinyin_first(void **state)
{
	pinyin *p = session();

	(void)state;
	type(p, "nihao");
	assert_true(pinyin_key(p, PINYIN_KEY_BACKSPACE, 0));
	assert_string_equal(pinyin_commit(p), "");
	assert_true(pinyin_composing(p));
	assert_string_not_equal(pinyin_preedit(p, NULL), "ni hao");
	assert_non_null(strstr(pinyin_preedit(p, NULL), "ni ha"));
	type(p, "o");
	assert_string_equal(pinyin_preedit(p, NULL), "ni hao");
	for (int i = 0; i < 5; i++)
		assert_true(pinyin_key(p, PINYIN_KEY_BACKSPACE, 0));
	assert_false(pinyin_composing(p));
	assert_int_equal(pinyin_count(p), 0);
	/* Nothing left to edit: the caller deletes text. */
	assert_false(pinyin_key(p, PINYIN_KEY_BACKSPACE, 0));
	pinyin_destroy(p);
}

static void test_escape_clears(void **state)
{
	pinyin *p = session();

	(void)state;
	type(p, "zhongguo");
	assert_true(pinyin_key(p, PINYIN_KEY_PAGE_DOWN, 0));
	assert_true(pinyin_key(p, PINYIN_KEY_ESCAPE, 0));
	assert_false(pinyin_composing(p));
	assert_int_equal(pinyin_count(p), 0);
	assert_int_equal(pinyin_page_no(p), 0);
	assert_string_equal(pinyin_commit(p), "");
	assert_false(pinyin_key(p, PINYIN_KEY_ESCAPE, 0));
	type(p, "ni");
	assert_string_equal(pinyin_preedit(p, NULL), "ni");
	pinyin_destroy(p);
}

static void test_digits(void **state)
{
	char want[TEXT_MAX];
	pinyin *p = session();

	(void)state;
	assert_false(pinyin_key(p, '3', 0)); /* not composing: the caller's digit */
	type(p, "shi");
	snprintf(want, sizeof want, "%s", pinyin_candidate(p, 2));
	assert_true(pinyin_key(p, '0', 0)); /* swallowed while composing */
	assert_true(pinyin_key(p, '9', 0)); /* past the page of 5: swallowed */
	assert_true(pinyin_composing(p));
	assert_string_equal(pinyin_commit(p), "");
	assert_true(pinyin_key(p, '3', 0));
	assert_string_equal(pinyin_commit(p), want);
	assert_false(pinyin_composing(p));
	/* A partial pick leaves the rest composing. */
	type(p, "nihaoma");
	size_t i = 0;
	while (i < pinyin_count(p) && strcmp(pinyin_candidate(p, i), "你好") != 0)
		i++;
	assert_true(pinyin_select(p, i));
	assert_string_equal(pinyin_commit(p), "");
	assert_true(pinyin_composing(p));
	assert_non_null(strstr(pinyin_preedit(p, NULL), "你好"));
	assert_true(pinyin_key(p, ' ', 0));
	assert_non_null(strstr(pinyin_commit(p), "你好"));
	assert_false(pinyin_composing(p));
	assert_false(pinyin_select(p, PINYIN_PAGE_DEFAULT));
	pinyin_destroy(p);
}

static void test_nine_per_page(void **state)
{
	pinyin *p = pinyin_new(PINYIN_PAGE_MAX);
	char want[TEXT_MAX];

	(void)state;
	assert_non_null(p);
	type(p, "shi");
	assert_int_equal(pinyin_count(p), PINYIN_PAGE_MAX);
	snprintf(want, sizeof want, "%s", pinyin_candidate(p, 8));
	assert_true(pinyin_key(p, '9', 0));
	assert_string_equal(pinyin_commit(p), want);
	pinyin_destroy(p);
}

static void test_punctuation(void **state)
{
	pinyin *p = session();

	(void)state;
	assert_true(pinyin_key(p, ',', 0));
	assert_string_equal(pinyin_commit(p), "，");
	assert_true(pinyin_key(p, '.', 0));
	assert_string_equal(pinyin_commit(p), "。");
	assert_true(pinyin_key(p, '?', PINYIN_MASK_SHIFT));
	assert_string_equal(pinyin_commit(p), "？");
	assert_true(pinyin_key(p, '!', PINYIN_MASK_SHIFT));
	assert_string_equal(pinyin_commit(p), "！");
	/* Composing, punctuation commits the first candidate, then itself;
	 * period does not page. */
	type(p, "nihao");
	assert_true(pinyin_key(p, ',', 0));
	assert_string_equal(pinyin_commit(p), "你好，");
	type(p, "nihao");
	assert_true(pinyin_key(p, '.', 0));
	assert_string_equal(pinyin_commit(p), "你好。");
	assert_false(pinyin_composing(p));
	/* Backslash opens a short list of its forms; a digit picks one. */
	assert_true(pinyin_key(p, '\\', 0));
	assert_string_equal(pinyin_candidate(p, 0), "、");
	assert_true(pinyin_key(p, '1', 0));
	assert_string_equal(pinyin_commit(p), "、");
	/* Return commits the letters as typed. */
	type(p, "nihao");
	assert_true(pinyin_key(p, PINYIN_KEY_RETURN, 0));
	assert_string_equal(pinyin_commit(p), "nihao");
	assert_false(pinyin_key(p, PINYIN_KEY_RETURN, 0));
	pinyin_destroy(p);
}

static void test_keys_left_to_the_caller(void **state)
{
	pinyin *p = session();

	(void)state;
	assert_false(pinyin_key(p, 'a', 0x4)); /* Control */
	assert_false(pinyin_key(p, 'a', 0x8)); /* Alt */
	assert_false(pinyin_key(p, 0xffe1, 0)); /* Shift_L alone: Rime would toggle ASCII */
	assert_false(pinyin_key(p, 0xffc1, 0)); /* F4: Rime's schema switcher */
	assert_false(pinyin_key(p, PINYIN_KEY_PAGE_DOWN, 0));
	assert_false(pinyin_composing(p));
	type(p, "ni");
	assert_false(pinyin_key(p, 0xffe1, 0));
	type(p, "hao"); /* still Chinese after the Shift */
	assert_string_equal(pinyin_candidate(p, 0), "你好");
	pinyin_destroy(p);
}

static void test_input_limit(void **state)
{
	pinyin *p = session();
	char before[2048];

	(void)state;
	for (int i = 0; i < PINYIN_INPUT_MAX / 2; i++)
		type(p, "ni");
	snprintf(before, sizeof before, "%s", pinyin_preedit(p, NULL));
	type(p, "hao"); /* swallowed */
	assert_string_equal(pinyin_preedit(p, NULL), before);
	assert_true(pinyin_key(p, PINYIN_KEY_BACKSPACE, 0));
	assert_string_not_equal(pinyin_preedit(p, NULL), before);
	assert_true(pinyin_key(p, ' ', 0));
	assert_true(strlen(pinyin_commit(p)) >= PINYIN_INPUT_MAX / 2 * 3 - 3);
	pinyin_destroy(p);
}

static void test_filter_skips_without_holes(void **state)
{
	static char all[400][TEXT_MAX], kept[400][TEXT_MAX];
	int calls = 0;
	pinyin *p = session();

	(void)state;
	type(p, "xian"); /* long list; Extension-B+ characters from the 8th on */
	size_t n = all_candidates(p, all, 400), sip = 0;
	for (size_t i = 0; i < n; i++)
		sip += beyond_bmp_sip(all[i]);
	assert_true(sip > 0);
	pinyin_set_filter(p, no_sip, &calls);
	assert_true(pinyin_key(p, PINYIN_KEY_BACKSPACE, 0));
	type(p, "n");
	size_t k = all_candidates(p, kept, 400); /* checks that pages are full */
	assert_true(calls > 0);
	/* The kept list is the full list without SIP characters, in order
	 * (both lists are cut at 400, the kept one further down). */
	size_t j = 0;
	for (size_t i = 0; i < n; i++)
		if (!beyond_bmp_sip(all[i]))
			assert_string_equal(kept[j++], all[i]);
	assert_int_equal(j, n - sip);
	assert_true(k >= j);
	for (size_t i = 0; i < k; i++)
		assert_false(beyond_bmp_sip(kept[i]));
	pinyin_destroy(p);
}

static bool not_nihao(const char *utf8, void *ctx)
{
	(void)ctx;
	return strcmp(utf8, "你好") != 0;
}

static void test_filter_commits_first_shown(void **state)
{
	pinyin *p = session();

	(void)state;
	pinyin_set_filter(p, not_nihao, NULL);
	type(p, "nihao");
	assert_string_not_equal(pinyin_candidate(p, 0), "你好");
	char want[TEXT_MAX];
	snprintf(want, sizeof want, "%s", pinyin_candidate(p, 0));
	assert_true(pinyin_key(p, ' ', 0));
	assert_string_equal(pinyin_commit(p), want);
	type(p, "nihao");
	assert_true(pinyin_key(p, ',', 0));
	char with_comma[TEXT_MAX + 8];
	snprintf(with_comma, sizeof with_comma, "%s，", want);
	assert_string_equal(pinyin_commit(p), with_comma);
	pinyin_set_filter(p, NULL, NULL);
	type(p, "nihao");
	assert_string_equal(pinyin_candidate(p, 0), "你好");
	pinyin_destroy(p);
}

/* Commits the candidate with this text, found by paging. */
static void pick(pinyin *p, const char *keys, const char *text)
{
	type(p, keys);
	do {
		for (size_t i = 0; i < pinyin_count(p); i++)
			if (strcmp(pinyin_candidate(p, i), text) == 0) {
				assert_true(pinyin_select(p, i));
				assert_string_equal(pinyin_commit(p), text);
				return;
			}
	} while (pinyin_page(p, 1));
	fail_msg("candidate not found");
}

/* With Rime's user dictionary on, each of these picks moves the rare
 * candidate up at once (checked by hand when this test was written); off,
 * nothing moves, in the same session, after a reset, or in a new one. */
static void test_no_learning(void **state)
{
	char before[1024], after[1024], rare[TEXT_MAX], single[TEXT_MAX];
	pinyin *p = session();

	(void)state;
	type(p, "shixian");
	page_texts(p, 3, before, sizeof before);
	assert_true(pinyin_page(p, 1));
	snprintf(rare, sizeof rare, "%s", pinyin_candidate(p, pinyin_count(p) - 1));
	assert_true(pinyin_key(p, PINYIN_KEY_ESCAPE, 0));
	for (int i = 0; i < 30; i++)
		pick(p, "shixian", rare);
	/* single characters too, picked one by one into a phrase */
	type(p, "shi");
	while (pinyin_page(p, 1))
		;
	snprintf(single, sizeof single, "%s", pinyin_candidate(p, 0));
	assert_true(pinyin_key(p, PINYIN_KEY_ESCAPE, 0));
	for (int i = 0; i < 10; i++)
		pick(p, "shi", single);
	type(p, "shixian");
	page_texts(p, 3, after, sizeof after);
	assert_string_equal(after, before);
	assert_true(pinyin_reset(p));
	assert_false(pinyin_composing(p));
	type(p, "shixian");
	page_texts(p, 3, after, sizeof after);
	assert_string_equal(after, before);
	pinyin_destroy(p);
	p = session();
	type(p, "shixian");
	page_texts(p, 3, after, sizeof after);
	assert_string_equal(after, before);
	pinyin_destroy(p);
}

static void test_reset_clears(void **state)
{
	pinyin *p = session();

	(void)state;
	pinyin_set_filter(p, not_nihao, NULL);
	type(p, "nihao");
	assert_true(pinyin_reset(p));
	assert_false(pinyin_composing(p));
	assert_string_equal(pinyin_preedit(p, NULL), "");
	assert_int_equal(pinyin_count(p), 0);
	assert_string_equal(pinyin_commit(p), "");
	type(p, "nihao"); /* the filter stays */
	assert_string_not_equal(pinyin_candidate(p, 0), "你好");
	pinyin_destroy(p);
}

/* Any user dictionary or log file in the private folder fails. */
static int check_private(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	(void)st, (void)flag;
	assert_null(strstr(base, ".userdb"));
	assert_null(strstr(base, ".log"));
	assert_null(strstr(base, "LOG"));
	if (ftw->level == 1) /* only what the engine is known to keep */
		assert_true(!strcmp(base, "build") || !strcmp(base, "log") ||
		            !strcmp(base, "default.custom.yaml") ||
		            !strcmp(base, PINYIN_SCHEMA ".custom.yaml") ||
		            !strcmp(base, "installation.yaml") || !strcmp(base, "user.yaml"));
	return 0;
}

/* A new entry that Rime or glog would make: "rime…" names, glog's
 * "<app>.<host>.<user>.log.<LEVEL>.<time>.<pid>" files and their links. */
static bool rime_like(const char *name)
{
	char pid[32];
	size_t n = strlen(name), k;

	snprintf(pid, sizeof pid, ".%ld", (long)getpid());
	k = strlen(pid);
	return strstr(name, "rime") || strstr(name, "Rime") || strstr(name, ".log.") ||
	       strstr(name, ".INFO") || strstr(name, ".ERROR") || strstr(name, ".WARNING") ||
	       (n > k && strcmp(name + n - k, pid) == 0);
}

static void no_new_rime_files(const char *dir, const names *before)
{
	names now;

	list_dir(dir, &now);
	for (size_t i = 0; i < now.n; i++)
		if (!has_name(before, now.v[i]) && rime_like(now.v[i]))
			fail_msg("%s/%s appeared", dir, now.v[i]);
	free_names(&now);
}

static void test_files_stay_private(void **state)
{
	char log_dir[PATH_MAX + 8];
	names home, logs;
	pinyin *p = session();

	(void)state;
	type(p, "wojintianhenkaixin");
	assert_true(pinyin_key(p, ' ', 0));
	pick(p, "shixian", "时鲜");
	pinyin_destroy(p);
	assert_int_equal(nftw(user_dir, check_private, 16, FTW_PHYS), 0);
	snprintf(log_dir, sizeof log_dir, "%s/log", user_dir);
	list_dir(log_dir, &logs);
	assert_int_equal(logs.n, 0);
	list_dir(home_dir, &home); /* HOME was empty: Rime's default is ~/.config/ibus/rime */
	assert_int_equal(home.n, 0);
	no_new_rime_files("/tmp", &tmp_before);
	no_new_rime_files(cwd_dir, &cwd_before);
	struct stat st;
	assert_int_equal(stat(user_dir, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
}

/* ---- main ---- */

/* At exit, so that it also runs when cmocka leaves early. */
static void remove_root(void)
{
	if (root[0])
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free_names(&tmp_before);
	free_names(&cwd_before);
}

static int start_engine(void **state)
{
	(void)state;
	if (!pinyin_start(user_dir, NULL) || pinyin_wait(120) != PINYIN_READY)
		return -1;
	printf("# deploy: %.3f s (fresh private folder)\n", pinyin_deploy_seconds());
	return 0;
}

static int stop_engine(void **state)
{
	(void)state;
	return pinyin_shutdown() ? 0 : -1;
}

int main(void)
{
	const char *missing = pinyin_check_data(NULL);

	if (missing) {
		printf("SKIP: the Rime data is not installed (Debian package %s)\n", missing);
		return 77;
	}
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	list_dir("/tmp", &tmp_before);
	assert_non_null(getcwd(cwd_dir, sizeof cwd_dir));
	list_dir(cwd_dir, &cwd_before);
	snprintf(root, sizeof root, "%s/th-pinyin-XXXXXX", base);
	if (!mkdtemp(root))
		return 1;
	atexit(remove_root);
	snprintf(home_dir, sizeof home_dir, "%s/home", root);
	snprintf(user_dir, sizeof user_dir, "%s/rime", root);
	if (mkdir(home_dir, 0700) != 0 || setenv("HOME", home_dir, 1) != 0)
		return 1;

	const struct CMUnitTest before[] = {
		cmocka_unit_test(test_check_data),
		cmocka_unit_test(test_missing_data_fails_cleanly),
		cmocka_unit_test(test_bad_arguments),
	};
	const struct CMUnitTest started[] = {
		cmocka_unit_test(test_started),
		cmocka_unit_test(test_nihao_space),
		cmocka_unit_test(test_zhongguo_simplified),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_last_page),
		cmocka_unit_test(test_backspace_edits_pinyin_first),
		cmocka_unit_test(test_escape_clears),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_nine_per_page),
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_keys_left_to_the_caller),
		cmocka_unit_test(test_input_limit),
		cmocka_unit_test(test_filter_skips_without_holes),
		cmocka_unit_test(test_filter_commits_first_shown),
		cmocka_unit_test(test_no_learning),
		cmocka_unit_test(test_reset_clears),
		cmocka_unit_test(test_files_stay_private),
	};
	int failed = cmocka_run_group_tests_name("pinyin before start", before, NULL, NULL);
	failed += cmocka_run_group_tests_name("pinyin", started, start_engine, stop_engine);
	return failed ? 1 : 0;
}

/* test_layout_cache.c — hits, misses, keys and LRU eviction of the layout
 * cache, through the real font chain (the Debian fonts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fontchain.h"
#include "layout.h"
#include "layout_cache.h"
#include "test_chain.h"

static const layout_params base = {.size_px = 20, .max_extent = 200};

static const layout *get(layout_cache *c, const char *text, const layout_params *p)
{
	return layout_cache_get(c, text, strlen(text), p);
}

static void assert_counts(layout_cache *c, uint64_t hits, uint64_t misses, size_t entries)
{
	layout_cache_counts k = layout_cache_stats(c);
	assert_int_equal(k.hits, hits);
	assert_int_equal(k.misses, misses);
	assert_int_equal(k.entries, entries);
}

static void test_new_and_destroy(void **state)
{
	(void)state;
	assert_null(layout_cache_new(NULL, 4));
	assert_null(layout_cache_new(test_fc, 0));
	layout_cache_destroy(NULL);
	layout_cache_counts k = layout_cache_stats(NULL);
	assert_int_equal(k.hits + k.misses + k.entries, 0);
	layout_cache_destroy(layout_cache_new(test_fc, 1)); /* empty */
}

static void test_hit_and_miss(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 8);
	const layout *a = get(c, "今天下雨了，心情却很好。", &base);
	assert_non_null(a);
	assert_counts(c, 0, 1, 1);
	const layout *b = get(c, "今天下雨了，心情却很好。", &base);
	assert_ptr_equal(a, b);
	assert_counts(c, 1, 1, 1);
	assert_ptr_equal(get(c, "今天下雨了，心情却很好。", &base), a);
	assert_counts(c, 2, 1, 1);
	layout_cache_destroy(c);
}

/* The cached layout is the one layout_text makes. */
static void test_same_as_layout_text(void **state)
{
	(void)state;
	const char *t = "司机师傅说：“别着急，慢慢来。”我突然就哭了……谢谢你，陌生人！";
	layout_cache *c = layout_cache_new(test_fc, 2);
	const layout *got = get(c, t, &base);
	layout *want = NULL;
	assert_int_equal(layout_text(test_fc, t, strlen(t), &base, &want), LAYOUT_OK);
	assert_non_null(got);
	assert_int_equal(got->nlines, want->nlines);
	assert_int_equal(got->nglyphs, want->nglyphs);
	/* field by field: the structs have padding */
	for (size_t i = 0; i < want->nlines; i++) {
		assert_int_equal(got->lines[i].start, want->lines[i].start);
		assert_int_equal(got->lines[i].end, want->lines[i].end);
		assert_int_equal(got->lines[i].first, want->lines[i].first);
		assert_int_equal(got->lines[i].count, want->lines[i].count);
		assert_true(got->lines[i].extent == want->lines[i].extent);
	}
	for (size_t i = 0; i < want->nglyphs; i++) {
		const layout_glyph *g = &got->glyphs[i], *w = &want->glyphs[i];
		assert_int_equal(g->face, w->face);
		assert_int_equal(g->glyph, w->glyph);
		assert_int_equal(g->cluster, w->cluster);
		assert_true(g->x == w->x && g->y == w->y && g->advance == w->advance);
	}
	layout_free(want);
	layout_cache_destroy(c);
}

/* Every field that changes the result makes its own entry. */
static void test_distinct_params(void **state)
{
	(void)state;
	layout_params p[7];
	const layout *seen[7];
	for (size_t i = 0; i < 7; i++)
		p[i] = base;
	p[1].size_px = 21;
	p[2].max_extent = 150;
	p[3].line_spacing = 2;
	p[4].max_lines = 1;
	p[5].align = LAYOUT_ALIGN_CENTER;
	p[6].vertical = true;
	layout_cache *c = layout_cache_new(test_fc, 16);
	for (size_t i = 0; i < 7; i++) {
		seen[i] = get(c, "一二三四五六七八九十，十一十二。", &p[i]);
		assert_non_null(seen[i]);
		for (size_t j = 0; j < i; j++)
			assert_ptr_not_equal(seen[i], seen[j]);
	}
	assert_counts(c, 0, 7, 7);
	for (size_t i = 0; i < 7; i++)
		assert_ptr_equal(get(c, "一二三四五六七八九十，十一十二。", &p[i]), seen[i]);
	assert_counts(c, 7, 7, 7);
	assert_true(seen[6]->vertical);
	assert_true(seen[4]->truncated);
	layout_cache_destroy(c);
}

/* Params layout_text treats alike share one entry. */
static void test_equivalent_params(void **state)
{
	(void)state;
	layout_params a = base, b = base;
	a.line_spacing = 0;
	b.line_spacing = -3;
	layout_cache *c = layout_cache_new(test_fc, 4);
	const layout *l = get(c, "你好", &a);
	assert_ptr_equal(get(c, "你好", &b), l);
	a.max_extent = -1;
	b.max_extent = 0;
	a.max_lines = -2;
	l = get(c, "你好", &a);
	assert_ptr_equal(get(c, "你好", &b), l);
	assert_counts(c, 2, 2, 2);
	layout_cache_destroy(c);
}

/* Keys differ by bytes, not just by prefix or hash. */
static void test_distinct_texts(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 64);
	const char t[] = "你好你好";
	const layout *whole = layout_cache_get(c, t, 6, &base);
	const layout *part = layout_cache_get(c, t, 3, &base);
	assert_ptr_not_equal(whole, part);
	assert_int_equal(part->text_len, 3);
	/* many keys in few buckets: chains are walked and compared in full */
	for (int i = 0; i < 40; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, "第%d天", i);
		assert_non_null(get(c, buf, &base));
	}
	for (int i = 0; i < 40; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, "第%d天", i);
		const layout *l = get(c, buf, &base);
		assert_int_equal(l->text_len, strlen(buf));
		assert_memory_equal(l->text, buf, l->text_len);
	}
	assert_counts(c, 40, 42, 42);
	layout_cache_destroy(c);
}

/* The least recently used entry goes first; a hit renews an entry. */
static void test_eviction_order(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 2);
	const layout *a = get(c, "甲", &base);
	get(c, "乙", &base);
	assert_ptr_equal(get(c, "甲", &base), a); /* 甲 is now newer than 乙 */
	get(c, "丙", &base);                      /* evicts 乙 */
	assert_counts(c, 1, 3, 2);
	assert_int_equal(layout_cache_stats(c).evictions, 1);
	assert_ptr_equal(get(c, "甲", &base), a); /* still there */
	assert_counts(c, 2, 3, 2);
	get(c, "乙", &base);                      /* a miss again; evicts 丙 */
	assert_counts(c, 2, 4, 2);
	get(c, "甲", &base);
	assert_counts(c, 3, 4, 2);
	get(c, "丙", &base);                      /* evicted before: a miss */
	assert_counts(c, 3, 5, 2);
	assert_int_equal(layout_cache_stats(c).evictions, 3);
	layout_cache_destroy(c);
}

static void test_one_entry(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 1);
	for (int round = 0; round < 3; round++) {
		assert_non_null(get(c, "甲", &base));
		assert_non_null(get(c, "甲", &base));
		assert_non_null(get(c, "乙", &base));
	}
	assert_counts(c, 3, 6, 1);
	layout_cache_destroy(c);
}

static void test_null_and_empty(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 4);
	assert_null(layout_cache_get(NULL, "x", 1, &base));
	assert_null(layout_cache_get(c, "x", 1, NULL));
	assert_null(layout_cache_get(c, NULL, 3, &base));
	assert_counts(c, 0, 0, 0);
	const layout *e = layout_cache_get(c, NULL, 0, &base);
	assert_non_null(e);
	assert_int_equal(e->text_len, 0);
	assert_int_equal(e->nglyphs, 0);
	assert_ptr_equal(layout_cache_get(c, "", 0, &base), e); /* NULL, 0 is "" */
	assert_ptr_equal(layout_cache_get(c, "abc", 0, &base), e);
	assert_counts(c, 2, 1, 1);
	layout_cache_destroy(c);
}

/* Params layout_text rejects: NULL, nothing cached, nothing evicted. */
static void test_bad_params(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 1);
	const layout *a = get(c, "甲", &base);
	layout_params p = base;
	p.size_px = 0;
	assert_null(get(c, "甲", &p));
	p.size_px = 20;
	p.max_extent = INFINITY;
	assert_null(get(c, "甲", &p));
	assert_counts(c, 0, 3, 1);
	assert_ptr_equal(get(c, "甲", &base), a);
	layout_cache_destroy(c);
}

/* Invalid UTF-8 is a key like any other; the layout shows U+FFFD. */
static void test_invalid_utf8(void **state)
{
	(void)state;
	layout_cache *c = layout_cache_new(test_fc, 4);
	const char bad[] = "a\xff" "b";
	const layout *l = layout_cache_get(c, bad, 3, &base);
	assert_non_null(l);
	assert_non_null(strstr(l->text, "\xEF\xBF\xBD"));
	assert_ptr_not_equal(get(c, "a\xEF\xBF\xBD" "b", &base), l);
	layout_cache_destroy(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_and_destroy),
		cmocka_unit_test(test_hit_and_miss),
		cmocka_unit_test(test_same_as_layout_text),
		cmocka_unit_test(test_distinct_params),
		cmocka_unit_test(test_equivalent_params),
		cmocka_unit_test(test_distinct_texts),
		cmocka_unit_test(test_eviction_order),
		cmocka_unit_test(test_one_entry),
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_bad_params),
		cmocka_unit_test(test_invalid_utf8),
	};
	return cmocka_run_group_tests_name("layout_cache", tests, test_chain_open,
	                                   test_chain_close);
}

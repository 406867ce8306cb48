/* test_i18n.c — the interface language: Chinese by default, English when
 * chosen, switching back and forth at run time, and a missing catalog.
 * Uses the catalog the build compiled from po/zh_CN.po. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "i18n.h"

static char msg[512];

static void expect_chinese(void)
{
	assert_string_equal(i18n_language(), "zh_CN");
	assert_string_equal(_("Write down how you feel right now"), "写下此刻的心情");
	assert_string_equal(_("Browse notes"), "翻看留言");
	assert_string_equal(_("Calm"), "平静");
	assert_string_equal(_("Write here…"), "在这里写下你的心情…");
	/* Chinese has one plural form: the same string for 1 and for 5. */
	assert_string_equal(ngettext("Today %d other person also felt %s",
	                             "Today %d other people also felt %s", 1),
	                    "今天还有 %d 个人也感到%s");
	assert_string_equal(ngettext("Today %d other person also felt %s",
	                             "Today %d other people also felt %s", 5),
	                    "今天还有 %d 个人也感到%s");
}

static void expect_english(void)
{
	assert_string_equal(i18n_language(), "en");
	assert_string_equal(_("Write down how you feel right now"),
	                    "Write down how you feel right now");
	assert_string_equal(_("Browse notes"), "Browse notes");
	assert_string_equal(_("Calm"), "Calm");
	assert_string_equal(ngettext("Today %d other person also felt %s",
	                             "Today %d other people also felt %s", 1),
	                    "Today %d other person also felt %s");
	assert_string_equal(ngettext("Today %d other person also felt %s",
	                             "Today %d other people also felt %s", 5),
	                    "Today %d other people also felt %s");
}

static int clean_env(void **state)
{
	(void)state;
	unsetenv("TREEHOLE_LOCALEDIR");
	unsetenv("LANGUAGE");
	return 0;
}

/* Found without help: the test binary is not next to the catalog, so this
 * goes through the build tree's folder compiled into the library. */
static void test_chinese_by_default(void **state)
{
	(void)state;
	if (!i18n_init(NULL, msg, sizeof msg))
		fail_msg("%s", msg);
	assert_string_equal(msg, "");
	assert_string_equal(i18n_localedir(), TEST_LOCALEDIR);
	expect_chinese();
	/* A string the catalog does not know stays as it is. */
	assert_string_equal(_("Not in the catalog"), "Not in the catalog");
}

static void test_english_when_chosen(void **state)
{
	(void)state;
	assert_true(i18n_init("en", msg, sizeof msg));
	expect_english();
}

static void test_switch_at_run_time(void **state)
{
	(void)state;
	assert_true(i18n_init("zh_CN", msg, sizeof msg));
	expect_chinese();
	for (int i = 0; i < 3; i++) {
		assert_true(i18n_set_language("en", msg, sizeof msg));
		expect_english();
		assert_true(i18n_set_language("zh_CN", msg, sizeof msg));
		expect_chinese();
	}
}

static void test_env_localedir(void **state)
{
	(void)state;
	setenv("TREEHOLE_LOCALEDIR", TEST_LOCALEDIR, 1);
	assert_true(i18n_init(NULL, msg, sizeof msg));
	assert_string_equal(i18n_localedir(), TEST_LOCALEDIR);
	expect_chinese();
}

static void test_missing_catalog(void **state)
{
	(void)state;
	setenv("TREEHOLE_LOCALEDIR", "/nonexistent/treehole-locale", 1);
	assert_false(i18n_init("zh_CN", msg, sizeof msg));
	assert_non_null(strstr(msg, "/nonexistent/treehole-locale/zh_CN/LC_MESSAGES/treehole.mo"));
	expect_english();
	/* English needs no catalog. */
	assert_true(i18n_set_language("en", msg, sizeof msg));
	expect_english();
	assert_false(i18n_set_language("zh_CN", msg, sizeof msg));
	expect_english();
	/* Once the catalog is found again, Chinese comes back. */
	unsetenv("TREEHOLE_LOCALEDIR");
	assert_true(i18n_init("zh_CN", msg, sizeof msg));
	expect_chinese();
}

static void test_unknown_language(void **state)
{
	(void)state;
	assert_false(i18n_init("fr", msg, sizeof msg));
	assert_non_null(strstr(msg, "unknown language 'fr'"));
	expect_english();
	assert_true(i18n_set_language("zh_CN", msg, sizeof msg));
	expect_chinese();
	assert_false(i18n_set_language("zh_TW", msg, sizeof msg));
	expect_english();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_chinese_by_default, clean_env),
		cmocka_unit_test_setup(test_english_when_chosen, clean_env),
		cmocka_unit_test_setup(test_switch_at_run_time, clean_env),
		cmocka_unit_test_setup(test_env_localedir, clean_env),
		cmocka_unit_test_setup(test_missing_catalog, clean_env),
		cmocka_unit_test_setup(test_unknown_language, clean_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* testutil.c — see testutil.h. */
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

char *testutil_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];

	snprintf(tmpl, sizeof tmpl, "%s/treehole-unit-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	return strdup(dir);
}

void testutil_rmdir(char *dir)
{
	char cmd[600];

	if (!dir)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

char *testutil_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

store *testutil_store(const char *path, int delay)
{
	store_create_opts o = {.feed_delay_days = delay, .kdf = vault_kdf_test_only()};
	store *s = NULL;

	assert_int_equal(store_create(path, TEST_PASS, strlen(TEST_PASS), &o, &s), STATUS_OK);
	assert_non_null(s);
	return s;
}

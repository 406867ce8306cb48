/* testutil.h — temporary folders and stores for the unit tests. */
#ifndef TREEHOLE_TESTUTIL_H
#define TREEHOLE_TESTUTIL_H

#include <stddef.h>

#include "store.h"

#define TEST_PASS "correct horse battery staple"

/* A fresh private folder; the path is owned by the caller (free it with
 * testutil_rmdir, which also deletes its contents). */
char *testutil_mkdtemp(void);
void testutil_rmdir(char *dir);

/* dir + "/" + name, malloc()ed. */
char *testutil_path(const char *dir, const char *name);

/* Creates a store with TEST_PASS, the cheapest KDF and `delay` days of
 * feed delay; asserts success. */
store *testutil_store(const char *path, int delay);

#endif

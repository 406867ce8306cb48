/* testutil.h — temporary folders and stores for the unit tests. */
#ifndef TREEHOLE_TESTUTIL_H
#define TREEHOLE_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "ink.h"
#include "store.h"

#define TEST_PASS "correct horse battery staple"

/* A fresh private folder; the path is owned by the caller (free it with
 * testutil_rmdir, which also deletes its contents). */
char *testutil_mkdtemp(void);
void testutil_rmdir(char *dir);

/* dir + "/" + name, malloc()ed. */
char *testutil_path(const char *dir, const char *name);

/* Creates a store with TEST_PASS, the cheapest KDF and `delay` days of
 * feed delay; asserts success. Every store made here takes one day, read
 * once per process, as today (store_set_today), so a run across midnight
 * sees one day. */
store *testutil_store(const char *path, int delay);

/* A deterministic random number in [0, n) (splitmix64), so a failure
 * replays; testutil_seed restarts the sequence. */
void testutil_seed(uint64_t seed);
uint32_t testutil_rnd(uint32_t n);

/* An ink note from a flat list of x, y points and stroke sizes (colours
 * may be NULL); its arrays are malloc'ed (ink_free). */
ink testutil_ink(uint16_t w, uint16_t h, const uint16_t *xy, size_t npoints,
                 const uint32_t *counts, const uint8_t *colours, size_t nstrokes);

/* Asserts that a and b are the same note: size, points, strokes, colours. */
void testutil_assert_ink_equal(const ink *a, const ink *b);

/* Encodes k, asserting success. OUT: *buf (free it) and its length. */
void testutil_encode_ok(const ink *k, uint8_t **buf, size_t *len);

#endif

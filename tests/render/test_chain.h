/* test_chain.h — the real font chain (the Debian fonts) as a cmocka group
 * fixture for the layout and drawing tests, and text laid out with it. */
#ifndef TREEHOLE_TEST_CHAIN_H
#define TREEHOLE_TEST_CHAIN_H

#include <stdbool.h>

#include "fontchain.h"
#include "layout.h"

/* The chain test_chain_open opened; NULL before and after. */
extern fontchain *test_fc;

/* Group setup: opens the default chain into test_fc; -1 (the group
 * fails) if the fonts are missing. */
int test_chain_open(void **state);

/* Group teardown: closes test_fc. */
int test_chain_close(void **state);

/* `text` laid out with test_fc at `size` px, lines up to `extent` px,
 * at most max_lines (0: no limit), vertical or not. Fails the test if
 * layout_text refuses; the caller frees the layout (layout_free). */
layout *test_lay(const char *text, float size, float extent, bool vertical, int max_lines);

#endif

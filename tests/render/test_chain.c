/* test_chain.c — the font chain fixture of the layout and drawing tests. */
#include "test_chain.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

fontchain *test_fc;

int test_chain_open(void **state)
{
	char msg[256];
	(void)state;
	return fontchain_open_default(&test_fc, msg, sizeof msg) == FONTCHAIN_OK ? 0 : -1;
}

int test_chain_close(void **state)
{
	(void)state;
	fontchain_close(test_fc);
	test_fc = NULL;
	return 0;
}

layout *test_lay(const char *text, float size, float extent, bool vertical, int max_lines)
{
	layout_params p = {.size_px = size, .max_extent = extent, .max_lines = max_lines,
	                   .vertical = vertical};
	layout *l = NULL;
	assert_int_equal(layout_text(test_fc, text, strlen(text), &p, &l), LAYOUT_OK);
	assert_non_null(l);
	return l;
}

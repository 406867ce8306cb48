/* fuzz_script.c — libFuzzer harness for the kiosk's script parser
 * (script_parse). Any bytes must parse or be refused without a crash, and
 * whatever is accepted must be something the runner can use as it is:
 * commands in line order, known ops, coordinates in range (percent as a
 * fraction), durations and counts in their ranges, names that are single
 * words (without '/' where they name a file or button), NUL-terminated
 * texts. A refusal names a line. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_coord(script_coord c)
{
	if (!isfinite(c.v) || c.v < 0.0f || c.v > (c.percent ? 1.0f : 65535.0f))
		abort();
}

/* One word, shorter than 64 bytes; a name that becomes (part of) a path
 * must not hold a '/'. */
static void check_word(const char *w, bool path)
{
	size_t n = strnlen(w, SCRIPT_TEXT_MAX);

	if (n == 0 || n >= 64 || (path && strchr(w, '/')) || strchr(w, ' ') || strchr(w, '\t'))
		abort();
}

static void check_cmd(const script_cmd *c)
{
	if (strnlen(c->text, SCRIPT_TEXT_MAX) >= SCRIPT_TEXT_MAX)
		abort();                                 /* not terminated */
	switch (c->op) {
	case SCRIPT_SWIPE:
		check_coord(c->x2), check_coord(c->y2);
		/* fall through */
	case SCRIPT_TAP:
	case SCRIPT_TOUCH:
		check_coord(c->x), check_coord(c->y);
		break;
	case SCRIPT_LONGPRESS:
		check_coord(c->x), check_coord(c->y);
		if (c->ms < 1 || c->ms > 600000)
			abort();
		break;
	case SCRIPT_WAIT:
		if (c->ms < 0 || c->ms > 86400000L)
			abort();
		break;
	case SCRIPT_EXPECT_PENDING:
	case SCRIPT_EXPECT_FEED:
		if (c->ms < 0 || c->ms > 1000000000L)
			abort();
		break;
	case SCRIPT_PRESS:
	case SCRIPT_KEY:
	case SCRIPT_SCREENSHOT:
		check_word(c->text, true);
		break;
	case SCRIPT_EXPECT_SCREEN:
		check_word(c->text, false);
		break;
	case SCRIPT_TEXT:
		if (!c->text[0])
			abort();
		break;
	case SCRIPT_STROKE:
	case SCRIPT_HOLD:
		if (c->npts < 1 || c->npts > SCRIPT_MAX_POINTS)
			abort();
		for (int i = 0; i < 2 * c->npts; i++)
			check_coord(c->pts[i]);
		break;
	case SCRIPT_EDIT:
	case SCRIPT_CLOSE:
	case SCRIPT_LIFT:
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	script *s = NULL;
	script_cmd c;
	char msg[512] = "", path[128];
	int last = 0;

	if (!script_parse((const char *)data, size, "fuzz", &s, msg, sizeof msg)) {
		if (s || strncmp(msg, "fuzz:", 5) != 0)
			abort();
		return 0;
	}
	while (script_next(s, &c)) {
		check_cmd(&c);
		if (c.line <= last || (size_t)c.line > size)
			abort();                         /* line order, a line per byte at most */
		last = c.line;
		if (c.op == SCRIPT_SCREENSHOT && !script_shot_path(s, c.text, path, sizeof path))
			abort();                         /* 63 bytes + ".png" fit */
	}
	script_close(s);
	return 0;
}

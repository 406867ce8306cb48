/* cmd_preview.c — preview: a note's text laid out exactly as the kiosk
 * would, printed line by line (or column by column). Needs no store. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "fontchain.h"
#include "draw.h"
#include "layout.h"
#include "note.h"
#include "output.h"
#include "vault.h"

/* Like submit: far more than any valid note, and a bound on what an
 * endless stream can make us hold. */
#define PREVIEW_READ_CAP ((size_t)64 * 1024)
#define PREVIEW_DEFAULT_SIZE 32.0f
#define PREVIEW_MAX_WIDTH 100000.0
#define PREVIEW_MAX_LINES 1000000L

static const char usage[] =
	"treehole-admin preview --width PX [--font-size PX] [--vertical] [--max-lines N] "
	"[--png FILE] < note.txt";

/* A plain decimal number of pixels in [min, max]: digits and at most one
 * point, nothing else (no sign, exponent, hex, inf or nan). */
static bool parse_px(const char *s, double min, double max, float *out)
{
	char *end = NULL;
	double v;

	if (!s || !*s || strspn(s, "0123456789.") != strlen(s) || strchr(s, '.') != strrchr(s, '.'))
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !isfinite(v) || v < min || v > max)
		return false;
	*out = (float)v;
	return true;
}

/* Reads the options into *p. Returns -1 to go on, else the exit code. */
static int preview_options(admin_ctx *ctx, int argc, char **argv, layout_params *p,
                           const char **png)
{
	const char *width = NULL, *size = NULL, *max_lines = NULL;
	bool vertical = false;
	args_opt opts[] = {
		{ "--width", &width, NULL },         { "--font-size", &size, NULL },
		{ "--max-lines", &max_lines, NULL }, { "--vertical", NULL, &vertical },
		{ "--png", png, NULL },
	};
	args_result res;
	long n = 0;
	int rc = admin_parse(ctx, argc, argv, opts, sizeof opts / sizeof *opts, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	*p = (layout_params){ .size_px = PREVIEW_DEFAULT_SIZE, .vertical = vertical };
	if (!width)
		return admin_usage_error("preview", "--width is required", usage);
	if (!parse_px(width, 0, PREVIEW_MAX_WIDTH, &p->max_extent) || !(p->max_extent > 0))
		return admin_usage_error("preview", "--width must be a positive number of pixels "
		                                    "(at most 100000)", usage);
	if (size && !parse_px(size, 8, 512, &p->size_px))
		return admin_usage_error("preview", "--font-size must be a number from 8 to 512",
		                         usage);
	if (max_lines && !args_int(max_lines, 0, PREVIEW_MAX_LINES, &n))
		return admin_usage_error("preview", "--max-lines must be a whole number from 0 "
		                                    "(no limit) to 1000000", usage);
	p->max_lines = (int)n;
	if (*png && !**png)
		return admin_usage_error("preview", "--png needs a file name", usage);
	return -1;
}

#define CARD_PADDING 24

/* Draws the layout as a card (paper, ink, software renderer) into a new
 * PNG file; never replaces an existing one. Returns the exit code. */
static int write_png(fontchain *fc, const layout *l, const layout_params *p, const char *path)
{
	struct stat sb;
	char err[256];

	if (lstat(path, &sb) == 0)
		return admin_fail(path, STATUS_EXISTS);
	if (!draw_card_png(fc, l, p->size_px, path, CARD_PADDING, err, sizeof err))
		return admin_fail_msg(path, err);
	return ADMIN_EXIT_OK;
}

/* One output line per layout line (column), escaped like every note text
 * this tool prints; a cut text ends with the "…" the kiosk draws. */
static bool print_lines(const layout *l)
{
	bool ok = true;

	for (size_t i = 0; i < l->nlines && ok; i++) {
		const layout_line *line = &l->lines[i];
		ok = out_escaped(stdout, l->text + line->start, line->end - line->start);
		if (ok && l->truncated && i + 1 == l->nlines)
			ok = fputs("\xE2\x80\xA6", stdout) != EOF;
		ok = ok && putchar('\n') != EOF;
	}
	return fflush(stdout) == 0 && ok && !ferror(stdout);
}

static int too_long(void)
{
	char msg[160];

	snprintf(msg, sizeof msg, "the text is longer than %zu KiB, the most preview reads "
	         "(a note holds at most %d characters)", PREVIEW_READ_CAP / 1024,
	         NOTE_TEXT_MAX_CHARS);
	return admin_fail_msg("preview", msg);
}

static int open_fonts(fontchain **fc)
{
	char msg[512];
	fontchain_status st = fontchain_open_default(fc, msg, sizeof msg);

	if (st == FONTCHAIN_OK)
		return -1;
	return admin_fail_msg("preview", st == FONTCHAIN_NO_MEMORY ? "out of memory" : msg);
}

/* Lays out and shows; the layout's copy of the text is wiped. */
static int show(fontchain *fc, const char *text, size_t len, const layout_params *p,
                const char *png)
{
	layout *l = NULL;
	int rc = ADMIN_EXIT_OK;
	layout_status st = layout_text(fc, text, len, p, &l);

	if (st != LAYOUT_OK)
		return admin_fail_msg("preview", st == LAYOUT_NO_MEMORY ? "out of memory"
		                                                        : "bad layout parameters");
	if (png)
		rc = write_png(fc, l, p, png);
	if (rc == ADMIN_EXIT_OK && !print_lines(l))
		rc = admin_fail_msg("preview", "cannot write to standard output");
	vault_wipe(l->text, l->text_len);
	layout_free(l);
	return rc;
}

int cmd_preview(admin_ctx *ctx, int argc, char **argv)
{
	layout_params p;
	const char *png = NULL;
	fontchain *fc = NULL;
	char *text = NULL;
	size_t len = 0;
	status st;
	int rc = preview_options(ctx, argc, argv, &p, &png);

	if (rc >= 0)
		return rc;
	if ((rc = open_fonts(&fc)) >= 0)
		return rc;
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "Type the note, then press Ctrl-D on a new line.\n");
	st = admin_read_stdin(PREVIEW_READ_CAP, &text, &len);
	if (st == STATUS_TEXT_TOO_LONG)
		rc = too_long();
	else if (st)
		rc = admin_fail("preview", st);
	else
		rc = show(fc, text, admin_strip_newline(text, len), &p, png);
	vault_free(text);
	fontchain_close(fc);
	return rc;
}

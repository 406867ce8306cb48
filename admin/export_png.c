/* export_png.c — `export --format png --out DIR`: every approved note as a
 * card image, the way the kiosk shows it: text laid out by the text
 * engine, ink redrawn with the uniform pen, on paper.
 *
 * DIR must not exist: it is made (mode 0700) and filled with <id>.png, one
 * file per note (mode 0600, as every export: a copy of the folder keeps
 * its files' modes), named only by the note's random id — no day or order
 * in the names. If anything fails, what was written is removed again, so the
 * folder is complete or absent. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "draw.h"
#include "export_png.h"
#include "fontchain.h"
#include "ink.h"
#include "ink_draw.h"
#include "layout.h"
#include "vault.h"

#define CARD_TEXT_PX 36.0f
#define CARD_WIDTH_PX 900.0f
#define CARD_INK_PX 900.0f
#define CARD_PAD 32

typedef struct png_state {
	const char *dir;
	fontchain *fc;
	char err[256];
	uint64_t written, damaged;
	bool failed;
} png_state;

/* Creates the card's file, empty and private: the PNG writer then fills
 * it and keeps the mode. */
static bool make_private(png_state *ps, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0) {
		snprintf(ps->err, sizeof ps->err, "cannot create a card file: %s", strerror(errno));
		return false;
	}
	close(fd);
	return true;
}

typedef enum card_result {
	CARD_WRITTEN,
	CARD_DAMAGED, /* not drawable: counted, no file */
	CARD_FAILED,  /* ps->err says why */
} card_result;

static card_result text_card(png_state *ps, const store_note *n, const char *path)
{
	layout_params p = { .size_px = CARD_TEXT_PX, .max_extent = CARD_WIDTH_PX };
	layout *l = NULL;
	bool ok;

	if (layout_text(ps->fc, (const char *)n->body, n->body_len, &p, &l) != LAYOUT_OK) {
		snprintf(ps->err, sizeof ps->err, "out of memory laying out a note");
		return CARD_FAILED;
	}
	ok = make_private(ps, path) &&
	     draw_card_png(ps->fc, l, p.size_px, path, CARD_PAD, ps->err, sizeof ps->err);
	vault_wipe(l->text, l->text_len);
	vault_wipe(l->glyphs, l->nglyphs * sizeof *l->glyphs);
	layout_free(l);
	return ok ? CARD_WRITTEN : CARD_FAILED;
}

/* An ink body that does not decode is damaged (the store checks only
 * that it opens): counted, and no file. */
static card_result ink_card(png_state *ps, const store_note *n, const char *path)
{
	ink k;
	bool ok;

	if (ink_decode(n->body, n->body_len, &k) != STATUS_OK)
		return CARD_DAMAGED;
	ok = make_private(ps, path) &&
	     ink_card_png(&k, CARD_INK_PX, CARD_PAD, path, ps->err, sizeof ps->err);
	ink_free(&k);
	return ok ? CARD_WRITTEN : CARD_FAILED;
}

static bool one_card(const store_note *n, void *arg)
{
	png_state *ps = arg;
	char hex[NOTE_ID_HEX_LEN + 1], path[4096];
	card_result r;

	if (n->damage != STATUS_OK) {
		ps->damaged++;
		return true;
	}
	note_id_to_hex(&n->id, hex);
	if (snprintf(path, sizeof path, "%s/%s.png", ps->dir, hex) >= (int)sizeof path) {
		snprintf(ps->err, sizeof ps->err, "the folder's path is too long");
		ps->failed = true;
		return false;
	}
	r = n->kind == NOTE_KIND_INK ? ink_card(ps, n, path) : text_card(ps, n, path);
	if (r == CARD_FAILED) {
		ps->failed = true;
		return false;
	}
	if (r == CARD_DAMAGED)
		ps->damaged++;
	else
		ps->written++;
	return true;
}

/* Removes the cards written so far and the folder (which holds nothing
 * else: it was made by this export). */
static void undo_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	while (d && (e = readdir(d))) {
		if (strstr(e->d_name, ".png") && snprintf(path, sizeof path, "%s/%s", dir, e->d_name) <
		                                     (int)sizeof path)
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

int export_png(store *s, const char *dir, uint64_t *written, uint64_t *damaged)
{
	png_state ps = { .dir = dir };
	char msg[512];
	status st;

	if (mkdir(dir, 0700) != 0) {
		snprintf(msg, sizeof msg, "cannot make the folder %s: %s (it must not exist yet)", dir,
		         strerror(errno));
		return admin_fail_msg("export", msg);
	}
	if (fontchain_open_default(&ps.fc, msg, sizeof msg) != FONTCHAIN_OK) {
		rmdir(dir);
		return admin_fail_msg("export", msg);
	}
	st = store_export_each(s, one_card, &ps);
	fontchain_close(ps.fc);
	*written = ps.written;
	*damaged = ps.damaged;
	if (st || ps.failed) {
		undo_folder(dir);
		return st ? admin_fail("export", st) : admin_fail_msg("export", ps.err);
	}
	return ADMIN_EXIT_OK;
}

/* card.c — a note drawn as a page of the notebook: warm paper, faint
 * rules, the mood as a small tag, the text laid out to fit.
 *
 * Short notes on tall cards are set vertically, columns right to left,
 * the way a paper notebook is often written in; everything else runs
 * horizontally. A note too long for the card ends with an ellipsis (Browse
 * shows it larger). */
#include "app.h"

#include <math.h>
#include <string.h>

#include "i18n.h"
#include "ink.h"
#include "ink_draw.h"

#define VERTICAL_MAX_CHARS 90   /* longer notes read better across */

static size_t code_points(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void draw_rules(app *a, SDL_FRect in, float size_px, bool vertical, uint8_t alpha)
{
	float step = size_px * 1.6f;
	SDL_Color rule = { 0xD9, 0xCF, 0xBF, (uint8_t)(alpha * 0.8f) };

	SDL_SetRenderDrawBlendMode(a->r, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(a->r, rule.r, rule.g, rule.b, rule.a);
	if (vertical) {
		for (float x = in.x + in.w - step; x > in.x; x -= step)
			SDL_RenderDrawLineF(a->r, x, in.y, x, in.y + in.h);
		return;
	}
	for (float y = in.y + step + size_px * 0.05f; y < in.y + in.h; y += step)
		SDL_RenderDrawLineF(a->r, in.x, y, in.x + in.w, y);
}

static float draw_tag(app *a, const app_note *n, SDL_FRect card)
{
	float pad = ui_mm(&a->ui, 4.0f), small = app_small_px(a);
	const char *name = app_mood_name(n->mood);
	const layout *l = ui_layout(&a->ui, name, strlen(name), small, card.w, LAYOUT_ALIGN_START,
	                            false, 1);
	SDL_FRect pill;

	if (!l || !note_mood_valid((int)n->mood))
		return pad;
	pill = (SDL_FRect){ card.x + pad, card.y + pad * 0.8f, l->width + small * 1.2f, small * 1.8f };
	ui_fill(&a->ui, pill, pill.h / 2, (SDL_Color){ 0xF0, 0xE2, 0xC8, 0xFF });
	ui_draw(&a->ui, l, small, pill.x + small * 0.6f, pill.y + (pill.h - l->height) / 2,
	        UI_INK_SOFT);
	return pill.y + pill.h - card.y + pad * 0.4f;
}

static void draw_text(app *a, const app_note *n, SDL_FRect in, float size)
{
	float step = size * 1.6f;
	bool vertical = in.h > in.w && code_points(n->text, n->len) <= VERTICAL_MAX_CHARS;
	int max_lines = (int)floorf((vertical ? in.w : in.h) / step);
	const layout *l;
	float x = in.x;

	if (max_lines < 1)
		return;
	draw_rules(a, in, size, vertical, 255);
	l = ui_layout(&a->ui, n->text, n->len, size, vertical ? in.h : in.w, LAYOUT_ALIGN_START,
	              vertical, max_lines);
	if (!l)
		return;
	if (vertical)
		x = in.x + in.w - l->width;    /* columns start at the right edge */
	ui_draw(&a->ui, l, size, x, in.y, UI_INK);
}

/* Ink is decoded for each frame it is drawn in (a fraction of a ms) and
 * wiped right after, so no plain copy of the strokes outlives the frame. */
static void draw_ink(app *a, const app_note *n, SDL_FRect in)
{
	ink k;
	ink_tess_xform xf;

	if (ink_decode((const uint8_t *)n->text, n->len, &k) != STATUS_OK)
		return;
	xf = ink_tess_fit(k.width, k.height, in.x, in.y, in.w, in.h);
	ink_draw_note(a->inkd, &k, in, ink_draw_palette, ink_tess_pen_px(&xf));
	ink_free(&k);
}

void app_draw_card(app *a, const app_note *n, SDL_FRect rc, float text_px, uint8_t alpha)
{
	float radius = ui_mm(&a->ui, 2.5f), pad = ui_mm(&a->ui, 7.0f), top;
	SDL_FRect shadow = { rc.x + 3, rc.y + 5, rc.w, rc.h };
	SDL_FRect in;

	ui_fill(&a->ui, shadow, radius, (SDL_Color){ 0, 0, 0, 70 });
	ui_fill(&a->ui, rc, radius, UI_PAPER);
	top = draw_tag(a, n, rc);
	in = (SDL_FRect){ rc.x + pad, rc.y + top, rc.w - 2 * pad, rc.h - top - pad * 0.8f };
	if (n->damaged) {
		ui_label(&a->ui, _("This note is damaged and cannot be read."), app_text_px(a), in,
		         LAYOUT_ALIGN_CENTER, true, UI_INK_SOFT);
	} else if (n->text && n->kind == NOTE_KIND_INK) {
		draw_ink(a, n, in);
	} else if (n->text) {
		draw_text(a, n, in, text_px);
	}
	if (alpha < 255) {
		/* Fading by covering with the background works on every renderer
		 * and keeps glyphs in their pre-tinted atlas colour. */
		SDL_FRect all = { rc.x - 1, rc.y - 1, rc.w + 6, rc.h + 8 };
		SDL_Color bg = UI_BG;
		bg.a = (uint8_t)(255 - alpha);
		ui_fill(&a->ui, all, 0, bg);
	}
}

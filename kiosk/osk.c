/* osk.c — the passphrase keyboard. */
#include "osk.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const letters[] = { "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm" };
static const char *const symbols[] = { "1234567890", "!@#$%^&*()", "-_=+[]{};:", "'\",.<>?/\\|~`" };

bool osk_append(const osk_target *t, const char *text, size_t n)
{
	if (*t->len + n + 1 > t->cap)
		return false;
	memcpy(t->buf + *t->len, text, n);
	*t->len += n;
	t->buf[*t->len] = '\0';
	return true;
}

void osk_backspace(const osk_target *t)
{
	while (*t->len > 0) {
		unsigned char c = (unsigned char)t->buf[--*t->len];
		t->buf[*t->len] = '\0';
		if ((c & 0xC0) != 0x80)
			break;
	}
}

/* A key's id: letters and digits as themselves, '/' spelt out (script
 * words cannot hold it). */
static void key_id(char c, char *id, size_t cap)
{
	if (c == '/')
		snprintf(id, cap, "key_slash");
	else
		snprintf(id, cap, "key_%c", c);
}

static osk_result row(app *a, const char *keys, SDL_FRect rc, float kw, float gap,
                      const osk_target *t)
{
	size_t n = strlen(keys);
	float x = rc.x + (rc.w - (float)n * (kw + gap) + gap) / 2;
	float size = fminf(rc.h, kw) * 0.45f;

	for (size_t i = 0; i < n; i++, x += kw + gap) {
		char label[2] = { keys[i], 0 }, id[16];
		if (*t->shift && label[0] >= 'a' && label[0] <= 'z')
			label[0] = (char)(label[0] - 'a' + 'A');
		key_id(keys[i], id, sizeof id);
		if (ui_button(&a->ui, id, (SDL_FRect){ x, rc.y, kw, rc.h }, label, size, UI_QUIET)) {
			osk_append(t, label, 1);
			*t->shift = false;
			return OSK_CHANGED;
		}
	}
	return OSK_NONE;
}

static osk_result bottom_row(app *a, SDL_FRect rc, float kw, float gap, const osk_target *t)
{
	float size = fminf(rc.h, kw) * 0.4f, wide = kw * 2 + gap;
	SDL_FRect shift = { rc.x, rc.y, wide, rc.h };
	SDL_FRect sym = { rc.x + wide + gap, rc.y, wide, rc.h };
	SDL_FRect space = { sym.x + wide + gap, rc.y, rc.w - 4 * wide - 4 * gap, rc.h };
	SDL_FRect bksp = { space.x + space.w + gap, rc.y, wide, rc.h };
	SDL_FRect enter = { bksp.x + wide + gap, rc.y, wide, rc.h };

	if (ui_button(&a->ui, "key_shift", shift, "⇧", size, *t->shift ? UI_SELECTED : UI_QUIET))
		*t->shift = !*t->shift;
	else if (ui_button(&a->ui, "key_sym", sym, *t->symbols ? "abc" : "#+=", size,
	                   *t->symbols ? UI_SELECTED : UI_QUIET))
		*t->symbols = !*t->symbols;
	else if (ui_button(&a->ui, "key_space", space, "␣", size, UI_QUIET))
		osk_append(t, " ", 1);
	else if (ui_button(&a->ui, "key_bksp", bksp, "⌫", size, UI_QUIET))
		osk_backspace(t);
	else if (ui_button(&a->ui, "key_enter", enter, "⏎", size, UI_PRIMARY))
		return OSK_ENTER;
	else
		return OSK_NONE;
	return OSK_CHANGED;
}

osk_result osk_frame(app *a, SDL_FRect area, const osk_target *t)
{
	const char *const *rows = *t->symbols ? symbols : letters;
	float gap = fmaxf(2.0f, ui_mm(&a->ui, 1.2f));
	float kh = (area.h - 4 * gap) / 5, kw = fminf((area.w - 11 * gap) / 12, kh * 1.4f);
	osk_result r = OSK_NONE;

	/* Keys no taller than wide, the keyboard at the bottom of its area,
	 * where thumbs are on a tall screen. */
	kh = fminf(kh, kw * 1.1f);
	area.y += area.h - (5 * kh + 4 * gap);

	for (int i = 0; i < 4 && r == OSK_NONE; i++) {
		SDL_FRect rc = { area.x, area.y + (float)i * (kh + gap), area.w, kh };
		r = row(a, rows[i], rc, kw, gap, t);
	}
	if (r == OSK_NONE) {
		float w = 12 * kw + 11 * gap;
		r = bottom_row(a, (SDL_FRect){ area.x + (area.w - w) / 2, area.y + 4 * (kh + gap), w, kh },
		               kw, gap, t);
	}
	return r;
}

/* ime.c — the pinyin keyboard and the candidate bar (ime_hand.c holds the
 * handwriting pad). */
#include "ime.h"
#include "ime_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "klog.h"
#include "utf8.h"

static const char *const latin_rows[3][10] = {
	{ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" },
	{ "a", "s", "d", "f", "g", "h", "j", "k", "l", NULL },
	{ "z", "x", "c", "v", "b", "n", "m", NULL },
};
static const char *const symbol_rows[3][10] = {
	{ "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" },
	{ "，", "。", "？", "！", "、", "：", "；", "…", "～", NULL },
	{ "“", "”", "（", "）", "《", "》", "……", "——", NULL },
};

/* Rime offers rare characters (Extension B) the fonts lack: a candidate
 * is kept only if every code point has a face. */
static bool drawable(const char *s, void *ctx)
{
	fontchain *fc = ctx;
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_next(s, len, i, &cp);
		if (fontchain_face_for(fc, cp) < 0)
			return false;
	}
	return true;
}

void ime_start(app *a, const char *rime_dir)
{
	ime_panel *m = calloc(1, sizeof *m);

	a->ime = m;
	if (!m)
		return;
	if (!pinyin_start(rime_dir, NULL)) {
		const char *why = "";
		pinyin_state(&why);
		klog_error("ime", "pinyin: %s", why);
	}
	ime_hand_start(a);
}

void ime_stop(app *a)
{
	ime_panel *m = a->ime;

	if (!m)
		return;
	pinyin_destroy(m->py);
	ime_hand_stop(a);
	pinyin_shutdown();
	free(m);
	a->ime = NULL;
}

/* The session, once the background deploy is done. */
static pinyin *session(app *a)
{
	ime_panel *m = a->ime;

	if (!m->py && pinyin_state(NULL) == PINYIN_READY) {
		m->py = pinyin_new(0);
		if (m->py)
			pinyin_set_filter(m->py, drawable, a->fc);
	}
	return m->py;
}

void ime_reset(app *a)
{
	ime_panel *m = a->ime;

	if (!m)
		return;
	if (m->py && !pinyin_reset(m->py)) {
		pinyin_destroy(m->py);
		m->py = NULL;
	}
	ime_hand_clear(a);
}

bool ime_composing(const app *a)
{
	return a->ime && a->ime->py && pinyin_composing(a->ime->py);
}

/* Puts what the engine committed into the draft and mirrors its
 * composition as the draft's preedit. */
static void sync(app *a)
{
	pinyin *py = a->ime->py;
	const char *commit = pinyin_commit(py);
	size_t caret = 0;
	const char *pre = pinyin_preedit(py, &caret);

	if (*commit)
		ime_insert(a, commit);
	editbuf_set_preedit(a->compose.draft, pre, strlen(pre), caret);
}

void ime_insert(app *a, const char *text)
{
	compose_insert(a, text, strlen(text));
}

static void py_key(app *a, unsigned keysym)
{
	pinyin *py = session(a);

	if (py && pinyin_key(py, keysym, 0))
		sync(a);
}

/* A Latin letter: pinyin while the engine is there and the page is
 * Chinese, else the letter itself. */
static void letter(app *a, const char *label)
{
	ime_panel *m = a->ime;
	char c = label[0];

	if (m->page == IME_PINYIN && session(a)) {
		py_key(a, (unsigned)c);
		return;
	}
	if (m->page == IME_PINYIN && pinyin_state(NULL) == PINYIN_DEPLOYING)
		return;    /* a moment more: the bar says the engine is being prepared */
	ime_insert(a, label);
}

/* A symbol key: commits the composition first, so the pinyin is not lost. */
static void symbol(app *a, const char *label)
{
	if (ime_composing(a)) {
		pinyin_select(a->ime->py, 0);
		sync(a);
	}
	ime_insert(a, label);
}

static void special(app *a, ime_special k)
{
	ime_panel *m = a->ime;
	bool composing = ime_composing(a);

	switch (k) {
	case IME_KEY_BACKSPACE:
		if (composing)
			py_key(a, PINYIN_KEY_BACKSPACE);
		else
			editbuf_backspace(a->compose.draft);
		break;
	case IME_KEY_SPACE:
		if (composing)
			py_key(a, ' ');
		else
			ime_insert(a, " ");
		break;
	case IME_KEY_ENTER:
		if (composing)
			py_key(a, PINYIN_KEY_RETURN);    /* the letters as typed */
		else
			ime_insert(a, "\n");
		break;
	case IME_KEY_LANG:
		if (composing)
			py_key(a, PINYIN_KEY_RETURN);
		m->page = m->page == IME_LATIN ? IME_PINYIN : IME_LATIN;
		break;
	case IME_KEY_SYMBOLS:
		m->page = m->page == IME_SYMBOLS ? IME_PINYIN : IME_SYMBOLS;
		break;
	case IME_KEY_HAND:
		if (composing)
			py_key(a, PINYIN_KEY_RETURN);
		m->page = m->page == IME_HAND ? IME_PINYIN : IME_HAND;
		break;
	}
}

static bool key_button(app *a, const char *label, const char *shown, SDL_FRect rc, ui_style st)
{
	char id[UI_ID_MAX];

	snprintf(id, sizeof id, "ime_%s", label);
	return ui_button(&a->ui, id, rc, shown, fminf(a->ime->key_px, fminf(rc.h, rc.w) * 0.42f), st);
}

static void key_rows(app *a, SDL_FRect area, float kw, float kh, float gap)
{
	ime_panel *m = a->ime;
	const char *const(*rows)[10] = m->page == IME_SYMBOLS ? symbol_rows : latin_rows;

	for (int r = 0; r < 3; r++) {
		int n = 0;
		while (n < 10 && rows[r][n])
			n++;
		float x = area.x + (area.w - (float)n * (kw + gap) + gap) / 2;
		for (int i = 0; i < n; i++, x += kw + gap) {
			const char *label = rows[r][i];
			if (!key_button(a, label, label, (SDL_FRect){ x, area.y + (float)r * (kh + gap), kw, kh },
			                UI_QUIET))
				continue;
			if (m->page == IME_SYMBOLS)
				symbol(a, label);
			else
				letter(a, label);
			return;
		}
	}
}

static void bottom_row(app *a, SDL_FRect rc, float kw, float gap)
{
	ime_panel *m = a->ime;
	float w15 = kw * 1.5f + gap / 2;
	SDL_FRect sym = { rc.x, rc.y, w15, rc.h }, lang = { sym.x + w15 + gap, rc.y, w15, rc.h };
	SDL_FRect hand = { lang.x + w15 + gap, rc.y, w15, rc.h };
	SDL_FRect enter = { rc.x + rc.w - w15, rc.y, w15, rc.h };
	SDL_FRect bksp = { enter.x - gap - w15, rc.y, w15, rc.h };
	SDL_FRect space = { hand.x + w15 + gap, rc.y, bksp.x - gap - (hand.x + w15 + gap), rc.h };
	bool zh = m->page != IME_LATIN;

	if (key_button(a, "sym", m->page == IME_SYMBOLS ? "拼" : "123", sym,
	               m->page == IME_SYMBOLS ? UI_SELECTED : UI_QUIET))
		special(a, IME_KEY_SYMBOLS);
	else if (key_button(a, "lang", zh ? "中" : "英", lang, UI_QUIET))
		special(a, IME_KEY_LANG);
	else if (key_button(a, "hand", _("Hand"), hand, m->page == IME_HAND ? UI_SELECTED : UI_QUIET))
		special(a, IME_KEY_HAND);
	else if (key_button(a, "space", _("Space"), space, UI_QUIET))
		special(a, IME_KEY_SPACE);
	else if (key_button(a, "bksp", "⌫", bksp, UI_QUIET))
		special(a, IME_KEY_BACKSPACE);
	else if (key_button(a, "enter", "⏎", enter, UI_QUIET))
		special(a, IME_KEY_ENTER);
}

/* The candidates of whichever engine has some, with paging. */
static void candidate_bar(app *a, SDL_FRect bar)
{
	pinyin *py = a->ime->py;
	float x = bar.x, size = fminf(bar.h * 0.55f, app_text_px(a)), pw = bar.h * 1.2f;
	size_t n = py ? pinyin_count(py) : 0;

	ui_fill(&a->ui, bar, ui_mm(&a->ui, 1.5f), UI_BG_SOFT);
	if (ime_hand_candidates(a, bar))
		return;
	if (!n) {
		ime_status_line(a, bar);
		return;
	}
	if (pinyin_page_no(py) > 0 &&
	    ui_button(&a->ui, "ime_prev", (SDL_FRect){ x, bar.y, pw, bar.h }, "‹", size, UI_QUIET)) {
		pinyin_page(py, -1);
		return;
	}
	x += pw;
	for (size_t i = 0; i < n; i++) {
		const char *c = pinyin_candidate(py, i);
		const layout *l = ui_layout(&a->ui, c, strlen(c), size, bar.w, LAYOUT_ALIGN_START, false, 1);
		float w = (l ? l->width : size) + size * 1.4f;
		char id[UI_ID_MAX];
		if (x + w > bar.x + bar.w - pw)
			break;
		snprintf(id, sizeof id, "ime_cand_%u", (unsigned)(i + 1) % 100u);
		if (ui_button(&a->ui, id, (SDL_FRect){ x, bar.y, w, bar.h }, c, size,
		              i == 0 ? UI_SELECTED : UI_QUIET)) {
			pinyin_select(py, i);
			sync(a);
			return;
		}
		x += w + 2;
	}
	if (!pinyin_is_last_page(py) &&
	    ui_button(&a->ui, "ime_next", (SDL_FRect){ bar.x + bar.w - pw, bar.y, pw, bar.h }, "›", size,
	              UI_QUIET))
		pinyin_page(py, 1);
}

/* While the engine starts or when its data is missing, say so. */
void ime_status_line(app *a, SDL_FRect bar)
{
	const char *pkg = pinyin_missing_package();
	char line[256];

	if (a->ime->page == IME_PINYIN && pinyin_state(NULL) == PINYIN_DEPLOYING)
		snprintf(line, sizeof line, "%s", _("Preparing pinyin input…"));
	else if (a->ime->page == IME_PINYIN && pkg)
		snprintf(line, sizeof line, _("Pinyin input needs the Debian package %s."), pkg);
	else
		return;
	ui_label(&a->ui, line, app_small_px(a), bar, LAYOUT_ALIGN_CENTER, true, UI_DIM);
}

static float key_gap(const app *a)
{
	return fmaxf(2.0f, ui_mm(&a->ui, 1.2f));
}

float ime_height(const app *a, float width)
{
	float gap = key_gap(a), kw = (width - 9 * gap) / 10;
	float kh = fminf(kw * 1.1f, ui_mm(&a->ui, 16.0f));

	return ui_mm(&a->ui, 13.0f) + gap + 4 * kh + 3 * gap;
}

void ime_frame(app *a, SDL_FRect panel)
{
	ime_panel *m = a->ime;
	float gap = key_gap(a), ch = fminf(panel.h * 0.18f, ui_mm(&a->ui, 13.0f));
	SDL_FRect bar = { panel.x, panel.y, panel.w, ch };
	SDL_FRect keys = { panel.x, panel.y + ch + gap, panel.w, panel.h - ch - gap };
	float kh = (keys.h - 3 * gap) / 4, kw = fminf((keys.w - 9 * gap) / 10, kh * 1.6f);

	if (!m)
		return;
	kh = fminf(kh, kw * 1.1f);
	keys.y += keys.h - (4 * kh + 3 * gap);     /* keys at the bottom, under the thumbs */
	m->key_px = fminf(kh, kw) * 0.42f;
	session(a);
	candidate_bar(a, bar);
	if (m->page == IME_HAND) {
		ime_hand_frame(a, (SDL_FRect){ keys.x, keys.y, keys.w, keys.h - kh - gap });
	} else {
		key_rows(a, keys, kw, kh, gap);
	}
	bottom_row(a, (SDL_FRect){ keys.x + (keys.w - (10 * kw + 9 * gap)) / 2, keys.y + 3 * (kh + gap),
	                           10 * kw + 9 * gap, kh },
	           kw, gap);
}

bool ime_pointer(app *a, app_pointer phase, float x, float y)
{
	return a->ime && a->ime->page == IME_HAND && ime_hand_pointer(a, phase, x, y);
}

bool ime_busy(const app *a)
{
	return a->ime && !a->ime->py && pinyin_state(NULL) == PINYIN_DEPLOYING;
}

uint64_t ime_wake(app *a)
{
	if (!a->ime)
		return UINT64_MAX;
	if (!a->ime->py && pinyin_state(NULL) == PINYIN_DEPLOYING)
		return 100;
	return ime_hand_wake(a);
}

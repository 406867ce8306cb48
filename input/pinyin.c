/* pinyin.c — typing sessions: keys in, preedit, a filtered page of
 * candidates and committed text out (see pinyin.h).
 *
 * Rime's own menu pages are not used: a page here is built by walking
 * Rime's candidate list from the page's first index, keeping what the
 * filter accepts, until page_size are kept and one more proves that a next
 * page exists. Selecting goes by Rime's absolute index (select_candidate),
 * so what a passenger taps is exactly what is committed, filter or not.
 * Rime's menu therefore always stays on its first page and never sees a
 * paging key. */
#include "pinyin.h"
#include "pinyin_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vault.h"

/* Byte sizes of the texts a session copies out of Rime. With at most
 * PINYIN_INPUT_MAX keys of input none can come near them (the longest
 * output per key is a symbol list entry of a few characters). */
#define PREEDIT_CAP 1024
#define COMMIT_CAP 2048
#define TEXT_CAP 512
/* Candidates examined per page at most, so a filter that refuses a long
 * run cannot make one key slow; the page then counts as the last. */
#define SCAN_MAX 256

struct pinyin {
	RimeApi *api;
	RimeSessionId sid;
	size_t page_size;
	pinyin_filter filter;
	void *filter_ctx;
	char *mem;                      /* one vault block holding the texts below */
	char *preedit;                  /* PREEDIT_CAP */
	char *commit;                   /* COMMIT_CAP */
	char *cand[PINYIN_PAGE_MAX];    /* TEXT_CAP each */
	size_t preedit_caret;
	size_t commit_len;
	size_t count;                   /* candidates on the page */
	size_t raw[PINYIN_PAGE_MAX];    /* their indices in Rime's list */
	size_t page_no;
	size_t next_raw;                /* first index of the next page */
	bool last;
	size_t starts[PINYIN_PAGES_MAX]; /* first index of every page seen */
};

#define MEM_BYTES (PREEDIT_CAP + COMMIT_CAP + PINYIN_PAGE_MAX * TEXT_CAP)

/* Replaces a NUL-terminated text, wiping the old bytes. False (dst left
 * "") if src does not fit. */
static bool set_text(char *dst, size_t cap, const char *src)
{
	size_t old = strlen(dst), len = src ? strlen(src) : 0;

	vault_wipe(dst, old);
	if (len >= cap)
		return false;
	memcpy(dst, src ? src : "", len + 1);
	return true;
}

static void clear_page(pinyin *p)
{
	for (size_t i = 0; i < p->count; i++)
		set_text(p->cand[i], TEXT_CAP, "");
	p->count = 0;
	p->page_no = 0;
	p->last = true;
}

static void clear_commit(pinyin *p)
{
	vault_wipe(p->commit, p->commit_len);
	p->commit_len = 0;
}

/* Appends whatever Rime committed since the last look. */
static void collect_commit(pinyin *p)
{
	RIME_STRUCT(RimeCommit, c);

	if (!p->api->get_commit(p->sid, &c))
		return;
	size_t len = c.text ? strlen(c.text) : 0;
	/* Unreachable with PINYIN_INPUT_MAX; a commit that does not fit
	 * whole is dropped rather than cut inside a character. */
	if (p->commit_len + len < COMMIT_CAP) {
		memcpy(p->commit + p->commit_len, c.text, len);
		p->commit_len += len;
		p->commit[p->commit_len] = '\0';
	}
	p->api->free_commit(&c);
}

static bool acceptable(const pinyin *p, const char *text)
{
	if (!text || !text[0] || strlen(text) >= TEXT_CAP)
		return false;
	return !p->filter || p->filter(text, p->filter_ctx);
}

/* Fills the page from Rime's index `start` on (see the file comment). */
static void build_page(pinyin *p, size_t start)
{
	RimeCandidateListIterator it = {0};
	size_t scanned = 0;

	for (size_t i = 0; i < p->count; i++)
		set_text(p->cand[i], TEXT_CAP, "");
	p->count = 0;
	p->last = true;
	if (start > INT32_MAX || !p->api->candidate_list_from_index(p->sid, &it, (int)start))
		return;
	while (scanned++ < SCAN_MAX && p->api->candidate_list_next(&it)) {
		if (!acceptable(p, it.candidate.text))
			continue;
		if (p->count == p->page_size) {
			p->last = p->page_no + 1 >= PINYIN_PAGES_MAX;
			p->next_raw = (size_t)it.index;
			break;
		}
		set_text(p->cand[p->count], TEXT_CAP, it.candidate.text);
		p->raw[p->count++] = (size_t)it.index;
	}
	p->api->candidate_list_end(&it);
}

/* Reads the composition after Rime changed it; back to the first page. */
static void refresh(pinyin *p)
{
	RIME_STRUCT(RimeContext, ctx);
	bool got = p->api->get_context(p->sid, &ctx);
	const char *pre = got ? ctx.composition.preedit : NULL;

	if (!set_text(p->preedit, PREEDIT_CAP, pre))
		pre = NULL; /* unreachable (see PREEDIT_CAP); shows nothing */
	p->preedit_caret = pre && ctx.composition.cursor_pos > 0 ? (size_t)ctx.composition.cursor_pos : 0;
	if (p->preedit_caret > strlen(p->preedit))
		p->preedit_caret = strlen(p->preedit);
	if (got)
		p->api->free_context(&ctx);
	clear_page(p);
	if (p->preedit[0]) {
		p->starts[0] = 0;
		build_page(p, 0);
	}
}

/* A new Rime session, warmed up: Rime prepares parts of its translator on
 * the first key of a session (~2 ms), so one key is typed and cleared here,
 * at pinyin_new and pinyin_reset, rather than under the passenger's finger.
 * Nothing is committed, so nothing enters the session's history. */
static RimeSessionId open_session(RimeApi *api)
{
	RimeSessionId sid = api->create_session();

	if (sid) {
		api->process_key(sid, 'a', 0);
		api->clear_composition(sid);
	}
	return sid;
}

static void select_raw(pinyin *p, size_t raw)
{
	p->api->select_candidate(p->sid, raw);
	collect_commit(p);
	refresh(p);
}

pinyin *pinyin_new(size_t page_size)
{
	if (page_size == 0)
		page_size = PINYIN_PAGE_DEFAULT;
	if (page_size > PINYIN_PAGE_MAX || vault_init() != STATUS_OK)
		return NULL;
	pinyin *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->page_size = page_size;
	p->last = true;
	p->mem = vault_alloc(MEM_BYTES);
	if (!p->mem)
		goto err_mem;
	memset(p->mem, 0, MEM_BYTES);
	p->preedit = p->mem;
	p->commit = p->mem + PREEDIT_CAP;
	for (size_t i = 0; i < PINYIN_PAGE_MAX; i++)
		p->cand[i] = p->commit + COMMIT_CAP + i * TEXT_CAP;
	p->api = pinyin_engine_acquire();
	if (!p->api)
		goto err_engine;
	p->sid = open_session(p->api);
	if (!p->sid)
		goto err_session;
	return p;
err_session:
	pinyin_engine_release();
err_engine:
	vault_free(p->mem);
err_mem:
	free(p);
	return NULL;
}

void pinyin_destroy(pinyin *p)
{
	if (!p)
		return;
	if (p->sid)
		p->api->destroy_session(p->sid);
	pinyin_engine_release();
	vault_free(p->mem); /* sodium_free wipes it */
	vault_wipe(p, sizeof *p);
	free(p);
}

void pinyin_set_filter(pinyin *p, pinyin_filter fn, void *ctx)
{
	if (!p)
		return;
	p->filter = fn;
	p->filter_ctx = fn ? ctx : NULL;
}

bool pinyin_reset(pinyin *p)
{
	if (!p)
		return false;
	if (p->sid) {
		p->api->clear_composition(p->sid);
		p->api->destroy_session(p->sid);
	}
	p->sid = open_session(p->api);
	clear_commit(p);
	clear_page(p);
	set_text(p->preedit, PREEDIT_CAP, "");
	p->preedit_caret = 0;
	return p->sid != 0;
}

bool pinyin_select(pinyin *p, size_t i)
{
	if (!p)
		return false;
	clear_commit(p);
	if (i >= p->count)
		return false;
	select_raw(p, p->raw[i]);
	return true;
}

bool pinyin_page(pinyin *p, int dir)
{
	if (!p)
		return false;
	clear_commit(p);
	if (dir > 0 && !p->last && p->count) {
		p->starts[++p->page_no] = p->next_raw;
		build_page(p, p->next_raw);
		return true;
	}
	if (dir < 0 && p->page_no > 0) {
		p->page_no--;
		build_page(p, p->starts[p->page_no]);
		return true;
	}
	return false;
}

static bool is_letter(unsigned k)
{
	return (k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z');
}

static bool is_digit(unsigned k)
{
	return k >= '0' && k <= '9';
}

/* Printable ASCII that is neither letter, digit, space nor the syllable
 * delimiter: what Rime's punctuator turns into Chinese punctuation. */
static bool is_punct(unsigned k)
{
	return k > 0x20 && k < 0x7f && !is_letter(k) && !is_digit(k) && k != '\'';
}

/* Keys Rime may see at all. Modifier keys, function keys and the rest
 * stay out: Shift alone would toggle Rime's ASCII mode, F4 its switcher. */
static bool rime_key(unsigned k)
{
	switch (k) {
	case PINYIN_KEY_BACKSPACE: case PINYIN_KEY_RETURN: case PINYIN_KEY_ESCAPE:
	case PINYIN_KEY_HOME: case PINYIN_KEY_LEFT: case PINYIN_KEY_RIGHT: case PINYIN_KEY_END:
	case PINYIN_KEY_DELETE:
		return true;
	default:
		return k >= 0x20 && k < 0x7f;
	}
}

/* Keys this module answers itself while composing. Returns true if k was
 * one of them (it is used then, whether or not anything changed). */
static bool composing_key(pinyin *p, unsigned k)
{
	if (k == PINYIN_KEY_PAGE_DOWN || k == '=') {
		pinyin_page(p, 1);
		return true;
	}
	if (k == PINYIN_KEY_PAGE_UP || k == '-') {
		pinyin_page(p, -1);
		return true;
	}
	if ((k == ' ' && p->count) || (k >= '1' && k <= '9')) {
		size_t i = k == ' ' ? 0 : k - '1';
		if (i < p->count)
			select_raw(p, p->raw[i]);
		return true;
	}
	if (k == '0')
		return true;
	if (is_letter(k) || k == '\'') {
		const char *in = p->api->get_input(p->sid);
		return in && strlen(in) >= PINYIN_INPUT_MAX;
	}
	/* Punctuation makes Rime commit its highlighted candidate, its list's
	 * first: if the filter hid that one, commit the first shown instead. */
	if (is_punct(k) && p->count && p->raw[0] != 0)
		select_raw(p, p->raw[0]);
	return false;
}

bool pinyin_key(pinyin *p, unsigned keysym, unsigned mask)
{
	if (!p)
		return false;
	clear_commit(p);
	if (mask & ~(PINYIN_MASK_SHIFT | PINYIN_MASK_LOCK))
		return false;
	if (p->preedit[0] && composing_key(p, keysym))
		return true;
	if (keysym == PINYIN_KEY_KP_ENTER)
		keysym = PINYIN_KEY_RETURN;
	if (!rime_key(keysym))
		return false;
	bool used = p->api->process_key(p->sid, (int)keysym, (int)mask);
	collect_commit(p);
	refresh(p);
	return used || p->commit_len > 0;
}

bool pinyin_composing(const pinyin *p)
{
	return p && p->preedit[0];
}

const char *pinyin_preedit(const pinyin *p, size_t *caret)
{
	if (caret)
		*caret = p ? p->preedit_caret : 0;
	return p ? p->preedit : "";
}

size_t pinyin_count(const pinyin *p)
{
	return p ? p->count : 0;
}

const char *pinyin_candidate(const pinyin *p, size_t i)
{
	return p && i < p->count ? p->cand[i] : NULL;
}

size_t pinyin_page_no(const pinyin *p)
{
	return p ? p->page_no : 0;
}

bool pinyin_is_last_page(const pinyin *p)
{
	return !p || p->last;
}

int pinyin_highlighted(const pinyin *p)
{
	return p && p->count ? 0 : -1;
}

const char *pinyin_commit(const pinyin *p)
{
	return p ? p->commit : "";
}

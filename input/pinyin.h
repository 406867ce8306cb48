/* pinyin.h — the pinyin input engine: librime with one simplified schema,
 * driven by X11 keysyms, with no SDL and no rime structs in sight.
 *
 * Two halves:
 *
 *  - The process-wide engine (pinyin_start / pinyin_state / pinyin_shutdown).
 *    librime can be set up only once per process, so there is one engine.
 *    pinyin_start checks that the Debian data is installed, writes Rime's
 *    configuration into a private directory the caller owns, and deploys
 *    in a background thread; the kiosk polls pinyin_state() meanwhile.
 *
 *  - Typing sessions (pinyin_new … pinyin_destroy): one composition each.
 *    After every key the preedit, one page of candidates and the text
 *    committed by that key are read through accessors.
 *
 * Privacy. The engine learns nothing: Rime's user dictionary is switched
 * off by a schema patch (checked after deploying: the engine refuses to
 * become READY without it), so the order of candidates never depends on
 * what an earlier passenger typed. Rime writes only inside the private
 * directory: its build cache, our two patch files, and installation.yaml
 * and user.yaml (a random install id, the times of the first start and of
 * the last deploy: the kiosk's events, never a passenger's). Its log is
 * kept at FATAL so that no log file with timestamps is written. Texts the
 * engine copies out of Rime (preedit, candidates, commit) live in locked
 * memory that is wiped on every change, reset and destroy. Rime's own heap
 * copies cannot be wiped; pinyin_reset drops them with the Rime session.
 *
 * Candidate filter. The kiosk sets a callback that refuses what its fonts
 * cannot draw. Pages are built by this module, not by Rime: a page holds
 * the next page_size candidates the filter accepts, so filtered
 * candidates leave no holes and every page but the last is full. Paging
 * keys never reach Rime; the start of each page seen is remembered, so
 * paging back shows exactly the page shown before.
 *
 * Threads: the engine functions may be called from any thread; a session
 * belongs to one thread at a time. No function logs or prints anything. */
#ifndef TREEHOLE_PINYIN_H
#define TREEHOLE_PINYIN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pinyin pinyin;

/* Where Debian's rime-data packages put the schemas and prebuilt tables. */
#define PINYIN_DEBIAN_DATA_DIR "/usr/share/rime-data"
/* The one schema deployed: Luna Pinyin with simplified output. */
#define PINYIN_SCHEMA "luna_pinyin_simp"

/* Candidates per page: 1 .. PINYIN_PAGE_MAX (digits 1-9 pick them). */
#define PINYIN_PAGE_DEFAULT 5
#define PINYIN_PAGE_MAX 9
/* Raw pinyin kept in one composition, in keys. Further letters are
 * swallowed: the passenger commits first. Bounds Rime's sentence search
 * (its cost grows with the input) and every text this module holds. */
#define PINYIN_INPUT_MAX 64
/* Pages remembered for paging back; the last one reachable reports
 * is_last_page. At 5 a page that is 1280 candidates: all of any syllable
 * but the longest lists (xian: ~1000), deeper than any finger pages. */
#define PINYIN_PAGES_MAX 256

/* X11 keysyms pinyin_key understands besides printable ASCII (whose
 * keysym is its code), and the modifier masks it accepts. */
#define PINYIN_KEY_BACKSPACE 0xff08u
#define PINYIN_KEY_RETURN    0xff0du
#define PINYIN_KEY_ESCAPE    0xff1bu
#define PINYIN_KEY_HOME      0xff50u
#define PINYIN_KEY_LEFT      0xff51u
#define PINYIN_KEY_RIGHT     0xff53u
#define PINYIN_KEY_PAGE_UP   0xff55u
#define PINYIN_KEY_PAGE_DOWN 0xff56u
#define PINYIN_KEY_END       0xff57u
#define PINYIN_KEY_KP_ENTER  0xff8du
#define PINYIN_KEY_DELETE    0xffffu
#define PINYIN_MASK_SHIFT    0x1u
#define PINYIN_MASK_LOCK     0x2u

/* ---- the engine (one per process) ---- */

typedef enum pinyin_status {
	PINYIN_OFF = 0,   /* not started (or shut down) */
	PINYIN_DEPLOYING, /* pinyin_start succeeded; the background deploy runs */
	PINYIN_READY,     /* sessions can be made */
	PINYIN_FAILED,    /* see the message; pinyin_missing_package() may name
	                     the Debian package to install */
} pinyin_status;

/* Starts the engine: checks that the Rime data is installed under
 * `shared_dir` (NULL = PINYIN_DEBIAN_DATA_DIR), makes `user_dir` (mode
 * 0700; its parent must exist; an existing one is tightened to 0700) and
 * writes there default.custom.yaml (the one schema, no key bindings: this
 * module pages) and PINYIN_SCHEMA.custom.yaml (no user dictionary, no
 * stroke reverse lookup). Then it sets librime up — once per process — and
 * deploys in a background thread: state DEPLOYING, then READY or FAILED.
 * The strings are copied.
 *
 * Returns true if the deploy runs or already ran (DEPLOYING or READY) for
 * the same user_dir. Returns false, with the state FAILED and a message,
 * if the data is missing, user_dir cannot be made or written, or the
 * thread cannot start — Rime was not touched then, so a later call may
 * succeed. Returns false, state unchanged, for a NULL or relative
 * user_dir, and once Rime was set up for anything else: another user_dir,
 * a deploy that FAILED, or after pinyin_shutdown (librime cannot be set up
 * twice: restart the process). */
bool pinyin_start(const char *user_dir, const char *shared_dir);

/* The engine's state. OUT: *message (may be NULL): when FAILED, one
 * English sentence for logs and the operator — which Debian package is
 * missing, or why the deploy failed; "" otherwise. Static storage, valid
 * until the next pinyin_start. Never holds typed text. */
pinyin_status pinyin_state(const char **message);

/* The Debian package whose absence made the engine FAILED (e.g.
 * "rime-data-luna-pinyin"), or NULL when nothing is missing. The kiosk
 * builds its own translated message from it. */
const char *pinyin_missing_package(void);

/* Blocks until the state is no longer DEPLOYING or `timeout_s` seconds
 * passed, and returns the state. For tests, the bench and a kiosk that
 * prefers to wait at start. */
pinyin_status pinyin_wait(double timeout_s);

/* Seconds from pinyin_start to READY (setup, deploy and a check that the
 * schema loads with its patches), or -1 when not READY. */
double pinyin_deploy_seconds(void);

/* Which Debian package provides the first file of the Rime data missing
 * under `shared_dir` (NULL = PINYIN_DEBIAN_DATA_DIR); NULL if all is there.
 * Pure check: no state, no Rime. Static string. */
const char *pinyin_check_data(const char *shared_dir);

/* Waits for the deploy thread and finalizes librime. Refuses (false,
 * nothing done) while sessions are alive: destroy them first. After it
 * the engine is OFF for good in this process. True if nothing was
 * running. */
bool pinyin_shutdown(void);

/* ---- typing sessions ---- */

/* Keeps a candidate when it returns true. Called with each candidate's
 * NUL-terminated UTF-8 text (valid during the call only) and `ctx`. */
typedef bool (*pinyin_filter)(const char *utf8, void *ctx);

/* A new session showing `page_size` candidates per page (0 =
 * PINYIN_PAGE_DEFAULT, at most PINYIN_PAGE_MAX). NULL if the engine is not
 * READY, page_size is too large, or memory (locked) or the Rime session
 * cannot be had. Owned by the caller: pinyin_destroy. */
pinyin *pinyin_new(size_t page_size);

/* Ends the Rime session and wipes and frees what the session held.
 * Accepts NULL. */
void pinyin_destroy(pinyin *p);

/* Sets (fn NULL: removes) the candidate filter; applies from the next
 * page built. The kiosk calls pinyin_reset or types on afterwards. */
void pinyin_set_filter(pinyin *p, pinyin_filter fn, void *ctx);

/* Feeds one key press. `keysym` is an X11 keysym; `mask` may hold only
 * PINYIN_MASK_SHIFT and PINYIN_MASK_LOCK (Control, Alt, releases … are
 * left to the caller: Rime would toggle its modes on them).
 *
 * While composing: letters and ' extend the pinyin (up to
 * PINYIN_INPUT_MAX keys; more are swallowed), BackSpace / Delete / Left /
 * Right / Home / End edit it, space commits the first candidate shown,
 * 1-9 pick candidate 1-9 of the page (a digit past the page is swallowed),
 * Page_Up / minus and Page_Down / equal page, Escape clears, Return commits
 * the raw letters, and punctuation commits the first candidate followed by
 * the punctuation (comma → "，", period → "。" …). Not composing: letters
 * start a composition, punctuation commits its Chinese form (some open a
 * short candidate list, e.g. backslash → 、 \ ＼), and space, digits,
 * BackSpace, Return, Escape … are not used.
 *
 * Returns true if the engine used the key: then the caller reads
 * pinyin_commit() (text to insert, maybe "") and redraws the preedit and
 * candidates. Returns false if the key was not used (the caller handles
 * it itself: inserts the space or digit, deletes text on BackSpace, …) or
 * p is NULL. Either way the commit of the previous call is gone. */
bool pinyin_key(pinyin *p, unsigned keysym, unsigned mask);

/* Commits candidate i (0-based) of the current page, as a finger on the
 * candidate bar does. Returns false (nothing changes) if there is none. */
bool pinyin_select(pinyin *p, size_t i);

/* Shows the next (dir > 0) or previous (dir < 0) page. Returns false if
 * there is none that way. */
bool pinyin_page(pinyin *p, int dir);

/* Clears the composition and drops the Rime session for a fresh one (so
 * nothing of the previous passenger remains in Rime's memory, not even its
 * commit history); the filter and page size stay. Returns false if the
 * new session could not be made — then p composes nothing any more and
 * should be destroyed. */
bool pinyin_reset(pinyin *p);

/* What the last key left, owned by p and valid until the next call that
 * takes p non-const. Strings are never NULL for a live p ("" when empty). */

/* True while a composition is open (the preedit is not empty). */
bool pinyin_composing(const pinyin *p);
/* The composition as Rime shows it ("ni hao", or "你好ma" after a partial
 * pick). OUT: *caret (may be NULL): the caret's byte offset in it. */
const char *pinyin_preedit(const pinyin *p, size_t *caret);
/* Candidates on the page (0 when not composing) and the text of one; NULL
 * when i is past the page. */
size_t pinyin_count(const pinyin *p);
const char *pinyin_candidate(const pinyin *p, size_t i);
/* The page number (0 = first) and whether no page follows. */
size_t pinyin_page_no(const pinyin *p);
bool pinyin_is_last_page(const pinyin *p);
/* The candidate space would commit: 0 when there are candidates, else -1. */
int pinyin_highlighted(const pinyin *p);
/* Text committed by the last pinyin_key / pinyin_select, "" if none. */
const char *pinyin_commit(const pinyin *p);

#endif

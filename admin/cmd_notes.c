/* cmd_notes.c — submit, pending, approve, reject, report and feed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "ink_json.h"
#include "output.h"
#include "vault.h"

/* Far more than any valid note (NOTE_TEXT_MAX_BYTES); past it we stop
 * reading rather than swallow an endless stream. */
#define SUBMIT_READ_CAP ((size_t)64 * 1024)

static int bad_mood(const char *arg, const char *usage)
{
	char safe[48], problem[256];

	admin_safe_arg(arg, safe);
	snprintf(problem, sizeof problem,
	         "unknown mood '%s'; use one of happy calm tired anxious sad hopeful grateful "
	         "(or 开心 平静 疲惫 焦虑 难过 期待 感恩)",
	         safe);
	return admin_usage_error("submit", problem, usage);
}

/* submit --ink: the stroke list is read and checked before the store is
 * touched, so a refused file leaves no trace in it. */
static int submit_ink(admin_ctx *ctx, const char *path, note_mood mood)
{
	char why[INK_JSON_WHY_MAX], what[64], safe[48], hex[NOTE_ID_HEX_LEN + 1];
	store *s = NULL;
	note_id id;
	ink k;
	status st = ink_json_load(path, &k, why);

	if (st) {
		admin_safe_arg(path, safe);
		snprintf(what, sizeof what, "submit: %s", safe);
		return admin_fail_msg(what, why[0] ? why : status_message(st));
	}
	if (!admin_open(ctx, &s)) {
		ink_free(&k);
		return ADMIN_EXIT_FAIL;
	}
	st = store_submit_ink(s, mood, &k, &id);
	ink_free(&k);
	store_close(s);
	if (st)
		return admin_fail("submit", st);
	note_id_to_hex(&id, hex);
	printf("%s\n", hex);
	return ADMIN_EXIT_OK;
}

int cmd_submit(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"treehole-admin submit [--mood MOOD] < note.txt\n"
		"       treehole-admin submit --ink FILE|- [--mood MOOD]";
	const char *mood_arg = NULL, *ink_arg = NULL;
	args_opt opts[] = { { "--mood", &mood_arg, NULL }, { "--ink", &ink_arg, NULL } };
	args_result res;
	note_mood mood = NOTE_MOOD_CALM;
	store *s = NULL;
	char *text = NULL, hex[NOTE_ID_HEX_LEN + 1];
	size_t len = 0;
	note_id id;
	status st;
	int rc = admin_parse(ctx, argc, argv, opts, 2, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (mood_arg && note_mood_parse(mood_arg, &mood) != STATUS_OK)
		return bad_mood(mood_arg, usage);
	if (ink_arg)
		return submit_ink(ctx, ink_arg, mood);
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "Type the note, then press Ctrl-D on a new line.\n");
	st = admin_read_stdin(SUBMIT_READ_CAP, &text, &len);
	if (st == STATUS_OK)
		st = store_submit_text(s, mood, text, admin_strip_newline(text, len), &id);
	vault_free(text);
	store_close(s);
	if (st)
		return admin_fail("submit", st);
	note_id_to_hex(&id, hex);
	printf("%s\n", hex);
	return ADMIN_EXIT_OK;
}

/* State of a listing (pending, feed). */
typedef struct list_state {
	bool json;
	bool write_failed;
	uint64_t damaged;
} list_state;

static bool list_one(const store_note *n, void *arg)
{
	list_state *ls = arg;
	bool ok = ls->json ? out_note_json(stdout, n) : out_note_line(stdout, n);

	if (n->damage != STATUS_OK)
		ls->damaged++;
	if (!ok)
		ls->write_failed = true;
	return ok;
}

/* Finishes a listing: flushes stdout and reports what went wrong. */
static int list_done(const char *what, status st, const list_state *ls)
{
	if (fflush(stdout) != 0 || ferror(stdout) || ls->write_failed)
		return admin_fail_msg(what, "cannot write the output (is the disk or pipe full?)");
	if (st)
		return admin_fail(what, st);
	if (ls->damaged > 0)
		fprintf(stderr,
		        "treehole-admin: %s: %llu damaged note(s), shown as (damaged); "
		        "see 'treehole-admin check', remove them with 'reject ID'\n",
		        what, (unsigned long long)ls->damaged);
	return ADMIN_EXIT_OK;
}

typedef status (*each_fn)(store *s, store_note_fn fn, void *ctx);

/* pending and feed: the same listing of a different set of notes. */
static int list_notes(admin_ctx *ctx, int argc, char **argv, const char *usage, each_fn each,
                      bool needs_key)
{
	list_state ls = { 0 };
	args_opt opts[] = { { "--json", NULL, &ls.json } };
	args_result res;
	store *s = NULL;
	int rc = admin_parse(ctx, argc, argv, opts, 1, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (needs_key ? !admin_open_unlocked(ctx, &s, argv[0]) : !admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	status st = each(s, list_one, &ls);
	store_close(s);
	return list_done(argv[0], st, &ls);
}

int cmd_pending(admin_ctx *ctx, int argc, char **argv)
{
	return list_notes(ctx, argc, argv, "treehole-admin pending [--json]", store_pending_each, true);
}

int cmd_feed(admin_ctx *ctx, int argc, char **argv)
{
	return list_notes(ctx, argc, argv, "treehole-admin feed [--json]", store_feed_each, false);
}

typedef status (*note_op)(store *s, const note_id *id);

/* Applies op to every id; a failing id is reported and the rest go on. */
static int each_id(store *s, note_op op, const char *verb, const char *done, int n, char **ids,
                   unsigned *changed)
{
	int rc = ADMIN_EXIT_OK;

	for (int i = 0; i < n; i++) {
		char safe[48], what[96], hex[NOTE_ID_HEX_LEN + 1];
		note_id id;
		status st = note_id_from_hex(ids[i], &id);
		if (st == STATUS_OK)
			st = op(s, &id);
		if (st) {
			admin_safe_arg(ids[i], safe);
			snprintf(what, sizeof what, "%s %s", verb, safe);
			rc = admin_fail(what, st);
			continue;
		}
		note_id_to_hex(&id, hex);
		printf("%s %s\n", done, hex);
		(*changed)++;
	}
	return rc;
}

static int moderate(admin_ctx *ctx, int argc, char **argv, note_op op, const char *done,
                    bool needs_key, const char *usage)
{
	args_result res;
	store *s = NULL;
	int rc = admin_parse(ctx, argc, argv, NULL, 0, usage, 1, -1, &res);

	if (rc >= 0)
		return rc;
	if (needs_key ? !admin_open_unlocked(ctx, &s, argv[0]) : !admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	unsigned changed = 0;
	rc = each_id(s, op, argv[0], done, res.npos, res.pos, &changed);
	admin_tidy(s, changed);
	store_close(s);
	return rc;
}

int cmd_approve(admin_ctx *ctx, int argc, char **argv)
{
	return moderate(ctx, argc, argv, store_approve, "approved", true,
	                "treehole-admin approve ID...");
}

int cmd_reject(admin_ctx *ctx, int argc, char **argv)
{
	return moderate(ctx, argc, argv, store_reject, "rejected", true,
	                "treehole-admin reject ID...");
}

int cmd_report(admin_ctx *ctx, int argc, char **argv)
{
	return moderate(ctx, argc, argv, store_report, "returned to pending:", false,
	                "treehole-admin report ID...");
}

/* demo.c — `treehole-admin demo`: a store with sample notes to look at.
 *
 * The demo store has a published passphrase, so it must never hold real
 * notes: demo only reuses a file that this passphrase opens, and says so
 * loudly on screen. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "demo.h"
#include "output.h"

#define DEMO_SHOW 4

static bool create_demo(const admin_ctx *ctx, store **out)
{
	status st = demo_create(ctx->db_path, ctx->today, out);

	if (st) {
		admin_fail(st == STATUS_EXISTS ? ctx->db_path : "demo", st);
		return false;
	}
	store_set_today(*out, ctx->today);
	return true;
}

static bool reuse_demo(const admin_ctx *ctx, store **out)
{
	status st = demo_open(ctx->db_path, out);

	if (st == STATUS_WRONG_PASSPHRASE) {
		admin_fail_msg(ctx->db_path, "this file exists and is not a demo store (the demo "
		                             "passphrase does not open it); choose another --db path");
		return false;
	}
	if (st) {
		admin_fail(ctx->db_path, st);
		return false;
	}
	store_set_today(*out, ctx->today);
	return true;
}

static void print_quoted(const char *s)
{
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-+=:,") ==
	    strlen(s)) {
		fputs(s, stdout);
		return;
	}
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static void print_banner(const admin_ctx *ctx, bool created)
{
	printf("%s the demo store %s\n\n", created ? "Created" : "Reusing", ctx->db_path);
	printf("  ***********************************************************\n"
	       "  *  DEMO passphrase:  " DEMO_PASSPHRASE "                        *\n"
	       "  *  It is printed here because this is only a DEMO store.  *\n"
	       "  *  Never use it for a store that holds real notes.        *\n"
	       "  ***********************************************************\n\n");
}

/* Shows a few notes the way the kiosk rotates through them. */
static status print_rotation(store *s)
{
	status st = STATUS_OK;
	int shown = 0;

	printf("The feed, as the kiosk shows it now (a few notes of the rotation):\n\n");
	for (; shown < DEMO_SHOW; shown++) {
		store_note n = { 0 };
		st = store_feed_next(s, &n);
		if (st)
			break;
		out_note_card(stdout, &n);
		putchar('\n');
		store_note_clear(&n);
	}
	if (st == STATUS_NOT_FOUND) {
		if (shown == 0)
			printf("  (no note is in the feed today)\n\n");
		st = STATUS_OK;
	}
	return st;
}

static void print_hint(const char *env, const char *prog, const char *db, const char *rest)
{
	printf("  %s", env);
	print_quoted(prog);
	fputs(" --db ", stdout);
	print_quoted(db);
	printf(" %s\n", rest);
}

static void print_try(const admin_ctx *ctx)
{
	static const char pass_env[] = ADMIN_ENV_PASS "=" DEMO_PASSPHRASE " ";

	printf("Try the other commands on this demo store:\n");
	printf("  echo '今天的风很温柔。' | ");
	print_quoted(ctx->prog);
	fputs(" --db ", stdout);
	print_quoted(ctx->db_path);
	printf(" submit --mood 平静\n");
	print_hint(pass_env, ctx->prog, ctx->db_path, "pending");
	print_hint(pass_env, ctx->prog, ctx->db_path, "approve ID");
	print_hint("", ctx->prog, ctx->db_path, "feed");
	print_hint("", ctx->prog, ctx->db_path, "stats");
	print_hint("", ctx->prog, ctx->db_path, "export --format csv");
	print_hint("", ctx->prog, ctx->db_path, "--help");
}

int cmd_demo(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin [--db PATH] demo";
	args_result res;
	store *s = NULL;
	bool created;
	status st;
	int rc = admin_parse(ctx, argc, argv, NULL, 0, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	created = access(ctx->db_path, F_OK) != 0;
	if (!(created ? create_demo(ctx, &s) : reuse_demo(ctx, &s)))
		return ADMIN_EXIT_FAIL;
	print_banner(ctx, created);
	st = print_rotation(s);
	store_close(s);
	if (st)
		return admin_fail("demo", st);
	print_try(ctx);
	return fflush(stdout) == 0 ? ADMIN_EXIT_OK : admin_fail_msg("demo", "cannot write the output");
}

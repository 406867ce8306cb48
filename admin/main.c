/* main.c — treehole-admin: global options, help, and dispatch to commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "day.h"
#include "vault.h"

typedef struct command {
	const char *name;
	admin_cmd_fn fn;
} command;

static const command commands[] = {
	{ "init", cmd_init },       { "submit", cmd_submit },
	{ "pending", cmd_pending }, { "approve", cmd_approve },
	{ "reject", cmd_reject },   { "report", cmd_report },
	{ "feed", cmd_feed },       { "stats", cmd_stats },
	{ "export", cmd_export },   { "backup", cmd_backup },
	{ "check", cmd_check },     { "passwd", cmd_passwd },
	{ "feed-delay", cmd_feed_delay }, { "purge", cmd_purge },
	{ "tidy", cmd_tidy },       { "demo", cmd_demo },
	{ "preview", cmd_preview },
};

static const char usage_line[] =
	"treehole-admin [--db PATH] [--passphrase-file FILE] [--fingerprint HEX] COMMAND [ARGS...]";

static void print_help(void)
{
	printf("usage: %s\n\n", usage_line);
	fputs("The operator's tool for a treehole (情绪树洞) store: review the notes people\n"
	      "wrote, approve or reject them, and export what was approved.\n\n"
	      "Commands (* = needs the operator passphrase):\n"
	      "  init [--feed-delay-days N] [--kdf interactive|moderate|sensitive]\n"
	      "                        create a store and its keys (* asked twice); never\n"
	      "                        overwrites a file. Defaults: 1 day, moderate\n"
	      "  submit [--mood MOOD]  submit the text on stdin as a note, exactly as the\n"
	      "                        kiosk does; prints its id. MOOD: happy calm tired\n"
	      "                        anxious sad hopeful grateful, or 开心 平静 疲惫 焦虑\n"
	      "                        难过 期待 感恩 (default calm)\n"
	      "  submit --ink FILE [--mood MOOD]\n"
	      "                        submit a handwritten note: FILE (- for stdin) is JSON\n"
	      "                        [[[x,y],...],...], strokes of points in any units;\n"
	      "                        their bounding box fills the canvas, aspect kept, and\n"
	      "                        strokes are resampled as the kiosk does. Refused with\n"
	      "                        nothing stored: bad JSON or shape, empty strokes,\n"
	      "                        |x|,|y| > 1e6, over the limits (2000 strokes, 4000\n"
	      "                        points a stroke, 20000 in all)\n"
	      "  pending [--json]    * the notes waiting for review, one per line:\n"
	      "                        id, day, mood, kind, text (\\\\ \\n \\r \\t escaped);\n"
	      "                        an ink note shows [ink: N strokes, M points]\n"
	      "  approve ID...       * put notes into the feed\n"
	      "  reject ID...        * delete notes for good\n"
	      "  report ID...          take approved notes out of the feed, back to review\n",
	      stdout);
	/* two literals: ISO C guarantees only 4095 characters in one */
	fputs("  feed [--json]         the notes passersby see today (feed delay applied)\n"
	      "  stats [--json]        counts only: queue, feed, notes per mood today\n"
	      "  export --format jsonl|csv [--out FILE]\n"
	      "                        every approved note, shuffled, dated by day only.\n"
	      "                        --out never overwrites; the file is created 0600.\n"
	      "                        In CSV a text starting with = + - @, tab or CR gets a\n"
	      "                        leading ' so spreadsheets do not run it as a formula.\n"
	      "                        Ink notes carry width, height (canvas, grid units)\n"
	      "                        and svg: a standalone SVG document, one path per\n"
	      "                        run of same-colour strokes (CSV columns id, day,\n"
	      "                        mood, kind, text, width, height, svg)\n"
	      "  export --format png --out NEW-FOLDER\n"
	      "                        every approved note as a card image <id>.png: text\n"
	      "                        as the kiosk lays it out, ink redrawn with one pen.\n"
	      "  backup FILE           a consistent copy of the store, its layout rewritten\n"
	      "                        so it says nothing of the order notes arrived in\n"
	      "  tidy                  rewrite the store the same way (approve, reject,\n"
	      "                        report and purge do it by themselves)\n"
	      "  check                 integrity check and authentication of every note\n"
	      "                        (pending ones too if a passphrase comes from\n"
	      "                        --passphrase-file or TREEHOLE_PASSPHRASE; never asks)\n"
	      "  passwd              * change the passphrase; the new one from\n"
	      "                        --new-passphrase-file FILE, TREEHOLE_NEW_PASSPHRASE or\n"
	      "                        the terminal (asked twice)\n"
	      "  feed-delay [N]        show, or set (*), the whole days before a note shows\n"
	      "  purge --older-than-days N\n"
	      "                      * delete notes written more than N days ago\n"
	      "  preview --width PX [--font-size PX] [--vertical] [--max-lines N]\n"
	      "                        lay out the text on stdin as the kiosk would (default\n"
	      "                        fonts, size 32 px) and print its lines, one per line;\n"
	      "                        --vertical prints columns, right-most first; a text\n"
	      "                        cut by --max-lines ends with …; empty input prints\n"
	      "                        one empty line. Needs no store\n"
	      "  demo                  create (or reuse) a DEMO store with sample notes and\n"
	      "                        show its feed; its passphrase is printed, so it is\n"
	      "                        never for real notes\n\n"
	      "Options:\n"
	      "  --db PATH             the store (default: $TREEHOLE_DB, else ./treehole.db)\n"
	      "  --passphrase-file FILE  read the passphrase from the first line of FILE\n"
	      "  --fingerprint HEX     refuse the store unless its operator keys have this\n"
	      "                        fingerprint (printed by init and stats); also\n"
	      "                        $TREEHOLE_FINGERPRINT\n"
	      "  --help, --version\n\n"
	      "Environment:\n"
	      "  TREEHOLE_DB           default store path\n"
	      "  TREEHOLE_PASSPHRASE   operator passphrase (else asked on the terminal)\n"
	      "  TREEHOLE_NEW_PASSPHRASE  new passphrase for passwd\n"
	      "  TREEHOLE_TODAY=YYYY-MM-DD  pretend today is this day; for tests and\n"
	      "                        scripted checks only\n"
	      "  TREEHOLE_LOG=1        storage diagnostics on stderr (never note content)\n\n"
	      "Exit status: 0 success, 1 failure (one line on stderr), 2 usage error.\n",
	      stdout);
}

static int usage_error(const char *problem)
{
	fprintf(stderr, "treehole-admin: %s\nusage: %s\nTry 'treehole-admin --help' for more.\n",
	        problem, usage_line);
	return ADMIN_EXIT_USAGE;
}

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

/* Reads the environment into ctx. Returns false on a bad TREEHOLE_TODAY. */
static bool read_env(admin_ctx *ctx)
{
	const char *db = getenv(ADMIN_ENV_DB);
	const char *today = getenv(ADMIN_ENV_TODAY);

	const char *pin = getenv(ADMIN_ENV_FINGERPRINT);
	ctx->fingerprint = (pin && *pin) ? pin : NULL;
	ctx->db_path = (db && *db) ? db : "treehole.db";
	ctx->today = -1;
	if (today && *today && day_from_iso(today, &ctx->today) != STATUS_OK)
		return false;
	return true;
}

/* If `arg` is option `name` ("--db" or "--db=PATH"), returns where its
 * value starts ("" when the value is the next word); else NULL. */
static const char *match_option(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	return arg[n] == '\0' ? arg + n : NULL;
}

/* Global options before the command. OUT: *cmd_index. Returns -1 to go on,
 * else the exit code. */
static int parse_global(admin_ctx *ctx, int argc, char **argv, int *cmd_index)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v;
		const char **dst;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_help();
			return ADMIN_EXIT_OK;
		}
		if (strcmp(a, "--version") == 0) {
			printf("treehole-admin %s\n", TREEHOLE_VERSION);
			return ADMIN_EXIT_OK;
		}
		if ((v = match_option(a, "--db")))
			dst = &ctx->db_path;
		else if ((v = match_option(a, "--passphrase-file")))
			dst = &ctx->pass_file;
		else if ((v = match_option(a, "--fingerprint")))
			dst = &ctx->fingerprint;
		else
			return usage_error("unknown option before the command");
		if (*v == '\0' && !strchr(a, '=')) {
			if (i + 1 >= argc)
				return usage_error("an option needs a value");
			v = argv[++i];
		}
		*dst = v;
	}
	if (i >= argc)
		return usage_error("no command given");
	*cmd_index = i;
	return -1;
}

int main(int argc, char **argv)
{
	admin_ctx ctx = { .prog = argc > 0 ? argv[0] : "treehole-admin" };
	const command *cmd;
	int cmd_index = 0, rc;
	status st;

	if (!vault_harden_process())
		fprintf(stderr, "treehole-admin: warning: could not turn off core dumps\n");
	st = vault_init();
	if (st)
		return admin_fail("libsodium", st);
	admin_secure_stdout();
	if (!read_env(&ctx))
		return usage_error(ADMIN_ENV_TODAY " must be a real date written YYYY-MM-DD");
	rc = parse_global(&ctx, argc, argv, &cmd_index);
	if (rc >= 0)
		return rc;
	cmd = find_command(argv[cmd_index]);
	if (!cmd)
		return usage_error("unknown command; see --help for the list");
	if (ctx.db_path[0] == '\0')
		return usage_error("--db needs a path");
	return cmd->fn(&ctx, argc - cmd_index, argv + cmd_index);
}

/* demo.c — `treehole-admin demo`: a store with sample notes to look at.
 *
 * The demo store has a published passphrase, so it must never hold real
 * notes: demo only reuses a file that this passphrase opens, and says so
 * loudly on screen. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "output.h"

#define DEMO_PASSPHRASE "treehole-demo"
#define DEMO_SHOW 4

typedef struct demo_note {
	int days_ago;
	note_mood mood;
	const char *text;
} demo_note;

/* What passengers and passersby might leave in the notebook. */
static const demo_note demo_notes[] = {
	{ 0, NOTE_MOOD_TIRED,
	  "加班到十一点，在车上差点睡着。\n"
	  "谢谢师傅把空调调小了，也没放广播。这二十分钟是我今天唯一安静的时候。" },
	{ 0, NOTE_MOOD_GRATEFUL,
	  "师傅，我看你一直在揉眼睛。\n这么晚还送我回家，谢谢你。早点收车，路上慢点。" },
	{ 1, NOTE_MOOD_ANXIOUS,
	  "下个月就要结婚了，所有人都说我该开心。\n"
	  "可我每天晚上都睡不着，怕自己没准备好，怕以后吵架，怕变成我爸妈那样。\n"
	  "有人也这样吗？" },
	{ 1, NOTE_MOOD_HAPPY,
	  "今天发工资了！第一次自己挣的钱。\n"
	  "给妈妈买了一条围巾，她嘴上说浪费，一路都没舍得摘下来。" },
	{ 2, NOTE_MOOD_SAD,
	  "奶奶住院第三天了。\n她总是问我吃饭了没有，好像生病的是我一样。\n"
	  "我在医院楼下站了很久才敢上去。" },
	{ 3, NOTE_MOOD_HOPEFUL,
	  "明天早上九点出高考成绩。\n不管考成什么样，我都想先好好睡一觉。愿我们都能去想去的地方。" },
	{ 3, NOTE_MOOD_CALM, "下雪了，今年的第一场雪。\n车窗外白茫茫的，整座城市都慢了下来。" },
	{ 4, NOTE_MOOD_HOPEFUL,
	  "刚面试完，感觉还不错。如果能收到录用通知，就把老家的爸妈接过来，看看这座城市。" },
	{ 5, NOTE_MOOD_SAD, "和最好的朋友吵架了，为了一件很小的事。\n想道歉，又拉不下脸。明天一定先开口。" },
	{ 6, NOTE_MOOD_CALM, "地铁上有个小朋友一直冲我笑，我也对他笑了。\n就这样，挺好的。" },
	{ 8, NOTE_MOOD_GRATEFUL,
	  "谢谢在本子上写下“你已经很努力了”的那个陌生人。\n我哭了一会儿，然后觉得好多了。" },
	{ 11, NOTE_MOOD_HAPPY, "考研上岸了！！！\n三百多个早上六点的闹钟，值了。" },
};

#define DEMO_COUNT (sizeof demo_notes / sizeof demo_notes[0])

/* Writes each note on its own day in the recent past, then approves it. */
static status seed(store *s, int32_t today)
{
	status st = STATUS_OK;

	for (size_t i = 0; i < DEMO_COUNT && !st; i++) {
		const demo_note *d = &demo_notes[i];
		note_id id;
		store_set_today(s, today - d->days_ago);
		st = store_submit_text(s, d->mood, d->text, strlen(d->text), &id);
		if (!st)
			st = store_approve(s, &id);
	}
	return st;
}

static void remove_store_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char name[4096];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		if (snprintf(name, sizeof name, "%s%s", path, suffixes[i]) < (int)sizeof name)
			unlink(name);
	}
}

static bool create_demo(const admin_ctx *ctx, store **out)
{
	store_create_opts opts = { .feed_delay_days = 0, .kdf = vault_kdf_interactive() };
	const char *pass = DEMO_PASSPHRASE;
	store *s = NULL;
	int32_t today;
	status st = store_create(ctx->db_path, pass, strlen(pass), &opts, &s);

	if (st) {
		admin_fail(ctx->db_path, st);
		return false;
	}
	if (ctx->today >= 0)
		store_set_today(s, ctx->today);
	today = store_today(s);
	st = store_unlock(s, pass, strlen(pass));
	if (!st)
		st = seed(s, today);
	store_set_today(s, ctx->today);
	if (st) {
		store_close(s);
		remove_store_files(ctx->db_path);
		admin_fail("demo", st);
		return false;
	}
	*out = s;
	return true;
}

static bool reuse_demo(const admin_ctx *ctx, store **out)
{
	const char *pass = DEMO_PASSPHRASE;
	store *s = NULL;
	status st;

	if (!admin_open(ctx, &s))
		return false;
	st = store_unlock(s, pass, strlen(pass));
	if (st == STATUS_WRONG_PASSPHRASE) {
		store_close(s);
		admin_fail_msg(ctx->db_path, "this file exists and is not a demo store (the demo "
		                             "passphrase does not open it); choose another --db path");
		return false;
	}
	if (st) {
		store_close(s);
		admin_fail(ctx->db_path, st);
		return false;
	}
	*out = s;
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

/* bench_pinyin.c — the pinyin engine's figures (issue 6):
 *
 *  - key press to candidates ready, p50 and p99: pinyin_key and reading
 *    the preedit and the page through the accessors (with a candidate
 *    filter of the kind the kiosk sets), against a bare librime session in
 *    the same process — process_key, get_commit, get_context and reading
 *    its menu — fed the same keys, interleaved key by key;
 *  - the first-start deploy (a fresh private folder) against a warm start
 *    (the folder of an earlier run), start to READY.
 *
 * librime can be set up only once per process, so every measurement runs
 * in a forked child that sends its numbers back through a pipe; the bench
 * process itself never loads Rime's state. */
#define _XOPEN_SOURCE 700
#include "bench.h"
#include "timing.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rime_api.h>

#include "pinyin.h"

/* What a passenger types: pinyin committed with space, punctuation,
 * a typo fixed with backspace ('<'), a look at the next page ('>'). */
static const char script[] =
	"jintian youjiaban daohenwan , zuozai cheshang kanzhe chuangwai dedeng , turan "
	"juede youdian xiangjia . mama dadianhua wenwo chifanle meiyou , woshuo chile , "
	"qishi haimeiyou . xiexie sijishifu yilushang fangde laoge , rangwo xiangqile "
	"daxue deshihou . mingtian jiuyao mianshile , jinzhang deshuibuzhao , xiwang "
	"yiqie shunlu<i . jintian tianqi henhao , yangguang> zhaozai shenshang "
	"nuannuande . ";

typedef struct pinyin_result {
	int ok;
	double deploy;             /* seconds, start to READY */
	double p50, p99, b50, b99; /* key figure: ours and bare, seconds */
} pinyin_result;

static unsigned keysym_of(char c)
{
	return c == '<' ? PINYIN_KEY_BACKSPACE : c == '>' ? PINYIN_KEY_PAGE_DOWN : (unsigned char)c;
}

/* The kiosk's filter drops what its fonts lack; the SIP test stands in. */
static bool drop_sip(const char *utf8, void *ctx)
{
	(void)ctx;
	for (; *utf8; utf8++)
		if ((unsigned char)utf8[0] == 0xF0 && (unsigned char)utf8[1] >= 0xA0)
			return false;
	return true;
}

static size_t ours_key(pinyin *p, unsigned k)
{
	size_t sink = 0;

	pinyin_key(p, k, 0);
	sink += strlen(pinyin_commit(p)) + strlen(pinyin_preedit(p, NULL));
	for (size_t i = 0; i < pinyin_count(p); i++)
		sink += strlen(pinyin_candidate(p, i));
	return sink;
}

static size_t bare_key(RimeApi *api, RimeSessionId sid, unsigned k)
{
	RIME_STRUCT(RimeCommit, commit);
	RIME_STRUCT(RimeContext, ctx);
	size_t sink = 0;

	api->process_key(sid, (int)k, 0);
	if (api->get_commit(sid, &commit)) {
		sink += strlen(commit.text);
		api->free_commit(&commit);
	}
	if (api->get_context(sid, &ctx)) {
		sink += ctx.composition.preedit ? strlen(ctx.composition.preedit) : 0;
		for (int i = 0; i < ctx.menu.num_candidates; i++)
			sink += strlen(ctx.menu.candidates[i].text);
		api->free_context(&ctx);
	}
	return sink;
}

/* Times `keys` keys on both sides, alternating which goes first. */
static bool time_keys(size_t keys, pinyin_result *r)
{
	timing_samples ours = {0}, bare = {0};
	RimeApi *api = rime_get_api();
	RimeSessionId sid = api->create_session();
	pinyin *p = pinyin_new(0);
	size_t sink = 0, warm = 50;
	bool ok = p && sid;

	if (p)
		pinyin_set_filter(p, drop_sip, NULL);
	for (size_t i = 0; ok && i < keys + warm && !bench_stop; i++) {
		unsigned k = keysym_of(script[i % (sizeof script - 1)]);
		double t0 = timing_now(), t1, t2;
		if (i % 2) {
			sink += ours_key(p, k), t1 = timing_now();
			sink += bare_key(api, sid, k), t2 = timing_now();
			ok = timing_add(&ours, t1 - t0) && timing_add(&bare, t2 - t1);
		} else {
			sink += bare_key(api, sid, k), t1 = timing_now();
			sink += ours_key(p, k), t2 = timing_now();
			ok = timing_add(&bare, t1 - t0) && timing_add(&ours, t2 - t1);
		}
	}
	timing_drop_first(&ours, warm);
	timing_drop_first(&bare, warm);
	r->p50 = timing_percentile(&ours, 50), r->p99 = timing_percentile(&ours, 99);
	r->b50 = timing_percentile(&bare, 50), r->b99 = timing_percentile(&bare, 99);
	timing_free(&ours);
	timing_free(&bare);
	pinyin_destroy(p);
	if (sid)
		api->destroy_session(sid);
	return ok && sink > 0;
}

/* The child: start on `dir`, then time keys if asked. Never returns. */
static void child(const char *dir, size_t keys, int fd)
{
	pinyin_result r = {0};

	if (pinyin_start(dir, NULL) && pinyin_wait(120) == PINYIN_READY) {
		r.deploy = pinyin_deploy_seconds();
		r.ok = keys == 0 || time_keys(keys, &r);
	}
	pinyin_shutdown();
	ssize_t w = write(fd, &r, sizeof r);
	_exit(w == (ssize_t)sizeof r ? 0 : 1);
}

static bool run_child(const char *dir, size_t keys, pinyin_result *r)
{
	int fds[2];

	fflush(NULL);
	if (pipe(fds) != 0)
		return false;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		child(dir, keys, fds[1]);
	}
	close(fds[1]);
	ssize_t n = pid > 0 ? read(fds[0], r, sizeof *r) : -1;
	close(fds[0]);
	int how = 0;
	if (pid > 0)
		waitpid(pid, &how, 0);
	return n == (ssize_t)sizeof *r && r->ok && WIFEXITED(how) && WEXITSTATUS(how) == 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Cold and warm starts, `reps` each, alternating. OUT: medians. */
static bool time_starts(const bench_config *c, double *cold, double *warm)
{
	timing_samples cs = {0}, ws = {0};
	char *dir = bench_path(c->dir, "rime");
	bool ok = dir != NULL;

	for (size_t k = 0; ok && k < c->pinyin_starts && !bench_stop; k++) {
		pinyin_result r;
		rm_tree(dir);
		ok = run_child(dir, 0, &r) && timing_add(&cs, r.deploy) &&
		     run_child(dir, 0, &r) && timing_add(&ws, r.deploy);
	}
	*cold = timing_percentile(&cs, 50);
	*warm = timing_percentile(&ws, 50);
	if (dir)
		rm_tree(dir);
	free(dir);
	timing_free(&cs);
	timing_free(&ws);
	return ok;
}

bool bench_pinyin(const bench_config *c)
{
	const char *missing = pinyin_check_data(NULL);
	double cold = 0, warm = 0;
	pinyin_result r = {0};

	bench_progress("pinyin: key to candidates vs bare librime; first-start deploy vs warm");
	if (missing) {
		bench_line("pinyin: skipped, the Rime data is not installed (Debian package %s)", missing);
		return true;
	}
	char *dir = bench_path(c->dir, "rime-keys");
	bool ok = dir && time_starts(c, &cold, &warm) && run_child(dir, c->pinyin_keys, &r);
	if (dir)
		rm_tree(dir);
	free(dir);
	if (!ok) {
		fprintf(stderr, "treehole-bench: the pinyin engine did not start or type\n");
		return false;
	}
	bench_row("pinyin key to candidates, p50", BENCH_TIME, r.p50, r.b50);
	bench_row("pinyin key to candidates, p99", BENCH_TIME, r.p99, r.b99);
	bench_goal_max("pinyin key p99 in ms", r.p99 * 1000, 2.0);
	bench_goal_max("pinyin key p99 ratio", r.b99 > 0 ? r.p99 / r.b99 : 0, 1.5);
	bench_line("baseline: a bare librime session in the same process (process_key, get_commit, "
	           "get_context), the same %zu keys interleaved", c->pinyin_keys);
	bench_row("pinyin first-start deploy, p50", BENCH_TIME, cold, warm);
	bench_goal_max("first-start deploy in s", cold, 1.0);
	bench_line("baseline: a warm start (the private folder of an earlier start); start to READY, "
	           "each in a fresh process");
	return true;
}

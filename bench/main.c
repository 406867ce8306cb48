/* main.c — treehole-bench: the figures of `make bench`.
 *
 *   treehole-bench [--quick] [--smoke] [--dir DIR] [--only NAME,...]
 *
 * Prints one table on stdout (figure | ours | baseline | ratio, with a goal
 * line per figure) and progress on stderr. Every store lives in a private
 * folder made under DIR (default: the build folder) and is deleted at the
 * end, also after Ctrl-C. DIR must be on a real disk: the fsync is what
 * submit and approve pay for, and tmpfs makes it free. */
#include "bench.h"
#include "timing.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#ifndef BENCH_DEFAULT_DIR
#define BENCH_DEFAULT_DIR "/var/tmp"
#endif
#define TMPFS_MAGIC_ 0x01021994

static const char usage[] =
	"usage: treehole-bench [--quick] [--smoke] [--dir DIR] [--only NAME,...]\n"
	"  --quick    smaller sizes (100k instead of 1M notes), about a minute\n"
	"  --smoke    tiny sizes: checks that every figure runs, measures little\n"
	"  --dir DIR  where to put the temporary stores (a real disk, not tmpfs;\n"
	"             default " BENCH_DEFAULT_DIR ")\n"
	"  --only     just these figures (comma-separated): submit feed approve\n"
	"             unlock tidy layout frame atlas pinyin hwr ink ink_frame\n"
	"             ink_note\n";

/* Sizes of the full run, then cut down by --quick and --smoke. */
static bench_config config_for(bool quick, bool smoke)
{
	bench_config c = {
		.submits = 500, .feed_small = 10000, .feed_large = 1000000, .feed_api = 100,
		.feed_calls = 300, .feed_budget = 60, .scan_calls = 30, .approves = 1000, .unlock_reps = 3,
		.tidy_notes = 3000, .layout_reps = 300, .frame_reps = 300, .atlas_notes = 500,
		.ink_notes = 300,
		.pinyin_keys = 3000, .pinyin_starts = 5,
		.hwr_reps = 100,
		.ink_frames = 300, .ink_note_reps = 100,
		.unlock_kdf = {vault_kdf_moderate(), vault_kdf_interactive()},
		.unlock_name = {"MODERATE", "INTERACTIVE"},
	};
	if (quick) {
		c.submits = 200, c.feed_large = 100000, c.feed_api = 50, c.feed_calls = 150, c.feed_budget = 30;
		c.scan_calls = 15, c.approves = 300, c.unlock_reps = 2;
		c.tidy_notes = 1000, c.layout_reps = 100, c.frame_reps = 100;
		c.ink_notes = 100;
		c.pinyin_keys = 1000, c.pinyin_starts = 3;
		c.hwr_reps = 30;
		c.ink_frames = 100, c.ink_note_reps = 30;
	}
	if (smoke) {
		/* Argon2id MODERATE is 256 MiB and ~1 s, too much for a test under
		 * a sanitizer; the cheapest preset exercises the same code. */
		c.smoke = true;
		c.submits = 20, c.feed_small = 2000, c.feed_large = 20000, c.feed_api = 10;
		c.feed_calls = 20, c.feed_budget = 10, c.scan_calls = 3, c.approves = 20, c.unlock_reps = 1;
		c.tidy_notes = 20, c.layout_reps = 5, c.frame_reps = 3, c.atlas_notes = 20;
		c.ink_notes = 10;
		c.pinyin_keys = 100, c.pinyin_starts = 1;
		c.hwr_reps = 1;
		c.ink_frames = 5, c.ink_note_reps = 2;
		c.unlock_kdf[0] = vault_kdf_test_only();
		c.unlock_name[0] = "MIN (test only)";
	}
	return c;
}

static void on_signal(int sig)
{
	(void)sig;
	bench_stop = 1;
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Makes the run's private folder under base. OUT: path (PATH_MAX bytes). */
static bool make_dir(const char *base, char *path)
{
	struct statfs fs;

	snprintf(path, PATH_MAX, "%s/treehole-bench-XXXXXX", base);
	if (!mkdtemp(path)) {
		perror("treehole-bench: cannot make a folder");
		return false;
	}
	if (statfs(path, &fs) == 0 && fs.f_type == TMPFS_MAGIC_)
		fprintf(stderr, "treehole-bench: warning: %s is tmpfs; fsync is free there, so the "
		                "submit and approve ratios mean little (use --dir)\n", base);
	return true;
}

/* The figures in the order they run; --only picks by name. */
static const struct figure {
	const char *name;
	bool (*run)(const bench_config *c);
} figures[] = {
	{"submit", bench_submit}, {"feed", bench_feed}, {"approve", bench_approve},
	{"unlock", bench_unlock}, {"tidy", bench_tidy}, {"layout", bench_layout},
	{"frame", bench_frame}, {"atlas", bench_atlas_memory}, {"pinyin", bench_pinyin},
	{"hwr", bench_hwr}, {"ink", bench_ink}, {"ink_frame", bench_ink_frame},
	{"ink_note", bench_ink_note},
};
#define NFIGURES (sizeof figures / sizeof figures[0])

/* Whether the comma-separated list has an item equal to name[0..len). */
static bool listed(const char *list, const char *name, size_t len)
{
	for (const char *p = list; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ','))
		if (strcspn(p, ",") == len && strncmp(p, name, len) == 0)
			return true;
	return false;
}

/* Whether figure `name` runs: all do without --only. */
static bool picked(const char *only, const char *name)
{
	return !only || listed(only, name, strlen(name));
}

/* False (and says which) if an item of `only` names no figure: the run
 * would otherwise skip it without a word. */
static bool only_valid(const char *only)
{
	const char *p = only;
	do {
		size_t len = strcspn(p, ","), i = 0;
		while (i < NFIGURES && !listed(figures[i].name, p, len))
			i++;
		if (i == NFIGURES) {
			fprintf(stderr, "treehole-bench: --only: no figure named '%.*s'\n", (int)len, p);
			return false;
		}
		p += len;
	} while (*p++ == ',');
	return true;
}

static bool run_all(const bench_config *c, const char *only)
{
	for (size_t i = 0; i < NFIGURES; i++)
		if (picked(only, figures[i].name) && !figures[i].run(c))
			return false;
	return true;
}

static int parse_args(int argc, char **argv, bool *quick, bool *smoke, const char **dir,
                      const char **only)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0)
			*quick = true;
		else if (strcmp(argv[i], "--smoke") == 0)
			*smoke = true;
		else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			*dir = argv[++i];
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			*only = argv[++i];
			if (!only_valid(*only))
				return 2;
		}
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	bool quick = false, smoke = false;
	const char *base = BENCH_DEFAULT_DIR, *only = NULL;
	char dir[PATH_MAX], title[PATH_MAX + 64];
	int rc = parse_args(argc, argv, &quick, &smoke, &base, &only);

	if (rc >= 0)
		return rc;
	vault_harden_process();
	if (vault_init() || !make_dir(base, dir))
		return 1;
	catch_signals();
	bench_config c = config_for(quick, smoke);
	c.dir = dir;
	bench_progress("treehole-bench%s%s in %s", quick ? " --quick" : "", smoke ? " --smoke" : "",
	               dir);
	bool ok = run_all(&c, only);
	rmdir(dir);
	snprintf(title, sizeof title, "treehole bench%s%s (stores under %s)",
	         quick ? " --quick" : "", smoke ? " --smoke" : "", base);
	if (ok)
		bench_table_print(title);
	bench_table_free();
	if (bench_stop)
		fprintf(stderr, "treehole-bench: interrupted; temporary stores removed\n");
	return ok ? 0 : 1;
}

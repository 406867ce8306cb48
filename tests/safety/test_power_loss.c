/* test_power_loss.c — nothing acknowledged is lost when the writer dies.
 *
 * A child process opens the store and submits notes in a loop; after each
 * store_submit_text that returned STATUS_OK (the acknowledgement) it writes
 * the note's id to a pipe. The parent kills it with SIGKILL at a random
 * moment — some rounds while it is still opening the store, most while it
 * is submitting — and collects the ids. After POWER_LOSS_ROUNDS rounds the
 * file passes integrity_check, and every acknowledged note is pending and
 * opens to exactly the text that was submitted.
 *
 * SIGKILL stops the process between any two instructions, which is what a
 * crash of the kiosk does; the page cache survives it, so this checks the
 * transaction and recovery logic, not the disk. The store lives on
 * /dev/shm when there is one so that synchronous=FULL costs little. */
#include "fixture.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "day.h"

#define POWER_LOSS_ROUNDS 200
/* Every this many rounds the kill comes during store_open. */
#define KILL_DURING_OPEN_EVERY 4
/* Upper bounds of the random delays before the kill, in microseconds. */
#define OPEN_KILL_MAX_US 3000
#define SUBMIT_KILL_MAX_US 8000
#define OPENED UINT32_MAX

/* What the child reports: an acknowledged note, or OPENED (seq) once the
 * store is open. 24 bytes: below PIPE_BUF, so each write is atomic. */
typedef struct ack {
	note_id id;
	uint32_t round;
	uint32_t seq;
} ack;

typedef struct acks {
	ack *v;
	size_t n, cap;
} acks;

static int32_t test_day(void)
{
	return day_from_civil(2024, 2, 10);
}

/* The text of note `seq` of `round`: the parent can rebuild it. Every
 * fifth is long (about 1.8 KB), so several page sizes are exercised. */
static size_t note_text(uint32_t round, uint32_t seq, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "第%u轮 第%u条：今天也辛苦了。", round, seq);
	size_t len = (size_t)n;

	if (seq % 5 == 4) {
		while (len + 4 < cap && len < 1800)
			len += (size_t)snprintf(buf + len, cap - len, "%c", "abcdefgh"[len % 8]);
	}
	return len;
}

static void sleep_us(uint32_t us)
{
	struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (long)(us % 1000000) * 1000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

/* The child: never returns, never touches cmocka. Exit codes other than
 * death by SIGKILL tell the parent what went wrong. */
static void child_run(const char *db, int fd, uint32_t round)
{
	store *s = NULL;
	char text[2048];
	status st = store_open(db, STORE_OPEN_READ_WRITE, &s);

	if (st)
		_exit(10 + (int)st);
	store_set_today(s, test_day());
	ack a = {.round = round, .seq = OPENED};
	if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
		_exit(3);
	for (uint32_t seq = 0;; seq++) {
		size_t len = note_text(round, seq, text, sizeof text);
		note_mood mood = (note_mood)(NOTE_MOOD_FIRST + seq % NOTE_MOOD_COUNT);
		st = store_submit_text(s, mood, text, len, &a.id);
		if (st)
			_exit(50 + (int)st);
		/* Acknowledged: only now does the id go out. */
		a.seq = seq;
		if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
			_exit(4);
	}
}

static void acks_push(acks *as, const ack *a)
{
	if (as->n == as->cap) {
		as->cap = as->cap ? 2 * as->cap : 1024;
		as->v = realloc(as->v, as->cap * sizeof *as->v);
		assert_non_null(as->v);
	}
	as->v[as->n++] = *a;
}

/* Reads one record; false on EOF. Records are never split (atomic writes). */
static bool read_ack(int fd, ack *a)
{
	ssize_t got;

	do
		got = read(fd, a, sizeof *a);
	while (got < 0 && errno == EINTR);
	assert_true(got == 0 || got == (ssize_t)sizeof *a);
	return got == (ssize_t)sizeof *a;
}

/* One round: fork, wait, kill, collect. Returns the acks it got. */
static size_t one_round(const char *db, uint32_t round, acks *as, bool during_open)
{
	int fds[2];
	int wst;
	ack a;
	size_t before = as->n;
	bool opened = false;

	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		child_run(db, fds[1], round);
	}
	close(fds[1]);
	if (during_open) {
		sleep_us(randombytes_uniform(OPEN_KILL_MAX_US));
	} else {
		/* Wait until it has opened the store, so the kill falls among
		 * submits however slow the machine is. */
		opened = read_ack(fds[0], &a);
		if (opened)
			assert_int_equal(a.seq, OPENED);
		sleep_us(randombytes_uniform(SUBMIT_KILL_MAX_US));
	}
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	if (!WIFSIGNALED(wst) || WTERMSIG(wst) != SIGKILL)
		fprintf(stderr, "round %u: the writer ended by itself, exit code %d\n", round,
		        WIFEXITED(wst) ? WEXITSTATUS(wst) : -1);
	assert_true(WIFSIGNALED(wst) && WTERMSIG(wst) == SIGKILL);
	while (read_ack(fds[0], &a))
		if (a.seq != OPENED)
			acks_push(as, &a);
	close(fds[0]);
	assert_true(during_open || opened);
	return as->n - before;
}

/* Every acknowledged note is pending and opens to its text; nothing is
 * damaged; the mood counts were committed with the notes. */
static void verify(const char *db, const acks *as, uint32_t rounds)
{
	store *s = fx_open_store(db);
	fx_notes got = {0};
	note_id *ids = malloc((as->n ? as->n : 1) * sizeof *ids);
	fx_id_index ix;
	char text[2048];
	uint64_t counts[NOTE_MOOD_COUNT], counted = 0;

	assert_non_null(ids);
	for (size_t i = 0; i < as->n; i++) {
		store_state state;
		ids[i] = as->v[i].id;
		assert_int_equal(store_state_of(s, &ids[i], &state), STATUS_OK);
		assert_int_equal(state, STORE_STATE_PENDING);
	}
	uint64_t pending = fx_pending_count(s);
	/* At most one commit per round can have landed without its ack. */
	print_message("%zu acknowledged, %llu stored after %u kills\n", as->n,
	              (unsigned long long)pending, rounds);
	assert_true(pending >= as->n && pending <= as->n + rounds);
	assert_int_equal(store_mood_counts(s, test_day(), counts), STATUS_OK);
	for (int m = 0; m < NOTE_MOOD_COUNT; m++)
		counted += counts[m];
	assert_int_equal(counted, pending);

	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_OK);
	assert_int_equal(got.n, pending);
	fx_id_index_init(&ix, ids, as->n);
	size_t found = 0;
	for (size_t i = 0; i < got.n; i++) {
		assert_int_equal(got.v[i].damage, STATUS_OK);
		size_t k = fx_id_index_find(&ix, &got.v[i].id);
		if (k == SIZE_MAX)
			continue; /* committed, killed before the ack: allowed */
		size_t len = note_text(as->v[k].round, as->v[k].seq, text, sizeof text);
		assert_int_equal(got.v[i].len, len);
		assert_memory_equal(got.v[i].text, text, len);
		assert_int_equal(got.v[i].day, test_day());
		found++;
	}
	assert_int_equal(found, as->n);
	fx_id_index_free(&ix);
	fx_notes_free(&got);
	free(ids);
	store_close(s);
}

static void power_loss(void **state)
{
	(void)state;
	char *dir = fx_tmpdir(true);
	char *db = fx_path(dir, "store.treehole");
	acks as = {0};
	size_t open_kills = 0, submit_kills = 0, empty_rounds = 0;
	double t0 = fx_now();

	store_close(fx_create_store(db, 0));
	for (uint32_t r = 0; r < POWER_LOSS_ROUNDS; r++) {
		bool during_open = r % KILL_DURING_OPEN_EVERY == 0;
		size_t got = one_round(db, r, &as, during_open);
		if (during_open)
			open_kills++;
		else
			submit_kills++;
		empty_rounds += got == 0;
	}
	print_message("%zu kills while opening, %zu while submitting, %zu rounds without an ack; "
	              "%.1f s\n",
	              open_kills, submit_kills, empty_rounds, fx_now() - t0);
	/* The submit rounds waited for the open, so acks must have come. */
	assert_true(as.n > 0);
	fx_assert_integrity(db);
	verify(db, &as, POWER_LOSS_ROUNDS);
	fx_assert_integrity(db);
	free(as.v);
	free(db);
	fx_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(power_loss),
	};

	return cmocka_run_group_tests_name("safety_power_loss", tests, fx_group_setup, NULL);
}

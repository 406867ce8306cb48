/* test_layout.c — the file's layout must not tell arrival order.
 *
 * SQLite allocates pages as rows arrive, so where a ciphertext sits in the
 * file follows the order notes were written, whatever the random ids say.
 * store_tidy() and store_backup() rewrite the file in id order; after them
 * the page of each note must be unrelated to when it came. */
#include "fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LAYOUT_NOTES 300
/* |rho| of 300 independent ranks has a standard deviation of ~0.058, and
 * the ids are fresh random bytes each run (a failure cannot be replayed):
 * the bound is 5.2 deviations, a false alarm in ~5 million checks, and
 * still far from the ordered file's rho. */
#define RHO_RANDOM 0.30
#define RHO_ORDERED 0.8

typedef struct layout_ctx {
	char *dir;
	char *db;
	note_id ids[LAYOUT_NOTES];
	uint8_t *tails[LAYOUT_NOTES]; /* last 64 bytes of each sealed box */
} layout_ctx;

static int setup(void **state)
{
	layout_ctx *c = calloc(1, sizeof *c);
	char text[3 * 700 + 1];

	c->dir = fx_tmpdir(true);
	c->db = fx_path(c->dir, "layout.db");
	store *s = fx_create_store(c->db, 0);
	sqlite3 *raw = fx_sql_open(c->db);
	for (int i = 0; i < LAYOUT_NOTES; i++) {
		/* ~600 ideographs: the 2 KiB bucket, larger than a row can keep in
		 * its leaf page, so each note takes an overflow page of its own */
		fx_random_cjk(text, sizeof text, 600);
		c->ids[i] = fx_submit(s, NOTE_MOOD_CALM, text);
		size_t len;
		uint8_t *box = fx_sql_blob_by_id(raw, "pending", "box", &c->ids[i], &len);
		c->tails[i] = malloc(64);
		memcpy(c->tails[i], box + len - 64, 64);
		free(box);
	}
	sqlite3_close(raw);
	store_close(s); /* last connection: checkpoints everything into the db */
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	layout_ctx *c = *state;
	for (int i = 0; i < LAYOUT_NOTES; i++)
		free(c->tails[i]);
	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

static size_t *g_pages; /* for qsort's comparator */

static int by_page(const void *a, const void *b)
{
	size_t pa = g_pages[*(const size_t *)a], pb = g_pages[*(const size_t *)b];
	return (pa > pb) - (pa < pb);
}

/* Spearman rho between arrival order and the file offset of each note. */
static double layout_rho(layout_ctx *c, const char *path)
{
	size_t len, pages[LAYOUT_NOTES], order[LAYOUT_NOTES], ranks[LAYOUT_NOTES];
	uint8_t *file = fx_read_file(path, &len);

	assert_non_null(file);
	for (size_t i = 0; i < LAYOUT_NOTES; i++) {
		const uint8_t *at = fx_memfind(file, len, c->tails[i], 64);
		assert_non_null(at);
		pages[i] = (size_t)(at - file);
		order[i] = i;
	}
	g_pages = pages;
	qsort(order, LAYOUT_NOTES, sizeof order[0], by_page);
	for (size_t r = 0; r < LAYOUT_NOTES; r++)
		ranks[order[r]] = r;
	free(file);
	return fx_spearman(ranks, LAYOUT_NOTES);
}

static void test_untidy_file_is_ordered(void **state)
{
	layout_ctx *c = *state;
	/* Proves the probe sees the leak it guards against. */
	double rho = layout_rho(c, c->db);
	print_message("before tidy: rho = %+.3f\n", rho);
	assert_true(fabs(rho) > RHO_ORDERED);
}

static void test_tidy_scrambles_layout(void **state)
{
	layout_ctx *c = *state;
	store *s = fx_open_store(c->db);
	char *wal = fx_suffix(c->db, "-wal");
	size_t wal_len;

	assert_int_equal(store_tidy(s), STATUS_OK);
	uint8_t *w = fx_read_file(wal, &wal_len);
	assert_int_equal(wal_len, 0); /* the WAL is no log of commits either */
	free(w);
	store_close(s);
	double rho = layout_rho(c, c->db);
	print_message("after tidy: rho = %+.3f\n", rho);
	assert_true(fabs(rho) < RHO_RANDOM);
	/* and every note still reads */
	s = fx_open_store(c->db);
	assert_int_equal(store_unlock(s, FX_PASS, FX_PASS_LEN), STATUS_OK);
	fx_notes got = {0};
	assert_int_equal(store_pending_each(s, fx_collect, &got), STATUS_OK);
	assert_int_equal(got.n, LAYOUT_NOTES);
	for (size_t i = 0; i < got.n; i++)
		assert_int_equal(got.v[i].damage, STATUS_OK);
	fx_notes_free(&got);
	store_close(s);
	free(wal);
}

static void test_backup_scrambles_layout(void **state)
{
	layout_ctx *c = *state;
	store *s = fx_open_store(c->db);
	char *copy = fx_path(c->dir, "backup.db");

	assert_int_equal(store_backup(s, copy), STATUS_OK);
	store_close(s);
	double rho = layout_rho(c, copy);
	print_message("backup: rho = %+.3f\n", rho);
	assert_true(fabs(rho) < RHO_RANDOM);
	fx_assert_integrity(copy);
	free(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_untidy_file_is_ordered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tidy_scrambles_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_scrambles_layout, setup, teardown),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}

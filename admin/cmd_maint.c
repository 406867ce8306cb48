/* cmd_maint.c — stats, backup, check and purge: looking after the file. */
#include <stdio.h>

#include "commands.h"
#include "output.h"

int cmd_stats(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin stats [--json]";
	bool json = false;
	args_opt opts[] = { { "--json", NULL, &json } };
	out_stats os = { 0 };
	args_result res;
	store *s = NULL;
	status st;
	int rc = admin_parse(ctx, argc, argv, opts, 1, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	os.today = store_today(s);
	st = store_get_stats(s, &os.stats);
	if (!st)
		st = store_mood_counts(s, os.today, os.moods_today);
	store_close(s);
	if (st)
		return admin_fail("stats", st);
	if (!(json ? out_stats_json(stdout, &os) : out_stats_text(stdout, &os)) ||
	    fflush(stdout) != 0)
		return admin_fail_msg("stats", "cannot write the output");
	return ADMIN_EXIT_OK;
}

int cmd_backup(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin backup FILE";
	args_result res;
	store *s = NULL;
	status st;
	int rc = admin_parse(ctx, argc, argv, NULL, 0, usage, 1, 1, &res);

	if (rc >= 0)
		return rc;
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	st = store_backup(s, res.pos[0]);
	store_close(s);
	if (st)
		return admin_fail("backup", st);
	printf("Backup written to %s.\n", res.pos[0]);
	return ADMIN_EXIT_OK;
}

/* Unlocks only if a passphrase comes without asking: check must be able to
 * run from cron. OUT: *unlocked. Returns false on a wrong passphrase. */
static bool check_unlock(const admin_ctx *ctx, store *s, bool *unlocked)
{
	pass_request req = admin_pass_request(ctx, false);

	*unlocked = false;
	if (!pass_available(&req))
		return true;
	if (!admin_unlock(ctx, s, "check"))
		return false;
	*unlocked = true;
	return true;
}

int cmd_check(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin check";
	args_result res;
	store *s = NULL;
	uint64_t damaged = 0;
	bool unlocked = false;
	char msg[160];
	status st;
	int rc = admin_parse(ctx, argc, argv, NULL, 0, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	if (!check_unlock(ctx, s, &unlocked)) {
		store_close(s);
		return ADMIN_EXIT_FAIL;
	}
	st = store_check(s, &damaged);
	store_close(s);
	if (st) {
		printf("damaged: the database file itself\n");
		return admin_fail("check", st);
	}
	if (damaged > 0) {
		printf("damaged: %llu note(s) failed authentication\n", (unsigned long long)damaged);
		snprintf(msg, sizeof msg,
		         "%llu damaged note(s); 'pending' and 'feed' show them as (damaged), "
		         "'reject ID' removes them",
		         (unsigned long long)damaged);
		return admin_fail_msg("check", msg);
	}
	printf("ok\n");
	if (!unlocked)
		printf("(pending notes not checked: give the passphrase with --passphrase-file "
		       "or " ADMIN_ENV_PASS " to check them too)\n");
	if (!unlocked && !ctx->fingerprint)
		printf("(signatures were checked against the keys named in the file itself; pin "
		       "them with --fingerprint, or give the passphrase, to tell a replaced key)\n");
	return ADMIN_EXIT_OK;
}

int cmd_purge(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin purge --older-than-days N";
	const char *days_arg = NULL;
	args_opt opts[] = { { "--older-than-days", &days_arg, NULL } };
	args_result res;
	store *s = NULL;
	uint64_t removed = 0;
	long days = 0;
	status st;
	int rc = admin_parse(ctx, argc, argv, opts, 1, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (!days_arg)
		return admin_usage_error("purge", "--older-than-days N is required", usage);
	if (!args_int(days_arg, 0, 1000000, &days))
		return admin_usage_error("purge", "N is a whole number of days, 0 or more", usage);
	if (!admin_open_unlocked(ctx, &s, "purge"))
		return ADMIN_EXIT_FAIL;
	st = store_purge(s, (int)days, &removed);
	if (!st)
		admin_tidy(s, removed > 0);
	store_close(s);
	if (st)
		return admin_fail("purge", st);
	printf("Removed %llu note(s) written more than %ld day(s) ago.\n",
	       (unsigned long long)removed, days);
	return ADMIN_EXIT_OK;
}

int cmd_tidy(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin tidy";
	args_result res;
	store *s = NULL;
	int rc = admin_parse(ctx, argc, argv, NULL, 0, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	status st = store_tidy(s);
	store_close(s);
	if (st)
		return admin_fail("tidy", st);
	printf("Tidied: the file's layout no longer follows the order notes arrived in.\n");
	return ADMIN_EXIT_OK;
}

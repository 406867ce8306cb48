/* cmd_setup.c — init, passwd and feed-delay: the store and its keys. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

static bool kdf_by_name(const char *name, vault_kdf *out)
{
	if (strcmp(name, "interactive") == 0)
		*out = vault_kdf_interactive();
	else if (strcmp(name, "moderate") == 0)
		*out = vault_kdf_moderate();
	else if (strcmp(name, "sensitive") == 0)
		*out = vault_kdf_sensitive();
	else
		return false;
	return true;
}

static int create(const admin_ctx *ctx, const store_create_opts *opts)
{
	pass_request req = admin_pass_request(ctx, true);
	passphrase pass = { 0 };
	char err[256];
	store *s = NULL;
	status st;

	req.prompt = "New operator passphrase: ";
	req.confirm = true;
	if (pass_get(&req, &pass, err, sizeof err) != PASS_OK)
		return admin_fail_msg("init", err);
	char fingerprint[17];
	st = store_create(ctx->db_path, pass.text, pass.len, opts, &s);
	pass_free(&pass);
	if (st)
		return admin_fail(ctx->db_path, st);
	store_key_fingerprint(s, fingerprint);
	store_close(s);
	printf("Created %s (feed delay %d day(s)).\n"
	       "Operator key fingerprint: %s (note it down: `stats` shows it, and a\n"
	       "different one means the store's key was replaced).\n"
	       "Keep the passphrase safe: without it nobody can read or moderate the\n"
	       "pending notes, and it cannot be recovered.\n",
	       ctx->db_path, opts->feed_delay_days, fingerprint);
	return ADMIN_EXIT_OK;
}

int cmd_init(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
		"treehole-admin init [--feed-delay-days N] [--kdf interactive|moderate|sensitive]";
	const char *delay_arg = NULL, *kdf_arg = NULL;
	args_opt opts[] = {
		{ "--feed-delay-days", &delay_arg, NULL },
		{ "--kdf", &kdf_arg, NULL },
	};
	store_create_opts co = { .feed_delay_days = STORE_DEFAULT_FEED_DELAY_DAYS };
	args_result res;
	long delay = STORE_DEFAULT_FEED_DELAY_DAYS;
	int rc = admin_parse(ctx, argc, argv, opts, 2, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (delay_arg && !args_int(delay_arg, 0, STORE_MAX_FEED_DELAY_DAYS, &delay))
		return admin_usage_error("init", "--feed-delay-days needs a whole number of days "
		                                 "from 0 to 365", usage);
	co.feed_delay_days = (int)delay;
	co.kdf = vault_kdf_moderate();
	if (kdf_arg && !kdf_by_name(kdf_arg, &co.kdf))
		return admin_usage_error("init", "--kdf is one of interactive, moderate, sensitive",
		                         usage);
	/* store_create refuses too; checking first spares typing a passphrase */
	if (access(ctx->db_path, F_OK) == 0)
		return admin_fail(ctx->db_path, STATUS_EXISTS);
	return create(ctx, &co);
}

/* Rewraps under the new passphrase; old is already known to be right. */
static int change(store *s, const passphrase *old, const char *new_file)
{
	pass_request req = {
		.file = new_file,
		.env = ADMIN_ENV_NEW_PASS,
		.prompt = "New operator passphrase: ",
		.confirm = true,
		.allow_tty = true,
		.hint = "use --new-passphrase-file FILE or set " ADMIN_ENV_NEW_PASS,
	};
	passphrase new_pass = { 0 };
	char err[256];
	status st;

	if (pass_get(&req, &new_pass, err, sizeof err) != PASS_OK)
		return admin_fail_msg("passwd", err);
	st = store_passwd(s, old->text, old->len, new_pass.text, new_pass.len);
	pass_free(&new_pass);
	if (st)
		return admin_fail("passwd", st);
	printf("Passphrase changed.\n");
	return ADMIN_EXIT_OK;
}

int cmd_passwd(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin passwd [--new-passphrase-file FILE]";
	const char *new_file = NULL;
	args_opt opts[] = { { "--new-passphrase-file", &new_file, NULL } };
	pass_request req = admin_pass_request(ctx, true);
	passphrase old = { 0 };
	args_result res;
	char err[256];
	store *s = NULL;
	status st;
	int rc = admin_parse(ctx, argc, argv, opts, 1, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	req.prompt = "Current operator passphrase: ";
	if (pass_get(&req, &old, err, sizeof err) != PASS_OK) {
		rc = admin_fail_msg("passwd", err);
		goto out;
	}
	/* check the old one before asking for the new one twice, and keep the
	 * key locked while the new one is typed: store_passwd unwraps again */
	st = store_unlock(s, old.text, old.len);
	store_lock(s);
	rc = st ? admin_fail("passwd", st) : change(s, &old, new_file);
out:
	pass_free(&old);
	store_close(s);
	return rc;
}

int cmd_feed_delay(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin feed-delay [N]";
	args_result res;
	store *s = NULL;
	long days = 0;
	int cur = 0;
	status st;
	int rc = admin_parse(ctx, argc, argv, NULL, 0, usage, 0, 1, &res);

	if (rc >= 0)
		return rc;
	if (res.npos == 1 && !args_int(res.pos[0], 0, STORE_MAX_FEED_DELAY_DAYS, &days))
		return admin_usage_error("feed-delay", "N is a whole number of days from 0 to 365",
		                         usage);
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	if (res.npos == 0) {
		st = store_feed_delay(s, &cur);
		if (!st)
			printf("%d\n", cur);
	} else if (!admin_unlock(ctx, s, "feed-delay")) {
		/* only the operator may change what passersby see */
		store_close(s);
		return ADMIN_EXIT_FAIL;
	} else {
		st = store_set_feed_delay(s, (int)days);
		if (!st)
			printf("Feed delay set to %ld day(s).\n", days);
	}
	store_close(s);
	return st ? admin_fail("feed-delay", st) : ADMIN_EXIT_OK;
}

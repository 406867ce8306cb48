/* admin.c — shared plumbing of treehole-admin's commands (see admin.h). */
#include "admin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_OPTS 16

int admin_fail(const char *what, status st)
{
	fprintf(stderr, "treehole-admin: %s: %s\n", what, status_message(st));
	return ADMIN_EXIT_FAIL;
}

int admin_fail_msg(const char *what, const char *reason)
{
	fprintf(stderr, "treehole-admin: %s: %s\n", what, reason);
	return ADMIN_EXIT_FAIL;
}

int admin_usage_error(const char *what, const char *problem, const char *usage)
{
	fprintf(stderr, "treehole-admin: %s: %s\nusage: %s\n"
	                "Try 'treehole-admin --help' for more.\n",
	        what, problem, usage);
	return ADMIN_EXIT_USAGE;
}

int admin_parse(admin_ctx *ctx, int argc, char **argv, const args_opt *opts, size_t n,
                const char *usage, int min_pos, int max_pos, args_result *res)
{
	args_opt all[MAX_OPTS];
	size_t count = 0;

	all[count++] = (args_opt){ "--db", &ctx->db_path, NULL };
	all[count++] = (args_opt){ "--passphrase-file", &ctx->pass_file, NULL };
	all[count++] = (args_opt){ "--fingerprint", &ctx->fingerprint, NULL };
	for (size_t i = 0; i < n && count < MAX_OPTS; i++)
		all[count++] = opts[i];
	/* positionals are compacted into argv itself: the write index never
	 * passes the read index */
	if (!args_parse(argc, argv, 1, all, count, argv + 1, res))
		return admin_usage_error(argv[0], res->error, usage);
	if (res->help) {
		printf("usage: %s\n", usage);
		return ADMIN_EXIT_OK;
	}
	if (res->npos < min_pos)
		return admin_usage_error(argv[0], "missing argument", usage);
	if (max_pos >= 0 && res->npos > max_pos)
		return admin_usage_error(argv[0], "too many arguments", usage);
	return -1;
}

bool admin_open(const admin_ctx *ctx, store **out)
{
	status st = store_open(ctx->db_path, STORE_OPEN_READ_WRITE, out);

	if (st) {
		admin_fail(ctx->db_path, st);
		return false;
	}
	if (ctx->today >= 0)
		store_set_today(*out, ctx->today);
	if (ctx->fingerprint && (st = store_expect_fingerprint(*out, ctx->fingerprint))) {
		admin_fail(st == STATUS_BAD_ARGUMENT ? "--fingerprint (16 hex digits)" : ctx->db_path, st);
		store_close(*out);
		*out = NULL;
		return false;
	}
	return true;
}

bool admin_open_unlocked(const admin_ctx *ctx, store **out, const char *what)
{
	if (!admin_open(ctx, out))
		return false;
	if (admin_unlock(ctx, *out, what))
		return true;
	store_close(*out);
	*out = NULL;
	return false;
}

pass_request admin_pass_request(const admin_ctx *ctx, bool allow_tty)
{
	return (pass_request){
		.file = ctx->pass_file,
		.env = ADMIN_ENV_PASS,
		.prompt = "Operator passphrase: ",
		.confirm = false,
		.allow_tty = allow_tty,
		.hint = "use --passphrase-file FILE or set " ADMIN_ENV_PASS,
	};
}

bool admin_unlock(const admin_ctx *ctx, store *s, const char *what)
{
	pass_request req = admin_pass_request(ctx, true);
	passphrase pass = { 0 };
	char err[256];
	status st;

	if (pass_get(&req, &pass, err, sizeof err) != PASS_OK) {
		admin_fail_msg(what, err);
		return false;
	}
	st = store_unlock(s, pass.text, pass.len);
	pass_free(&pass);
	if (st) {
		admin_fail(what, st);
		return false;
	}
	return true;
}

/* Above this, a tidy takes longer than a kiosk should wait to write. */
#define ADMIN_TIDY_MAX_BYTES (64u << 20)

void admin_tidy(store *s, unsigned changed)
{
	struct stat sb;
	status st = STATUS_OK;

	if (changed == 0)
		return;
	fflush(stdout); /* what was done shows before the rewrite starts */
	if (stat(store_path(s), &sb) == 0 && (uintmax_t)sb.st_size > ADMIN_TIDY_MAX_BYTES)
		st = STATUS_BUSY;
	else
		st = store_tidy(s);
	if (st)
		fprintf(stderr, "treehole-admin: note: the store was not tidied now (%s); run "
		                "`treehole-admin tidy` when the kiosk is idle so its layout does not "
		                "tell arrival order\n",
		        st == STATUS_BUSY ? "large store" : status_name(st));
}

bool admin_secure_stream(FILE *f, void **buf)
{
	*buf = vault_alloc(BUFSIZ);
	if (!*buf)
		return false;
	if (setvbuf(f, *buf, isatty(fileno(f)) ? _IOLBF : _IOFBF, BUFSIZ) != 0) {
		vault_free(*buf);
		*buf = NULL;
		return false;
	}
	return true;
}

static void *stdout_buf;

/* At exit: flush, then wipe what the buffer last held. The buffer stays
 * mapped, since stdio may still touch it while the process ends. */
static void wipe_stdout(void)
{
	fflush(stdout);
	vault_wipe(stdout_buf, BUFSIZ);
}

void admin_secure_stdout(void)
{
	if (stdout_buf || !admin_secure_stream(stdout, &stdout_buf))
		return;
	atexit(wipe_stdout);
}

status admin_read_stdin(size_t cap, char **out, size_t *len)
{
	char *buf = vault_alloc(cap + 1);
	size_t got = 0;

	if (!buf)
		return STATUS_NO_MEMORY;
	while (got <= cap) {
		ssize_t r = read(STDIN_FILENO, buf + got, cap + 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			vault_free(buf);
			return STATUS_IO;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got > cap) {
		vault_free(buf);
		return STATUS_TEXT_TOO_LONG;
	}
	*out = buf;
	*len = got;
	return STATUS_OK;
}

size_t admin_strip_newline(const char *text, size_t len)
{
	if (len >= 2 && text[len - 2] == '\r' && text[len - 1] == '\n')
		return len - 2;
	return len >= 1 && text[len - 1] == '\n' ? len - 1 : len;
}

void admin_safe_arg(const char *arg, char out[48])
{
	size_t i = 0;

	for (; arg[i] && i < 40; i++)
		out[i] = (arg[i] >= 0x20 && arg[i] < 0x7f) ? arg[i] : '?';
	if (arg[i]) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

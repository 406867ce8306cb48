/* admin.h — what every treehole-admin command shares: the global options,
 * exit codes, the one-line error reports, and opening/unlocking the store.
 *
 * Error lines go to stderr as "treehole-admin: <what>: <reason>" and never
 * hold note content; what a command shows on purpose goes to stdout. */
#ifndef TREEHOLE_ADMIN_ADMIN_H
#define TREEHOLE_ADMIN_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "args.h"
#include "passphrase.h"
#include "status.h"
#include "store.h"

enum {
	ADMIN_EXIT_OK = 0,
	ADMIN_EXIT_FAIL = 1,
	ADMIN_EXIT_USAGE = 2,
};

#define ADMIN_ENV_DB "TREEHOLE_DB"
#define ADMIN_ENV_PASS "TREEHOLE_PASSPHRASE"
#define ADMIN_ENV_NEW_PASS "TREEHOLE_NEW_PASSPHRASE"
#define ADMIN_ENV_TODAY "TREEHOLE_TODAY"
#define ADMIN_ENV_FINGERPRINT "TREEHOLE_FINGERPRINT"

/* Settings from the global options and the environment; strings are
 * borrowed from argv or the environment. */
typedef struct admin_ctx {
	const char *prog;       /* how we were called, for hints */
	const char *db_path;
	const char *pass_file;  /* --passphrase-file, or NULL */
	const char *fingerprint; /* --fingerprint / TREEHOLE_FINGERPRINT, or NULL */
	int32_t today;          /* TREEHOLE_TODAY as a day number, or -1 */
} admin_ctx;

/* A command: argv[0] is its name. Returns the exit code. */
typedef int (*admin_cmd_fn)(admin_ctx *ctx, int argc, char **argv);

/* Prints "treehole-admin: <what>: <status_message(st)>". Returns 1. */
int admin_fail(const char *what, status st);

/* Prints "treehole-admin: <what>: <reason>". Returns 1. */
int admin_fail_msg(const char *what, const char *reason);

/* Prints "treehole-admin: <what>: <problem>" and the usage line of the
 * command on stderr. Returns 2. */
int admin_usage_error(const char *what, const char *problem, const char *usage);

/* Parses a command's options (plus the global --db and --passphrase-file,
 * which may also follow the command) and checks the positional count is
 * within [min_pos, max_pos] (max_pos < 0: no limit). Positionals end up in
 * res->pos (reusing argv's slots). Returns -1 to go on, or the exit code
 * to return at once: 0 after printing the usage for --help, 2 on a usage
 * error. */
int admin_parse(admin_ctx *ctx, int argc, char **argv, const args_opt *opts, size_t n,
                const char *usage, int min_pos, int max_pos, args_result *res);

/* Opens the store at ctx->db_path, applies ctx->today and, if one is
 * pinned, checks the key fingerprint. Reports the failure itself. Returns
 * true and *out (caller closes) on success. */
bool admin_open(const admin_ctx *ctx, store **out);

/* admin_open, then admin_unlock under `what`. On failure the store is
 * closed again and *out is NULL. */
bool admin_open_unlocked(const admin_ctx *ctx, store **out, const char *what);

/* The usual request for the operator passphrase: --passphrase-file, then
 * TREEHOLE_PASSPHRASE, then the terminal if allow_tty. */
pass_request admin_pass_request(const admin_ctx *ctx, bool allow_tty);

/* Gets the passphrase (prompting on the terminal if needed), unlocks `s`
 * and wipes the passphrase. Reports a failure under `what` itself.
 * Returns true once unlocked. */
bool admin_unlock(const admin_ctx *ctx, store *s, const char *what);

/* After `changed` notes moved or went: rewrites the store so its layout
 * says nothing of arrival order (store_tidy), if it is small enough to do
 * so in about a second — the kiosk cannot write meanwhile. Otherwise, and
 * on failure, a one-line hint on stderr to run `tidy` when the kiosk is
 * idle; the moderation itself stands either way. */
void admin_tidy(store *s, unsigned changed);

/* Gives stdout a buffer in locked, wiped-on-free memory, since it carries
 * note text; call before the first output. Safe to call more than once. */
void admin_secure_stdout(void);

/* Gives `f` a buffer in locked memory. OUT: *buf, to vault_free() after
 * fclose(f). Returns false (f unchanged) if no memory was available. */
bool admin_secure_stream(FILE *f, void **buf);

/* Reads all of stdin into vault memory (a note's text, maybe a draft
 * nobody approved), at most `cap` bytes. OUT: *out (vault_free it), *len.
 * STATUS_TEXT_TOO_LONG past the cap (without reading on forever),
 * STATUS_IO on a read error, STATUS_NO_MEMORY. */
status admin_read_stdin(size_t cap, char **out, size_t *len);

/* The length of `text` without the one line break (\n or \r\n) that
 * `echo` adds and the writer did not type. */
size_t admin_strip_newline(const char *text, size_t len);

/* Copies a user-typed argument for an error line: at most 40 bytes,
 * anything but printable ASCII as "?". */
void admin_safe_arg(const char *arg, char out[48]);

#endif

/* passphrase.h — where treehole-admin gets the operator passphrase from.
 *
 * Sources, first match wins: a file named on the command line (its first
 * line, without the "\n" or "\r\n"), an environment variable, and last the
 * terminal (/dev/tty) with echo turned off. The terminal's settings are
 * restored on every path out, including Ctrl-C and other fatal signals.
 *
 * A passphrase lives only in vault_alloc()ed memory (locked, guarded, wiped
 * on free). It is never written anywhere, logged or echoed. */
#ifndef TREEHOLE_ADMIN_PASSPHRASE_H
#define TREEHOLE_ADMIN_PASSPHRASE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pass_request {
	const char *file;     /* a file to read, or NULL */
	const char *env;      /* name of an environment variable, or NULL */
	const char *prompt;   /* what the terminal shows, e.g. "Passphrase: " */
	bool confirm;         /* on a terminal, ask twice and compare */
	bool allow_tty;       /* false: never prompt (for `check`) */
	const char *hint;     /* how to give it without a terminal, for errors */
} pass_request;

/* A passphrase in vault memory; text is NUL-terminated, len excludes it. */
typedef struct passphrase {
	char *text;
	size_t len;
} passphrase;

typedef enum pass_result {
	PASS_OK = 0,
	PASS_NONE,    /* no file or variable given and the terminal not allowed */
	PASS_ERROR,   /* see the message */
} pass_result;

/* Reads a passphrase as `req` says. On PASS_OK the caller owns *out and
 * releases it with pass_free(). On PASS_ERROR `err` (errlen bytes) holds a
 * sentence for the user (never the passphrase). Empty passphrases and ones
 * over STORE_MAX_PASSPHRASE_BYTES are refused. */
pass_result pass_get(const pass_request *req, passphrase *out, char *err, size_t errlen);

/* Wipes and frees. Accepts an already freed or zeroed passphrase. */
void pass_free(passphrase *p);

/* True if a non-interactive source (the file or the variable) is given. */
bool pass_available(const pass_request *req);

#endif

/* args.h — the small command-line parser every treehole-admin command uses.
 *
 * Options are long only ("--json", "--out FILE" or "--out=FILE"), may come
 * before, between or after the positional arguments, and "--" ends them.
 * A word that starts with "-" followed by a digit is a positional argument
 * (so a negative number reaches the range check and gets a clear message). */
#ifndef TREEHOLE_ADMIN_ARGS_H
#define TREEHOLE_ADMIN_ARGS_H

#include <stdbool.h>
#include <stddef.h>

/* One option a command accepts. Exactly one of `value` (option with an
 * argument) or `flag` (option without) is non-NULL. */
typedef struct args_opt {
	const char *name;     /* with the dashes: "--out" */
	const char **value;   /* OUT: the argument; borrowed from argv */
	bool *flag;           /* OUT: set to true when present */
} args_opt;

/* The outcome of args_parse: positionals are collected in order into
 * `pos`, which points into a caller-supplied array (borrowed from argv).
 * On a usage error `error` holds a sentence for the user. */
typedef struct args_result {
	char **pos;
	int npos;
	bool help;            /* "--help" or "-h" was given */
	char error[160];
} args_result;

/* Parses argv[first..argc) against `opts` (n entries). `pos_store` must
 * have room for argc entries. Returns false on a usage error (unknown
 * option, missing argument), with out->error set. */
bool args_parse(int argc, char **argv, int first, const args_opt *opts, size_t n,
                char **pos_store, args_result *out);

/* Parses a whole decimal number in [min, max] with nothing around it.
 * OUT: *out. Returns false for anything else. */
bool args_int(const char *s, long min, long max, long *out);

#endif

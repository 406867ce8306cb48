/* args.c — long-option parsing for treehole-admin (see args.h). */
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool looks_like_option(const char *w)
{
	if (w[0] != '-' || w[1] == '\0')
		return false;
	/* "-5" is a (negative) number for the range check, not an option */
	return !(w[1] >= '0' && w[1] <= '9');
}

static const args_opt *find_opt(const args_opt *opts, size_t n, const char *word, size_t len)
{
	for (size_t i = 0; i < n; i++) {
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, word, len) == 0)
			return &opts[i];
	}
	return NULL;
}

/* Handles the option at argv[*i]; advances *i past a separate argument. */
static bool take_option(int argc, char **argv, int *i, const args_opt *opts, size_t n,
                        args_result *out)
{
	const char *word = argv[*i];
	const char *eq = strchr(word, '=');
	size_t name_len = eq ? (size_t)(eq - word) : strlen(word);
	const args_opt *o = find_opt(opts, n, word, name_len);

	if (!o) {
		snprintf(out->error, sizeof out->error, "unknown option '%.*s'",
		         (int)(name_len > 60 ? 60 : name_len), word);
		return false;
	}
	if (o->flag) {
		if (eq) {
			snprintf(out->error, sizeof out->error, "option '%s' takes no value", o->name);
			return false;
		}
		*o->flag = true;
		return true;
	}
	if (eq) {
		*o->value = eq + 1;
		return true;
	}
	if (*i + 1 >= argc) {
		snprintf(out->error, sizeof out->error, "option '%s' needs a value", o->name);
		return false;
	}
	*o->value = argv[++*i];
	return true;
}

bool args_parse(int argc, char **argv, int first, const args_opt *opts, size_t n,
                char **pos_store, args_result *out)
{
	bool only_pos = false;

	out->pos = pos_store;
	out->npos = 0;
	out->help = false;
	out->error[0] = '\0';
	for (int i = first; i < argc; i++) {
		const char *w = argv[i];
		if (only_pos || !looks_like_option(w)) {
			out->pos[out->npos++] = argv[i];
		} else if (strcmp(w, "--") == 0) {
			only_pos = true;
		} else if (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0) {
			out->help = true;
		} else if (!take_option(argc, argv, &i, opts, n, out)) {
			return false;
		}
	}
	return true;
}

bool args_int(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long v;

	if (!s || !*s || !((*s >= '0' && *s <= '9') || *s == '-'))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

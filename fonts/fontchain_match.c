/* fontchain_match.c — a family name to a font file and face index, with
 * fontconfig, refusing the substitutes it offers for missing families. */
#include "fontchain_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* The family is added as a literal value, not through FcNameParse, so a
 * configured name containing ':' or '-' is not read as font properties. */
static FcPattern *best_match(FcConfig *config, const char *family, bool *nomem)
{
	FcPattern *pat = FcPatternCreate();
	FcPattern *match;
	FcResult res = FcResultNoMatch;

	if (!pat || !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
		goto err_nomem;
	if (!FcConfigSubstitute(config, pat, FcMatchPattern))
		goto err_nomem;
	FcDefaultSubstitute(pat);
	match = FcFontMatch(config, pat, &res);
	FcPatternDestroy(pat);
	return match;

err_nomem:
	FcPatternDestroy(pat);
	*nomem = true;
	return NULL;
}

/* Family names compare as fontconfig compares them (its own comparison is
 * not public): spaces ignored, ASCII letters in either case. */
static bool same_family(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

/* Without this check a configured "noto sans cjk sc" would be called
 * missing though fontconfig matched it, and a missing family would be
 * called present because fontconfig matched a substitute. */
static const char *requested_family(FcPattern *match, const char *family)
{
	FcChar8 *s;

	for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (same_family((const char *)s, family))
			return (const char *)s;
	return NULL;
}

bool fontchain_match_family(FcConfig *config, const char *family, char **path, int *index,
                            char **matched, bool *nomem)
{
	FcPattern *match;
	const char *name;
	FcChar8 *file;
	int idx = 0;

	*path = NULL;
	*matched = NULL;
	*nomem = false;
	match = best_match(config, family, nomem);
	if (!match)
		return false;
	name = requested_family(match, family);
	if (!name || FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch)
		goto err_missing;
	(void)FcPatternGetInteger(match, FC_INDEX, 0, &idx);
	*path = dup_str((const char *)file);
	*matched = dup_str(name);
	if (!*path || !*matched)
		goto err_nomem;
	*index = idx;
	FcPatternDestroy(match);
	return true;

err_nomem:
	*nomem = true;
	free(*path);
	free(*matched);
	*path = NULL;
	*matched = NULL;
err_missing:
	FcPatternDestroy(match);
	return false;
}

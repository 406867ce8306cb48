/* i18n.c — finds the message catalog and selects the language. */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TREEHOLE_BUILD_LOCALEDIR
#define TREEHOLE_BUILD_LOCALEDIR ""
#endif
#ifndef TREEHOLE_INSTALL_LOCALEDIR
#define TREEHOLE_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif

#define CATALOG "/" I18N_ZH "/LC_MESSAGES/" I18N_DOMAIN ".mo"

/* The empty msgid, through a variable so that xgettext does not take it
 * for an interface string. */
static const char *const header_msgid = "";
static char localedir[PATH_MAX];
static char language[8] = I18N_EN;

__attribute__((format(printf, 3, 4)))
static void say(char *msg, size_t msg_len, const char *fmt, ...)
{
	va_list ap;

	if (!msg || msg_len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msg_len, fmt, ap);
	va_end(ap);
}

static bool has_catalog(const char *dir)
{
	char path[PATH_MAX];
	int n;

	if (!dir[0])
		return false;
	n = snprintf(path, sizeof path, "%s%s", dir, CATALOG);
	return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

/* The folder of the running executable. OUT: dir (PATH_MAX bytes). */
static bool exe_dir(char *dir)
{
	ssize_t n = readlink("/proc/self/exe", dir, PATH_MAX - 1);
	char *slash;

	if (n <= 0)
		return false;
	dir[n] = '\0';
	if (!(slash = strrchr(dir, '/')))
		return false;
	*slash = '\0';
	return true;
}

/* Picks the catalog folder (see i18n.h). Without any catalog the install
 * folder is bound, so a message can say where the catalog should be. */
static void find_localedir(void)
{
	const char *env = getenv("TREEHOLE_LOCALEDIR");
	const char *fixed[] = { TREEHOLE_BUILD_LOCALEDIR, TREEHOLE_INSTALL_LOCALEDIR };
	const char *rel[] = { "/../locale", "/../share/locale" };
	char exe[PATH_MAX], cand[PATH_MAX];

	if (env && env[0]) {
		snprintf(localedir, sizeof localedir, "%s", env);
		return;
	}
	if (exe_dir(exe)) {
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			int n = snprintf(cand, sizeof cand, "%s%s", exe, rel[i]);

			if (n > 0 && (size_t)n < sizeof cand && has_catalog(cand)) {
				memcpy(localedir, cand, (size_t)n + 1);
				return;
			}
		}
	}
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		if (has_catalog(fixed[i])) {
			snprintf(localedir, sizeof localedir, "%s", fixed[i]);
			return;
		}
	}
	snprintf(localedir, sizeof localedir, "%s", TREEHOLE_INSTALL_LOCALEDIR);
}

bool i18n_init(const char *lang, char *msg, size_t msg_len)
{
	if (msg && msg_len)
		msg[0] = '\0';
	strcpy(language, I18N_EN);
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		say(msg, msg_len, "the C.UTF-8 locale is missing; the interface stays English");
		return false;
	}
	find_localedir();
	if (!bindtextdomain(I18N_DOMAIN, localedir) ||
	    !bind_textdomain_codeset(I18N_DOMAIN, "UTF-8") || !textdomain(I18N_DOMAIN)) {
		say(msg, msg_len, "cannot bind the message catalog in %s", localedir);
		return false;
	}
	return i18n_set_language(lang, msg, msg_len);
}

bool i18n_set_language(const char *lang, char *msg, size_t msg_len)
{
	const char *header;

	if (msg && msg_len)
		msg[0] = '\0';
	if (!lang)
		lang = I18N_ZH;
	if (strcmp(lang, I18N_ZH) != 0 && strcmp(lang, I18N_EN) != 0) {
		say(msg, msg_len, "unknown language '%s' (use zh_CN or en)", lang);
		lang = I18N_EN;
	}
	/* LANGUAGE names the catalog; re-selecting the domain makes glibc
	 * forget translations it cached for the previous language. */
	if (setenv("LANGUAGE", lang, 1) != 0 || !textdomain(I18N_DOMAIN)) {
		say(msg, msg_len, "cannot switch the language to %s", lang);
		strcpy(language, I18N_EN);
		return false;
	}
	strcpy(language, lang);
	if (msg && msg_len && msg[0])
		return false;
	if (strcmp(lang, I18N_EN) == 0)
		return true;
	/* A loaded catalog translates "" to its header; without one gettext
	 * hands back "", and every string stays English. */
	header = dgettext(I18N_DOMAIN, header_msgid);
	if (header && header[0])
		return true;
	strcpy(language, I18N_EN);
	setenv("LANGUAGE", I18N_EN, 1);
	textdomain(I18N_DOMAIN);
	say(msg, msg_len, "no Chinese message catalog at %s%s; the interface is English", localedir,
	    CATALOG);
	return false;
}

const char *i18n_language(void)
{
	return language;
}

const char *i18n_localedir(void)
{
	return localedir;
}

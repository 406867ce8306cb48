/* i18n.h — the interface language: GNU gettext from glibc, domain
 * "treehole".
 *
 * msgids are English and are what an English interface shows; po/zh_CN.po
 * translates them to Simplified Chinese, the default. Strings are looked
 * up where they are drawn (_("Back")), so switching the language at run
 * time changes every screen drawn afterwards. Counts use ngettext, even
 * though Chinese has a single form, so English reads right.
 *
 * The catalog folder is, in order: $TREEHOLE_LOCALEDIR if set (and then
 * only that), else the first of <exe dir>/../locale (the build tree),
 * <exe dir>/../share/locale (an installed prefix), the build tree's
 * locale folder and the install prefix's, that holds
 * zh_CN/LC_MESSAGES/treehole.mo.
 *
 * glibc reads the language from the LANGUAGE environment variable and the
 * process locale, so these functions change process-wide state: call them
 * from the main thread while no other thread reads the environment or
 * translates. */
#ifndef TREEHOLE_I18N_H
#define TREEHOLE_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define I18N_DOMAIN "treehole"
#define I18N_ZH "zh_CN"
#define I18N_EN "en"

/* Marks a string for translation and translates it now. */
#define _(s) gettext(s)
/* Marks a string for extraction only (tables); translate it with _() where
 * it is drawn. */
#define N_(s) (s)

/* Sets the process locale to C.UTF-8 (present in every glibc since 2.35;
 * LANGUAGE then picks the catalog without a zh_CN locale installed), finds
 * the catalog folder, binds the domain with UTF-8 output and selects
 * `lang` (I18N_ZH or I18N_EN; NULL means I18N_ZH). Returns false, with
 * `msg` (msg_len bytes, may be NULL) saying what is missing, if the
 * Chinese catalog could not be loaded or `lang` is unknown: strings then
 * stay English, which is always safe to show. */
bool i18n_init(const char *lang, char *msg, size_t msg_len);

/* Switches the language at run time (after i18n_init). glibc caches
 * translations, so this also re-selects the domain to drop the cache.
 * Returns false with `msg` as for i18n_init; the interface is then
 * English. */
bool i18n_set_language(const char *lang, char *msg, size_t msg_len);

/* The language strings are shown in right now: I18N_ZH, or I18N_EN (also
 * after a Chinese catalog failed to load). Static storage. */
const char *i18n_language(void);

/* The catalog folder bound by i18n_init ("" before). Static storage. */
const char *i18n_localedir(void);

#endif

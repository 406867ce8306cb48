/* pinyin_impl.h — what the pinyin files share and nobody else sees: the
 * engine's handle on librime for sessions, and the preparation of the
 * data and user directories. */
#ifndef TREEHOLE_PINYIN_IMPL_H
#define TREEHOLE_PINYIN_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <rime_api.h>

/* Rime's application name: the "rime." prefix lets its own cleaner
 * recognise (and remove) old log files, should any ever be written. */
#define PINYIN_APP_NAME "rime.treehole"
/* glog's FATAL level: nothing below it is logged, so no timestamped log
 * file is written in normal operation (log_dir is private regardless). */
#define PINYIN_LOG_LEVEL 3

/* ---- pinyin_engine.c ---- */

/* When READY: counts one more live session and returns the Rime API; the
 * session calls pinyin_engine_release when it ends. NULL otherwise. */
RimeApi *pinyin_engine_acquire(void);
void pinyin_engine_release(void);

/* ---- pinyin_setup.c ---- */

/* Makes `dir` (0700) if missing; refuses one that is not a directory we
 * own; takes group and other permissions away from an existing one.
 * OUT: why (cap bytes) on failure. */
bool pinyin_setup_private_dir(const char *dir, char *why, size_t cap);

/* Writes default.custom.yaml and PINYIN_SCHEMA.custom.yaml into the user
 * directory, each only if its content differs (an unchanged directory
 * lets Rime skip redeploying). OUT: why on failure. */
bool pinyin_setup_write_config(const char *user_dir, char *why, size_t cap);

/* pinyin_check_data() that also says which file is missing.
 * OUT: path (cap bytes; "" when nothing is missing). */
const char *pinyin_setup_missing(const char *shared_dir, char *path, size_t cap);

#endif

/* klog.h — the kiosk's log: one line per event on stderr (the journal,
 * under systemd), tagged by module.
 *
 * What may be logged: what happened and why it failed (statuses, SDL
 * errors, counts). The journal stamps every line to the microsecond, so
 * what a passenger does (writing, submitting, reporting, leaving) is never
 * logged when it succeeds: a log line is a timestamp of their visit. What may never be logged: anything a passenger wrote or
 * typed, any note text, the passphrase, or a time finer than the journal's
 * own. Callers pass only fixed format strings and such values. */
#ifndef TREEHOLE_KLOG_H
#define TREEHOLE_KLOG_H

#if defined(__GNUC__)
#define KLOG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define KLOG_PRINTF(a, b)
#endif

/* Logs an informational line: "treehole[tag]: message". */
void klog_info(const char *tag, const char *fmt, ...) KLOG_PRINTF(2, 3);

/* Logs a failure the app recovered from (it keeps running). */
void klog_error(const char *tag, const char *fmt, ...) KLOG_PRINTF(2, 3);

/* Silences info lines (script runs in tests); errors are always logged. */
void klog_set_quiet(int quiet);

#endif

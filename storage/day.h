/* day.h — the only clock the store knows: whole days.
 *
 * A day number counts local calendar days since 1970-01-01 (so day 0 is
 * 1970-01-01). Nothing finer than a day is ever stored. */
#ifndef TREEHOLE_DAY_H
#define TREEHOLE_DAY_H

#include <stdint.h>

#include "status.h"

/* Today's day number in local time. */
int32_t day_today(void);

/* Day number of a proleptic Gregorian civil date (month 1-12, day 1-31). */
int32_t day_from_civil(int year, int month, int mday);

/* Writes "YYYY-MM-DD" plus NUL into `out`. */
void day_to_iso(int32_t day, char out[11]);

/* Parses exactly "YYYY-MM-DD" with a real calendar date. OUT: *day.
 * Returns STATUS_BAD_ARGUMENT otherwise. */
status day_from_iso(const char *s, int32_t *day);

#endif

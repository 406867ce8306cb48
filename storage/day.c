/* day.c — day numbers from the local calendar. */
#include "day.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no floating point, no time zone. */
int32_t day_from_civil(int year, int month, int mday)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_day(int32_t z, int *year, int *month, int *mday)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*mday = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
	*year = yoe + era * 400 + (*month <= 2);
}

int32_t day_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm))
		return (int32_t)(now / 86400);
	return day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void day_to_iso(int32_t day, char out[11])
{
	int y, m, d;

	civil_from_day(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		memcpy(out, "0000-00-00", 11);
		return;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

status day_from_iso(const char *s, int32_t *day)
{
	int y, m, d;
	char tail;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return STATUS_BAD_ARGUMENT;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return STATUS_BAD_ARGUMENT;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return STATUS_BAD_ARGUMENT;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return STATUS_BAD_ARGUMENT;
	int32_t n = day_from_civil(y, m, d);
	int y2, m2, d2;
	civil_from_day(n, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		return STATUS_BAD_ARGUMENT; /* e.g. 2026-02-30 */
	*day = n;
	return STATUS_OK;
}

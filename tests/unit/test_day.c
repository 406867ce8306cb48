/* test_day.c — day numbers and their calendar dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "day.h"

static void test_known_days(void **state)
{
	(void)state;
	assert_int_equal(day_from_civil(1970, 1, 1), 0);
	assert_int_equal(day_from_civil(2000, 3, 1), 11017);
	assert_int_equal(day_from_civil(2026, 11, 30), 20787);
	char iso[11];
	day_to_iso(20787, iso);
	assert_string_equal(iso, "2026-11-30");
	day_to_iso(day_from_civil(2024, 2, 29), iso);
	assert_string_equal(iso, "2024-02-29");
}

static void test_round_trip(void **state)
{
	(void)state;
	char iso[11];
	int32_t back;
	for (int32_t d = 0; d < 40000; d += 7) {
		day_to_iso(d, iso);
		assert_int_equal(day_from_iso(iso, &back), STATUS_OK);
		assert_int_equal(back, d);
	}
}

static void test_bad_dates(void **state)
{
	(void)state;
	int32_t d;
	const char *bad[] = {"2026-02-30", "2026-13-01", "2026-1-01", "2026-01-01x", "", "abcd-ef-gh",
	                     "2026-00-10", "2025-02-29", "1969-12-31", "2026- 1-01", "+026-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(day_from_iso(bad[i], &d), STATUS_BAD_ARGUMENT);
	assert_int_equal(day_from_iso(NULL, &d), STATUS_BAD_ARGUMENT);
}

static void test_today_is_plausible(void **state)
{
	(void)state;
	int32_t t = day_today();
	assert_true(t > day_from_civil(2024, 1, 1));
	assert_true(t < day_from_civil(2100, 1, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_today_is_plausible),
	};
	return cmocka_run_group_tests_name("day", tests, NULL, NULL);
}

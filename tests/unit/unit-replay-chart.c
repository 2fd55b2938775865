/* Unit tests of src/replay/replay_chart.c: round ticks, the size and the
 * classes of the lines, dates on the time axis, overload and gap marks. */
#include "config.h"
#include "../lib/unit.h"
#include "replay/replay_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_nice(void **state)
{
	assert_true(replay_chart_nice(0) == 1);
	assert_true(replay_chart_nice(1) == 1);
	assert_true(replay_chart_nice(3) == 5);
	assert_true(replay_chart_nice(7300) == 10000);
	assert_true(replay_chart_nice(2100) == 2500);
	assert_true(replay_chart_nice(1999) == 2000);
	assert_true(replay_chart_nice(12) == 20);
}

static size_t cells(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Two days: 1000 per minute, 4000 from 12:00 to 13:00 on the first day
 * (overloaded), a gap of three hours on the second. */
static struct replay_minute *two_days(size_t *n)
{
	struct replay_minute *tl = calloc(2880, sizeof(*tl));
	for (size_t m = 0; m < 2880; m++) {
		bool peak = m >= 720 && m < 780, gap = m >= 2000 && m < 2180;
		tl[m].traffic = gap ? NAN : peak ? 4000 : 1000;
		tl[m].in_service = tl[m].capacity = peak ? 2 : 1;
		tl[m].flags = gap ? REPLAY_F_GAP : peak ? REPLAY_F_OVER : 0;
	}
	*n = 2880;
	return tl;
}

static void test_render(void **state)
{
	size_t n;
	struct replay_minute *tl = two_days(&n);
	struct rchart c;

	assert_int_equal(replay_chart_render(tl, n, 1793577600LL, 80, 16, true, &c), 0);
	assert_int_equal(c.n, 16);
	bool has_top = false, has_date = false, has_over = false, has_gap = false;
	for (size_t i = 0; i < c.n; i++) {
		print_message("# %s\n", c.lines[i].text);
		assert_true(cells(c.lines[i].text) <= 80);
		assert_int_equal(strlen(c.lines[i].cls), cells(c.lines[i].text));
		has_top |= strstr(c.lines[i].text, "5000+") != NULL;
		has_date |= strstr(c.lines[i].text, "11-03") != NULL;
		has_over |= strchr(c.lines[i].cls, RCHART_C_OVER) != NULL;
		has_gap |= strchr(c.lines[i].cls, RCHART_C_GAP) != NULL;
	}
	assert_true(has_top);  /* 4000 rounds up to 5000 */
	assert_true(has_date); /* the second day's midnight */
	assert_true(has_over);
	assert_true(has_gap);
	/* Instances: the top label is the peak, 2. */
	bool two = false;
	for (size_t i = 0; i < c.n; i++)
		two |= strstr(c.lines[i].text, "      2+") != NULL;
	assert_true(two);
	replay_chart_free(&c);

	assert_int_equal(replay_chart_render(tl, n, 1793577600LL, 200, 40, false, &c), 0);
	assert_int_equal(c.n, 40);
	assert_non_null(strstr(c.lines[c.n - 2].text, "\xe2\x94\x94")); /* └ */
	replay_chart_free(&c);
	assert_int_equal(replay_chart_render(tl, n, 1793577600LL, 39, 16, true, &c), -1);
	assert_int_equal(replay_chart_render(tl, n, 1793577600LL, 80, 7, true, &c), -1);
	assert_int_equal(replay_chart_render(tl, 0, 1793577600LL, 80, 16, true, &c), -1);
	free(tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nice),
		cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

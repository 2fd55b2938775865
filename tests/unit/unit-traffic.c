/* Unit tests of src/replay/traffic.c: durations and times, the synthetic
 * shapes (seeded), the CSV reader (periods, gaps, bad input with the line
 * named) and binning datapoints into minutes. */
#include "config.h"
#include "../lib/unit.h"
#include "replay/traffic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_duration(void **state)
{
	long long m;
	char *err = NULL;

	assert_int_equal(traffic_parse_duration("7d", &m, &err), 0);
	assert_int_equal(m, 7 * 1440);
	assert_int_equal(traffic_parse_duration("36h", &m, &err), 0);
	assert_int_equal(m, 36 * 60);
	assert_int_equal(traffic_parse_duration("90m", &m, &err), 0);
	assert_int_equal(m, 90);
	assert_int_equal(traffic_parse_duration("2w", &m, &err), 0);
	assert_int_equal(m, 2 * 7 * 1440);
	assert_int_equal(traffic_parse_duration("45", &m, &err), 0);
	assert_int_equal(m, 45);
	const char *bad[] = { "",      "0",   "-1d",
			      "7x",    "7dd", "d",
			      "3650d", "10y", "99999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(traffic_parse_duration(bad[i], &m, &err), -1);
		assert_non_null(strstr(err, "366 days"));
		free(err);
	}
}

static void test_time(void **state)
{
	long long t;

	assert_int_equal(traffic_parse_time("2026-11-02T09:14:00Z", &t), 0);
	assert_int_equal(t, 1793610840LL);
	assert_int_equal(traffic_parse_time("2026-11-02 09:14", &t), 0);
	assert_int_equal(t, 1793610840LL);
	assert_int_equal(traffic_parse_time("2026-11-02T09:14:00.250+00:00", &t), 0);
	assert_int_equal(t, 1793610840LL);
	assert_int_equal(traffic_parse_time("1793610840", &t), 0);
	assert_int_equal(t, 1793610840LL);
	assert_int_equal(traffic_parse_time("2026-11-02", &t), 0);
	assert_int_equal(t, 1793577600LL);
	assert_int_equal(traffic_parse_time("yesterday", &t), -1);
	assert_int_equal(traffic_parse_time("2026-13-02", &t), -1);
	assert_int_equal(traffic_parse_time("2026-11-02T25:00", &t), -1);
	assert_int_equal(traffic_parse_time("2026-11-02T09:14+02:00", &t), -1);
	assert_int_equal(traffic_parse_time("-5", &t), -1);
	char *s = traffic_format_time(1793610840LL);
	assert_string_equal(s, "2026-11-02 09:14");
	free(s);
}

/* A window: a duration (no start), or FROM..TO (a start and its length). */
static void test_window(void **state)
{
	static const char *const bad[] = { "2026-11-02..",           "..2026-11-02",
					   "2026-11-09..2026-11-02", "2026-11-02..2026-11-02",
					   "2016-01-01..2026-11-02", "yesterday..today",
					   "2026-11-02...2026-11-03" };
	long long m, from;
	char *err = NULL;

	assert_int_equal(traffic_parse_window("2d", &m, &from, &err), 0);
	assert_int_equal(m, 2880);
	assert_int_equal(from, 0);
	assert_int_equal(traffic_parse_window("2026-11-02..2026-11-09", &m, &from, &err), 0);
	assert_int_equal(from, 1793577600LL);
	assert_int_equal(m, 7 * 1440);
	assert_int_equal(
		traffic_parse_window(" 2026-11-02 09:14 .. 2026-11-02T10:44:30Z", &m, &from, &err),
		0);
	assert_int_equal(from, 1793610840LL);
	assert_int_equal(m, 90);
	assert_int_equal(traffic_parse_window("1793610870..1793610990", &m, &from, &err), 0);
	assert_int_equal(from, 1793610840LL);
	assert_int_equal(m, 2);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(traffic_parse_window(bad[i], &m, &from, &err), -1);
		assert_non_null(strstr(err, "invalid window"));
		assert_non_null(strstr(err, "366 days"));
		free(err);
		err = NULL;
	}
	assert_int_equal(traffic_parse_window("99y", &m, &from, &err), -1);
	assert_non_null(strstr(err, "invalid duration"));
	free(err);
	(void)state;
}

static void test_synth(void **state)
{
	struct traffic_synth s;
	struct traffic a, b;
	char *err = NULL;

	assert_int_equal(traffic_synth_parse("diurnal", &s, &err), 0);
	assert_int_equal(s.period, 1440);
	assert_int_equal(s.phase, 840);
	traffic_synth_make(&s, 100, 1000, 1793577600LL, 2880, 42, &a);
	traffic_synth_make(&s, 100, 1000, 1793577600LL, 2880, 42, &b);
	assert_int_equal(a.n, 2880);
	assert_memory_equal(a.v, b.v, a.n * sizeof(double));
	traffic_free(&b);
	traffic_synth_make(&s, 100, 1000, 1793577600LL, 2880, 43, &b);
	assert_true(memcmp(a.v, b.v, a.n * sizeof(double)) != 0);
	/* The peak near 14:00, the trough near 02:00 (noise 10%). */
	assert_true(a.v[14 * 60] > 800 && a.v[2 * 60] < 200);
	for (size_t i = 0; i < a.n; i++)
		assert_true(a.v[i] >= 0 && a.v[i] == floor(a.v[i]));
	traffic_free(&a);
	traffic_free(&b);

	assert_int_equal(traffic_synth_parse("step:2h:500:3000", &s, &err), 0);
	traffic_synth_make(&s, 0, 0, 0, 240, 1, &a);
	assert_true(a.v[119] == 500 && a.v[120] == 3000 && a.v[239] == 3000);
	traffic_free(&a);
	assert_int_equal(traffic_synth_parse("spike:60:30:9000", &s, &err), 0);
	traffic_synth_make(&s, 200, 0, 0, 240, 1, &a);
	assert_true(a.v[59] == 200 && a.v[60] == 9000 && a.v[89] == 9000 && a.v[90] == 200);
	traffic_free(&a);
	assert_int_equal(traffic_synth_parse("ramp:100:1100", &s, &err), 0);
	traffic_synth_make(&s, 0, 0, 0, 11, 1, &a);
	assert_true(a.v[0] == 100 && a.v[5] == 600 && a.v[10] == 1100);
	traffic_free(&a);

	const char *bad[] = { "sine",   "step:2h:500",         "step:x:1:2",  "spike:1:2:-3",
			      "ramp:1", "diurnal:24h:14h:200", "ramp:1:1e13", "a:b:c:d:e:f" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(traffic_synth_parse(bad[i], &s, &err), -1);
		assert_non_null(strstr(err, "--traffic"));
		free(err);
	}
}

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/unit-traffic-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void load_ok(const char *text, struct traffic *t)
{
	char *p = write_temp(text), *err = NULL;

	if (traffic_csv_load(p, t, &err) != 0)
		fail_msg("%s", err);
	unlink(p);
	free(p);
}

static void load_bad(const char *text, const char *needle)
{
	char *p = write_temp(text), *err = NULL;
	struct traffic t;

	assert_int_equal(traffic_csv_load(p, &t, &err), -1);
	print_message("# %s\n", err);
	if (!strstr(err, needle))
		fail_msg("\"%s\" lacks \"%s\"", err, needle);
	assert_null(t.v);
	free(err);
	unlink(p);
	free(p);
}

static void test_csv(void **state)
{
	struct traffic t;

	/* A gap of two minutes (09:02 and 09:03). */
	load_ok("timestamp,invocations\n2026-11-02T09:00:00Z,10\n2026-11-02T09:01:00Z,20\n"
		"2026-11-02T09:04:00Z,40\n",
		&t);
	assert_int_equal(t.n, 5);
	assert_int_equal(t.points, 3);
	assert_int_equal(t.gaps, 1);
	assert_int_equal(t.gap_minutes, 2);
	assert_int_equal(t.period_s, 60);
	assert_true(t.v[0] == 10 && t.v[1] == 20 && isnan(t.v[2]) && isnan(t.v[3]) && t.v[4] == 40);
	char *d = traffic_describe(&t);
	print_message("# %s\n", d);
	assert_non_null(strstr(d, "2026-11-02 09:00 to 2026-11-02 09:05 UTC"));
	assert_non_null(strstr(d, "5 minutes, 3 points"));
	assert_non_null(strstr(d, "1 gap (2 minutes without data"));
	free(d);
	traffic_free(&t);

	/* A 5-minute period: each sum spread over its minutes. */
	load_ok("1793610000,500\n1793610300,1000\n", &t);
	assert_int_equal(t.n, 10);
	assert_int_equal(t.period_s, 300);
	assert_true(t.v[0] == 100 && t.v[4] == 100 && t.v[5] == 200 && t.v[9] == 200);
	assert_int_equal(t.gaps, 0);
	d = traffic_describe(&t);
	assert_non_null(strstr(d, "period 300 s"));
	free(d);
	traffic_free(&t);

	/* 10 s rows summed into minutes; CRLF and a comment. */
	load_ok("# export\r\n1793610000,1\r\n1793610010,2\r\n1793610020,3\r\n1793610060,4\r\n", &t);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.period_s, 10);
	assert_true(t.v[0] == 6 && t.v[1] == 4);
	traffic_free(&t);

	load_bad("timestamp,invocations\n2026-11-02T09:00:00Z,ten\n",
		 "line 2: \"ten\" is not a number");
	load_bad("2026-11-02T09:00:00Z,-5\n", "line 1: \"-5\" is not a number");
	load_bad("2026-11-02T09:00:00Z,1e300\n", "line 1: \"1e300\"");
	load_bad("2026-11-02T09:00:00Z,nan\n", "\"nan\"");
	load_bad("hello,1\n2026-11-02T09:00:00Z,1\n", "line 1: \"hello\" is not a timestamp");
	load_bad("2026-11-02T09:01:00Z,1\n2026-11-02T09:00:00Z,1\n", "line 2: earlier than");
	load_bad("2026-11-02T09:00:00Z,1\n2026-11-02T09:00:00Z,1\n", "line 2: the same timestamp");
	load_bad("2026-11-02T09:00:00Z,1\n2036-11-02T09:00:00Z,1\n", "spans more than 366 days");
	load_bad("1793610000,1\n1793610090,1\n", "90 s apart");
	load_bad("timestamp,invocations\n", "no rows");
	load_bad("2026-11-02T09:00:00Z\n", "expected timestamp,invocations");

	char *err = NULL;
	assert_int_equal(traffic_csv_load("/nonexistent/traffic.csv", &t, &err), -1);
	assert_non_null(strstr(err, "cannot read"));
	free(err);
}

static void test_points(void **state)
{
	const long long times[] = { 1793610120, 1793610000, 1793610060, 1793600000, 1793610600 };
	const double vals[] = { 3, 1, 2, 99, 99 };
	struct traffic t;

	traffic_from_points(times, vals, 5, 1793610000, 1793610300, &t);
	assert_int_equal(t.n, 5);
	assert_int_equal(t.points, 3);
	assert_true(t.v[0] == 1 && t.v[1] == 2 && t.v[2] == 3 && isnan(t.v[3]) && isnan(t.v[4]));
	assert_int_equal(t.gaps, 1);
	assert_int_equal(t.gap_minutes, 2);
	traffic_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration), cmocka_unit_test(test_time),
		cmocka_unit_test(test_window),   cmocka_unit_test(test_synth),
		cmocka_unit_test(test_csv),      cmocka_unit_test(test_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of src/whatif/chart.c: fixed sweeps against golden text (Unicode
 * and ASCII), the class letters that the TUI colours by, and the edges. */
#include "config.h"
#include "../lib/unit.h"
#include "whatif/chart.h"
#include "util/sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* IPI = 40 * cpu; capacities for 1000..8000 invocations per minute; 40 failed. */
static const struct chart_point pts[] = {
	{ 10, true, 1, 8, 400 }, { 20, true, 1, 4, 800 }, { 30, true, 1, 3, 1200 },
	{ 40, false, 0, 0, 0 }, { 50, true, 1, 2, 2000 }, { 60, true, 1, 1, 2400 },
	{ 70, true, 1, 1, 2800 },
};

static const char *const golden_unicode[] = {
		"▼ MinCapacity  ▲ MaxCapacity  ◆ both  (instances)  ✗ failed",
		"   8 ┤▲",
		"     ││         ▲",
		"     ││         │        ▲                  ▲",
		"   0 ┤▼         ▼        ▼                  ▼         ◆        ◆",
		"⠒ InvocationsPerInstance  (per minute) vs CPU target (%)",
		"2800 ┤                                         ⣀⣀⣀⣀⣀⠤⠤⠤⠤⠔⠒⠒⠒⠒⠊⠉⠉",
		"     │                                      ⠈⠉⠉",
		"     │       ⢀⣀⣀⣀⣀⠤⠤⠤⠤⠤⠒⠒⠂",
		"   0 ┤⠒⠒⠊⠉⠉⠉⠉⠁",
		"     └┬─────────┬────────┬─────────✗────────┬─────────┬────────┬",
		"      10        20       30        40       50        60      70",
};

static const char *const golden_unicode_cls[] = {
		"m ttttttttttt  M ttttttttttt  b tttt  ttttttttttt  x tttttt",
		"tttt aM",
		"     ar         M",
		"     ar         r        M                  M",
		"tttt am         m        m                  m         b        b",
		"i tttttttttttttttttttttt  tttttttttttttttttttttttttttttt",
		"tttt a                                         iiiiiiiiiiiiiiiii",
		"     a                                      iii",
		"     a       iiiiiiiiiiiii",
		"tttt aiiiiiiii",
		"     aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaxaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"      tt        tt       tt        tt       tt        tt      tt",
};

static const char *const golden_ascii[] = {
		"m MinCapacity  M MaxCapacity  # both  (instances)  x failed",
		"   8 +M",
		"     ||         M",
		"     ||         |        M                  M",
		"   0 +m         m        m                  m         #        #",
		"* InvocationsPerInstance  (per minute) vs CPU target (%)",
		"2800 +                                                *        *",
		"     |                                      *",
		"     |          *        *",
		"   0 +*",
		"     ++---------+--------+---------x--------+---------+--------+",
		"      10        20       30        40       50        60      70",
};

static const char *const golden_ascii_cls[] = {
		"m ttttttttttt  M ttttttttttt  b tttt  ttttttttttt  x tttttt",
		"tttt aM",
		"     ar         M",
		"     ar         r        M                  M",
		"tttt am         m        m                  m         b        b",
		"i tttttttttttttttttttttt  tttttttttttttttttttttttttttttt",
		"tttt a                                                i        i",
		"     a                                      i",
		"     a          i        i",
		"tttt ai",
		"     aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaxaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"      tt        tt       tt        tt       tt        tt      tt",
};

static size_t cells(const char *s)
{
	size_t n = 0, len = strlen(s);
	uint32_t cp;

	while (len > 0) {
		size_t l = utf8_decode(s, len, &cp);
		assert_true(l > 0);
		s += l;
		len -= l;
		n++;
	}
	return n;
}

static void check_golden(enum chart_style style, const char *const *text, const char *const *cls)
{
	struct chart c;

	assert_int_equal(chart_render(pts, sizeof(pts) / sizeof(pts[0]), 64, 12, style, &c), 0);
	assert_int_equal(c.n, 12);
	for (size_t i = 0; i < c.n; i++) {
		if (strcmp(c.lines[i].text, text[i]) != 0)
			print_message("# line %zu\n# got:  %s\n# want: %s\n", i, c.lines[i].text, text[i]);
		assert_string_equal(c.lines[i].text, text[i]);
		assert_string_equal(c.lines[i].cls, cls[i]);
		assert_int_equal(strlen(c.lines[i].cls), cells(c.lines[i].text));
		assert_true(cells(c.lines[i].text) <= 64);
	}
	chart_free(&c);
}

static void test_golden_unicode(void **state)
{
	check_golden(CHART_UNICODE, golden_unicode, golden_unicode_cls);
}

static void test_golden_ascii(void **state)
{
	check_golden(CHART_ASCII, golden_ascii, golden_ascii_cls);
	/* ASCII means ASCII: nothing above 0x7E. */
	struct chart c;
	assert_int_equal(chart_render(pts, 7, 64, 12, CHART_ASCII, &c), 0);
	for (size_t i = 0; i < c.n; i++)
		for (const char *p = c.lines[i].text; *p; p++)
			assert_true(*p >= 0x20 && *p < 0x7F);
	chart_free(&c);
}

static void test_sizes(void **state)
{
	struct chart c;

	assert_int_equal(chart_render(pts, 7, CHART_MIN_WIDTH - 1, 20, CHART_ASCII, &c), -1);
	assert_int_equal(chart_render(pts, 7, 80, CHART_MIN_HEIGHT - 1, CHART_ASCII, &c), -1);
	assert_int_equal(chart_render(pts, 0, 80, 20, CHART_ASCII, &c), -1);
	/* Every size from the minimum up fits its box. */
	for (int w = CHART_MIN_WIDTH; w <= 140; w += 7)
		for (int h = CHART_MIN_HEIGHT; h <= 50; h += 5) {
			assert_int_equal(chart_render(pts, 7, w, h, CHART_UNICODE, &c), 0);
			assert_int_equal(c.n, (size_t)h);
			for (size_t i = 0; i < c.n; i++)
				assert_true(cells(c.lines[i].text) <= (size_t)w);
			chart_free(&c);
		}
}

static void test_single_and_failed(void **state)
{
	struct chart c;
	struct chart_point one = { 50, true, 2, 5, 1000 };

	assert_int_equal(chart_render(&one, 1, 40, 10, CHART_ASCII, &c), 0);
	/* The single point sits in the middle, labelled 50. */
	assert_non_null(strstr(c.lines[c.n - 1].text, "50"));
	assert_non_null(strchr(c.lines[1].text, 'M'));
	chart_free(&c);

	struct chart_point bad[3] = { { 10, false, 0, 0, 0 },
				      { 20, false, 0, 0, 0 },
				      { 30, false, 0, 0, 0 } };
	assert_int_equal(chart_render(bad, 3, 40, 10, CHART_ASCII, &c), 0);
	size_t xs = 0;
	for (const char *p = c.lines[c.n - 2].cls; *p; p++)
		xs += *p == CHART_C_FAIL;
	assert_int_equal(xs, 3);		/* every failure marked on the axis */
	/* Nothing plotted: the only IPI cell is the legend's marker. */
	size_t ipi = 0;
	for (size_t i = 0; i < c.n; i++)
		for (const char *p = c.lines[i].cls; *p; p++)
			ipi += *p == CHART_C_IPI;
	assert_int_equal(ipi, 1);
	chart_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_unicode),
		cmocka_unit_test(test_golden_ascii),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_single_and_failed),
	};
	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}

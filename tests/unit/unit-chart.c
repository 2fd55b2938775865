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
	{ 10, true, 1, 8, 400 },  { 20, true, 1, 4, 800 },  { 30, true, 1, 3, 1200 },
	{ 40, false, 0, 0, 0 },   { 50, true, 1, 2, 2000 }, { 60, true, 1, 1, 2400 },
	{ 70, true, 1, 1, 2800 },
};

static const char *const golden_unicode[] = {
	"▼ MinCapacity  ▲ MaxCapacity  ◆ both  (instances)  ✗ failed",
	"   8 ┤▲",
	"   4 ┤│         ▲        ▲                  ▲",
	"     │▼         ▼        ▼                  ▼         ◆        ◆",
	"   0 ┤",
	"⠒ InvocationsPerInstance  (per minute) vs CPU target (%)",
	"3000 ┤                                              ⣀⣀⣀⣀⡠⠤⠤⠤⠤⠔⠒⠒",
	"1500 ┤                                      ⠐⠒⠒⠉⠉⠉⠉⠉",
	"     │       ⢀⣀⣀⣀⣀⠤⠤⠤⠤⠤⠒⠒⠂",
	"   0 ┤⠒⠒⠊⠉⠉⠉⠉⠁",
	"     └┬─────────┬────────┬─────────✗────────┬─────────┬────────┬",
	"      10        20       30        40       50        60      70",
};

static const char *const golden_unicode_cls[] = {
	"m ttttttttttt  M ttttttttttt  b tttt  ttttttttttt  x tttttt",
	"tttt aM",
	"tttt ar         M        M                  M",
	"     am         m        m                  m         b        b",
	"tttt a",
	"i tttttttttttttttttttttt  tttttttttttttttttttttttttttttt",
	"tttt a                                              iiiiiiiiiiii",
	"tttt a                                      iiiiiiii",
	"     a       iiiiiiiiiiiii",
	"tttt aiiiiiiii",
	"     aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaxaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"      tt        tt       tt        tt       tt        tt      tt",
};

static const char *const golden_ascii[] = {
	"m MinCapacity  M MaxCapacity  # both  (instances)  x failed",
	"   8 +M",
	"   4 +|         M        M                  M",
	"     |m         m        m                  m         #        #",
	"   0 +",
	"* InvocationsPerInstance  (per minute) vs CPU target (%)",
	"3000 +                                                         *",
	"1500 +                                      *         *",
	"     |*         *        *",
	"   0 +",
	"     ++---------+--------+---------x--------+---------+--------+",
	"      10        20       30        40       50        60      70",
};

static const char *const golden_ascii_cls[] = {
	"m ttttttttttt  M ttttttttttt  b tttt  ttttttttttt  x tttttt",
	"tttt aM",
	"tttt ar         M        M                  M",
	"     am         m        m                  m         b        b",
	"tttt a",
	"i tttttttttttttttttttttt  tttttttttttttttttttttttttttttt",
	"tttt a                                                         i",
	"tttt a                                      i         i",
	"     ai         i        i",
	"tttt a",
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
			print_message("# line %zu\n# got:  %s\n# want: %s\n", i, c.lines[i].text,
				      text[i]);
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
	assert_int_equal(xs, 3); /* every failure marked on the axis */
	/* Nothing plotted: the only IPI cell is the legend's marker. */
	size_t ipi = 0;
	for (size_t i = 0; i < c.n; i++)
		for (const char *p = c.lines[i].cls; *p; p++)
			ipi += *p == CHART_C_IPI;
	assert_int_equal(ipi, 1);
	chart_free(&c);
}

/* The labels of the panel whose rows are [from, to) of c: the numbers
 * before the axis, top to bottom. */
static int labels(const struct chart *c, size_t from, size_t to, long long *v, int max)
{
	int n = 0;

	for (size_t i = from; i < to && i < c->n && n < max; i++) {
		long long x;
		if (sscanf(c->lines[i].text, "%lld", &x) == 1)
			v[n++] = x;
	}
	return n;
}

/* Issue 13 item 4: round ticks, at least three labels at 80x24 and more
 * when taller; a capacity of 1 never on the zero row; min and max on rows
 * of their own. */
static void test_axes(void **state)
{
	struct chart_point p[10];
	long long v[32];

	(void)state;
	for (int i = 0; i < 10; i++)
		p[i] = (struct chart_point){ 10 * (i + 1), true, 1, i < 5 ? 3 : 1, 235 * (i + 1) };
	for (int h = 0; h < 2; h++) {
		struct chart c;
		int height = h ? 56 : 20, crows = (height - 4) / 2;

		assert_int_equal(chart_render(p, 10, h ? 200 : 78, height, CHART_UNICODE, &c), 0);
		int nc = labels(&c, 1, 1 + (size_t)crows, v, 32);
		assert_true(nc >= (h ? 4 : 3));
		for (int i = 1; i < nc; i++) /* equal steps down to 0 */
			assert_int_equal(v[i - 1] - v[i], v[0] - v[1]);
		assert_int_equal(v[nc - 1], 0);
		int ni = labels(&c, 2 + (size_t)crows, c.n - 2, v, 32);
		assert_true(ni >= (h ? 5 : 3));
		long long step = v[0] - v[1];
		/* Round: one or two significant digits. */
		while (step % 10 == 0)
			step /= 10;
		assert_true(step < 100);
		/* The capacity row of 0 holds no marker; min 1 and max 3 differ. */
		const char *zero = c.lines[crows].text;
		assert_null(strstr(zero, "\xe2\x96\xbc")); /* ▼ */
		int both = 0; /* only the five points whose min and max are equal */
		for (int r = 1; r <= crows; r++)
			for (const char *q = c.lines[r].text; (q = strstr(q, "\xe2\x97\x86")); q++)
				both++; /* ◆ */
		assert_int_equal(both, 5);
		chart_free(&c);
	}
}

/* One panel alone takes the whole height: more rows, more labels, and
 * the other series is not drawn. */
static void test_one_panel(void **state)
{
	long long v[32];
	struct chart c, both;

	(void)state;
	assert_int_equal(chart_render(pts, 7, 78, 20, CHART_UNICODE, &both), 0);
	int nb = labels(&both, 1, 9, v, 32);
	chart_free(&both);
	for (int k = 0; k < 2; k++) {
		enum chart_panels which = k ? CHART_PANELS_IPI : CHART_PANELS_CAPACITY;
		char other = k ? CHART_C_MAX : CHART_C_IPI;

		assert_int_equal(chart_render_panels(pts, 7, 78, 20, CHART_UNICODE, which, &c), 0);
		assert_int_equal(c.n, 20);
		assert_non_null(
			strstr(c.lines[0].text, k ? "InvocationsPerInstance" : "MaxCapacity"));
		assert_non_null(strstr(c.lines[0].text, "CPU target (%)")); /* the x title */
		assert_non_null(strstr(c.lines[0].text, "failed"));
		assert_true(labels(&c, 1, c.n - 2, v, 32) > nb);
		assert_int_equal(v[labels(&c, 1, c.n - 2, v, 32) - 1], 0);
		for (size_t i = 0; i < c.n; i++)
			assert_null(strchr(c.lines[i].cls, other));
		chart_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_unicode), cmocka_unit_test(test_golden_ascii),
		cmocka_unit_test(test_sizes),          cmocka_unit_test(test_single_and_failed),
		cmocka_unit_test(test_axes),           cmocka_unit_test(test_one_panel),
	};
	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}

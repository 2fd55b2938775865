/* Column arithmetic for the tree widget and panes (text.c): UTF-8 widths,
 * double-width characters, clipping for horizontal scrolling. */
#include "config.h"
#include "../lib/unit.h"
#include "tui/text.h"

#include <locale.h>
#include <string.h>

static int setup(void **state)
{
	(void)state;
	/* wcwidth needs a UTF-8 locale; C.UTF-8 is there on glibc systems. */
	return setlocale(LC_ALL, "C.UTF-8") != NULL ? 0 : -1;
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("caf\xc3\xa9"), 4);              /* é: 2 bytes, 1 column */
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* 日本: 2 columns each */
	assert_int_equal(text_width("\xff"
				    "a"),
			 2); /* an invalid byte counts 1 */
	assert_int_equal(text_width_n("abcdef", 2), 2);
}

static void test_clip_ascii(void **state)
{
	size_t start, lead, n;

	(void)state;
	n = text_clip("hello world", 0, 5, &start, &lead);
	assert_int_equal(start, 0);
	assert_int_equal(n, 5);
	assert_int_equal(lead, 0);
	n = text_clip("hello world", 6, 100, &start, &lead);
	assert_int_equal(start, 6);
	assert_int_equal(n, 5);
	n = text_clip("short", 10, 5, &start, &lead);
	assert_int_equal(n, 0);
}

static void test_clip_wide(void **state)
{
	const char *s = "a\xe6\x97\xa5\xe6\x9c\xac"
			"b"; /* a日本b: columns a=0, 日=1-2, 本=3-4, b=5 */
	size_t start, lead, n;

	(void)state;
	/* A wide character that does not fit at the right edge is left out. */
	n = text_clip(s, 0, 2, &start, &lead);
	assert_int_equal(n, 1);
	assert_int_equal(lead, 0);
	n = text_clip(s, 0, 3, &start, &lead);
	assert_int_equal(n, 4); /* "a日" */
	/* Scrolled into the middle of 日: it becomes one blank column. */
	n = text_clip(s, 2, 10, &start, &lead);
	assert_int_equal(lead, 1);
	assert_int_equal(start, 4); /* from 本 */
	assert_int_equal(n, 4);     /* "本b" */
	/* Multi-byte characters are never cut. */
	n = text_clip("\xc3\xa9\xc3\xa9\xc3\xa9", 1, 1, &start, &lead);
	assert_int_equal(start, 2);
	assert_int_equal(n, 2);
}

static void test_wrap(void **state)
{
	const char *s = "must be a whole number from 1 to 100";
	size_t next, n;

	(void)state;
	/* Breaks after a space, skipping it. */
	n = text_wrap(s, 12, &next);
	assert_int_equal(n, 9); /* "must be a" */
	assert_int_equal(next, 10);
	n = text_wrap(s + 10, 12, &next);
	assert_int_equal(n, 12); /* "whole number" fills the line exactly */
	assert_int_equal(next, 13);
	/* Everything fits: the whole string, nothing after it. */
	n = text_wrap("short", 20, &next);
	assert_int_equal(n, 5);
	assert_int_equal(next, 5);
	/* A word longer than the width is cut, never looped on. */
	n = text_wrap("abcdefghij", 4, &next);
	assert_int_equal(n, 4);
	assert_int_equal(next, 4);
	/* Width 0: one character anyway, so callers always progress. */
	n = text_wrap("xy", 0, &next);
	assert_int_equal(next, 1);
	/* Double-width characters count two columns. */
	n = text_wrap("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, &next);
	assert_int_equal(n, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_clip_ascii),
		cmocka_unit_test(test_clip_wide),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests_name("tree-text", tests, setup, NULL);
}

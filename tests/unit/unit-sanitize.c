/* The terminal-safety sanitiser (src/util/sanitize.c): what may reach a
 * terminal raw, what becomes a visible escape, and UTF-8 decoding. */
#include "config.h"
#include "../lib/unit.h"
#include "util/sanitize.h"

#include <stdlib.h>
#include <string.h>

static void check(const char *in, size_t len, const char *want)
{
	char *got = sanitize_text(in, len);

	assert_string_equal(got, want);
	free(got);
}

static void test_plain_kept(void **state)
{
	(void)state;
	check("CPUUtilizationNormalized", 24, "CPUUtilizationNormalized");
	check("/aws/sagemaker/Endpoints", 24, "/aws/sagemaker/Endpoints");
	check("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80", 17,
	      "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
	check("", 0, "");
}

static void test_controls_escaped(void **state)
{
	(void)state;
	check("\x1b[2J", 4, "\\x1b[2J"); /* ESC: clear screen */
	check("a\rb\nc\td", 7, "a\\x0db\\x0ac\\x09d");
	check("x\x7fy", 3, "x\\x7fy"); /* DEL */
	check("\xc2\x9b"
	      "31m",
	      5, "\\x9b31m"); /* C1 CSI as UTF-8 */
	check("\xc2\x9d"
	      "0;t\x07",
	      6, "\\x9d0;t\\x07");   /* C1 OSC, BEL */
	check("a\0b", 3, "a\\x00b"); /* NUL inside */
}

static void test_bidi_escaped(void **state)
{
	(void)state;
	check("abc\xe2\x80\xae"
	      "fed",
	      9, "abc\\u202efed");                                /* RLO */
	check("\xe2\x81\xa6x\xe2\x81\xa9", 7, "\\u2066x\\u2069"); /* LRI ... PDI */
	check("\xe2\x80\x8f", 3, "\\u200f");                      /* RLM */
	check("\xd8\x9c", 2, "\\u061c");                          /* ALM */
}

/* Issue 17: invisible format characters and separators that can hide,
 * join or reorder text are made visible too; visible text around them and
 * ordinary non-ASCII text are kept. */
static void test_invisible_escaped(void **state)
{
	(void)state;
	check("a\xe2\x80\xa8"
	      "b",
	      5, "a\\u2028b"); /* LINE SEPARATOR */
	check("a\xe2\x80\xa9"
	      "b",
	      5, "a\\u2029b");                                  /* PARAGRAPH SEPARATOR */
	check("\xef\xbb\xbfx", 4, "\\ufeffx");                  /* BOM / ZWNBSP */
	check("ad\xe2\x80\x8bmin", 8, "ad\\u200bmin");          /* ZERO WIDTH SPACE */
	check("\xe2\x80\x8c\xe2\x80\x8d", 6, "\\u200c\\u200d"); /* ZWNJ, ZWJ */
	check("\xe2\x81\xa0\xe2\x81\xa4", 6, "\\u2060\\u2064"); /* WJ, INVISIBLE PLUS */
	check("\xe2\x81\xaa", 3, "\\u206a");                    /* deprecated format */
	check("x\xc2\xady", 4, "x\\xady");                      /* SOFT HYPHEN */
	check("\xe1\xa0\x8e", 3, "\\u180e");                    /* MONGOLIAN VOWEL SEP. */
	check("\xef\xbf\xb9", 3, "\\ufff9");                    /* INTERLINEAR ANCHOR */
	check("\xf3\xa0\x80\x81", 4, "\\ue0001");               /* LANGUAGE TAG */
	check("\xe2\x80\x8a\xe2\x80\x90", 6,
	      "\xe2\x80\x8a\xe2\x80\x90"); /* HAIR SPACE, HYPHEN kept */
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	check("\xff", 1, "\\xff");
	check("\xc3", 1, "\\xc3");                            /* truncated */
	check("\xc0\xaf", 2, "\\xc0\\xaf");                   /* overlong '/' */
	check("\xed\xa0\x80", 3, "\\xed\\xa0\\x80");          /* a surrogate */
	check("\xf4\x90\x80\x80", 4, "\\xf4\\x90\\x80\\x80"); /* above U+10FFFF */
}

static void test_decode(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode("\xe2\x82", 2, &cp), 0);
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	assert_true(sanitize_is_unsafe(0x1b));
	assert_true(sanitize_is_unsafe(0x85));
	assert_false(sanitize_is_unsafe(0xa0));
	assert_false(sanitize_is_unsafe('~'));
}

static void test_str(void **state)
{
	char *s;

	(void)state;
	s = sanitize_str(NULL);
	assert_string_equal(s, "");
	free(s);
	s = sanitize_str("ok\x1b");
	assert_string_equal(s, "ok\\x1b");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_kept),   cmocka_unit_test(test_controls_escaped),
		cmocka_unit_test(test_bidi_escaped), cmocka_unit_test(test_invisible_escaped),
		cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_decode),
		cmocka_unit_test(test_str),
	};
	return cmocka_run_group_tests_name("sanitize", tests, NULL, NULL);
}

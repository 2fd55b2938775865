/* The line editor (tui/lineedit.c): readline's editing and motion keys over
 * UTF-8 text, the per-prompt history and its draft, the limits, what may
 * not be typed, and scrolling that keeps the cursor in sight with
 * double-width characters. */
#include "config.h"
#include "../lib/unit.h"
#include "tui/lineedit.h"

#include <locale.h>
#include <string.h>

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") != NULL ? 0 : -1;
}

static void type(struct lineedit *le, const char *s)
{
	for (; *s; s++)
		lineedit_apply(le, LE_INSERT, (unsigned char)*s);
}

static void test_insert_and_move(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 0, NULL, NULL);
	type(&le, "helo");
	lineedit_apply(&le, LE_LEFT, 0);
	lineedit_apply(&le, LE_INSERT, 'l');
	assert_string_equal(lineedit_text(&le), "hello");
	assert_int_equal(le.cursor, 4);
	assert_true(lineedit_apply(&le, LE_HOME, 0));
	assert_int_equal(le.cursor, 0);
	assert_false(lineedit_apply(&le, LE_LEFT, 0)); /* nothing before the start */
	lineedit_apply(&le, LE_INSERT, '>');
	assert_string_equal(lineedit_text(&le), ">hello");
	assert_true(lineedit_apply(&le, LE_END, 0));
	assert_int_equal(le.cursor, 6);
	assert_false(lineedit_apply(&le, LE_RIGHT, 0));
	lineedit_free(&le);
}

static void test_utf8_steps(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 0, NULL, NULL);
	lineedit_apply(&le, LE_INSERT, 0x65e5); /* 日 */
	lineedit_apply(&le, LE_INSERT, 0x00e9); /* é */
	assert_string_equal(lineedit_text(&le), "\xe6\x97\xa5\xc3\xa9");
	lineedit_apply(&le, LE_LEFT, 0);
	assert_int_equal(le.cursor, 3);       /* one character, two bytes back */
	lineedit_apply(&le, LE_BACKSPACE, 0); /* removes the whole 日 */
	assert_string_equal(lineedit_text(&le), "\xc3\xa9");
	assert_int_equal(le.cursor, 0);
	lineedit_apply(&le, LE_DELETE, 0);
	assert_string_equal(lineedit_text(&le), "");
	lineedit_free(&le);
}

static void test_words_and_kills(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 0, NULL, NULL);
	lineedit_set(&le, "ScalingPolicies[0].TargetValue  foo-bar");
	lineedit_apply(&le, LE_WORD_LEFT, 0); /* Alt-B: to "bar" */
	assert_int_equal(le.cursor, strlen("ScalingPolicies[0].TargetValue  foo-"));
	lineedit_apply(&le, LE_WORD_LEFT, 0); /* to "foo" */
	assert_int_equal(le.cursor, strlen("ScalingPolicies[0].TargetValue  "));
	lineedit_apply(&le, LE_WORD_RIGHT, 0); /* Alt-F: after "foo" */
	assert_int_equal(le.cursor, strlen("ScalingPolicies[0].TargetValue  foo"));
	lineedit_apply(&le, LE_KILL_END, 0); /* Ctrl-K */
	assert_string_equal(lineedit_text(&le), "ScalingPolicies[0].TargetValue  foo");
	lineedit_apply(&le, LE_KILL_WORD, 0); /* Ctrl-W: back to the blank */
	assert_string_equal(lineedit_text(&le), "ScalingPolicies[0].TargetValue  ");
	lineedit_apply(&le, LE_KILL_WORD, 0); /* blanks, then the word */
	assert_string_equal(lineedit_text(&le), "");
	lineedit_set(&le, "abc def");
	lineedit_apply(&le, LE_LEFT, 0);
	lineedit_apply(&le, LE_KILL_START, 0); /* Ctrl-U: before the cursor */
	assert_string_equal(lineedit_text(&le), "f");
	assert_int_equal(le.cursor, 0);
	lineedit_free(&le);
}

static void test_history(void **state)
{
	struct lineedit_history h = { NULL, 0, 3 };
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 0, NULL, &h);
	assert_false(lineedit_apply(&le, LE_HISTORY_PREV, 0)); /* empty history */
	for (const char *const *s = (const char *const[]){ "a", "b", "b", "c", "d", NULL }; *s;
	     s++) {
		lineedit_set(&le, *s);
		lineedit_apply(&le, LE_ENTER, 0);
	}
	assert_int_equal(h.n, 3); /* at most 3, "b" once */
	assert_string_equal(h.items[0], "b");
	assert_string_equal(h.items[2], "d");
	lineedit_set(&le, "draft");
	assert_true(lineedit_apply(&le, LE_HISTORY_PREV, 0));
	assert_string_equal(lineedit_text(&le), "d");
	lineedit_apply(&le, LE_HISTORY_PREV, 0);
	lineedit_apply(&le, LE_HISTORY_PREV, 0);
	assert_string_equal(lineedit_text(&le), "b");
	assert_false(lineedit_apply(&le, LE_HISTORY_PREV, 0)); /* the oldest */
	lineedit_apply(&le, LE_HISTORY_NEXT, 0);
	lineedit_apply(&le, LE_HISTORY_NEXT, 0);
	lineedit_apply(&le, LE_HISTORY_NEXT, 0);
	assert_string_equal(lineedit_text(&le), "draft"); /* the line being typed is back */
	assert_false(lineedit_apply(&le, LE_HISTORY_NEXT, 0));
	lineedit_set(&le, "");
	lineedit_apply(&le, LE_ENTER, 0);
	assert_int_equal(h.n, 3); /* an empty line is not kept */
	lineedit_free(&le);
	lineedit_history_free(&h);
}

static void test_limits(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 3, "0123456789", NULL);
	type(&le, "1a2b34");
	assert_string_equal(lineedit_text(&le), "123"); /* digits only, 3 at most */
	lineedit_free(&le);

	lineedit_init(&le, 0, NULL, NULL);
	assert_false(lineedit_apply(&le, LE_INSERT, 0x1b));   /* ESC */
	assert_false(lineedit_apply(&le, LE_INSERT, 0x9b));   /* CSI */
	assert_false(lineedit_apply(&le, LE_INSERT, 0x202e)); /* RLO */
	lineedit_set(&le, "a\x1b[31mb\xff"
			  "c");
	assert_string_equal(lineedit_text(&le), "a[31mbc"); /* what cannot be typed is left out */
	lineedit_free(&le);
}

static void test_scroll(void **state)
{
	struct lineedit le;
	size_t col;

	(void)state;
	lineedit_init(&le, 0, NULL, NULL);
	lineedit_set(&le, "0123456789");
	col = lineedit_scroll(&le, 5); /* cursor at the end: the last 4 and it */
	assert_int_equal(col, 4);
	assert_int_equal(le.view, 6);
	lineedit_apply(&le, LE_HOME, 0);
	col = lineedit_scroll(&le, 5);
	assert_int_equal(col, 0);
	assert_int_equal(le.view, 0);
	/* 日本語: 2 columns each; the view never starts inside a character. */
	lineedit_set(&le, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	col = lineedit_scroll(&le, 4);
	assert_int_equal(le.view, 6);
	assert_int_equal(col, 2);
	lineedit_free(&le);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move), cmocka_unit_test(test_utf8_steps),
		cmocka_unit_test(test_words_and_kills), cmocka_unit_test(test_history),
		cmocka_unit_test(test_limits),          cmocka_unit_test(test_scroll),
	};

	return cmocka_run_group_tests_name("lineedit", tests, setup, NULL);
}

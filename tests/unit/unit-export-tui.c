/* The curses-free parts of src/tui/actions.c: the one-line input (UTF-8,
 * controls refused), the endpoint/variant to scale taken from the job or
 * from what the user typed, the request a response answers, error text,
 * and scrolling bounds. */
#include "config.h"
#include "../lib/unit.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tui/actions.h"
#include "tui/tui-int.h"
#include "util/xalloc.h"

static void test_input(void **state)
{
	struct lineedit in = { 0 };

	act_input_set(&in, "ab");
	assert_true(act_input_key(&in, 'c', false));
	assert_true(act_input_key(&in, 0xe9, false)); /* é: two bytes */
	assert_string_equal(in.text, "abc\xc3\xa9");
	assert_true(act_input_key(&in, 127, false)); /* Backspace: the whole character */
	assert_string_equal(in.text, "abc");
	assert_true(act_input_key(&in, KEY_BACKSPACE, true));
	assert_string_equal(in.text, "ab");
	assert_false(act_input_key(&in, 27, false)); /* ESC is no text */
	assert_false(act_input_key(&in, '\n', false));
	assert_false(act_input_key(&in, 0x9b, false));   /* C1 CSI */
	assert_true(act_input_key(&in, KEY_LEFT, true)); /* the cursor moves, the text stays */
	assert_string_equal(in.text, "ab");
	assert_true(act_input_key(&in, 'x', false)); /* typed where the cursor is */
	assert_string_equal(in.text, "axb");
	assert_true(act_input_key(&in, KEY_BACKSPACE, true));
	assert_true(act_input_key(&in, KEY_END, true));
	assert_true(act_input_key(&in, 21, false)); /* Ctrl-U */
	assert_string_equal(in.text, "");
	assert_false(act_input_key(&in, 8, false)); /* Backspace on empty: no harm, no change */
	assert_string_equal(in.text, "");
	for (int i = 0; i < 300; i++)
		act_input_key(&in, 'x', false);
	assert_int_equal(strlen(in.text), 300);
	act_input_free(&in);
}

static const char *detail_json =
	"{\"JobName\":\"j\",\"InferenceRecommendations\":[{\"RecommendationId\":\"j/1\","
	"\"EndpointConfiguration\":{\"EndpointName\":\"bench-1\",\"VariantName\":\"v-1\"}}]}";

static void test_target(void **state)
{
	struct jobs_detail d;
	struct scaling_response resp = { .job_name = "j", .recommendation_id = "j/1" };
	struct scaling_response other = { .job_name = "j", .endpoint_name = "prod" };
	struct act_target t;
	char *err = NULL;
	/* The state belongs to the interface: a zeroed one has none yet. */
	struct tui *tu = xcalloc(1, sizeof(*tu));

	act_target_for(tu, &resp, &t); /* nothing known yet */
	assert_string_equal(t.endpoint, "");
	assert_string_equal(t.variant, "");
	act_target_free(&t);

	assert_int_equal(jobs_detail_parse(detail_json, &d, &err), 0);
	act_set_detail(tu, &d);
	jobs_detail_free(&d); /* the state keeps its own copy */
	/* the job names the recommendation's benchmark endpoint: never the
	 * default target (issue 12) */
	act_target_for(tu, &resp, &t);
	assert_string_equal(t.endpoint, "");
	assert_string_equal(t.variant, "");
	assert_string_equal(t.policy, "");
	act_target_free(&t);

	/* an endpoint-name request scales that endpoint; no variant known */
	act_target_for(tu, &other, &t);
	assert_string_equal(t.endpoint, "prod");
	assert_string_equal(t.variant, "");
	act_target_free(&t);

	/* what the user typed wins, for that recommendation only */
	struct act_target typed = { "mine", "blue", "pol" };

	act_target_remember(tu, &resp, &typed);
	act_target_for(tu, &resp, &t);
	assert_string_equal(t.endpoint, "mine");
	assert_string_equal(t.variant, "blue");
	assert_string_equal(t.policy, "pol");
	act_target_free(&t);
	act_target_for(tu, &other, &t);
	assert_string_equal(t.endpoint, "prod");
	act_target_free(&t);
	act_set_detail(tu, NULL);
	assert_null(act_detail(tu));
	act_state_free(tu->act);
	free(tu);
}

static void test_request_of(void **state)
{
	struct scaling_response resp = {
		.job_name = "j",
		.endpoint_name = "e",
		.cpu = { true, 70 },
		.max_invocations = { true, 9 },
	};
	struct scaling_request r;

	act_request_of(&resp, &r);
	assert_string_equal(r.job_name, "j");
	assert_null(r.recommendation_id);
	assert_string_equal(r.endpoint_name, "e");
	assert_true(r.cpu.set && r.cpu.v == 70);
	assert_false(r.min_invocations.set);
	assert_true(r.max_invocations.set && r.max_invocations.v == 9);
	scaling_request_free(&r);
}

static void test_error_text(void **state)
{
	struct aws_result res = {
		.kind = AWS_ERR_SERVICE,
		.error_code = "ValidationException",
		.error_message = "bad\033[2Jthing",
		.request_id = "r-1",
	};
	char *s = act_error_text(&res);

	assert_non_null(strstr(s, "ValidationException"));
	assert_non_null(strstr(s, "r-1"));
	assert_null(strchr(s, '\033')); /* made safe for the screen */
	free(s);
	struct aws_result net = { .kind = AWS_ERR_NETWORK, .error_message = "connection refused" };

	s = act_error_text(&net);
	assert_string_equal(s, "connection refused");
	free(s);
}

static void test_lines_and_scroll(void **state)
{
	const char *text = "a\nb\nc\nd\ne\n";
	size_t top = 0, left = 0;

	assert_int_equal(act_count_lines(text), 5);
	assert_int_equal(act_count_lines("x\ny"), 2);
	assert_int_equal(act_count_lines(""), 0);
	for (int i = 0; i < 10; i++)
		act_scroll_key(text, 3, &top, &left, KEY_DOWN, true);
	assert_int_equal(top, 2); /* the last page, not past it */
	assert_true(act_scroll_key(text, 3, &top, &left, 'k', false));
	assert_int_equal(top, 1);
	act_scroll_key(text, 3, &top, &left, KEY_RIGHT, true);
	assert_int_equal(left, 8);
	act_scroll_key(text, 3, &top, &left, KEY_HOME, true);
	assert_int_equal(top, 0);
	assert_int_equal(left, 0);
	assert_false(act_scroll_key(text, 3, &top, &left, 'z', false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_input),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_request_of),
		cmocka_unit_test(test_error_text),
		cmocka_unit_test(test_lines_and_scroll),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("export-tui", tests, NULL, NULL);
}

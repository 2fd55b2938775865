/* The tree model behind the tree widget, without a terminal: rows,
 * expansion, movement, paging, search, paths, and a response as a tree. */
#include "config.h"
#include "../lib/unit.h"
#include "sagemaker/scaling.h"
#include "tui/resptree.h"
#include "tui/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a {x: 1, list: [ {name: alpha}, {name: beta} ]}, b: 2 */
static void sample(struct tree *t)
{
	tree_init(t);
	struct tree_node *a = tree_add(t, NULL, TREE_OBJECT, "a", NULL);
	tree_add(t, a, TREE_LEAF, "x", "1");
	struct tree_node *l = tree_add(t, a, TREE_ARRAY, "list", NULL);
	struct tree_node *e0 = tree_add(t, l, TREE_OBJECT, NULL, NULL);
	tree_add(t, e0, TREE_LEAF, "name", "alpha");
	struct tree_node *e1 = tree_add(t, l, TREE_OBJECT, NULL, NULL);
	tree_add(t, e1, TREE_LEAF, "name", "Beta");
	tree_add(t, NULL, TREE_LEAF, "b", "2");
	tree_refresh(t);
}

static const char *sel_path(struct tree *t)
{
	static char buf[256];
	char *p = tree_path(tree_selected(t));

	snprintf(buf, sizeof(buf), "%s", p);
	free(p);
	return buf;
}

static void test_collapsed_rows(void **state)
{
	struct tree t;

	(void)state;
	sample(&t);
	assert_int_equal(t.nnodes, 8);
	assert_int_equal(t.nrows, 2); /* a, b */
	assert_string_equal(sel_path(&t), "a");
	tree_clear(&t);
}

static void test_expand_collapse(void **state)
{
	struct tree t;

	(void)state;
	sample(&t);
	assert_true(tree_apply(&t, TREE_TOGGLE, 10));
	assert_int_equal(t.nrows, 4); /* a, x, list, b */
	assert_true(tree_apply(&t, TREE_EXPAND_ALL, 10));
	assert_int_equal(t.nrows, 8);
	assert_true(tree_apply(&t, TREE_COLLAPSE_ALL, 10));
	assert_int_equal(t.nrows, 2);
	/* Right expands, then moves into the first child. */
	tree_apply(&t, TREE_RIGHT, 10);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(sel_path(&t), "a");
	tree_apply(&t, TREE_RIGHT, 10);
	assert_string_equal(sel_path(&t), "a.x");
	/* Left on a leaf goes to the parent, then collapses it. */
	tree_apply(&t, TREE_LEFT, 10);
	assert_string_equal(sel_path(&t), "a");
	tree_apply(&t, TREE_LEFT, 10);
	assert_int_equal(t.nrows, 2);
	tree_clear(&t);
}

static void test_selection_survives_collapse(void **state)
{
	struct tree t;

	(void)state;
	sample(&t);
	tree_expand_all(&t, true);
	tree_apply(&t, TREE_END, 5);
	assert_string_equal(sel_path(&t), "b");
	tree_apply(&t, TREE_UP, 5);
	assert_string_equal(sel_path(&t), "a.list[1].name");
	/* Collapsing an ancestor from elsewhere moves the selection up to it. */
	t.rows[0]->expanded = false;
	tree_refresh(&t);
	assert_string_equal(sel_path(&t), "a");
	tree_clear(&t);
}

static void test_move_and_page(void **state)
{
	struct tree t;

	(void)state;
	tree_init(&t);
	for (int i = 0; i < 100; i++) {
		char k[16];

		snprintf(k, sizeof(k), "k%d", i);
		tree_add(&t, NULL, TREE_LEAF, k, "v");
	}
	tree_refresh(&t);
	assert_false(tree_apply(&t, TREE_UP, 10)); /* at the top already */
	tree_apply(&t, TREE_DOWN, 10);
	assert_int_equal(t.sel, 1);
	tree_apply(&t, TREE_PAGE_DOWN, 10);
	assert_int_equal(t.sel, 11);
	assert_true(t.sel >= t.top && t.sel < t.top + 10);
	tree_apply(&t, TREE_END, 10);
	assert_int_equal(t.sel, 99);
	assert_int_equal(t.top, 90);
	assert_false(tree_apply(&t, TREE_DOWN, 10));
	tree_apply(&t, TREE_PAGE_UP, 10);
	assert_int_equal(t.sel, 89);
	tree_apply(&t, TREE_HOME, 10);
	assert_int_equal(t.sel, 0);
	assert_int_equal(t.top, 0);
	tree_clear(&t);
}

static void test_search(void **state)
{
	struct tree t;

	(void)state;
	sample(&t);
	/* Finds inside collapsed nodes, case-insensitively, and opens the way. */
	assert_true(tree_search(&t, "beta", true));
	assert_string_equal(sel_path(&t), "a.list[1].name");
	assert_true(t.rows[0]->expanded);
	/* n wraps around to the other match. */
	assert_true(tree_search(&t, "name", true));
	assert_string_equal(sel_path(&t), "a.list[0].name");
	assert_true(tree_apply(&t, TREE_SEARCH_NEXT, 10));
	assert_string_equal(sel_path(&t), "a.list[1].name");
	assert_true(tree_apply(&t, TREE_SEARCH_NEXT, 10));
	assert_string_equal(sel_path(&t), "a.list[0].name");
	assert_true(tree_apply(&t, TREE_SEARCH_PREV, 10));
	assert_string_equal(sel_path(&t), "a.list[1].name");
	assert_false(tree_search(&t, "nowhere", true));
	assert_string_equal(sel_path(&t), "a.list[1].name");
	tree_clear(&t);
}

/* Which match of how many, and whether the search went round an end. */
static void test_search_rank(void **state)
{
	struct tree t;
	size_t total = 99;

	(void)state;
	sample(&t);
	assert_int_equal(tree_search_rank(&t, &total), 0);
	assert_int_equal(total, 0);
	assert_true(tree_search(&t, "name", true));
	assert_string_equal(sel_path(&t), "a.list[0].name");
	assert_int_equal(tree_search_rank(&t, &total), 1);
	assert_int_equal(total, 2);
	assert_int_equal(t.search_wrapped, 0);
	assert_true(tree_apply(&t, TREE_SEARCH_NEXT, 10));
	assert_int_equal(tree_search_rank(&t, &total), 2);
	assert_int_equal(t.search_wrapped, 0);
	assert_true(tree_apply(&t, TREE_SEARCH_NEXT, 10));
	assert_int_equal(tree_search_rank(&t, &total), 1);
	assert_int_equal(t.search_wrapped, 1);
	assert_true(tree_apply(&t, TREE_SEARCH_PREV, 10));
	assert_int_equal(tree_search_rank(&t, &total), 2);
	assert_int_equal(t.search_wrapped, -1);
	/* A selection elsewhere is no match: rank 0, the total stays. */
	tree_apply(&t, TREE_HOME, 10);
	assert_int_equal(tree_search_rank(&t, &total), 0);
	assert_int_equal(total, 2);
	tree_clear(&t);
}

static void test_labels_and_hscroll(void **state)
{
	struct tree t;
	char *s;

	(void)state;
	sample(&t);
	tree_expand_all(&t, true);
	s = tree_node_label(t.rows[1]);
	assert_string_equal(s, "x: 1");
	free(s);
	s = tree_node_label(t.rows[3]);
	assert_string_equal(s, "[0]");
	free(s);
	assert_false(tree_apply(&t, TREE_SCROLL_LEFT, 5));
	assert_true(tree_apply(&t, TREE_SCROLL_RIGHT, 5));
	assert_int_equal(t.hscroll, 8);
	tree_clear(&t);
}

static const char response[] =
	"{\"InferenceRecommendationsJobName\":\"job-1\",\"RecommendationId\":\"job-1/abc\","
	"\"TargetCpuUtilizationPerCore\":50,"
	"\"Metric\":{\"InvocationsPerInstance\":812,\"ModelLatency\":120},"
	"\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":4,"
	"\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60,\"ScalingPolicies\":["
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":"
	"\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":812.0}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":"
	"\"CPUUtilizationNormalized\",\"Namespace\":\"/aws/sagemaker/Endpoints\","
	"\"Statistic\":\"Average\"}},\"TargetValue\":50.0}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"FutureMetric\":{\"X\":1}},\"TargetValue\":1}},"
	"{\"StepScaling\":{\"Steps\":[1,2]}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":"
	"\"evil\\u001b[31m\"}}}}"
	"]}}";

static struct tree_node *find(struct tree *t, const char *path)
{
	for (struct tree_node *n = t->root.first; n != NULL; n = tree_next_preorder(t, n)) {
		char *p = tree_path(n);
		bool same = strcmp(p, path) == 0;

		free(p);
		if (same)
			return n;
	}
	return NULL;
}

static void test_response_tree(void **state)
{
	struct scaling_response r;
	struct tree t;
	struct tree_node *n;
	char *err = NULL;

	(void)state;
	memset(&r, 0, sizeof(r));
	if (scaling_response_parse(response, strlen(response), &r, &err) != 0) {
		print_message("parse: %s\n", err ? err : "?");
		fail();
	}
	tree_init(&t);
	resptree_build(&t, &r);
	/* Opens on the scaling configuration, everything expanded. */
	assert_string_equal(sel_path(&t), "DynamicScalingConfiguration");
	assert_int_equal(t.nrows, t.nnodes);
	n = find(&t, "DynamicScalingConfiguration.ScalingPolicies[1].TargetTracking."
		     "MetricSpecification.Customized.MetricName");
	assert_non_null(n);
	assert_string_equal(n->value, "CPUUtilizationNormalized");
	n = find(&t, "DynamicScalingConfiguration.ScalingPolicies[0].TargetTracking."
		     "MetricSpecification.Predefined.PredefinedMetricType");
	assert_non_null(n);
	n = find(&t, "DynamicScalingConfiguration.ScaleInCooldown");
	assert_non_null(n);
	assert_string_equal(n->value, "300");
	assert_non_null(n->note);
	n = find(&t, "Metric.ModelLatency");
	assert_non_null(n);
	assert_string_equal(n->value, "120");
	assert_non_null(n->note); /* unit not documented */
	/* Every number with a unit says it. */
	static const char *const with_unit[] = {
		"TargetCpuUtilizationPerCore",
		"Metric.InvocationsPerInstance",
		"DynamicScalingConfiguration.MinCapacity",
		"DynamicScalingConfiguration.MaxCapacity",
		"DynamicScalingConfiguration.ScaleOutCooldown",
	};
	for (size_t i = 0; i < sizeof(with_unit) / sizeof(with_unit[0]); i++) {
		n = find(&t, with_unit[i]);
		assert_non_null(n);
		assert_non_null(n->note);
	}
	/* A policy says its type, metric and target in one line (shown collapsed). */
	n = find(&t, "DynamicScalingConfiguration.ScalingPolicies[1]");
	assert_non_null(n);
	assert_non_null(n->summary);
	assert_non_null(strstr(n->summary, "TargetTracking, CPUUtilizationNormalized, target"));
	/* Unknown union members are shown, with their JSON. */
	n = find(&t, "DynamicScalingConfiguration.ScalingPolicies[2].TargetTracking."
		     "MetricSpecification.FutureMetric");
	assert_non_null(n);
	assert_non_null(strstr(n->value, "\"X\""));
	n = find(&t, "DynamicScalingConfiguration.ScalingPolicies[3].StepScaling");
	assert_non_null(n);
	/* Control characters from the network never reach the tree raw. */
	n = find(&t, "DynamicScalingConfiguration.ScalingPolicies[4].TargetTracking."
		     "MetricSpecification.Predefined.PredefinedMetricType");
	assert_non_null(n);
	assert_null(strchr(n->value, 0x1b));
	assert_non_null(strstr(n->value, "\\x1b"));
	tree_clear(&t);
	scaling_response_free(&r);
	free(err);
}

static void test_big_tree(void **state)
{
	struct tree t;

	(void)state;
	tree_init(&t);
	struct tree_node *arr = tree_add(&t, NULL, TREE_ARRAY, "ScalingPolicies", NULL);

	for (int i = 0; i < 10000; i++) {
		struct tree_node *p = tree_add(&t, arr, TREE_OBJECT, NULL, NULL);
		struct tree_node *tt = tree_add(&t, p, TREE_OBJECT, "TargetTracking", NULL);

		tree_add(&t, tt, TREE_LEAF, "TargetValue", "50");
	}
	tree_refresh(&t);
	tree_apply(&t, TREE_EXPAND_ALL, 20);
	assert_int_equal(t.nrows, 30001);
	tree_apply(&t, TREE_END, 20);
	{
		char *p = tree_path(tree_selected(&t));

		assert_string_equal(p, "ScalingPolicies[9999].TargetTracking.TargetValue");
		free(p);
	}
	tree_clear(&t);
	assert_int_equal(t.nnodes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collapsed_rows),
		cmocka_unit_test(test_expand_collapse),
		cmocka_unit_test(test_selection_survives_collapse),
		cmocka_unit_test(test_move_and_page),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_search_rank),
		cmocka_unit_test(test_labels_and_hscroll),
		cmocka_unit_test(test_response_tree),
		cmocka_unit_test(test_big_tree),
	};
	return cmocka_run_group_tests_name("tree", tests, NULL, NULL);
}

/* The simulator's recommendation model (src/sim/model.c). */
#include "config.h"
#include "../lib/unit.h"
#include "sim/model.h"

static struct sim_model_input base(void)
{
	struct sim_model_input in = { 0 };

	in.max_invocations = 4980;
	in.cpu_utilization = 69.8;
	in.model_latency = 14;
	in.instance_type = "ml.c5.xlarge";
	in.initial_count = 1;
	in.target = 50;
	return in;
}

static void test_invocations_scale_with_target(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	sim_model_recommend(&in, &o);
	/* floor(4980 * 50 / 69.8) = 3567 */
	assert_int_equal(o.invocations_per_instance, 3567);
	assert_int_equal(o.model_latency, 14);
	in.target = 25;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.invocations_per_instance, 1783);
}

static void test_never_above_benchmarked_peak(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	in.target = 100; /* above the measured 69.8 % */
	sim_model_recommend(&in, &o);
	assert_int_equal(o.invocations_per_instance, 4980);
}

static void test_at_least_one_invocation(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	in.max_invocations = 1;
	in.target = 1;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.invocations_per_instance, 1);
	assert_true(o.min_capacity >= 1);
}

static void test_unknown_cpu_means_saturated_at_100(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	in.cpu_utilization = -1;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.invocations_per_instance, 2490);
}

static void test_capacity_from_objective(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	in.has_min = in.has_max = true;
	in.min_ipm = 1000;
	in.max_ipm = 20000;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.min_capacity, 1); /* ceil(1000 / 3567) */
	assert_int_equal(o.max_capacity, 6); /* ceil(20000 / 3567) */
	in.min_ipm = 7135;                   /* just over two instances */
	sim_model_recommend(&in, &o);
	assert_int_equal(o.min_capacity, 3);
	in.min_ipm = 0;
	in.max_ipm = 0;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.min_capacity, 1);
	assert_int_equal(o.max_capacity, 1); /* never below MinCapacity */
}

static void test_capacity_defaults(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	in.initial_count = 2;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.min_capacity, 1);
	/* the load the benchmark pushed through 2 instances: ceil(9960 / 3567) */
	assert_int_equal(o.max_capacity, 3);
}

static void test_huge_objective_does_not_overflow(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	in.has_max = true;
	in.max_ipm = 2147483647;
	in.max_invocations = 1;
	in.target = 1;
	sim_model_recommend(&in, &o);
	assert_int_equal(o.max_capacity, 2147483647LL);
}

static void test_cooldowns_by_family(void **state)
{
	struct sim_model_input in = base();
	struct sim_model_output o;

	sim_model_recommend(&in, &o);
	assert_int_equal(o.scale_out_cooldown, 60);
	assert_int_equal(o.scale_in_cooldown, 300);
	in.instance_type = "ml.g5.xlarge";
	sim_model_recommend(&in, &o);
	assert_int_equal(o.scale_out_cooldown, 120);
	assert_int_equal(o.scale_in_cooldown, 600);
	assert_true(sim_model_accelerated("ml.inf1.xlarge"));
	assert_true(sim_model_accelerated("ml.p4d.24xlarge"));
	assert_true(sim_model_accelerated("ml.trn1.2xlarge"));
	assert_false(sim_model_accelerated("ml.m5.large"));
	assert_false(sim_model_accelerated("ml.c7g.large"));
	assert_false(sim_model_accelerated(NULL));
	assert_true(o.cpu_target == 50.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invocations_scale_with_target),
		cmocka_unit_test(test_never_above_benchmarked_peak),
		cmocka_unit_test(test_at_least_one_invocation),
		cmocka_unit_test(test_unknown_cpu_means_saturated_at_100),
		cmocka_unit_test(test_capacity_from_objective),
		cmocka_unit_test(test_capacity_defaults),
		cmocka_unit_test(test_huge_objective_does_not_overflow),
		cmocka_unit_test(test_cooldowns_by_family),
	};
	return cmocka_run_group_tests_name("sim-model", tests, NULL, NULL);
}

/* Unit tests of src/replay/replay.c: small hand-worked scenarios, each with
 * its expected capacity written out minute by minute, and properties over
 * seeded random traffic. */
#include "config.h"
#include "../lib/unit.h"
#include "replay/replay.h"
#include "sagemaker/scaling.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* min 1, max 4, one policy on InvocationsPerInstance at 500, a benchmark
 * of 1000 per minute at 100% CPU, warm-up 2 minutes, cooldowns 300/60 s. */
static struct replay_config base(void)
{
	struct replay_config c;

	memset(&c, 0, sizeof(c));
	c.min_capacity = 1;
	c.max_capacity = 4;
	c.scale_in_cooldown_s = 300;
	c.scale_out_cooldown_s = 60;
	c.warmup_min = 2;
	c.npolicies = 1;
	c.policies[0].metric = REPLAY_METRIC_INVOCATIONS;
	c.policies[0].target = 500;
	c.max_invocations = 1000;
	c.cpu_at_max = 100;
	c.has_cost = true;
	c.cost_per_hour = 0.5;
	return c;
}

static void run(const struct replay_config *c, const double *tr, size_t n, struct replay_minute *tl,
		struct replay_result *r)
{
	char *err = NULL;

	assert_int_equal(replay_config_check(c, &err), 0);
	replay_run(c, tr, n, tl, r);
}

static void expect_capacity(const struct replay_minute *tl, const int *cap, const int *in, size_t n)
{
	for (size_t t = 0; t < n; t++) {
		if (tl[t].capacity != cap[t] || tl[t].in_service != in[t])
			fail_msg("minute %zu: capacity %d in service %d, expected %d and %d", t,
				 tl[t].capacity, tl[t].in_service, cap[t], in[t]);
	}
}

/* Traffic jumps to 1200 at minute 2: 3 minutes above 500 (2, 3, 4) raise
 * an alarm; the decision at the end of minute 4 asks for ceil(1200/500) =
 * 3 from minute 5, serving after the 2-minute warm-up (minute 7).  In
 * minute 5 the metric (on the one serving instance) is still high but 3
 * is no more than is set: no second scale-out.  At minute 6 traffic is
 * 1800: ceil(1800/500) = 4 is larger, so it scales out again, inside the
 * scale-out cooldown. */
static void test_step_up(void **state)
{
	static const double tr[] = { 400,  400,  1200, 1200, 1200, 1200,
				     1800, 1800, 1800, 1800, 1800, 1800 };
	static const int cap[] = { 1, 1, 1, 1, 1, 3, 3, 4, 4, 4, 4, 4 };
	static const int in[] = { 1, 1, 1, 1, 1, 1, 1, 3, 3, 4, 4, 4 };
	enum { N = sizeof(tr) / sizeof(tr[0]) };
	struct replay_config c = base();
	struct replay_minute tl[N];
	struct replay_result r;

	run(&c, tr, N, tl, &r);
	expect_capacity(tl, cap, in, N);
	assert_int_equal(tl[4].flags, REPLAY_F_OVER | REPLAY_F_OUT);
	assert_int_equal(tl[5].flags, REPLAY_F_OVER);
	assert_int_equal(tl[6].flags, REPLAY_F_OVER | REPLAY_F_OUT);
	assert_int_equal(tl[7].flags, 0);
	assert_int_equal(r.scale_out_events, 2);
	assert_int_equal(r.scale_in_events, 0);
	/* Overloaded: above 1000 per serving instance in minutes 2-6. */
	assert_int_equal(r.overloaded_minutes, 5);
	assert_true(r.overloaded_invocations == 4 * 1200 + 1800);
	assert_int_equal(r.peak_instances, 4);
	/* 5 + 3 + 3 + 4*5 = 31 instance-minutes. */
	assert_true(fabs(r.instance_hours - 31.0 / 60) < 1e-12);
	assert_true(fabs(r.cost - 31.0 / 60 * 0.5) < 1e-12);
	assert_true(fabs(tl[7].metric - 600) < 1e-9);
}

/* Four instances; traffic falls to 900 at minute 2 (225 per instance,
 * under 450 = 90% of 500).  15 minutes under (2-16): scale in to
 * ceil(900/500) = 2 from minute 17, and the 5-minute scale-in cooldown
 * runs from there.  At 17 traffic falls again to 200 (100 per instance):
 * still under, but the next scale-in waits for the cooldown: decided at
 * the end of minute 21, one instance from 22. */
static void test_step_down(void **state)
{
	double tr[26];
	static const int cap[26] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
				     4, 4, 4, 4, 2, 2, 2, 2, 2, 1, 1, 1, 1 };
	struct replay_config c = base();
	struct replay_minute tl[26];
	struct replay_result r;

	for (int t = 0; t < 26; t++)
		tr[t] = t < 2 ? 2000 : t < 17 ? 900 : 200;
	c.initial_capacity = 4;
	run(&c, tr, 26, tl, &r);
	expect_capacity(tl, cap, cap, 26);
	assert_int_equal(tl[16].flags, REPLAY_F_IN);
	assert_int_equal(tl[21].flags, REPLAY_F_IN);
	for (int t = 17; t < 21; t++)
		assert_int_equal(tl[t].flags, 0);
	assert_int_equal(r.scale_in_events, 2);
	assert_int_equal(r.scale_out_events, 0);
	assert_int_equal(r.overloaded_minutes, 0);
	assert_int_equal(r.peak_instances, 4);
}

/* Two policies: InvocationsPerInstance at 500 and CPU at 80% (the
 * benchmark: 1000 per minute at 100%, so CPU = InvocationsPerInstance / 10).
 * Minutes 0-19, 1400 on 3 instances (467 each, CPU 47%): the CPU policy is
 * under 72% and would scale in, the invocations policy (not under 450)
 * does not agree: no scale-in.  From 20, 600 (200 each): both under; when
 * the invocations policy has been under for 15 minutes (20-34) it scales
 * in to the larger of ceil(600/500) = 2 and ceil(60/80) = 1.  From 40,
 * 1500 on 2 (750 each, CPU 75%): only the invocations policy is above its
 * target; it alone scales out, to ceil(1500/500) = 3, after 40-42. */
static void test_two_policies(void **state)
{
	double tr[46];
	int cap[46];
	struct replay_config c = base();
	struct replay_minute tl[46];
	struct replay_result r;

	for (int t = 0; t < 46; t++) {
		tr[t] = t < 20 ? 1400 : t < 40 ? 600 : 1500;
		cap[t] = t < 35 ? 3 : t < 43 ? 2 : 3;
	}
	c.max_capacity = 6;
	c.initial_capacity = 3;
	c.warmup_min = 0;
	c.scale_in_cooldown_s = 0;
	c.npolicies = 2;
	c.policies[1].metric = REPLAY_METRIC_CPU;
	c.policies[1].target = 80;
	run(&c, tr, 46, tl, &r);
	expect_capacity(tl, cap, cap, 46);
	assert_int_equal(tl[34].flags, REPLAY_F_IN);
	assert_int_equal(tl[42].flags, REPLAY_F_OUT);
	assert_int_equal(r.scale_in_events, 1);
	assert_int_equal(r.scale_out_events, 1);

	/* The CPU policy alone scales in during the first 20 minutes: after
	 * 15 minutes under (0-14), to ceil(140/80) = 2 from minute 15. */
	c.npolicies = 1;
	c.policies[0] = c.policies[1];
	replay_run(&c, tr, 20, tl, &r);
	for (int t = 0; t < 20; t++)
		assert_int_equal(tl[t].capacity, t < 15 ? 3 : 2);
}

/* MaxCapacity 2 and 3000 per minute: the scale-out after minutes 0-2 asks
 * for ceil(3000/500) = 6 and gets 2; every minute is overloaded (above
 * 1000 on one instance, then above 2000 on two). */
static void test_clamped_at_max(void **state)
{
	double tr[10];
	static const int cap[10] = { 1, 1, 1, 2, 2, 2, 2, 2, 2, 2 };
	struct replay_config c = base();
	struct replay_minute tl[10];
	struct replay_result r;

	for (int t = 0; t < 10; t++)
		tr[t] = 3000;
	c.max_capacity = 2;
	c.warmup_min = 0;
	run(&c, tr, 10, tl, &r);
	expect_capacity(tl, cap, cap, 10);
	assert_int_equal(r.scale_out_events, 1);
	assert_int_equal(r.overloaded_minutes, 10);
	assert_true(r.overloaded_invocations == 30000);
	assert_int_equal(r.peak_instances, 2);
	for (int t = 0; t < 10; t++)
		assert_true(tl[t].flags & REPLAY_F_OVER);
	/* CPU is capped at 100% in the mean utilisation. */
	assert_true(fabs(r.mean_utilisation - 100) < 1e-9);
}

/* No traffic at all on 3 instances: under the target from minute 0; after
 * 15 minutes (0-14) down to MinCapacity from minute 15, and nothing else. */
static void test_zero_traffic(void **state)
{
	double tr[25] = { 0 };
	int cap[25];
	struct replay_config c = base();
	struct replay_minute tl[25];
	struct replay_result r;

	for (int t = 0; t < 25; t++)
		cap[t] = t < 15 ? 3 : 1;
	c.initial_capacity = 3;
	run(&c, tr, 25, tl, &r);
	expect_capacity(tl, cap, cap, 25);
	assert_int_equal(r.scale_in_events, 1);
	assert_int_equal(r.overloaded_minutes, 0);
	assert_true(r.total_invocations == 0);
	assert_true(r.mean_utilisation == 0);
	assert_true(fabs(r.mean_instances - 55.0 / 25) < 1e-12);
	assert_true(fabs(r.instance_hours - 55.0 / 60) < 1e-12);
}

/* A minute without data in a run of high traffic: it is not evaluated, so
 * the alarm's 3 consecutive minutes start again after it (3, 4, 5); the
 * instances still run (and cost) through it. */
static void test_gap(void **state)
{
	const double tr[7] = { 1200, 1200, NAN, 1200, 1200, 1200, 1200 };
	static const int cap[7] = { 1, 1, 1, 1, 1, 1, 3 };
	struct replay_config c = base();
	struct replay_minute tl[7];
	struct replay_result r;

	c.warmup_min = 0;
	run(&c, tr, 7, tl, &r);
	expect_capacity(tl, cap, cap, 7);
	assert_int_equal(tl[2].flags, REPLAY_F_GAP);
	assert_true(isnan(tl[2].traffic));
	assert_int_equal(tl[5].flags, REPLAY_F_OVER | REPLAY_F_OUT);
	assert_int_equal(r.gap_minutes, 1);
	assert_int_equal(r.data_minutes, 6);
	assert_int_equal(r.overloaded_minutes, 5);
	assert_true(r.total_invocations == 7200);
	assert_true(fabs(r.instance_hours - 9.0 / 60) < 1e-12);
}

/* A scale-in removes instances still warming up before serving ones. */
static void test_scale_in_takes_warming_first(void **state)
{
	double tr[40];
	struct replay_config c = base();
	struct replay_minute tl[40];
	struct replay_result r;

	/* 1200 for 3 minutes: out to 3 (serving at 5); then 0: 15 minutes
	 * under from minute 3 (on 1 serving instance, then 3). */
	for (int t = 0; t < 40; t++)
		tr[t] = t < 3 ? 1200 : 0;
	c.warmup_min = 30;
	run(&c, tr, 40, tl, &r);
	/* Decided at 17: back to 1 from 18, so the two warming instances
	 * (due at minute 33) never serve. */
	for (int t = 0; t < 40; t++) {
		assert_int_equal(tl[t].capacity, t < 3 ? 1 : t < 18 ? 3 : 1);
		assert_int_equal(tl[t].in_service, 1);
	}
}

static void test_config_check(void **state)
{
	struct replay_config c = base();
	char *err = NULL;

	c.min_capacity = 0;
	assert_int_equal(replay_config_check(&c, &err), -1);
	assert_non_null(strstr(err, "MinCapacity"));
	free(err);
	c = base();
	c.max_capacity = 0;
	assert_int_equal(replay_config_check(&c, &err), -1);
	free(err);
	c = base();
	c.policies[0].target = 0;
	assert_int_equal(replay_config_check(&c, &err), -1);
	free(err);
	c = base();
	c.npolicies = 0;
	assert_int_equal(replay_config_check(&c, &err), -1);
	free(err);
	c = base();
	c.warmup_min = REPLAY_MAX_WARMUP_MIN + 1;
	assert_int_equal(replay_config_check(&c, &err), -1);
	free(err);
	c = base();
	c.max_invocations = 0;
	assert_int_equal(replay_config_check(&c, &err), -1);
	free(err);
}

/* ---- from a recommendation ---- */

static void test_from_response(void **state)
{
	static const char body[] =
		"{\"Metric\":{\"InvocationsPerInstance\":3567},\"DynamicScalingConfiguration\":"
		"{\"MinCapacity\":1,\"MaxCapacity\":6,\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60,"
		"\"ScalingPolicies\":[{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":"
		"{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}},"
		"\"TargetValue\":3567}},{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":"
		"{\"MetricName\":\"CPUUtilizationNormalized\",\"Namespace\":\"/aws/sagemaker/Endpoints\","
		"\"Statistic\":\"Average\"}},\"TargetValue\":50}}]}}";
	struct scaling_response resp;
	struct replay_config c;
	char *err = NULL;

	assert_int_equal(scaling_response_parse(body, strlen(body), &resp, &err), 0);
	assert_int_equal(replay_config_from_response(&resp, 4980, 69.8, 0.204, 5, &c, &err), 0);
	assert_int_equal(c.min_capacity, 1);
	assert_int_equal(c.max_capacity, 6);
	assert_int_equal(c.scale_in_cooldown_s, 300);
	assert_int_equal(c.npolicies, 2);
	assert_int_equal(c.policies[0].metric, REPLAY_METRIC_INVOCATIONS);
	assert_true(c.policies[0].target == 3567);
	assert_int_equal(c.policies[1].metric, REPLAY_METRIC_CPU);
	assert_true(c.policies[1].target == 50);
	assert_true(c.has_cost && c.cost_per_hour == 0.204);
	/* Unknown cost and CPU. */
	assert_int_equal(replay_config_from_response(&resp, 4980, 0, -1, 5, &c, &err), 0);
	assert_false(c.has_cost);
	assert_true(c.cpu_at_max == 100);
	scaling_response_free(&resp);

	static const char other[] =
		"{\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":2,"
		"\"ScalingPolicies\":[{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":"
		"{\"MetricName\":\"MemoryUtilization\"}},\"TargetValue\":50}}]}}";
	assert_int_equal(scaling_response_parse(other, strlen(other), &resp, &err), 0);
	assert_int_equal(replay_config_from_response(&resp, 4980, 70, 1, 5, &c, &err), -1);
	assert_non_null(strstr(err, "metric"));
	free(err);
	scaling_response_free(&resp);
}

/* ---- properties over seeded random traffic ---- */

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void random_case(uint64_t seed, struct replay_config *c, double *tr, size_t n)
{
	uint64_t x = seed * 2654435761u + 1;

	*c = base();
	c->min_capacity = 1 + (int)(rnd(&x) % 3);
	c->max_capacity = c->min_capacity + (int)(rnd(&x) % 8);
	c->initial_capacity = (int)(rnd(&x) % 12);
	c->warmup_min = (int)(rnd(&x) % 10);
	c->scale_in_cooldown_s = (int)(rnd(&x) % 900);
	c->scale_out_cooldown_s = (int)(rnd(&x) % 300);
	c->npolicies = 1 + (int)(rnd(&x) % 2);
	c->policies[0].target = 100 + (double)(rnd(&x) % 900);
	c->policies[1].metric = REPLAY_METRIC_CPU;
	c->policies[1].target = 10 + (double)(rnd(&x) % 90);
	c->cpu_at_max = 20 + (double)(rnd(&x) % 81);
	c->cost_per_hour = (double)(rnd(&x) % 1000) / 100;
	double level = (double)(rnd(&x) % 5000);
	for (size_t t = 0; t < n; t++) {
		if (rnd(&x) % 50 == 0)
			level = (double)(rnd(&x) % 12000);
		tr[t] = rnd(&x) % 97 == 0 ? NAN
					  : floor(level * (0.8 + (double)(rnd(&x) % 400) / 1000));
	}
}

static void test_properties(void **state)
{
	enum { N = 2000, CASES = 300 };
	static double tr[N];
	static struct replay_minute tl[N], tl2[N];

	for (uint64_t seed = 1; seed <= CASES; seed++) {
		struct replay_config c;
		struct replay_result r, r2;
		double cap_sum = 0;

		random_case(seed, &c, tr, N);
		run(&c, tr, N, tl, &r);
		for (size_t t = 0; t < N; t++) {
			assert_true(tl[t].capacity >= c.min_capacity &&
				    tl[t].capacity <= c.max_capacity);
			assert_true(tl[t].in_service >= 1 && tl[t].in_service <= tl[t].capacity);
			cap_sum += tl[t].capacity;
			if (isnan(tr[t]))
				continue;
			double need = ceil(tr[t] / c.max_invocations);
			if (!(tl[t].flags & REPLAY_F_OVER))
				assert_true(tl[t].in_service >= need);
			else
				assert_true(tl[t].in_service < need);
		}
		assert_true(fabs(r.instance_hours - cap_sum / 60) < 1e-9);
		assert_true(fabs(r.cost - r.instance_hours * c.cost_per_hour) < 1e-9);
		/* The same seed gives the same result. */
		random_case(seed, &c, tr, N);
		replay_run(&c, tr, N, tl2, &r2);
		assert_memory_equal(&r, &r2, sizeof(r));
		for (size_t t = 0; t < N; t++)
			assert_true(tl[t].capacity == tl2[t].capacity &&
				    tl[t].in_service == tl2[t].in_service &&
				    tl[t].flags == tl2[t].flags);
		/* The timeline does not change the result. */
		replay_run(&c, tr, N, NULL, &r2);
		assert_memory_equal(&r, &r2, sizeof(r));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_up),
		cmocka_unit_test(test_step_down),
		cmocka_unit_test(test_two_policies),
		cmocka_unit_test(test_clamped_at_max),
		cmocka_unit_test(test_zero_traffic),
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_scale_in_takes_warming_first),
		cmocka_unit_test(test_config_check),
		cmocka_unit_test(test_from_response),
		cmocka_unit_test(test_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

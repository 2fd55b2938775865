/* Unit tests of src/whatif/compare.c: exactly the changed fields are marked. */
#include "config.h"
#include "../lib/unit.h"
#include "whatif/compare.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void run_ok(struct whatif_run *r, int cpu, long long ipi, long long maxcap)
{
	memset(r, 0, sizeof(*r));
	r->id = cpu;
	r->time = 1764230000 + cpu; /* differs, but is not a compared field */
	r->elapsed_ms = cpu;        /* likewise */
	r->req.job_name = xstrdup("demo-job-1");
	r->req.recommendation_id = xstrdup("rec-0001");
	r->req.cpu = (struct opt_int){ true, cpu };
	r->req.min_invocations = (struct opt_int){ true, 100 };
	r->req.max_invocations = (struct opt_int){ true, 5000 };
	r->ok = true;
	r->invocations_per_instance = (struct opt_int){ true, ipi };
	r->model_latency = (struct opt_int){ true, 1200 };
	r->min_capacity = (struct opt_int){ true, 1 };
	r->max_capacity = (struct opt_int){ true, maxcap };
	r->scale_in_cooldown = (struct opt_int){ true, 300 };
	r->scale_out_cooldown = (struct opt_int){ true, 60 };
	r->npolicies = 2;
	r->policies = xcalloc(2, sizeof(char *));
	r->policies[0] = xasprintf(
		"TargetTracking Predefined SageMakerVariantInvocationsPerInstance = %lld", ipi);
	r->policies[1] = xstrdup(
		"TargetTracking Customized /aws/sagemaker/Endpoints/CPUUtilizationNormalized Average = 50");
}

static const struct compare_row *row(const struct compare *c, const char *label)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->rows[i].label, label) == 0)
			return &c->rows[i];
	return NULL;
}

/* The labels of the changed rows, joined by commas. */
static char *changed(const struct compare *c)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].changed) {
			char *t = xasprintf("%s%s%s", s, *s ? "," : "", c->rows[i].label);
			free(s);
			s = t;
		}
	return s;
}

static void test_same(void **state)
{
	struct whatif_run a, b;
	struct compare c;

	run_ok(&a, 50, 2000, 3);
	run_ok(&b, 50, 2000, 3);
	b.id = 9;
	b.time += 100;
	b.elapsed_ms = 999;
	compare_runs(&a, &b, &c);
	assert_int_equal(c.nchanged, 0);
	assert_true(c.n >= 15);
	assert_string_equal(row(&c, "TargetCpuUtilizationPerCore")->left, "50");
	compare_free(&c);
	whatif_run_free(&a);
	whatif_run_free(&b);
}

static void test_exactly_changed(void **state)
{
	struct whatif_run a, b;
	struct compare c;

	run_ok(&a, 50, 2000, 3);
	run_ok(&b, 60, 2400, 3); /* cpu, IPI and policy 1 change; MaxCapacity not */
	compare_runs(&a, &b, &c);
	char *s = changed(&c);
	assert_string_equal(s, "TargetCpuUtilizationPerCore,InvocationsPerInstance,Policy 1");
	assert_int_equal(c.nchanged, 3);
	const struct compare_row *r = row(&c, "InvocationsPerInstance");
	assert_string_equal(r->left, "2000");
	assert_string_equal(r->right, "2400");
	assert_false(row(&c, "MaxCapacity")->changed);
	free(s);
	compare_free(&c);
	whatif_run_free(&b);

	/* An input present on one side only. */
	run_ok(&b, 50, 2000, 3);
	b.req.max_invocations.set = false;
	b.max_capacity.v = 7;
	compare_runs(&a, &b, &c);
	s = changed(&c);
	assert_string_equal(s, "MaxInvocationsPerMinute,MaxCapacity");
	assert_string_equal(row(&c, "MaxInvocationsPerMinute")->right, "");
	free(s);
	compare_free(&c);
	whatif_run_free(&a);
	whatif_run_free(&b);
}

static void test_error_vs_ok(void **state)
{
	struct whatif_run a, b;
	struct compare c;

	run_ok(&a, 50, 2000, 3);
	memset(&b, 0, sizeof(b));
	b.req.job_name = xstrdup("demo-job-1");
	b.req.recommendation_id = xstrdup("rec-0001");
	b.req.cpu = (struct opt_int){ true, 50 };
	b.req.min_invocations = (struct opt_int){ true, 100 };
	b.req.max_invocations = (struct opt_int){ true, 5000 };
	whatif_run_set_error(&b, "service", "ThrottlingException", "Rate exceeded\x1b[2J");
	compare_runs(&a, &b, &c);
	char *s = changed(&c);
	assert_string_equal(s, "Status,InvocationsPerInstance,ModelLatency,MinCapacity,MaxCapacity,"
			       "ScaleInCooldown,ScaleOutCooldown,Policy 1,Policy 2,Error");
	assert_string_equal(row(&c, "Status")->right, "ThrottlingException");
	/* Text from the network is sanitised: no raw escape reaches a terminal. */
	assert_null(strchr(row(&c, "Error")->right, '\x1b'));
	free(s);
	compare_free(&c);
	whatif_run_free(&a);
	whatif_run_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_exactly_changed),
		cmocka_unit_test(test_error_vs_ok),
	};
	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}

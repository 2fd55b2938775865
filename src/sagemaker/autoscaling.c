/* Application Auto Scaling: the calls that apply a scaling recommendation,
 * built once so that apply, its dry run and every export say the same. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "sagemaker/autoscaling.h"
#include "sagemaker/recvalid.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

char *autoscaling_target(const char *op)
{
	return xasprintf("AnyScaleFrontendService.%s", op);
}

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

static void add_int(json_object *o, const char *k, long long v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

/* The shortest text that reads back as the same double, so that 0.1 is
 * written "0.1" and 50 is written "50.0". */
char *autoscaling_format_double(double v)
{
	char *s = NULL;

	for (int prec = 15; prec <= 17; prec++) {
		free(s);
		s = xasprintf("%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	if (!strpbrk(s, ".eEnN")) {
		char *t = xasprintf("%s.0", s);

		free(s);
		s = t;
	}
	return s;
}

static void add_double(json_object *o, const char *k, double v)
{
	char *s = autoscaling_format_double(v);

	json_object_object_add(o, k, json_object_new_double_s(v, s));
	free(s);
}

static json_object *dimension(const char *name, const char *value)
{
	json_object *d = json_object_new_object();

	add_str(d, "Name", name);
	add_str(d, "Value", value);
	return d;
}

/* The recommendation's MetricSpecification in Application Auto Scaling's
 * names.  A Customized CloudWatch metric needs the endpoint and variant
 * dimensions, which the recommendation leaves out. */
static void add_metric(json_object *cfg, const struct scaling_metric_spec *m, const char *endpoint,
		       const char *variant)
{
	json_object *spec = json_object_new_object();

	if (m->kind == METRIC_PREDEFINED) {
		add_str(spec, "PredefinedMetricType", m->predefined_type ? m->predefined_type : "");
		json_object_object_add(cfg, "PredefinedMetricSpecification", spec);
		return;
	}
	json_object *dims = json_object_new_array();

	add_str(spec, "MetricName", m->metric_name ? m->metric_name : "");
	add_str(spec, "Namespace", m->namespace_ ? m->namespace_ : "");
	json_object_array_add(dims, dimension("EndpointName", endpoint));
	json_object_array_add(dims, dimension("VariantName", variant));
	json_object_object_add(spec, "Dimensions", dims);
	add_str(spec, "Statistic", m->statistic ? m->statistic : "");
	json_object_object_add(cfg, "CustomizedMetricSpecification", spec);
}

static bool policy_translatable(const struct scaling_policy *p)
{
	return p->kind == POLICY_TARGET_TRACKING && p->has_metric && p->has_target_value &&
	       p->metric.kind != METRIC_UNKNOWN;
}

void autoscaling_plan_add(struct autoscaling_plan *plan, const char *op, const char *label,
			  json_object *body)
{
	plan->calls = xrealloc(plan->calls, (plan->ncalls + 1) * sizeof(*plan->calls));
	plan->calls[plan->ncalls].op = xstrdup(op);
	plan->calls[plan->ncalls].label = xstrdup(label);
	plan->calls[plan->ncalls].json = jsonutil_text_put(body);
	plan->ncalls++;
}

static json_object *target_base(const char *resource_id)
{
	json_object *o = json_object_new_object();

	add_str(o, "ServiceNamespace", AUTOSCALING_NAMESPACE);
	add_str(o, "ResourceId", resource_id);
	add_str(o, "ScalableDimension", AUTOSCALING_DIMENSION);
	return o;
}

static json_object *policy_config(const struct scaling_response *resp,
				  const struct scaling_policy *p, const char *endpoint,
				  const char *variant)
{
	json_object *cfg = json_object_new_object();

	add_double(cfg, "TargetValue", p->target_value);
	add_metric(cfg, &p->metric, endpoint, variant);
	if (resp->scale_out_cooldown.set)
		add_int(cfg, "ScaleOutCooldown", resp->scale_out_cooldown.v);
	if (resp->scale_in_cooldown.set)
		add_int(cfg, "ScaleInCooldown", resp->scale_in_cooldown.v);
	return cfg;
}

int autoscaling_plan_build(const struct scaling_response *resp, const char *endpoint,
			   const char *variant, const char *policy_name,
			   struct autoscaling_plan *plan, char **err)
{
	memset(plan, 0, sizeof(*plan));
	if (!endpoint || !*endpoint) {
		*err = xstrdup(_("No endpoint to scale: give the endpoint name."));
		return -1;
	}
	if (!variant || !*variant) {
		*err = xstrdup(_("No variant to scale: give the variant name."));
		return -1;
	}
	if (!resp->has_dynamic || !resp->min_capacity.set || !resp->max_capacity.set) {
		*err = xstrdup(_("The recommendation has no DynamicScalingConfiguration with "
				 "MinCapacity and MaxCapacity: nothing to apply."));
		return -1;
	}
	if (recvalid_check(resp, err) != 0)
		return -1;
	size_t ntrans = 0;

	for (size_t i = 0; i < resp->npolicies; i++)
		ntrans += policy_translatable(&resp->policies[i]);

	plan->resource_id = xasprintf("endpoint/%s/variant/%s", endpoint, variant);
	json_object *reg = target_base(plan->resource_id);

	add_int(reg, "MinCapacity", resp->min_capacity.v);
	add_int(reg, "MaxCapacity", resp->max_capacity.v);
	autoscaling_plan_add(plan, "RegisterScalableTarget", plan->resource_id, reg);

	char *base = policy_name && *policy_name ? xstrdup(policy_name)
						 : xasprintf("sagescale-%s-%s", endpoint, variant);
	size_t k = 0;

	for (size_t i = 0; i < resp->npolicies; i++) {
		const struct scaling_policy *p = &resp->policies[i];

		if (!policy_translatable(p)) {
			plan->nskipped++;
			continue;
		}
		k++;
		char *name = ntrans == 1 ? xstrdup(base) : xasprintf("%s-%zu", base, k);
		json_object *put = json_object_new_object();

		add_str(put, "PolicyName", name);
		json_object *t = target_base(plan->resource_id);

		json_object_object_foreach(t, key, val)
			json_object_object_add(put, key, json_object_get(val));
		json_object_put(t);
		add_str(put, "PolicyType", "TargetTrackingScaling");
		json_object_object_add(put, "TargetTrackingScalingPolicyConfiguration",
				       policy_config(resp, p, endpoint, variant));
		autoscaling_plan_add(plan, "PutScalingPolicy", name, put);
		free(name);
	}
	free(base);
	return 0;
}

char *autoscaling_call_pretty(const struct autoscaling_call *c)
{
	json_object *o = json_tokener_parse(c->json);
	char *s = xstrdup(o ? json_object_to_json_string_ext(
				      o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
						 JSON_C_TO_STRING_NOSLASHESCAPE)
			    : c->json);

	json_object_put(o);
	return s;
}

void autoscaling_plan_copy(const struct autoscaling_plan *src, struct autoscaling_plan *dst)
{
	*dst = *src;
	dst->calls = xcalloc(src->ncalls ? src->ncalls : 1, sizeof(*dst->calls));
	for (size_t i = 0; i < src->ncalls; i++) {
		dst->calls[i].op = xstrdup(src->calls[i].op);
		dst->calls[i].json = xstrdup(src->calls[i].json);
		dst->calls[i].label = xstrdup(src->calls[i].label);
	}
	dst->resource_id = src->resource_id ? xstrdup(src->resource_id) : NULL;
}

void autoscaling_plan_free(struct autoscaling_plan *plan)
{
	for (size_t i = 0; i < plan->ncalls; i++) {
		free(plan->calls[i].op);
		free(plan->calls[i].json);
		free(plan->calls[i].label);
	}
	free(plan->calls);
	free(plan->resource_id);
	memset(plan, 0, sizeof(*plan));
}

static int call(struct aws_client *c, const char *op, const char *json, atomic_bool *cancel,
		struct aws_result *res)
{
	char *target = autoscaling_target(op);
	int rc = aws_call(c, AUTOSCALING_SERVICE, target, json, cancel, res);

	free(target);
	return rc == 0 && res->kind == AWS_OK ? 0 : -1;
}

int autoscaling_plan_run(struct aws_client *c, const struct autoscaling_plan *plan,
			 atomic_bool *cancel, size_t *failed, char ***responses,
			 struct aws_result *res)
{
	if (responses)
		*responses = xcalloc(plan->ncalls ? plan->ncalls : 1, sizeof(char *));
	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < plan->ncalls; i++) {
		aws_result_free(res);
		memset(res, 0, sizeof(*res));
		if (call(c, plan->calls[i].op, plan->calls[i].json, cancel, res) != 0) {
			*failed = i;
			return -1;
		}
		if (responses)
			(*responses)[i] = xstrdup(res->body ? res->body : "");
	}
	*failed = plan->ncalls;
	return 0;
}

static int describe(struct aws_client *c, const char *op, const char *resource_id, bool list,
		    atomic_bool *cancel, struct aws_result *res)
{
	json_object *o = json_object_new_object();

	add_str(o, "ServiceNamespace", AUTOSCALING_NAMESPACE);
	if (resource_id && list) {
		json_object *a = json_object_new_array();

		json_object_array_add(a, json_object_new_string(resource_id));
		json_object_object_add(o, "ResourceIds", a);
	} else if (resource_id) {
		add_str(o, "ResourceId", resource_id);
	}
	if (resource_id)
		add_str(o, "ScalableDimension", AUTOSCALING_DIMENSION);
	char *json = jsonutil_text_put(o);
	memset(res, 0, sizeof(*res));
	int rc = call(c, op, json, cancel, res);

	free(json);
	return rc;
}

int autoscaling_describe_targets(struct aws_client *c, const char *resource_id, atomic_bool *cancel,
				 struct aws_result *res)
{
	return describe(c, "DescribeScalableTargets", resource_id, true, cancel, res);
}

int autoscaling_describe_policies(struct aws_client *c, const char *resource_id,
				  atomic_bool *cancel, struct aws_result *res)
{
	return describe(c, "DescribeScalingPolicies", resource_id, false, cancel, res);
}

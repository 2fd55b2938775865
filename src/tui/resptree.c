/* Builds the response tree (see resptree.h).  Every string from the network
 * goes through sanitize_str here, so the tree holds only safe text. */
#include "config.h"
#include "tui/resptree.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json.h>
#include <stdlib.h>
#include <string.h>

/* Trees up to this size open fully; larger ones open two levels. */
#define RESPTREE_OPEN_ALL 400

static struct tree_node *add_str(struct tree *t, struct tree_node *p, const char *key,
				 const char *v)
{
	char *s;
	struct tree_node *n;

	if (v == NULL)
		return NULL;
	s = sanitize_str(v);
	n = tree_add(t, p, TREE_LEAF, key, s);
	free(s);
	return n;
}

static struct tree_node *add_int(struct tree *t, struct tree_node *p, const char *key,
				 const struct opt_int *v, const char *note)
{
	char *s;
	struct tree_node *n;

	if (!v->set)
		return NULL;
	s = xasprintf("%lld", v->v);
	n = tree_add(t, p, TREE_LEAF, key, s);
	free(s);
	if (note != NULL)
		tree_node_set_note(n, note);
	return n;
}

static void add_unknown(struct tree *t, struct tree_node *p, const char *key, const char *json)
{
	char *k = sanitize_str(key != NULL ? key : "?");
	struct tree_node *n = add_str(t, p, k, json != NULL ? json : "null");

	tree_node_set_note(n, _("member not known to this version"));
	free(k);
}

static void add_metric(struct tree *t, struct tree_node *tt, const struct scaling_metric_spec *m)
{
	struct tree_node *ms = tree_add(t, tt, TREE_OBJECT, "MetricSpecification", NULL);
	struct tree_node *u;

	switch (m->kind) {
	case METRIC_PREDEFINED:
		u = tree_add(t, ms, TREE_OBJECT, "Predefined", NULL);
		add_str(t, u, "PredefinedMetricType", m->predefined_type);
		break;
	case METRIC_CUSTOMIZED:
		u = tree_add(t, ms, TREE_OBJECT, "Customized", NULL);
		add_str(t, u, "MetricName", m->metric_name);
		add_str(t, u, "Namespace", m->namespace_);
		add_str(t, u, "Statistic", m->statistic);
		break;
	case METRIC_UNKNOWN: add_unknown(t, ms, m->unknown_key, m->unknown_json); break;
	}
}

/* What a collapsed policy says in one line: its type, metric and target. */
static void policy_summary(struct tree_node *e, const struct scaling_policy *p)
{
	const struct scaling_metric_spec *m = &p->metric;
	const char *metric = !p->has_metric                 ? NULL
			     : m->kind == METRIC_PREDEFINED ? m->predefined_type
			     : m->kind == METRIC_CUSTOMIZED ? m->metric_name
							    : NULL;
	char *raw, *s;

	if (p->has_target_value)
		raw = xasprintf(_("TargetTracking, %s, target %.15g"), metric ? metric : "-",
				p->target_value);
	else
		raw = xasprintf(_("TargetTracking, %s, no target"), metric ? metric : "-");
	s = sanitize_str(raw);
	tree_node_set_summary(e, s);
	free(s);
	free(raw);
}

static void add_policy(struct tree *t, struct tree_node *arr, const struct scaling_policy *p)
{
	struct tree_node *e = tree_add(t, arr, TREE_OBJECT, NULL, NULL);

	if (p->kind == POLICY_UNKNOWN) {
		add_unknown(t, e, p->unknown_key, p->unknown_json);
		return;
	}
	struct tree_node *tt = tree_add(t, e, TREE_OBJECT, "TargetTracking", NULL);

	policy_summary(e, p);

	if (p->has_metric)
		add_metric(t, tt, &p->metric);
	if (p->has_target_value) {
		char *s = xasprintf("%.15g", p->target_value);

		struct tree_node *tv = tree_add(t, tt, TREE_LEAF, "TargetValue", s);

		free(s);
		/* SageMaker's predefined metric is invocations a minute per instance. */
		if (p->has_metric && p->metric.kind == METRIC_PREDEFINED &&
		    p->metric.predefined_type != NULL &&
		    strcmp(p->metric.predefined_type, "SageMakerVariantInvocationsPerInstance") ==
			    0)
			tree_node_set_note(tv, _("per instance/min"));
	}
}

void resptree_build(struct tree *t, const struct scaling_response *r)
{
	struct tree_node *n, *dynamic = NULL;

	tree_clear(t);
	add_str(t, NULL, "InferenceRecommendationsJobName", r->job_name);
	add_str(t, NULL, "RecommendationId", r->recommendation_id);
	add_str(t, NULL, "EndpointName", r->endpoint_name);
	add_int(t, NULL, "TargetCpuUtilizationPerCore", &r->cpu, _("percent"));
	if (r->min_invocations.set || r->max_invocations.set) {
		n = tree_add(t, NULL, TREE_OBJECT, "ScalingPolicyObjective", NULL);
		add_int(t, n, "MinInvocationsPerMinute", &r->min_invocations, _("per minute"));
		add_int(t, n, "MaxInvocationsPerMinute", &r->max_invocations, _("per minute"));
	}
	if (r->invocations_per_instance.set || r->model_latency.set) {
		n = tree_add(t, NULL, TREE_OBJECT, "Metric", NULL);
		add_int(t, n, "InvocationsPerInstance", &r->invocations_per_instance,
			_("per instance/min"));
		add_int(t, n, "ModelLatency", &r->model_latency, _("unit not documented"));
	}
	if (r->has_dynamic) {
		n = dynamic = tree_add(t, NULL, TREE_OBJECT, "DynamicScalingConfiguration", NULL);
		add_int(t, n, "MinCapacity", &r->min_capacity, _("instances"));
		add_int(t, n, "MaxCapacity", &r->max_capacity, _("instances"));
		add_int(t, n, "ScaleInCooldown", &r->scale_in_cooldown, _("seconds"));
		add_int(t, n, "ScaleOutCooldown", &r->scale_out_cooldown, _("seconds"));
		struct tree_node *arr = tree_add(t, n, TREE_ARRAY, "ScalingPolicies", NULL);

		for (size_t i = 0; i < r->npolicies; i++)
			add_policy(t, arr, &r->policies[i]);
	}
	if (t->nnodes <= RESPTREE_OPEN_ALL)
		tree_expand_all(t, true);
	else
		tree_expand_depth(t, 2);
	t->sel = 0;
	t->top = 0;
	t->hscroll = 0;
	/* The request's echo and the metric are in the Summary pane already:
	 * open on the scaling configuration. */
	if (dynamic != NULL) {
		tree_select_node(t, dynamic);
		t->top = t->sel;
	}
}

/* A JSON value under p: leaves show their JSON text (strings without
 * quotes), sanitised.  Depth is json-c's parse depth plus the
 * expression's, both bounded. */
static void add_json(struct tree *t, struct tree_node *p, const char *key, struct json_object *o)
{
	char *k = key != NULL ? sanitize_str(key) : NULL, *v;
	struct tree_node *n;

	switch (json_object_get_type(o)) {
	case json_type_object:
		n = tree_add(t, p, TREE_OBJECT, k, NULL);
		json_object_object_foreach(o, mk, mv) add_json(t, n, mk, mv);
		break;
	case json_type_array:
		n = tree_add(t, p, TREE_ARRAY, k, NULL);
		for (size_t i = 0; i < json_object_array_length(o); i++)
			add_json(t, n, NULL, json_object_array_get_idx(o, i));
		break;
	case json_type_string:
		v = sanitize_text(json_object_get_string(o), (size_t)json_object_get_string_len(o));
		tree_add(t, p, TREE_LEAF, k, v);
		free(v);
		break;
	default:
		v = sanitize_str(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
		tree_add(t, p, TREE_LEAF, k, v);
		free(v);
		break;
	}
	free(k);
}

void resptree_build_json(struct tree *t, struct json_object *o)
{
	tree_clear(t);
	if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v) add_json(t, NULL, k, v);
	} else {
		add_json(t, NULL, "@", o);
	}
	if (t->nnodes <= RESPTREE_OPEN_ALL)
		tree_expand_all(t, true);
	else
		tree_expand_depth(t, 2);
	tree_refresh(t);
	t->sel = 0;
	t->top = 0;
	t->hscroll = 0;
}

/* Now against recommended (see scalestate.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "sagemaker/paging.h"
#include "sagemaker/scalestate.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static long long opt_ll(json_object *o, const char *k)
{
	json_object *v = jsonutil_number(o, k);

	return v ? json_object_get_int64(v) : -1;
}

/* The summary of one policy object (Describe's, or a PutScalingPolicy
 * body: the members are the same). */
static void policy_parse(json_object *p, struct scalestate_policy *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->raw = json_object_get(p);
	sp->name = jsonutil_strdup(p, "PolicyName");
	if (!sp->name)
		sp->name = xstrdup("");
	sp->type = jsonutil_strdup(p, "PolicyType");
	sp->in_cd = sp->out_cd = -1;
	json_object *tt =
		jsonutil_member(p, "TargetTrackingScalingPolicyConfiguration", json_type_object);

	if (!tt)
		return;
	json_object *tv = jsonutil_number(tt, "TargetValue");

	if ((sp->has_target = tv != NULL))
		sp->target = json_object_get_double(tv);
	sp->in_cd = opt_ll(tt, "ScaleInCooldown");
	sp->out_cd = opt_ll(tt, "ScaleOutCooldown");
	json_object *pre = jsonutil_member(tt, "PredefinedMetricSpecification", json_type_object);
	json_object *cus = jsonutil_member(tt, "CustomizedMetricSpecification", json_type_object);

	if (pre) {
		sp->metric = jsonutil_strdup(pre, "PredefinedMetricType");
	} else if (cus) {
		char *ns = jsonutil_strdup(cus, "Namespace"),
		     *mn = jsonutil_strdup(cus, "MetricName");

		sp->metric = xasprintf("%s %s", ns ? ns : "", mn ? mn : "");
		sp->statistic = jsonutil_strdup(cus, "Statistic");
		free(ns);
		free(mn);
	}
}

static void add_policy(struct scalestate *st, json_object *p)
{
	st->policies = xrealloc(st->policies, (st->npolicies + 1) * sizeof(*st->policies));
	policy_parse(p, &st->policies[st->npolicies++]);
}

static json_object *describe_body(const char *rid, bool list, const char *token)
{
	json_object *o = json_object_new_object();

	jsonutil_put_str(o, "ServiceNamespace", AUTOSCALING_NAMESPACE);
	if (list) {
		json_object *a = json_object_new_array();

		json_object_array_add(a, json_object_new_string(rid));
		json_object_object_add(o, "ResourceIds", a);
	} else {
		jsonutil_put_str(o, "ResourceId", rid);
	}
	jsonutil_put_str(o, "ScalableDimension", AUTOSCALING_DIMENSION);
	jsonutil_put_str(o, "NextToken", token);
	return o;
}

static int call(struct aws_client *c, const char *op, json_object *body, atomic_bool *cancel,
		struct aws_result *res, const char *list, json_object **ans, json_object **arr)
{
	char *target = autoscaling_target(op), *json = jsonutil_text_put(body);

	aws_result_free(res);
	int rc = aws_call(c, AUTOSCALING_SERVICE, target, json, cancel, res);

	free(target);
	free(json);
	if (rc != 0 || res->kind != AWS_OK)
		return -1;
	*ans = json_tokener_parse(res->body ? res->body : "");
	*arr = jsonutil_member(*ans, list, json_type_array);
	if (!*arr) {
		json_object_put(*ans);
		res->kind = AWS_ERR_RESPONSE;
		free(res->error_message);
		res->error_message = xasprintf(_("the answer has no %s list"), list);
		return -1;
	}
	return 0;
}

static char *policies_request(const void *arg, const char *token)
{
	return jsonutil_text_put(describe_body(arg, false, token));
}

int scalestate_read(struct aws_client *c, const char *resource_id, atomic_bool *cancel,
		    struct scalestate *st, const char **op, struct aws_result *res)
{
	json_object *ans, *arr;

	memset(st, 0, sizeof(*st));
	memset(res, 0, sizeof(*res));
	st->resource_id = xstrdup(resource_id);
	*op = "DescribeScalableTargets";
	if (call(c, *op, describe_body(resource_id, true, NULL), cancel, res, "ScalableTargets",
		 &ans, &arr) != 0)
		goto fail;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *t = json_object_array_get_idx(arr, i);
		char *rid = jsonutil_strdup(t, "ResourceId");

		if (rid && strcmp(rid, resource_id) == 0 && !st->has_target) {
			st->has_target = true;
			st->min = opt_ll(t, "MinCapacity");
			st->max = opt_ll(t, "MaxCapacity");
			st->target_raw = json_object_get(t);
		}
		free(rid);
	}
	json_object_put(ans);
	*op = "DescribeScalingPolicies";
	const struct paging_spec spec = {
		.service = AUTOSCALING_SERVICE,
		.list_key = "ScalingPolicies",
		.target = "AnyScaleFrontendService.DescribeScalingPolicies",
		.request = policies_request,
		.arg = resource_id,
	};
	size_t pages;

	/* paging_fetch_all overwrites res: the first call's answer goes first. */
	aws_result_free(res);
	if (paging_fetch_all(c, &spec, cancel, &ans, &pages, res) != 0)
		goto fail;
	arr = jsonutil_member(ans, "ScalingPolicies", json_type_array);
	for (size_t i = 0; arr && i < json_object_array_length(arr); i++)
		add_policy(st, json_object_array_get_idx(arr, i));
	json_object_put(ans);
	aws_result_free(res); /* it matters only when a call failed */
	return 0;
fail:
	scalestate_free(st);
	return -1;
}

void scalestate_from_plan(const struct autoscaling_plan *plan, struct scalestate *st)
{
	memset(st, 0, sizeof(*st));
	st->resource_id = xstrdup(plan->resource_id);
	for (size_t i = 0; i < plan->ncalls; i++) {
		json_object *body = json_tokener_parse(plan->calls[i].json);

		if (strcmp(plan->calls[i].op, "RegisterScalableTarget") == 0) {
			st->has_target = true;
			st->min = opt_ll(body, "MinCapacity");
			st->max = opt_ll(body, "MaxCapacity");
			st->target_raw = json_object_get(body);
		} else if (strcmp(plan->calls[i].op, "PutScalingPolicy") == 0) {
			add_policy(st, body);
		}
		json_object_put(body);
	}
}

void scalestate_free(struct scalestate *st)
{
	for (size_t i = 0; i < st->npolicies; i++) {
		struct scalestate_policy *p = &st->policies[i];

		free(p->name);
		free(p->type);
		free(p->metric);
		free(p->statistic);
		json_object_put(p->raw);
	}
	free(st->policies);
	free(st->resource_id);
	json_object_put(st->target_raw);
	memset(st, 0, sizeof(*st));
}

const struct scalestate_policy *scalestate_find(const struct scalestate *st, const char *name)
{
	for (size_t i = 0; i < st->npolicies; i++)
		if (strcmp(st->policies[i].name, name) == 0)
			return &st->policies[i];
	return NULL;
}

/* ---- the diff ---- */

static char *ll_text(long long v)
{
	return v < 0 ? xstrdup("-") : xasprintf("%lld", v);
}

static char *seconds_text(long long v)
{
	return v < 0 ? xstrdup("-") : xasprintf(_("%lld s"), v);
}

static char *target_text(const struct scalestate_policy *p)
{
	return p && p->has_target ? autoscaling_format_double(p->target) : xstrdup("-");
}

/* One row: label, now, recommended, and a mark when they differ. */
static void row_m(struct buf *b, const char *label, char *now, char *want, bool mark)
{
	bool same = !mark || strcmp(now, want) == 0;

	buf_printf(b, "  %-22s %-24s %s%s\n", label, now, want, same ? "" : _("   (changes)"));
	free(now);
	free(want);
}

static void row(struct buf *b, const char *label, char *now, char *want)
{
	row_m(b, label, now, want, true);
}

static char *or_dash(const char *s)
{
	return xstrdup(s && *s ? s : "-");
}

static void policy_rows(struct buf *b, const struct scalestate_policy *n,
			const struct scalestate_policy *w)
{
	/* A new policy changes everything: no marks. */
	row_m(b, _("metric"), or_dash(n ? n->metric : NULL), or_dash(w->metric), n);
	row_m(b, _("statistic"), or_dash(n ? n->statistic : NULL), or_dash(w->statistic), n);
	row_m(b, _("target value"), target_text(n), target_text(w), n);
	row_m(b, _("scale-in cooldown"), seconds_text(n ? n->in_cd : -1), seconds_text(w->in_cd),
	      n);
	row_m(b, _("scale-out cooldown"), seconds_text(n ? n->out_cd : -1), seconds_text(w->out_cd),
	      n);
}

char *scalestate_diff(const struct scalestate *now, const struct scalestate *want)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, _("Scaling of %s, now against recommended:\n"), want->resource_id);
	buf_printf(&b, "  %-22s %-24s %s\n", "", _("now"), _("recommended"));
	if (!now->has_target)
		buf_puts(&b, _("  (no scalable target registered now: apply registers one)\n"));
	row(&b, "MinCapacity", now->has_target ? ll_text(now->min) : xstrdup("-"),
	    ll_text(want->min));
	row(&b, "MaxCapacity", now->has_target ? ll_text(now->max) : xstrdup("-"),
	    ll_text(want->max));
	for (size_t i = 0; i < want->npolicies; i++) {
		const struct scalestate_policy *w = &want->policies[i];
		const struct scalestate_policy *n = scalestate_find(now, w->name);

		buf_printf(&b, n ? _("Policy %s (exists now: replaced)\n") : _("Policy %s (new)\n"),
			   w->name);
		policy_rows(&b, n, w);
	}
	size_t extra = 0;

	for (size_t i = 0; i < now->npolicies; i++) {
		const struct scalestate_policy *n = &now->policies[i];

		if (scalestate_find(want, n->name))
			continue;
		char *t = target_text(n);

		if (!extra++)
			buf_puts(&b,
				 _("Policies that exist now but are not in the recommendation "
				   "(apply leaves them; Application Auto Scaling scales in only "
				   "when every policy agrees):\n"));
		buf_printf(&b, _("  %s: %s, metric %s, statistic %s, target %s\n"), n->name,
			   n->type ? n->type : "-", n->metric ? n->metric : "-",
			   n->statistic ? n->statistic : "-", t);
		free(t);
	}
	return buf_steal(&b);
}

/* ---- the check after writing ---- */

/* Equal JSON values, numbers compared as numbers (50 and 50.0 are the
 * same), members in any order; the members of want only (the service
 * adds its own, such as ARNs and alarms). */
bool scalestate_json_covers(json_object *have, json_object *want)
{
	json_type tw = json_object_get_type(want), th = json_object_get_type(have);

	if ((tw == json_type_int || tw == json_type_double) &&
	    (th == json_type_int || th == json_type_double))
		return fabs(json_object_get_double(have) - json_object_get_double(want)) <=
		       1e-9 * fmax(1.0, fabs(json_object_get_double(want)));
	if (tw != th)
		return false;
	switch (tw) {
	case json_type_object: {
		json_object_object_foreach(want, k, v)
		{
			json_object *h;

			if (!json_object_object_get_ex(have, k, &h) ||
			    !scalestate_json_covers(h, v))
				return false;
		}
		return true;
	}
	case json_type_array:
		if (json_object_array_length(have) != json_object_array_length(want))
			return false;
		for (size_t i = 0; i < json_object_array_length(want); i++)
			if (!scalestate_json_covers(json_object_array_get_idx(have, i),
						    json_object_array_get_idx(want, i)))
				return false;
		return true;
	case json_type_string:
		return strcmp(json_object_get_string(have), json_object_get_string(want)) == 0;
	case json_type_boolean:
		return json_object_get_boolean(have) == json_object_get_boolean(want);
	default: return true;
	}
}

char *scalestate_verify(const struct scalestate *now, const struct scalestate *want)
{
	struct buf b = BUF_INIT;

	if (want->has_target && !now->has_target)
		buf_printf(&b, _("the scalable target %s is not registered\n"), want->resource_id);
	else if (want->has_target && (now->min != want->min || now->max != want->max))
		buf_printf(&b, _("capacity is %lld to %lld, not %lld to %lld as asked\n"), now->min,
			   now->max, want->min, want->max);
	for (size_t i = 0; i < want->npolicies; i++) {
		const struct scalestate_policy *w = &want->policies[i];
		const struct scalestate_policy *n = scalestate_find(now, w->name);
		json_object *wc = jsonutil_member(
			w->raw, "TargetTrackingScalingPolicyConfiguration", json_type_object);
		json_object *nc =
			n ? jsonutil_member(n->raw, "TargetTrackingScalingPolicyConfiguration",
					    json_type_object)
			  : NULL;

		if (!n)
			buf_printf(&b, _("the policy %s is missing\n"), w->name);
		else if ((w->type && (!n->type || strcmp(w->type, n->type) != 0)) ||
			 (wc && (!nc || !scalestate_json_covers(nc, wc))))
			buf_printf(&b, _("the policy %s is not what was asked\n"), w->name);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

json_object *scalestate_json(const struct scalestate *st)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();

	json_object_object_add(o, "ResourceId", json_object_new_string(st->resource_id));
	json_object_object_add(o, "ScalableTarget", json_object_get(st->target_raw));
	for (size_t i = 0; i < st->npolicies; i++)
		json_object_array_add(arr, json_object_get(st->policies[i].raw));
	json_object_object_add(o, "ScalingPolicies", arr);
	return o;
}

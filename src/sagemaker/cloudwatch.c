/* CloudWatch ListMetrics (see cloudwatch.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "sagemaker/autoscaling.h"
#include "sagemaker/cloudwatch.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int cloudwatch_metric_exists(struct aws_client *c, const char *namespace_, const char *name,
			     const struct cloudwatch_dimension *dims, size_t ndims,
			     atomic_bool *cancel, bool *exists, struct aws_result *res)
{
	json_object *req = json_object_new_object(), *arr = json_object_new_array();

	*exists = false;
	jsonutil_put_str(req, "Namespace", namespace_);
	jsonutil_put_str(req, "MetricName", name);
	for (size_t i = 0; i < ndims; i++) {
		json_object *d = json_object_new_object();

		jsonutil_put_str(d, "Name", dims[i].name);
		jsonutil_put_str(d, "Value", dims[i].value);
		json_object_array_add(arr, d);
	}
	json_object_object_add(req, "Dimensions", arr);
	char *body = jsonutil_text_put(req);
	/* One page answers the question: any metric at all means it exists. */
	int rc = aws_call_proto(c, CLOUDWATCH_SERVICE, CLOUDWATCH_TARGET_PREFIX "ListMetrics",
				AWS_JSON_1_0, body, cancel, res);

	free(body);
	if (rc != 0 || res->kind != AWS_OK)
		return -1;
	json_object *ans = json_tokener_parse(res->body ? res->body : "");
	json_object *metrics = jsonutil_member(ans, "Metrics", json_type_array);

	if (!ans || (!metrics && jsonutil_member(ans, "Metrics", json_type_null) == NULL &&
		     json_object_object_get_ex(ans, "Metrics", NULL))) {
		json_object_put(ans);
		res->kind = AWS_ERR_RESPONSE;
		free(res->error_message);
		res->error_message =
			xstrdup(_("the ListMetrics answer is not what CloudWatch sends"));
		return -1;
	}
	*exists = metrics && json_object_array_length(metrics) > 0;
	json_object_put(ans);
	return 0;
}

/* The customized metric of a PutScalingPolicy body, or NULL. */
static json_object *customized(json_object *body)
{
	json_object *tt =
		jsonutil_member(body, "TargetTrackingScalingPolicyConfiguration", json_type_object);

	return jsonutil_member(tt, "CustomizedMetricSpecification", json_type_object);
}

static int check_one(struct aws_client *c, json_object *cus, atomic_bool *cancel, bool *exists,
		     struct aws_result *res)
{
	json_object *dims = jsonutil_member(cus, "Dimensions", json_type_array);
	size_t n = dims ? json_object_array_length(dims) : 0;
	struct cloudwatch_dimension *d = xcalloc(n ? n : 1, sizeof(*d));

	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(dims, i);
		json_object *k = jsonutil_member(o, "Name", json_type_string);
		json_object *v = jsonutil_member(o, "Value", json_type_string);

		d[i].name = k ? json_object_get_string(k) : "";
		d[i].value = v ? json_object_get_string(v) : NULL;
	}
	json_object *ns = jsonutil_member(cus, "Namespace", json_type_string);
	json_object *mn = jsonutil_member(cus, "MetricName", json_type_string);
	int rc = cloudwatch_metric_exists(c, ns ? json_object_get_string(ns) : NULL,
					  mn ? json_object_get_string(mn) : NULL, d, n, cancel,
					  exists, res);

	free(d);
	return rc;
}

int cloudwatch_check_plan(struct aws_client *c, const struct autoscaling_plan *plan,
			  atomic_bool *cancel, bool **missing, size_t *nmissing,
			  struct aws_result *res)
{
	*missing = xcalloc(plan->ncalls ? plan->ncalls : 1, sizeof(bool));
	*nmissing = 0;
	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < plan->ncalls; i++) {
		if (strcmp(plan->calls[i].op, "PutScalingPolicy") != 0)
			continue;
		json_object *body = json_tokener_parse(plan->calls[i].json);
		json_object *cus = customized(body);
		bool exists = true;
		int rc = 0;

		if (cus) {
			aws_result_free(res);
			rc = check_one(c, cus, cancel, &exists, res);
		}
		json_object_put(body);
		if (rc != 0) {
			free(*missing);
			*missing = NULL;
			*nmissing = 0;
			return -1;
		}
		if (!exists) {
			(*missing)[i] = true;
			(*nmissing)++;
		}
	}
	return 0;
}

char *cloudwatch_missing_text(const struct autoscaling_plan *plan, const bool *missing)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < plan->ncalls; i++) {
		if (!missing[i])
			continue;
		json_object *body = json_tokener_parse(plan->calls[i].json);
		json_object *cus = customized(body);
		json_object *mn = jsonutil_member(cus, "MetricName", json_type_string);
		json_object *ns = jsonutil_member(cus, "Namespace", json_type_string);

		buf_printf(&b,
			   _("The policy %s follows the CloudWatch metric %s (%s) of %s, but "
			     "CloudWatch has no data for it.\n"),
			   plan->calls[i].label, mn ? json_object_get_string(mn) : "?",
			   ns ? json_object_get_string(ns) : "?", plan->resource_id);
		json_object_put(body);
	}
	buf_puts(&b,
		 _("A target-tracking policy without data keeps its alarms in "
		   "INSUFFICIENT_DATA, and Application Auto Scaling scales in only when every "
		   "policy agrees: such a policy would keep the endpoint from ever scaling in.\n"));
	return buf_steal(&b);
}

void cloudwatch_drop_missing(struct autoscaling_plan *plan, const bool *missing)
{
	size_t k = 0;

	for (size_t i = 0; i < plan->ncalls; i++) {
		if (missing[i]) {
			free(plan->calls[i].op);
			free(plan->calls[i].json);
			free(plan->calls[i].label);
			continue;
		}
		plan->calls[k++] = plan->calls[i];
	}
	plan->ncalls = k;
}

/* CloudWatch ListMetrics (see cloudwatch.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "sagemaker/cloudwatch.h"
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
		res->error_message = xstrdup(_("the ListMetrics answer is not what CloudWatch sends"));
		return -1;
	}
	*exists = metrics && json_object_array_length(metrics) > 0;
	json_object_put(ans);
	return 0;
}

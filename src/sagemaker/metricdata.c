/* GetMetricData (see metricdata.h).  Dimensions EndpointName and
 * VariantName, as SageMaker publishes its endpoint metrics; ScanBy
 * TimestampAscending so that pages come in time order. */
#include "config.h"
#include "sagemaker/metricdata.h"
#include "util/isotime.h"
#include "util/json.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_object *dimension(const char *name, const char *value)
{
	json_object *d = json_object_new_object();

	json_object_object_add(d, "Name", json_object_new_string(name));
	json_object_object_add(d, "Value", json_object_new_string(value));
	return d;
}

char *metricdata_request_json(const struct metricdata_query *q, const char *token)
{
	json_object *o = json_object_new_object(), *qs = json_object_new_array();
	json_object *qq = json_object_new_object(), *ms = json_object_new_object();
	json_object *m = json_object_new_object(), *dims = json_object_new_array();

	json_object_object_add(m, "Namespace", json_object_new_string("AWS/SageMaker"));
	json_object_object_add(m, "MetricName", json_object_new_string("Invocations"));
	json_object_array_add(dims, dimension("EndpointName", q->endpoint_name));
	json_object_array_add(dims, dimension("VariantName", q->variant_name));
	json_object_object_add(m, "Dimensions", dims);
	json_object_object_add(ms, "Metric", m);
	json_object_object_add(ms, "Period", json_object_new_int(60));
	json_object_object_add(ms, "Stat", json_object_new_string("Sum"));
	json_object_object_add(qq, "Id", json_object_new_string("invocations"));
	json_object_object_add(qq, "MetricStat", ms);
	json_object_object_add(qq, "ReturnData", json_object_new_boolean(1));
	json_object_array_add(qs, qq);
	json_object_object_add(o, "MetricDataQueries", qs);
	json_object_object_add(o, "StartTime", json_object_new_int64(q->start));
	json_object_object_add(o, "EndTime", json_object_new_int64(q->end));
	json_object_object_add(o, "ScanBy", json_object_new_string("TimestampAscending"));
	if (q->max_datapoints > 0)
		json_object_object_add(o, "MaxDatapoints", json_object_new_int(q->max_datapoints));
	if (token)
		json_object_object_add(o, "NextToken", json_object_new_string(token));
	return jsonutil_text_put(o);
}

/* A timestamp as the JSON protocols send it: epoch seconds, or (some
 * servers) an ISO 8601 UTC string. */
static bool timestamp(json_object *v, long long *out)
{
	if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)) {
		double d = json_object_get_double(v);
		if (!isfinite(d) || d < 0 || d > 253402300800.0)
			return false;
		*out = (long long)d;
		return true;
	}
	if (!json_object_is_type(v, json_type_string))
		return false;
	return isotime_parse(json_object_get_string(v), 0, out, NULL) == 0;
}

static int bad(char **err, const char *what)
{
	*err = xasprintf(_("the GetMetricData answer is not what was expected: %s"), what);
	return -1;
}

int metricdata_parse_page(const char *json, struct metricdata_series *s, char **next, char **err)
{
	json_object *o = json_tokener_parse(json);
	int rc = 0;

	*next = NULL;
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return bad(err, _("not a JSON object"));
	}
	json_object *results = jsonutil_member(o, "MetricDataResults", json_type_array);
	json_object *r = results && json_object_array_length(results) > 0
				 ? json_object_array_get_idx(results, 0)
				 : NULL;
	json_object *ts = jsonutil_member(r, "Timestamps", json_type_array);
	json_object *vs = jsonutil_member(r, "Values", json_type_array);
	size_t n = ts ? json_object_array_length(ts) : 0;

	if (results && r &&
	    ((ts == NULL) != (vs == NULL) || (vs && json_object_array_length(vs) != n))) {
		rc = bad(err, _("Timestamps and Values differ in length"));
	} else if (s->n + n > METRICDATA_MAX_POINTS) {
		rc = bad(err, _("more datapoints than the range can hold"));
	} else {
		s->times = xrealloc(s->times, (s->n + n + 1) * sizeof(*s->times));
		s->values = xrealloc(s->values, (s->n + n + 1) * sizeof(*s->values));
		for (size_t i = 0; i < n && rc == 0; i++) {
			json_object *v = json_object_array_get_idx(vs, i);
			if (!timestamp(json_object_array_get_idx(ts, i), &s->times[s->n]) ||
			    !(json_object_is_type(v, json_type_int) ||
			      json_object_is_type(v, json_type_double)))
				rc = bad(err, _("a datapoint is not a timestamp and a number"));
			else
				s->values[s->n++] = json_object_get_double(v);
		}
		char *st = jsonutil_strdup(r, "StatusCode");
		if (st) {
			free(s->status);
			s->status = sanitize_str(st);
			free(st);
		}
		*next = jsonutil_strdup(o, "NextToken");
		if (*next && !**next) {
			free(*next);
			*next = NULL;
		}
	}
	json_object_put(o);
	return rc;
}

int metricdata_invocations(struct aws_client *c, const struct metricdata_query *q,
			   atomic_bool *cancel, struct metricdata_series *s, struct aws_result *res)
{
	char *token = NULL, *err = NULL;

	memset(s, 0, sizeof(*s));
	memset(res, 0, sizeof(*res));
	for (;;) {
		char *body = metricdata_request_json(q, token);
		aws_result_free(res);
		int rc = aws_call_proto(c, "monitoring", METRICDATA_TARGET, AWS_JSON_1_0, body,
					cancel, res);
		free(body);
		free(token);
		token = NULL;
		if (rc != 0 || res->kind != AWS_OK)
			break;
		s->pages++;
		if (metricdata_parse_page(res->body, s, &token, &err) < 0) {
			aws_result_set_error(res, AWS_ERR_RESPONSE, err);
			break;
		}
		if (!token)
			return 0;
		if (s->pages >= METRICDATA_MAX_PAGES) {
			free(token);
			aws_result_set_error(
				res, AWS_ERR_RESPONSE,
				xasprintf(_("GetMetricData gave more than %d pages; stopped"),
					  METRICDATA_MAX_PAGES));
			break;
		}
	}
	metricdata_series_free(s);
	return -1;
}

void metricdata_series_free(struct metricdata_series *s)
{
	free(s->times);
	free(s->values);
	free(s->status);
	memset(s, 0, sizeof(*s));
}

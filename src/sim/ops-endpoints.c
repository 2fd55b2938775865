/* The demo's production endpoints (ListEndpoints, DescribeEndpoint,
 * DescribeEndpointConfig) and the CloudWatch metrics they publish
 * (ListMetrics, JSON 1.0).  Fixed data: several variants on one endpoint,
 * one variant on another instance type than its job's recommendation, one
 * endpoint Creating and one Failed, one whose CPU metrics are missing. */
#include "config.h"
#include "sim/ops.h"
#include "sim/validate.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct demo_variant {
	const char *name, *instance_type, *model;
	int current, desired; /* current < 0: not yet in service (no CurrentInstanceCount) */
	double weight;
};

struct demo_endpoint {
	const char *name, *status, *failure;
	double age;       /* seconds before the simulator's start */
	bool cpu_metrics; /* /aws/sagemaker/Endpoints CPU metrics published */
	struct demo_variant v[3];
};

/* Newest first is ListEndpoints' default order (CreationTime, Descending). */
static const struct demo_endpoint demo[] = {
	{ "churn-prod",
	  "InService",
	  NULL,
	  86400 * 30,
	  true,
	  { { "primary", "ml.c5.large", "churn-xgboost-model", 2, 2, 0.9 },
	    { "canary", "ml.c5.xlarge", "churn-xgboost-model", 1, 1, 0.1 } } },
	{ "fraud-prod",
	  "InService",
	  NULL,
	  86400 * 60,
	  true,
	  { { "AllTraffic", "ml.c6i.large", "fraud-lightgbm-model", 3, 3, 1.0 } } },
	{ "bert-prod",
	  "InService",
	  NULL,
	  86400 * 20,
	  false,
	  { { "AllTraffic", "ml.g4dn.xlarge", "bert-ner-model", 1, 1, 1.0 } } },
	{ "resnet50-prod",
	  "InService",
	  NULL,
	  86400 * 90,
	  true,
	  { { "AllTraffic", "ml.c5.9xlarge", "resnet50-model", 2, 2, 1.0 } } },
	{ "demo-endpoint",
	  "InService",
	  NULL,
	  86400 * 10,
	  true,
	  { { "AllTraffic", "ml.c5.large", "churn-xgboost-model", 1, 1, 1.0 } } },
	{ "prod-endpoint",
	  "InService",
	  NULL,
	  86400 * 45,
	  true,
	  { { "blue", "ml.c5.large", "churn-xgboost-model", 2, 2, 0.5 },
	    { "green", "ml.c5.large", "churn-xgboost-model", 2, 2, 0.5 } } },
	{ "churn-staging",
	  "Creating",
	  NULL,
	  600,
	  true,
	  { { "AllTraffic", "ml.c5.large", "churn-xgboost-model", -1, 1, 1.0 } } },
	{ "llama-tiny-prod",
	  "Failed",
	  "The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.",
	  86400 * 2,
	  false,
	  { { "AllTraffic", "ml.g5.xlarge", "llama-tiny-model", -1, 1, 1.0 } } },
};
#define NDEMO (sizeof(demo) / sizeof(demo[0]))

/* A fixed start, so that the demo's times do not move between runs. */
#define DEMO_EPOCH 1795000000.0

static const struct demo_endpoint *find(const char *name)
{
	for (size_t i = 0; i < NDEMO; i++)
		if (strcmp(demo[i].name, name) == 0)
			return &demo[i];
	return NULL;
}

static char *config_name(const struct demo_endpoint *e)
{
	return xasprintf("%s-config", e->name);
}

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

static void add_time(json_object *o, const char *k, double t)
{
	json_object_object_add(o, k, json_object_new_double(t));
}

static char *arn(const struct sim_ctx *ctx, const char *kind, const char *name)
{
	return xasprintf("arn:aws:sagemaker:%s:%s:%s/%s", ctx->region, SIM_ACCOUNT, kind, name);
}

/* ---- ListEndpoints ---- */

struct list_q {
	const char *name_contains, *status, *sort_by, *sort_order, *token;
	long long max;
	int has_name, has_status, has_sort, has_order, has_token, has_max;
};

static const char *const statuses[] = {
	"OutOfService", "Creating", "Updating", "SystemUpdating",       "RollingBack",
	"InService",    "Deleting", "Failed",   "UpdateRollbackFailed", NULL
};
static const char *const sort_keys[] = { "Name", "CreationTime", "Status", NULL };
static const char *const orders[] = { "Ascending", "Descending", NULL };

static bool list_parse(json_object *req, struct list_q *q, struct sim_reply *r)
{
	struct sim_verr v = SIM_VERR_INIT;

	memset(q, 0, sizeof(*q));
	if ((q->has_name = sim_get_string(req, "NameContains", &q->name_contains, r)) < 0 ||
	    (q->has_status = sim_get_string(req, "StatusEquals", &q->status, r)) < 0 ||
	    (q->has_sort = sim_get_string(req, "SortBy", &q->sort_by, r)) < 0 ||
	    (q->has_order = sim_get_string(req, "SortOrder", &q->sort_order, r)) < 0 ||
	    (q->has_token = sim_get_string(req, "NextToken", &q->token, r)) < 0 ||
	    (q->has_max = sim_get_int(req, "MaxResults", &q->max, r)) < 0)
		return false;
	if (q->has_name)
		sim_check_length(&v, "nameContains", q->name_contains, 0, 63);
	if (q->has_status)
		sim_check_enum(&v, "statusEquals", q->status, statuses);
	if (q->has_sort)
		sim_check_enum(&v, "sortBy", q->sort_by, sort_keys);
	if (q->has_order)
		sim_check_enum(&v, "sortOrder", q->sort_order, orders);
	if (q->has_max)
		sim_check_range(&v, "maxResults", q->max, 1, 100);
	if (q->has_token)
		sim_check_length(&v, "nextToken", q->token, 0, 8192);
	return !sim_verr_finish(&v, r);
}

/* key 0: Name, 1: CreationTime, 2: Status; ties by creation, oldest first. */
static int cmp_endpoints(const struct demo_endpoint *x, const struct demo_endpoint *y, int key)
{
	int c = key == 0 ? strcmp(x->name, y->name) : key == 2 ? strcmp(x->status, y->status) : 0;

	if (c == 0)
		c = x->age > y->age ? -1 : x->age < y->age ? 1 : strcmp(x->name, y->name);
	return c;
}

void sim_op_list_endpoints(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct list_q q;
	size_t offset = 0, n = 0;

	if (!list_parse(req, &q, r))
		return;
	char *canon = xasprintf("%s|%s|%s|%s", q.has_name ? q.name_contains : "-",
				q.has_status ? q.status : "-", q.has_sort ? q.sort_by : "-",
				q.has_order ? q.sort_order : "-");
	unsigned long fp = sim_fingerprint(canon);

	free(canon);
	if (q.has_token && *q.token && !sim_token_decode(q.token, fp, &offset)) {
		sim_reply_error(r, 400, "ValidationException", "Invalid pagination token.");
		return;
	}
	const struct demo_endpoint *list[NDEMO];

	for (size_t i = 0; i < NDEMO; i++)
		if ((!q.has_name || strstr(demo[i].name, q.name_contains)) &&
		    (!q.has_status || strcmp(demo[i].status, q.status) == 0))
			list[n++] = &demo[i];
	int key = !q.has_sort                        ? 1
		  : strcmp(q.sort_by, "Name") == 0   ? 0
		  : strcmp(q.sort_by, "Status") == 0 ? 2
						     : 1;
	for (size_t i = 1; i < n; i++) /* insertion sort: a handful of endpoints */
		for (size_t j = i; j > 0 && cmp_endpoints(list[j - 1], list[j], key) > 0; j--) {
			const struct demo_endpoint *t = list[j - 1];

			list[j - 1] = list[j];
			list[j] = t;
		}
	bool desc = !q.has_order || strcmp(q.sort_order, "Descending") == 0;
	size_t max = q.has_max ? (size_t)q.max : 10;
	json_object *res = json_object_new_object(), *arr = json_object_new_array();
	size_t i;

	for (i = offset; i < n && i < offset + max; i++) {
		const struct demo_endpoint *e = list[desc ? n - 1 - i : i];
		json_object *o = json_object_new_object();
		char *a = arn(ctx, "endpoint", e->name);

		add_str(o, "EndpointName", e->name);
		add_str(o, "EndpointArn", a);
		add_time(o, "CreationTime", DEMO_EPOCH - e->age);
		add_time(o, "LastModifiedTime", DEMO_EPOCH - e->age + 300);
		add_str(o, "EndpointStatus", e->status);
		json_object_array_add(arr, o);
		free(a);
	}
	json_object_object_add(res, "Endpoints", arr);
	if (i < n) {
		char *tok = sim_token_encode(i, fp);

		add_str(res, "NextToken", tok);
		free(tok);
	}
	sim_reply_json(r, res);
}

/* ---- DescribeEndpoint / DescribeEndpointConfig ---- */

static bool name_arg(json_object *req, const char *key, const char *member, const char **name,
		     struct sim_reply *r)
{
	struct sim_verr v = SIM_VERR_INIT;
	int has = sim_get_string(req, key, name, r);

	if (has < 0)
		return false;
	sim_check_required(&v, member, has);
	if (has)
		sim_check_name(&v, member, *name, 62);
	return !sim_verr_finish(&v, r);
}

static void not_found(const struct sim_ctx *ctx, struct sim_reply *r, const char *what,
		      const char *kind, const char *name)
{
	char *a = arn(ctx, kind, name);

	sim_reply_error(r, 400, "ValidationException", "Could not find %s \"%s\".", what, a);
	free(a);
}

void sim_op_describe_endpoint(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	const char *name;

	if (!name_arg(req, "EndpointName", "endpointName", &name, r))
		return;
	const struct demo_endpoint *e = find(name);

	if (!e) {
		not_found(ctx, r, "endpoint", "endpoint", name);
		return;
	}
	json_object *o = json_object_new_object(), *vars = json_object_new_array();
	char *a = arn(ctx, "endpoint", e->name), *cfg = config_name(e);

	add_str(o, "EndpointName", e->name);
	add_str(o, "EndpointArn", a);
	add_str(o, "EndpointConfigName", cfg);
	for (size_t i = 0; i < 3 && e->v[i].name; i++) {
		const struct demo_variant *dv = &e->v[i];
		json_object *v = json_object_new_object();

		add_str(v, "VariantName", dv->name);
		if (dv->current >= 0) {
			json_object_object_add(v, "CurrentWeight",
					       json_object_new_double(dv->weight));
			json_object_object_add(v, "CurrentInstanceCount",
					       json_object_new_int(dv->current));
		}
		json_object_object_add(v, "DesiredWeight", json_object_new_double(dv->weight));
		json_object_object_add(v, "DesiredInstanceCount", json_object_new_int(dv->desired));
		json_object_array_add(vars, v);
	}
	json_object_object_add(o, "ProductionVariants", vars);
	add_str(o, "EndpointStatus", e->status);
	if (e->failure)
		add_str(o, "FailureReason", e->failure);
	add_time(o, "CreationTime", DEMO_EPOCH - e->age);
	add_time(o, "LastModifiedTime", DEMO_EPOCH - e->age + 300);
	free(a);
	free(cfg);
	sim_reply_json(r, o);
}

void sim_op_describe_endpoint_config(const struct sim_ctx *ctx, json_object *req,
				     struct sim_reply *r)
{
	const char *name;

	if (!name_arg(req, "EndpointConfigName", "endpointConfigName", &name, r))
		return;
	const struct demo_endpoint *e = NULL;

	for (size_t i = 0; i < NDEMO && !e; i++) {
		char *c = config_name(&demo[i]);

		if (strcmp(c, name) == 0)
			e = &demo[i];
		free(c);
	}
	if (!e) {
		not_found(ctx, r, "endpoint configuration", "endpoint-config", name);
		return;
	}
	json_object *o = json_object_new_object(), *vars = json_object_new_array();
	char *a = arn(ctx, "endpoint-config", name);

	add_str(o, "EndpointConfigName", name);
	add_str(o, "EndpointConfigArn", a);
	for (size_t i = 0; i < 3 && e->v[i].name; i++) {
		const struct demo_variant *dv = &e->v[i];
		json_object *v = json_object_new_object();

		add_str(v, "VariantName", dv->name);
		add_str(v, "ModelName", dv->model);
		json_object_object_add(v, "InitialInstanceCount", json_object_new_int(dv->desired));
		add_str(v, "InstanceType", dv->instance_type);
		json_object_object_add(v, "InitialVariantWeight",
				       json_object_new_double(dv->weight));
		json_object_array_add(vars, v);
	}
	json_object_object_add(o, "ProductionVariants", vars);
	add_time(o, "CreationTime", DEMO_EPOCH - e->age - 60);
	free(a);
	sim_reply_json(r, o);
}

/* ---- CloudWatch ListMetrics ---- */

struct metric_def {
	const char *ns, *name;
	bool cpu; /* missing on the endpoints without CPU metrics */
};

static const struct metric_def metrics[] = {
	{ "AWS/SageMaker", "Invocations", false },
	{ "AWS/SageMaker", "InvocationsPerInstance", false },
	{ "AWS/SageMaker", "ModelLatency", false },
	{ "/aws/sagemaker/Endpoints", "CPUUtilization", true },
	{ "/aws/sagemaker/Endpoints", "CPUUtilizationNormalized", true },
	{ "/aws/sagemaker/Endpoints", "MemoryUtilization", false },
};
#define NMETRICS (sizeof(metrics) / sizeof(metrics[0]))

/* Does a filter {Name, Value?} match the metric's dimensions? */
static bool dims_match(json_object *filters, const char *ep, const char *var, struct sim_reply *r,
		       bool *bad)
{
	for (size_t i = 0; filters && i < json_object_array_length(filters); i++) {
		json_object *f = json_object_array_get_idx(filters, i);
		const char *name = NULL, *value = NULL;
		int hn, hv;

		if (!json_object_is_type(f, json_type_object) ||
		    (hn = sim_get_string(f, "Name", &name, r)) < 0 ||
		    (hv = sim_get_string(f, "Value", &value, r)) < 0 || !hn) {
			if (!r->body)
				sim_reply_error(r, 400, "InvalidParameterValue",
						"The dimension filter needs a Name.");
			*bad = true;
			return false;
		}
		const char *have = strcmp(name, "EndpointName") == 0  ? ep
				   : strcmp(name, "VariantName") == 0 ? var
								      : NULL;
		if (!have || (hv && strcmp(have, value) != 0))
			return false;
	}
	return true;
}

static json_object *metric_json(const struct metric_def *m, const char *ep, const char *var)
{
	json_object *o = json_object_new_object(), *dims = json_object_new_array();
	json_object *d1 = json_object_new_object(), *d2 = json_object_new_object();

	add_str(o, "Namespace", m->ns);
	add_str(o, "MetricName", m->name);
	add_str(d1, "Name", "EndpointName");
	add_str(d1, "Value", ep);
	add_str(d2, "Name", "VariantName");
	add_str(d2, "Value", var);
	json_object_array_add(dims, d1);
	json_object_array_add(dims, d2);
	json_object_object_add(o, "Dimensions", dims);
	return o;
}

void sim_op_list_metrics(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	const char *ns = NULL, *name = NULL, *token = NULL, *recent = NULL;
	json_object *filters = NULL;
	int has_ns, has_name, has_tok, has_recent, has_dims;
	size_t offset = 0, seen = 0;

	(void)ctx;
	if ((has_ns = sim_get_string(req, "Namespace", &ns, r)) < 0 ||
	    (has_name = sim_get_string(req, "MetricName", &name, r)) < 0 ||
	    (has_tok = sim_get_string(req, "NextToken", &token, r)) < 0 ||
	    (has_recent = sim_get_string(req, "RecentlyActive", &recent, r)) < 0 ||
	    (has_dims = sim_get_array(req, "Dimensions", &filters, r)) < 0)
		return;
	if (has_recent && strcmp(recent, "PT3H") != 0) {
		sim_reply_error(r, 400, "InvalidParameterValue",
				"The value %s for parameter RecentlyActive is not valid.", recent);
		return;
	}
	if (has_dims && json_object_array_length(filters) > 10) {
		sim_reply_error(r, 400, "InvalidParameterValue",
				"The collection Dimensions must not have a size greater than 10.");
		return;
	}
	char *canon = xasprintf("%s|%s|%s", has_ns ? ns : "-", has_name ? name : "-",
				has_dims ? json_object_to_json_string(filters) : "-");
	unsigned long fp = sim_fingerprint(canon);

	free(canon);
	if (has_tok && *token && !sim_token_decode(token, fp, &offset)) {
		sim_reply_error(r, 400, "InvalidNextToken",
				"The service cannot process the token.");
		return;
	}
	/* 500 a page, as CloudWatch does; the demo has far fewer. */
	json_object *res = json_object_new_object(), *arr = json_object_new_array();
	bool bad = false;

	for (size_t i = 0; i < NDEMO && !bad; i++) {
		const struct demo_endpoint *e = &demo[i];

		if (strcmp(e->status, "InService") != 0)
			continue;
		for (size_t k = 0; k < 3 && e->v[k].name && !bad; k++)
			for (size_t m = 0; m < NMETRICS && !bad; m++) {
				if (metrics[m].cpu && !e->cpu_metrics)
					continue;
				if ((has_ns && strcmp(ns, metrics[m].ns) != 0) ||
				    (has_name && strcmp(name, metrics[m].name) != 0) ||
				    !dims_match(filters, e->name, e->v[k].name, r, &bad))
					continue;
				if (seen++ >= offset && seen <= offset + 500)
					json_object_array_add(arr, metric_json(&metrics[m], e->name,
									       e->v[k].name));
			}
	}
	if (bad) {
		json_object_put(arr);
		json_object_put(res);
		return;
	}
	json_object_object_add(res, "Metrics", arr);
	if (seen > offset + 500) {
		char *tok = sim_token_encode(offset + 500, fp);

		add_str(res, "NextToken", tok);
		free(tok);
	}
	sim_reply_json(r, res);
}

/* SageMaker operations: GetScalingConfigurationRecommendation,
 * ListInferenceRecommendationsJobs, DescribeInferenceRecommendationsJob. */
#include "config.h"
#include "sim/model.h"
#include "sim/ops.h"
#include "sim/validate.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define JOB_NAME_PATTERN_REPS 63

static void check_job_name(struct sim_verr *v, const char *member, int has, const char *name)
{
	sim_check_required(v, member, has > 0);
	if (has > 0) {
		sim_check_length(v, member, name, 1, 64);
		sim_check_name(v, member, name, JOB_NAME_PATTERN_REPS);
	}
}

static void not_found_job(struct sim_reply *r, const char *name)
{
	char *msg = xasprintf("Could not find inference recommendations job '%s'.", name);

	sim_reply_error_key(r, 400, "ResourceNotFound", "Message", msg);
	free(msg);
}

/* ---- GetScalingConfigurationRecommendation ---- */

struct scaling_req {
	const char *job, *rec_id, *endpoint;
	int has_job, has_rec, has_ep, has_target, has_obj, has_min, has_max;
	long long target, min_ipm, max_ipm;
};

static bool scaling_parse(json_object *req, struct scaling_req *q, struct sim_reply *r)
{
	json_object *obj = NULL;

	memset(q, 0, sizeof(*q));
	if ((q->has_job = sim_get_string(req, "InferenceRecommendationsJobName", &q->job, r)) < 0 ||
	    (q->has_rec = sim_get_string(req, "RecommendationId", &q->rec_id, r)) < 0 ||
	    (q->has_ep = sim_get_string(req, "EndpointName", &q->endpoint, r)) < 0 ||
	    (q->has_target = sim_get_int(req, "TargetCpuUtilizationPerCore", &q->target, r)) < 0 ||
	    (q->has_obj = sim_get_object(req, "ScalingPolicyObjective", &obj, r)) < 0)
		return false;
	if (q->has_obj &&
	    ((q->has_min = sim_get_int(obj, "MinInvocationsPerMinute", &q->min_ipm, r)) < 0 ||
	     (q->has_max = sim_get_int(obj, "MaxInvocationsPerMinute", &q->max_ipm, r)) < 0))
		return false;

	struct sim_verr v = SIM_VERR_INIT;
	check_job_name(&v, "inferenceRecommendationsJobName", q->has_job, q->job);
	if (q->has_ep) {
		sim_check_length(&v, "endpointName", q->endpoint, 0, 63);
		sim_check_name(&v, "endpointName", q->endpoint, 62);
	}
	if (q->has_target)
		sim_check_range(&v, "targetCpuUtilizationPerCore", q->target, 1, 100);
	if (sim_verr_finish(&v, r))
		return false;

	if ((q->has_rec > 0) == (q->has_ep > 0)) {
		sim_reply_error(
			r, 400, "ValidationException",
			"Exactly one of RecommendationId or EndpointName must be specified.");
		return false;
	}
	if ((q->has_min && q->min_ipm < 0) || (q->has_max && q->max_ipm < 0)) {
		sim_reply_error(
			r, 400, "ValidationException",
			"MinInvocationsPerMinute and MaxInvocationsPerMinute must not be negative.");
		return false;
	}
	if (q->has_min && q->has_max && q->min_ipm > q->max_ipm) {
		sim_reply_error(
			r, 400, "ValidationException",
			"MinInvocationsPerMinute (%lld) must be less than or equal to MaxInvocationsPerMinute (%lld).",
			q->min_ipm, q->max_ipm);
		return false;
	}
	return true;
}

/* Finds what the request names in the job, filling the model's input. */
static bool scaling_lookup(const struct sim_job *j, const struct scaling_req *q,
			   struct sim_model_input *in, struct sim_reply *r)
{
	if (q->has_rec) {
		for (size_t i = 0; i < j->nrecs; i++) {
			const struct sim_rec *s = &j->recs[i];
			if (strcmp(s->id, q->rec_id) != 0)
				continue;
			in->max_invocations = s->max_invocations;
			in->cpu_utilization = s->cpu;
			in->model_latency = s->model_latency;
			in->instance_type = s->instance_type;
			in->initial_count = s->initial_count;
			return true;
		}
		char *msg = xasprintf(
			"Could not find recommendation '%s' in inference recommendations job '%s'.",
			q->rec_id, j->name);
		sim_reply_error_key(r, 400, "ResourceNotFound", "Message", msg);
		free(msg);
		return false;
	}
	for (size_t i = 0; i < j->neps; i++) {
		const struct sim_endpoint *e = &j->eps[i];
		if (strcmp(e->name, q->endpoint) != 0)
			continue;
		in->max_invocations = e->max_invocations;
		in->cpu_utilization = e->cpu;
		in->model_latency = e->model_latency;
		in->instance_type = e->instance_type;
		in->initial_count = e->initial_count;
		return true;
	}
	char *msg = xasprintf("Could not find endpoint '%s' in inference recommendations job '%s'.",
			      q->endpoint, j->name);
	sim_reply_error_key(r, 400, "ResourceNotFound", "Message", msg);
	free(msg);
	return false;
}

/* {"TargetTracking": {"MetricSpecification": {kind: metric}, "TargetValue": target}} */
static json_object *target_tracking(const char *kind, json_object *metric, double target)
{
	json_object *ms = json_object_new_object(), *tt = json_object_new_object();
	json_object *pol = json_object_new_object();

	json_object_object_add(ms, kind, metric);
	json_object_object_add(tt, "MetricSpecification", ms);
	json_object_object_add(tt, "TargetValue", json_object_new_double(target));
	json_object_object_add(pol, "TargetTracking", tt);
	return pol;
}

static json_object *scaling_answer(const struct scaling_req *q, const struct sim_model_output *o)
{
	json_object *res = json_object_new_object(), *x;

	/* The request's members in the service model's order, then the answer. */
	json_object_object_add(res, "InferenceRecommendationsJobName",
			       json_object_new_string(q->job));
	if (q->has_rec)
		json_object_object_add(res, "RecommendationId", json_object_new_string(q->rec_id));
	if (q->has_ep)
		json_object_object_add(res, "EndpointName", json_object_new_string(q->endpoint));
	json_object_object_add(res, "TargetCpuUtilizationPerCore",
			       json_object_new_int64(q->has_target ? q->target : 50));
	if (q->has_obj) {
		x = json_object_new_object();
		if (q->has_min)
			json_object_object_add(x, "MinInvocationsPerMinute",
					       json_object_new_int64(q->min_ipm));
		if (q->has_max)
			json_object_object_add(x, "MaxInvocationsPerMinute",
					       json_object_new_int64(q->max_ipm));
		json_object_object_add(res, "ScalingPolicyObjective", x);
	}
	x = json_object_new_object();
	json_object_object_add(x, "InvocationsPerInstance",
			       json_object_new_int64(o->invocations_per_instance));
	json_object_object_add(x, "ModelLatency", json_object_new_int64(o->model_latency));
	json_object_object_add(res, "Metric", x);

	json_object *dsc = json_object_new_object(), *pols = json_object_new_array();
	json_object_object_add(dsc, "MinCapacity", json_object_new_int64(o->min_capacity));
	json_object_object_add(dsc, "MaxCapacity", json_object_new_int64(o->max_capacity));
	json_object_object_add(dsc, "ScaleInCooldown", json_object_new_int(o->scale_in_cooldown));
	json_object_object_add(dsc, "ScaleOutCooldown", json_object_new_int(o->scale_out_cooldown));

	json_object *pre = json_object_new_object();
	json_object_object_add(pre, "PredefinedMetricType",
			       json_object_new_string("SageMakerVariantInvocationsPerInstance"));
	json_object_array_add(
		pols, target_tracking("Predefined", pre, (double)o->invocations_per_instance));
	json_object *cus = json_object_new_object();
	json_object_object_add(cus, "MetricName",
			       json_object_new_string("CPUUtilizationNormalized"));
	json_object_object_add(cus, "Namespace",
			       json_object_new_string("/aws/sagemaker/Endpoints"));
	json_object_object_add(cus, "Statistic", json_object_new_string("Average"));
	json_object_array_add(pols, target_tracking("Customized", cus, o->cpu_target));
	json_object_object_add(dsc, "ScalingPolicies", pols);
	json_object_object_add(res, "DynamicScalingConfiguration", dsc);
	return res;
}

void sim_op_get_scaling(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct scaling_req q;
	struct sim_model_input in = { 0 };
	struct sim_model_output out;

	if (!scaling_parse(req, &q, r))
		return;
	const struct sim_job *j = sim_fixtures_job(ctx->fx, q.job);
	if (!j) {
		not_found_job(r, q.job);
		return;
	}
	if (strcmp(j->status, "COMPLETED") != 0) {
		sim_reply_error(
			r, 400, "ValidationException",
			"Inference recommendations job '%s' is not COMPLETED: its status is %s.",
			j->name, j->status);
		return;
	}
	if (!scaling_lookup(j, &q, &in, r))
		return;
	in.target = q.has_target ? (int)q.target : 50;
	in.has_min = q.has_min;
	in.has_max = q.has_max;
	in.min_ipm = q.min_ipm;
	in.max_ipm = q.max_ipm;
	sim_model_recommend(&in, &out);
	sim_reply_json(r, scaling_answer(&q, &out));
}

/* ---- ListInferenceRecommendationsJobs ---- */

static const char *const status_set[] = { "PENDING",  "IN_PROGRESS", "COMPLETED",
					  "FAILED",   "STOPPING",    "STOPPED",
					  "DELETING", "DELETED",     NULL };
static const char *const sortby_set[] = { "Name", "CreationTime", "Status", NULL };
static const char *const order_set[] = { "Ascending", "Descending", NULL };

struct list_req {
	double c_after, c_before, m_after, m_before;
	int has_c_after, has_c_before, has_m_after, has_m_before;
	const char *name_contains, *status, *sort_by, *sort_order, *token, *model, *package;
	int has_name, has_status, has_sort_by, has_order, has_token, has_model, has_package,
		has_max;
	long long max;
};

static bool model_name_ok(const char *s)
{
	/* [a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])? */
	size_t n = strlen(s);

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum =
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (c != '-' || i == 0 || i == n - 1))
			return false;
	}
	return true;
}

static bool name_contains_ok(const char *s)
{
	/* [a-zA-Z0-9\-]+ */
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static bool list_parse(json_object *req, struct list_req *q, struct sim_reply *r)
{
	memset(q, 0, sizeof(*q));
	if ((q->has_c_after = sim_get_timestamp(req, "CreationTimeAfter", &q->c_after, r)) < 0 ||
	    (q->has_c_before = sim_get_timestamp(req, "CreationTimeBefore", &q->c_before, r)) < 0 ||
	    (q->has_m_after = sim_get_timestamp(req, "LastModifiedTimeAfter", &q->m_after, r)) <
		    0 ||
	    (q->has_m_before = sim_get_timestamp(req, "LastModifiedTimeBefore", &q->m_before, r)) <
		    0 ||
	    (q->has_name = sim_get_string(req, "NameContains", &q->name_contains, r)) < 0 ||
	    (q->has_status = sim_get_string(req, "StatusEquals", &q->status, r)) < 0 ||
	    (q->has_sort_by = sim_get_string(req, "SortBy", &q->sort_by, r)) < 0 ||
	    (q->has_order = sim_get_string(req, "SortOrder", &q->sort_order, r)) < 0 ||
	    (q->has_token = sim_get_string(req, "NextToken", &q->token, r)) < 0 ||
	    (q->has_max = sim_get_int(req, "MaxResults", &q->max, r)) < 0 ||
	    (q->has_model = sim_get_string(req, "ModelNameEquals", &q->model, r)) < 0 ||
	    (q->has_package = sim_get_string(req, "ModelPackageVersionArnEquals", &q->package, r)) <
		    0)
		return false;

	struct sim_verr v = SIM_VERR_INIT;
	if (q->has_name) {
		sim_check_length(&v, "nameContains", q->name_contains, 0, 63);
		sim_check_pattern(&v, "nameContains", q->name_contains,
				  name_contains_ok(q->name_contains), "[a-zA-Z0-9\\-]+");
	}
	if (q->has_status)
		sim_check_enum(&v, "statusEquals", q->status, status_set);
	if (q->has_sort_by)
		sim_check_enum(&v, "sortBy", q->sort_by, sortby_set);
	if (q->has_order)
		sim_check_enum(&v, "sortOrder", q->sort_order, order_set);
	if (q->has_token)
		sim_check_length(&v, "nextToken", q->token, 0, 8192);
	if (q->has_max)
		sim_check_range(&v, "maxResults", q->max, 1, 100);
	if (q->has_model) {
		sim_check_length(&v, "modelNameEquals", q->model, 0, 63);
		sim_check_pattern(&v, "modelNameEquals", q->model, model_name_ok(q->model),
				  "[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?");
	}
	if (q->has_package) {
		sim_check_length(&v, "modelPackageVersionArnEquals", q->package, 1, 2048);
		sim_check_pattern(
			&v, "modelPackageVersionArnEquals", q->package,
			strncmp(q->package, "arn:aws", 7) == 0 &&
				strstr(q->package, ":model-package/") != NULL,
			"arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package/[\\S]{1,2048}");
	}
	return !sim_verr_finish(&v, r);
}

static bool list_match(const struct sim_job *j, const struct list_req *q)
{
	if (q->has_c_after && !(j->created > q->c_after))
		return false;
	if (q->has_c_before && !(j->created < q->c_before))
		return false;
	if (q->has_m_after && !(j->modified > q->m_after))
		return false;
	if (q->has_m_before && !(j->modified < q->m_before))
		return false;
	/* SageMaker's NameContains filters ignore case. */
	if (q->has_name && !ascii_strcasestr(j->name, q->name_contains))
		return false;
	if (q->has_status && strcmp(j->status, q->status) != 0)
		return false;
	if (q->has_model && (!j->model_name || strcmp(j->model_name, q->model) != 0))
		return false;
	if (q->has_package &&
	    (!j->model_package_arn || strcmp(j->model_package_arn, q->package) != 0))
		return false;
	return true;
}

/* arg: 0 by name, 1 by creation time, 2 by status; ties by name. */
static int cmp_jobs(const void *a, const void *b, void *arg)
{
	const struct sim_job *x = *(const struct sim_job *const *)a;
	const struct sim_job *y = *(const struct sim_job *const *)b;
	int key = *(const int *)arg, c = 0;

	if (key == 1)
		c = (x->created > y->created) - (x->created < y->created);
	else if (key == 2)
		c = strcmp(x->status, y->status);
	return c ? c : strcmp(x->name, y->name);
}

static void add_str(json_object *o, const char *k, const char *v)
{
	if (v)
		json_object_object_add(o, k, json_object_new_string(v));
}

static json_object *job_summary(const struct sim_job *j)
{
	json_object *o = json_object_new_object();

	add_str(o, "JobName", j->name);
	add_str(o, "JobDescription", j->description ? j->description : "");
	add_str(o, "JobType", j->type);
	add_str(o, "JobArn", j->arn);
	add_str(o, "Status", j->status);
	json_object_object_add(o, "CreationTime", json_object_new_double(j->created));
	if (j->completed >= 0)
		json_object_object_add(o, "CompletionTime", json_object_new_double(j->completed));
	add_str(o, "RoleArn", j->role_arn);
	json_object_object_add(o, "LastModifiedTime", json_object_new_double(j->modified));
	add_str(o, "FailureReason", j->failure_reason);
	add_str(o, "ModelName", j->model_name);
	add_str(o, "SamplePayloadUrl", j->sample_payload_url);
	add_str(o, "ModelPackageVersionArn", j->model_package_arn);
	return o;
}

void sim_op_list_jobs(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct list_req q;
	size_t offset = 0, n = 0;

	if (!list_parse(req, &q, r))
		return;
	/* The token is bound to every filter but itself and MaxResults. */
	char *canon = xasprintf("%d%.3f|%d%.3f|%d%.3f|%d%.3f|%s|%s|%s|%s|%s|%s", q.has_c_after,
				q.c_after, q.has_c_before, q.c_before, q.has_m_after, q.m_after,
				q.has_m_before, q.m_before, q.has_name ? q.name_contains : "-",
				q.has_status ? q.status : "-", q.has_sort_by ? q.sort_by : "-",
				q.has_order ? q.sort_order : "-", q.has_model ? q.model : "-",
				q.has_package ? q.package : "-");
	unsigned long fp = sim_fingerprint(canon);
	free(canon);
	if (q.has_token && *q.token && !sim_token_decode(q.token, fp, &offset)) {
		sim_reply_error(r, 400, "ValidationException", "Invalid pagination token.");
		return;
	}

	const struct sim_job **list = xcalloc(ctx->fx->njobs + 1, sizeof(*list));
	for (size_t i = 0; i < ctx->fx->njobs; i++)
		if (list_match(&ctx->fx->jobs[i], &q))
			list[n++] = &ctx->fx->jobs[i];
	int key = !q.has_sort_by                     ? 1
		  : strcmp(q.sort_by, "Name") == 0   ? 0
		  : strcmp(q.sort_by, "Status") == 0 ? 2
						     : 1;
	qsort_r(list, n, sizeof(*list), cmp_jobs, &key);
	bool desc = !q.has_order || strcmp(q.sort_order, "Descending") == 0;
	size_t max = q.has_max ? (size_t)q.max : 10;

	json_object *res = json_object_new_object(), *arr = json_object_new_array();
	size_t i;
	for (i = offset; i < n && i < offset + max; i++)
		json_object_array_add(arr, job_summary(list[desc ? n - 1 - i : i]));
	json_object_object_add(res, "InferenceRecommendationsJobs", arr);
	if (i < n) {
		char *tok = sim_token_encode(i, fp);
		json_object_object_add(res, "NextToken", json_object_new_string(tok));
		free(tok);
	}
	free(list);
	sim_reply_json(r, res);
}

/* ---- DescribeInferenceRecommendationsJob ---- */

void sim_op_describe_job(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	const char *name = NULL;
	int has;

	if ((has = sim_get_string(req, "JobName", &name, r)) < 0)
		return;
	struct sim_verr v = SIM_VERR_INIT;
	check_job_name(&v, "jobName", has, name);
	if (sim_verr_finish(&v, r))
		return;
	const struct sim_job *j = sim_fixtures_job(ctx->fx, name);
	if (!j) {
		not_found_job(r, name);
		return;
	}
	r->status = 200;
	r->body = xstrdup(j->describe_json);
	r->error_type = NULL;
}

/* Inference Recommender jobs: every page of ListInferenceRecommendationsJobs
 * merged, and DescribeInferenceRecommendationsJob, typed for the pickers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>

#include "sagemaker/jobs.h"
#include "sagemaker/paging.h"
#include "util/json.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *const job_statuses[] = { "PENDING",  "IN_PROGRESS", "COMPLETED",
					    "FAILED",   "STOPPING",    "STOPPED",
					    "DELETING", "DELETED",     NULL };
static const char *const sort_bys[] = { "Name", "CreationTime", "Status", NULL };
static const char *const sort_orders[] = { "Ascending", "Descending", NULL };

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static char *joined(const char *const *list)
{
	size_t n = 1;

	for (const char *const *p = list; *p; p++)
		n += strlen(*p) + 2;
	char *s = xmalloc(n);

	s[0] = '\0';
	for (const char *const *p = list; *p; p++) {
		if (p != list)
			strcat(s, ", ");
		strcat(s, *p);
	}
	return s;
}

static int enum_error(const char *flag, const char *value, const char *const *list, char **err)
{
	char *all = joined(list);

	*err = xasprintf(_("%s: \"%s\" is not one of %s."), flag, value, all);
	free(all);
	return -1;
}

int jobs_filter_validate(const struct jobs_filter *f, char **err)
{
	if (f->status && !in_list(job_statuses, f->status))
		return enum_error("--status", f->status, job_statuses, err);
	if (f->sort_by && !in_list(sort_bys, f->sort_by))
		return enum_error("--sort-by", f->sort_by, sort_bys, err);
	if (f->sort_order && !in_list(sort_orders, f->sort_order))
		return enum_error("--sort-order", f->sort_order, sort_orders, err);
	if (f->name_contains) {
		size_t n = strlen(f->name_contains);
		bool okchars =
			n >= 1 && n <= 63 &&
			strspn(f->name_contains,
			       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
				n;

		if (!okchars) {
			*err = xstrdup(
				_("--name-contains: use 1 to 63 letters, digits and hyphens."));
			return -1;
		}
	}
	if (f->page_size < 0 || f->page_size > 100) {
		*err = xstrdup(_("The page size must be between 1 and 100."));
		return -1;
	}
	return 0;
}

char *jobs_list_request_json(const struct jobs_filter *f, const char *token)
{
	json_object *o = json_object_new_object();

	jsonutil_put_str(o, "NameContains", f->name_contains);
	jsonutil_put_str(o, "StatusEquals", f->status);
	jsonutil_put_str(o, "SortBy", f->sort_by);
	jsonutil_put_str(o, "SortOrder", f->sort_order);
	jsonutil_put_str(o, "NextToken", token);
	if (f->page_size > 0)
		json_object_object_add(o, "MaxResults", json_object_new_int(f->page_size));
	return jsonutil_text_put(o);
}

/* --- typed fields ------------------------------------------------------ */

static struct opt_double get_double(json_object *o, const char *k)
{
	struct opt_double d = { false, 0 };
	json_object *v = jsonutil_number(o, k);

	if (v) {
		d.set = true;
		d.v = json_object_get_double(v);
	}
	return d;
}

static bool get_int(json_object *o, const char *k, long long *out)
{
	json_object *v = jsonutil_number(o, k);

	if (!v)
		return false;
	*out = json_object_get_int64(v);
	return true;
}

static json_object *parse_object(const char *json, char **err)
{
	json_object *root = json ? json_tokener_parse(json) : NULL;

	if (!root || !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		*err = xstrdup(_("The response is not a JSON object."));
		return NULL;
	}
	return root;
}

static void summary_from(json_object *j, struct jobs_summary *s)
{
	s->name = jsonutil_strdup(j, "JobName");
	s->description = jsonutil_strdup(j, "JobDescription");
	s->type = jsonutil_strdup(j, "JobType");
	s->arn = jsonutil_strdup(j, "JobArn");
	s->status = jsonutil_strdup(j, "Status");
	s->failure_reason = jsonutil_strdup(j, "FailureReason");
	s->model_name = jsonutil_strdup(j, "ModelName");
	s->creation_time = get_double(j, "CreationTime");
	s->completion_time = get_double(j, "CompletionTime");
	s->last_modified_time = get_double(j, "LastModifiedTime");
}

static void summaries_append(struct jobs_list *out, json_object *arr)
{
	size_t n = json_object_array_length(arr);

	out->jobs = xrealloc(out->jobs, (out->njobs + n + 1) * sizeof(*out->jobs));
	for (size_t i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(arr, i);

		if (!json_object_is_type(j, json_type_object))
			continue;
		memset(&out->jobs[out->njobs], 0, sizeof(out->jobs[0]));
		summary_from(j, &out->jobs[out->njobs]);
		out->njobs++;
	}
}

int jobs_list_parse(const char *json, struct jobs_list *out, char **next, char **err)
{
	json_object *root = parse_object(json, err);

	if (next)
		*next = NULL;
	if (!root)
		return -1;
	json_object *arr = jsonutil_member(root, "InferenceRecommendationsJobs", json_type_array);

	if (!arr) {
		json_object_put(root);
		*err = xstrdup(_("The response has no InferenceRecommendationsJobs list."));
		return -1;
	}
	summaries_append(out, arr);
	if (next)
		*next = jsonutil_strdup(root, "NextToken");
	out->pages++;
	json_object_put(root);
	return 0;
}

static char *list_request(const void *arg, const char *token)
{
	return jobs_list_request_json(arg, token);
}

void jobs_list_spec(const struct jobs_filter *f, struct paging_spec *spec)
{
	*spec = (struct paging_spec){
		.service = "sagemaker",
		.target = "SageMaker.ListInferenceRecommendationsJobs",
		.list_key = "InferenceRecommendationsJobs",
		.request = list_request,
		.arg = f,
		.narrow_hint = _("Narrow the listing with --status or --name-contains."),
	};
}

int jobs_list_all(struct aws_client *c, const struct jobs_filter *f, atomic_bool *cancel,
		  struct jobs_list *out, struct aws_result *res)
{
	struct paging_spec spec;
	json_object *merged;
	size_t pages;

	memset(out, 0, sizeof(*out));
	jobs_list_spec(f, &spec);
	if (paging_fetch_all(c, &spec, cancel, &merged, &pages, res) != 0)
		return -1;
	summaries_append(out, jsonutil_member(merged, spec.list_key, json_type_array));
	out->raw_json = jsonutil_text(merged);
	json_object_put(merged);
	out->pages = pages;
	return 0;
}

void jobs_list_free(struct jobs_list *l)
{
	for (size_t i = 0; i < l->njobs; i++) {
		struct jobs_summary *s = &l->jobs[i];

		free(s->name);
		free(s->description);
		free(s->type);
		free(s->arn);
		free(s->status);
		free(s->failure_reason);
		free(s->model_name);
	}
	free(l->jobs);
	free(l->raw_json);
	memset(l, 0, sizeof(*l));
}

static int picker_cmp(const void *a, const void *b)
{
	const struct jobs_summary *x = a, *y = b;
	bool cx = x->status && strcmp(x->status, "COMPLETED") == 0;
	bool cy = y->status && strcmp(y->status, "COMPLETED") == 0;

	if (cx != cy)
		return cx ? -1 : 1;
	double tx = x->creation_time.set ? x->creation_time.v : 0;
	double ty = y->creation_time.set ? y->creation_time.v : 0;

	if (tx != ty)
		return tx > ty ? -1 : 1;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

void jobs_list_sort_for_picker(struct jobs_list *l)
{
	if (l->njobs > 1)
		qsort(l->jobs, l->njobs, sizeof(*l->jobs), picker_cmp);
}

/* --- DescribeInferenceRecommendationsJob -------------------------------- */

static void rec_from(json_object *j, struct jobs_recommendation *r)
{
	json_object *ec = jsonutil_member(j, "EndpointConfiguration", json_type_object);
	json_object *m = jsonutil_member(j, "Metrics", json_type_object);

	r->recommendation_id = jsonutil_strdup(j, "RecommendationId");
	r->endpoint_name = jsonutil_strdup(ec, "EndpointName");
	r->variant_name = jsonutil_strdup(ec, "VariantName");
	r->instance_type = jsonutil_strdup(ec, "InstanceType");
	r->has_instance_count = get_int(ec, "InitialInstanceCount", &r->instance_count);
	r->cost_per_hour = get_double(m, "CostPerHour");
	r->cost_per_inference = get_double(m, "CostPerInference");
	r->cpu_utilization = get_double(m, "CpuUtilization");
	r->memory_utilization = get_double(m, "MemoryUtilization");
	r->has_max_invocations = get_int(m, "MaxInvocations", &r->max_invocations);
	r->has_model_latency = get_int(m, "ModelLatency", &r->model_latency);
}

static void endpoint_from(json_object *j, struct jobs_endpoint *e)
{
	json_object *m = jsonutil_member(j, "Metrics", json_type_object);

	e->endpoint_name = jsonutil_strdup(jsonutil_member(j, "EndpointInfo", json_type_object),
					   "EndpointName");
	e->has_max_invocations = get_int(m, "MaxInvocations", &e->max_invocations);
	e->has_model_latency = get_int(m, "ModelLatency", &e->model_latency);
}

int jobs_detail_parse(const char *json, struct jobs_detail *d, char **err)
{
	json_object *root = parse_object(json, err);

	memset(d, 0, sizeof(*d));
	if (!root)
		return -1;
	d->name = jsonutil_strdup(root, "JobName");
	d->description = jsonutil_strdup(root, "JobDescription");
	d->type = jsonutil_strdup(root, "JobType");
	d->arn = jsonutil_strdup(root, "JobArn");
	d->status = jsonutil_strdup(root, "Status");
	d->failure_reason = jsonutil_strdup(root, "FailureReason");
	d->creation_time = get_double(root, "CreationTime");
	d->completion_time = get_double(root, "CompletionTime");

	json_object *a = jsonutil_member(root, "InferenceRecommendations", json_type_array);
	size_t n = a ? json_object_array_length(a) : 0;

	d->recs = xcalloc(n + 1, sizeof(*d->recs));
	for (size_t i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(a, i);

		if (json_object_is_type(j, json_type_object))
			rec_from(j, &d->recs[d->nrecs++]);
	}
	a = jsonutil_member(root, "EndpointPerformances", json_type_array);
	n = a ? json_object_array_length(a) : 0;
	d->endpoints = xcalloc(n + 1, sizeof(*d->endpoints));
	for (size_t i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(a, i);

		if (json_object_is_type(j, json_type_object))
			endpoint_from(j, &d->endpoints[d->nendpoints++]);
	}
	a = jsonutil_member(jsonutil_member(root, "InputConfig", json_type_object), "Endpoints",
			    json_type_array);
	n = a ? json_object_array_length(a) : 0;
	d->input_endpoints = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		char *name = jsonutil_strdup(json_object_array_get_idx(a, i), "EndpointName");

		if (name)
			d->input_endpoints[d->ninput_endpoints++] = name;
	}
	d->raw_json = xstrdup(json);
	json_object_put(root);
	return 0;
}

int jobs_describe(struct aws_client *c, const char *name, atomic_bool *cancel,
		  struct jobs_detail *out, struct aws_result *res)
{
	json_object *o = json_object_new_object();
	char *err = NULL;

	memset(out, 0, sizeof(*out));
	memset(res, 0, sizeof(*res));
	json_object_object_add(o, "JobName", json_object_new_string(name));
	char *body = jsonutil_text_put(o);

	int rc = aws_call(c, "sagemaker", "SageMaker.DescribeInferenceRecommendationsJob", body,
			  cancel, res);

	free(body);
	if (rc != 0 || res->kind != AWS_OK)
		return -1;
	if (jobs_detail_parse(res->body, out, &err) != 0) {
		aws_result_free(res);
		aws_result_set_error(res, AWS_ERR_RESPONSE, err);
		return -1;
	}
	return 0;
}

void jobs_detail_free(struct jobs_detail *d)
{
	for (size_t i = 0; i < d->nrecs; i++) {
		free(d->recs[i].recommendation_id);
		free(d->recs[i].endpoint_name);
		free(d->recs[i].variant_name);
		free(d->recs[i].instance_type);
	}
	for (size_t i = 0; i < d->nendpoints; i++)
		free(d->endpoints[i].endpoint_name);
	for (size_t i = 0; i < d->ninput_endpoints; i++)
		free(d->input_endpoints[i]);
	free(d->recs);
	free(d->endpoints);
	free(d->input_endpoints);
	free(d->name);
	free(d->description);
	free(d->type);
	free(d->arn);
	free(d->status);
	free(d->failure_reason);
	free(d->raw_json);
	memset(d, 0, sizeof(*d));
}

const struct jobs_recommendation *jobs_detail_find(const struct jobs_detail *d, const char *id)
{
	for (size_t i = 0; id && i < d->nrecs; i++)
		if (d->recs[i].recommendation_id && strcmp(d->recs[i].recommendation_id, id) == 0)
			return &d->recs[i];
	return NULL;
}

char *jobs_format_time(struct opt_double t)
{
	if (!t.set)
		return xstrdup("-");
	time_t s = (time_t)t.v;
	struct tm tm;
	char out[64];

	if (!localtime_r(&s, &tm) || strftime(out, sizeof(out), "%Y-%m-%d %H:%M", &tm) == 0)
		return xstrdup("-");
	return xstrdup(out);
}

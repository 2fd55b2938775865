/* Inference Recommender jobs: ListInferenceRecommendationsJobs (every page)
 * and DescribeInferenceRecommendationsJob, as typed results for the pickers
 * and the raw JSON for `sagescale jobs/job --output json`. */
#ifndef SAGESCALE_JOBS_H
#define SAGESCALE_JOBS_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/client.h"

struct opt_double {
	bool set;
	double v;
};

struct jobs_filter {
	const char *status;        /* StatusEquals, NULL: any */
	const char *name_contains; /* NameContains */
	const char *sort_by;       /* Name | CreationTime | Status */
	const char *sort_order;    /* Ascending | Descending */
	int page_size;             /* MaxResults, 0: the service's default */
};

struct jobs_summary {
	char *name, *description, *type, *arn, *status, *failure_reason, *model_name;
	struct opt_double creation_time, completion_time, last_modified_time; /* epoch seconds */
};

struct jobs_list {
	struct jobs_summary *jobs;
	size_t njobs;
	size_t pages;
	/* The first page with every page's InferenceRecommendationsJobs
	 * appended and NextToken removed, as the AWS CLI merges pages. */
	char *raw_json;
};

struct jobs_recommendation {
	char *recommendation_id;
	char *endpoint_name, *variant_name, *instance_type;
	bool has_instance_count;
	long long instance_count;
	struct opt_double cost_per_hour, cost_per_inference, cpu_utilization, memory_utilization;
	bool has_max_invocations, has_model_latency;
	long long max_invocations, model_latency;
};

struct jobs_endpoint {
	char *endpoint_name;
	bool has_max_invocations, has_model_latency;
	long long max_invocations, model_latency;
};

struct jobs_detail {
	char *name, *description, *type, *arn, *status, *failure_reason;
	struct opt_double creation_time, completion_time;
	struct jobs_recommendation *recs;
	size_t nrecs;
	struct jobs_endpoint *endpoints; /* EndpointPerformances */
	size_t nendpoints;
	char **input_endpoints; /* InputConfig.Endpoints[].EndpointName */
	size_t ninput_endpoints;
	char *raw_json; /* the body exactly as received */
};

/* Validates a filter's values against the service model (status enum,
 * NameContains pattern, SortBy/SortOrder enums).  -1 with *err. */
int jobs_filter_validate(const struct jobs_filter *f, char **err);
/* The request body for one page (token NULL for the first). */
char *jobs_list_request_json(const struct jobs_filter *f, const char *token);

struct paging_spec;
/* The listing's paging description (for the CLI's own pagination); it
 * points at f, which must outlive it. */
void jobs_list_spec(const struct jobs_filter *f, struct paging_spec *spec);
/* Fetches every page.  On failure res describes the error of the failing
 * page and out is left empty. */
int jobs_list_all(struct aws_client *c, const struct jobs_filter *f, atomic_bool *cancel,
		  struct jobs_list *out, struct aws_result *res);
/* Parses one (or a merged) ListInferenceRecommendationsJobs body;
 * *next receives NextToken (may be NULL). */
int jobs_list_parse(const char *json, struct jobs_list *out, char **next, char **err);
void jobs_list_free(struct jobs_list *l);
/* Stable order for a picker: COMPLETED first, then newest first. */
void jobs_list_sort_for_picker(struct jobs_list *l);

int jobs_describe(struct aws_client *c, const char *name, atomic_bool *cancel,
		  struct jobs_detail *out, struct aws_result *res);
int jobs_detail_parse(const char *json, struct jobs_detail *out, char **err);
void jobs_detail_free(struct jobs_detail *d);
/* The recommendation with this id, or NULL. */
const struct jobs_recommendation *jobs_detail_find(const struct jobs_detail *d, const char *id);

/* "2026-11-27 10:15" (UTC) for an epoch time; "-" when unset. */
char *jobs_format_time(struct opt_double t);

#endif

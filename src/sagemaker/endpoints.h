/* SageMaker endpoints, to pick the one a recommendation is applied to:
 * ListEndpoints (every page, InService first), and DescribeEndpoint with
 * DescribeEndpointConfig for each production variant's instance type and
 * instance counts. */
#ifndef SAGESCALE_ENDPOINTS_H
#define SAGESCALE_ENDPOINTS_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/client.h"

struct endpoints_summary {
	char *name, *status;
	double created; /* epoch seconds, 0 when absent */
};

struct endpoints_list {
	struct endpoints_summary *items; /* InService first, then by name */
	size_t n;
};

struct endpoints_variant {
	char *name;
	char *instance_type; /* NULL: serverless or not in the config */
	int current_count;   /* -1 when the service gives none (not yet in service) */
	int desired_count;   /* -1 when absent */
};

struct endpoints_detail {
	char *name, *status, *failure_reason, *config_name; /* failure_reason may be NULL */
	struct endpoints_variant *variants;
	size_t nvariants;
};

/* Every page of ListEndpoints whose name contains name_contains (NULL:
 * all), under the caps of paging.h.  Returns 0, or -1 with res holding
 * the failure (a malformed answer or a cap is AWS_ERR_RESPONSE). */
int endpoints_list_all(struct aws_client *c, const char *name_contains, atomic_bool *cancel,
		       struct endpoints_list *out, struct aws_result *res);
void endpoints_list_free(struct endpoints_list *l);

/* DescribeEndpoint, then DescribeEndpointConfig of its config.  *op is
 * the operation that failed.  Returns 0 or -1 as above. */
int endpoints_describe(struct aws_client *c, const char *name, atomic_bool *cancel,
		       struct endpoints_detail *out, const char **op, struct aws_result *res);
void endpoints_detail_free(struct endpoints_detail *d);
const struct endpoints_variant *endpoints_variant_find(const struct endpoints_detail *d,
						       const char *name);

/* True for the endpoints Inference Recommender makes for its benchmarks
 * ("sm-epc-..."), deleted when the job ends. */
bool endpoints_is_benchmark(const char *name);

#endif

/* CloudWatch GetMetricData (AWS JSON 1.0, signing name monitoring) for one
 * endpoint variant's AWS/SageMaker Invocations, Sum over 60 s, every page
 * (NextToken) of a time range: the datapoints as received, unbinned. */
#ifndef SAGESCALE_METRICDATA_H
#define SAGESCALE_METRICDATA_H
#include <stdatomic.h>
#include <stddef.h>
#include "aws/client.h"

#define METRICDATA_TARGET "GraniteServiceVersion20100801.GetMetricData"
/* Pages and datapoints read at most: a year of minutes is six full pages
 * of 100,800 (GetMetricData's most per call). */
#define METRICDATA_MAX_PAGES 64
#define METRICDATA_MAX_POINTS (366 * 1440 + 1440)

struct metricdata_query {
	const char *endpoint_name, *variant_name;
	long long start, end; /* epoch seconds, [start, end) */
	int max_datapoints;   /* MaxDatapoints per page, 0: not sent */
};

struct metricdata_series {
	long long *times; /* epoch seconds */
	double *values;
	size_t n;
	size_t pages;
	char *status; /* the last page's StatusCode, e.g. "Complete" */
};

/* The request body of one page (token NULL for the first; caller frees). */
char *metricdata_request_json(const struct metricdata_query *q, const char *token);
/* Parses one page into s (appended); *next gets NextToken or NULL.
 * -1 with *err for an answer that is not GetMetricData's. */
int metricdata_parse_page(const char *json, struct metricdata_series *s, char **next, char **err);
/* Every page.  On failure res describes the failing page's error (kind
 * AWS_ERR_RESPONSE for an unreadable answer or too many pages) and s is
 * left empty. */
int metricdata_invocations(struct aws_client *c, const struct metricdata_query *q,
			   atomic_bool *cancel, struct metricdata_series *s,
			   struct aws_result *res);
void metricdata_series_free(struct metricdata_series *s);

#endif

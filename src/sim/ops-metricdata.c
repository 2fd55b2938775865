/* CloudWatch GetMetricData (JSON 1.0) for the demo endpoints' AWS/SageMaker
 * Invocations: a seeded, realistic series computed from the time itself
 * (weekday daily peaks, quieter weekends, a Wednesday spike, a short gap
 * early on Tuesdays), so that any range and any page give the same numbers.
 * Like CloudWatch, one-minute data is kept for 15 days before the server's
 * clock; another metric, endpoint or variant has no data (an empty series,
 * not an error). */
#include "config.h"
#include "sim/ops.h"
#include "sim/validate.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The busiest minute of a weekday, per variant of the demo endpoints
 * (ops-endpoints.c lists them). */
static const struct {
	const char *endpoint, *variant;
	double peak;
} series[] = {
	{ "churn-prod", "primary", 3000 },        { "churn-prod", "canary", 330 },
	{ "fraud-prod", "AllTraffic", 8000 },     { "bert-prod", "AllTraffic", 400 },
	{ "resnet50-prod", "AllTraffic", 20000 }, { "demo-endpoint", "AllTraffic", 1500 },
	{ "prod-endpoint", "blue", 1200 },        { "prod-endpoint", "green", 1200 },
};
#define NSERIES (sizeof(series) / sizeof(series[0]))
#define RETENTION_S (15 * 86400)
#define MAX_PAGE 100800 /* GetMetricData's most datapoints per call */
#define MAX_QUERIES 10

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* Invocations in the minute starting at t (a whole minute), or NAN when
 * the endpoint published nothing then. */
static double invocations(double peak, uint64_t seed, long long t)
{
	long long day = t / 86400, sec = t % 86400;
	int dow = (int)((day + 3) % 7); /* 0 Monday: 1970-01-01 was a Thursday */
	double h = (double)sec / 3600.0;

	if (dow == 1 && sec >= 2 * 3600 + 600 && sec < 2 * 3600 + 1020)
		return NAN; /* Tuesday 02:10-02:17: no data */
	double v = 0.12 + 0.88 * exp(-(h - 14) * (h - 14) / (2 * 3.2 * 3.2)) +
		   0.2 * exp(-(h - 10) * (h - 10) / (2 * 1.5 * 1.5));
	if (dow >= 5)
		v *= 0.55;
	if (dow == 2 && sec >= 15 * 3600 && sec < 15 * 3600 + 1500)
		v *= 2.2; /* Wednesday 15:00-15:25: a spike */
	double u = (double)(mix(seed ^ (uint64_t)(t / 60)) >> 11) / 9007199254740992.0;
	v *= 1 + 0.06 * (2 * u - 1);
	return floor(peak * v + 0.5);
}

struct query {
	const char *id;
	double peak; /* 0: no data */
	uint64_t seed;
	long long period;
};

static const char *dim(json_object *dims, const char *name)
{
	size_t n = dims ? json_object_array_length(dims) : 0;

	for (size_t i = 0; i < n; i++) {
		json_object *d = json_object_array_get_idx(dims, i), *k, *v;
		if (json_object_object_get_ex(d, "Name", &k) &&
		    json_object_object_get_ex(d, "Value", &v) &&
		    json_object_is_type(k, json_type_string) &&
		    json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(k), name) == 0)
			return json_object_get_string(v);
	}
	return NULL;
}

/* One MetricDataQuery; false with r set when it is malformed. */
static bool read_query(json_object *q, struct query *out, struct sim_reply *r, size_t i)
{
	json_object *ms = NULL, *m = NULL, *dims = NULL;
	const char *ns = NULL, *name = NULL, *stat = NULL;
	long long period = 0;

	memset(out, 0, sizeof(*out));
	if (!json_object_is_type(q, json_type_object) || sim_get_string(q, "Id", &out->id, r) < 0 ||
	    sim_get_object(q, "MetricStat", &ms, r) < 0)
		return false;
	if (!out->id || !ms) {
		sim_reply_error(r, 400, "ValidationError",
				"The parameter MetricDataQueries.member.%zu.%s is required.", i + 1,
				!out->id ? "Id" : "MetricStat");
		return false;
	}
	if (sim_get_object(ms, "Metric", &m, r) < 0 || sim_get_int(ms, "Period", &period, r) < 0 ||
	    sim_get_string(ms, "Stat", &stat, r) < 0 ||
	    sim_get_string(m, "Namespace", &ns, r) < 0 ||
	    sim_get_string(m, "MetricName", &name, r) < 0 ||
	    sim_get_array(m, "Dimensions", &dims, r) < 0)
		return false;
	if (period < 60 || period % 60 != 0 || !stat) {
		sim_reply_error(
			r, 400, "InvalidParameterValue",
			"The parameter MetricDataQueries.member.%zu.MetricStat.Period must be a "
			"multiple of 60, with a Stat.",
			i + 1);
		return false;
	}
	if (strcmp(stat, "Sum") != 0) {
		sim_reply_error(r, 400, "InvalidParameterValue",
				"The simulator serves the statistic Sum only (got %s).", stat);
		return false;
	}
	out->period = period;
	const char *ep = dim(dims, "EndpointName"), *var = dim(dims, "VariantName");
	if (!ns || !name || strcmp(ns, "AWS/SageMaker") != 0 || strcmp(name, "Invocations") != 0 ||
	    !ep || !var)
		return true;
	for (size_t k = 0; k < NSERIES; k++)
		if (strcmp(series[k].endpoint, ep) == 0 && strcmp(series[k].variant, var) == 0) {
			out->peak = series[k].peak;
			char *key = xasprintf("%s/%s", ep, var);
			out->seed = sim_fingerprint(key);
			free(key);
		}
	return true;
}

/* The value of the period starting at t (NAN: no minute of it has data). */
static double period_value(const struct query *q, long long t, long long lo, long long hi)
{
	double sum = NAN;

	for (long long m = t; m < t + q->period; m += 60) {
		if (m < lo || m >= hi)
			continue;
		double v = invocations(q->peak, q->seed, m);
		if (!isnan(v))
			sum = isnan(sum) ? v : sum + v;
	}
	return sum;
}

struct page {
	size_t offset, limit, seen; /* datapoints before this page, per page, walked */
	bool more;
};

/* Adds query q's datapoints in [start, end) that fall in the page. */
static json_object *query_result(const struct query *q, long long start, long long end,
				 long long lo, long long hi, bool ascending, struct page *pg)
{
	json_object *res = json_object_new_object(), *ts = json_object_new_array();
	json_object *vs = json_object_new_array();
	long long first = start - start % q->period,
		  n = end > first ? (end - first + q->period - 1) / q->period : 0;

	for (long long k = 0; q->peak > 0 && k < n; k++) {
		long long t = first + (ascending ? k : n - 1 - k) * q->period;
		double v = period_value(q, t, lo > start ? lo : start, hi < end ? hi : end);
		if (isnan(v))
			continue;
		if (pg->seen++ < pg->offset)
			continue;
		if (pg->seen > pg->offset + pg->limit) {
			pg->more = true;
			break;
		}
		json_object_array_add(ts, json_object_new_int64(t));
		json_object_array_add(vs, json_object_new_double(v));
	}
	json_object_object_add(res, "Id", json_object_new_string(q->id));
	json_object_object_add(res, "Label", json_object_new_string("Invocations"));
	json_object_object_add(res, "Timestamps", ts);
	json_object_object_add(res, "Values", vs);
	json_object_object_add(res, "StatusCode",
			       json_object_new_string(pg->more ? "PartialData" : "Complete"));
	return res;
}

void sim_op_get_metric_data(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	json_object *qs = NULL;
	double start = 0, end = 0;
	const char *token = NULL, *scan = NULL;
	long long maxdp = MAX_PAGE;
	int has_start, has_end, has_tok, has_max;
	struct query q[MAX_QUERIES];

	if (sim_get_array(req, "MetricDataQueries", &qs, r) < 0 ||
	    (has_start = sim_get_timestamp(req, "StartTime", &start, r)) < 0 ||
	    (has_end = sim_get_timestamp(req, "EndTime", &end, r)) < 0 ||
	    (has_tok = sim_get_string(req, "NextToken", &token, r)) < 0 ||
	    sim_get_string(req, "ScanBy", &scan, r) < 0 ||
	    (has_max = sim_get_int(req, "MaxDatapoints", &maxdp, r)) < 0)
		return;
	size_t nq = qs ? json_object_array_length(qs) : 0;
	if (!has_start || !has_end || nq == 0) {
		sim_reply_error(r, 400, "ValidationError", "The parameter %s is required.",
				!has_start ? "StartTime"
				: !has_end ? "EndTime"
					   : "MetricDataQueries");
		return;
	}
	if (nq > MAX_QUERIES || end <= start || (has_max && (maxdp < 1 || maxdp > MAX_PAGE)) ||
	    (scan && strcmp(scan, "TimestampAscending") != 0 &&
	     strcmp(scan, "TimestampDescending") != 0)) {
		sim_reply_error(
			r, 400, "InvalidParameterValue",
			"The parameters StartTime < EndTime, at most %d MetricDataQueries, "
			"MaxDatapoints 1-%d and ScanBy TimestampAscending|TimestampDescending "
			"are required.",
			MAX_QUERIES, MAX_PAGE);
		return;
	}
	for (size_t i = 0; i < nq; i++)
		if (!read_query(json_object_array_get_idx(qs, i), &q[i], r, i))
			return;
	/* The token is bound to the whole request but its token (copied
	 * first: deleting the member frees its string). */
	char *tok = has_tok ? xstrdup(token) : NULL;
	json_object_object_del(req, "NextToken");
	unsigned long fp =
		sim_fingerprint(json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN));
	struct page pg = { 0, (size_t)maxdp, 0, false };
	bool bad_token = tok && *tok && !sim_token_decode(tok, fp, &pg.offset);
	free(tok);
	if (bad_token) {
		sim_reply_error(r, 400, "InvalidNextToken",
				"The service cannot process the token.");
		return;
	}
	/* Whole minutes: the last complete one is the newest datapoint. */
	long long now = (long long)ctx->now, hi = now - now % 60, lo = hi - RETENTION_S;
	long long s = (long long)ceil(start), e = (long long)ceil(end);
	s += (60 - s % 60) % 60;
	bool asc = scan && strcmp(scan, "TimestampAscending") == 0;
	json_object *res = json_object_new_object(), *arr = json_object_new_array();

	for (size_t i = 0; i < nq; i++)
		json_object_array_add(arr, query_result(&q[i], s, e, lo, hi, asc, &pg));
	json_object_object_add(res, "MetricDataResults", arr);
	json_object_object_add(res, "Messages", json_object_new_array());
	if (pg.more) {
		char *t = sim_token_encode(pg.offset + pg.limit, fp);
		json_object_object_add(res, "NextToken", json_object_new_string(t));
		free(t);
	}
	sim_reply_json(r, res);
}

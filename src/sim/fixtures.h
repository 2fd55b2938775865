/* The jobs the simulator answers from: a JSON file of
 * DescribeInferenceRecommendationsJob answers (format in data/README.data),
 * by default the demo jobs embedded at build time from data/demo-jobs.json. */
#ifndef SAGESCALE_SIM_FIXTURES_H
#define SAGESCALE_SIM_FIXTURES_H
#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

struct sim_rec {
	const char *id;
	const char *instance_type; /* NULL for serverless */
	int initial_count;
	long long max_invocations, model_latency;
	double cpu; /* < 0 when absent */
};

struct sim_endpoint {
	const char *name;
	const char *instance_type; /* from the fixture-only "x-sim" member, may be NULL */
	int initial_count;
	long long max_invocations, model_latency;
	double cpu; /* < 0 when absent */
};

struct sim_job {
	const char *name, *type, *status, *description, *arn, *role_arn;
	const char *failure_reason, *model_name, *model_package_arn, *sample_payload_url;
	double created, modified, completed; /* epoch seconds; completed < 0: none */
	struct sim_rec *recs;
	size_t nrecs;
	struct sim_endpoint *eps;
	size_t neps;
	char *describe_json; /* the whole Describe answer, fixture-only keys removed */
};

struct sim_fixtures {
	json_object *root; /* owns the strings above */
	struct sim_job *jobs;
	size_t njobs;
};

/* NULL on error, with *err set (malloc'd, translated). */
struct sim_fixtures *sim_fixtures_parse(const char *text, size_t len, char **err);
struct sim_fixtures *sim_fixtures_load(const char *path, char **err);
/* The embedded demo jobs. */
struct sim_fixtures *sim_fixtures_demo(char **err);
void sim_fixtures_free(struct sim_fixtures *f);

const struct sim_job *sim_fixtures_job(const struct sim_fixtures *f, const char *name);

/* "2026-11-20T09:14:03Z" (fraction allowed) to epoch seconds; -1 if malformed. */
double sim_parse_iso8601(const char *s);

#endif

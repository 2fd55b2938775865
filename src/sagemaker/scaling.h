/* GetScalingConfigurationRecommendation: the typed request, its validation
 * against the service model's constraints, the JSON in both directions. */
#ifndef SAGESCALE_SCALING_H
#define SAGESCALE_SCALING_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/client.h"
#include "util/json.h" /* struct opt_int */

struct scaling_request {
	char *job_name;          /* InferenceRecommendationsJobName */
	char *recommendation_id; /* exactly one of these two */
	char *endpoint_name;
	struct opt_int cpu;             /* TargetCpuUtilizationPerCore, 1-100 */
	struct opt_int min_invocations; /* ScalingPolicyObjective.MinInvocationsPerMinute */
	struct opt_int max_invocations; /* ScalingPolicyObjective.MaxInvocationsPerMinute */
};

enum scaling_field {
	SCALING_FIELD_JOB,
	SCALING_FIELD_RECOMMENDATION_ID,
	SCALING_FIELD_ENDPOINT_NAME,
	SCALING_FIELD_CPU,
	SCALING_FIELD_MIN_INVOCATIONS,
	SCALING_FIELD_MAX_INVOCATIONS,
	SCALING_FIELD_COUNT
};

/* Checks one field's text as typed (for the form and flags).  Returns 0, or
 * -1 with *err a translated one-line message naming the field and the rule. */
int scaling_validate_field(enum scaling_field f, const char *text, char **err);
/* The same, naming the field as label (e.g. "--target-cpu-utilization-per-core"
 * or a form label); label NULL means scaling_field_flag(f). */
int scaling_check_field(enum scaling_field f, const char *text, const char *label, char **err);
/* The flag that names a field in messages: "--job", "--recommendation-id",
 * "--endpoint-name", "--cpu", "--min-invocations", "--max-invocations". */
const char *scaling_field_flag(enum scaling_field f);
/* Parses a whole number field (cpu, min/max invocations) from text, with
 * the same rules and messages as scaling_check_field. */
int scaling_parse_int_field(enum scaling_field f, const char *text, const char *label, long long *v,
			    char **err);
/* Checks the whole request (including exactly-one-of and min <= max). */
int scaling_request_validate(const struct scaling_request *r, enum scaling_field *bad, char **err);
/* The same with the fields named by labels[f] (NULL entries or labels NULL:
 * the default flags). */
int scaling_request_check(const struct scaling_request *r, const char *const *labels,
			  enum scaling_field *bad, char **err);
/* The request body, fields in the service model's order. */
char *scaling_request_to_json(const struct scaling_request *r);
/* The same as a json-c object, for embedding (release it with json_object_put). */
struct json_object *scaling_request_object(const struct scaling_request *r);
/* Fills r from a --cli-input-json document (AWS CLI key names). */
int scaling_request_from_json(const char *json, struct scaling_request *r, char **err);
void scaling_request_copy(struct scaling_request *dst, const struct scaling_request *src);
void scaling_request_free(struct scaling_request *r);

enum scaling_metric_kind { METRIC_PREDEFINED, METRIC_CUSTOMIZED, METRIC_UNKNOWN };
struct scaling_metric_spec {
	enum scaling_metric_kind kind;
	char *predefined_type;                      /* Predefined.PredefinedMetricType */
	char *metric_name, *namespace_, *statistic; /* Customized */
	char *unknown_key;                          /* the tag this program does not know */
	char *unknown_json;                         /* its value, as JSON text */
};

enum scaling_policy_kind { POLICY_TARGET_TRACKING, POLICY_UNKNOWN };
struct scaling_policy {
	enum scaling_policy_kind kind;
	bool has_metric;
	struct scaling_metric_spec metric; /* TargetTracking.MetricSpecification */
	bool has_target_value;
	double target_value; /* TargetTracking.TargetValue */
	char *unknown_key, *unknown_json;
};

struct scaling_response {
	char *job_name, *recommendation_id, *endpoint_name;
	struct opt_int cpu, min_invocations, max_invocations;
	struct opt_int invocations_per_instance, model_latency; /* Metric */
	bool has_dynamic;
	struct opt_int min_capacity, max_capacity, scale_in_cooldown, scale_out_cooldown;
	struct scaling_policy *policies;
	size_t npolicies;
	char *raw_json; /* the body exactly as received */
};

/* Parses a response body; unknown union members are kept, not dropped.
 * Returns 0, or -1 with *err for a body that is not the expected JSON. */
int scaling_response_parse(const char *json, size_t len, struct scaling_response *out, char **err);
void scaling_response_free(struct scaling_response *r);

/* Sends the request (validated first: returns -1 with res->kind
 * AWS_ERR_CONFIG-like validation message if invalid, nothing sent).
 * On success fills out and returns 0. */
int scaling_get_recommendation(struct aws_client *c, const struct scaling_request *req,
			       atomic_bool *cancel, struct scaling_response *out,
			       struct aws_result *res);

#endif

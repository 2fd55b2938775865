/* GetScalingConfigurationRecommendation: validation against the service
 * model (botocore sagemaker 2017-07-24), request and response JSON. */
#include "config.h"
#include "sagemaker/scaling.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define JOB_NAME_MAX 64
#define ENDPOINT_NAME_MAX 63
#define INT_FIELD_MAX 2147483647LL /* the model's Integer is 32-bit */
#define SHOWN_MAX 80               /* how much of a bad value a message quotes */

static const char *const field_flags[SCALING_FIELD_COUNT] = {
	"--job", "--recommendation-id", "--endpoint-name",
	"--cpu", "--min-invocations",   "--max-invocations",
};

const char *scaling_field_flag(enum scaling_field f)
{
	return f < SCALING_FIELD_COUNT ? field_flags[f] : "?";
}

static const char *label_of(enum scaling_field f, const char *const *labels)
{
	if (labels && labels[f])
		return labels[f];
	return scaling_field_flag(f);
}

/* The value as a message may quote it: sanitised, shortened. */
static char *shown(const char *text)
{
	size_t n = strlen(text);
	char *s, *r;

	if (n <= SHOWN_MAX)
		return sanitize_text(text, n);
	s = sanitize_text(text, SHOWN_MAX);
	r = xasprintf("%s...", s);
	free(s);
	return r;
}

static char *fail_msg(const char *label, const char *rule, const char *text)
{
	char *v = shown(text), *m;

	/* TRANSLATORS: "--cpu: must be a whole number from 1 to 100 (got "abc")" */
	m = xasprintf(_("%s: %s (got \"%s\")"), label, rule, v);
	free(v);
	return m;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* [a-zA-Z0-9](-*[a-zA-Z0-9])*: letters, digits and hyphens, starting and
 * ending with a letter or digit. */
static bool name_pattern_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || !is_alnum(s[0]) || !is_alnum(s[n - 1]))
		return false;
	for (i = 0; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static int check_name(const char *text, const char *label, size_t max, char **err)
{
	size_t n = strlen(text);

	if (n == 0) {
		*err = xasprintf(_("%s: must not be empty"), label);
		return -1;
	}
	if (n > max) {
		char *rule = xasprintf(_("must be at most %zu characters long (got %zu)"), max, n);
		*err = xasprintf("%s: %s", label, rule);
		free(rule);
		return -1;
	}
	if (!name_pattern_ok(text)) {
		*err = fail_msg(label,
				_("must be letters, digits and hyphens, starting and "
				  "ending with a letter or digit"),
				text);
		return -1;
	}
	return 0;
}

static void int_bounds(enum scaling_field f, long long *min, long long *max)
{
	if (f == SCALING_FIELD_CPU) {
		*min = 1;
		*max = 100;
	} else {
		*min = 0;
		*max = INT_FIELD_MAX;
	}
}

static char *int_rule(enum scaling_field f)
{
	long long min, max;

	int_bounds(f, &min, &max);
	return xasprintf(_("must be a whole number from %lld to %lld"), min, max);
}

int scaling_parse_int_field(enum scaling_field f, const char *text, const char *label, long long *v,
			    char **err)
{
	long long min, max, x = 0;
	const char *p = text;
	char *rule;

	if (!label)
		label = scaling_field_flag(f);
	int_bounds(f, &min, &max);
	if (*p == '+')
		p++;
	if (*p == '\0')
		goto bad;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		x = x * 10 + (*p - '0');
		if (x > max)
			goto bad; /* also stops overflow */
	}
	if (x < min)
		goto bad;
	*v = x;
	return 0;
bad:
	rule = int_rule(f);
	*err = fail_msg(label, rule, text);
	free(rule);
	return -1;
}

int scaling_check_field(enum scaling_field f, const char *text, const char *label, char **err)
{
	long long v;

	if (!label)
		label = scaling_field_flag(f);
	if (!text)
		text = "";
	switch (f) {
	case SCALING_FIELD_JOB: return check_name(text, label, JOB_NAME_MAX, err);
	case SCALING_FIELD_ENDPOINT_NAME: return check_name(text, label, ENDPOINT_NAME_MAX, err);
	case SCALING_FIELD_RECOMMENDATION_ID:
		if (*text == '\0') {
			*err = xasprintf(_("%s: must not be empty"), label);
			return -1;
		}
		return 0;
	case SCALING_FIELD_CPU:
	case SCALING_FIELD_MIN_INVOCATIONS:
	case SCALING_FIELD_MAX_INVOCATIONS: return scaling_parse_int_field(f, text, label, &v, err);
	default: *err = xasprintf(_("unknown field %d"), (int)f); return -1;
	}
}

int scaling_validate_field(enum scaling_field f, const char *text, char **err)
{
	return scaling_check_field(f, text, NULL, err);
}

static int check_int_value(enum scaling_field f, const struct opt_int *o, const char *label,
			   char **err)
{
	long long min, max;
	char *rule, *text;

	if (!o->set)
		return 0;
	int_bounds(f, &min, &max);
	if (o->v >= min && o->v <= max)
		return 0;
	rule = int_rule(f);
	text = xasprintf("%lld", o->v);
	*err = fail_msg(label, rule, text);
	free(rule);
	free(text);
	return -1;
}

int scaling_request_check(const struct scaling_request *r, const char *const *labels,
			  enum scaling_field *bad, char **err)
{
	enum scaling_field f = SCALING_FIELD_JOB;

	*err = NULL;
	if (!r->job_name) {
		*err = xasprintf(_("%s: is required (the Inference Recommender job's name)"),
				 label_of(f, labels));
		goto out;
	}
	if (check_name(r->job_name, label_of(f, labels), JOB_NAME_MAX, err) < 0)
		goto out;
	f = SCALING_FIELD_RECOMMENDATION_ID;
	if (r->recommendation_id &&
	    scaling_check_field(f, r->recommendation_id, label_of(f, labels), err) < 0)
		goto out;
	f = SCALING_FIELD_ENDPOINT_NAME;
	if (r->endpoint_name &&
	    check_name(r->endpoint_name, label_of(f, labels), ENDPOINT_NAME_MAX, err) < 0)
		goto out;
	if (!r->recommendation_id == !r->endpoint_name) {
		f = r->recommendation_id ? SCALING_FIELD_ENDPOINT_NAME
					 : SCALING_FIELD_RECOMMENDATION_ID;
		*err = xasprintf(r->recommendation_id
					 ? _("%s, %s: give exactly one of them (got both)")
					 : _("%s, %s: give exactly one of them (got neither)"),
				 label_of(SCALING_FIELD_RECOMMENDATION_ID, labels),
				 label_of(SCALING_FIELD_ENDPOINT_NAME, labels));
		goto out;
	}
	for (f = SCALING_FIELD_CPU; f <= SCALING_FIELD_MAX_INVOCATIONS; f++) {
		const struct opt_int *o = f == SCALING_FIELD_CPU ? &r->cpu
					  : f == SCALING_FIELD_MIN_INVOCATIONS
						  ? &r->min_invocations
						  : &r->max_invocations;
		if (check_int_value(f, o, label_of(f, labels), err) < 0)
			goto out;
	}
	if (r->min_invocations.set && r->max_invocations.set &&
	    r->min_invocations.v > r->max_invocations.v) {
		f = SCALING_FIELD_MIN_INVOCATIONS;
		*err = xasprintf(_("%s: must not be more than %s (got %lld > %lld)"),
				 label_of(SCALING_FIELD_MIN_INVOCATIONS, labels),
				 label_of(SCALING_FIELD_MAX_INVOCATIONS, labels),
				 r->min_invocations.v, r->max_invocations.v);
		goto out;
	}
	return 0;
out:
	if (bad)
		*bad = f;
	return -1;
}

int scaling_request_validate(const struct scaling_request *r, enum scaling_field *bad, char **err)
{
	return scaling_request_check(r, NULL, bad, err);
}

/* ---- request JSON ---- */

struct json_object *scaling_request_object(const struct scaling_request *r)
{
	struct json_object *o = json_object_new_object();

	/* Member order of GetScalingConfigurationRecommendationRequest. */
	jsonutil_put_str(o, "InferenceRecommendationsJobName", r->job_name);
	jsonutil_put_str(o, "RecommendationId", r->recommendation_id);
	jsonutil_put_str(o, "EndpointName", r->endpoint_name);
	/* Sent only when given: the service's own default (50) applies otherwise. */
	jsonutil_put_int(o, "TargetCpuUtilizationPerCore", r->cpu);
	if (r->min_invocations.set || r->max_invocations.set) {
		struct json_object *obj = json_object_new_object();
		jsonutil_put_int(obj, "MinInvocationsPerMinute", r->min_invocations);
		jsonutil_put_int(obj, "MaxInvocationsPerMinute", r->max_invocations);
		json_object_object_add(o, "ScalingPolicyObjective", obj);
	}
	return o;
}

char *scaling_request_to_json(const struct scaling_request *r)
{
	return jsonutil_text_put(scaling_request_object(r));
}

static struct json_object *parse_doc(const char *json, size_t len, char **err)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;
	enum json_tokener_error e;

	if (!tok)
		xfatal("out of memory");
	if (len > INT_MAX) {
		json_tokener_free(tok);
		*err = xstrdup(_("document too large"));
		return NULL;
	}
	o = json_tokener_parse_ex(tok, json, (int)len);
	e = json_tokener_get_error(tok);
	if (o && e == json_tokener_success && json_tokener_get_parse_end(tok) < len) {
		/* Only whitespace may follow the document. */
		const char *p = json + json_tokener_get_parse_end(tok);
		while (p < json + len && strchr(" \t\r\n", *p))
			p++;
		if (p < json + len) {
			json_object_put(o);
			json_tokener_free(tok);
			*err = xstrdup(_("not valid JSON: text after the end of the document"));
			return NULL;
		}
	}
	if (!o || e != json_tokener_success) {
		*err = xasprintf(_("not valid JSON: %s"), e == json_tokener_continue
								  ? _("unexpected end of input")
								  : json_tokener_error_desc(e));
		if (o)
			json_object_put(o);
		json_tokener_free(tok);
		return NULL;
	}
	json_tokener_free(tok);
	return o;
}

static const char *const input_keys =
	"InferenceRecommendationsJobName, RecommendationId, EndpointName, "
	"TargetCpuUtilizationPerCore, ScalingPolicyObjective";

static int input_string(struct json_object *v, const char *key, char **dst, char **err)
{
	if (!json_object_is_type(v, json_type_string)) {
		*err = xasprintf(_("%s: must be a string"), key);
		return -1;
	}
	free(*dst);
	*dst = xstrdup(json_object_get_string(v));
	return 0;
}

static int input_int(struct json_object *v, const char *key, struct opt_int *dst, char **err)
{
	if (!json_object_is_type(v, json_type_int)) {
		*err = xasprintf(_("%s: must be a whole number"), key);
		return -1;
	}
	dst->v = json_object_get_int64(v);
	dst->set = true;
	return 0;
}

static int input_objective(struct json_object *v, struct scaling_request *r, char **err)
{
	if (!json_object_is_type(v, json_type_object)) {
		*err = xstrdup(_("ScalingPolicyObjective: must be an object"));
		return -1;
	}
	json_object_object_foreach(v, key, val)
	{
		if (strcmp(key, "MinInvocationsPerMinute") == 0) {
			if (input_int(val, "ScalingPolicyObjective.MinInvocationsPerMinute",
				      &r->min_invocations, err) < 0)
				return -1;
		} else if (strcmp(key, "MaxInvocationsPerMinute") == 0) {
			if (input_int(val, "ScalingPolicyObjective.MaxInvocationsPerMinute",
				      &r->max_invocations, err) < 0)
				return -1;
		} else {
			char *k = shown(key);
			*err = xasprintf(_("ScalingPolicyObjective: unknown parameter \"%s\", "
					   "must be one of: %s"),
					 k, "MinInvocationsPerMinute, MaxInvocationsPerMinute");
			free(k);
			return -1;
		}
	}
	return 0;
}

int scaling_request_from_json(const char *json, struct scaling_request *r, char **err)
{
	struct json_object *o;
	char *e = NULL;
	int rc = 0;

	o = parse_doc(json, strlen(json), &e);
	if (!o) {
		*err = e;
		return -1;
	}
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		*err = xstrdup(_("the input must be a JSON object"));
		return -1;
	}
	json_object_object_foreach(o, key, val)
	{
		if (json_object_is_type(val, json_type_null))
			continue;
		if (strcmp(key, "InferenceRecommendationsJobName") == 0)
			rc = input_string(val, key, &r->job_name, &e);
		else if (strcmp(key, "RecommendationId") == 0)
			rc = input_string(val, key, &r->recommendation_id, &e);
		else if (strcmp(key, "EndpointName") == 0)
			rc = input_string(val, key, &r->endpoint_name, &e);
		else if (strcmp(key, "TargetCpuUtilizationPerCore") == 0)
			rc = input_int(val, key, &r->cpu, &e);
		else if (strcmp(key, "ScalingPolicyObjective") == 0)
			rc = input_objective(val, r, &e);
		else {
			char *k = shown(key);
			e = xasprintf(_("unknown parameter \"%s\", must be one of: %s"), k,
				      input_keys);
			free(k);
			rc = -1;
		}
		if (rc < 0)
			break;
	}
	json_object_put(o);
	if (rc < 0)
		*err = e;
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void scaling_request_copy(struct scaling_request *dst, const struct scaling_request *src)
{
	*dst = *src;
	dst->job_name = dup_or_null(src->job_name);
	dst->recommendation_id = dup_or_null(src->recommendation_id);
	dst->endpoint_name = dup_or_null(src->endpoint_name);
}

void scaling_request_free(struct scaling_request *r)
{
	free(r->job_name);
	free(r->recommendation_id);
	free(r->endpoint_name);
	memset(r, 0, sizeof(*r));
}

/* ---- response JSON ---- */

/* A member that is absent or null is left unset; one of the wrong type is
 * an error (the response is not what the model says). */
static int get_member(struct json_object *o, const char *key, enum json_type t, const char *path,
		      struct json_object **v, char **err)
{
	struct json_object *x;

	*v = NULL;
	if (!json_object_object_get_ex(o, key, &x) || json_object_is_type(x, json_type_null))
		return 0;
	if (!json_object_is_type(x, t) &&
	    !(t == json_type_double && json_object_is_type(x, json_type_int))) {
		*err = xasprintf(_("unexpected response: %s%s has the wrong type"), path, key);
		return -1;
	}
	*v = x;
	return 0;
}

static int get_string(struct json_object *o, const char *key, const char *path, char **dst,
		      char **err)
{
	struct json_object *v;

	if (get_member(o, key, json_type_string, path, &v, err) < 0)
		return -1;
	if (v)
		*dst = xstrdup(json_object_get_string(v));
	return 0;
}

static int get_int(struct json_object *o, const char *key, const char *path, struct opt_int *dst,
		   char **err)
{
	struct json_object *v;

	if (get_member(o, key, json_type_int, path, &v, err) < 0)
		return -1;
	if (v) {
		dst->set = true;
		dst->v = json_object_get_int64(v);
	}
	return 0;
}

static int get_object(struct json_object *o, const char *key, const char *path,
		      struct json_object **v, char **err)
{
	return get_member(o, key, json_type_object, path, v, err);
}

/* The one key of a tagged union; -1 when it has none. */
static int union_tag(struct json_object *u, const char *path, const char **key,
		     struct json_object **val, char **err)
{
	int n = 0;

	*key = NULL;
	*val = NULL;
	json_object_object_foreach(u, k, v)
	{
		if (json_object_is_type(v, json_type_null))
			continue;
		if (!*key) {
			*key = k;
			*val = v;
		}
		n++;
	}
	if (n == 0) {
		*err = xasprintf(_("unexpected response: %s has no member set"), path);
		return -1;
	}
	return 0;
}

static int parse_metric_spec(struct json_object *u, const char *path, struct scaling_metric_spec *m,
			     char **err)
{
	struct json_object *v;
	const char *key;
	char *p;
	int rc = 0;

	if (union_tag(u, path, &key, &v, err) < 0)
		return -1;
	if (strcmp(key, "Predefined") == 0 && json_object_is_type(v, json_type_object)) {
		m->kind = METRIC_PREDEFINED;
		p = xasprintf("%s.Predefined.", path);
		rc = get_string(v, "PredefinedMetricType", p, &m->predefined_type, err);
		free(p);
	} else if (strcmp(key, "Customized") == 0 && json_object_is_type(v, json_type_object)) {
		m->kind = METRIC_CUSTOMIZED;
		p = xasprintf("%s.Customized.", path);
		if (get_string(v, "MetricName", p, &m->metric_name, err) < 0 ||
		    get_string(v, "Namespace", p, &m->namespace_, err) < 0 ||
		    get_string(v, "Statistic", p, &m->statistic, err) < 0)
			rc = -1;
		free(p);
	} else if (strcmp(key, "Predefined") == 0 || strcmp(key, "Customized") == 0) {
		*err = xasprintf(_("unexpected response: %s.%s has the wrong type"), path, key);
		rc = -1;
	} else {
		/* A member this program does not know: keep it, as JSON. */
		m->kind = METRIC_UNKNOWN;
		m->unknown_key = xstrdup(key);
		m->unknown_json = jsonutil_text(v);
	}
	return rc;
}

static int parse_policy(struct json_object *item, size_t i, struct scaling_policy *pol, char **err)
{
	struct json_object *v, *x;
	const char *key;
	char *path = xasprintf("DynamicScalingConfiguration.ScalingPolicies[%zu]", i);
	char *p = NULL;
	int rc = -1;

	if (!json_object_is_type(item, json_type_object)) {
		*err = xasprintf(_("unexpected response: %s has the wrong type"), path);
		goto out;
	}
	if (union_tag(item, path, &key, &v, err) < 0)
		goto out;
	if (strcmp(key, "TargetTracking") != 0) {
		pol->kind = POLICY_UNKNOWN;
		pol->unknown_key = xstrdup(key);
		pol->unknown_json = jsonutil_text(v);
		rc = 0;
		goto out;
	}
	pol->kind = POLICY_TARGET_TRACKING;
	if (!json_object_is_type(v, json_type_object)) {
		*err = xasprintf(_("unexpected response: %s.TargetTracking has the wrong type"),
				 path);
		goto out;
	}
	p = xasprintf("%s.TargetTracking.", path);
	if (get_object(v, "MetricSpecification", p, &x, err) < 0)
		goto out;
	if (x) {
		char *mp = xasprintf("%sMetricSpecification", p);
		pol->has_metric = true;
		rc = parse_metric_spec(x, mp, &pol->metric, err);
		free(mp);
		if (rc < 0)
			goto out;
		rc = -1;
	}
	if (get_member(v, "TargetValue", json_type_double, p, &x, err) < 0)
		goto out;
	if (x) {
		pol->has_target_value = true;
		pol->target_value = json_object_get_double(x);
	}
	rc = 0;
out:
	free(path);
	free(p);
	return rc;
}

static int parse_dynamic(struct json_object *d, struct scaling_response *out, char **err)
{
	static const char path[] = "DynamicScalingConfiguration.";
	struct json_object *list;
	size_t i, n;

	out->has_dynamic = true;
	if (get_int(d, "MinCapacity", path, &out->min_capacity, err) < 0 ||
	    get_int(d, "MaxCapacity", path, &out->max_capacity, err) < 0 ||
	    get_int(d, "ScaleInCooldown", path, &out->scale_in_cooldown, err) < 0 ||
	    get_int(d, "ScaleOutCooldown", path, &out->scale_out_cooldown, err) < 0 ||
	    get_member(d, "ScalingPolicies", json_type_array, path, &list, err) < 0)
		return -1;
	if (!list)
		return 0;
	n = json_object_array_length(list);
	out->policies = xcalloc(n ? n : 1, sizeof(*out->policies));
	for (i = 0; i < n; i++) {
		out->npolicies = i + 1;
		if (parse_policy(json_object_array_get_idx(list, i), i, &out->policies[i], err) < 0)
			return -1;
	}
	return 0;
}

int scaling_response_parse(const char *json, size_t len, struct scaling_response *out, char **err)
{
	struct json_object *o, *x;
	char *e = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	o = parse_doc(json, len, &e);
	if (!o) {
		*err = xasprintf(_("unexpected response: %s"), e);
		free(e);
		return -1;
	}
	if (!json_object_is_type(o, json_type_object)) {
		*err = xstrdup(_("unexpected response: not a JSON object"));
		goto out;
	}
	if (get_string(o, "InferenceRecommendationsJobName", "", &out->job_name, err) < 0 ||
	    get_string(o, "RecommendationId", "", &out->recommendation_id, err) < 0 ||
	    get_string(o, "EndpointName", "", &out->endpoint_name, err) < 0 ||
	    get_int(o, "TargetCpuUtilizationPerCore", "", &out->cpu, err) < 0 ||
	    get_object(o, "ScalingPolicyObjective", "", &x, err) < 0)
		goto out;
	if (x && (get_int(x, "MinInvocationsPerMinute", "ScalingPolicyObjective.",
			  &out->min_invocations, err) < 0 ||
		  get_int(x, "MaxInvocationsPerMinute", "ScalingPolicyObjective.",
			  &out->max_invocations, err) < 0))
		goto out;
	if (get_object(o, "Metric", "", &x, err) < 0)
		goto out;
	if (x && (get_int(x, "InvocationsPerInstance", "Metric.", &out->invocations_per_instance,
			  err) < 0 ||
		  get_int(x, "ModelLatency", "Metric.", &out->model_latency, err) < 0))
		goto out;
	if (get_object(o, "DynamicScalingConfiguration", "", &x, err) < 0)
		goto out;
	if (x && parse_dynamic(x, out, err) < 0)
		goto out;
	out->raw_json = xstrndup(json, len);
	rc = 0;
out:
	json_object_put(o);
	if (rc < 0)
		scaling_response_free(out);
	return rc;
}

static void metric_spec_free(struct scaling_metric_spec *m)
{
	free(m->predefined_type);
	free(m->metric_name);
	free(m->namespace_);
	free(m->statistic);
	free(m->unknown_key);
	free(m->unknown_json);
}

void scaling_response_free(struct scaling_response *r)
{
	size_t i;

	free(r->job_name);
	free(r->recommendation_id);
	free(r->endpoint_name);
	for (i = 0; i < r->npolicies; i++) {
		metric_spec_free(&r->policies[i].metric);
		free(r->policies[i].unknown_key);
		free(r->policies[i].unknown_json);
	}
	free(r->policies);
	free(r->raw_json);
	memset(r, 0, sizeof(*r));
}

/* ---- the call ---- */

int scaling_get_recommendation(struct aws_client *c, const struct scaling_request *req,
			       atomic_bool *cancel, struct scaling_response *out,
			       struct aws_result *res)
{
	char *err = NULL, *body;

	memset(out, 0, sizeof(*out));
	memset(res, 0, sizeof(*res));
	if (scaling_request_validate(req, NULL, &err) < 0) {
		res->kind = AWS_ERR_CONFIG;
		res->error_code = xstrdup("ValidationError");
		res->error_message = err;
		return -1;
	}
	body = scaling_request_to_json(req);
	aws_call(c, "sagemaker", "SageMaker.GetScalingConfigurationRecommendation", body, cancel,
		 res);
	free(body);
	if (res->kind != AWS_OK)
		return -1;
	if (scaling_response_parse(res->body ? res->body : "", res->body ? res->body_len : 0, out,
				   &err) < 0) {
		res->kind = AWS_ERR_RESPONSE;
		free(res->error_message);
		res->error_message = err;
		return -1;
	}
	return 0;
}

/* Loading and checking the simulator's job fixtures. */
#include "config.h"
#include "sim/fixtures.h"
#include "sim/validate.h"
#include "util/isotime.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const char sim_demo_jobs_json[];

double sim_parse_iso8601(const char *s)
{
	long long t;
	double frac;

	if (isotime_parse(s, ISOTIME_STRICT | ISOTIME_UTC, &t, &frac) < 0)
		return -1;
	return (double)t + frac;
}

static bool is_timestamp_key(const char *k)
{
	static const char *const keys[] = { "CreationTime",      "LastModifiedTime",
					    "CompletionTime",    "InvocationStartTime",
					    "InvocationEndTime", NULL };
	for (const char *const *p = keys; *p; p++)
		if (strcmp(k, *p) == 0)
			return true;
	return false;
}

/* Fixtures may write timestamps as ISO 8601; the wire wants epoch seconds. */
static int convert_timestamps(json_object *o, char **bad)
{
	if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			if (convert_timestamps(json_object_array_get_idx(o, i), bad) < 0)
				return -1;
		return 0;
	}
	if (!json_object_is_type(o, json_type_object))
		return 0;
	struct buf keys = BUF_INIT;
	json_object_object_foreach(o, key, val)
	{
		if (is_timestamp_key(key) && json_object_is_type(val, json_type_string)) {
			buf_puts(&keys, key);
			buf_putc(&keys, '\0');
		} else if (convert_timestamps(val, bad) < 0) {
			buf_free(&keys);
			return -1;
		}
	}
	for (size_t off = 0; off < keys.len; off += strlen(keys.data + off) + 1) {
		const char *k = keys.data + off;
		json_object *tv = json_object_object_get(o, k);
		double t = sim_parse_iso8601(json_object_get_string(tv));
		if (t < 0) {
			*bad = xasprintf(_("%s: not an ISO 8601 UTC time: \"%s\""), k,
					 json_object_get_string(tv));
			buf_free(&keys);
			return -1;
		}
		json_object_object_add(o, k, json_object_new_double(t));
	}
	buf_free(&keys);
	return 0;
}

/* Keys starting with "x-" are the fixture's own notes, never sent. */
static void strip_private(json_object *o)
{
	if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			strip_private(json_object_array_get_idx(o, i));
		return;
	}
	if (!json_object_is_type(o, json_type_object))
		return;
	struct buf keys = BUF_INIT;
	json_object_object_foreach(o, key, val)
	{
		if (strncmp(key, "x-", 2) == 0) {
			buf_puts(&keys, key);
			buf_putc(&keys, '\0');
		} else {
			strip_private(val);
		}
	}
	for (size_t off = 0; off < keys.len; off += strlen(keys.data + off) + 1)
		json_object_object_del(o, keys.data + off);
	buf_free(&keys);
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o && json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, key, &v);
	return v;
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v = get(o, key);

	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

static bool is_num(json_object *v)
{
	return v &&
	       (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double));
}

static double get_num(json_object *o, const char *key, double dflt)
{
	json_object *v = get(o, key);

	return is_num(v) ? json_object_get_double(v) : dflt;
}

/* A whole number member within [min, max] (dflt when absent); false when
 * present but out of range or not whole, so that no conversion overflows. */
static bool get_count(json_object *o, const char *key, double min, double max, double dflt,
		      long long *out)
{
	double v = get_num(o, key, dflt);

	if (!(v >= min && v <= max) || v != (double)(long long)v)
		return false;
	*out = (long long)v;
	return true;
}

static const char *const job_status[] = { "PENDING",  "IN_PROGRESS", "COMPLETED",
					  "FAILED",   "STOPPING",    "STOPPED",
					  "DELETING", "DELETED",     NULL };

static bool in_set(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static char *load_recs(struct sim_job *j, json_object *recs)
{
	size_t n = json_object_array_length(recs);

	j->recs = xcalloc(n ? n : 1, sizeof(*j->recs));
	for (size_t i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(recs, i);
		json_object *m = get(r, "Metrics"), *ec = get(r, "EndpointConfiguration");
		struct sim_rec *sr = &j->recs[j->nrecs];
		sr->id = get_str(r, "RecommendationId");
		if (!sr->id || !m || !is_num(get(m, "MaxInvocations")) || !ec)
			return xasprintf(
				_("recommendation %zu needs RecommendationId, EndpointConfiguration and Metrics.MaxInvocations"),
				i + 1);
		for (size_t k = 0; k < j->nrecs; k++)
			if (strcmp(j->recs[k].id, sr->id) == 0)
				return xasprintf(_("duplicate RecommendationId \"%s\""), sr->id);
		sr->instance_type = get_str(ec, "InstanceType");
		long long count = 0;
		bool ok =
			get_count(ec, "InitialInstanceCount", 1, 100000, 1, &count) &&
			get_count(m, "MaxInvocations", 1, 2147483647.0, 0, &sr->max_invocations) &&
			get_count(m, "ModelLatency", 0, 2147483647.0, 0, &sr->model_latency);
		sr->initial_count = (int)count;
		sr->cpu = get_num(m, "CpuUtilization", -1);
		if (!ok)
			return xasprintf(
				_("recommendation \"%s\": MaxInvocations (1 to 2^31-1), ModelLatency (0 to 2^31-1) and InitialInstanceCount (1 to 100000) must be whole numbers in range"),
				sr->id);
		j->nrecs++;
	}
	return NULL;
}

static char *load_endpoints(struct sim_job *j, json_object *eps)
{
	size_t n = json_object_array_length(eps);

	j->eps = xcalloc(n ? n : 1, sizeof(*j->eps));
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(eps, i);
		json_object *m = get(e, "Metrics"), *x = get(e, "x-sim");
		struct sim_endpoint *se = &j->eps[j->neps];
		se->name = get_str(get(e, "EndpointInfo"), "EndpointName");
		if (!se->name || !is_num(get(m, "MaxInvocations")))
			return xasprintf(
				_("endpoint performance %zu needs EndpointInfo.EndpointName and Metrics.MaxInvocations"),
				i + 1);
		long long count = 0;
		bool ok =
			get_count(m, "MaxInvocations", 1, 2147483647.0, 0, &se->max_invocations) &&
			get_count(m, "ModelLatency", 0, 2147483647.0, 0, &se->model_latency) &&
			get_count(x, "InitialInstanceCount", 1, 100000, 1, &count);
		se->cpu = get_num(x, "CpuUtilization", -1);
		se->instance_type = get_str(x, "InstanceType");
		se->initial_count = (int)count;
		if (!ok)
			return xasprintf(
				_("endpoint \"%s\": MaxInvocations (1 to 2^31-1), ModelLatency (0 to 2^31-1) and InitialInstanceCount (1 to 100000) must be whole numbers in range"),
				se->name);
		j->neps++;
	}
	return NULL;
}

static char *load_job(struct sim_job *j, json_object *o)
{
	json_object *in = get(o, "InputConfig"), *a;
	static const char *const required[] = { "JobName", "JobType", "JobArn",
						"RoleArn", "Status",  NULL };

	if (!json_object_is_type(o, json_type_object))
		return xstrdup(_("not a JSON object"));
	for (const char *const *k = required; *k; k++)
		if (!get_str(o, *k))
			return xasprintf(_("missing string member %s"), *k);
	j->name = get_str(o, "JobName");
	j->type = get_str(o, "JobType");
	j->status = get_str(o, "Status");
	if (!sim_name_pattern_ok(j->name, 63) || strlen(j->name) > 64)
		return xasprintf(
			_("JobName \"%s\" does not match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}"),
			j->name);
	if (strcmp(j->type, "Default") != 0 && strcmp(j->type, "Advanced") != 0)
		return xasprintf(_("JobType must be Default or Advanced, not \"%s\""), j->type);
	if (!in_set(j->status, job_status))
		return xasprintf(_("unknown Status \"%s\""), j->status);
	if (!in || !json_object_is_type(in, json_type_object))
		return xstrdup(_("missing object member InputConfig"));
	if (!is_num(get(o, "CreationTime")) || !is_num(get(o, "LastModifiedTime")))
		return xstrdup(_("CreationTime and LastModifiedTime are required"));
	j->description = get_str(o, "JobDescription");
	j->arn = get_str(o, "JobArn");
	j->role_arn = get_str(o, "RoleArn");
	j->failure_reason = get_str(o, "FailureReason");
	j->model_name = get_str(in, "ModelName");
	j->model_package_arn = get_str(in, "ModelPackageVersionArn");
	j->sample_payload_url =
		get_str(get(get(in, "ContainerConfig"), "PayloadConfig"), "SamplePayloadUrl");
	j->created = get_num(o, "CreationTime", 0);
	j->modified = get_num(o, "LastModifiedTime", 0);
	j->completed = get_num(o, "CompletionTime", -1);
	if (strcmp(j->status, "FAILED") == 0 && !j->failure_reason)
		return xstrdup(_("a FAILED job needs a FailureReason"));

	char *e = NULL;
	a = get(o, "InferenceRecommendations");
	if (a && json_object_is_type(a, json_type_array))
		e = load_recs(j, a);
	else
		j->recs = xcalloc(1, sizeof(*j->recs));
	a = get(o, "EndpointPerformances");
	if (!e && a && json_object_is_type(a, json_type_array))
		e = load_endpoints(j, a);
	else if (!j->eps)
		j->eps = xcalloc(1, sizeof(*j->eps));
	if (e)
		return e;
	if (strcmp(j->status, "COMPLETED") == 0 && j->nrecs + j->neps == 0)
		return xstrdup(_(
			"a COMPLETED job needs InferenceRecommendations or EndpointPerformances"));

	json_object *copy = NULL;
	if (json_object_deep_copy(o, &copy, NULL) != 0)
		xfatal("out of memory");
	strip_private(copy);
	j->describe_json = xstrdup(json_object_to_json_string_ext(
		copy, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(copy);
	return NULL;
}

struct sim_fixtures *sim_fixtures_parse(const char *text, size_t len, char **err)
{
	struct json_tokener *tok = json_tokener_new();
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	char *bad = NULL;

	if (!root || jerr != json_tokener_success) {
		*err = xasprintf(_("not valid JSON: %s"),
				 json_tokener_error_desc(jerr == json_tokener_success
								 ? json_tokener_continue
								 : jerr));
		json_tokener_free(tok);
		json_object_put(root);
		return NULL;
	}
	json_tokener_free(tok);
	json_object *jobs = get(root, "Jobs");
	if (!jobs || !json_object_is_type(jobs, json_type_array)) {
		*err = xstrdup(_("the top-level object needs a \"Jobs\" array"));
		json_object_put(root);
		return NULL;
	}
	if (convert_timestamps(root, &bad) < 0) {
		*err = bad;
		json_object_put(root);
		return NULL;
	}
	struct sim_fixtures *f = xcalloc(1, sizeof(*f));
	size_t n = json_object_array_length(jobs);
	f->root = root;
	f->jobs = xcalloc(n ? n : 1, sizeof(*f->jobs));
	for (size_t i = 0; i < n; i++) {
		struct sim_job *j = &f->jobs[i];
		char *e = load_job(j, json_object_array_get_idx(jobs, i));
		f->njobs = i + 1;
		if (!e && sim_fixtures_job(f, j->name) != j)
			e = xasprintf(_("duplicate JobName \"%s\""), j->name);
		if (e) {
			*err = xasprintf(_("job %zu: %s"), i + 1, e);
			free(e);
			sim_fixtures_free(f);
			return NULL;
		}
	}
	return f;
}

struct sim_fixtures *sim_fixtures_load(const char *path, char **err)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;

	if (!fp) {
		*err = xasprintf(_("cannot open %s: %s"), path, strerror(errno));
		return NULL;
	}
	bool failed = fileio_read_stream(fp, 0, &b) != 0;
	fclose(fp);
	if (failed) {
		*err = xasprintf(_("cannot read %s"), path);
		buf_free(&b);
		return NULL;
	}
	char *e = NULL;
	struct sim_fixtures *f = sim_fixtures_parse(buf_str(&b), b.len, &e);
	buf_free(&b);
	if (!f) {
		*err = xasprintf("%s: %s", path, e);
		free(e);
	}
	return f;
}

struct sim_fixtures *sim_fixtures_demo(char **err)
{
	return sim_fixtures_parse(sim_demo_jobs_json, strlen(sim_demo_jobs_json), err);
}

void sim_fixtures_free(struct sim_fixtures *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->njobs; i++) {
		free(f->jobs[i].recs);
		free(f->jobs[i].eps);
		free(f->jobs[i].describe_json);
	}
	free(f->jobs);
	json_object_put(f->root);
	free(f);
}

const struct sim_job *sim_fixtures_job(const struct sim_fixtures *f, const char *name)
{
	for (size_t i = 0; i < f->njobs; i++)
		if (f->jobs[i].name && strcmp(f->jobs[i].name, name) == 0)
			return &f->jobs[i];
	return NULL;
}

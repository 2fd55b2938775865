/* Application Auto Scaling operations (RegisterScalableTarget,
 * PutScalingPolicy, DescribeScalableTargets, DescribeScalingPolicies), kept
 * in memory for the life of the server behind one mutex. */
#include "config.h"
#include "sim/ops.h"
#include "sim/validate.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct aas_target {
	char *ns, *rid, *dim, *role, *arn;
	long long min, max;
	bool in_susp, out_susp, sched_susp;
	double created;
};

struct aas_policy {
	char *name, *ns, *rid, *dim, *type, *arn;
	json_object *config; /* {"TargetTrackingScalingPolicyConfiguration": {...}} etc. */
	json_object *alarms; /* array */
	double created;
};

struct sim_aas {
	pthread_mutex_t lock;
	struct aas_target *targets;
	size_t ntargets;
	struct aas_policy *policies;
	size_t npolicies;
};

struct sim_aas *sim_aas_new(void)
{
	struct sim_aas *a = xcalloc(1, sizeof(*a));

	pthread_mutex_init(&a->lock, NULL);
	return a;
}

void sim_aas_free(struct sim_aas *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->ntargets; i++) {
		struct aas_target *t = &a->targets[i];
		free(t->ns);
		free(t->rid);
		free(t->dim);
		free(t->role);
		free(t->arn);
	}
	for (size_t i = 0; i < a->npolicies; i++) {
		struct aas_policy *p = &a->policies[i];
		free(p->name);
		free(p->ns);
		free(p->rid);
		free(p->dim);
		free(p->type);
		free(p->arn);
		json_object_put(p->config);
		json_object_put(p->alarms);
	}
	free(a->targets);
	free(a->policies);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

static const char *const namespaces[] = {
	"ecs",         "elasticmapreduce", "ec2",        "appstream", "dynamodb",  "rds",
	"sagemaker",   "custom-resource",  "comprehend", "lambda",    "cassandra", "kafka",
	"elasticache", "neptune",          "workspaces", NULL
};
static const char *const dimensions[] = {
	"ecs:service:DesiredCount",
	"ec2:spot-fleet-request:TargetCapacity",
	"elasticmapreduce:instancegroup:InstanceCount",
	"appstream:fleet:DesiredCapacity",
	"dynamodb:table:ReadCapacityUnits",
	"dynamodb:table:WriteCapacityUnits",
	"dynamodb:index:ReadCapacityUnits",
	"dynamodb:index:WriteCapacityUnits",
	"rds:cluster:ReadReplicaCount",
	"sagemaker:variant:DesiredInstanceCount",
	"custom-resource:ResourceType:Property",
	"comprehend:document-classifier-endpoint:DesiredInferenceUnits",
	"comprehend:entity-recognizer-endpoint:DesiredInferenceUnits",
	"lambda:function:ProvisionedConcurrency",
	"cassandra:table:ReadCapacityUnits",
	"cassandra:table:WriteCapacityUnits",
	"kafka:broker-storage:VolumeSize",
	"elasticache:cache-cluster:Nodes",
	"elasticache:replication-group:NodeGroups",
	"elasticache:replication-group:Replicas",
	"neptune:cluster:ReadReplicaCount",
	"sagemaker:variant:DesiredProvisionedConcurrency",
	"sagemaker:inference-component:DesiredCopyCount",
	"workspaces:workspacespool:DesiredUserSessions",
	NULL
};
static const char *const metric_types[] = {
	"DynamoDBReadCapacityUtilization",
	"DynamoDBWriteCapacityUtilization",
	"ALBRequestCountPerTarget",
	"RDSReaderAverageCPUUtilization",
	"RDSReaderAverageDatabaseConnections",
	"EC2SpotFleetRequestAverageCPUUtilization",
	"EC2SpotFleetRequestAverageNetworkIn",
	"EC2SpotFleetRequestAverageNetworkOut",
	"SageMakerVariantInvocationsPerInstance",
	"ECSServiceAverageCPUUtilization",
	"ECSServiceAverageMemoryUtilization",
	"AppStreamAverageCapacityUtilization",
	"ComprehendInferenceUtilization",
	"LambdaProvisionedConcurrencyUtilization",
	"CassandraReadCapacityUtilization",
	"CassandraWriteCapacityUtilization",
	"KafkaBrokerStorageUtilization",
	"ElastiCacheEngineCPUUtilization",
	"ElastiCacheDatabaseMemoryUsagePercentage",
	"ElastiCachePrimaryEngineCPUUtilization",
	"ElastiCacheReplicaEngineCPUUtilization",
	"ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage",
	"NeptuneReaderAverageCPUUtilization",
	"SageMakerVariantProvisionedConcurrencyUtilization",
	"ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage",
	"SageMakerInferenceComponentInvocationsPerCopy",
	"WorkSpacesAverageUserSessionsCapacityUtilization",
	"SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
	"SageMakerVariantConcurrentRequestsPerModelHighResolution",
	NULL
};
static const char *const policy_types[] = { "StepScaling", "TargetTrackingScaling",
					    "PredictiveScaling", NULL };
static const char *const statistics[] = { "Average",     "Minimum", "Maximum",
					  "SampleCount", "Sum",     NULL };

/* The three members that name a scalable target, validated. */
struct aas_key {
	const char *ns, *rid, *dim;
	int has_ns, has_rid, has_dim;
};

static bool key_parse(json_object *req, struct aas_key *k, struct sim_verr *v, struct sim_reply *r,
		      bool need_rid)
{
	if ((k->has_ns = sim_get_string(req, "ServiceNamespace", &k->ns, r)) < 0 ||
	    (k->has_rid = sim_get_string(req, "ResourceId", &k->rid, r)) < 0 ||
	    (k->has_dim = sim_get_string(req, "ScalableDimension", &k->dim, r)) < 0)
		return false;
	sim_check_required(v, "serviceNamespace", k->has_ns);
	if (k->has_ns)
		sim_check_enum(v, "serviceNamespace", k->ns, namespaces);
	if (need_rid)
		sim_check_required(v, "resourceId", k->has_rid);
	if (k->has_rid)
		sim_check_length(v, "resourceId", k->rid, 1, 1600);
	if (need_rid)
		sim_check_required(v, "scalableDimension", k->has_dim);
	if (k->has_dim)
		sim_check_enum(v, "scalableDimension", k->dim, dimensions);
	return true;
}

/* endpoint/NAME/variant/NAME with SageMaker names. */
static bool sagemaker_resource_ok(const char *rid)
{
	char *copy = xstrdup(rid), *save = NULL;
	const char *parts[5] = { 0 };
	int n = 0;

	for (char *p = strtok_r(copy, "/", &save); p && n < 5; p = strtok_r(NULL, "/", &save))
		parts[n++] = p;
	bool ok = n == 4 && strcmp(parts[0], "endpoint") == 0 && strcmp(parts[2], "variant") == 0 &&
		  sim_name_pattern_ok(parts[1], 62) && sim_name_pattern_ok(parts[3], 62) &&
		  strlen(rid) == strlen(parts[1]) + strlen(parts[3]) + 18;
	free(copy);
	return ok;
}

/* The simulator plays SageMaker only; say so rather than pretend. */
static bool key_supported(const struct aas_key *k, struct sim_reply *r)
{
	if (strcmp(k->ns, "sagemaker") != 0) {
		sim_reply_error_key(
			r, 400, "ValidationException", "Message",
			"Unsupported service namespace, resource type or scalable dimension (the sagescale simulator serves the sagemaker namespace only)");
		return false;
	}
	if (strcmp(k->dim, "sagemaker:variant:DesiredInstanceCount") != 0 ||
	    !sagemaker_resource_ok(k->rid)) {
		sim_reply_error_key(
			r, 400, "ValidationException", "Message",
			"Unsupported service namespace, resource type or scalable dimension");
		return false;
	}
	return true;
}

static struct aas_target *find_target(struct sim_aas *a, const struct aas_key *k)
{
	for (size_t i = 0; i < a->ntargets; i++)
		if (strcmp(a->targets[i].ns, k->ns) == 0 &&
		    strcmp(a->targets[i].rid, k->rid) == 0 &&
		    strcmp(a->targets[i].dim, k->dim) == 0)
			return &a->targets[i];
	return NULL;
}

static char *random_hex(size_t n)
{
	char id[37];
	struct buf b = BUF_INIT;

	while (b.len < n) {
		sim_request_id(id);
		for (char *p = id; *p && b.len < n; p++)
			if (*p != '-')
				buf_putc(&b, *p);
	}
	return buf_steal(&b);
}

/* A copy of v that the reply can own. */
static json_object *deep_copy(json_object *v)
{
	json_object *copy = NULL;

	if (json_object_deep_copy(v, &copy, NULL) != 0)
		xfatal("out of memory");
	return copy;
}

static void error_msg(struct sim_reply *r, const char *code, char *msg)
{
	sim_reply_error_key(r, 400, code, "Message", msg);
	free(msg);
}

/* A new target for k, with its ARN and the service-linked role; called
 * with the lock held. */
static struct aas_target *target_add(const struct sim_ctx *ctx, const struct aas_key *k)
{
	struct sim_aas *a = ctx->aas;

	a->targets = xrealloc(a->targets, (a->ntargets + 1) * sizeof(*a->targets));
	struct aas_target *t = &a->targets[a->ntargets++];
	memset(t, 0, sizeof(*t));
	t->ns = xstrdup(k->ns);
	t->rid = xstrdup(k->rid);
	t->dim = xstrdup(k->dim);
	t->created = ctx->now;
	char *hex = random_hex(32);
	t->arn = xasprintf("arn:aws:application-autoscaling:%s:%s:scalable-target/%s", ctx->region,
			   SIM_ACCOUNT, hex);
	free(hex);
	t->role = xasprintf(
		"arn:aws:iam::%s:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
		SIM_ACCOUNT);
	return t;
}

void sim_op_register_target(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct aas_key k;
	struct sim_verr v = SIM_VERR_INIT;
	long long min = 0, max = 0;
	const char *role = NULL;
	json_object *susp = NULL, *tags = NULL;
	bool in_s = false, out_s = false, sched_s = false;
	int has_min, has_max, has_role, has_susp;

	if (!key_parse(req, &k, &v, r, true) ||
	    (has_min = sim_get_int(req, "MinCapacity", &min, r)) < 0 ||
	    (has_max = sim_get_int(req, "MaxCapacity", &max, r)) < 0 ||
	    (has_role = sim_get_string(req, "RoleARN", &role, r)) < 0 ||
	    (has_susp = sim_get_object(req, "SuspendedState", &susp, r)) < 0 ||
	    sim_get_object(req, "Tags", &tags, r) < 0 ||
	    (has_susp && (sim_get_bool(susp, "DynamicScalingInSuspended", &in_s, r) < 0 ||
			  sim_get_bool(susp, "DynamicScalingOutSuspended", &out_s, r) < 0 ||
			  sim_get_bool(susp, "ScheduledScalingSuspended", &sched_s, r) < 0))) {
		buf_free(&v.msgs);
		return;
	}
	if (has_role)
		sim_check_length(&v, "roleARN", role, 1, 1600);
	if (sim_verr_finish(&v, r) || !key_supported(&k, r))
		return;
	if ((has_min && min < 0) || (has_max && max < 0)) {
		sim_reply_error_key(r, 400, "ValidationException", "Message",
				    "Minimum and maximum capacity must not be negative");
		return;
	}

	pthread_mutex_lock(&ctx->aas->lock);
	struct aas_target *t = find_target(ctx->aas, &k);
	long long nmin = has_min ? min : t ? t->min : -1;
	long long nmax = has_max ? max : t ? t->max : -1;
	if (!t && (!has_min || !has_max)) {
		pthread_mutex_unlock(&ctx->aas->lock);
		sim_reply_error_key(
			r, 400, "ValidationException", "Message",
			"MinCapacity and MaxCapacity are required for registering a new scalable target");
		return;
	}
	if (nmin > nmax) {
		pthread_mutex_unlock(&ctx->aas->lock);
		error_msg(
			r, "ValidationException",
			xasprintf(
				"Minimum capacity (%lld) cannot be greater than maximum capacity (%lld)",
				nmin, nmax));
		return;
	}
	if (!t)
		t = target_add(ctx, &k);
	t->min = nmin;
	t->max = nmax;
	if (has_role) {
		free(t->role);
		t->role = xstrdup(role);
	}
	if (has_susp) {
		t->in_susp = in_s;
		t->out_susp = out_s;
		t->sched_susp = sched_s;
	}
	json_object *res = json_object_new_object();
	json_object_object_add(res, "ScalableTargetARN", json_object_new_string(t->arn));
	pthread_mutex_unlock(&ctx->aas->lock);
	sim_reply_json(r, res);
}

/* Copies the members of a TargetTrackingScalingPolicyConfiguration that the
 * model knows, checking their types; NULL with r set on error. */
static json_object *tt_config(json_object *c, struct sim_reply *r)
{
	double target = 0;
	json_object *pre = NULL, *cus = NULL, *out;
	const char *type = NULL, *label = NULL;
	long long in_cd = 0, out_cd = 0;
	bool disable = false;
	int has_target, has_pre, has_cus, has_type = 0, has_label = 0, has_in, has_out, has_dis;

	if ((has_target = sim_get_double(c, "TargetValue", &target, r)) < 0 ||
	    (has_pre = sim_get_object(c, "PredefinedMetricSpecification", &pre, r)) < 0 ||
	    (has_cus = sim_get_object(c, "CustomizedMetricSpecification", &cus, r)) < 0 ||
	    (has_in = sim_get_int(c, "ScaleInCooldown", &in_cd, r)) < 0 ||
	    (has_out = sim_get_int(c, "ScaleOutCooldown", &out_cd, r)) < 0 ||
	    (has_dis = sim_get_bool(c, "DisableScaleIn", &disable, r)) < 0 ||
	    (has_pre && ((has_type = sim_get_string(pre, "PredefinedMetricType", &type, r)) < 0 ||
			 (has_label = sim_get_string(pre, "ResourceLabel", &label, r)) < 0)))
		return NULL;

	struct sim_verr v = SIM_VERR_INIT;
	sim_check_required(&v, "targetTrackingScalingPolicyConfiguration.targetValue", has_target);
	if (has_pre) {
		sim_check_required(
			&v,
			"targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType",
			has_type);
		if (has_type)
			sim_check_enum(
				&v,
				"targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType",
				type, metric_types);
	}
	if (has_cus) {
		const char *stat = NULL;
		int has_stat = sim_get_string(cus, "Statistic", &stat, r);
		if (has_stat < 0) {
			buf_free(&v.msgs);
			return NULL;
		}
		if (has_stat)
			sim_check_enum(
				&v,
				"targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.statistic",
				stat, statistics);
	}
	if (sim_verr_finish(&v, r))
		return NULL;
	if (has_pre == has_cus) {
		sim_reply_error_key(
			r, 400, "ValidationException", "Message",
			"Exactly one of PredefinedMetricSpecification or CustomizedMetricSpecification must be specified");
		return NULL;
	}
	if ((has_in && in_cd < 0) || (has_out && out_cd < 0)) {
		sim_reply_error_key(r, 400, "ValidationException", "Message",
				    "Cooldown must not be negative");
		return NULL;
	}

	out = json_object_new_object();
	json_object_object_add(out, "TargetValue", json_object_new_double(target));
	if (has_pre) {
		json_object *p = json_object_new_object();
		json_object_object_add(p, "PredefinedMetricType", json_object_new_string(type));
		if (has_label)
			json_object_object_add(p, "ResourceLabel", json_object_new_string(label));
		json_object_object_add(out, "PredefinedMetricSpecification", p);
	} else {
		json_object_object_add(out, "CustomizedMetricSpecification", deep_copy(cus));
	}
	if (has_out)
		json_object_object_add(out, "ScaleOutCooldown", json_object_new_int64(out_cd));
	if (has_in)
		json_object_object_add(out, "ScaleInCooldown", json_object_new_int64(in_cd));
	if (has_dis)
		json_object_object_add(out, "DisableScaleIn", json_object_new_boolean(disable));
	return out;
}

static json_object *make_alarms(const struct sim_ctx *ctx, const char *rid, const char *uuid)
{
	json_object *arr = json_object_new_array();
	static const char *const kinds[] = { "AlarmHigh", "AlarmLow" };

	for (int i = 0; i < 2; i++) {
		json_object *a = json_object_new_object();
		char *name = xasprintf("TargetTracking-%s-%s-%s", rid, kinds[i], uuid);
		char *arn = xasprintf("arn:aws:cloudwatch:%s:%s:alarm:%s", ctx->region, SIM_ACCOUNT,
				      name);
		json_object_object_add(a, "AlarmName", json_object_new_string(name));
		json_object_object_add(a, "AlarmARN", json_object_new_string(arn));
		json_object_array_add(arr, a);
		free(name);
		free(arn);
	}
	return arr;
}

static void policy_store(const struct sim_ctx *ctx, const struct aas_key *k, const char *name,
			 const char *type, const char *config_key, json_object *config,
			 struct sim_reply *r)
{
	struct sim_aas *a = ctx->aas;
	struct aas_policy *p = NULL;
	char id[37];

	sim_request_id(id);
	/* Called with the lock held. */
	for (size_t i = 0; i < a->npolicies; i++)
		if (strcmp(a->policies[i].name, name) == 0 &&
		    strcmp(a->policies[i].ns, k->ns) == 0 &&
		    strcmp(a->policies[i].rid, k->rid) == 0 &&
		    strcmp(a->policies[i].dim, k->dim) == 0)
			p = &a->policies[i];
	if (!p) {
		a->policies = xrealloc(a->policies, (a->npolicies + 1) * sizeof(*a->policies));
		p = &a->policies[a->npolicies++];
		memset(p, 0, sizeof(*p));
		p->name = xstrdup(name);
		p->ns = xstrdup(k->ns);
		p->rid = xstrdup(k->rid);
		p->dim = xstrdup(k->dim);
		p->arn = xasprintf(
			"arn:aws:autoscaling:%s:%s:scalingPolicy:%s:resource/%s/%s:policyName/%s",
			ctx->region, SIM_ACCOUNT, id, k->ns, k->rid, name);
		p->created = ctx->now;
	} else {
		free(p->type);
		json_object_put(p->config);
		json_object_put(p->alarms);
	}
	p->type = xstrdup(type);
	p->config = json_object_new_object();
	json_object_object_add(p->config, config_key, config);
	p->alarms = strcmp(type, "TargetTrackingScaling") == 0 ? make_alarms(ctx, k->rid, id)
							       : json_object_new_array();

	json_object *res = json_object_new_object();
	json_object_object_add(res, "PolicyARN", json_object_new_string(p->arn));
	json_object_object_add(res, "Alarms", deep_copy(p->alarms));
	sim_reply_json(r, res);
}

void sim_op_put_policy(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct aas_key k;
	struct sim_verr v = SIM_VERR_INIT;
	const char *name = NULL, *type = "StepScaling";
	json_object *tt = NULL, *step = NULL, *pred = NULL, *config = NULL;
	int has_name, has_type, has_tt, has_step, has_pred;

	if (!key_parse(req, &k, &v, r, true) ||
	    (has_name = sim_get_string(req, "PolicyName", &name, r)) < 0 ||
	    (has_type = sim_get_string(req, "PolicyType", &type, r)) < 0 ||
	    (has_tt = sim_get_object(req, "TargetTrackingScalingPolicyConfiguration", &tt, r)) <
		    0 ||
	    (has_step = sim_get_object(req, "StepScalingPolicyConfiguration", &step, r)) < 0 ||
	    (has_pred = sim_get_object(req, "PredictiveScalingPolicyConfiguration", &pred, r)) <
		    0) {
		buf_free(&v.msgs);
		return;
	}
	if (!has_type)
		type = "StepScaling"; /* the service's default */
	sim_check_required(&v, "policyName", has_name);
	if (has_name)
		sim_check_length(&v, "policyName", name, 1, 256);
	sim_check_enum(&v, "policyType", type, policy_types);
	if (sim_verr_finish(&v, r) || !key_supported(&k, r))
		return;
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			sim_reply_error(
				r, 400, "ValidationException",
				"1 validation error detected: Value '%s' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{Print}+",
				name);
			return;
		}
	const char *config_key;
	if (strcmp(type, "TargetTrackingScaling") == 0) {
		if (!has_tt) {
			sim_reply_error_key(
				r, 400, "ValidationException", "Message",
				"TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy");
			return;
		}
		if (!(config = tt_config(tt, r)))
			return;
		config_key = "TargetTrackingScalingPolicyConfiguration";
	} else if (strcmp(type, "StepScaling") == 0) {
		if (!has_step) {
			sim_reply_error_key(
				r, 400, "ValidationException", "Message",
				"StepScalingPolicyConfiguration is required for a StepScaling policy");
			return;
		}
		config = deep_copy(step);
		config_key = "StepScalingPolicyConfiguration";
	} else {
		sim_reply_error_key(
			r, 400, "ValidationException", "Message",
			"PredictiveScaling is not supported for service namespace sagemaker");
		return;
	}

	pthread_mutex_lock(&ctx->aas->lock);
	if (!find_target(ctx->aas, &k)) {
		pthread_mutex_unlock(&ctx->aas->lock);
		json_object_put(config);
		error_msg(
			r, "ObjectNotFoundException",
			xasprintf(
				"No scalable target registered for service namespace: %s, resource ID: %s, scalable dimension: %s",
				k.ns, k.rid, k.dim));
		return;
	}
	policy_store(ctx, &k, name, type, config_key, config, r);
	pthread_mutex_unlock(&ctx->aas->lock);
}

/* Paging shared by the two Describe operations. */
struct page {
	size_t offset, max;
	unsigned long fp;
};

static bool page_parse(json_object *req, const char *canon, long long limit, struct page *pg,
		       struct sim_reply *r)
{
	long long max = limit;
	const char *token = NULL;
	int has_max, has_token;

	if ((has_max = sim_get_int(req, "MaxResults", &max, r)) < 0 ||
	    (has_token = sim_get_string(req, "NextToken", &token, r)) < 0)
		return false;
	if (has_max && (max < 1 || max > limit)) {
		error_msg(r, "ValidationException",
			  xasprintf("MaxResults must be between 1 and %lld", limit));
		return false;
	}
	pg->max = (size_t)max;
	pg->offset = 0;
	pg->fp = sim_fingerprint(canon);
	if (has_token && *token && !sim_token_decode(token, pg->fp, &pg->offset)) {
		sim_reply_error_key(r, 400, "InvalidNextTokenException", "Message",
				    "Invalid token");
		return false;
	}
	return true;
}

static void page_finish(json_object *res, const struct page *pg, size_t next, size_t total)
{
	if (next < total) {
		char *tok = sim_token_encode(next, pg->fp);
		json_object_object_add(res, "NextToken", json_object_new_string(tok));
		free(tok);
	}
}

static bool string_list(json_object *req, const char *key, const char *member, json_object **out,
			struct sim_reply *r)
{
	int has = sim_get_array(req, key, out, r);

	if (has < 0)
		return false;
	if (!has) {
		*out = NULL;
		return true;
	}
	if (json_object_array_length(*out) > 50) {
		error_msg(
			r, "ValidationException",
			xasprintf(
				"1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to 50",
				member));
		return false;
	}
	for (size_t i = 0; i < json_object_array_length(*out); i++)
		if (!json_object_is_type(json_object_array_get_idx(*out, i), json_type_string)) {
			sim_reply_coral(r, 400, "SerializationException",
					"Unexpected value type in payload");
			return false;
		}
	return true;
}

static bool in_list(json_object *list, const char *s)
{
	if (!list)
		return true;
	for (size_t i = 0; i < json_object_array_length(list); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(list, i)), s) == 0)
			return true;
	return false;
}

/* What the two Describe operations share: the key, the list of names that
 * filters the answer, paging, and the page being filled. */
struct describe {
	struct aas_key k;
	json_object *names; /* the request's, or NULL: no filter */
	struct page pg;
	json_object *arr;  /* this page's items */
	size_t seen, next; /* matches so far; where the next page starts */
};

/* Parses and validates; false with r set when the request is refused.
 * A NextToken is good only for the same question: key and names (a
 * ResourceId is a member of DescribeScalingPolicies only: with
 * rid_in_question). */
static bool describe_start(json_object *req, const char *names_key, const char *names_member,
			   long long limit, bool rid_in_question, struct describe *d,
			   struct sim_reply *r)
{
	struct sim_verr v = SIM_VERR_INIT;

	if (!key_parse(req, &d->k, &v, r, false) ||
	    !string_list(req, names_key, names_member, &d->names, r)) {
		buf_free(&v.msgs);
		return false;
	}
	if (sim_verr_finish(&v, r))
		return false;
	const struct aas_key *k = &d->k;
	const char *names = d->names ? json_object_to_json_string(d->names) : "-";
	char *canon = rid_in_question
			      ? xasprintf("%s|%s|%s|%s", k->ns, k->has_rid ? k->rid : "-",
					  k->has_dim ? k->dim : "-", names)
			      : xasprintf("%s|%s|%s", k->ns, k->has_dim ? k->dim : "-", names);
	bool ok = page_parse(req, canon, limit, &d->pg, r);

	free(canon);
	d->arr = ok ? json_object_new_array() : NULL;
	d->seen = d->next = 0;
	return ok;
}

/* Counts one more match; true when it belongs on this page. */
static bool describe_take(struct describe *d)
{
	if (d->seen++ < d->pg.offset || json_object_array_length(d->arr) >= d->pg.max)
		return false;
	d->next = d->seen;
	return true;
}

static void describe_reply(struct describe *d, const char *items_key, struct sim_reply *r)
{
	json_object *res = json_object_new_object();

	json_object_object_add(res, items_key, d->arr);
	page_finish(res, &d->pg, d->next, d->seen);
	sim_reply_json(r, res);
}

static json_object *target_json(const struct aas_target *t)
{
	json_object *o = json_object_new_object(), *s = json_object_new_object();

	json_object_object_add(o, "ServiceNamespace", json_object_new_string(t->ns));
	json_object_object_add(o, "ResourceId", json_object_new_string(t->rid));
	json_object_object_add(o, "ScalableDimension", json_object_new_string(t->dim));
	json_object_object_add(o, "MinCapacity", json_object_new_int64(t->min));
	json_object_object_add(o, "MaxCapacity", json_object_new_int64(t->max));
	json_object_object_add(o, "RoleARN", json_object_new_string(t->role));
	json_object_object_add(o, "CreationTime", json_object_new_double(t->created));
	json_object_object_add(s, "DynamicScalingInSuspended", json_object_new_boolean(t->in_susp));
	json_object_object_add(s, "DynamicScalingOutSuspended",
			       json_object_new_boolean(t->out_susp));
	json_object_object_add(s, "ScheduledScalingSuspended",
			       json_object_new_boolean(t->sched_susp));
	json_object_object_add(o, "SuspendedState", s);
	json_object_object_add(o, "ScalableTargetARN", json_object_new_string(t->arn));
	return o;
}

static json_object *policy_json(const struct aas_policy *p)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "PolicyARN", json_object_new_string(p->arn));
	json_object_object_add(o, "PolicyName", json_object_new_string(p->name));
	json_object_object_add(o, "ServiceNamespace", json_object_new_string(p->ns));
	json_object_object_add(o, "ResourceId", json_object_new_string(p->rid));
	json_object_object_add(o, "ScalableDimension", json_object_new_string(p->dim));
	json_object_object_add(o, "PolicyType", json_object_new_string(p->type));
	json_object_object_foreach(p->config, ck, cv) json_object_object_add(o, ck, deep_copy(cv));
	json_object_object_add(o, "Alarms", deep_copy(p->alarms));
	json_object_object_add(o, "CreationTime", json_object_new_double(p->created));
	return o;
}

void sim_op_describe_targets(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct describe d;

	if (!describe_start(req, "ResourceIds", "resourceIds", 50, false, &d, r))
		return;
	pthread_mutex_lock(&ctx->aas->lock);
	for (size_t i = 0; i < ctx->aas->ntargets; i++) {
		const struct aas_target *t = &ctx->aas->targets[i];
		if (strcmp(t->ns, d.k.ns) != 0 || (d.k.has_dim && strcmp(t->dim, d.k.dim) != 0) ||
		    !in_list(d.names, t->rid))
			continue;
		if (describe_take(&d))
			json_object_array_add(d.arr, target_json(t));
	}
	pthread_mutex_unlock(&ctx->aas->lock);
	describe_reply(&d, "ScalableTargets", r);
}

void sim_op_describe_policies(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct describe d;

	if (!describe_start(req, "PolicyNames", "policyNames", 10, true, &d, r))
		return;
	pthread_mutex_lock(&ctx->aas->lock);
	for (size_t i = 0; i < ctx->aas->npolicies; i++) {
		const struct aas_policy *p = &ctx->aas->policies[i];
		if (strcmp(p->ns, d.k.ns) != 0 || (d.k.has_dim && strcmp(p->dim, d.k.dim) != 0) ||
		    (d.k.has_rid && strcmp(p->rid, d.k.rid) != 0) || !in_list(d.names, p->name))
			continue;
		if (describe_take(&d))
			json_object_array_add(d.arr, policy_json(p));
	}
	pthread_mutex_unlock(&ctx->aas->lock);
	describe_reply(&d, "ScalingPolicies", r);
}

/* ---- DeregisterScalableTarget / DeleteScalingPolicy (undo) ---- */

static void target_free(struct aas_target *t)
{
	free(t->ns);
	free(t->rid);
	free(t->dim);
	free(t->role);
	free(t->arn);
}

static void policy_free(struct aas_policy *p)
{
	free(p->name);
	free(p->ns);
	free(p->rid);
	free(p->dim);
	free(p->type);
	free(p->arn);
	json_object_put(p->config);
	json_object_put(p->alarms);
}

static bool policy_of(const struct aas_policy *p, const struct aas_key *k)
{
	return strcmp(p->ns, k->ns) == 0 && strcmp(p->rid, k->rid) == 0 &&
	       strcmp(p->dim, k->dim) == 0;
}

/* Removes policy i (lock held). */
static void policy_remove(struct sim_aas *a, size_t i)
{
	policy_free(&a->policies[i]);
	memmove(&a->policies[i], &a->policies[i + 1],
		(a->npolicies - i - 1) * sizeof(*a->policies));
	a->npolicies--;
}

void sim_op_deregister_target(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct aas_key k;
	struct sim_verr v = SIM_VERR_INIT;

	if (!key_parse(req, &k, &v, r, true)) {
		buf_free(&v.msgs);
		return;
	}
	if (sim_verr_finish(&v, r) || !key_supported(&k, r))
		return;
	struct sim_aas *a = ctx->aas;

	pthread_mutex_lock(&a->lock);
	struct aas_target *t = find_target(a, &k);

	if (!t) {
		pthread_mutex_unlock(&a->lock);
		error_msg(
			r, "ObjectNotFoundException",
			xasprintf(
				"No scalable target found for service namespace: %s, resource ID: %s, scalable dimension: %s",
				k.ns, k.rid, k.dim));
		return;
	}
	/* The service deletes the target's policies with it. */
	for (size_t i = a->npolicies; i-- > 0;)
		if (policy_of(&a->policies[i], &k))
			policy_remove(a, i);
	size_t ti = (size_t)(t - a->targets);

	target_free(t);
	memmove(&a->targets[ti], &a->targets[ti + 1], (a->ntargets - ti - 1) * sizeof(*a->targets));
	a->ntargets--;
	pthread_mutex_unlock(&a->lock);
	sim_reply_json(r, json_object_new_object());
}

void sim_op_delete_policy(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r)
{
	struct aas_key k;
	struct sim_verr v = SIM_VERR_INIT;
	const char *name = NULL;
	int has_name;

	if (!key_parse(req, &k, &v, r, true) ||
	    (has_name = sim_get_string(req, "PolicyName", &name, r)) < 0) {
		buf_free(&v.msgs);
		return;
	}
	sim_check_required(&v, "policyName", has_name);
	if (has_name)
		sim_check_length(&v, "policyName", name, 1, 256);
	if (sim_verr_finish(&v, r) || !key_supported(&k, r))
		return;
	struct sim_aas *a = ctx->aas;

	pthread_mutex_lock(&a->lock);
	for (size_t i = 0; i < a->npolicies; i++)
		if (policy_of(&a->policies[i], &k) && strcmp(a->policies[i].name, name) == 0) {
			policy_remove(a, i);
			pthread_mutex_unlock(&a->lock);
			sim_reply_json(r, json_object_new_object());
			return;
		}
	pthread_mutex_unlock(&a->lock);
	error_msg(
		r, "ObjectNotFoundException",
		xasprintf(
			"No scaling policy found for service namespace: %s, resource ID: %s, scalable dimension: %s, policy name: %s",
			k.ns, k.rid, k.dim, name));
}

/* ---- the demo's scaling already in place ---- */

static void seed_policy(const struct sim_ctx *ctx, const struct aas_key *k, const char *name,
			const char *config_json)
{
	struct sim_reply r = { 0 };

	policy_store(ctx, k, name, "TargetTrackingScaling",
		     "TargetTrackingScalingPolicyConfiguration", json_tokener_parse(config_json),
		     &r);
	sim_reply_free(&r);
}

void sim_aas_seed_demo(struct sim_aas *a, const char *region, double now)
{
	struct sim_ctx ctx = { NULL, a, region, now };
	struct aas_key k = { "sagemaker",
			     "endpoint/fraud-prod/variant/AllTraffic",
			     "sagemaker:variant:DesiredInstanceCount",
			     1,
			     1,
			     1 };

	pthread_mutex_lock(&a->lock);
	struct aas_target *t = target_add(&ctx, &k);

	t->min = 2;
	t->max = 6;
	seed_policy(&ctx, &k, "fraud-invocations",
		    "{\"TargetValue\": 400.0, \"PredefinedMetricSpecification\": "
		    "{\"PredefinedMetricType\": \"SageMakerVariantInvocationsPerInstance\"}, "
		    "\"ScaleOutCooldown\": 120, \"ScaleInCooldown\": 600}");
	seed_policy(
		&ctx, &k, "fraud-cpu-high",
		"{\"TargetValue\": 75.0, \"CustomizedMetricSpecification\": "
		"{\"MetricName\": \"CPUUtilization\", \"Namespace\": \"/aws/sagemaker/Endpoints\", "
		"\"Dimensions\": [{\"Name\": \"EndpointName\", \"Value\": \"fraud-prod\"}, "
		"{\"Name\": \"VariantName\", \"Value\": \"AllTraffic\"}], \"Statistic\": \"Maximum\"}, "
		"\"ScaleOutCooldown\": 300, \"ScaleInCooldown\": 300}");
	pthread_mutex_unlock(&a->lock);
}

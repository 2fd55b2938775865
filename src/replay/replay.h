/* The replay model: what a target-tracking scaling configuration would have
 * done to a traffic series, minute by minute.  It is OUR approximation of
 * Application Auto Scaling's documented behaviour (README, "sagescale
 * replay", and data/README.data give each rule and its AWS page), not
 * AWS's code.  Plain data, no I/O, no allocation inside the loop. */
#ifndef SAGESCALE_REPLAY_REPLAY_H
#define SAGESCALE_REPLAY_REPLAY_H
#include <stdbool.h>
#include <stddef.h>

/* Target tracking's alarms, as AWS documents them: scale out after the
 * metric is above the target for 3 consecutive one-minute periods, scale
 * in after it is below 90% of the target for 15. */
#define REPLAY_OUT_MINUTES 3
#define REPLAY_IN_MINUTES 15
#define REPLAY_IN_FRACTION 0.9
#define REPLAY_MAX_POLICIES 4
/* New instances serve this many minutes after they are asked for. */
#define REPLAY_DEFAULT_WARMUP_MIN 5
#define REPLAY_MAX_WARMUP_MIN 60
#define REPLAY_MAX_CAPACITY 100000

enum replay_metric {
	REPLAY_METRIC_INVOCATIONS, /* SageMakerVariantInvocationsPerInstance */
	REPLAY_METRIC_CPU,         /* CPUUtilization(Normalized), % per core */
};

struct replay_policy {
	enum replay_metric metric;
	double target; /* TargetValue, > 0 */
};

struct replay_config {
	int min_capacity, max_capacity; /* 1 <= min <= max */
	int scale_in_cooldown_s, scale_out_cooldown_s;
	int warmup_min;       /* 0..REPLAY_MAX_WARMUP_MIN */
	int initial_capacity; /* 0: min_capacity */
	struct replay_policy policies[REPLAY_MAX_POLICIES];
	int npolicies; /* 1..REPLAY_MAX_POLICIES */
	/* The candidate's benchmark: MaxInvocations (per instance per minute)
	 * and the CpuUtilization measured at it (% per core; CPU is taken as
	 * linear in load below it). */
	double max_invocations, cpu_at_max;
	bool has_cost;
	double cost_per_hour; /* per instance */
};

/* Checks a configuration; -1 with *err (translated) when it cannot be
 * replayed. */
int replay_config_check(const struct replay_config *c, char **err);

/* Per-minute flags of the timeline. */
#define REPLAY_F_GAP 1  /* no data: not evaluated, not counted as traffic */
#define REPLAY_F_OVER 2 /* InvocationsPerInstance above MaxInvocations */
#define REPLAY_F_OUT 4  /* a scale-out was decided at the end of this minute */
#define REPLAY_F_IN 8   /* a scale-in was decided at the end of this minute */

struct replay_minute {
	double traffic; /* NAN in a gap */
	int capacity;   /* DesiredInstanceCount (warming instances included) */
	int in_service; /* instances serving this minute */
	double metric;  /* InvocationsPerInstance (NAN in a gap) */
	unsigned flags;
};

struct replay_result {
	size_t minutes, data_minutes, gap_minutes;
	double total_invocations;
	double instance_hours; /* DesiredInstanceCount summed over minutes / 60 */
	bool has_cost;
	double cost; /* instance_hours * cost_per_hour */
	int peak_instances;
	double mean_instances;
	int scale_out_events, scale_in_events;
	size_t overloaded_minutes;
	double overloaded_invocations; /* the traffic of those minutes */
	double mean_utilisation;       /* CPU % per core, mean over data minutes */
};

/* Replays n minutes of traffic (invocations per minute, NAN for no data)
 * through c.  timeline (n entries) may be NULL.  c must have passed
 * replay_config_check. */
void replay_run(const struct replay_config *c, const double *traffic, size_t n,
		struct replay_minute *timeline, struct replay_result *out);

struct scaling_response;
struct scaling_policy;

/* The configuration a recommendation describes: its capacities, cooldowns
 * and target-tracking policies, for a candidate whose benchmark is
 * max_invocations at cpu_at_max % (<= 0: unknown, taken as 100) and costs
 * cost_per_hour (< 0: unknown).  -1 with *err for a policy that cannot be
 * replayed (another metric, no target value). */
int replay_config_from_response(const struct scaling_response *r, double max_invocations,
				double cpu_at_max, double cost_per_hour, int warmup_min,
				struct replay_config *c, char **err);

#endif

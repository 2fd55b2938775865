/* The simulator's recommendation model: ours, not AWS's (AWS does not
 * publish its algorithm).  data/README.data explains and defends it. */
#ifndef SAGESCALE_SIM_MODEL_H
#define SAGESCALE_SIM_MODEL_H
#include <stdbool.h>

struct sim_model_input {
	long long max_invocations;  /* benchmarked peak, per minute per instance */
	double cpu_utilization;     /* percent per core at that peak; <= 0: unknown */
	long long model_latency;    /* benchmarked, echoed as Metric.ModelLatency */
	const char *instance_type;  /* NULL when unknown */
	int initial_count;          /* instances the benchmark ran on (>= 1) */
	int target;                 /* TargetCpuUtilizationPerCore, 1..100 */
	bool has_min, has_max;      /* ScalingPolicyObjective members given */
	long long min_ipm, max_ipm; /* invocations per minute, >= 0 */
};

struct sim_model_output {
	long long invocations_per_instance;
	long long model_latency;
	long long min_capacity, max_capacity;
	int scale_in_cooldown, scale_out_cooldown; /* seconds */
	double cpu_target;
};

void sim_model_recommend(const struct sim_model_input *in, struct sim_model_output *out);
/* GPU/Inferentia/Trainium families, slower to start and dearer to churn. */
bool sim_model_accelerated(const char *instance_type);

#endif

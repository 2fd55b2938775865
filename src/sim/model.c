/* The recommendation model (see model.h and data/README.data). */
#include "config.h"
#include "sim/model.h"

#include <math.h>
#include <string.h>

bool sim_model_accelerated(const char *t)
{
	static const char *const families[] = { "ml.g", "ml.p", "ml.inf", "ml.trn", "ml.dl", NULL };

	if (!t)
		return false;
	for (const char *const *f = families; *f; f++)
		if (strncmp(t, *f, strlen(*f)) == 0)
			return true;
	return false;
}

static long long ceil_div(long long a, long long b)
{
	return (a + b - 1) / b;
}

void sim_model_recommend(const struct sim_model_input *in, struct sim_model_output *o)
{
	/* CPU load grows about linearly with the invocation rate below the
	 * saturation point the benchmark found, so the rate that keeps one
	 * instance at the target is the peak scaled by target/measured.  Past
	 * the measured CPU the instance was already saturated: never promise
	 * more than the benchmarked peak. */
	double cpu = in->cpu_utilization > 0 ? in->cpu_utilization : 100.0;
	double ipi = floor((double)in->max_invocations * in->target / cpu);
	if (ipi > (double)in->max_invocations)
		ipi = (double)in->max_invocations;
	if (ipi < 1)
		ipi = 1;
	o->invocations_per_instance = (long long)ipi;
	o->model_latency = in->model_latency;

	long long ipi_ll = o->invocations_per_instance;
	o->min_capacity = in->has_min ? ceil_div(in->min_ipm, ipi_ll) : 1;
	if (o->min_capacity < 1)
		o->min_capacity = 1;
	/* Without a maximum objective, size for the load the benchmark pushed
	 * through all the instances it ran on. */
	long long max_ipm =
		in->has_max ? in->max_ipm
			    : in->max_invocations * (in->initial_count > 0 ? in->initial_count : 1);
	o->max_capacity = ceil_div(max_ipm, ipi_ll);
	if (o->max_capacity < o->min_capacity)
		o->max_capacity = o->min_capacity;

	/* Scale out quickly, scale in slowly (flapping costs more than an idle
	 * instance for a few minutes); accelerated instances take longer to
	 * provision and load their model, so both waits are longer. */
	bool acc = sim_model_accelerated(in->instance_type);
	o->scale_out_cooldown = acc ? 120 : 60;
	o->scale_in_cooldown = acc ? 600 : 300;
	o->cpu_target = in->target;
}

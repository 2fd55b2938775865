/* The replay model (see replay.h).  One pass over the minutes; per minute
 * a few multiplications per policy, so that 91 CPU targets x 3 candidates x
 * 30 days replay in well under a second (bench/replay.sh measures it). */
#include "config.h"
#include "replay/replay.h"
#include "sagemaker/scaling.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <math.h>
#include <string.h>

/* Warming instances wait in a ring indexed by the minute they serve from. */
#define RING 64 /* > REPLAY_MAX_WARMUP_MIN + 1, a power of two */

int replay_config_check(const struct replay_config *c, char **err)
{
	if (c->min_capacity < 1 || c->max_capacity < c->min_capacity ||
	    c->max_capacity > REPLAY_MAX_CAPACITY) {
		*err = xasprintf(_("capacity %d to %d cannot be replayed: it must be 1 <= "
				   "MinCapacity <= MaxCapacity <= %d"),
				 c->min_capacity, c->max_capacity, REPLAY_MAX_CAPACITY);
		return -1;
	}
	if (c->npolicies < 1 || c->npolicies > REPLAY_MAX_POLICIES) {
		*err = xasprintf(_("%d scaling policies cannot be replayed (1 to %d)"),
				 c->npolicies, REPLAY_MAX_POLICIES);
		return -1;
	}
	for (int i = 0; i < c->npolicies; i++)
		if (!(c->policies[i].target > 0) || !isfinite(c->policies[i].target)) {
			*err = xstrdup(_("a scaling policy's target value must be above 0"));
			return -1;
		}
	if (!(c->max_invocations > 0) || !(c->cpu_at_max > 0) || c->cpu_at_max > 100) {
		*err = xstrdup(_("the candidate's MaxInvocations must be above 0 and its "
				 "CpuUtilization from 0 to 100"));
		return -1;
	}
	if (c->warmup_min < 0 || c->warmup_min > REPLAY_MAX_WARMUP_MIN ||
	    c->scale_in_cooldown_s < 0 || c->scale_out_cooldown_s < 0 || c->initial_capacity < 0) {
		*err = xasprintf(_("warm-up must be 0 to %d minutes and cooldowns not negative"),
				 REPLAY_MAX_WARMUP_MIN);
		return -1;
	}
	return 0;
}

/* ceil(), forgiving the rounding of a product that is a whole number. */
static int ceil_count(double x)
{
	if (x > REPLAY_MAX_CAPACITY)
		return REPLAY_MAX_CAPACITY;
	int d = (int)x;
	return (double)d + 1e-9 < x ? d + 1 : d;
}

struct policy_state {
	double scale;       /* metric = traffic * scale / in_service (CPU: capped at 100) */
	double target, low; /* target and 90% of it */
	double per_target;  /* desired = traffic * per_target (uncapped metric) */
	bool cpu;
	int over, under; /* consecutive minutes above / below */
};

struct state {
	int cap, in_service;
	int ring[RING];       /* instances that start serving at minute t (t % RING) */
	size_t in_cool_until; /* scale-in allowed from this minute's decision */
	double cap_minutes, util_sum;
};

/* Scale-in removes warming instances first, newest first, then serving ones. */
static void remove_instances(struct state *s, size_t t, int warmup, int k)
{
	for (int w = warmup + 1; w >= 1 && k > 0; w--) {
		int *slot = &s->ring[(t + (size_t)w) % RING];
		int take = *slot < k ? *slot : k;
		*slot -= take;
		k -= take;
	}
	s->in_service -= k;
}

/* The capacity policy p asks for (only when one of its alarms is on). */
static int wanted(const struct policy_state *p, double traffic, double m, int in_service)
{
	return p->cpu && m >= 100 ? ceil_count(100.0 * in_service / p->target)
				  : ceil_count(traffic * p->per_target);
}

/* End of minute t: every policy's alarm has seen this minute; decide.
 * ipi is traffic / in service.  The capacities asked for are worked out
 * only for policies whose alarm is on: most minutes need none. */
static unsigned decide(const struct replay_config *c, struct policy_state *ps, struct state *s,
		       size_t t, double traffic, double ipi)
{
	int out = 0, in = 0;
	bool all_in = true;

	for (int i = 0; i < c->npolicies; i++) {
		struct policy_state *p = &ps[i];
		double m = ipi * p->scale;

		if (p->cpu && m > 100)
			m = 100;
		p->over = m > p->target ? p->over + 1 : 0;
		p->under = m < p->low ? p->under + 1 : 0;
		if (p->over >= REPLAY_OUT_MINUTES) {
			int want = wanted(p, traffic, m, s->in_service);
			if (want > out)
				out = want;
		}
		if (p->under < REPLAY_IN_MINUTES) {
			all_in = false;
		} else if (all_in) {
			int want = wanted(p, traffic, m, s->in_service);
			if (want > in)
				in = want;
		}
	}
	if (out == 0 && !all_in)
		return 0;
	if (out > c->max_capacity)
		out = c->max_capacity;
	/* During a scale-out cooldown the capacity already added counts as
	 * desired: only a larger capacity scales out again, as at any time. */
	if (out > s->cap) {
		s->ring[(t + 1 + (size_t)c->warmup_min) % RING] += out - s->cap;
		s->cap = out;
		s->in_cool_until = 0; /* a scale-out ends a scale-in cooldown */
		return REPLAY_F_OUT;
	}
	if (!all_in)
		return 0;
	if (in < c->min_capacity)
		in = c->min_capacity;
	if (in < s->cap && t >= s->in_cool_until) {
		remove_instances(s, t, c->warmup_min, s->cap - in);
		s->cap = in;
		s->in_cool_until = t + (size_t)((c->scale_in_cooldown_s + 59) / 60);
		return REPLAY_F_IN;
	}
	return 0;
}

static void init_policies(const struct replay_config *c, struct policy_state *ps)
{
	for (int i = 0; i < c->npolicies; i++) {
		const struct replay_policy *p = &c->policies[i];
		struct policy_state *q = &ps[i];

		memset(q, 0, sizeof(*q));
		q->cpu = p->metric == REPLAY_METRIC_CPU;
		q->scale = q->cpu ? c->cpu_at_max / c->max_invocations : 1.0;
		q->target = p->target;
		q->low = p->target * REPLAY_IN_FRACTION;
		q->per_target = q->scale / p->target;
	}
}

void replay_run(const struct replay_config *c, const double *traffic, size_t n,
		struct replay_minute *timeline, struct replay_result *out)
{
	struct policy_state ps[REPLAY_MAX_POLICIES];
	struct state s;
	double cpu_per_inv = c->cpu_at_max / c->max_invocations;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	init_policies(c, ps);
	s.cap = c->initial_capacity ? c->initial_capacity : c->min_capacity;
	if (s.cap < c->min_capacity)
		s.cap = c->min_capacity;
	if (s.cap > c->max_capacity)
		s.cap = c->max_capacity;
	s.in_service = s.cap;
	out->peak_instances = s.cap;
	for (size_t t = 0; t < n; t++) {
		int *ready = &s.ring[t % RING];
		double v = traffic[t];
		unsigned flags = 0;

		s.in_service += *ready;
		*ready = 0;
		s.cap_minutes += s.cap;
		if (s.cap > out->peak_instances)
			out->peak_instances = s.cap;
		if (timeline) {
			timeline[t].traffic = v;
			timeline[t].capacity = s.cap;
			timeline[t].in_service = s.in_service;
			timeline[t].metric = v / s.in_service;
		}
		if (isnan(v)) {
			/* No data: the alarms have nothing to evaluate, so their
			 * consecutive counts start again; nothing is invented. */
			out->gap_minutes++;
			for (int i = 0; i < c->npolicies; i++)
				ps[i].over = ps[i].under = 0;
			if (timeline)
				timeline[t].flags = REPLAY_F_GAP;
			continue;
		}
		out->total_invocations += v;
		if (v > c->max_invocations * s.in_service) {
			flags |= REPLAY_F_OVER;
			out->overloaded_minutes++;
			out->overloaded_invocations += v;
		}
		double ipi = v / s.in_service, util = ipi * cpu_per_inv;
		s.util_sum += util < 100 ? util : 100;
		flags |= decide(c, ps, &s, t, v, ipi);
		out->scale_out_events += (flags & REPLAY_F_OUT) != 0;
		out->scale_in_events += (flags & REPLAY_F_IN) != 0;
		if (timeline)
			timeline[t].flags = flags;
	}
	out->minutes = n;
	out->data_minutes = n - out->gap_minutes;
	out->instance_hours = s.cap_minutes / 60.0;
	out->has_cost = c->has_cost;
	out->cost = c->has_cost ? out->instance_hours * c->cost_per_hour : 0;
	out->mean_instances = n ? s.cap_minutes / (double)n : 0;
	out->mean_utilisation = out->data_minutes ? s.util_sum / (double)out->data_minutes : 0;
}

/* ---- from a recommendation ---- */

static int policy_from(const struct scaling_policy *p, struct replay_policy *out, char **err)
{
	const struct scaling_metric_spec *m = &p->metric;

	if (p->kind != POLICY_TARGET_TRACKING || !p->has_metric || !p->has_target_value) {
		*err = xstrdup(_("a scaling policy is not target tracking with a metric and a "
				 "target value"));
		return -1;
	}
	out->target = p->target_value;
	if (m->kind == METRIC_PREDEFINED && m->predefined_type &&
	    strcmp(m->predefined_type, "SageMakerVariantInvocationsPerInstance") == 0) {
		out->metric = REPLAY_METRIC_INVOCATIONS;
		return 0;
	}
	if (m->kind == METRIC_CUSTOMIZED && m->metric_name &&
	    (strcmp(m->metric_name, "CPUUtilization") == 0 ||
	     strcmp(m->metric_name, "CPUUtilizationNormalized") == 0)) {
		out->metric = REPLAY_METRIC_CPU;
		return 0;
	}
	*err = xstrdup(_("a scaling policy tracks a metric the replay does not model "
			 "(only invocations per instance and CPU utilisation)"));
	return -1;
}

int replay_config_from_response(const struct scaling_response *r, double max_invocations,
				double cpu_at_max, double cost_per_hour, int warmup_min,
				struct replay_config *c, char **err)
{
	memset(c, 0, sizeof(*c));
	if (!r->has_dynamic || !r->min_capacity.set || !r->max_capacity.set) {
		*err = xstrdup(_("the recommendation has no MinCapacity and MaxCapacity"));
		return -1;
	}
	c->min_capacity = (int)(r->min_capacity.v < 1                     ? 1
				: r->min_capacity.v > REPLAY_MAX_CAPACITY ? REPLAY_MAX_CAPACITY + 1
									  : r->min_capacity.v);
	c->max_capacity = (int)(r->max_capacity.v > REPLAY_MAX_CAPACITY ? REPLAY_MAX_CAPACITY + 1
				: r->max_capacity.v < 0                 ? 0
									: r->max_capacity.v);
	c->scale_in_cooldown_s = r->scale_in_cooldown.set ? (int)r->scale_in_cooldown.v : 0;
	c->scale_out_cooldown_s = r->scale_out_cooldown.set ? (int)r->scale_out_cooldown.v : 0;
	c->warmup_min = warmup_min;
	c->max_invocations = max_invocations;
	c->cpu_at_max = cpu_at_max > 0 ? cpu_at_max : 100;
	c->has_cost = cost_per_hour >= 0;
	c->cost_per_hour = cost_per_hour >= 0 ? cost_per_hour : 0;
	if (r->npolicies > REPLAY_MAX_POLICIES) {
		*err = xasprintf(_("%d scaling policies cannot be replayed (1 to %d)"),
				 (int)r->npolicies, REPLAY_MAX_POLICIES);
		return -1;
	}
	for (size_t i = 0; i < r->npolicies; i++)
		if (policy_from(&r->policies[i], &c->policies[c->npolicies++], err) < 0)
			return -1;
	return replay_config_check(c, err);
}

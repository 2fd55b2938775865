/* bench/replay: the replay model's cost, without the network.
 *   bench/replay model [DAYS]  30 days (43,200 minutes) x 91 CPU targets
 *       (10-100) x 3 candidates (fraud-lightgbm-default's benchmarks), the
 *       configurations as the simulator's model recommends them: prints
 *       the time per simulated minute per configuration.  Under callgrind
 *       with --toggle-collect=replay_run, Ir / (minutes x configurations)
 *       is the instructions per simulated minute (bench/replay.sh).
 *   bench/replay draw          what the Replay view does after a what-if
 *       answer: a week replayed with its timeline and the chart rendered,
 *       at 80x24 and 200x60; prints the median time of 50. */
#include "config.h"
#include "replay/replay.h"
#include "replay/replay_chart.h"
#include "replay/traffic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static const struct {
	double max_inv, cpu, cost;
} cands[3] = { { 3100, 70.5, 0.102 }, { 2900, 73.1, 0.115 }, { 3350, 68.9, 0.0918 } };

/* The simulator's model (data/README.data): objective 500 to 20,000. */
static void config_for(int k, int cpu, struct replay_config *c)
{
	double ipi = floor(cands[k].max_inv * cpu / cands[k].cpu);

	if (ipi > cands[k].max_inv)
		ipi = cands[k].max_inv;
	memset(c, 0, sizeof(*c));
	c->min_capacity = (int)ceil(500 / ipi);
	c->max_capacity = (int)ceil(20000 / ipi);
	c->scale_in_cooldown_s = 300;
	c->scale_out_cooldown_s = 60;
	c->warmup_min = REPLAY_DEFAULT_WARMUP_MIN;
	c->npolicies = 2;
	c->policies[0] = (struct replay_policy){ REPLAY_METRIC_INVOCATIONS, ipi };
	c->policies[1] = (struct replay_policy){ REPLAY_METRIC_CPU, cpu };
	c->max_invocations = cands[k].max_inv;
	c->cpu_at_max = cands[k].cpu;
	c->has_cost = true;
	c->cost_per_hour = cands[k].cost;
}

static void series(long long days, struct traffic *t)
{
	struct traffic_synth s;
	char *err = NULL;

	traffic_synth_parse("diurnal", &s, &err);
	traffic_synth_make(&s, 500, 20000, 1793577600LL, days * 1440, 1, t);
}

static int model(long long days, int reps)
{
	struct traffic t;
	double sink = 0, t0, t1;
	size_t configs = 0;

	series(days, &t);
	/* The best of reps: the machine is shared. */
	double best = -1;
	for (int rep = 0; rep < reps; rep++) {
		configs = 0;
		t0 = now_ms();
		for (int k = 0; k < 3; k++)
			for (int cpu = 10; cpu <= 100; cpu++) {
				struct replay_config c;
				struct replay_result r;
				config_for(k, cpu, &c);
				replay_run(&c, t.v, t.n, NULL, &r);
				sink += r.cost;
				configs++;
			}
		t1 = now_ms();
		if (best < 0 || t1 - t0 < best)
			best = t1 - t0;
	}
	t0 = 0;
	t1 = best;
	printf("model: %zu minutes x %zu configurations in %.1f ms: %.2f ns per simulated minute "
	       "per configuration (checksum %.2f)\n",
	       t.n, configs, t1 - t0, (t1 - t0) * 1e6 / ((double)t.n * (double)configs), sink);
	traffic_free(&t);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int draw(void)
{
	static const int sizes[2][2] = { { 76, 14 }, { 196, 50 } }; /* the dialog's chart area */
	struct traffic t;
	struct replay_config c;
	struct replay_result r;

	series(7, &t);
	config_for(0, 60, &c);
	struct replay_minute *tl = calloc(t.n, sizeof(*tl));
	for (int s = 0; s < 2; s++) {
		double ms[50];
		for (int i = 0; i < 50; i++) {
			struct rchart ch;
			double t0 = now_ms();
			replay_run(&c, t.v, t.n, tl, &r);
			replay_chart_render(tl, t.n, t.start, sizes[s][0], sizes[s][1], false, &ch);
			ms[i] = now_ms() - t0;
			replay_chart_free(&ch);
		}
		qsort(ms, 50, sizeof(double), cmp);
		printf("draw: a week replayed and charted in %dx%d cells: median %.3f ms, max %.3f ms\n",
		       sizes[s][0], sizes[s][1], ms[25], ms[49]);
	}
	free(tl);
	traffic_free(&t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "model") == 0)
		return model(argc >= 3 ? atoll(argv[2]) : 30, argc >= 4 ? atoi(argv[3]) : 1);
	if (argc >= 2 && strcmp(argv[1], "draw") == 0)
		return draw();
	fprintf(stderr, "usage: bench/replay model [DAYS] | draw\n");
	return 2;
}

/* A set of replays: the candidates (a job's recommendations, or the one
 * asked for) times the CPU targets of a sweep, each row the recommendation
 * at that target replayed over one traffic series; and the ranking of the
 * candidates by the cheapest row without overloaded minutes.  Shared by
 * `sagescale replay` and the TUI's Replay view; curses-free. */
#ifndef SAGESCALE_REPLAY_REPLAY_SET_H
#define SAGESCALE_REPLAY_REPLAY_SET_H
#include <stdbool.h>
#include <stddef.h>
#include "replay/replay.h"
#include "whatif/sweep.h"

struct jobs_detail;
struct traffic;

struct replay_candidate {
	char *recommendation_id; /* NULL for an endpoint */
	char *endpoint_name;     /* the benchmarked endpoint, for an endpoint candidate */
	char *instance_type;     /* NULL when unknown */
	double max_invocations;  /* the benchmark's MaxInvocations */
	double cpu_at_max;       /* its CpuUtilization; <= 0 unknown */
	double cost_per_hour;    /* < 0: unknown */
};

struct replay_row {
	size_t candidate;
	int cpu;
	bool ok;               /* the recommendation came and was replayed */
	char *error;           /* when !ok: why (sanitised, one line) */
	struct whatif_run run; /* the recommendation (or its error) */
	struct replay_config cfg;
	struct replay_result res;
};

struct replay_set {
	struct replay_candidate *cands;
	size_t ncands;
	struct replay_row *rows; /* candidate-major, then CPU order */
	size_t nrows;
	int warmup_min;
};

/* The candidates of a job: with all, every recommendation of d; else the
 * one recommendation_id names, or the endpoint endpoint_name names (its
 * EndpointPerformances entry: no cost, no CPU figure).  -1 with *err. */
int replay_set_candidates(struct replay_set *rs, const struct jobs_detail *d,
			  const char *recommendation_id, const char *endpoint_name, bool all,
			  char **err);
/* Adds the rows of candidate cand from a finished sweep's points, each
 * replayed over t. */
void replay_set_add(struct replay_set *rs, size_t cand, const struct sweep_point *pts, size_t n,
		    const struct traffic *t);
/* Replays row i again over t into timeline (t->n entries). */
void replay_set_timeline(const struct replay_set *rs, size_t i, const struct traffic *t,
			 struct replay_minute *timeline);

/* The row of candidate cand that qualifies (replayed, no overloaded
 * minute) at the lowest cost (instance-hours when the cost is unknown);
 * ties go to the higher CPU target.  -1 when none qualifies. */
long replay_set_best(const struct replay_set *rs, size_t cand);
/* Candidates in rank order into order[ncands]: the qualifying ones by
 * their best row's cost, then the others (in job order).  Returns how
 * many qualify. */
size_t replay_set_rank(const struct replay_set *rs, size_t *order);
/* Among every row: the cheapest qualifying one, or -1. */
long replay_set_cheapest(const struct replay_set *rs);
/* "ml.c5.large" or the recommendation id or the endpoint name. */
const char *replay_candidate_label(const struct replay_candidate *c);
void replay_set_free(struct replay_set *rs);

#endif

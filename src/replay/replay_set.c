/* Replay sets (see replay_set.h): candidates from a described job, rows
 * from a sweep's answers, and the ranking. */
#include "config.h"
#include "replay/replay_set.h"
#include "sagemaker/jobs.h"
#include "sagemaker/scaling.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"
#include "replay/traffic.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void add_rec(struct replay_set *rs, const struct jobs_recommendation *r)
{
	struct replay_candidate *c = &rs->cands[rs->ncands++];

	c->recommendation_id = dup_or_null(r->recommendation_id);
	c->instance_type = dup_or_null(r->instance_type);
	c->max_invocations = r->has_max_invocations ? (double)r->max_invocations : 0;
	c->cpu_at_max = r->cpu_utilization.set ? r->cpu_utilization.v : 0;
	c->cost_per_hour = r->cost_per_hour.set ? r->cost_per_hour.v : -1;
}

int replay_set_candidates(struct replay_set *rs, const struct jobs_detail *d,
			  const char *recommendation_id, const char *endpoint_name, bool all,
			  char **err)
{
	rs->cands = xcalloc(d->nrecs + 1, sizeof(*rs->cands));
	if (all) {
		for (size_t i = 0; i < d->nrecs; i++)
			add_rec(rs, &d->recs[i]);
		if (rs->ncands == 0) {
			*err = xstrdup(_("the job has no recommendations to compare"));
			return -1;
		}
		return 0;
	}
	if (recommendation_id) {
		const struct jobs_recommendation *r = jobs_detail_find(d, recommendation_id);
		if (!r) {
			char *s = sanitize_str(recommendation_id);
			*err = xasprintf(_("the job has no recommendation %s"), s);
			free(s);
			return -1;
		}
		add_rec(rs, r);
		return 0;
	}
	for (size_t i = 0; endpoint_name && i < d->nendpoints; i++) {
		const struct jobs_endpoint *e = &d->endpoints[i];
		if (!e->endpoint_name || strcmp(e->endpoint_name, endpoint_name) != 0)
			continue;
		struct replay_candidate *c = &rs->cands[rs->ncands++];
		c->endpoint_name = xstrdup(endpoint_name);
		c->max_invocations = e->has_max_invocations ? (double)e->max_invocations : 0;
		c->cost_per_hour = -1;
		return 0;
	}
	char *s = sanitize_str(endpoint_name ? endpoint_name : "");
	*err = xasprintf(_("the job has no benchmark of the endpoint %s"), s);
	free(s);
	return -1;
}

static void row_error(struct replay_row *row, char *msg)
{
	row->ok = false;
	row->error = sanitize_str(msg);
	free(msg);
}

void replay_set_add(struct replay_set *rs, size_t cand, const struct sweep_point *pts, size_t n,
		    const struct traffic *t)
{
	const struct replay_candidate *c = &rs->cands[cand];

	rs->rows = xrealloc(rs->rows, (rs->nrows + n) * sizeof(*rs->rows));
	for (size_t i = 0; i < n; i++) {
		struct replay_row *row = &rs->rows[rs->nrows++];
		struct scaling_response resp;
		char *err = NULL;

		memset(row, 0, sizeof(*row));
		row->candidate = cand;
		row->cpu = pts[i].cpu;
		whatif_run_copy(&row->run, &pts[i].run);
		if (!row->run.ok) {
			const struct whatif_run *r = &row->run;
			row_error(row, r->error_code
					       ? xasprintf("%s: %s", r->error_code,
							   r->error_message ? r->error_message : "")
					       : xstrdup(r->error_message ? r->error_message
									  : _("failed")));
			continue;
		}
		const char *body = row->run.response_json ? row->run.response_json : "";
		if (scaling_response_parse(body, strlen(body), &resp, &err) < 0) {
			row_error(row, err);
			continue;
		}
		if (replay_config_from_response(&resp, c->max_invocations, c->cpu_at_max,
						c->cost_per_hour, rs->warmup_min, &row->cfg,
						&err) < 0) {
			row_error(row, err);
		} else {
			row->ok = true;
			replay_run(&row->cfg, t->v, t->n, NULL, &row->res);
		}
		scaling_response_free(&resp);
	}
}

void replay_set_timeline(const struct replay_set *rs, size_t i, const struct traffic *t,
			 struct replay_minute *timeline)
{
	struct replay_result r;

	replay_run(&rs->rows[i].cfg, t->v, t->n, timeline, &r);
}

static double price(const struct replay_row *r)
{
	return r->res.has_cost ? r->res.cost : r->res.instance_hours;
}

static bool qualifies(const struct replay_row *r)
{
	return r->ok && r->res.overloaded_minutes == 0;
}

/* a better than b: cheaper, or as cheap at a higher CPU target. */
static bool better(const struct replay_row *a, const struct replay_row *b)
{
	return price(a) < price(b) || (price(a) == price(b) && a->cpu > b->cpu);
}

long replay_set_best(const struct replay_set *rs, size_t cand)
{
	long best = -1;

	for (size_t i = 0; i < rs->nrows; i++) {
		const struct replay_row *r = &rs->rows[i];
		if (r->candidate == cand && qualifies(r) &&
		    (best < 0 || better(r, &rs->rows[best])))
			best = (long)i;
	}
	return best;
}

long replay_set_cheapest(const struct replay_set *rs)
{
	long best = -1;

	for (size_t i = 0; i < rs->nrows; i++)
		if (qualifies(&rs->rows[i]) && (best < 0 || better(&rs->rows[i], &rs->rows[best])))
			best = (long)i;
	return best;
}

size_t replay_set_rank(const struct replay_set *rs, size_t *order)
{
	size_t nq = 0, k = 0;
	long *best = xcalloc(rs->ncands + 1, sizeof(long));

	for (size_t c = 0; c < rs->ncands; c++)
		if ((best[c] = replay_set_best(rs, c)) >= 0)
			order[nq++] = c;
	/* Few candidates: insertion sort keeps equal ones in job order. */
	for (size_t i = 1; i < nq; i++)
		for (size_t j = i;
		     j > 0 && better(&rs->rows[best[order[j]]], &rs->rows[best[order[j - 1]]]);
		     j--) {
			size_t tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	k = nq;
	for (size_t c = 0; c < rs->ncands; c++)
		if (best[c] < 0)
			order[k++] = c;
	free(best);
	return nq;
}

const char *replay_candidate_label(const struct replay_candidate *c)
{
	if (c->instance_type)
		return c->instance_type;
	if (c->recommendation_id)
		return c->recommendation_id;
	return c->endpoint_name ? c->endpoint_name : "-";
}

void replay_set_free(struct replay_set *rs)
{
	for (size_t i = 0; i < rs->ncands; i++) {
		free(rs->cands[i].recommendation_id);
		free(rs->cands[i].endpoint_name);
		free(rs->cands[i].instance_type);
	}
	for (size_t i = 0; i < rs->nrows; i++) {
		free(rs->rows[i].error);
		whatif_run_free(&rs->rows[i].run);
	}
	free(rs->cands);
	free(rs->rows);
	memset(rs, 0, sizeof(*rs));
}

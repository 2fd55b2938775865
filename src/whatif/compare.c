/* Field-by-field comparison of two runs.  The run's time, id and round trip
 * are shown by the views as headings; they differ between any two runs and
 * would bury the changes that matter, so they are not rows here. */
#include "config.h"
#include "whatif/compare.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void add(struct compare *c, const char *label, char *l, char *r)
{
	struct compare_row *row;

	c->rows = xrealloc(c->rows, (c->n + 1) * sizeof(*c->rows));
	row = &c->rows[c->n++];
	row->label = xstrdup(label);
	row->left = sanitize_str(l);
	row->right = sanitize_str(r);
	row->changed = strcmp(row->left, row->right) != 0;
	if (row->changed)
		c->nchanged++;
	free(l);
	free(r);
}

static char *str(const char *s)
{
	return xstrdup(s ? s : "");
}

static char *num(struct opt_int v)
{
	return v.set ? xasprintf("%lld", v.v) : xstrdup("");
}

static void add_int(struct compare *c, const char *label, struct opt_int a, struct opt_int b)
{
	add(c, label, num(a), num(b));
}

static char *status(const struct whatif_run *r)
{
	if (r->ok)
		return xstrdup(_("ok"));
	return xstrdup(r->error_code ? r->error_code : r->error_kind ? r->error_kind : _("error"));
}

void compare_runs(const struct whatif_run *a, const struct whatif_run *b, struct compare *out)
{
	memset(out, 0, sizeof(*out));
	add(out, "InferenceRecommendationsJobName", str(a->req.job_name), str(b->req.job_name));
	add(out, "RecommendationId", str(a->req.recommendation_id), str(b->req.recommendation_id));
	add(out, "EndpointName", str(a->req.endpoint_name), str(b->req.endpoint_name));
	add_int(out, "TargetCpuUtilizationPerCore", a->req.cpu, b->req.cpu);
	add_int(out, "MinInvocationsPerMinute", a->req.min_invocations, b->req.min_invocations);
	add_int(out, "MaxInvocationsPerMinute", a->req.max_invocations, b->req.max_invocations);
	add(out, _("Status"), status(a), status(b));
	add_int(out, "InvocationsPerInstance", a->invocations_per_instance,
		b->invocations_per_instance);
	add_int(out, "ModelLatency", a->model_latency, b->model_latency);
	add_int(out, "MinCapacity", a->min_capacity, b->min_capacity);
	add_int(out, "MaxCapacity", a->max_capacity, b->max_capacity);
	add_int(out, "ScaleInCooldown", a->scale_in_cooldown, b->scale_in_cooldown);
	add_int(out, "ScaleOutCooldown", a->scale_out_cooldown, b->scale_out_cooldown);
	size_t np = a->npolicies > b->npolicies ? a->npolicies : b->npolicies;
	for (size_t i = 0; i < np; i++) {
		char *label = xasprintf(_("Policy %zu"), i + 1);
		add(out, label, str(i < a->npolicies ? a->policies[i] : NULL),
		    str(i < b->npolicies ? b->policies[i] : NULL));
		free(label);
	}
	if (!a->ok || !b->ok)
		add(out, _("Error"), str(a->ok ? NULL : a->error_message),
		    str(b->ok ? NULL : b->error_message));
}

void compare_free(struct compare *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->rows[i].label);
		free(c->rows[i].left);
		free(c->rows[i].right);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

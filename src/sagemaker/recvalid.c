/* A recommendation checked against Application Auto Scaling's ranges
 * before it is applied or exported (see recvalid.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sagemaker/recvalid.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void problem(struct buf *b, char *msg)
{
	if (b->len)
		buf_puts(b, " ");
	buf_puts(b, msg);
	free(msg);
}

static void check_count(struct buf *b, const char *field, struct opt_int v)
{
	if (v.set && (v.v < 0 || v.v > RECVALID_MAX_INT))
		problem(b, xasprintf(_("%s is %lld: it must be a whole number from 0 to %lld."),
				     field, v.v, RECVALID_MAX_INT));
}

/* Only policies that would be applied: the kinds this program cannot
 * translate are left out of a plan (and said so), not refused. */
static void check_policy(struct buf *b, size_t i, const struct scaling_policy *p)
{
	if (p->kind != POLICY_TARGET_TRACKING || !p->has_metric || p->metric.kind == METRIC_UNKNOWN)
		return;
	if (!p->has_target_value)
		return;
	double t = p->target_value;

	if (!isfinite(t) || t <= 0 || t > ldexp(1.0, 360))
		problem(b, xasprintf(_("Scaling policy %zu: its TargetValue must be a finite "
				       "number greater than 0."),
				     i + 1));
	const struct scaling_metric_spec *m = &p->metric;

	if (m->kind == METRIC_PREDEFINED && (!m->predefined_type || !*m->predefined_type))
		problem(b, xasprintf(_("Scaling policy %zu: its predefined metric has no type."),
				     i + 1));
	if (m->kind == METRIC_CUSTOMIZED &&
	    (!m->metric_name || !*m->metric_name || !m->namespace_ || !*m->namespace_))
		problem(b, xasprintf(_("Scaling policy %zu: its customized metric needs a "
				       "name and a namespace."),
				     i + 1));
}

int recvalid_check(const struct scaling_response *resp, char **err)
{
	struct buf b = BUF_INIT;

	check_count(&b, "MinCapacity", resp->min_capacity);
	check_count(&b, "MaxCapacity", resp->max_capacity);
	if (resp->min_capacity.set && resp->max_capacity.set &&
	    resp->min_capacity.v > resp->max_capacity.v)
		problem(&b, xasprintf(_("MinCapacity (%lld) is greater than MaxCapacity (%lld)."),
				      resp->min_capacity.v, resp->max_capacity.v));
	check_count(&b, "ScaleInCooldown", resp->scale_in_cooldown);
	check_count(&b, "ScaleOutCooldown", resp->scale_out_cooldown);
	for (size_t i = 0; i < resp->npolicies; i++)
		check_policy(&b, i, &resp->policies[i]);
	if (!b.len)
		return 0;
	char *what = buf_steal(&b);

	*err = xasprintf(_("The recommendation is not valid for Application Auto Scaling, so it "
			   "is neither applied nor exported: %s"),
			 what);
	free(what);
	return -1;
}

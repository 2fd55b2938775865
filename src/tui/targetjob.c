/* The endpoint picker's and the apply dialog's worker jobs (targetjob.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sagemaker/cloudwatch.h"
#include "sagemaker/undo.h"
#include "tui/targetjob.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static char *error_line(const char *op, const struct aws_result *res)
{
	return xasprintf("%s: %s%s%s", op, res->error_code ? res->error_code : "",
			 res->error_code ? ": " : "", res->error_message ? res->error_message : "");
}

static void run_prepare(struct target_job *j, struct aws_client *c)
{
	struct aws_result r2;

	j->rc = endpoints_describe(c, j->endpoint, &j->base.cancel, &j->detail, &j->op, &j->res);
	if (j->rc != 0)
		return;
	j->have_detail = true;
	aws_result_free(&j->res);
	j->rc = scalestate_read(c, j->plan.resource_id, &j->base.cancel, &j->now, &j->op, &j->res);
	if (j->rc != 0)
		return;
	j->have_now = true;
	if (cloudwatch_check_plan(c, &j->plan, &j->base.cancel, &j->missing, &j->nmissing, &r2) !=
	    0)
		j->metrics_unchecked = true;
	aws_result_free(&r2);
}

static void run_write(struct target_job *j, struct aws_client *c)
{
	struct buf b = BUF_INIT, after = BUF_INIT;
	struct scalestate before, now, want;
	char *path = NULL, *err = NULL;

	j->rc = -1;
	j->failed = 0;
	if (scalestate_read(c, j->plan.resource_id, &j->base.cancel, &before, &j->op, &j->res) !=
	    0) {
		char *e = error_line(j->op, &j->res);

		buf_printf(&b, _("Nothing was changed: %s\n"), e);
		free(e);
		goto out;
	}
	aws_result_free(&j->res);
	if (undo_save(&before, &j->plan, j->region, j->profile, &j->undo_id, &path, &err) != 0) {
		buf_printf(&b, _("Nothing was changed: %s\n"), err);
		free(err);
		free(j->undo_id);
		j->undo_id = NULL;
		scalestate_free(&before);
		goto out;
	}
	scalestate_free(&before);
	buf_printf(&b, _("Saved the scaling as it was to %s.\n"), path);
	j->called = true;
	if (autoscaling_plan_run(c, &j->plan, &j->base.cancel, &j->failed, &j->bodies, &j->res) !=
	    0)
		goto out;
	aws_result_free(&j->res);
	if (scalestate_read(c, j->plan.resource_id, &j->base.cancel, &now, &j->op, &j->res) != 0) {
		buf_puts(&after, _("Applied, but the scaling could not be read back.\n"));
		aws_result_free(&j->res);
		goto out;
	}
	scalestate_from_plan(&j->plan, &want);
	char *diff = scalestate_verify(&now, &want);

	if (diff) {
		buf_printf(&after, _("Read back, the scaling is not what was asked:\n%s"), diff);
	} else {
		buf_puts(&after, _("Verified: read back, it is what was asked.\n"));
		j->rc = 0;
	}
	free(diff);
	scalestate_free(&now);
	scalestate_free(&want);
out:
	if (j->undo_id)
		buf_printf(&after, _("Undo: u here, or sagescale apply --undo %s\n"), j->undo_id);
	free(path);
	j->text = buf_steal(&b);
	j->after = buf_steal(&after);
}

/* Runs plan with one line per call into b; 0 or -1 (*made calls made). */
static int run_calls(struct aws_client *c, const struct autoscaling_plan *plan, atomic_bool *cancel,
		     struct buf *b, size_t *made)
{
	struct aws_result res;
	char **bodies = NULL;
	int rc = autoscaling_plan_run(c, plan, cancel, made, &bodies, &res);

	for (size_t i = 0; i < *made; i++)
		buf_printf(b, _("ok      %s\n        %s\n        %s\n"), plan->calls[i].op,
			   plan->calls[i].label, bodies[i] ? bodies[i] : "");
	if (rc != 0) {
		char *e = error_line(plan->calls[*made].op, &res);

		buf_printf(b, _("FAILED  %s (call %zu of %zu)\n        %s\n        %s\n"),
			   plan->calls[*made].op, *made + 1, plan->ncalls, plan->calls[*made].label,
			   e);
		free(e);
	}
	for (size_t i = 0; i < plan->ncalls; i++)
		free(bodies[i]);
	free(bodies);
	aws_result_free(&res);
	return rc;
}

static void run_undo(struct target_job *j, struct aws_client *c)
{
	struct buf b = BUF_INIT;
	struct undo_record r;
	struct scalestate now;
	struct autoscaling_plan plan;
	char *path = NULL, *err = NULL;
	size_t made;

	j->rc = -1;
	if (undo_load(j->undo_id, &r, &path, &err) != 0) {
		buf_printf(&b, "%s\n", err);
		free(err);
		free(path);
		j->text = buf_steal(&b);
		return;
	}
	free(path);
	if (scalestate_read(c, r.resource_id, &j->base.cancel, &now, &j->op, &j->res) != 0) {
		char *e = error_line(j->op, &j->res);

		buf_printf(&b, _("Nothing was changed: %s\n"), e);
		free(e);
		goto out;
	}
	undo_plan(&r, &now, &plan);
	scalestate_free(&now);
	if (plan.ncalls == 0) {
		buf_puts(&b, _("It is already as it was: nothing to do.\n"));
		j->rc = 0;
	} else if (run_calls(c, &plan, &j->base.cancel, &b, &made) == 0 &&
		   scalestate_read(c, r.resource_id, &j->base.cancel, &now, &j->op, &j->res) == 0) {
		if (undo_matches(&r, &now)) {
			buf_puts(
				&b,
				r.target
					? _("Undone: verified, as it was before the apply.\n")
					: _("Undone: verified, no scalable target again, as before "
					    "the apply.\n"));
			j->rc = 0;
		} else {
			buf_puts(&b, _("After the undo the scaling is not as it was before.\n"));
		}
		scalestate_free(&now);
	}
	autoscaling_plan_free(&plan);
out:
	undo_record_free(&r);
	j->text = buf_steal(&b);
}

static void target_run(struct worker_job *job, void *ctx)
{
	struct target_job *j = (struct target_job *)job;
	struct aws_client *c = ((struct tui_ctx *)ctx)->client;

	switch (j->kind) {
	case TJ_LIST:
		j->rc = endpoints_list_all(c, NULL, &job->cancel, &j->list, &j->res);
		j->op = "ListEndpoints";
		break;
	case TJ_DESCRIBE:
		j->rc = endpoints_describe(c, j->endpoint, &job->cancel, &j->detail, &j->op,
					   &j->res);
		j->have_detail = j->rc == 0;
		break;
	case TJ_PREPARE: run_prepare(j, c); break;
	case TJ_WRITE: run_write(j, c); break;
	case TJ_UNDO: run_undo(j, c); break;
	}
}

static void target_free(struct worker_job *job)
{
	struct target_job *j = (struct target_job *)job;

	free(j->endpoint);
	free(j->variant);
	for (size_t i = 0; j->bodies && i < j->plan.ncalls; i++)
		free(j->bodies[i]);
	free(j->bodies);
	autoscaling_plan_free(&j->plan);
	free(j->region);
	free(j->profile);
	free(j->undo_id);
	aws_result_free(&j->res);
	endpoints_list_free(&j->list);
	if (j->have_detail)
		endpoints_detail_free(&j->detail);
	if (j->have_now)
		scalestate_free(&j->now);
	free(j->missing);
	free(j->text);
	free(j->after);

	free(j);
}

const struct worker_job_ops target_job_ops = { "target", target_run, target_free };

struct target_job *target_job_new(enum target_job_kind kind)
{
	struct target_job *j = xcalloc(1, sizeof(*j));

	worker_job_init(&j->base, &target_job_ops);
	j->kind = kind;
	return j;
}

struct target_job *target_job_of(struct worker_job *job)
{
	return job && job->ops == &target_job_ops ? (struct target_job *)job : NULL;
}

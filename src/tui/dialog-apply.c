/* The apply dialog: endpoint and variant (the target picked with F8,
 * editable), then a review: the endpoint checked, the scaling now against
 * the recommended, the metric check, and exactly the calls to be made;
 * then, on the worker, the state saved for undo, RegisterScalableTarget
 * and PutScalingPolicy, and the state read back.  In the result, u undoes.
 * The recommendation on screen is left as it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sagemaker/cloudwatch.h"
#include "tui/actions.h"
#include "tui/targetjob.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum astage { A_LOADING, A_EDIT, A_PREPARING, A_REVIEW, A_RUNNING, A_RESULT };
enum { F_ENDPOINT, F_VARIANT, F_POLICY, F_NFIELDS };

struct apply_dialog {
	struct tui_view base;
	enum astage stage;
	struct lineedit in[F_NFIELDS];
	int cur;
	unsigned long waiting;
	struct autoscaling_plan plan; /* built at review */
	bool have_plan;
	char *text; /* review or result text */
	size_t top, left;
	char *note;    /* a problem with the fields */
	bool failed;   /* the result is a failure */
	bool *missing; /* per plan call: its metric has no data (review) */
	size_t nmissing;
	char *undo_id; /* the last write's undo, for u */
	bool undoing;
};

static void set_text(struct apply_dialog *a, char *s)
{
	free(a->text);
	a->text = s;
	a->top = a->left = 0;
}

static void set_note(struct apply_dialog *a, char *s)
{
	free(a->note);
	a->note = s;
}

static void prefill(struct apply_dialog *a)
{
	struct act_target tg;

	act_target_for(a->base.tui, tui_last_response(a->base.tui), &tg);
	act_input_set(&a->in[F_ENDPOINT], tg.endpoint);
	act_input_set(&a->in[F_VARIANT], tg.variant);
	act_input_set(&a->in[F_POLICY], tg.policy);
	a->cur = !*tg.endpoint ? F_ENDPOINT : !*tg.variant ? F_VARIANT : F_ENDPOINT;
	act_target_free(&tg);
	a->stage = A_EDIT;
}

static void apply_init(struct tui_view *v)
{
	struct apply_dialog *a = (struct apply_dialog *)v;
	const struct scaling_response *resp = tui_last_response(v->tui);
	const struct jobs_detail *d = act_detail(v->tui);

	for (int i = 0; i < F_NFIELDS; i++)
		act_input_set(&a->in[i], "");
	/* The endpoint and variant come from the job: describe it unless we
	 * already hold its description. */
	if (resp && resp->job_name && resp->recommendation_id &&
	    !(d && d->name && strcmp(d->name, resp->job_name) == 0)) {
		struct act_describe_job *j = act_describe_job_new(resp->job_name);

		a->stage = A_LOADING;
		a->waiting = tui_submit(v->tui, &j->base, false);
		return;
	}
	prefill(a);
}

static void apply_done(struct tui_view *v)
{
	struct apply_dialog *a = (struct apply_dialog *)v;

	for (int i = 0; i < F_NFIELDS; i++)
		act_input_free(&a->in[i]);
	if (a->have_plan)
		autoscaling_plan_free(&a->plan);
	free(a->text);
	free(a->note);
	free(a->missing);
	free(a->undo_id);
}

static void draw_hint(struct tui_view *v, WINDOW *w, const char *s)
{
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	tui_draw_text(w, v->rows - 1, 1, v->cols - 2, 0, s);
	wattrset(w, A_NORMAL);
}

static void draw_edit(struct apply_dialog *a, WINDOW *w)
{
	struct tui_view *v = &a->base;
	const struct scaling_response *resp = tui_last_response(v->tui);
	static const char *const labels[F_NFIELDS] = {
		N_("Endpoint"),
		N_("Variant"),
		N_("Policy name"),
	};

	tui_draw_text(w, 0, 1, v->cols - 2, 0,
		      _("Apply this recommendation with Application Auto Scaling to:"));
	for (int i = 0; i < F_NFIELDS; i++)
		act_input_draw(v, w, 2 + i, _(labels[i]), &a->in[i], i == a->cur);
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	tui_draw_text(w, 6, 1, v->cols - 2, 0,
		      _("Policy name empty: sagescale-ENDPOINT-VARIANT (-1, -2 for several)."));
	if (resp && resp->has_dynamic) {
		char *cap = xasprintf(_("Capacity %lld to %lld instances, %zu policies."),
				      resp->min_capacity.v, resp->max_capacity.v, resp->npolicies);

		tui_draw_text(w, 7, 1, v->cols - 2, 0, cap);
		free(cap);
	}
	wattrset(w, A_NORMAL);
	if (a->note) {
		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		tui_draw_untrusted(w, 9, 1, v->cols - 2, a->note);
		wattrset(w, A_NORMAL);
	}
	draw_hint(v, w, _("Tab/Up/Down field  Enter review the calls  Esc cancel"));
}

static void apply_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct apply_dialog *a = (struct apply_dialog *)v;

	werase(w);
	switch (a->stage) {
	case A_LOADING:
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      _("Reading the job for the endpoint and variant..."));
		draw_hint(v, w, _("Esc cancel"));
		break;
	case A_EDIT: draw_edit(a, w); break;
	case A_PREPARING:
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      _("Reading the endpoint, its scaling now and its metrics..."));
		draw_hint(v, w, _("Esc back"));
		break;
	case A_REVIEW:
		wattrset(w, A_BOLD);
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      _("Now against recommended, then the calls to be made:"));
		wattrset(w, A_NORMAL);
		act_draw_lines(v, w, 1, v->rows - 2, a->text, a->top, a->left);
		draw_hint(v, w,
			  a->nmissing ? _("y apply all  o only the policies with data  e edit  Esc")
				      : _("y apply  e edit  arrows scroll  Esc cancel"));
		break;
	case A_RUNNING:
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      a->undoing ? _("Undoing...") : _("Applying..."));
		draw_hint(v, w, _("Esc stop (the calls already made stay made)"));
		break;
	case A_RESULT:
		wattrset(w, tui_attr(v->tui, a->failed ? TUI_ERROR : TUI_OK));
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      a->failed ? _("Apply failed.") : _("Applied."));
		wattrset(w, A_NORMAL);
		act_draw_lines(v, w, 1, v->rows - 2, a->text, a->top, a->left);
		draw_hint(v, w,
			  a->undo_id  ? (a->failed ? _("u undo  e edit  arrows scroll  Esc close")
						   : _("u undo  arrows scroll  Esc close"))
			  : a->failed ? _("e edit and retry  arrows scroll  Esc close")
				      : _("arrows scroll  Esc close"));
		break;
	}
	(void)focused;
}

static void calls_text(struct buf *b, const struct autoscaling_plan *plan)
{
	buf_puts(b, _("These calls will be made, in this order:\n"));
	buf_printf(b, _("Application Auto Scaling, resource %s\n\n"), plan->resource_id);
	for (size_t i = 0; i < plan->ncalls; i++) {
		char *body = autoscaling_call_pretty(&plan->calls[i]);

		buf_printf(b, "%zu. %s\n%s\n\n", i + 1, plan->calls[i].op, body);
		free(body);
	}
	if (plan->nskipped)
		buf_printf(b,
			   P_("%zu policy of a kind sagescale does not know is left out.\n",
			      "%zu policies of a kind sagescale does not know are left out.\n",
			      plan->nskipped),
			   plan->nskipped);
}

/* What is wrong with the prepared target for applying, or NULL. */
static char *target_problem(const struct target_job *j)
{
	const struct endpoints_detail *d = &j->detail;

	if (!endpoints_variant_find(d, j->variant))
		return xasprintf(_("The endpoint %s has no variant %s."), d->name, j->variant);
	if (strcmp(d->status, "InService") != 0)
		return xasprintf(
			_("The endpoint %s is %s, not InService: Application Auto Scaling can "
			  "scale it only once it is InService."),
			d->name, d->status);
	return NULL;
}

static char *review_of(struct apply_dialog *a, const struct target_job *j)
{
	struct buf b = BUF_INIT;
	const struct jobs_detail *jd = act_detail(a->base.tui);
	const struct scaling_response *resp = tui_last_response(a->base.tui);
	const struct jobs_recommendation *r =
		resp && jd && resp->recommendation_id
			? jobs_detail_find(jd, resp->recommendation_id)
			: NULL;
	const struct endpoints_variant *v = endpoints_variant_find(&j->detail, j->variant);
	struct scalestate want;
	const char *region = tui_region(a->base.tui), *account = tui_account(a->base.tui);

	/* Where the calls will write: the account (once STS has said) and region. */
	if (account)
		buf_printf(&b, _("Account %s, region %s\n"), account, region ? region : "?");
	else
		buf_printf(&b, _("Region %s (account not known yet)\n"), region ? region : "?");
	if (endpoints_is_benchmark(j->endpoint))
		buf_puts(&b,
			 _("Note: this is the endpoint Inference Recommender made to benchmark the "
			   "recommendation; it is deleted when the job ends.\n"));
	if (r && r->instance_type && v && v->instance_type &&
	    strcmp(r->instance_type, v->instance_type) != 0)
		buf_printf(
			&b,
			_("Note: %s runs on %s, but the recommendation was benchmarked on %s.\n"),
			v->name, v->instance_type, r->instance_type);
	scalestate_from_plan(&a->plan, &want);
	char *diff = scalestate_diff(&j->now, &want);

	buf_puts(&b, diff);
	free(diff);
	scalestate_free(&want);
	if (j->metrics_unchecked)
		buf_puts(&b,
			 _("\nThe metrics could not be checked with CloudWatch ListMetrics.\n"));
	if (j->nmissing) {
		char *m = cloudwatch_missing_text(&a->plan, j->missing);

		buf_printf(&b, _("\nWarning: %s"), m);
		buf_puts(&b, _("o applies only the policies whose metrics exist.\n"));
		free(m);
	}
	buf_puts(&b, "\n");
	calls_text(&b, &a->plan);
	return buf_steal(&b);
}

static unsigned to_review(struct apply_dialog *a)
{
	const struct scaling_response *resp = tui_last_response(a->base.tui);
	struct act_target tg = {
		a->in[F_ENDPOINT].text,
		a->in[F_VARIANT].text,
		a->in[F_POLICY].text,
	};
	char *err = NULL;

	if (!resp) {
		set_note(a, xstrdup(_("No recommendation to apply.")));
		return TUI_HANDLED | TUI_REDRAW;
	}
	act_target_remember(a->base.tui, resp, &tg);
	if (a->have_plan)
		autoscaling_plan_free(&a->plan);
	a->have_plan = autoscaling_plan_build(resp, tg.endpoint, tg.variant,
					      *tg.policy ? tg.policy : NULL, &a->plan, &err) == 0;
	if (!a->have_plan) {
		set_note(a, err);
		return TUI_HANDLED | TUI_REDRAW;
	}
	set_note(a, NULL);
	struct target_job *j = target_job_new(TJ_PREPARE);

	j->endpoint = xstrdup(tg.endpoint);
	j->variant = xstrdup(tg.variant);
	autoscaling_plan_copy(&a->plan, &j->plan);
	a->waiting = tui_submit(a->base.tui, &j->base, false);
	a->stage = A_PREPARING;
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned start(struct apply_dialog *a, bool only_existing)
{
	if (tui_read_only(a->base.tui) || !a->have_plan)
		return TUI_CLOSE | TUI_REDRAW;
	struct target_job *j = target_job_new(TJ_WRITE);

	autoscaling_plan_copy(&a->plan, &j->plan);
	if (only_existing && a->missing)
		cloudwatch_drop_missing(&j->plan, a->missing);
	j->region = xstrdup(tui_region(a->base.tui) ? tui_region(a->base.tui) : "");
	j->profile = tui_profile(a->base.tui) ? xstrdup(tui_profile(a->base.tui)) : NULL;
	a->undoing = false;
	a->waiting = tui_submit(a->base.tui, &j->base, false);
	a->stage = A_RUNNING;
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned start_undo(struct apply_dialog *a)
{
	struct target_job *j = target_job_new(TJ_UNDO);

	j->undo_id = xstrdup(a->undo_id);
	a->undoing = true;
	a->waiting = tui_submit(a->base.tui, &j->base, false);
	a->stage = A_RUNNING;
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned scroll_text(struct apply_dialog *a, int key, bool func)
{
	act_scroll_key(a->text, a->base.rows - 2, &a->top, &a->left, key, func);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned edit_key(struct apply_dialog *a, int key, bool func)
{
	if (!func && key == 27)
		return TUI_CLOSE | TUI_REDRAW;
	if ((!func && (key == '\r' || key == '\n')) || (func && key == KEY_ENTER))
		return to_review(a);
	if ((!func && key == '\t') || (func && key == KEY_DOWN)) {
		a->cur = (a->cur + 1) % F_NFIELDS;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (func && (key == KEY_UP || key == KEY_BTAB)) {
		a->cur = (a->cur + F_NFIELDS - 1) % F_NFIELDS;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act_input_key(&a->in[a->cur], key, func))
		set_note(a, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned apply_key(struct tui_view *v, int key, bool func)
{
	struct apply_dialog *a = (struct apply_dialog *)v;

	switch (a->stage) {
	case A_LOADING:
		if (!func && key == 27) {
			prefill(a); /* go on without the job's figures */
			a->waiting = 0;
		}
		return TUI_HANDLED | TUI_REDRAW;
	case A_EDIT: return edit_key(a, key, func);
	case A_PREPARING:
		if (!func && key == 27) {
			if (a->waiting)
				tui_cancel_job(v->tui, a->waiting);
			a->waiting = 0;
			a->stage = A_EDIT;
		}
		return TUI_HANDLED | TUI_REDRAW;
	case A_REVIEW:
		if (!func && (key == 'y' || key == 'Y'))
			return start(a, false);
		if (!func && key == 'o' && a->nmissing)
			return start(a, true);
		if (!func && (key == 'e' || key == 127 || key == 8))
			return a->stage = A_EDIT, TUI_HANDLED | TUI_REDRAW;
		if (!func && key == 27)
			return TUI_CLOSE | TUI_REDRAW;
		return scroll_text(a, key, func);
	case A_RUNNING:
		/* Esc stops between calls (or aborts the one in flight); the
		 * result then says which calls were made. */
		if (!func && key == 27 && a->waiting)
			tui_cancel_job(v->tui, a->waiting);
		return TUI_HANDLED;
	case A_RESULT:
		if (!func && (key == 27 || key == 'q' || key == '\r' || key == '\n'))
			return TUI_CLOSE | TUI_REDRAW;
		if (!func && key == 'e' && a->failed)
			return a->stage = A_EDIT, TUI_HANDLED | TUI_REDRAW;
		if (!func && key == 'u' && a->undo_id && !tui_read_only(v->tui))
			return start_undo(a);
		return scroll_text(a, key, func);
	}
	return TUI_HANDLED;
}

static char *result_text(const struct target_job *j)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, j->text ? j->text : "");
	for (size_t i = 0; j->called && i < j->failed && i < j->plan.ncalls; i++)
		buf_printf(&b, _("ok      %s\n        %s\n        %s\n"), j->plan.calls[i].op,
			   j->plan.calls[i].label, j->bodies && j->bodies[i] ? j->bodies[i] : "");
	if (j->called && j->failed < j->plan.ncalls) {
		char *e = act_error_text(&j->res);

		buf_printf(&b, _("FAILED  %s (call %zu of %zu)\n        %s\n        %s\n"),
			   j->plan.calls[j->failed].op, j->failed + 1, j->plan.ncalls,
			   j->plan.calls[j->failed].label, e);
		free(e);
		if (j->res.kind == AWS_ERR_CANCELLED)
			buf_puts(&b,
				 _("It was cancelled in flight: the service may have made it.\n"));
		if (j->failed + 1 < j->plan.ncalls)
			buf_printf(&b,
				   P_("The %zu call after it was not made.\n",
				      "The %zu calls after it were not made.\n",
				      j->plan.ncalls - j->failed - 1),
				   j->plan.ncalls - j->failed - 1);
		buf_puts(
			&b,
			j->failed
				? _("The calls marked ok were made and stay made: u undoes them.\n")
				: _("No call was made: nothing changed.\n"));
		buf_puts(&b, _("The recommendation is unchanged on screen.\n"));
	}
	buf_puts(&b, j->after ? j->after : "");
	return buf_steal(&b);
}

static void apply_job_done(struct tui_view *v, struct worker_job *job)
{
	struct apply_dialog *a = (struct apply_dialog *)v;

	if (job->id != a->waiting || !a->waiting)
		return;
	a->waiting = 0;
	struct act_describe_job *d = act_describe_job_of(job);

	if (d) {
		if (d->rc == 0 && job->state == WORKER_DONE)
			act_set_detail(v->tui, &d->detail);
		if (a->stage == A_LOADING)
			prefill(a);
		if (d->rc != 0)
			set_note(a, act_error_text(&d->res));
		return;
	}
	struct target_job *j = target_job_of(job);

	if (!j)
		return;
	if (j->kind == TJ_PREPARE) {
		if (job->state != WORKER_DONE) {
			a->stage = A_EDIT;
			return;
		}
		char *problem = j->rc != 0 ? act_error_text(&j->res) : target_problem(j);

		if (problem) {
			char *safe = sanitize_str(problem);

			set_note(a, safe);
			free(problem);
			a->stage = A_EDIT;
			return;
		}
		free(a->missing);
		a->missing = j->missing;
		a->nmissing = j->nmissing;
		j->missing = NULL;
		/* act_draw_lines makes each line terminal-safe. */
		set_text(a, review_of(a, j));
		a->stage = A_REVIEW;
		return;
	}
	if (job->state != WORKER_DONE) {
		a->failed = true;
		set_text(a, xstrdup(_("Cancelled before any call was made.\n")));
	} else if (j->kind == TJ_UNDO) {
		a->failed = j->rc != 0;
		set_text(a, xstrdup(j->text ? j->text : ""));
		if (j->rc == 0) {
			free(a->undo_id);
			a->undo_id = NULL;
		}
	} else {
		a->failed = j->rc != 0;
		set_text(a, result_text(j));
		free(a->undo_id);
		a->undo_id = j->undo_id ? xstrdup(j->undo_id) : NULL;
	}
	a->stage = A_RESULT;
}

static const struct tui_key apply_keys[] = {
	{ N_("Tab / Up / Down"), N_("move between endpoint, variant and policy name") },
	{ N_("Enter"), N_("review the calls that will be made") },
	{ N_("y"), N_("in the review: make the calls") },
	{ N_("o"), N_("in the review: apply only the policies whose metrics have data") },
	{ N_("u"), N_("in the result: undo the apply (restore the scaling saved before it)") },
	{ N_("e"), N_("back to the fields") },
	{ N_("Esc"), N_("cancel / close") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_apply_dialog = {
	.name = N_("Apply"),
	.size = sizeof(struct apply_dialog),
	.init = apply_init,
	.done = apply_done,
	.draw = apply_draw,
	.key = apply_key,
	.job_done = apply_job_done,
	.keys = apply_keys,
	.modal_rows = 0,
	.modal_cols = 200, /* as wide as the terminal allows */
};

unsigned tui_key_apply(struct tui *t, struct tui_view *v, long arg)
{
	if (tui_read_only(t)) {
		tui_message(t, "%s", _("Read-only (--read-only): apply is not available."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!tui_last_response(t)) {
		tui_message(t, "%s", _("No recommendation to apply yet: send a request first."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	struct act_target tg;

	act_target_for(t, tui_last_response(t), &tg);
	bool chosen = *tg.endpoint != '\0';

	act_target_free(&tg);
	/* No target yet: pick the production endpoint first (never the
	 * benchmark's by default). */
	if (!chosen)
		return tui_pick_endpoint_then_apply(t);
	tui_open_modal(t, &tui_apply_dialog, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

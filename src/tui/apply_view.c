/* The apply dialog: endpoint and variant (taken from the job, editable),
 * a confirmation showing exactly the calls to be made, then
 * RegisterScalableTarget and PutScalingPolicy on the worker; the outcome
 * is shown here and the recommendation on screen is left as it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/actions.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum astage { A_LOADING, A_EDIT, A_REVIEW, A_RUNNING, A_RESULT };
enum { F_ENDPOINT, F_VARIANT, F_POLICY, F_NFIELDS };

struct apply_dialog {
	struct tui_view base;
	enum astage stage;
	struct lineedit in[F_NFIELDS];
	int cur;
	unsigned long waiting;
	struct autoscaling_plan plan;	/* built at review */
	bool have_plan;
	char *text;			/* review or result text */
	size_t top, left;
	char *note;			/* a problem with the fields */
	bool failed;			/* the result is a failure */
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

	act_target_for(tui_last_response(a->base.tui), &tg);
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
	const struct jobs_detail *d = act_detail();

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
		N_("Endpoint"), N_("Variant"), N_("Policy name"),
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
		tui_draw_text(w, 0, 1, v->cols - 2, 0, _("Reading the job for the endpoint and variant..."));
		draw_hint(v, w, _("Esc cancel"));
		break;
	case A_EDIT:
		draw_edit(a, w);
		break;
	case A_REVIEW:
		wattrset(w, A_BOLD);
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      _("These calls will be made, in this order:"));
		wattrset(w, A_NORMAL);
		act_draw_lines(v, w, 1, v->rows - 2, a->text, a->top, a->left);
		draw_hint(v, w, _("y apply  e edit  arrows scroll  Esc cancel"));
		break;
	case A_RUNNING:
		tui_draw_text(w, 0, 1, v->cols - 2, 0, _("Applying..."));
		draw_hint(v, w, _("Esc stop (the calls already made stay made)"));
		break;
	case A_RESULT:
		wattrset(w, tui_attr(v->tui, a->failed ? TUI_ERROR : TUI_OK));
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      a->failed ? _("Apply failed.") : _("Applied."));
		wattrset(w, A_NORMAL);
		act_draw_lines(v, w, 1, v->rows - 2, a->text, a->top, a->left);
		draw_hint(v, w, a->failed ? _("e edit and retry  arrows scroll  Esc close")
					  : _("arrows scroll  Esc close"));
		break;
	}
	(void)focused;
}

static char *review_text(const struct autoscaling_plan *plan)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, _("Application Auto Scaling, resource %s\n\n"), plan->resource_id);
	for (size_t i = 0; i < plan->ncalls; i++) {
		char *body = autoscaling_call_pretty(&plan->calls[i]);

		buf_printf(&b, "%zu. %s\n%s\n\n", i + 1, plan->calls[i].op, body);
		free(body);
	}
	if (plan->nskipped)
		buf_printf(&b, P_("%zu policy of a kind sagescale does not know is left out.\n",
				  "%zu policies of a kind sagescale does not know are left out.\n",
				  plan->nskipped), plan->nskipped);
	return buf_steal(&b);
}

static unsigned to_review(struct apply_dialog *a)
{
	const struct scaling_response *resp = tui_last_response(a->base.tui);
	struct act_target tg = {
		a->in[F_ENDPOINT].text, a->in[F_VARIANT].text, a->in[F_POLICY].text,
	};
	char *err = NULL;

	if (!resp) {
		set_note(a, xstrdup(_("No recommendation to apply.")));
		return TUI_HANDLED | TUI_REDRAW;
	}
	act_target_remember(resp, &tg);
	if (a->have_plan)
		autoscaling_plan_free(&a->plan);
	a->have_plan = autoscaling_plan_build(resp, tg.endpoint, tg.variant,
					      *tg.policy ? tg.policy : NULL, &a->plan, &err) == 0;
	if (!a->have_plan) {
		set_note(a, err);
		return TUI_HANDLED | TUI_REDRAW;
	}
	set_note(a, NULL);
	set_text(a, review_text(&a->plan));
	a->stage = A_REVIEW;
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned start(struct apply_dialog *a)
{
	struct autoscaling_plan copy = { 0 };
	char *err = NULL;
	const struct scaling_response *resp = tui_last_response(a->base.tui);

	if (tui_read_only(a->base.tui) || !resp)
		return TUI_CLOSE | TUI_REDRAW;
	/* the job takes its own plan, rebuilt from the same inputs */
	if (autoscaling_plan_build(resp, a->in[F_ENDPOINT].text, a->in[F_VARIANT].text,
				   *a->in[F_POLICY].text ? a->in[F_POLICY].text : NULL,
				   &copy, &err) != 0) {
		set_note(a, err);
		a->stage = A_EDIT;
		return TUI_HANDLED | TUI_REDRAW;
	}
	struct act_apply_job *j = act_apply_job_new(&copy);

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
			prefill(a);	/* go on without the job's figures */
			a->waiting = 0;
		}
		return TUI_HANDLED | TUI_REDRAW;
	case A_EDIT:
		return edit_key(a, key, func);
	case A_REVIEW:
		if (!func && (key == 'y' || key == 'Y'))
			return start(a);
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
		return scroll_text(a, key, func);
	}
	return TUI_HANDLED;
}

static char *result_text(const struct act_apply_job *j)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < j->failed && i < j->plan.ncalls; i++)
		buf_printf(&b, _("ok      %s\n        %s\n        %s\n"), j->plan.calls[i].op,
			   j->plan.calls[i].label, j->bodies && j->bodies[i] ? j->bodies[i] : "");
	if (j->rc != 0 && j->failed < j->plan.ncalls) {
		char *e = act_error_text(&j->res);

		buf_printf(&b, _("FAILED  %s (call %zu of %zu)\n        %s\n        %s\n"),
			   j->plan.calls[j->failed].op, j->failed + 1, j->plan.ncalls,
			   j->plan.calls[j->failed].label, e);
		free(e);
		if (j->res.kind == AWS_ERR_CANCELLED)
			buf_puts(&b, _("It was cancelled in flight: the service may have made it.\n"));
		if (j->failed + 1 < j->plan.ncalls)
			buf_printf(&b, P_("The %zu call after it was not made.\n",
					  "The %zu calls after it were not made.\n",
					  j->plan.ncalls - j->failed - 1), j->plan.ncalls - j->failed - 1);
		buf_puts(&b, _("The recommendation is unchanged on screen.\n"));
	}
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
			act_set_detail(&d->detail);
		if (a->stage == A_LOADING)
			prefill(a);
		if (d->rc != 0)
			set_note(a, act_error_text(&d->res));
		return;
	}
	struct act_apply_job *j = act_apply_job_of(job);

	if (!j)
		return;
	if (job->state != WORKER_DONE) {
		a->failed = true;
		set_text(a, xstrdup(_("Cancelled before any call was made.\n")));
	} else {
		a->failed = j->rc != 0;
		set_text(a, result_text(j));
	}
	a->stage = A_RESULT;
}

static const struct tui_key apply_keys[] = {
	{ N_("Tab / Up / Down"), N_("move between endpoint, variant and policy name") },
	{ N_("Enter"), N_("review the calls that will be made") },
	{ N_("y"), N_("in the review: make the calls") },
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
	.modal_cols = 200,	/* as wide as the terminal allows */
};

unsigned tui_key_apply(struct tui *t)
{
	if (tui_read_only(t)) {
		tui_message(t, "%s", _("Read-only (--read-only): apply is not available."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!tui_last_response(t)) {
		tui_message(t, "%s", _("No recommendation to apply yet: send a request first."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_open_modal(t, &tui_apply_dialog, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

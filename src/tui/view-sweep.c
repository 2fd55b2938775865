/* The Sweep view: the form's request at every CPU target of a range
 * (default 10-100 step 10, `e` to edit), on the sweep's own small pool of
 * connections; a table here and a chart in a full-screen dialog (`v`), both
 * live while it runs.  Esc or `s` cancels; failed points keep their error.
 *
 * The view owns the sweep's state; a worker job waits on the sweep: it keeps
 * the loop ticking (so progress redraws), carries Esc (worker_cancel_all)
 * to the pool, and comes back when the sweep ends.  What the pool's threads
 * touch (the request, the lock) is one allocation with the sweep, so a
 * sweep left to a stuck job at exit keeps it. */
#include "config.h"
#include "tui/whatif.h"
#include "whatif/chart.h"
#include "whatif/sweep.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One sweep and what its threads share. */
struct sweep_run {
	struct scaling_request req; /* the form's inputs when it started */
	struct sweep_call call;
	struct sweep *sweep;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

struct sweep_state {
	struct sweep_range range;
	int concurrency;
	struct sweep_run *run; /* NULL before the first sweep */
	unsigned long job;
	bool running; /* the wait job has not come back */
	double started;
	double took;              /* seconds, once finished */
	enum chart_panels panels; /* what the chart shows (c toggles) */
};

struct sweep_view {
	struct tui_view base;
	size_t top;
	struct sweep_state s;
};

/* The view's state, from the view or from one of its dialogs. */
static struct sweep_state *state(struct tui *t)
{
	return &((struct sweep_view *)tui_find_view(t, &tui_view_sweep))->s;
}

static void run_free(struct sweep_run *r)
{
	if (!r)
		return;
	sweep_free(r->sweep);
	scaling_request_free(&r->req);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sweep_init(struct tui_view *v)
{
	struct sweep_state *S = &((struct sweep_view *)v)->s;

	S->range = (struct sweep_range){ 10, 100, 10 };
	S->concurrency = SWEEP_DEFAULT_CONCURRENCY;
}

/* From a pool thread: a point finished (or the sweep ended). */
static void on_point(void *arg)
{
	struct sweep_run *r = arg;

	pthread_mutex_lock(&r->mu);
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

/* ---- the wait job ---- */

struct sweep_wait_job {
	struct worker_job base;
	struct sweep_run *run; /* borrowed: freed only after the job is back */
};

static void wait_run(struct worker_job *j, void *ctx)
{
	struct sweep_wait_job *w = (struct sweep_wait_job *)j;
	struct sweep_run *r = w->run;

	pthread_mutex_lock(&r->mu);
	while (!sweep_finished(r->sweep)) {
		if (atomic_load(&j->cancel) && !sweep_cancelled(r->sweep))
			sweep_cancel(r->sweep);
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50 * 1000000L; /* to notice the cancel flag */
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&r->cv, &r->mu, &ts);
	}
	pthread_mutex_unlock(&r->mu);
	sweep_wait(r->sweep);
}

static void wait_free(struct worker_job *j)
{
	free(j);
}

static const struct worker_job_ops sweep_wait_ops = { "sweep", wait_run, wait_free };

static void start(struct tui *t)
{
	struct sweep_state *S = state(t);
	struct scaling_request r;
	char *err = NULL;

	if (!whatif_client_options(t)) {
		tui_message(t, "%s", _("Sweep: not available in this build of the interface."));
		return;
	}
	memset(&r, 0, sizeof(r));
	if (tui_form_request(t, &r, &err) != 0) {
		tui_message(t, _("Sweep: fix the form first (%s)"), err ? err : _("invalid input"));
		free(err);
		return;
	}
	run_free(S->run);
	struct sweep_run *run = S->run = xcalloc(1, sizeof(*run));
	pthread_mutex_init(&run->mu, NULL);
	pthread_cond_init(&run->cv, NULL);
	run->req = r;
	run->call = (struct sweep_call){ &run->req, whatif_client_options(t), on_point, run };
	struct sweep_ops ops;
	sweep_call_ops(&run->call, &ops);
	S->started = now_s();
	S->took = 0;
	run->sweep = sweep_start(&S->range, S->concurrency, &ops);
	struct sweep_wait_job *j = xcalloc(1, sizeof(*j));
	worker_job_init(&j->base, &sweep_wait_ops);
	j->run = run;
	S->running = true;
	S->job = tui_submit(t, &j->base, false);
}

static void cancel(struct tui *t)
{
	struct sweep_state *S = state(t);

	if (S->running && S->run) {
		sweep_cancel(S->run->sweep);
		on_point(S->run);
		tui_message(t, "%s", _("Cancelling the sweep..."));
	}
}

/* ---- the table ---- */

static char *num(struct opt_int v)
{
	return v.set ? xasprintf("%lld", v.v) : xstrdup("-");
}

static char *status_line(struct sweep_state *S)
{
	struct sweep *sw = S->run ? S->run->sweep : NULL;
	size_t n = sweep_range_count(&S->range);
	char *range =
		xasprintf(P_("CPU %d-%d step %d (%zu point)", "CPU %d-%d step %d (%zu points)", n),
			  S->range.from, S->range.to, S->range.step, n);
	char *s;

	if (!sw) {
		s = xasprintf(_("%s   s: start   e: range   v: chart"), range);
	} else {
		struct sweep_progress p;
		sweep_progress(sw, &p);
		double secs = S->running ? now_s() - S->started : S->took;
		const char *state = S->running
					    ? (sweep_cancelled(sw) ? _("cancelling") : _("running"))
				    : sweep_cancelled(sw) ? _("cancelled")
							  : _("done");
		s = xasprintf(_("%s   %s: %zu/%zu answered, %zu failed, %d at a time, %.0f ms"),
			      range, state, p.done, p.total, p.failed, p.concurrency, secs * 1000);
	}
	free(range);
	return s;
}

static void sweep_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct sweep_view *sv = (struct sweep_view *)v;
	struct sweep_state *S = &sv->s;
	struct sweep *sw = S->run ? S->run->sweep : NULL;
	char *st = status_line(S);
	werase(w);
	wattrset(w, A_BOLD);
	/* The progress line wraps (at 80 columns it is longer than a row):
	 * the table starts below it. */
	int hdr = tui_draw_wrapped(w, 0, 1, v->cols - 2, v->rows > 4 ? 2 : 1, st);
	wattrset(w, A_NORMAL);
	free(st);
	if (!sw) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		whatif_draw(
			w, hdr, 1, v->cols - 2,
			_("Runs the form's request at every CPU target of the range, a few at a time."));
		wattrset(w, A_NORMAL);
		return;
	}
	/* TRANSLATORS: column headings of the sweep table. */
	/* Cost and OvMin (overloaded minutes) come from the Replay view's
	 * traffic once it is loaded for this recommendation (`-` before). */
	whatif_draw(w, hdr, 1, v->cols - 2,
		    _(" CPU Inv/inst  Min  Max   In/Out Latency     Cost OvMin  Result"));
	size_t n = sweep_count(sw);
	int rows = v->rows - hdr - 1;
	if (rows < 1)
		return;
	if (sv->top + (size_t)rows > n)
		sv->top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (int y = 0; y < rows && sv->top + (size_t)y < n; y++) {
		struct sweep_point p;
		sweep_get(sw, sv->top + (size_t)y, &p);
		const struct whatif_run *r = &p.run;
		char *ipi = num(r->invocations_per_instance), *mn = num(r->min_capacity);
		char *mx = num(r->max_capacity), *ci = num(r->scale_in_cooldown);
		char *co = num(r->scale_out_cooldown), *lat = num(r->model_latency);
		char *cool = xasprintf("%s/%s", ci, co), *result;
		attr_t a = A_NORMAL;
		switch (p.state) {
		case SWEEP_PENDING:
			result = xstrdup(_("waiting"));
			a = tui_attr(v->tui, TUI_DIM);
			break;
		case SWEEP_RUNNING:
			result = xstrdup(_("sending..."));
			a = tui_attr(v->tui, TUI_DIM);
			break;
		case SWEEP_SKIPPED:
			result = xstrdup(_("cancelled"));
			a = tui_attr(v->tui, TUI_DIM);
			break;
		default:
			if (r->ok) {
				result = xstrdup(_("ok"));
			} else {
				/* "FAILED" in words too: it must show in monochrome. */
				char *raw = xasprintf("%s %s %s", _("FAILED"),
						      r->error_code ? r->error_code : r->error_kind,
						      r->error_message ? r->error_message : "");
				result = sanitize_str(raw);
				free(raw);
				a = tui_attr(v->tui, TUI_ERROR);
			}
		}
		struct replay_result rr;
		bool replayed =
			p.state == SWEEP_DONE && replay_tui_point(v->tui, &S->run->req, r, &rr);
		char *cost = replayed && rr.has_cost ? xasprintf("%.2f", rr.cost) : xstrdup("-");
		char *over = replayed ? xasprintf("%zu", rr.overloaded_minutes) : xstrdup("-");
		char *line = xasprintf("%4d %8s %4s %4s %8s %7s %8s %5s  %s", p.cpu, ipi, mn, mx,
				       cool, lat, cost, over, result);
		free(cost);
		free(over);
		wattrset(w, a);
		whatif_draw(w, y + hdr + 1, 1, v->cols - 2, line);
		wattrset(w, A_NORMAL);
		free(line), free(result), free(cool), free(ipi), free(mn), free(mx), free(ci),
			free(co), free(lat);
		whatif_run_free(&p.run);
	}
	(void)focused;
}

static void open_chart(struct tui *t);
static void open_range(struct tui *t);

static unsigned sweep_key(struct tui_view *v, int key, bool func)
{
	struct sweep_view *sv = (struct sweep_view *)v;
	struct sweep_state *S = &sv->s;

	if (!func && (key == 's' || key == '\r' || key == '\n')) {
		if (S->running)
			cancel(v->tui);
		else
			start(v->tui);
	} else if (!func && key == 27 && S->running) {
		cancel(v->tui);
	} else if (!func && key == 'e') {
		if (S->running)
			tui_message(v->tui, "%s",
				    _("Sweep: wait for it to end (or cancel it) first."));
		else
			open_range(v->tui);
	} else if (!func && key == 'v') {
		open_chart(v->tui);
	} else if ((func && key == KEY_UP) || (!func && key == 'k')) {
		if (sv->top > 0)
			sv->top--;
	} else if ((func && key == KEY_DOWN) || (!func && key == 'j')) {
		sv->top++;
	} else {
		return TUI_IGNORED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void sweep_job_done(struct tui_view *v, struct worker_job *job)
{
	struct sweep_state *S = &((struct sweep_view *)v)->s;

	if (job->ops != &sweep_wait_ops || job->id != S->job)
		return;
	S->running = false;
	S->took = now_s() - S->started;
	struct sweep_progress p;
	sweep_progress(S->run->sweep, &p);
	if (sweep_cancelled(S->run->sweep))
		tui_message(v->tui, _("Sweep cancelled: %zu answered, %zu failed, %zu not sent."),
			    p.done - p.failed, p.failed, p.skipped);
	else
		tui_message(v->tui, _("Sweep done: %zu answered, %zu failed."), p.done - p.failed,
			    p.failed);
}

static void sweep_done(struct tui_view *v)
{
	struct sweep_state *S = &((struct sweep_view *)v)->s;

	/* The worker has stopped before the views go; if a wait job is still
	 * out (a stuck request), leave the sweep to it rather than free it. */
	if (S->run) {
		sweep_cancel(S->run->sweep);
		if (!S->running)
			run_free(S->run);
		S->run = NULL;
	}
}

static const struct tui_key sweep_keys[] = {
	{ N_("s / Enter"), N_("start the sweep (s again or Esc: cancel it)") },
	{ N_("e"), N_("edit the range (FROM:TO:STEP)") },
	{ N_("v"), N_("the chart: MinCapacity, MaxCapacity, InvocationsPerInstance") },
	{ N_("j k / Up Down"), N_("scroll the table") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_view_sweep = {
	.name = N_("Sweep"),
	.size = sizeof(struct sweep_view),
	.init = sweep_init,
	.done = sweep_done,
	.draw = sweep_draw,
	.key = sweep_key,
	.job_done = sweep_job_done,
	.keys = sweep_keys,
	.hint = N_("s start  e range  v chart  Tab form  ? help  q quit"),
};

/* ---- the range dialog ---- */

struct range_dialog {
	struct tui_view base;
	struct lineedit text;
	char *error;
};

static void range_init(struct tui_view *v)
{
	struct range_dialog *d = (struct range_dialog *)v;

	struct sweep_state *S = state(v->tui);
	char *now = xasprintf("%d:%d:%d", S->range.from, S->range.to, S->range.step);

	lineedit_init(&d->text, 31, "0123456789:-", tui_history(v->tui, TUI_HIST_RANGE));
	lineedit_set(&d->text, now);
	free(now);
}

static void range_done(struct tui_view *v)
{
	struct range_dialog *d = (struct range_dialog *)v;

	free(d->error);
	lineedit_free(&d->text);
}

static void range_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct range_dialog *d = (struct range_dialog *)v;
	whatif_prompt_draw(v, w, _("CPU range FROM:TO:STEP (1-100):"), &d->text, d->error,
			   _("Enter: keep and start   Esc: cancel"));
}

static unsigned range_key(struct tui_view *v, int key, bool func)
{
	struct range_dialog *d = (struct range_dialog *)v;
	struct sweep_range r;
	char *err = NULL;

	free(d->error);
	d->error = NULL;
	switch (whatif_prompt_key(&d->text, key, func)) {
	case WHATIF_PROMPT_ESC: return TUI_HANDLED | TUI_CLOSE;
	case WHATIF_PROMPT_EDITED: return TUI_HANDLED | TUI_REDRAW;
	case WHATIF_PROMPT_ENTER: break;
	}
	if (sweep_range_parse(lineedit_text(&d->text), &r, &err) != 0) {
		d->error = err;
		return TUI_HANDLED | TUI_REDRAW;
	}
	state(v->tui)->range = r;
	start(v->tui);
	return TUI_HANDLED | TUI_CLOSE | TUI_REDRAW;
}

static const struct tui_view_ops range_dialog_ops = {
	.name = N_("Sweep range"),
	.size = sizeof(struct range_dialog),
	.init = range_init,
	.done = range_done,
	.draw = range_draw,
	.key = range_key,
	.modal_rows = 4,
	.modal_cols = 76,
};

static void open_range(struct tui *t)
{
	tui_open_modal(t, &range_dialog_ops, NULL);
}

/* ---- the chart dialog ---- */

static attr_t class_attr(struct tui *t, char c)
{
	switch (c) {
	case CHART_C_MIN: return tui_attr(t, TUI_OK) | A_BOLD;
	case CHART_C_MAX: return tui_attr(t, TUI_KEY);
	case CHART_C_BOTH: return tui_attr(t, TUI_FRAME_FOCUS);
	case CHART_C_RANGE: return tui_attr(t, TUI_DIM);
	case CHART_C_IPI: return tui_attr(t, TUI_FRAME_FOCUS);
	case CHART_C_FAIL: return tui_attr(t, TUI_ERROR);
	case CHART_C_AXIS: return tui_attr(t, TUI_FRAME);
	default: return A_NORMAL;
	}
}

/* Draws one chart line in runs of the same class. */
static void draw_chart_line(struct tui *t, WINDOW *w, int y, int width, const struct chart_line *l)
{
	const char *s = l->text;
	size_t len = strlen(s), cell = 0;
	int x = 0;

	while (*s && x < width) {
		char c = l->cls[cell];
		const char *start = s;
		size_t cells = 0;
		while (*s && l->cls[cell] == c) {
			uint32_t cp;
			size_t k = utf8_decode(s, len - (size_t)(s - l->text), &cp);
			s += k ? k : 1;
			cell++;
			cells++;
		}
		char *part = xstrndup(start, (size_t)(s - start));
		wattrset(w, class_attr(t, c));
		x += tui_draw_text(w, y, x, width - x, 0, part);
		free(part);
		(void)cells;
	}
	wattrset(w, A_NORMAL);
}

static void chart_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct sweep_state *S = state(v->tui);
	struct sweep *sw = S->run ? S->run->sweep : NULL;
	char *st = status_line(S);

	werase(w);
	wattrset(w, A_BOLD);
	tui_draw_wrapped(w, 0, 0, v->cols, 2, st); /* row 1 is free: wrap, not cut */
	wattrset(w, A_NORMAL);
	free(st);
	if (!sw) {
		whatif_draw(w, 2, 0, v->cols, _("No sweep yet: press s in the Sweep view."));
		return;
	}
	size_t n = sweep_count(sw), m = 0;
	struct chart_point *pts = xcalloc(n ? n : 1, sizeof(*pts));
	for (size_t i = 0; i < n; i++) {
		struct sweep_point p;
		sweep_get(sw, i, &p);
		if (p.state == SWEEP_DONE) /* answered or failed; not waiting ones */
			pts[m++] = (struct chart_point){ p.cpu, p.run.ok, p.run.min_capacity.v,
							 p.run.max_capacity.v,
							 p.run.invocations_per_instance.v };
		whatif_run_free(&p.run);
	}
	struct chart c;
	if (m > 0 && chart_render_panels(pts, m, v->cols, v->rows - 2,
					 tui_ascii(v->tui) ? CHART_ASCII : CHART_UNICODE, S->panels,
					 &c) == 0) {
		for (size_t i = 0; i < c.n; i++)
			draw_chart_line(v->tui, w, (int)i + 2, v->cols, &c.lines[i]);
		chart_free(&c);
	} else if (m > 0) {
		whatif_draw(w, 2, 0, v->cols, _("The terminal is too small for the chart."));
	}
	free(pts);
	(void)focused;
}

static unsigned chart_key(struct tui_view *v, int key, bool func)
{
	struct sweep_state *S = state(v->tui);

	if (!func && key == 's') {
		if (S->running)
			cancel(v->tui);
		else
			start(v->tui);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!func && key == 27 && S->running) {
		cancel(v->tui);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!func && key == 'c') { /* both panels, capacity alone, invocations alone */
		S->panels = S->panels == CHART_PANELS_BOTH       ? CHART_PANELS_CAPACITY
			    : S->panels == CHART_PANELS_CAPACITY ? CHART_PANELS_IPI
								 : CHART_PANELS_BOTH;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!func && (key == 27 || key == 'q' || key == 'v'))
		return TUI_HANDLED | TUI_CLOSE;
	return TUI_HANDLED;
}

static const struct tui_key chart_keys[] = {
	{ N_("s"), N_("start the sweep (s again or Esc: cancel it)") },
	{ N_("c"), N_("capacity and invocations, capacity alone, invocations alone") },
	{ N_("q / Esc / v"), N_("close the chart") },
	{ NULL, NULL }
};

static const struct tui_view_ops chart_dialog_ops = {
	.name = N_("Sweep chart"),
	.size = sizeof(struct tui_view),
	.draw = chart_draw,
	.key = chart_key,
	.keys = chart_keys,
	.hint = N_("s start or cancel the sweep  c capacity/invocations  q close"),
};

static void open_chart(struct tui *t)
{
	tui_open_modal(t, &chart_dialog_ops, NULL);
}

/* The History view: every run (form, what-if rerun), newest first, with its
 * inputs, time, InvocationsPerInstance, capacities, cooldowns, latency, or
 * its error; Enter shows a run's full result, Space marks two runs and `d`
 * compares them.  Runs are kept by src/whatif/history.c. */
#include "config.h"
#include "tui/recjob.h"
#include "tui/resptree.h"
#include "tui/widget-tree.h"
#include "tui/whatif.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct history_view {
	struct tui_view base;
	size_t sel; /* index in newest-first order */
	size_t top;
	long long marks[2]; /* ids marked for compare (0: none) */
	char *info;         /* the info line: the selected run's job and id */
};

static struct history *H(struct tui *t)
{
	return whatif_history(t);
}

/* The i-th run, newest first. */
static const struct whatif_run *nth(struct tui *t, size_t i)
{
	size_t n = history_count(H(t));
	return i < n ? history_get(H(t), n - 1 - i) : NULL;
}

static void show_warnings(struct tui *t)
{
	char **w;
	size_t n = history_take_warnings(H(t), &w);

	/* The info line holds one message: the last (most recent) one. */
	for (size_t i = 0; i < n; i++) {
		if (i == n - 1)
			tui_message(t, "%s", w[i]);
		free(w[i]);
	}
	free(w);
}

static void history_init(struct tui_view *v)
{
	show_warnings(v->tui);
}

static char *num(struct opt_int v)
{
	return v.set ? xasprintf("%lld", v.v) : xstrdup("-");
}

static char *when(long long t)
{
	time_t tt = (time_t)t, now = time(NULL);
	struct tm tm, today;
	char s[32];

	localtime_r(&tt, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(s, sizeof(s), "%H:%M:%S", &tm);
	else
		strftime(s, sizeof(s), "%m-%d %H:%M", &tm);
	return xstrdup(s);
}

static bool marked(struct history_view *h, long long id)
{
	return id && (h->marks[0] == id || h->marks[1] == id);
}

/* One row: the columns of the heading below. */
static char *row_text(const struct whatif_run *r)
{
	char *t = when(r->time), *cpu = num(r->req.cpu), *ipi = num(r->invocations_per_instance);
	char *mn = num(r->min_capacity), *mx = num(r->max_capacity);
	char *cin = num(r->scale_in_cooldown), *cout = num(r->scale_out_cooldown);
	char *lat = num(r->model_latency), *cool = xasprintf("%s/%s", cin, cout);
	char *result = r->ok ? xstrdup(_("ok"))
			     : xasprintf("%s %s", r->error_code ? r->error_code : r->error_kind,
					 r->error_message ? r->error_message : "");
	char *safe = sanitize_str(result);
	char *s = xasprintf("%4lld %-11s %3s %8s %4s %4s %8s %7s %5ldms %s", r->id, t, cpu, ipi, mn,
			    mx, cool, lat, r->elapsed_ms, safe);
	free(t), free(cpu), free(ipi), free(mn), free(mx), free(cin), free(cout);
	free(lat), free(cool), free(result), free(safe);
	return s;
}

static void history_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct tui *t = v->tui;
	struct history_view *h = (struct history_view *)v;
	size_t n = history_count(H(t));
	int rows = v->rows - 1;

	werase(w);
	if (history_status(H(t)) == HISTORY_FOREIGN || history_status(H(t)) == HISTORY_UNREADABLE ||
	    history_status(H(t)) == HISTORY_UNWRITABLE) {
		rows--;
		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		whatif_draw(w, v->rows - 1, 1, v->cols - 2,
			    _("History is not being saved (see the message when it was opened)."));
		wattrset(w, A_NORMAL);
	}
	if (n == 0) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		whatif_draw(
			w, 0, 1, v->cols - 2,
			history_status(H(t)) == HISTORY_OFF
				? _("No runs yet (--no-history: this session's runs only).")
				: _("No runs yet: every request and what-if rerun is listed here."));
		wattrset(w, A_NORMAL);
		return;
	}
	wattrset(w, A_BOLD);
	/* TRANSLATORS: column headings; MinCap/MaxCap are MinCapacity/MaxCapacity,
	   In/Out the scale-in/out cooldowns in seconds, Latency the ModelLatency. */
	whatif_draw(w, 0, 0, v->cols,
		    _("    #  Time       CPU Inv/inst  Min  Max   In/Out Latency   Trip Result"));
	wattrset(w, A_NORMAL);
	if (h->sel >= n)
		h->sel = n - 1;
	if (rows < 1)
		return;
	if (h->sel < h->top)
		h->top = h->sel;
	if (h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	for (int y = 0; y < rows && h->top + (size_t)y < n; y++) {
		size_t i = h->top + (size_t)y;
		const struct whatif_run *r = nth(t, i);
		char *s = row_text(r);
		attr_t a = A_NORMAL;
		if (i == h->sel)
			a = focused ? tui_attr(v->tui, TUI_SELECTED) : A_BOLD;
		else if (!r->ok)
			a = tui_attr(v->tui, TUI_ERROR);
		wattrset(w, a);
		mvwhline(w, y + 1, 0, ' ', v->cols);
		/* The mark for compare is a character, so it shows in monochrome. */
		whatif_draw(w, y + 1, 0, 1, marked(h, r->id) ? "+" : " ");
		whatif_draw(w, y + 1, 1, v->cols - 1, s);
		wattrset(w, A_NORMAL);
		free(s);
	}
}

static void toggle_mark(struct history_view *h, long long id)
{
	if (h->marks[0] == id) {
		h->marks[0] = h->marks[1];
		h->marks[1] = 0;
	} else if (h->marks[1] == id) {
		h->marks[1] = 0;
	} else {
		if (h->marks[1]) /* a third: the oldest mark goes */
			h->marks[0] = h->marks[1];
		h->marks[h->marks[0] ? 1 : 0] = id;
	}
}

/* `d`: the two marked runs, else the selected one and the run before it. */
static unsigned compare_key(struct history_view *h)
{
	struct tui *t = h->base.tui;
	const struct whatif_run *a = NULL, *b = NULL;

	if (h->marks[0] && h->marks[1]) {
		a = history_find(H(t), h->marks[0]);
		b = history_find(H(t), h->marks[1]);
		if (a && b && a->id > b->id) {
			const struct whatif_run *x = a;
			a = b;
			b = x;
		}
	} else {
		b = nth(h->base.tui, h->sel);
		a = nth(h->base.tui, h->sel + 1);
	}
	if (!a || !b) {
		tui_message(h->base.tui, "%s",
			    _("Compare: mark two runs with Space, then press d."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	compare_view_show(h->base.tui, a, b);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned history_key(struct tui_view *v, int key, bool func);

static char *opt_text(struct opt_int v)
{
	return v.set ? xasprintf("%lld", v.v) : xstrdup("");
}

/* The run's request into the form, every field (an empty one stays empty). */
static void load_run(struct tui *t, const struct whatif_run *r)
{
	char *cpu = opt_text(r->req.cpu), *mn = opt_text(r->req.min_invocations);
	char *mx = opt_text(r->req.max_invocations);

	tui_form_set(t, SCALING_FIELD_JOB, r->req.job_name ? r->req.job_name : "");
	if (r->req.endpoint_name && !r->req.recommendation_id) {
		tui_form_set(t, SCALING_FIELD_RECOMMENDATION_ID, "");
		tui_form_set(t, SCALING_FIELD_ENDPOINT_NAME, r->req.endpoint_name);
	} else {
		tui_form_set(t, SCALING_FIELD_ENDPOINT_NAME, "");
		tui_form_set(t, SCALING_FIELD_RECOMMENDATION_ID,
			     r->req.recommendation_id ? r->req.recommendation_id : "");
	}
	tui_form_set(t, SCALING_FIELD_CPU, cpu);
	tui_form_set(t, SCALING_FIELD_MIN_INVOCATIONS, mn);
	tui_form_set(t, SCALING_FIELD_MAX_INVOCATIONS, mx);
	free(cpu), free(mn), free(mx);
}

/* A click on a run selects it; on the selected run, opens it (as Enter). */
static unsigned history_click(struct tui_view *v, int y, int x)
{
	struct tui *t = v->tui;
	struct history_view *h = (struct history_view *)v;
	size_t i = h->top + (size_t)(y - 1); /* row 0: the headings */

	if (y < 1 || i >= history_count(H(t)))
		return TUI_HANDLED;
	if (i == h->sel)
		return history_key(v, 'v', false); /* its details */
	h->sel = i;
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned history_key(struct tui_view *v, int key, bool func)
{
	struct tui *t = v->tui;
	struct history_view *h = (struct history_view *)v;
	size_t n = history_count(H(t));
	size_t page = v->rows > 2 ? (size_t)v->rows - 2 : 1;

	if (n == 0)
		return TUI_IGNORED;
	if ((func && key == KEY_UP) || (!func && key == 'k')) {
		if (h->sel > 0)
			h->sel--;
	} else if ((func && key == KEY_DOWN) || (!func && key == 'j')) {
		if (h->sel + 1 < n)
			h->sel++;
	} else if (func && key == KEY_PPAGE) {
		h->sel = h->sel > page ? h->sel - page : 0;
	} else if (func && key == KEY_NPAGE) {
		h->sel = h->sel + page < n ? h->sel + page : n - 1;
	} else if ((func && key == KEY_HOME) || (!func && key == 'g')) {
		h->sel = 0;
	} else if ((func && key == KEY_END) || (!func && key == 'G')) {
		h->sel = n - 1;
	} else if ((func && key == KEY_ENTER) || (!func && (key == '\r' || key == '\n'))) {
		load_run(t, nth(t, h->sel));
		tui_message(t,
			    _("Run #%lld is in the form: Enter there sends it (r here reruns it)."),
			    nth(t, h->sel)->id);
		return TUI_HANDLED | TUI_REDRAW | TUI_FOCUS_FORM;
	} else if (!func && key == 'r') {
		load_run(t, nth(t, h->sel));
		return TUI_HANDLED | TUI_REDRAW | tui_send_form(t);
	} else if (!func && key == 'v') {
		history_open_details(v->tui, nth(h->base.tui, h->sel));
	} else if (!func && key == ' ') {
		toggle_mark(h, nth(h->base.tui, h->sel)->id);
	} else if (!func && key == 'd') {
		return compare_key(h);
	} else {
		return TUI_IGNORED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void history_job_done(struct tui_view *v, struct worker_job *job)
{
	struct tui *t = v->tui;
	struct history_view *h = (struct history_view *)v;
	struct rec_job *r = rec_job_of(job);
	struct whatif_run run;

	/* A run that was superseded or cancelled never answered: not a run. */
	if (r == NULL || job->superseded || job->state != WORKER_DONE ||
	    (r->rc != 0 && r->res.kind == AWS_ERR_CANCELLED))
		return;
	memset(&run, 0, sizeof(run));
	whatif_run_from_result(&run, &r->req, r->rc == 0 ? &r->resp : NULL, &r->res,
			       (long long)time(NULL), (long)(worker_job_seconds(job) * 1000 + 0.5));
	if (r->rc != 0 && !run.error_message && r->res.kind == AWS_OK)
		whatif_run_set_error(&run, "config", NULL, _("the request was not sent"));
	/* A rerun that changed nothing is not a new run. */
	size_t n = history_count(H(t));

	if (n == 0 || !whatif_run_same(history_get(H(t), n - 1), &run))
		history_add(H(t), &run);
	whatif_run_free(&run);
	h->sel = 0; /* the newest, at the top */
	show_warnings(v->tui);
}

/* The rows have no room for the job: the info line names the selected
 * run's job and recommendation (or endpoint), so runs of several jobs can
 * be told apart. */
static const char *history_info(struct tui_view *v)
{
	struct history_view *h = (struct history_view *)v;
	const struct whatif_run *r = nth(h->base.tui, h->sel);

	free(h->info);
	h->info = NULL;
	if (r != NULL) {
		char *s = xasprintf("%s  %s", r->req.job_name ? r->req.job_name : "",
				    r->req.recommendation_id ? r->req.recommendation_id
				    : r->req.endpoint_name   ? r->req.endpoint_name
							     : "");

		h->info = sanitize_str(s);
		free(s);
	}
	return h->info;
}

static void history_done(struct tui_view *v)
{
	free(((struct history_view *)v)->info);
}

static const struct tui_key history_keys[] = {
	{ N_("j k / Up Down"), N_("previous / next run") },
	{ N_("Enter"), N_("load the run into the form (edit it, then Enter there sends it)") },
	{ N_("r"), N_("rerun the run (its request into the form, sent at once)") },
	{ N_("v"), N_("the run's full result") },
	{ N_("Space"), N_("mark or unmark the run for compare (two at most)") },
	{ N_("d"), N_("compare the two marked runs (or this run and the one before)") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_view_history = {
	.name = N_("History"),
	.size = sizeof(struct history_view),
	.init = history_init,
	.done = history_done,
	.draw = history_draw,
	.key = history_key,
	.click = history_click,
	.info = history_info,
	.hint = N_("Enter load  r rerun  v details  Space mark  d compare  Tab form"),
	.job_done = history_job_done,
	.keys = history_keys,
};

/* ---- the full result of one run, as a dialog ---- */

struct details_dialog {
	struct tui_view base;
	struct whatif_run run;
	char **lines; /* the heading: time, inputs, error */
	size_t nlines;
	struct treeview tv; /* the response, when there is one */
};

static void add_line(struct details_dialog *d, char *s)
{
	d->lines = xrealloc(d->lines, (d->nlines + 1) * sizeof(char *));
	d->lines[d->nlines++] = s;
}

static void details_init(struct tui_view *v)
{
	struct details_dialog *d = (struct details_dialog *)v;
	const struct whatif_run *r = v->arg;
	struct whatif_run *run = &d->run;

	whatif_run_copy(run, r);
	treeview_init(&d->tv, tui_history(v->tui, TUI_HIST_SEARCH));
	char *t = when(run->time), *cpu = num(run->req.cpu);
	char *mn = num(run->req.min_invocations), *mx = num(run->req.max_invocations);
	add_line(d, xasprintf(_("Run #%lld at %s, %ld ms"), run->id, t, run->elapsed_ms));
	char *in = xasprintf(
		"%s %s  %s %s  TargetCpuUtilizationPerCore %s  Min/MaxInvocationsPerMinute %s/%s",
		run->req.recommendation_id ? "RecommendationId" : "EndpointName",
		run->req.recommendation_id ? run->req.recommendation_id
		: run->req.endpoint_name   ? run->req.endpoint_name
					   : "",
		"InferenceRecommendationsJobName", run->req.job_name ? run->req.job_name : "", cpu,
		mn, mx);
	add_line(d, sanitize_str(in));
	free(in), free(t), free(cpu), free(mn), free(mx);
	if (!run->ok) {
		char *e = xasprintf(_("Error (%s): %s %s"), run->error_kind ? run->error_kind : "",
				    run->error_code ? run->error_code : "",
				    run->error_message ? run->error_message : "");
		add_line(d, sanitize_str(e));
		free(e);
		if (run->request_id) {
			e = xasprintf(_("Request ID: %s"), run->request_id);
			add_line(d, sanitize_str(e));
			free(e);
		}
	}
	if (run->ok && run->response_json) {
		struct scaling_response resp;
		char *err = NULL;
		memset(&resp, 0, sizeof(resp));
		if (scaling_response_parse(run->response_json, strlen(run->response_json), &resp,
					   &err) == 0) {
			resptree_build(&d->tv.tree, &resp);
			treeview_changed(&d->tv);
		} else {
			add_line(d, xasprintf(_("The saved response does not parse: %s"),
					      err ? err : ""));
		}
		free(err);
		scaling_response_free(&resp);
	}
}

static void details_done(struct tui_view *v)
{
	struct details_dialog *d = (struct details_dialog *)v;

	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	treeview_free(&d->tv);
	whatif_run_free(&d->run);
}

static void details_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct details_dialog *d = (struct details_dialog *)v;
	int y = 0;

	werase(w);
	/* Wrapped, not cut: the inputs line holds the CPU target at its end. */
	for (size_t i = 0; i < d->nlines && y < v->rows; i++) {
		wattrset(w, i == 0                 ? A_BOLD
			    : !d->run.ok && i == 2 ? tui_attr(v->tui, TUI_ERROR)
						   : A_NORMAL);
		y += tui_draw_wrapped(w, y, 1, v->cols - 2, v->rows - y, d->lines[i]);
	}
	wattrset(w, A_NORMAL);
	if (d->tv.tree.nrows > 0 && v->rows - y - 1 > 0) {
		WINDOW *sub = derwin(w, v->rows - y - 1, v->cols, y + 1, 0);
		if (sub) {
			treeview_draw(&d->tv, v->tui, sub, focused);
			delwin(sub);
		}
	}
}

static unsigned details_key(struct tui_view *v, int key, bool func)
{
	struct details_dialog *d = (struct details_dialog *)v;

	if (!d->tv.searching && !func && (key == 27 || key == 'q'))
		return TUI_HANDLED | TUI_CLOSE;
	if (d->tv.tree.nrows > 0) {
		int page = v->rows - 1;

		for (size_t i = 0; i < d->nlines; i++)
			page -= tui_wrapped_rows(v->cols - 2, d->lines[i]);
		unsigned r = treeview_key(&d->tv, key, func, page > 1 ? page : 1);
		if (r != TUI_IGNORED)
			return r;
	}
	return TUI_HANDLED;
}

static const struct tui_view_ops details_dialog_ops = {
	.name = N_("Run"),
	.size = sizeof(struct details_dialog),
	.init = details_init,
	.done = details_done,
	.draw = details_draw,
	.key = details_key,
	.hint = N_("arrows scroll  Esc close"),
};

void history_open_details(struct tui *t, const struct whatif_run *run)
{
	if (run)
		tui_open_modal(t, &details_dialog_ops, (void *)run);
}

/* The Replay view: the form's recommendation (or its benchmarked endpoint)
 * replayed over a window of traffic, a week unless `w` chooses another
 * (src/replay: our model of target tracking).  `l` loads the job's
 * candidates and the traffic (synthetic by default, `t` for another
 * source: csv:FILE, cloudwatch[:ENDPOINT[:VARIANT]], plain cloudwatch
 * for the form's endpoint) on the worker; from
 * then on every answer of the form's recommendation, what-if keys
 * included, is replayed at once.  `v` shows the chart of traffic and
 * instances with the summary under it, `a` the Candidates table (every
 * recommendation of the job at the current CPU target, the cheapest
 * without an overloaded minute marked).  The Sweep view asks
 * replay_tui_point for its cost and overloaded-minutes columns. */
#include "config.h"
#include "replay/replay_chart.h"
#include "replay/replay_set.h"
#include "replay/traffic.h"
#include "sagemaker/jobs.h"
#include "sagemaker/metricdata.h"
#include "tui/recjob.h"
#include "tui/views.h"
#include "tui/whatif.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DURATION_MIN (7 * 1440) /* the window unless `w` sets another */
#define SOURCE_MAX 200

/* Main-thread state, shared by the view and its dialogs: the view owns it. */
struct replay_state {
	char source[SOURCE_MAX + 1]; /* the --traffic syntax; "" = diurnal */
	long long minutes;           /* the window of synthetic and CloudWatch traffic */
	long long from;              /* its start; 0: it ends now (synthetic: last midnight) */
	bool loading, loaded;
	unsigned long load_job, cand_job;
	unsigned gen;                  /* bumped on each load (the Sweep view's cache) */
	char *job, *rec_id, *endpoint; /* what was loaded for (rec_id or endpoint) */
	struct traffic t;
	char *traffic_note;      /* how the synthetic range was chosen, or NULL */
	struct replay_set cands; /* every recommendation of the job; rows from `a` */
	long cand;               /* the form's recommendation among them, or -1 */
	int cand_cpu;            /* the CPU target of the rows */
	bool have;               /* a replay of the last answer */
	int cpu;
	struct replay_config cfg;
	struct replay_result res;
	struct replay_minute *tl;
	char *error; /* why the last answer could not be replayed */
	/* replay_tui_point's answers, per CPU target (gen: the state's gen + 1 when valid) */
	struct {
		unsigned gen;
		unsigned long hash;
		bool ok;
		struct replay_result res;
	} cache[SWEEP_CPU_MAX + 1];
};

struct replay_view {
	struct tui_view base;
	struct replay_state s;
};

static struct replay_state *state(struct tui *t)
{
	return &((struct replay_view *)tui_find_view(t, &tui_view_replay))->s;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Whether candidate c is the recommendation rec_id, or (without one) the
 * benchmarked endpoint. */
static bool is_candidate(const struct replay_candidate *c, const char *rec_id, const char *endpoint)
{
	return rec_id ? same(c->recommendation_id, rec_id)
		      : !c->recommendation_id && same(c->endpoint_name, endpoint);
}

static void set_error(struct replay_state *R, char *msg)
{
	free(R->error);
	R->error = msg;
}

/* ---- the load job (worker thread) ---- */

struct load_job {
	struct worker_job base;
	char *job, *rec_id, *endpoint, *source;
	char *form_endpoint; /* plain "cloudwatch": this endpoint's traffic */
	long long minutes, from;
	double lo, hi;
	bool has_objective;
	/* output */
	char *error;
	struct replay_set cands;
	struct traffic t;
	char *note;
};

static int load_traffic(struct load_job *l, struct aws_client *c, atomic_bool *cancel)
{
	const char *src = l->source;
	long long now = (long long)time(NULL);

	now -= now % 60;
	if (strncmp(src, "csv:", 4) == 0)
		return traffic_csv_load(src + 4, &l->t, &l->error);
	if (strcmp(src, "cloudwatch") == 0 && !l->form_endpoint) {
		l->error = xstrdup(_("cloudwatch: the form names no endpoint: give one there or "
				     "choose cloudwatch:ENDPOINT"));
		return -1;
	}
	if (strncmp(src, "cloudwatch:", 11) == 0 || strcmp(src, "cloudwatch") == 0) {
		char ep[64] = "", var[64] = "AllTraffic";
		const char *e = src[10] ? src + 11 : l->form_endpoint, *colon = strchr(e, ':');
		size_t el = colon ? (size_t)(colon - e) : strlen(e);
		if (el == 0 || el >= sizeof(ep) || (colon && strlen(colon + 1) >= sizeof(var))) {
			l->error = xstrdup(
				_("--traffic cloudwatch:ENDPOINT:VARIANT: names are 1 to 63 "
				  "letters, digits and hyphens"));
			return -1;
		}
		memcpy(ep, e, el);
		if (colon && colon[1])
			strcpy(var, colon + 1);
		long long end = l->from ? l->from + l->minutes * 60 : now;
		struct metricdata_query q = { ep, var, end - l->minutes * 60, end, 0 };
		struct metricdata_series s;
		struct aws_result res;
		if (metricdata_invocations(c, &q, cancel, &s, &res) != 0) {
			l->error =
				xasprintf("GetMetricData: %s", res.error_message ? res.error_message
							       : res.error_code  ? res.error_code
										 : "");
			aws_result_free(&res);
			return -1;
		}
		aws_result_free(&res);
		traffic_from_points(s.times, s.values, s.n, q.start, q.end, &l->t);
		char *se = sanitize_str(ep), *sv = sanitize_str(var);
		l->t.source = xasprintf(
			P_("CloudWatch AWS/SageMaker Invocations of %s/%s (%zu page)",
			   "CloudWatch AWS/SageMaker Invocations of %s/%s (%zu pages)", s.pages),
			se, sv, s.pages);
		free(se);
		free(sv);
		metricdata_series_free(&s);
		return 0;
	}
	struct traffic_synth sy;
	if (traffic_synth_parse(*src ? src : "diurnal", &sy, &l->error) < 0)
		return -1;
	double lo = l->lo, hi = l->hi;
	if (!l->has_objective && !sy.has_from_to) {
		/* No objective in the form: swing around one candidate's peak. */
		const struct replay_candidate *k = NULL;
		for (size_t i = 0; i < l->cands.ncands; i++) {
			const struct replay_candidate *x = &l->cands.cands[i];

			if (is_candidate(x, l->rec_id, l->endpoint))
				k = x;
		}
		double peak = k && k->max_invocations > 0 ? k->max_invocations : 1000;
		lo = floor(peak * 0.1);
		hi = floor(peak * 2);
		l->note = xasprintf(_("no objective in the form: between %.0f and %.0f per minute "
				      "(0.1 and 2 times the benchmark's MaxInvocations)"),
				    lo, hi);
	}
	traffic_synth_make(&sy, lo, hi, l->from ? l->from : now - now % 86400 - l->minutes * 60,
			   (size_t)l->minutes, 1, &l->t);
	return 0;
}

/* The form names a benchmarked endpoint instead of a recommendation: it
 * joins the job's recommendations as one more candidate (its
 * EndpointPerformances entry). */
static int add_endpoint(struct replay_set *cands, const struct jobs_detail *d, const char *endpoint,
			char **err)
{
	struct replay_set one = { 0 };

	if (replay_set_candidates(&one, d, NULL, endpoint, false, err) < 0)
		return -1;
	cands->cands = xrealloc(cands->cands, (cands->ncands + 1) * sizeof(*cands->cands));
	cands->cands[cands->ncands++] = one.cands[0];
	one.ncands = 0;
	replay_set_free(&one);
	return 0;
}

static void load_run(struct worker_job *j, void *ctx)
{
	struct load_job *l = (struct load_job *)j;
	struct tui_ctx *tc = ctx;
	struct jobs_detail d;
	struct aws_result res;

	if (jobs_describe(tc->client, l->job, &j->cancel, &d, &res) != 0) {
		l->error = xasprintf("DescribeInferenceRecommendationsJob: %s",
				     res.error_message ? res.error_message
				     : res.error_code  ? res.error_code
						       : "");
		aws_result_free(&res);
		return;
	}
	aws_result_free(&res);
	if (replay_set_candidates(&l->cands, &d, NULL, NULL, true, &l->error) == 0 &&
	    (!l->endpoint || add_endpoint(&l->cands, &d, l->endpoint, &l->error) == 0))
		load_traffic(l, tc->client, &j->cancel);
	jobs_detail_free(&d);
}

static void load_free(struct worker_job *j)
{
	struct load_job *l = (struct load_job *)j;

	free(l->job);
	free(l->rec_id);
	free(l->endpoint);
	free(l->form_endpoint);
	free(l->source);
	free(l->error);
	free(l->note);
	replay_set_free(&l->cands);
	traffic_free(&l->t);
	free(l);
}

static const struct worker_job_ops load_ops = { "replay-load", load_run, load_free };

/* ---- the candidates job (worker thread): each one's recommendation ---- */

struct cand_job {
	struct worker_job base;
	struct scaling_request req; /* the form's, recommendation id replaced per candidate */
	char **ids, **endpoints;    /* per candidate: one of the two is set */
	size_t n;
	struct whatif_run *runs; /* output, one per id */
};

static void cand_run(struct worker_job *j, void *ctx)
{
	struct cand_job *c = (struct cand_job *)j;
	struct tui_ctx *tc = ctx;

	for (size_t i = 0; i < c->n && !atomic_load(&j->cancel); i++) {
		struct scaling_request r = c->req;
		struct scaling_response resp;
		struct aws_result res;
		r.recommendation_id = c->ids[i];
		r.endpoint_name = c->endpoints[i];
		memset(&resp, 0, sizeof(resp));
		int rc = scaling_get_recommendation(tc->client, &r, &j->cancel, &resp, &res);
		whatif_run_from_result(&c->runs[i], &r, rc == 0 ? &resp : NULL, &res,
				       (long long)time(NULL), 0);
		if (rc == 0)
			scaling_response_free(&resp);
		aws_result_free(&res);
	}
}

static void cand_free(struct worker_job *j)
{
	struct cand_job *c = (struct cand_job *)j;

	for (size_t i = 0; i < c->n; i++) {
		free(c->ids[i]);
		free(c->endpoints[i]);
		whatif_run_free(&c->runs[i]);
	}
	free(c->ids);
	free(c->endpoints);
	free(c->runs);
	scaling_request_free(&c->req);
	free(c);
}

static const struct worker_job_ops cand_ops = { "replay-candidates", cand_run, cand_free };

/* ---- replaying an answer (main thread) ---- */

/* Whether a request is for what was loaded: the same job, and the same
 * recommendation or endpoint. */
static bool loaded_for(const struct replay_state *R, const char *job, const char *rec_id,
		       const char *endpoint)
{
	return same(job, R->job) &&
	       (R->rec_id ? same(rec_id, R->rec_id) : !rec_id && same(endpoint, R->endpoint));
}

/* The configuration of response r for the loaded candidate. */
static int config_of(struct replay_state *R, const struct scaling_response *r, long cand,
		     struct replay_config *cfg, char **err)
{
	const struct replay_candidate *c = &R->cands.cands[cand];

	return replay_config_from_response(r, c->max_invocations, c->cpu_at_max, c->cost_per_hour,
					   REPLAY_DEFAULT_WARMUP_MIN, cfg, err);
}

static void replay_response(struct replay_state *R, const struct scaling_response *r)
{
	char *err = NULL;

	R->have = false;
	if (!R->loaded || R->cand < 0 ||
	    !loaded_for(R, r->job_name, r->recommendation_id, r->endpoint_name))
		return;
	if (config_of(R, r, R->cand, &R->cfg, &err) < 0) {
		set_error(R, err);
		return;
	}
	set_error(R, NULL);
	R->tl = xrealloc(R->tl, (R->t.n ? R->t.n : 1) * sizeof(*R->tl));
	replay_run(&R->cfg, R->t.v, R->t.n, R->tl, &R->res);
	R->cpu = r->cpu.set ? (int)r->cpu.v : 50;
	R->have = true;
}

bool replay_tui_point(struct tui *t, const struct scaling_request *req,
		      const struct whatif_run *run, struct replay_result *out)
{
	struct replay_state *R = state(t);
	struct scaling_response resp;
	struct replay_config cfg;
	char *err = NULL;

	if (!R->loaded || R->cand < 0 || !run->ok || !run->response_json || !req ||
	    !loaded_for(R, req->job_name, req->recommendation_id, req->endpoint_name))
		return false;
	int cpu = run->req.cpu.set ? (int)run->req.cpu.v : 50;
	if (cpu < 0 || cpu > SWEEP_CPU_MAX)
		return false;
	unsigned long h = 5381;
	for (const char *p = run->response_json; *p; p++)
		h = h * 33 + (unsigned char)*p;
	if (R->cache[cpu].gen == R->gen + 1 && R->cache[cpu].hash == h) {
		*out = R->cache[cpu].res;
		return R->cache[cpu].ok;
	}
	bool ok = scaling_response_parse(run->response_json, strlen(run->response_json), &resp,
					 &err) == 0;
	free(err);
	err = NULL;
	if (ok) {
		ok = config_of(R, &resp, R->cand, &cfg, &err) == 0;
		scaling_response_free(&resp);
		free(err);
	}
	if (ok)
		replay_run(&cfg, R->t.v, R->t.n, NULL, out);
	R->cache[cpu].gen = R->gen + 1;
	R->cache[cpu].hash = h;
	R->cache[cpu].ok = ok;
	R->cache[cpu].res = ok ? *out : (struct replay_result){ 0 };
	return ok;
}

static void start_load(struct tui *t)
{
	struct replay_state *R = state(t);
	struct scaling_request r;
	char *err = NULL;

	memset(&r, 0, sizeof(r));
	if (tui_form_request(t, &r, &err) != 0) {
		tui_message(t,
			    _("Replay: the form needs a job and a recommendation id or an "
			      "endpoint name (%s)"),
			    err ? err : _("invalid input"));
		free(err);
		scaling_request_free(&r);
		return;
	}
	struct load_job *l = xcalloc(1, sizeof(*l));
	worker_job_init(&l->base, &load_ops);
	l->job = xstrdup(r.job_name);
	l->rec_id = r.recommendation_id ? xstrdup(r.recommendation_id) : NULL;
	l->endpoint = !r.recommendation_id && r.endpoint_name ? xstrdup(r.endpoint_name) : NULL;
	l->source = xstrdup(R->source);
	l->form_endpoint = r.endpoint_name ? xstrdup(r.endpoint_name) : NULL;
	l->minutes = R->minutes > 0 ? R->minutes : DURATION_MIN;
	l->from = R->from;
	l->has_objective = r.min_invocations.set && r.max_invocations.set;
	l->lo = r.min_invocations.set ? (double)r.min_invocations.v : 0;
	l->hi = r.max_invocations.set ? (double)r.max_invocations.v : l->lo;
	scaling_request_free(&r);
	R->loading = true;
	R->load_job = tui_submit(t, &l->base, true);
	tui_message(t, "%s", _("Replay: loading the job's candidates and the traffic..."));
}

static void load_done(struct tui *t, struct load_job *l)
{
	struct replay_state *R = state(t);
	R->loading = false;
	if (l->error) {
		char *e = sanitize_str(l->error);
		tui_message(t, _("Replay: %s"), e);
		free(e);
		return;
	}
	replay_set_free(&R->cands);
	traffic_free(&R->t);
	free(R->job);
	free(R->rec_id);
	free(R->endpoint);
	free(R->traffic_note);
	R->cands = l->cands;
	memset(&l->cands, 0, sizeof(l->cands));
	R->t = l->t;
	memset(&l->t, 0, sizeof(l->t));
	R->traffic_note = l->note;
	l->note = NULL;
	R->job = xstrdup(l->job);
	R->rec_id = l->rec_id ? xstrdup(l->rec_id) : NULL;
	R->endpoint = l->endpoint ? xstrdup(l->endpoint) : NULL;
	R->cand = -1;
	for (size_t i = 0; i < R->cands.ncands; i++) {
		const struct replay_candidate *k = &R->cands.cands[i];

		if (is_candidate(k, R->rec_id, R->endpoint))
			R->cand = (long)i;
	}
	R->loaded = true;
	R->gen++;
	R->have = false;
	const struct scaling_response *last = tui_last_response(t);
	if (last)
		replay_response(R, last);
	if (R->t.points == 0)
		tui_message(t, "%s",
			    _("Replay: the traffic has no data in that range: nothing to replay"));
	else if (!R->have)
		tui_message(t, "%s", _("Replay: loaded; send the form (F5) to replay its answer"));
	else
		tui_message(t,
			    P_("Replay: %zu minute of traffic loaded and replayed",
			       "Replay: %zu minutes of traffic loaded and replayed", R->t.n),
			    R->t.n);
}

static void start_candidates(struct tui *t)
{
	struct replay_state *R = state(t);
	struct scaling_request r;
	char *err = NULL;

	if (!R->loaded || R->loading) {
		tui_message(t, "%s", _("Replay: load first (l)"));
		return;
	}
	memset(&r, 0, sizeof(r));
	if (tui_form_request(t, &r, &err) != 0) {
		tui_message(t, _("Replay: fix the form first (%s)"),
			    err ? err : _("invalid input"));
		free(err);
		return;
	}
	struct cand_job *c = xcalloc(1, sizeof(*c));
	worker_job_init(&c->base, &cand_ops);
	c->req = r;
	c->n = R->cands.ncands;
	c->ids = xcalloc(c->n + 1, sizeof(char *));
	c->endpoints = xcalloc(c->n + 1, sizeof(char *));
	c->runs = xcalloc(c->n + 1, sizeof(*c->runs));
	for (size_t i = 0; i < c->n; i++) {
		const struct replay_candidate *k = &R->cands.cands[i];

		if (k->recommendation_id)
			c->ids[i] = xstrdup(k->recommendation_id);
		else
			c->endpoints[i] = xstrdup(k->endpoint_name ? k->endpoint_name : "");
	}
	R->cand_job = tui_submit(t, &c->base, true);
	tui_message(t, "%s", _("Replay: asking for every candidate's recommendation..."));
}

static void open_candidates(struct tui *t);

static void cand_done(struct tui *t, struct cand_job *c)
{
	struct replay_state *R = state(t);
	/* Rows only: the candidates stay. */
	for (size_t i = 0; i < R->cands.nrows; i++) {
		free(R->cands.rows[i].error);
		whatif_run_free(&R->cands.rows[i].run);
	}
	free(R->cands.rows);
	R->cands.rows = NULL;
	R->cands.nrows = 0;
	R->cands.warmup_min = REPLAY_DEFAULT_WARMUP_MIN;
	R->cand_cpu = c->req.cpu.set ? (int)c->req.cpu.v : 50;
	for (size_t i = 0; i < c->n && i < R->cands.ncands; i++) {
		struct sweep_point p = { R->cand_cpu, SWEEP_DONE, c->runs[i] };
		replay_set_add(&R->cands, i, &p, 1, &R->t);
	}
	open_candidates(t);
}

/* ---- drawing ---- */

/* The window in words: "7 days", "36 hours", "90 minutes". */
static char *window_text(const struct replay_state *R)
{
	long long m = R->minutes > 0 ? R->minutes : DURATION_MIN;

	if (R->from) {
		char *a = traffic_format_time(R->from), *b = traffic_format_time(R->from + m * 60);
		char *s = xasprintf(_("%s to %s"), a, b);
		free(a);
		free(b);
		return s;
	}
	if (m % 1440 == 0)
		return xasprintf(P_("%lld day", "%lld days", (unsigned long)(m / 1440)), m / 1440);
	if (m % 60 == 0)
		return xasprintf(P_("%lld hour", "%lld hours", (unsigned long)(m / 60)), m / 60);
	return xasprintf(P_("%lld minute", "%lld minutes", (unsigned long)m), m);
}

static char *summary_line(struct replay_state *R)
{
	const struct replay_result *x = &R->res;
	const char *label = replay_candidate_label(&R->cands.cands[R->cand]);
	char *cost = x->has_cost ? xasprintf(_("cost %.2f"), x->cost) : xstrdup(_("cost unknown"));
	char *s = xasprintf(
		_("%s at CPU %d%%: capacity %d-%d; %.1f instance-hours, %s; peak %d, "
		  "mean %.2f instances; %d scale-outs, %d scale-ins; %zu minutes overloaded "
		  "(%.0f invocations); mean CPU %.1f%%"),
		label, R->cpu, R->cfg.min_capacity, R->cfg.max_capacity, x->instance_hours, cost,
		x->peak_instances, x->mean_instances, x->scale_out_events, x->scale_in_events,
		x->overloaded_minutes, x->overloaded_invocations, x->mean_utilisation);
	free(cost);
	return s;
}

/* What was read, the summary, and why not when there is none: from y on,
 * at most rows rows; returns the rows used. */
static int draw_text(struct tui_view *v, WINDOW *w, int y, int rows)
{
	struct replay_state *R = state(v->tui);
	int used = 0, width = v->cols - 2;

	if (!R->loaded) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		char *what = R->loading ? NULL : window_text(R);
		char *help =
			what ? xasprintf(_("Replays the form's recommendation (or its endpoint) "
					   "over %s of traffic: l loads the job's candidates "
					   "and the traffic (t: another source, w: another "
					   "window)."),
					 what)
			     : NULL;

		used += whatif_draw_wrapped(w, y, 1, width, rows, help ? help : _("Loading..."));
		free(help);
		free(what);
		wattrset(w, A_NORMAL);
		return used;
	}
	char *d = traffic_describe(&R->t);
	used += tui_draw_wrapped(w, y, 1, width, rows > 3 ? 3 : rows, d);
	free(d);
	if (R->traffic_note && used < rows) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		used += tui_draw_wrapped(w, y + used, 1, width, 1, R->traffic_note);
		wattrset(w, A_NORMAL);
	}
	if (used >= rows)
		return used;
	if (R->have) {
		char *s = summary_line(R);
		wattrset(w, R->res.overloaded_minutes ? tui_attr(v->tui, TUI_ERROR) : A_NORMAL);
		used += tui_draw_wrapped(w, y + used, 1, width, rows - used, s);
		wattrset(w, A_NORMAL);
		free(s);
	} else {
		wattrset(w, tui_attr(v->tui, R->error ? TUI_ERROR : TUI_DIM));
		char *e = R->error ? sanitize_str(R->error) : NULL;
		used += tui_draw_wrapped(
			w, y + used, 1, width, rows - used,
			e ? e
			: R->cand < 0
				? _("The form's recommendation is not one of the job's.")
				: _("Send the form (F5, or a what-if key) to replay its answer."));
		free(e);
		wattrset(w, A_NORMAL);
	}
	return used;
}

static void replay_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	werase(w);
	draw_text(v, w, 0, v->rows);
	(void)focused;
}

static attr_t class_attr(struct tui *t, char c)
{
	switch (c) {
	case RCHART_C_TRAFFIC: return tui_attr(t, TUI_FRAME_FOCUS);
	case RCHART_C_INSTANCES: return tui_attr(t, TUI_OK) | A_BOLD;
	case RCHART_C_OVER: return tui_attr(t, TUI_ERROR) | A_BOLD;
	case RCHART_C_GAP: return tui_attr(t, TUI_DIM);
	case RCHART_C_AXIS: return tui_attr(t, TUI_FRAME);
	default: return A_NORMAL;
	}
}

static void draw_chart_line(struct tui *t, WINDOW *w, int y, int width, const struct rchart_line *l)
{
	const char *s = l->text;
	size_t len = strlen(s), cell = 0;
	int x = 0;

	while (*s && x < width) {
		char c = l->cls[cell];
		const char *start = s;
		while (*s && l->cls[cell] == c) {
			uint32_t cp;
			size_t k = utf8_decode(s, len - (size_t)(s - l->text), &cp);
			s += k ? k : 1;
			cell++;
		}
		char *part = xstrndup(start, (size_t)(s - start));
		wattrset(w, class_attr(t, c));
		x += tui_draw_text(w, y, x, width - x, 0, part);
		free(part);
	}
	wattrset(w, A_NORMAL);
}

/* ---- the chart dialog ---- */

static void chart_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct replay_state *R = state(v->tui);
	werase(w);
	int text_rows = v->rows >= 18 ? 6 : 4;
	int chart_rows = v->rows - text_rows;
	struct rchart c;

	if (R->have && replay_chart_render(R->tl, R->t.n, R->t.start, v->cols, chart_rows,
					   tui_ascii(v->tui), &c) == 0) {
		for (size_t i = 0; i < c.n; i++)
			draw_chart_line(v->tui, w, (int)i, v->cols, &c.lines[i]);
		replay_chart_free(&c);
	} else if (R->have) {
		whatif_draw(w, 0, 0, v->cols, _("The terminal is too small for the chart."));
	}
	draw_text(v, w, R->have ? chart_rows : 0, R->have ? text_rows : v->rows);
	(void)focused;
}

static unsigned whatif_keys(struct tui *t, int key)
{
	switch (key) {
	case '+': return whatif_rerun(t, NULL, 1);
	case '-': return whatif_rerun(t, NULL, -1);
	case '}': return whatif_rerun(t, NULL, 5);
	case '{': return whatif_rerun(t, NULL, -5);
	case ')': return whatif_rerun(t, NULL, 10);
	case '(': return whatif_rerun(t, NULL, -10);
	}
	return TUI_IGNORED;
}

static unsigned chart_key(struct tui_view *v, int key, bool func)
{
	if (func)
		return TUI_HANDLED;
	if (key == 27 || key == 'q' || key == 'v')
		return TUI_HANDLED | TUI_CLOSE;
	unsigned r = whatif_keys(v->tui, key);
	/* The rerun goes to the worker; the dialog stays and redraws when
	 * the answer comes. */
	return r == TUI_IGNORED ? TUI_HANDLED : (r & ~(unsigned)TUI_FOCUS_FORM) | TUI_HANDLED;
}

static const struct tui_view_ops chart_dialog_ops = {
	.name = N_("Replay chart"),
	.size = sizeof(struct tui_view),
	.draw = chart_draw,
	.key = chart_key,
	.hint = N_("+ - } { ) ( what if  q close"),
};

/* ---- the candidates dialog ---- */

static void cands_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct replay_state *R = state(v->tui);
	long best = replay_set_cheapest(&R->cands);
	char *head = xasprintf(_("Candidates at CPU %d%%, %zu minutes of traffic (* cheapest with "
				 "no overloaded minute):"),
			       R->cand_cpu, R->t.n);
	int y = 0;

	werase(w);
	wattrset(w, A_BOLD);
	y += tui_draw_wrapped(w, y, 1, v->cols - 2, 2, head);
	free(head);
	/* TRANSLATORS: column headings of the candidates table. */
	whatif_draw(w, y++, 1, v->cols - 2,
		    _("  Instance type   Min Max  Inst-h     Cost Peak  OvMin  Recommendation"));
	wattrset(w, A_NORMAL);
	for (size_t i = 0; i < R->cands.nrows && y < v->rows - 1; i++, y++) {
		const struct replay_row *r = &R->cands.rows[i];
		const struct replay_candidate *c = &R->cands.cands[r->candidate];
		char *label = sanitize_str(c->instance_type ? c->instance_type : "-");
		/* The id's part after the job name: the rest is the job's. */
		const char *rid = c->recommendation_id ? c->recommendation_id : "";
		char *id = sanitize_str(strrchr(rid, '/') ? strrchr(rid, '/') + 1 : rid);
		char *line;
		if (r->ok) {
			char *cost =
				r->res.has_cost ? xasprintf("%.2f", r->res.cost) : xstrdup("-");
			line = xasprintf("%c %-15s %3d %3d %7.1f %8s %4d %6zu  %s",
					 (long)i == best ? '*' : ' ', label, r->cfg.min_capacity,
					 r->cfg.max_capacity, r->res.instance_hours, cost,
					 r->res.peak_instances, r->res.overloaded_minutes, id);
			free(cost);
			wattrset(w, (long)i == best             ? tui_attr(v->tui, TUI_OK) | A_BOLD
				    : r->res.overloaded_minutes ? tui_attr(v->tui, TUI_ERROR)
								: A_NORMAL);
		} else {
			line = xasprintf("  %-15s %s %s", label, _("FAILED"),
					 r->error ? r->error : "");
			wattrset(w, tui_attr(v->tui, TUI_ERROR));
		}
		whatif_draw(w, y, 1, v->cols - 2, line);
		wattrset(w, A_NORMAL);
		free(line);
		free(label);
		free(id);
	}
	if (best < 0 && R->cands.nrows && y < v->rows - 1)
		whatif_draw_wrapped(
			w, y, 1, v->cols - 2, 2,
			_("No candidate kept up with the traffic at this CPU target: none qualifies."));
	(void)focused;
}

static unsigned cands_key(struct tui_view *v, int key, bool func)
{
	if (!func && (key == 27 || key == 'q' || key == 'a'))
		return TUI_HANDLED | TUI_CLOSE;
	return TUI_HANDLED;
}

static const struct tui_view_ops cands_dialog_ops = {
	.name = N_("Candidates"),
	.size = sizeof(struct tui_view),
	.draw = cands_draw,
	.key = cands_key,
	.hint = N_("q close"),
};

static void open_candidates(struct tui *t)
{
	tui_open_modal(t, &cands_dialog_ops, NULL);
}

/* ---- the traffic source dialog ---- */

struct source_dialog {
	struct tui_view base;
	struct lineedit text;
	char *error;
};

static void source_init(struct tui_view *v)
{
	struct replay_state *R = state(v->tui);
	struct source_dialog *d = (struct source_dialog *)v;

	lineedit_init(&d->text, SOURCE_MAX, NULL, NULL);
	lineedit_set(&d->text, *R->source ? R->source : "diurnal");
}

static void source_done(struct tui_view *v)
{
	struct source_dialog *d = (struct source_dialog *)v;

	free(d->error);
	lineedit_free(&d->text);
}

static void source_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct source_dialog *d = (struct source_dialog *)v;

	whatif_prompt_draw(
		v, w, _("Traffic (diurnal, step:AT:FROM:TO, csv:FILE, cloudwatch[:EP[:VAR]]):"),
		&d->text, d->error, _("Enter: load   Esc: cancel"));
	(void)focused;
}

/* One key in a dialog's prompt.  Returns true on Enter, with the error
 * cleared; otherwise false with what the key did in *ret. */
static bool prompt_step(struct source_dialog *d, int key, bool func, unsigned *ret)
{
	free(d->error);
	d->error = NULL;
	switch (whatif_prompt_key(&d->text, key, func)) {
	case WHATIF_PROMPT_ESC: *ret = TUI_HANDLED | TUI_CLOSE; return false;
	case WHATIF_PROMPT_EDITED: *ret = TUI_HANDLED | TUI_REDRAW; return false;
	case WHATIF_PROMPT_ENTER: break;
	}
	return true;
}

static unsigned source_key(struct tui_view *v, int key, bool func)
{
	struct replay_state *R = state(v->tui);
	struct source_dialog *d = (struct source_dialog *)v;
	struct traffic_synth s;
	const char *text;
	char *err = NULL;
	unsigned ret;

	if (!prompt_step(d, key, func, &ret))
		return ret;
	text = lineedit_text(&d->text);
	if (strncmp(text, "csv:", 4) != 0 && strncmp(text, "cloudwatch:", 11) != 0 &&
	    strcmp(text, "cloudwatch") != 0 && traffic_synth_parse(text, &s, &err) < 0) {
		d->error = err;
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(R->source, sizeof(R->source), "%s", text);
	start_load(v->tui);
	return TUI_HANDLED | TUI_CLOSE | TUI_REDRAW;
}

static const struct tui_view_ops source_dialog_ops = {
	.name = N_("Replay traffic"),
	.size = sizeof(struct source_dialog),
	.init = source_init,
	.done = source_done,
	.draw = source_draw,
	.key = source_key,
	.modal_rows = 4,
	.modal_cols = 78,
};

/* ---- the window dialog: how much synthetic or CloudWatch traffic ---- */

static void window_init(struct tui_view *v)
{
	struct replay_state *R = state(v->tui);
	struct source_dialog *d = (struct source_dialog *)v;
	long long m = R->minutes > 0 ? R->minutes : DURATION_MIN;
	char *a = R->from ? traffic_format_time(R->from) : NULL;
	char *b = R->from ? traffic_format_time(R->from + m * 60) : NULL;
	char *now = R->from ? xasprintf("%s..%s", a, b) : xasprintf("%lldm", m);

	free(a);
	free(b);

	lineedit_init(&d->text, 64, NULL, NULL);
	lineedit_set(&d->text, now);
	free(now);
}

static void window_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct source_dialog *d = (struct source_dialog *)v;

	/* (a CSV file keeps its own range: the key's help says so) */
	whatif_prompt_draw(
		v, w, _("Window (7d, 36h or FROM..TO):"), &d->text, d->error,
		_("e.g. 2d or 2026-11-02..2026-11-09 (UTC)   Enter: load   Esc: cancel"));
	(void)focused;
}

static unsigned window_key(struct tui_view *v, int key, bool func)
{
	struct replay_state *R = state(v->tui);
	struct source_dialog *d = (struct source_dialog *)v;
	long long minutes, from;
	char *err = NULL;
	unsigned ret;

	if (!prompt_step(d, key, func, &ret))
		return ret;
	if (traffic_parse_window(lineedit_text(&d->text), &minutes, &from, &err) < 0) {
		d->error = err;
		return TUI_HANDLED | TUI_REDRAW;
	}
	R->minutes = minutes;
	R->from = from;
	start_load(v->tui);
	return TUI_HANDLED | TUI_CLOSE | TUI_REDRAW;
}

static const struct tui_view_ops window_dialog_ops = {
	.name = N_("Replay window"),
	.size = sizeof(struct source_dialog),
	.init = window_init,
	.done = source_done,
	.draw = window_draw,
	.key = window_key,
	.modal_rows = 4,
	.modal_cols = 78,
};

/* ---- the view ---- */

static unsigned replay_key(struct tui_view *v, int key, bool func)
{
	if (func)
		return TUI_IGNORED;
	switch (key) {
	case 'l': start_load(v->tui); break;
	case 't': tui_open_modal(v->tui, &source_dialog_ops, NULL); break;
	case 'w': tui_open_modal(v->tui, &window_dialog_ops, NULL); break;
	case 'v': tui_open_modal(v->tui, &chart_dialog_ops, NULL); break;
	case 'a': start_candidates(v->tui); break;
	default: return TUI_IGNORED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void replay_job_done(struct tui_view *v, struct worker_job *job)
{
	struct replay_state *R = state(v->tui);
	struct rec_job *r = rec_job_of(job);

	if (job->ops == &load_ops && job->id == R->load_job) {
		if (job->state == WORKER_DONE)
			load_done(v->tui, (struct load_job *)job);
		else
			R->loading = false;
	} else if (job->ops == &cand_ops && job->id == R->cand_job && job->state == WORKER_DONE) {
		cand_done(v->tui, (struct cand_job *)job);
	} else if (r && r->show && r->rc == 0 && job->state == WORKER_DONE && !job->superseded) {
		replay_response(state(v->tui), &r->resp);
	}
}

static void replay_done(struct tui_view *v)
{
	/* Its own state, not state(): at exit the views before it in the
	 * table are freed already, and tui_find_view would read them. */
	struct replay_state *R = &((struct replay_view *)v)->s;

	replay_set_free(&R->cands);
	traffic_free(&R->t);
	free(R->job);
	free(R->rec_id);
	free(R->endpoint);
	free(R->traffic_note);
	free(R->tl);
	free(R->error);
}

static void replay_init(struct tui_view *v)
{
	((struct replay_view *)v)->s.cand = -1;
}

static const struct tui_key replay_keys[] = {
	{ N_("l"), N_("load the job's candidates and the traffic") },
	{ N_("t"), N_("choose the traffic (synthetic, csv:FILE, cloudwatch[:ENDPOINT])") },
	{ N_("w"), N_("the window of synthetic and CloudWatch traffic (7d or FROM..TO; not CSV)") },
	{ N_("v"), N_("the chart of traffic and instances, the summary under it") },
	{ N_("a"), N_("every candidate at this CPU target, the cheapest marked") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_view_replay = {
	.name = N_("Replay"),
	.size = sizeof(struct replay_view),
	.init = replay_init,
	.done = replay_done,
	.draw = replay_draw,
	.key = replay_key,
	.job_done = replay_job_done,
	.keys = replay_keys,
	.hint = N_("l load  t traffic  w window  v chart  a candidates  ? help"),
};

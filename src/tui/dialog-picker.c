/* The job picker (every page of ListInferenceRecommendationsJobs, completed
 * jobs first, type to filter) and then the job's recommendations or
 * endpoints (DescribeInferenceRecommendationsJob); choosing fills the form. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/actions.h"
#include "tui/text.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

enum stage { STAGE_JOBS, STAGE_RECS };

/* A row of the recommendations stage: a recommendation or an endpoint. */
struct rec_row {
	bool endpoint;
	size_t i; /* index into recs, endpoints, or input_endpoints (+ nendpoints) */
};

struct picker {
	struct tui_view base;
	enum stage stage;
	unsigned long waiting; /* id of the job whose answer we wait for, 0: none */
	char *error;           /* the last call's failure, shown in place of the list */

	struct jobs_list list; /* STAGE_JOBS */
	bool have_list;
	size_t *shown, nshown; /* indexes of list.jobs matching the filter */
	char filter[64];
	size_t sel, top;

	struct jobs_detail detail; /* STAGE_RECS */
	bool have_detail;
	char *job; /* whose recommendations */
	struct rec_row *rows;
	size_t nrows, rsel, rtop;
};

static bool job_matches(const struct jobs_summary *j, const char *filter)
{
	if (!*filter)
		return true;
	size_t n = strlen(filter);

	for (const char *p = j->name ? j->name : ""; *p; p++)
		if (strncasecmp(p, filter, n) == 0)
			return true;
	return false;
}

static void refilter(struct picker *p)
{
	free(p->shown);
	p->shown = xcalloc(p->list.njobs + 1, sizeof(size_t));
	p->nshown = 0;
	for (size_t i = 0; i < p->list.njobs; i++)
		if (job_matches(&p->list.jobs[i], p->filter))
			p->shown[p->nshown++] = i;
	if (p->sel >= p->nshown)
		p->sel = p->nshown ? p->nshown - 1 : 0;
	if (p->top > p->sel)
		p->top = p->sel;
}

static void set_error(struct picker *p, char *msg)
{
	free(p->error);
	p->error = msg;
}

static void load_jobs(struct picker *p)
{
	struct act_list_job *j = act_list_job_new();

	p->stage = STAGE_JOBS;
	set_error(p, NULL);
	p->waiting = tui_submit(p->base.tui, &j->base, true);
}

static void load_recs(struct picker *p, const char *job)
{
	struct act_describe_job *j = act_describe_job_new(job);

	free(p->job);
	p->job = xstrdup(job);
	p->stage = STAGE_RECS;
	p->rsel = p->rtop = 0;
	set_error(p, NULL);
	if (p->have_detail) {
		jobs_detail_free(&p->detail);
		p->have_detail = false;
	}
	p->nrows = 0;
	p->waiting = tui_submit(p->base.tui, &j->base, true);
}

static void build_rows(struct picker *p)
{
	const struct jobs_detail *d = &p->detail;
	size_t n = d->nrecs + d->nendpoints + d->ninput_endpoints;

	free(p->rows);
	p->rows = xcalloc(n + 1, sizeof(*p->rows));
	p->nrows = 0;
	for (size_t i = 0; i < d->nrecs; i++)
		p->rows[p->nrows++] = (struct rec_row){ false, i };
	for (size_t i = 0; i < d->nendpoints; i++)
		p->rows[p->nrows++] = (struct rec_row){ true, i };
	/* endpoints named in the input but without performance figures */
	for (size_t i = 0; i < d->ninput_endpoints; i++) {
		bool seen = false;

		for (size_t k = 0; k < d->nendpoints; k++)
			seen |= d->endpoints[k].endpoint_name &&
				strcmp(d->endpoints[k].endpoint_name, d->input_endpoints[i]) == 0;
		if (!seen)
			p->rows[p->nrows++] = (struct rec_row){ true, d->nendpoints + i };
	}
}

static const char *row_endpoint_name(const struct picker *p, const struct rec_row *r)
{
	if (r->i < p->detail.nendpoints)
		return p->detail.endpoints[r->i].endpoint_name;
	return p->detail.input_endpoints[r->i - p->detail.nendpoints];
}

static void picker_init(struct tui_view *v)
{
	struct picker *p = (struct picker *)v;
	const char *job = v->arg;

	if (job && *job)
		load_recs(p, job);
	else
		load_jobs(p);
}

static void picker_done(struct tui_view *v)
{
	struct picker *p = (struct picker *)v;

	if (p->have_list)
		jobs_list_free(&p->list);
	if (p->have_detail)
		jobs_detail_free(&p->detail);
	free(p->shown);
	free(p->rows);
	free(p->error);
	free(p->job);
	free(v->arg);
}

/* --- drawing ------------------------------------------------------------- */

static void draw_status_line(struct tui_view *v, WINDOW *w, int y, const char *hint)
{
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	tui_draw_text(w, y, 1, v->cols - 2, 0, hint);
	wattrset(w, A_NORMAL);
}

/* The loading/error/empty note in place of a list; true when shown. */
static bool draw_note(struct picker *p, WINDOW *w, int y, bool empty, const char *empty_text)
{
	struct tui_view *v = &p->base;

	if (p->waiting) {
		tui_draw_text(w, y, 1, v->cols - 2, 0, _("Loading..."));
		return true;
	}
	if (p->error) {
		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		tui_draw_text(w, y, 1, v->cols - 2, 0, p->error);
		wattrset(w, A_NORMAL);
		return true;
	}
	if (empty) {
		tui_draw_text(w, y, 1, v->cols - 2, 0, empty_text);
		return true;
	}
	return false;
}

static void scroll_into_view(size_t sel, size_t *top, size_t rows)
{
	if (rows == 0)
		return;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
}

static void draw_jobs(struct picker *p, WINDOW *w)
{
	struct tui_view *v = &p->base;
	int namew = v->cols - 2 - 12 - 9 - 17;
	char *line;

	if (namew < 12)
		namew = 12;
	/* A job name has at most 64 characters: on a wide terminal the other
	 * columns stay next to it instead of across the screen. */
	if (namew > 65)
		namew = 65;
	line = xasprintf(_("Filter: %s"), p->filter);
	tui_draw_text(w, 0, 1, v->cols - 20, 0, line);
	free(line);
	if (p->have_list) {
		line = xasprintf(_("%zu of %zu jobs"), p->nshown, p->list.njobs);
		tui_draw_text(w, 0, v->cols - 18, 17, 0, line);
		free(line);
	}
	wattrset(w, A_BOLD);
	tui_draw_text(w, 1, 1, namew, 0, _("Job"));
	tui_draw_text(w, 1, 1 + namew + 1, 11, 0, _("Status"));
	tui_draw_text(w, 1, 1 + namew + 13, 8, 0, _("Type"));
	tui_draw_text(w, 1, 1 + namew + 22, 16, 0, _("Created"));
	wattrset(w, A_NORMAL);
	int rows = v->rows - 3;

	if (!draw_note(p, w, 2, p->nshown == 0,
		       p->have_list && p->list.njobs ? _("No job matches the filter.")
						     : _("No jobs.")) &&
	    rows > 0) {
		scroll_into_view(p->sel, &p->top, (size_t)rows);
		for (int y = 0; y < rows && p->top + (size_t)y < p->nshown; y++) {
			size_t idx = p->top + (size_t)y;
			const struct jobs_summary *j = &p->list.jobs[p->shown[idx]];
			char *when = jobs_format_time(j->creation_time);

			wattrset(w, idx == p->sel ? tui_attr(v->tui, TUI_SELECTED) : A_NORMAL);
			mvwhline(w, 2 + y, 0, ' ', v->cols);
			tui_draw_untrusted(w, 2 + y, 1, namew, j->name ? j->name : "");
			tui_draw_untrusted(w, 2 + y, 1 + namew + 1, 11,
					   j->status ? j->status : "-");
			tui_draw_untrusted(w, 2 + y, 1 + namew + 13, 8, j->type ? j->type : "-");
			tui_draw_text(w, 2 + y, 1 + namew + 22, 16, 0, when);
			free(when);
		}
		wattrset(w, A_NORMAL);
	}
	draw_status_line(v, w, v->rows - 1,
			 _("Type to filter  Up/Down move  Enter choose  F5 reload  Esc close"));
}

/* prec < 0: scientific with -prec digits */
static char *fmt_double(struct opt_double d, int prec)
{
	if (!d.set)
		return xstrdup("-");
	return prec >= 0 ? xasprintf("%.*f", prec, d.v) : xasprintf("%.*e", -prec, d.v);
}

static char *fmt_int(bool set, long long v)
{
	return set ? xasprintf("%lld", v) : xstrdup("-");
}

/* The numeric columns right of the id and the instance type: labels and
 * widths (each right-aligned, its width holding the gap before it). */
#define NCOLS 7
static const char *const col_labels[NCOLS] = {
	N_("N"), N_("$/hour"), N_("$/infer"), N_("MaxInv"), N_("Latency"), N_("CPU%"), N_("Mem%"),
};
static const int col_widths[NCOLS] = { 3, 7, 9, 7, 8, 6, 6 };
#define INSTANCE_W 15
#define REC_TAIL (1 + INSTANCE_W + 3 + 7 + 9 + 7 + 8 + 6 + 6)

static void draw_right(WINDOW *w, int y, int x, int width, const char *s)
{
	int len = (int)text_width(s); /* columns: a translated label may be UTF-8 */

	tui_draw_text(w, y, x + (len < width ? width - len : 0), width, 0, s);
}

/* The id without the "JOB/" prefix every id of the job shares. */
static const char *short_id(const struct picker *p, const char *id)
{
	size_t n = p->job ? strlen(p->job) : 0;

	if (id && n && strncmp(id, p->job, n) == 0 && id[n] == '/' && id[n + 1])
		return id + n + 1;
	return id;
}

static void draw_rec_row(struct picker *p, WINDOW *w, int y, const struct jobs_recommendation *r,
			 int idw)
{
	char *cells[NCOLS] = {
		fmt_int(r->has_instance_count, r->instance_count),
		fmt_double(r->cost_per_hour, 3),
		fmt_double(r->cost_per_inference, -2),
		fmt_int(r->has_max_invocations, r->max_invocations),
		fmt_int(r->has_model_latency, r->model_latency),
		fmt_double(r->cpu_utilization, 1),
		fmt_double(r->memory_utilization, 1),
	};
	const char *id = short_id(p, r->recommendation_id);
	int x = 1 + idw + 1;

	tui_draw_untrusted(w, y, 1, idw, id ? id : "-");
	tui_draw_untrusted(w, y, x, INSTANCE_W, r->instance_type ? r->instance_type : "-");
	x += INSTANCE_W;
	for (int i = 0; i < NCOLS; i++) {
		char *safe = sanitize_str(cells[i]);

		draw_right(w, y, x, col_widths[i], safe);
		x += col_widths[i];
		free(safe);
		free(cells[i]);
	}
}

static void draw_endpoint_row(struct picker *p, WINDOW *w, int y, const struct rec_row *row,
			      int idw)
{
	const struct jobs_endpoint *e =
		row->i < p->detail.nendpoints ? &p->detail.endpoints[row->i] : NULL;
	const char *name = row_endpoint_name(p, row);
	char *label = xasprintf(_("endpoint %s"), name ? name : "-");

	tui_draw_untrusted(w, y, 1, idw + 1 + INSTANCE_W + 3 + 7 + 9, label);
	free(label);
	if (e) {
		char *mi = fmt_int(e->has_max_invocations, e->max_invocations);
		char *lat = fmt_int(e->has_model_latency, e->model_latency);
		int x = 1 + idw + 1 + INSTANCE_W + 3 + 7 + 9;

		draw_right(w, y, x, col_widths[3], mi);
		draw_right(w, y, x + col_widths[3], col_widths[4], lat);
		free(mi);
		free(lat);
	}
}

/* A job without recommendations because it failed (its FailureReason,
 * from the service: sanitised) or has not finished: says so at row y. */
static bool job_not_done(struct picker *p, WINDOW *w, int y)
{
	struct tui_view *v = &p->base;
	const char *st = p->have_detail ? p->detail.status : NULL;

	if (!st)
		return false;
	if (strcmp(st, "FAILED") == 0) {
		char *raw = xasprintf(_("The job failed: %s"), p->detail.failure_reason
								       ? p->detail.failure_reason
								       : _("no reason given"));
		char *safe = sanitize_str(raw);

		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		tui_draw_wrapped(w, y, 1, v->cols - 2, v->rows - y - 1, safe);
		wattrset(w, A_NORMAL);
		free(safe);
		free(raw);
		return true;
	}
	if (strcmp(st, "PENDING") == 0 || strcmp(st, "IN_PROGRESS") == 0) {
		tui_draw_wrapped(w, y, 1, v->cols - 2, v->rows - y - 1,
				 _("The job is still running: its recommendations come when it "
				   "completes (F5 reloads)."));
		return true;
	}
	return false;
}

static void draw_recs(struct picker *p, WINDOW *w)
{
	struct tui_view *v = &p->base;
	int idw = v->cols - 1 - REC_TAIL - 1;
	char *line;

	if (idw < 10)
		idw = 10;
	if (p->have_detail)
		line = xasprintf(_("Job %s (%s, %s)"), p->job,
				 p->detail.type ? p->detail.type : "-",
				 p->detail.status ? p->detail.status : "-");
	else
		line = xasprintf(_("Job %s"), p->job);
	tui_draw_untrusted(w, 0, 1, v->cols - 2, line);
	free(line);
	wattrset(w, A_BOLD);
	int x = 1 + idw + 1;

	tui_draw_text(w, 1, 1, idw, 0, _("Rec. ID"));
	tui_draw_text(w, 1, x, INSTANCE_W, 0, _("Instance"));
	x += INSTANCE_W;
	for (int i = 0; i < NCOLS; i++) {
		draw_right(w, 1, x, col_widths[i], _(col_labels[i]));
		x += col_widths[i];
	}
	wattrset(w, A_NORMAL);
	/* Three rows below the table for the selected row's whole id,
	 * endpoint and variant (wrapped: at 80 columns it is longer than a row). */
	int rows = v->rows - 6;

	if (p->nrows == 0 && !p->waiting && !p->error && job_not_done(p, w, 2)) {
		/* said why there is nothing to choose */
	} else if (!draw_note(p, w, 2, p->nrows == 0,
			      _("This job has no recommendations or endpoints.")) &&
		   rows > 0) {
		scroll_into_view(p->rsel, &p->rtop, (size_t)rows);
		for (int y = 0; y < rows && p->rtop + (size_t)y < p->nrows; y++) {
			size_t idx = p->rtop + (size_t)y;
			const struct rec_row *r = &p->rows[idx];

			wattrset(w, idx == p->rsel ? tui_attr(v->tui, TUI_SELECTED) : A_NORMAL);
			mvwhline(w, 2 + y, 0, ' ', v->cols);
			if (r->endpoint)
				draw_endpoint_row(p, w, 2 + y, r, idw);
			else
				draw_rec_row(p, w, 2 + y, &p->detail.recs[r->i], idw);
		}
		wattrset(w, A_NORMAL);
		/* the whole id of the selected row, which the column may cut */
		if (p->rsel < p->nrows && !p->rows[p->rsel].endpoint) {
			const struct jobs_recommendation *r = &p->detail.recs[p->rows[p->rsel].i];
			char *full = xasprintf(
				_("%s  %s  endpoint %s, variant %s  (latency: unit not documented)"),
				r->recommendation_id ? r->recommendation_id : "-",
				r->instance_type ? r->instance_type : "-",
				r->endpoint_name ? r->endpoint_name : "-",
				r->variant_name ? r->variant_name : "-");

			char *safe = sanitize_str(full);

			tui_draw_wrapped(w, v->rows - 4, 1, v->cols - 2, 3, safe);
			free(safe);
			free(full);
		}
	}
	draw_status_line(v, w, v->rows - 1,
			 _("Enter fill  s fill and send  Backspace jobs  F5 reload  Esc close"));
}

static void picker_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct picker *p = (struct picker *)v;

	werase(w);
	if (p->stage == STAGE_JOBS)
		draw_jobs(p, w);
	else
		draw_recs(p, w);
	(void)focused;
}

/* --- keys ---------------------------------------------------------------- */

static void move_sel(size_t *sel, size_t n, long delta)
{
	if (n == 0)
		return;
	long s = (long)*sel + delta;

	if (s < 0)
		s = 0;
	if (s >= (long)n)
		s = (long)n - 1;
	*sel = (size_t)s;
}

static unsigned choose_job(struct picker *p)
{
	if (p->nshown == 0)
		return TUI_HANDLED;
	const char *name = p->list.jobs[p->shown[p->sel]].name;

	if (!name)
		return TUI_HANDLED;
	tui_form_set(p->base.tui, SCALING_FIELD_JOB, name);
	act_set_picked_job(p->base.tui, name);
	load_recs(p, name);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Enter fills the form; s fills it and sends it at once. */
static unsigned choose_rec(struct picker *p, bool send)
{
	struct tui *t = p->base.tui;

	if (p->rsel >= p->nrows)
		return TUI_HANDLED;
	const struct rec_row *r = &p->rows[p->rsel];

	tui_form_set(t, SCALING_FIELD_JOB, p->job);
	act_set_picked_job(p->base.tui, p->job);
	if (r->endpoint) {
		const char *name = row_endpoint_name(p, r);

		tui_form_set(t, SCALING_FIELD_RECOMMENDATION_ID, "");
		tui_form_set(t, SCALING_FIELD_ENDPOINT_NAME, name ? name : "");
	} else {
		const char *id = p->detail.recs[r->i].recommendation_id;

		tui_form_set(t, SCALING_FIELD_ENDPOINT_NAME, "");
		tui_form_set(t, SCALING_FIELD_RECOMMENDATION_ID, id ? id : "");
	}
	if (send)
		return TUI_CLOSE | TUI_REDRAW | tui_send_form(t);
	tui_message(t, "%s", _("Form filled from the job: press Enter in the form to send."));
	return TUI_CLOSE | TUI_FOCUS_FORM | TUI_REDRAW;
}

/* The moves both lists share (jobs, recommendations): true when key was one. */
static bool nav_key(size_t *sel, size_t n, size_t page, int key)
{
	switch (key) {
	case KEY_UP: move_sel(sel, n, -1); return true;
	case KEY_DOWN: move_sel(sel, n, 1); return true;
	case KEY_PPAGE: move_sel(sel, n, -(long)page); return true;
	case KEY_NPAGE: move_sel(sel, n, (long)page); return true;
	case KEY_HOME: *sel = 0; return true;
	case KEY_END: move_sel(sel, n, (long)n); return true;
	}
	return false;
}

static unsigned jobs_key(struct picker *p, int key, bool func)
{
	size_t page = p->base.rows > 4 ? (size_t)p->base.rows - 4 : 1;

	if (func) {
		if (nav_key(&p->sel, p->nshown, page, key))
			return TUI_HANDLED | TUI_REDRAW;
		switch (key) {
		case KEY_ENTER: return choose_job(p);
		case KEY_F(5): load_jobs(p); break;
		case KEY_BACKSPACE: goto backspace;
		default: return TUI_HANDLED;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == '\r' || key == '\n')
		return choose_job(p);
	if (key == 127 || key == 8) {
backspace:
		if (*p->filter)
			p->filter[strlen(p->filter) - 1] = '\0';
		refilter(p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == 21) { /* Ctrl-U */
		p->filter[0] = '\0';
		refilter(p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* job names are letters, digits and hyphens */
	if (key < 128 && (isalnum(key) || key == '-') &&
	    strlen(p->filter) + 1 < sizeof(p->filter)) {
		size_t n = strlen(p->filter);

		p->filter[n] = (char)key;
		p->filter[n + 1] = '\0';
		p->sel = p->top = 0;
		refilter(p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_HANDLED;
}

static unsigned recs_key(struct picker *p, int key, bool func)
{
	size_t page = p->base.rows > 5 ? (size_t)p->base.rows - 5 : 1;

	if (func) {
		if (nav_key(&p->rsel, p->nrows, page, key))
			return TUI_HANDLED | TUI_REDRAW;
		switch (key) {
		case KEY_ENTER: return choose_rec(p, false);
		case KEY_F(5): load_recs(p, p->job); break;
		case KEY_BACKSPACE:
		case KEY_LEFT:
			if (!p->have_list)
				load_jobs(p);
			p->stage = STAGE_JOBS;
			break;
		default: return TUI_HANDLED;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (key) {
	case '\r':
	case '\n': return choose_rec(p, false);
	case 's': return choose_rec(p, true);
	case 'k': move_sel(&p->rsel, p->nrows, -1); break;
	case 'j': move_sel(&p->rsel, p->nrows, 1); break;
	case 127:
	case 8:
		if (!p->have_list)
			load_jobs(p);
		p->stage = STAGE_JOBS;
		break;
	default: return TUI_HANDLED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned picker_key(struct tui_view *v, int key, bool func)
{
	struct picker *p = (struct picker *)v;

	if (!func && key == 27)
		return TUI_CLOSE | TUI_REDRAW;
	if (p->stage == STAGE_JOBS)
		return jobs_key(p, key, func);
	return recs_key(p, key, func);
}

/* --- answers ------------------------------------------------------------- */

static void picker_job_done(struct tui_view *v, struct worker_job *job)
{
	struct picker *p = (struct picker *)v;
	struct act_list_job *l = act_list_job_of(job);
	struct act_describe_job *d = act_describe_job_of(job);

	if ((!l && !d) || job->id != p->waiting)
		return;
	p->waiting = 0;
	if (job->state != WORKER_DONE) {
		set_error(p, xstrdup(_("Cancelled.")));
		return;
	}
	if (l) {
		if (l->rc != 0) {
			set_error(p, act_error_text(&l->res));
			return;
		}
		if (p->have_list)
			jobs_list_free(&p->list);
		p->list = l->list; /* take it: the job is freed after this */
		memset(&l->list, 0, sizeof(l->list));
		p->have_list = true;
		jobs_list_sort_for_picker(&p->list);
		p->sel = p->top = 0;
		refilter(p);
		return;
	}
	if (d->rc != 0) {
		set_error(p, act_error_text(&d->res));
		return;
	}
	p->detail = d->detail;
	memset(&d->detail, 0, sizeof(d->detail));
	p->have_detail = true;
	act_set_detail(v->tui, &p->detail);
	build_rows(p);
}

static const struct tui_key picker_keys[] = {
	{ N_("letters"), N_("filter the jobs by name") },
	{ N_("Up / Down"), N_("move") },
	{ N_("Enter"),
	  N_("choose: a job shows its recommendations; a recommendation fills the form") },
	{ N_("Backspace"), N_("from the recommendations: back to the jobs") },
	{ N_("F5"), N_("reload") },
	{ N_("Esc"), N_("close") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_picker_dialog = {
	.name = N_("Pick a job"),
	.size = sizeof(struct picker),
	.init = picker_init,
	.done = picker_done,
	.draw = picker_draw,
	.key = picker_key,
	.job_done = picker_job_done,
	.keys = picker_keys,
	.modal_rows = 0,
	.modal_cols = 200, /* as wide as the terminal allows: the table needs it */
};

unsigned tui_key_pick_job(struct tui *t, struct tui_view *v, long arg)
{
	tui_open_modal(t, &tui_picker_dialog, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned tui_key_pick_rec(struct tui *t, struct tui_view *v, long arg)
{
	const char *job = act_picked_job(t);

	/* No job picked with F2: the one typed in the form (or --job). */
	if (job == NULL && *tui_form_job(t) != '\0')
		job = tui_form_job(t);
	tui_open_modal(t, &tui_picker_dialog, job ? xstrdup(job) : NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

/* The endpoint picker (F8): your endpoints (every page of ListEndpoints,
 * InService first, type to filter), then the chosen one's production
 * variants (DescribeEndpoint + DescribeEndpointConfig: instance type,
 * current and desired instance count); choosing a variant makes it the
 * target of apply and of the exports.  A variant on another instance type
 * than the recommendation's, the benchmark endpoint and an endpoint that is
 * not InService are each said in a sentence. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/actions.h"
#include "tui/targetjob.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

enum estage { E_LIST, E_VARIANTS };

struct endpoint_arg {
	bool then_apply; /* F7 without a target: open the apply dialog after */
};

struct endpoint_picker {
	struct tui_view base;
	enum estage stage;
	bool then_apply;
	unsigned long waiting, waiting_job;
	char *error;
	struct endpoints_list list;
	size_t *shown, nshown, sel, top;
	char filter[64];
	struct endpoints_detail detail;
	bool have_detail;
	size_t vsel;
};

static void set_error(struct endpoint_picker *p, char *msg)
{
	free(p->error);
	p->error = msg;
}

static bool matches(const char *name, const char *filter)
{
	size_t n = strlen(filter);

	for (const char *s = name; *s; s++)
		if (strncasecmp(s, filter, n) == 0)
			return true;
	return !*filter;
}

static void refilter(struct endpoint_picker *p)
{
	free(p->shown);
	p->shown = xcalloc(p->list.n + 1, sizeof(size_t));
	p->nshown = 0;
	for (size_t i = 0; i < p->list.n; i++)
		if (matches(p->list.items[i].name, p->filter))
			p->shown[p->nshown++] = i;
	if (p->sel >= p->nshown)
		p->sel = p->nshown ? p->nshown - 1 : 0;
	if (p->top > p->sel)
		p->top = p->sel;
}

static void load_list(struct endpoint_picker *p)
{
	struct target_job *j = target_job_new(TJ_LIST);

	p->stage = E_LIST;
	set_error(p, NULL);
	p->waiting = tui_submit(p->base.tui, &j->base, true);
}

static void load_variants(struct endpoint_picker *p, const char *name)
{
	struct target_job *j = target_job_new(TJ_DESCRIBE);

	j->endpoint = xstrdup(name);
	if (p->have_detail)
		endpoints_detail_free(&p->detail);
	p->have_detail = false;
	p->stage = E_VARIANTS;
	p->vsel = 0;
	set_error(p, NULL);
	p->waiting = tui_submit(p->base.tui, &j->base, true);
}

static void endpoint_init(struct tui_view *v)
{
	struct endpoint_picker *p = (struct endpoint_picker *)v;
	struct endpoint_arg *a = v->arg;
	const struct scaling_response *resp = tui_last_response(v->tui);
	const struct jobs_detail *d = act_detail(v->tui);

	p->then_apply = a && a->then_apply;
	/* The job's figures say on which instance type the recommendation
	 * was benchmarked. */
	if (resp && resp->job_name && resp->recommendation_id &&
	    !(d && d->name && strcmp(d->name, resp->job_name) == 0)) {
		struct act_describe_job *j = act_describe_job_new(resp->job_name);

		p->waiting_job = tui_submit(v->tui, &j->base, false);
	}
	load_list(p);
}

static void endpoint_done(struct tui_view *v)
{
	struct endpoint_picker *p = (struct endpoint_picker *)v;

	endpoints_list_free(&p->list);
	if (p->have_detail)
		endpoints_detail_free(&p->detail);
	free(p->shown);
	free(p->error);
	free(v->arg);
}

/* The recommendation's instance type and benchmark endpoint, when known. */
static const struct jobs_recommendation *rec_of(const struct tui *t)
{
	const struct scaling_response *resp = tui_last_response(t);
	const struct jobs_detail *d = act_detail(t);

	if (!resp || !resp->job_name || !resp->recommendation_id || !d || !d->name ||
	    strcmp(d->name, resp->job_name) != 0)
		return NULL;
	return jobs_detail_find(d, resp->recommendation_id);
}

static bool other_type(const struct jobs_recommendation *r, const struct endpoints_variant *v)
{
	return r && r->instance_type && v->instance_type &&
	       strcmp(r->instance_type, v->instance_type) != 0;
}

/* --- drawing ------------------------------------------------------------- */

static void hint(struct tui_view *v, WINDOW *w, const char *s)
{
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	tui_draw_text(w, v->rows - 1, 1, v->cols - 2, 0, s);
	wattrset(w, A_NORMAL);
}

static bool note(struct endpoint_picker *p, WINDOW *w, int y, bool empty, const char *text)
{
	struct tui_view *v = &p->base;

	if (p->waiting) {
		tui_draw_text(w, y, 1, v->cols - 2, 0, _("Loading..."));
		return true;
	}
	if (p->error) {
		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		tui_draw_wrapped(w, y, 1, v->cols - 2, 3, p->error);
		wattrset(w, A_NORMAL);
		return true;
	}
	if (empty) {
		tui_draw_text(w, y, 1, v->cols - 2, 0, text);
		return true;
	}
	return false;
}

static void draw_list(struct endpoint_picker *p, WINDOW *w)
{
	struct tui_view *v = &p->base;
	int namew = v->cols - 2 - 22;
	char *line = xasprintf(_("Filter: %s"), p->filter);

	if (namew > 64)
		namew = 64;
	tui_draw_text(w, 0, 1, v->cols - 24, 0, line);
	free(line);
	line = xasprintf(_("%zu of %zu endpoints"), p->nshown, p->list.n);
	tui_draw_text(w, 0, v->cols - 22, 21, 0, line);
	free(line);
	wattrset(w, A_BOLD);
	tui_draw_text(w, 1, 1, namew, 0, _("Endpoint"));
	tui_draw_text(w, 1, 2 + namew, 20, 0, _("Status"));
	wattrset(w, A_NORMAL);
	int rows = v->rows - 3;

	if (note(p, w, 2, p->nshown == 0,
		 p->list.n ? _("No endpoint matches the filter.")
			   : _("No endpoints in this region.")) ||
	    rows <= 0) {
		hint(v, w, _("Type to filter  Up/Down move  Enter variants  F5 reload  Esc close"));
		return;
	}
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	for (int y = 0; y < rows && p->top + (size_t)y < p->nshown; y++) {
		size_t idx = p->top + (size_t)y;
		const struct endpoints_summary *e = &p->list.items[p->shown[idx]];

		wattrset(w, idx == p->sel ? tui_attr(v->tui, TUI_SELECTED) : A_NORMAL);
		mvwhline(w, 2 + y, 0, ' ', v->cols);
		tui_draw_untrusted(w, 2 + y, 1, namew, e->name);
		tui_draw_untrusted(w, 2 + y, 2 + namew, 20, e->status);
	}
	wattrset(w, A_NORMAL);
	hint(v, w, _("Type to filter  Up/Down move  Enter variants  F5 reload  Esc close"));
}

static char *count_text(int n)
{
	return n < 0 ? xstrdup("-") : xasprintf("%d", n);
}

/* The sentences under the variants: what the selected one is. */
static char *variant_note(struct endpoint_picker *p)
{
	const struct endpoints_detail *d = &p->detail;
	const struct jobs_recommendation *r = rec_of(p->base.tui);
	const struct endpoints_variant *v = p->vsel < d->nvariants ? &d->variants[p->vsel] : NULL;

	if (endpoints_is_benchmark(d->name) ||
	    (r && r->endpoint_name && strcmp(r->endpoint_name, d->name) == 0))
		return xstrdup(
			_("This is the endpoint Inference Recommender made to benchmark the "
			  "recommendation, not a production endpoint; it is deleted when the "
			  "job ends."));
	if (strcmp(d->status, "InService") != 0)
		return xasprintf(
			_("The endpoint is %s, not InService: Application Auto Scaling can "
			  "scale it only once it is InService."),
			d->status);
	if (v && other_type(r, v))
		return xasprintf(
			_("* %s runs on %s, but the recommendation was benchmarked on %s: its "
			  "capacities and invocations per instance hold for %s."),
			v->name, v->instance_type, r->instance_type, r->instance_type);
	return NULL;
}

static void draw_variants(struct endpoint_picker *p, WINDOW *w)
{
	struct tui_view *v = &p->base;
	const struct jobs_recommendation *r = rec_of(v->tui);
	int namew = v->cols - 2 - 18 - 9 - 9 - 2;

	if (namew > 40)
		namew = 40;
	if (p->have_detail) {
		char *line = xasprintf(_("Endpoint %s (%s)"), p->detail.name, p->detail.status);

		tui_draw_untrusted(w, 0, 1, v->cols - 2, line);
		free(line);
	}
	wattrset(w, A_BOLD);
	tui_draw_text(w, 1, 3, namew, 0, _("Variant"));
	tui_draw_text(w, 1, 3 + namew + 1, 17, 0, _("Instance"));
	tui_draw_text(w, 1, 3 + namew + 19, 8, 0, _("Current"));
	tui_draw_text(w, 1, 3 + namew + 28, 8, 0, _("Desired"));
	wattrset(w, A_NORMAL);
	if (!note(p, w, 2, !p->have_detail || p->detail.nvariants == 0,
		  _("This endpoint has no production variants."))) {
		int rows = v->rows - 7;

		for (int y = 0; y < rows && (size_t)y < p->detail.nvariants; y++) {
			const struct endpoints_variant *ev = &p->detail.variants[y];
			char *cur = count_text(ev->current_count),
			     *des = count_text(ev->desired_count);

			wattrset(w,
				 (size_t)y == p->vsel ? tui_attr(v->tui, TUI_SELECTED) : A_NORMAL);
			mvwhline(w, 2 + y, 0, ' ', v->cols);
			if (other_type(r, ev))
				tui_draw_text(w, 2 + y, 1, 1, 0, "*");
			tui_draw_untrusted(w, 2 + y, 3, namew, ev->name);
			tui_draw_untrusted(w, 2 + y, 3 + namew + 1, 17,
					   ev->instance_type ? ev->instance_type : "-");
			tui_draw_text(w, 2 + y, 3 + namew + 19, 8, 0, cur);
			tui_draw_text(w, 2 + y, 3 + namew + 28, 8, 0, des);
			free(cur);
			free(des);
		}
		wattrset(w, A_NORMAL);
		char *n = variant_note(p);

		if (n) {
			char *safe = sanitize_str(n);

			wattrset(w, tui_attr(v->tui, TUI_ERROR));
			tui_draw_wrapped(w, v->rows - 5, 1, v->cols - 2, 4, safe);
			wattrset(w, A_NORMAL);
			free(safe);
			free(n);
		}
	}
	hint(v, w, _("Up/Down move  Enter choose  Backspace endpoints  Esc close"));
}

static void endpoint_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct endpoint_picker *p = (struct endpoint_picker *)v;

	werase(w);
	if (p->stage == E_LIST)
		draw_list(p, w);
	else
		draw_variants(p, w);
	(void)focused;
}

/* --- keys ---------------------------------------------------------------- */

static void move_sel(size_t *sel, size_t n, long d)
{
	long s = (long)*sel + d;

	if (n == 0)
		return;
	*sel = s < 0 ? 0 : s >= (long)n ? n - 1 : (size_t)s;
}

static unsigned choose_variant(struct endpoint_picker *p)
{
	struct tui *t = p->base.tui;

	if (!p->have_detail || p->vsel >= p->detail.nvariants)
		return TUI_HANDLED;
	const struct scaling_response *resp = tui_last_response(t);
	struct act_target old;

	act_target_for(t, resp, &old);
	struct act_target tg = { p->detail.name, p->detail.variants[p->vsel].name, old.policy };
	char *e = sanitize_str(tg.endpoint), *vn = sanitize_str(tg.variant);

	act_target_remember(t, resp, &tg);
	act_target_free(&old);
	tui_message(t, _("Target: %s, variant %s (F7 applies, F4 exports to it)."), e, vn);
	free(e);
	free(vn);
	if (p->then_apply) {
		tui_key_apply(t, NULL, 0); /* replaces this dialog: p is gone */
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_CLOSE | TUI_REDRAW;
}

static unsigned list_key(struct endpoint_picker *p, int key, bool func)
{
	size_t page = p->base.rows > 4 ? (size_t)p->base.rows - 4 : 1;

	if (func) {
		switch (key) {
		case KEY_UP: move_sel(&p->sel, p->nshown, -1); break;
		case KEY_DOWN: move_sel(&p->sel, p->nshown, 1); break;
		case KEY_PPAGE: move_sel(&p->sel, p->nshown, -(long)page); break;
		case KEY_NPAGE: move_sel(&p->sel, p->nshown, (long)page); break;
		case KEY_F(5): load_list(p); break;
		case KEY_ENTER: goto enter;
		case KEY_BACKSPACE: goto backspace;
		default: return TUI_HANDLED;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == '\r' || key == '\n') {
enter:
		if (p->nshown && !p->waiting)
			load_variants(p, p->list.items[p->shown[p->sel]].name);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == 127 || key == 8) {
backspace:
		if (*p->filter)
			p->filter[strlen(p->filter) - 1] = '\0';
		refilter(p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == 21) {
		p->filter[0] = '\0';
		refilter(p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* endpoint names are letters, digits and hyphens */
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

static unsigned variants_key(struct endpoint_picker *p, int key, bool func)
{
	size_t n = p->have_detail ? p->detail.nvariants : 0;

	if (func) {
		switch (key) {
		case KEY_UP: move_sel(&p->vsel, n, -1); break;
		case KEY_DOWN: move_sel(&p->vsel, n, 1); break;
		case KEY_ENTER: return choose_variant(p);
		case KEY_BACKSPACE:
		case KEY_LEFT: p->stage = E_LIST; break;
		default: return TUI_HANDLED;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (key) {
	case '\r':
	case '\n': return choose_variant(p);
	case 'k': move_sel(&p->vsel, n, -1); break;
	case 'j': move_sel(&p->vsel, n, 1); break;
	case 127:
	case 8: p->stage = E_LIST; break;
	default: return TUI_HANDLED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned endpoint_key(struct tui_view *v, int key, bool func)
{
	struct endpoint_picker *p = (struct endpoint_picker *)v;

	if (!func && key == 27)
		return TUI_CLOSE | TUI_REDRAW;
	return p->stage == E_LIST ? list_key(p, key, func) : variants_key(p, key, func);
}

static void endpoint_job_done(struct tui_view *v, struct worker_job *job)
{
	struct endpoint_picker *p = (struct endpoint_picker *)v;
	struct act_describe_job *dj = act_describe_job_of(job);
	struct target_job *j = target_job_of(job);

	if (dj && job->id == p->waiting_job) {
		p->waiting_job = 0;
		if (dj->rc == 0 && job->state == WORKER_DONE)
			act_set_detail(v->tui, &dj->detail);
		return;
	}
	if (!j || job->id != p->waiting)
		return;
	p->waiting = 0;
	if (job->state != WORKER_DONE) {
		set_error(p, xstrdup(_("Cancelled.")));
		return;
	}
	if (j->rc != 0) {
		set_error(p, act_error_text(&j->res));
		return;
	}
	if (j->kind == TJ_LIST) {
		endpoints_list_free(&p->list);
		p->list = j->list; /* taken: the job is freed after this */
		memset(&j->list, 0, sizeof(j->list));
		p->sel = p->top = 0;
		refilter(p);
	} else if (j->kind == TJ_DESCRIBE) {
		p->detail = j->detail;
		memset(&j->detail, 0, sizeof(j->detail));
		j->have_detail = false;
		p->have_detail = true;
	}
}

static const struct tui_key endpoint_keys[] = {
	{ N_("letters"), N_("filter the endpoints by name") },
	{ N_("Up / Down"), N_("move") },
	{ N_("Enter"), N_("an endpoint shows its variants; a variant becomes the target") },
	{ N_("Backspace"), N_("from the variants: back to the endpoints") },
	{ N_("F5"), N_("reload") },
	{ N_("Esc"), N_("close") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_endpoint_dialog = {
	.name = N_("Pick the endpoint to scale"),
	.size = sizeof(struct endpoint_picker),
	.init = endpoint_init,
	.done = endpoint_done,
	.draw = endpoint_draw,
	.key = endpoint_key,
	.job_done = endpoint_job_done,
	.keys = endpoint_keys,
	.modal_rows = 0,
	.modal_cols = 200,
};

unsigned tui_key_pick_endpoint(struct tui *t, struct tui_view *v, long arg)
{
	tui_open_modal(t, &tui_endpoint_dialog, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned tui_pick_endpoint_then_apply(struct tui *t)
{
	struct endpoint_arg *a = xcalloc(1, sizeof(*a));

	a->then_apply = true;
	tui_open_modal(t, &tui_endpoint_dialog, a);
	return TUI_HANDLED | TUI_REDRAW;
}

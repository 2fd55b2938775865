/* The fixed panes: title bar, Summary, Capacity, the info line, the status
 * bar, and the "terminal too small" screen. */
#include "config.h"
#include "aws/credstore.h"
#include "tui/text.h"
#include "tui/tui-int.h"
#include "tui/widget-input.h"
#include "tui/views.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void fill_line(WINDOW *w, int y, attr_t a)
{
	int cols = getmaxx(w);

	wattrset(w, a);
	wmove(w, y, 0);
	for (int c = 0; c < cols; c++)
		waddch(w, ' ');
}

/* The title line's context, most important first: the demo, read-only,
 * profile, region, account (once STS has answered), an overridden
 * endpoint's host.  Pieces are dropped from the end until it fits. */
static size_t title_context(const struct tui *t, char *seg[6])
{
	size_t n = 0;

	if (t->opts.demo)
		seg[n++] = xstrdup(_("demo: embedded simulator"));
	if (t->opts.read_only)
		seg[n++] = xstrdup(_("read-only"));
	if (t->opts.title_profile && !t->opts.demo)
		seg[n++] = xasprintf(_("profile %s"), t->opts.title_profile);
	if (t->opts.region)
		seg[n++] = xstrdup(t->opts.region);
	if (t->account)
		seg[n++] = xasprintf(_("account %s"), t->account);
	if (t->opts.endpoint_host && !t->opts.demo)
		seg[n++] = xasprintf(_("endpoint %s"), t->opts.endpoint_host);
	for (size_t i = 0; i < n; i++) { /* profile and host come from files: untrusted */
		char *s = sanitize_str(seg[i]);
		free(seg[i]);
		seg[i] = s;
	}
	return n;
}

void panes_draw_title(struct tui *t)
{
	WINDOW *w = t->w_title;
	int cols = getmaxx(w);
	const char *full = _("sagescale - SageMaker autoscaling recommendations");
	char *seg[6];
	size_t n = title_context(t, seg);
	struct buf right = BUF_INIT;
	int avail;

	fill_line(w, 0, tui_attr(t, TUI_TITLE));
	for (;; n--) {
		buf_reset(&right);
		for (size_t i = 0; i < n; i++)
			buf_printf(&right, "%s%s", i ? "  " : "", seg[i]);
		avail = cols - 2 - (right.len ? (int)text_width(buf_str(&right)) + 2 : 0);
		if (n == 0 || avail >= (int)text_width("sagescale"))
			break;
		free(seg[n - 1]);
	}
	/* The whole title when there is room for it beside the context. */
	tui_draw_text(w, 0, 1, avail, 0, avail >= (int)text_width(full) ? full : "sagescale");
	if (right.len)
		tui_draw_text(w, 0, cols - 1 - (int)text_width(buf_str(&right)),
			      (int)text_width(buf_str(&right)), 0, buf_str(&right));
	for (size_t i = 0; i < n; i++)
		free(seg[i]);
	buf_free(&right);
	wattrset(w, A_NORMAL);
}

/* One "label  value" row; value comes from the network (sanitised here). */
/* A value too long for its room keeps its start and its distinguishing
 * tail (after the last '/': "churn-x.../7c3e1a90", the part that differs
 * between a job's recommendations), with a mark between; the tree shows
 * it whole. */
static void draw_clipped(struct tui *t, WINDOW *w, int y, int x, int room, const char *v)
{
	const char *slash = strrchr(v, '/');
	size_t width = text_width(v);
	size_t tail = slash != NULL ? text_width(slash) : (size_t)room / 3;
	int head;

	if (tail > (size_t)room / 2 + 2)
		tail = (size_t)room / 2;
	head = room - 1 - (int)tail;
	head = tui_draw_text(w, y, x, head, 0, v);
	tui_draw_text(w, y, x + head, 1, 0, tui_ascii(t) ? "~" : "\u2026");
	tui_draw_text(w, y, x + head + 1, (int)tail, width - tail, v);
}

static void kv(struct tui *t, WINDOW *w, int y, const char *label, const char *value,
	       bool untrusted)
{
	int cols = getmaxx(w);

	char *safe = untrusted ? sanitize_str(value) : NULL;
	const char *v = untrusted ? safe : value;
	int room = cols - 16;

	wmove(w, y, 1);
	wclrtoeol(w);
	wattrset(w, A_BOLD);
	tui_draw_text(w, y, 2, 12, 0, label);
	wattrset(w, A_NORMAL);
	if (v != NULL) {
		if (text_width(v) > (size_t)room && room > 8)
			draw_clipped(t, w, y, 15, room, v);
		else
			tui_draw_text(w, y, 15, room, 0, v);
	}
	free(safe);
}

static char *opt_text(const struct opt_int *v, const char *unit)
{
	if (!v->set)
		return xstrdup("-");
	return unit != NULL ? xasprintf("%lld %s", v->v, unit) : xasprintf("%lld", v->v);
}

bool panes_stale(const struct tui *t)
{
	return t->last != NULL && (t->state == ST_FAILED || t->state == ST_CANCELLED) &&
	       worker_busy(t->worker) == 0;
}

char *panes_answer_time(const struct tui *t)
{
	struct tm tm;
	char at[16];

	localtime_r(&t->last_at, &tm);
	strftime(at, sizeof(at), "%H:%M:%S", &tm);
	return xstrdup(at);
}

/* A pane's title, with the answer's time when it is an earlier one (the
 * long form where the title has the room). */
static char *pane_title(const struct tui *t, const char *name, bool long_form)
{
	char *at, *s;

	if (!panes_stale(t))
		return xstrdup(name);
	at = panes_answer_time(t);
	s = long_form ? xasprintf(_("%s, earlier answer (%s)"), name, at)
		      : xasprintf("%s (%s)", name, at);
	free(at);
	return s;
}

/* Dims what a pane shows when it is an earlier answer. */
static void dim_if_stale(const struct tui *t, WINDOW *w)
{
	attr_t a = tui_attr(t, TUI_DIM);

	if (!panes_stale(t))
		return;
	for (int y = 1; y < getmaxy(w) - 1; y++)
		mvwchgat(w, y, 1, getmaxx(w) - 2, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}

void panes_draw_summary(struct tui *t)
{
	WINDOW *w = t->w_summary;
	const struct scaling_response *r = t->last;
	char *s = pane_title(t, _("Summary"), true);

	werase(w);
	term_frame(t, w, s, false);
	free(s);
	if (r == NULL) {
		wattrset(w, tui_attr(t, TUI_DIM));
		tui_draw_text(w, 1, 2, getmaxx(w) - 4, 0, _("No result yet."));
		wattrset(w, A_NORMAL);
		return;
	}
	kv(t, w, 1, _("Job"), r->job_name, true);
	if (r->endpoint_name != NULL && r->recommendation_id == NULL)
		kv(t, w, 2, _("Endpoint"), r->endpoint_name, true);
	else
		kv(t, w, 2, _("Rec. ID"), r->recommendation_id, true);
	s = opt_text(&r->cpu, _("% per core"));
	kv(t, w, 3, _("CPU target"), s, false);
	free(s);
	if (r->min_invocations.set || r->max_invocations.set) {
		char *a = opt_text(&r->min_invocations, NULL),
		     *b = opt_text(&r->max_invocations, NULL);

		s = xasprintf(_("%s to %s per minute"), a, b);
		free(a);
		free(b);
	} else {
		s = xstrdup(_("not set"));
	}
	kv(t, w, 4, _("Objective"), s, false);
	free(s);
	s = opt_text(&r->invocations_per_instance, _("per instance/min"));
	kv(t, w, 5, _("Invocations"), s, false);
	free(s);
	if (r->model_latency.set)
		s = xasprintf(_("%lld (unit not documented)"), r->model_latency.v);
	else
		s = xstrdup("-");
	kv(t, w, 6, _("ModelLatency"), s, false);
	free(s);
	s = pane_title(t, _("Summary"), true); /* the rows drew over the frame's edge */
	term_frame(t, w, s, false);
	free(s);
	dim_if_stale(t, w);
}

void panes_draw_capacity(struct tui *t)
{
	WINDOW *w = t->w_capacity;
	const struct scaling_response *r = t->last;
	char *s = pane_title(t, _("Capacity and cooldowns"), false);

	werase(w);
	term_frame(t, w, s, false);
	free(s);
	if (r == NULL || !r->has_dynamic) {
		wattrset(w, tui_attr(t, TUI_DIM));
		tui_draw_text(w, 1, 2, getmaxx(w) - 4, 0,
			      r == NULL ? _("No result yet.")
					: _("No DynamicScalingConfiguration."));
		wattrset(w, A_NORMAL);
		return;
	}
	{
		char *a = opt_text(&r->min_capacity, NULL), *b = opt_text(&r->max_capacity, NULL);

		s = xasprintf(_("min %s  max %s instances"), a, b);
		free(a);
		free(b);
	}
	kv(t, w, 1, _("Capacity"), s, false);
	free(s);
	{
		char *a = opt_text(&r->scale_in_cooldown, _("s")),
		     *b = opt_text(&r->scale_out_cooldown, _("s"));

		s = xasprintf(_("in %s  out %s"), a, b);
		free(a);
		free(b);
	}
	kv(t, w, 2, _("Cooldown"), s, false);
	free(s);
	s = pane_title(t, _("Capacity and cooldowns"), false);
	term_frame(t, w, s, false);
	free(s);
	dim_if_stale(t, w);
}

/* The form collapsed: what it will send, and how to open it again. */
void panes_draw_request(struct tui *t)
{
	WINDOW *w = t->w_request;
	struct form_summary fs;

	form_summary(t->form, &fs);
	char *title = xasprintf(_("Request: CPU %s (Tab: edit)"), *fs.cpu ? fs.cpu : "-");

	werase(w);
	kv(t, w, 1, _("Job"), fs.job, true);
	kv(t, w, 2, fs.id_label, fs.id, true);
	if (fs.bad) { /* a character, so that it shows in monochrome */
		wattrset(w, tui_attr(t, TUI_ERROR));
		mvwaddch(w, 1, 1, '!');
		wattrset(w, A_NORMAL);
	}
	term_frame(t, w, title, false);
	free(title);
}

/* A view's prompt on the info line (the tree's `/`), with its cursor. */
static bool draw_prompt(struct tui *t, struct tui_view *v)
{
	struct lineedit *le = NULL;
	const char *label = v->ops->prompt ? v->ops->prompt(v, &le) : NULL;
	WINDOW *w = t->w_info;
	int cols = getmaxx(w), used;

	if (label == NULL || le == NULL)
		return false;
	fill_line(w, 0, A_NORMAL);
	used = tui_draw_text(w, 0, 1, cols - 2, 0, label);
	input_draw(w, 0, 1 + used, cols - 2 - used, le, A_NORMAL, true);
	return true;
}

void panes_draw_info(struct tui *t)
{
	WINDOW *w = t->w_info;
	int cols = getmaxx(w);
	const char *text = NULL;
	attr_t a = A_NORMAL;
	bool keep_end = false; /* a path: its end matters most */

	if (t->message != NULL) {
		text = t->message;
		a = A_BOLD;
	} else if (t->warning != NULL) {
		text = t->warning;
		a = tui_attr(t, TUI_ERROR);
	} else if (t->focus == FOCUS_FORM) {
		text = form_error(t->form);
		a = tui_attr(t, TUI_ERROR);
	} else if (t->cur < t->nviews && draw_prompt(t, t->views[t->cur])) {
		return;
	} else if (t->cur < t->nviews && t->views[t->cur]->ops->info != NULL) {
		text = t->views[t->cur]->ops->info(t->views[t->cur]);
		keep_end = true;
	}
	fill_line(w, 0, A_NORMAL);
	if (text != NULL) {
		size_t tw = text_width(text);

		wattrset(w, a);
		/* Too long (a deep path): keep its start and as much of its end,
		 * the most specific part, as fits.  The start stays put while the
		 * selection moves, so a move rewrites only the end of the line. */
		if (keep_end && tw > (size_t)(cols - 2) && cols > 20) {
			int room = cols - 2, head = room / 3;
			size_t tail = (size_t)(room - head - 1);

			tui_draw_text(w, 0, 1, head, 0, text);
			tui_draw_text(w, 0, 1 + head, 1, 0, tui_ascii(t) ? "~" : "\u2026");
			tui_draw_text(w, 0, 2 + head, (int)tail, tw - tail, text);
		} else {
			tui_draw_text(w, 0, 1, cols - 2, 0, text);
		}
	}
	wattrset(w, A_NORMAL);
}

static const char *state_text(struct tui *t, struct buf *b)
{
	static const char *const ascii_spin[] = { "|", "/", "-", "\\" };
	static const char *const utf8_spin[] = { "\u280b", "\u2819", "\u2839", "\u2838", "\u283c",
						 "\u2834", "\u2826", "\u2827", "\u2807", "\u280f" };
	struct timespec now, since;
	double secs;

	/* Any job running (the form's request, a sweep, a picker's listing)
	 * shows the spinner; the loop ticks it only then. */
	if (worker_busy(t->worker) > 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!worker_running_since(t->worker, &since, NULL))
			since = now; /* queued, not started yet */
		secs = (double)(now.tv_sec - since.tv_sec) +
		       (double)(now.tv_nsec - since.tv_nsec) / 1e9;
		buf_printf(b, _("%s Running %.1f s"),
			   tui_ascii(t) ? ascii_spin[t->spin % 4] : utf8_spin[t->spin % 10], secs);
		return buf_str(b);
	}
	switch (t->state) {
	case ST_IDLE:
	case ST_RUNNING: return _("Ready");
	case ST_DONE:
		if (t->last_secs < 1)
			buf_printf(b, _("Done in %.0f ms"), t->last_secs * 1e3);
		else
			buf_printf(b, _("Done in %.1f s"), t->last_secs);
		return buf_str(b);
	case ST_FAILED: return _("Failed");
	case ST_CANCELLED: return _("Cancelled");
	}
	return "";
}

/* The SSO session (its access token) ends within 15 minutes: what to say,
 * or NULL.  A non-blocking read of the credential store. */
static char *sso_ending(const struct tui *t)
{
	long long end = t->opts.credstore ? aws_credstore_session_expiration(t->opts.credstore) : 0;
	long long left = end - (long long)time(NULL);

	if (end <= 0 || left > 15 * 60)
		return NULL;
	if (left <= 0)
		return xstrdup(_("SSO session ended: run aws sso login"));
	return xasprintf(P_("SSO session ends in %lld minute: run aws sso login",
			    "SSO session ends in %lld minutes: run aws sso login",
			    (left + 59) / 60),
			 (left + 59) / 60);
}

/* The keys that work where the keys go now, from their tables (a dialog:
 * its own and `?`; the form: its own and the global ones that work in it;
 * a view: its own, its widget's, the global ones).  Caller frees. */
static char *status_keys(struct tui *t, const struct tui_view_ops *view, int width)
{
	struct keymap_state s = { .busy = worker_busy(t->worker) > 0,
				  .fkeys = t->fkeys,
				  .read_only = tui_read_only(t),
				  .in_form = false,
				  .t = t };
	const struct tui_bind *tabs[4] = { NULL };
	const struct tui_view_ops *o = t->modal != NULL ? t->modal->ops : view;
	size_t n = 0;

	if (t->modal == NULL && t->focus == FOCUS_FORM) {
		s.in_form = true;
		tabs[n++] = form_bindings;
	} else if (o != NULL) {
		s.v = t->modal != NULL ? t->modal : t->views[t->cur];
		if (o->bindings == NULL && o->widget == NULL && o->hint != NULL)
			return xstrdup(_(o->hint)); /* a view not yet made bindings */
		if (o->bindings != NULL)
			tabs[n++] = o->bindings;
		if (o->widget != NULL)
			tabs[n++] = o->widget;
	}
	tabs[n] = t->modal != NULL ? tui_dialog_keys : tui_global_keys;
	if (t->modal != NULL && o->bindings == NULL && o->widget == NULL)
		return xstrdup(o->hint != NULL ? _(o->hint) : "");
	return keymap_hints(tabs, &s, width);
}

void panes_draw_status(struct tui *t)
{
	WINDOW *w = t->w_status;
	int cols = getmaxx(w), x;
	struct buf b = BUF_INIT;
	char *keys;

	fill_line(w, 0, tui_attr(t, TUI_TITLE));
	x = 1 + tui_draw_text(w, 0, 1, cols - 2, 0, state_text(t, &b));
	const struct tui_view_ops *view = t->cur < t->nviews ? t->views[t->cur]->ops : NULL;
	char *ending = sso_ending(t);

	if (ending != NULL) {
		/* Before it breaks a request: in place of the key hints. */
		x += 3;
		wattrset(w, tui_attr(t, TUI_ERROR));
		if (x < cols - 1)
			tui_draw_text(w, 0, x, cols - 1 - x, 0, ending);
		wattrset(w, A_NORMAL);
		free(ending);
		buf_free(&b);
		return;
	}
	keys = status_keys(t, view, cols - 1 - (x + 3));
	x += 3;
	if (x < cols - 1 && *keys != '\0')
		tui_draw_text(w, 0, x, cols - 1 - x, 0, keys);
	wattrset(w, A_NORMAL);
	free(keys);
	buf_free(&b);
}

void panes_draw_too_small(struct tui *t)
{
	char *msg = xasprintf(_("Terminal too small: %dx%d, needs at least %dx%d."), COLS, LINES,
			      TUI_MIN_COLS, TUI_MIN_ROWS);
	const char *hint = _("Enlarge the window, or press F10 to quit.");

	werase(stdscr);
	wattrset(stdscr, A_BOLD);
	tui_draw_text(stdscr, LINES / 2 - 1, 0, COLS, 0, msg);
	wattrset(stdscr, A_NORMAL);
	if (LINES > 2)
		tui_draw_text(stdscr, LINES / 2, 0, COLS, 0, hint);
	wnoutrefresh(stdscr);
	free(msg);
}

/* The main loop: poll() the terminal, the worker's pipe and the signal
 * pipe (no timeout while idle), dispatch keys through the modal dialog,
 * the focused pane and the global bindings, and redraw with one doupdate. */
#include "config.h"
#include "tui/bench.h"
#include "tui/recjob.h"
#include "tui/tui-int.h"
#include "tui/identity.h"
#include "tui/actions.h"
#include "tui/dialog-mfa.h"
#include "whatif/history.h"
#include "tui/text.h"
#include "tui/widget-input.h"
#include "tui/views.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- layout ---------------------------------------------------------------- */

static void del(WINDOW **w)
{
	if (*w != NULL)
		delwin(*w);
	*w = NULL;
}

static void drop_windows(struct tui *t)
{
	del(&t->w_modal);
	del(&t->w_modal_frame);
	del(&t->w_title);
	del(&t->w_summary);
	del(&t->w_capacity);
	del(&t->w_request);
	del(&t->w_view);
	del(&t->w_frame);
	del(&t->w_info);
	del(&t->w_status);
	form_detach(t->form); /* keeps the texts; frees libform's fields */
	del(&t->w_form);
}

static void layout_modal(struct tui *t)
{
	const struct tui_view_ops *o;
	int rows, cols;

	del(&t->w_modal);
	del(&t->w_modal_frame);
	if (t->modal == NULL || t->too_small)
		return;
	o = t->modal->ops;
	rows = o->modal_rows ? o->modal_rows + 2 : LINES - 4;
	cols = o->modal_cols ? o->modal_cols + 2 : COLS - 8;
	if (rows > LINES - 2)
		rows = LINES - 2;
	if (cols > COLS - 2)
		cols = COLS - 2;
	t->w_modal_frame = newwin(rows, cols, (LINES - rows) / 2, (COLS - cols) / 2);
	t->w_modal = newwin(rows - 2, cols - 4, (LINES - rows) / 2 + 1, (COLS - cols) / 2 + 2);
	leaveok(t->w_modal_frame, TRUE);
	leaveok(t->w_modal, TRUE);
	t->modal->rows = rows - 2;
	t->modal->cols = cols - 4;
	if (o->resize != NULL)
		o->resize(t->modal);
}

static bool want_zoomed(const struct tui *t)
{
	return t->zoom && t->focus == FOCUS_VIEW;
}

/* Once a request was sent, the form collapses while the keys are on the
 * views (the answer has the rows); Tab or a click brings it back. */
static bool want_collapsed(const struct tui *t)
{
	return t->focus == FOCUS_VIEW && t->state != ST_IDLE;
}

static void relayout(struct tui *t)
{
	int top = 12, fw, vh;
	bool zoomed;

	drop_windows(t);
	t->too_small = LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
	clearok(curscr, TRUE);
	if (t->too_small)
		return;
	fw = COLS / 2;
	if (fw > 64)
		fw = 64;
	vh = LINES - 3 - top;
	/* z: the view area takes every row but the title and the two
	 * lines below (the form and panes are kept, just not drawn). */
	zoomed = t->zoomed = want_zoomed(t);
	t->collapsed = !zoomed && want_collapsed(t);
	if (zoomed)
		vh = LINES - 3;
	t->w_title = newwin(1, COLS, 0, 0);
	t->w_form = newwin(top, fw, 1, 0);
	t->w_summary = newwin(8, COLS - fw, 1, fw);
	if (t->collapsed) {
		/* The form (kept, not drawn) gives its rows to the views: the
		 * Request pane and Capacity under it, beside the Summary. */
		top = 8;
		vh = LINES - 3 - top;
		t->w_request = newwin(4, fw, 1, 0);
		t->w_capacity = newwin(top - 4, fw, 5, 0);
	} else {
		t->w_capacity = newwin(top - 8, COLS - fw, 9, fw);
	}
	/* The view area has no side borders: a tree that scrolls by one row
	 * then costs one scrolled line, not a line plus two frame characters. */
	t->w_frame = newwin(vh, COLS, zoomed ? 1 : 1 + top, 0);
	t->w_view = newwin(vh - 2, COLS, zoomed ? 2 : 2 + top, 0);
	t->w_info = newwin(1, COLS, LINES - 2, 0);
	t->w_status = newwin(1, COLS, LINES - 1, 0);
	/* Only the form shows a cursor: elsewhere doupdate need not move it. */
	WINDOW *const all[] = { t->w_title, t->w_form, t->w_summary, t->w_capacity, t->w_frame,
				t->w_view,  t->w_info, t->w_status,  t->w_request };
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		if (all[i] != NULL)
			leaveok(all[i], TRUE);
	form_attach(t->form, t, t->w_form);
	for (size_t i = 0; i < t->nviews; i++) {
		t->views[i]->rows = vh - 2;
		t->views[i]->cols = COLS;
		if (t->views[i]->ops->resize != NULL)
			t->views[i]->ops->resize(t->views[i]);
	}
	layout_modal(t);
}

/* --- drawing --------------------------------------------------------------- */

/* At the right of the tabs: whether the views show an answer that is
 * being replaced, or an earlier one after a failure. */
static void draw_view_state(struct tui *t, int x)
{
	WINDOW *w = t->w_frame;
	int cols = getmaxx(w);
	char *note = NULL;

	if (tui_busy(t) && t->last != NULL)
		note = xasprintf(" %s ", _("running"));
	else if (panes_stale(t))
		note = xasprintf(" %s ", _("earlier answer"));
	if (note == NULL)
		return;
	int n = (int)text_width(note);

	if (x + n < cols - 1) {
		wattrset(w,
			 tui_attr(t, t->state == ST_FAILED && !tui_busy(t) ? TUI_ERROR : TUI_DIM));
		tui_draw_text(w, 0, cols - 1 - n, n, 0, note);
		wattrset(w, A_NORMAL);
	}
	free(note);
}

static void draw_tabs(struct tui *t)
{
	WINDOW *w = t->w_frame;
	int x = 2, cols = getmaxx(w);

	for (size_t i = 0; i < t->nviews && x < cols - 4; i++) {
		char *label = xasprintf(" %zu %s ", i + 1, _(t->views[i]->ops->name));
		bool cur = i == t->cur;

		wattrset(w, cur ? (t->focus == FOCUS_VIEW ? tui_attr(t, TUI_SELECTED)
							  : A_BOLD | A_UNDERLINE)
				: tui_attr(t, TUI_FRAME));
		x += tui_draw_text(w, 0, x, cols - 2 - x, 0, label);
		wattrset(w, A_NORMAL);
		free(label);
		x++;
	}
	draw_view_state(t, x);
}

static void draw(struct tui *t)
{
	/* Focus moved while zoomed (a key, a failed send, a picker): the
	 * form comes back, or goes, before anything is drawn. */
	if (!t->too_small &&
	    (want_zoomed(t) != t->zoomed || (!want_zoomed(t) && want_collapsed(t)) != t->collapsed))
		relayout(t);
	if (t->too_small) {
		curs_set(0);
		panes_draw_too_small(t);
		doupdate();
		return;
	}
	panes_draw_title(t);
	wnoutrefresh(t->w_title);

	if (t->collapsed) {
		panes_draw_request(t);
		wnoutrefresh(t->w_request);
	} else if (!t->zoomed) {
		term_frame(t, t->w_form, _("Request"), t->focus == FOCUS_FORM && t->modal == NULL);
		form_draw(t->form, t, t->focus == FOCUS_FORM);
		touchwin(t->w_form); /* libform writes through a subwindow */
		wnoutrefresh(t->w_form);
	}
	if (!t->zoomed) {
		panes_draw_summary(t);
		wnoutrefresh(t->w_summary);
		panes_draw_capacity(t);
		wnoutrefresh(t->w_capacity);
	}

	werase(t->w_frame);
	term_hframe(t, t->w_frame, t->focus == FOCUS_VIEW && t->modal == NULL);
	draw_tabs(t);
	wnoutrefresh(t->w_frame);
	if (t->cur < t->nviews) {
		struct tui_view *v = t->views[t->cur];

		v->ops->draw(v, t->w_view, t->focus == FOCUS_VIEW && t->modal == NULL);
		wnoutrefresh(t->w_view);
	}
	panes_draw_info(t);
	wnoutrefresh(t->w_info);
	panes_draw_status(t);
	wnoutrefresh(t->w_status);
	if (t->modal != NULL && t->w_modal != NULL) {
		werase(t->w_modal_frame);
		term_frame(t, t->w_modal_frame, _(t->modal->ops->name), true);
		wnoutrefresh(t->w_modal_frame);
		t->modal->ops->draw(t->modal, t->w_modal, true);
		wnoutrefresh(t->w_modal);
	}
	if (t->focus == FOCUS_FORM && t->modal == NULL) {
		curs_set(1);
		form_place_cursor(t->form);
	} else {
		curs_set(0);
	}
	doupdate();
}

/* --- the API for views ----------------------------------------------------- */

unsigned long tui_submit(struct tui *t, struct worker_job *job, bool supersede)
{
	return worker_submit(t->worker, job, supersede);
}

struct lineedit_history *tui_history(struct tui *t, enum tui_hist h)
{
	return &t->hist[h];
}

bool tui_busy(const struct tui *t)
{
	return worker_busy(t->worker) > 0;
}

int tui_form_request(struct tui *t, struct scaling_request *out, char **err)
{
	return form_request(t->form, out, err);
}

void tui_form_set(struct tui *t, enum scaling_field f, const char *text)
{
	form_set(t->form, f, text);
}

const char *tui_form_job(struct tui *t)
{
	return form_job(t->form);
}

const struct scaling_response *tui_last_response(const struct tui *t)
{
	return t->last;
}

struct tui_view *tui_find_view(struct tui *t, const struct tui_view_ops *ops)
{
	for (size_t i = 0; i < t->nviews; i++)
		if (t->views[i]->ops == ops)
			return t->views[i];
	return NULL;
}

void tui_show_view(struct tui *t, const struct tui_view_ops *ops, bool focus)
{
	for (size_t i = 0; i < t->nviews; i++)
		if (t->views[i]->ops == ops) {
			t->cur = i;
			if (focus)
				t->focus = FOCUS_VIEW;
		}
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	free(t->message);
	t->message = s;
}

bool tui_read_only(const struct tui *t)
{
	return t->opts.read_only;
}

const char *tui_region(const struct tui *t)
{
	return t->opts.region;
}

const char *tui_profile(const struct tui *t)
{
	return t->opts.profile;
}

const char *tui_account(const struct tui *t)
{
	return t->account;
}

void tui_cancel_job(struct tui *t, unsigned long id)
{
	worker_cancel(t->worker, id);
}

static struct tui_view *view_new(struct tui *t, const struct tui_view_ops *ops, void *arg)
{
	size_t size = ops->size >= sizeof(struct tui_view) ? ops->size : sizeof(struct tui_view);
	struct tui_view *v = xcalloc(1, size);

	v->ops = ops;
	v->tui = t;
	v->arg = arg;
	if (ops->init != NULL)
		ops->init(v);
	return v;
}

static void view_free(struct tui_view *v)
{
	if (v == NULL)
		return;
	if (v->ops->done != NULL)
		v->ops->done(v);
	free(v);
}

void tui_open_modal(struct tui *t, const struct tui_view_ops *ops, void *arg)
{
	view_free(t->modal);
	t->modal = view_new(t, ops, arg);
	layout_modal(t);
}

/* The help over a dialog: the dialog waits under it, and comes back when
 * the help closes. */
static void open_help(struct tui *t)
{
	if (t->modal != NULL && t->modal->ops != &tui_help_dialog && t->under == NULL) {
		t->under = t->modal;
		t->modal = NULL;
	}
	tui_open_modal(t, &tui_help_dialog, NULL);
}

static void close_modal(struct tui *t)
{
	view_free(t->modal);
	t->modal = t->under;
	t->under = NULL;
	del(&t->w_modal);
	del(&t->w_modal_frame);
	layout_modal(t);
}

/* --- requests -------------------------------------------------------------- */

static unsigned submit_form(struct tui *t)
{
	struct scaling_request r;
	struct rec_job *j;

	if (form_request(t->form, &r, NULL) != 0) {
		t->focus = FOCUS_FORM;
		return TUI_REDRAW;
	}
	j = rec_job_new(&r, true, "form");
	scaling_request_free(&r);
	t->shown_job = tui_submit(t, &j->base, true);
	clock_gettime(CLOCK_MONOTONIC, &t->run_since);
	t->state = ST_RUNNING;
	/* Focus follows the work: the keys act on the answer now (what-if,
	 * the tree); the form keeps its values and Tab goes back to it. */
	t->focus = FOCUS_VIEW;
	return TUI_REDRAW;
}

static void job_back(struct tui *t, struct worker_job *job)
{
	struct rec_job *r = rec_job_of(job);
	char *account = identity_job_account(job);

	if (account) {
		free(t->account);
		t->account = account;
	}
	/* Every view sees every result first (history, compare, ...). */
	for (size_t i = 0; i < t->nviews; i++)
		if (t->views[i]->ops->job_done != NULL)
			t->views[i]->ops->job_done(t->views[i], job);
	if (t->modal != NULL && t->modal->ops->job_done != NULL)
		t->modal->ops->job_done(t->modal, job);
	if (t->under != NULL && t->under->ops->job_done != NULL)
		t->under->ops->job_done(t->under, job);
	if (r != NULL && r->show && job->id == t->shown_job) {
		if (job->state == WORKER_DROPPED || r->res.kind == AWS_ERR_CANCELLED) {
			t->state = ST_CANCELLED;
		} else if (r->rc == 0) {
			t->state = ST_DONE;
			t->last_secs = worker_job_seconds(job);
			if (t->last != NULL)
				scaling_response_free(t->last);
			else
				t->last = xcalloc(1, sizeof(*t->last));
			*t->last = r->resp; /* the panes keep it; the job forgets it */
			t->last_at = time(NULL);
			memset(&r->resp, 0, sizeof(r->resp));
			/* The Replay view replays the answer itself: it stays. */
			if (t->views[t->cur]->ops != &tui_view_replay)
				tui_show_view(t, &tui_view_policies, false);
		} else {
			t->state = ST_FAILED;
			t->last_secs = worker_job_seconds(job);
		}
	}
	worker_job_free(job);
	/* "A request is still running. Quit anyway?" is no longer true: the
	 * question goes (the next q or F10 quits at once). */
	if (t->modal != NULL && t->modal->ops == &tui_confirm_quit_dialog && !tui_busy(t))
		close_modal(t);
}

/* --- global key handlers (keys.c) ------------------------------------------ */

unsigned tui_key_help(struct tui *t, struct tui_view *v, long arg)
{
	open_help(t);
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned tui_key_quit(struct tui *t, struct tui_view *v, long arg)
{
	return TUI_HANDLED | TUI_QUIT;
}

unsigned tui_key_cancel(struct tui *t, struct tui_view *v, long arg)
{
	if (!tui_busy(t))
		return TUI_HANDLED;
	worker_cancel_all(t->worker);
	tui_message(t, "%s", _("Cancelling the request..."));
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned tui_key_focus(struct tui *t, struct tui_view *v, long arg)
{
	return TUI_HANDLED | (t->focus == FOCUS_FORM ? TUI_FOCUS_VIEW : TUI_FOCUS_FORM);
}

unsigned tui_key_form(struct tui *t, struct tui_view *v, long arg)
{
	return TUI_HANDLED | TUI_FOCUS_FORM;
}

unsigned tui_key_zoom(struct tui *t, struct tui_view *v, long arg)
{
	t->zoom = !t->zoom;
	return TUI_HANDLED | TUI_RELAYOUT;
}

unsigned tui_key_submit(struct tui *t, struct tui_view *v, long arg)
{
	return TUI_HANDLED | submit_form(t);
}

unsigned tui_send_form(struct tui *t)
{
	return TUI_HANDLED | submit_form(t);
}

unsigned tui_key_view_step(struct tui *t, struct tui_view *v, long arg)
{
	if (t->nviews)
		t->cur = (t->cur + (arg > 0 ? 1 : t->nviews - 1)) % t->nviews;
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned tui_key_view_n(struct tui *t, struct tui_view *v, long arg)
{
	if (arg >= 0 && (size_t)arg < t->nviews)
		t->cur = (size_t)arg;
	return TUI_HANDLED | TUI_REDRAW | TUI_FOCUS_VIEW;
}

unsigned tui_key_repaint(struct tui *t, struct tui_view *v, long arg)
{
	clearok(curscr, TRUE);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned global_key(struct tui *t, int key, bool func, bool in_form)
{
	struct tui_view *v = t->cur < t->nviews ? t->views[t->cur] : NULL;
	const struct tui_bind *b = keymap_find(tui_global_keys, key, func, t, v);

	/* A TB_WRITES key with --read-only: its handler says why it refuses. */
	if (b == NULL || (in_form && !(b->flags & TB_FORM)))
		return TUI_IGNORED;
	return keymap_run(b, t, v);
}

/* A view's or dialog's own table, after its key() (prompts, widgets). */
static unsigned view_key(struct tui *t, struct tui_view *v, int key, bool func)
{
	unsigned r = v->ops->key != NULL ? v->ops->key(v, key, func) : TUI_IGNORED;
	const struct tui_bind *b;

	if (r == TUI_IGNORED && (b = keymap_find(v->ops->bindings, key, func, t, v)) != NULL &&
	    b->fn != NULL)
		r = keymap_run(b, t, v);
	return r;
}

/* The keys of every dialog: its help (the loop's, on top of it). */
static unsigned help_key_in(struct tui *t, struct tui_view *v, long arg)
{
	return tui_key_help(t, v, arg);
}

const struct tui_bind tui_dialog_keys[] = {
	{ '?', TB_KEEP, help_key_in, 0, N_("the keys of this dialog, then every other"),
	  N_("help") },
	{ KEY_F(1), TB_FUNC, help_key_in, 0, N_("the keys of this dialog, then every other") },
	{ 0 }
};

static unsigned modal_key(struct tui *t, int key, bool func)
{
	struct tui_view *m = t->modal;
	unsigned r;

	if (m->ops->key == NULL && m->ops->bindings == NULL)
		return TUI_CLOSE;
	r = view_key(t, m, key, func);
	if (r == TUI_IGNORED && m->ops != &tui_help_dialog) {
		const struct tui_bind *b = keymap_find(tui_dialog_keys, key, func, t, m);

		r = b != NULL ? keymap_run(b, t, m) : TUI_HANDLED;
		return r; /* the help is open now: m is under it */
	}
	if (r & TUI_CLOSE)
		close_modal(t);
	return r;
}

static unsigned dispatch(struct tui *t, int key, bool func);

/* The tab under column x of the tab line, or -1 (draw_tabs' layout). */
static int tab_at(struct tui *t, int x)
{
	int start = 2, cols = getmaxx(t->w_frame);

	for (size_t i = 0; i < t->nviews && start < cols - 4; i++) {
		char *label = xasprintf(" %zu %s ", i + 1, _(t->views[i]->ops->name));
		int w = (int)text_width(label);

		free(label);
		if (x >= start && x < start + w)
			return (int)i;
		start += w + 1;
	}
	return -1;
}

static bool inside(WINDOW *w, int y, int x)
{
	return w != NULL && wenclose(w, y, x);
}

/* The wheel: three rows up or down in whatever is under the pointer (a
 * dialog, else the view area). */
static unsigned wheel(struct tui *t, bool up, int y, int x)
{
	unsigned r = 0;

	if (t->modal == NULL && !inside(t->w_view, y, x))
		return TUI_HANDLED;
	if (t->modal == NULL)
		t->focus = FOCUS_VIEW;
	for (int i = 0; i < 3; i++)
		r |= dispatch(t, up ? KEY_UP : KEY_DOWN, true);
	return r | TUI_HANDLED | TUI_REDRAW;
}

/* A left click: a tab shows its view, a form field takes the cursor, a
 * row of the view is the view's to handle (a tree node opens or closes);
 * in a dialog, the dialog's own click handler if it has one. */
static unsigned click(struct tui *t, int y, int x)
{
	struct tui_view *v;

	if (t->modal != NULL) {
		v = t->modal;
		if (v->ops->click == NULL || !inside(t->w_modal, y, x))
			return TUI_HANDLED;
		return v->ops->click(v, y - getbegy(t->w_modal), x - getbegx(t->w_modal)) |
		       TUI_REDRAW;
	}
	if (inside(t->w_frame, y, x) && y == getbegy(t->w_frame)) {
		int i = tab_at(t, x - getbegx(t->w_frame));

		if (i >= 0) {
			t->cur = (size_t)i;
			t->focus = FOCUS_VIEW;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (t->collapsed && inside(t->w_request, y, x)) {
		t->focus = FOCUS_FORM; /* the form opens (draw relayouts) */
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!t->zoomed && !t->collapsed && inside(t->w_form, y, x)) {
		t->focus = FOCUS_FORM;
		return form_click(t->form, y) | TUI_REDRAW;
	}
	if (inside(t->w_view, y, x) && t->cur < t->nviews) {
		v = t->views[t->cur];
		t->focus = FOCUS_VIEW;
		if (v->ops->click != NULL)
			return v->ops->click(v, y - getbegy(t->w_view), x - getbegx(t->w_view)) |
			       TUI_REDRAW;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_HANDLED;
}

static unsigned mouse(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || t->too_small)
		return TUI_HANDLED;
	if (ev.bstate & BUTTON4_PRESSED)
		return wheel(t, true, ev.y, ev.x);
	if (ev.bstate & BUTTON5_PRESSED)
		return wheel(t, false, ev.y, ev.x);
	if (ev.bstate & BUTTON1_PRESSED)
		return click(t, ev.y, ev.x);
	return TUI_HANDLED;
}

static unsigned dispatch(struct tui *t, int key, bool func)
{
	unsigned r;

	t->last_key = key;
	if (func && key == KEY_RESIZE)
		return TUI_RELAYOUT;
	if (func && key == KEY_MOUSE)
		return mouse(t);
	if (t->message != NULL) {
		free(t->message);
		t->message = NULL;
	}
	if (t->warning != NULL) {
		free(t->warning); /* shown until the first key */
		t->warning = NULL;
	}
	/* Too small: only the keys the screen offers, even over a dialog (it
	 * is not drawn, so it must not take keys), and F10 quits at once: a
	 * question could not be shown. */
	if (t->too_small) {
		if ((func && key == KEY_F(10)) || (!func && key == 'q'))
			t->quit = true;
		return TUI_IGNORED;
	}
	if (t->modal != NULL)
		return modal_key(t, key, func) | TUI_REDRAW;
	if (t->focus == FOCUS_FORM) {
		r = global_key(t, key, func, true);
		if (r == TUI_IGNORED)
			r = form_key(t->form, key, func);
		if (r & TUI_SUBMIT)
			r |= submit_form(t);
		return r | TUI_REDRAW;
	}
	r = t->cur < t->nviews ? view_key(t, t->views[t->cur], key, func) : TUI_IGNORED;
	if (r == TUI_IGNORED)
		r = global_key(t, key, func, false);
	return r | TUI_REDRAW;
}

/* Applies what handlers asked; returns true when a redraw is due. */
static unsigned apply(struct tui *t, unsigned r)
{
	if (r & TUI_QUIT) {
		if (tui_busy(t))
			tui_open_modal(t, &tui_confirm_quit_dialog, NULL);
		else
			t->quit = true;
	}
	if (r & TUI_FOCUS_FORM)
		t->focus = FOCUS_FORM;
	if (r & TUI_FOCUS_VIEW)
		t->focus = FOCUS_VIEW;
	return r;
}

/* The bench's keys as the loop's: the flags (focus, quit) applied too. */
static unsigned bench_dispatch(struct tui *t, int key, bool func)
{
	return apply(t, dispatch(t, key, func));
}

/* ESC with more input right behind it (curses waits ESCDELAY for that):
 * b or f makes Alt-B / Alt-F (the line editor's word moves; other letters
 * stay ESC and the letter, since a quick "Esc, then a key" must keep
 * meaning that); a control sequence curses does not know
 * (CSI or SS3, up to its final byte) is dropped, so that it never becomes
 * text in a field; anything else is ESC, and the key after it stays for
 * the next read.  Returns the key (0: nothing), *func as for wget_wch. */
static int after_escape(bool *func)
{
	wint_t wch;
	int rc = wget_wch(stdscr, &wch);

	*func = false;
	if (rc == ERR)
		return 27;
	if (rc == KEY_CODE_YES) {
		ungetch((int)wch);
		return 27;
	}
	if (wch == '[' || wch == 'O') {
		/* parameters and intermediates, then one final byte; bounded */
		for (int i = 0; i < 64 && wget_wch(stdscr, &wch) == OK; i++)
			if (wch >= 0x40 && wch <= 0x7e)
				break;
		return 0;
	}
	if (wch == 'b' || wch == 'f' || wch == 'B' || wch == 'F') {
		*func = true;
		return TUI_KEY_ALT(wch);
	}
	unget_wch((wchar_t)wch);
	return 27;
}

/* Reads every key curses has (it may have buffered several). */
static unsigned read_keys(struct tui *t)
{
	unsigned r = 0;
	wint_t wch;
	int rc;

	while (!t->quit && (rc = wget_wch(stdscr, &wch)) != ERR) {
		bool func = rc == KEY_CODE_YES;
		int key = (int)wch;

		if (!func && key == 27 && (key = after_escape(&func)) == 0)
			continue;
		r |= apply(t, dispatch(t, key, func));
		if (r & TUI_RELAYOUT) {
			relayout(t);
			r &= ~(unsigned)TUI_RELAYOUT;
			r |= TUI_REDRAW;
		}
	}
	return r;
}

/* --- the loop -------------------------------------------------------------- */

static int loop(struct tui *t)
{
	struct pollfd fds[5];
	unsigned r = TUI_REDRAW;
	int sig = 0;

	fds[0].fd = STDIN_FILENO;
	fds[1].fd = worker_fd(t->worker);
	fds[2].fd = term_signal_fd();
	fds[3].fd = worker_fd(t->bg);
	fds[4].fd = mfa_dialog_fd(t); /* -1 (ignored by poll) when not installed */
	for (int i = 0; i < 5; i++)
		fds[i].events = POLLIN;
	while (!t->quit) {
		if (r & TUI_REDRAW)
			draw(t);
		r = 0;
		bool busy = tui_busy(t);
		/* Idle: sleep until something happens.  Busy: tick the spinner. */
		int n = poll(fds, 5, busy ? 100 : -1);

		if (n < 0 && errno != EINTR)
			break;
		if ((sig = term_take_signal()) != 0)
			break;
		if (term_take_suspend())
			r |= TUI_REDRAW;
		if (term_take_winch()) {
			relayout(t);
			/* resizeterm queued a KEY_RESIZE inside curses, where poll()
			 * cannot see it: take it (and any key behind it) now. */
			r |= TUI_REDRAW | read_keys(t);
		}
		if (n > 0 && fds[1].revents) {
			struct worker_job *job;

			while ((job = worker_take(t->worker)) != NULL)
				job_back(t, job);
			r |= TUI_REDRAW;
		}
		if (n > 0 && fds[4].revents)
			r |= mfa_dialog_poll(t);
		if (n > 0 && fds[3].revents) {
			struct worker_job *job;

			while ((job = worker_take(t->bg)) != NULL)
				job_back(t, job);
			r |= TUI_REDRAW;
		}
		if (n > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) &&
		    !(fds[0].revents & POLLIN)) {
			sig = SIGHUP; /* the terminal went away */
			break;
		}
		if (n > 0 && (fds[0].revents & POLLIN))
			r |= read_keys(t);
		if (n == 0 && busy) {
			t->spin++;
			r |= TUI_REDRAW;
		}
	}
	return sig;
}

int tui_run(const struct tui_options *o, struct aws_client *client, bool *client_busy)
{
	struct tui *t = xcalloc(1, sizeof(*t));
	int sig, rc;

	t->opts = *o;
	t->ctx.client = client;
	t->ctx.demo = o->demo;
	*client_busy = false;
	t->form = form_new(&o->prefill);
	if (term_init(t) != 0) {
		form_free(t->form);
		free(t);
		return 3;
	}
	t->worker = worker_new(&t->ctx);
	t->bg = worker_new(NULL);
	mfa_dialog_install(t);
	for (const struct tui_view_ops *const *p = tui_view_table; *p != NULL; p++)
		t->nviews++;
	t->views = xcalloc(t->nviews ? t->nviews : 1, sizeof(*t->views));
	for (size_t i = 0; i < t->nviews; i++)
		t->views[i] = view_new(t, tui_view_table[i], NULL);
	relayout(t);
	/* The account for the title line, in the background (after a --run
	 * request, which goes first). */
	if (o->run)
		apply(t, submit_form(t));
	if (o->sts)
		worker_submit(t->bg, identity_job_new(o->sts), true);
	if (o->bench_keys != NULL)
		sig = tui_bench_run(t, o->bench_keys, draw, bench_dispatch, job_back);
	else
		sig = loop(t);

	mfa_dialog_uninstall(t); /* a refresh waiting for a code gets none */
	/* A stuck request must not hold the exit: half a second, then go. */
	*client_busy = !worker_free(t->worker, 500);
	worker_free(t->bg, 100); /* its job owns copies of what it uses */
	close_modal(t);
	if (!*client_busy)
		mfa_dialog_free(t); /* else a stuck refresh may still hold it */
	form_free(t->form);
	t->form = NULL;
	term_restore();
	for (size_t i = 0; i < t->nviews; i++)
		view_free(t->views[i]);
	free(t->views);
	if (t->last != NULL) {
		scaling_response_free(t->last);
		free(t->last);
	}
	for (int i = 0; i < TUI_HIST_COUNT; i++)
		lineedit_history_free(&t->hist[i]);
	act_state_free(t->act);
	history_close(t->own_history);
	free(t->message);
	free(t->warning);
	free(t->account);
	free(t);
	rc = sig != 0 ? 128 + sig : 0;
	return rc;
}

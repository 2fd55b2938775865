/* The Policies view: the whole response as a navigable tree, the scaling
 * policies and every metric specification included. */
#include "config.h"
#include "tui/recjob.h"
#include "tui/resptree.h"
#include "tui/treeview.h"
#include "tui/views.h"
#include "util/i18n.h"

struct policies_view {
	struct tui_view base;
	struct treeview tv;
	unsigned long job;	/* the response shown came from this job */
};

static void policies_init(struct tui_view *v)
{
	treeview_init(&((struct policies_view *)v)->tv);
}

static void policies_done(struct tui_view *v)
{
	treeview_free(&((struct policies_view *)v)->tv);
}

static void policies_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct policies_view *p = (struct policies_view *)v;

	werase(w);
	if (p->tv.tree.nrows == 0) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		tui_draw_text(w, 0, 1, v->cols - 2, 0,
			      _("No result yet: fill in the form and press Enter."));
		wattrset(w, A_NORMAL);
		return;
	}
	treeview_draw(&p->tv, v->tui, w, focused);
}

static unsigned policies_key(struct tui_view *v, int key, bool func)
{
	struct policies_view *p = (struct policies_view *)v;

	return treeview_key(&p->tv, key, func, v->rows);
}

static const char *policies_info(struct tui_view *v)
{
	struct policies_view *p = (struct policies_view *)v;

	return p->tv.tree.nrows ? treeview_info(&p->tv) : NULL;
}

static void policies_job_done(struct tui_view *v, struct worker_job *job)
{
	struct policies_view *p = (struct policies_view *)v;
	struct rec_job *r = rec_job_of(job);

	if (r == NULL || !r->show || r->rc != 0 || job->superseded || job->state != WORKER_DONE)
		return;
	resptree_build(&p->tv.tree, &r->resp);
	treeview_changed(&p->tv);
	p->job = job->id;
}

const struct tui_view_ops tui_view_policies = {
	.name = N_("Policies"),
	.size = sizeof(struct policies_view),
	.init = policies_init,
	.done = policies_done,
	.draw = policies_draw,
	.key = policies_key,
	.info = policies_info,
	.job_done = policies_job_done,
	.keys = treeview_keys,
};

/* The Policies view: the whole response as a navigable tree, the scaling
 * policies and every metric specification included. */
#include "config.h"
#include "tui/recjob.h"
#include "tui/resptree.h"
#include "tui/treeview.h"
#include "tui/views.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct policies_view {
	struct tui_view base;
	struct treeview tv;
	unsigned long job;	/* the response shown came from this job */
};

static void policies_init(struct tui_view *v)
{
	treeview_init(&((struct policies_view *)v)->tv, tui_history(v->tui, TUI_HIST_SEARCH));
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
			      _("No result yet: pick a job with F2 (or type one in the form), then press Enter."));
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

static const char *policies_prompt(struct tui_view *v, struct lineedit **le)
{
	return treeview_prompt(&((struct policies_view *)v)->tv, le);
}

/* What a new answer keeps of the old tree: which nodes were expanded, the
 * selected node and its row on the page, the last search, by path. */
struct kept {
	char *path;
	bool expanded;
};

static int kept_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kept *)a)->path, ((const struct kept *)b)->path);
}

/* A what-if rerun answers with the same shape: the reader stays where he
 * was in the tree instead of being sent back to its top. */
static void rebuild_keeping(struct treeview *tv, const struct scaling_response *resp)
{
	struct tree *tr = &tv->tree;
	struct kept *k = NULL, key;
	size_t nk = 0, cap = 0, above = 0, hscroll = tr->hscroll;
	char *sel = NULL, *search = NULL;
	bool had = tr->nrows > 0;

	if (had) {
		for (struct tree_node *n = tr->root.first; n != NULL; n = tree_next_preorder(tr, n)) {
			if (n->first == NULL)
				continue;
			if (nk == cap) {
				cap = cap ? cap * 2 : 64;
				k = xrealloc(k, cap * sizeof(*k));
			}
			k[nk].path = tree_path(n);
			k[nk++].expanded = n->expanded;
		}
		qsort(k, nk, sizeof(*k), kept_cmp);
		if (tree_selected(tr) != NULL)
			sel = tree_path(tree_selected(tr));
		above = tr->sel >= tr->top ? tr->sel - tr->top : 0;
		search = tr->search != NULL ? xstrdup(tr->search) : NULL;
	}
	resptree_build(tr, resp);
	if (!had)
		return;
	for (struct tree_node *n = tr->root.first; n != NULL; n = tree_next_preorder(tr, n)) {
		struct kept *f;

		if (n->first == NULL)
			continue;
		key.path = tree_path(n);
		f = nk ? bsearch(&key, k, nk, sizeof(*k), kept_cmp) : NULL;
		if (f != NULL)
			n->expanded = f->expanded;
		free(key.path);
	}
	tree_refresh(tr);
	for (struct tree_node *n = tr->root.first; sel != NULL && n != NULL; n = tree_next_preorder(tr, n)) {
		char *path = tree_path(n);
		bool same = strcmp(path, sel) == 0;

		free(path);
		if (same) {
			tree_select_node(tr, n);
			tr->top = tr->sel > above ? tr->sel - above : 0;
			tr->hscroll = hscroll;
			break;
		}
	}
	free(tr->search);
	tr->search = search;
	for (size_t i = 0; i < nk; i++)
		free(k[i].path);
	free(k);
	free(sel);
}

static void policies_job_done(struct tui_view *v, struct worker_job *job)
{
	struct policies_view *p = (struct policies_view *)v;
	struct rec_job *r = rec_job_of(job);

	if (r == NULL || !r->show || r->rc != 0 || job->superseded || job->state != WORKER_DONE)
		return;
	rebuild_keeping(&p->tv, &r->resp);
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
	.prompt = policies_prompt,
	.job_done = policies_job_done,
	.keys = treeview_keys,
};

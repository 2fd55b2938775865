/* The Policies view: the whole response as a navigable tree, the scaling
 * policies and every metric specification included; `:` shows instead what
 * a JMESPath expression makes of the answer (Esc: the whole answer again). */
#include "config.h"
#include "tui/recjob.h"
#include "tui/resptree.h"
#include "tui/widget-tree.h"
#include "tui/actions.h"
#include "tui/views.h"
#include "tui/widget-input.h"
#include "jmespath/jmespath.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct policies_view {
	struct tui_view base;
	struct treeview tv;
	unsigned long job;     /* the response shown came from this job */
	bool asking;           /* the `:` prompt is open */
	struct lineedit qline; /* its text, with its own history */
	char *expr;            /* the expression shown, NULL: the whole answer */
	char *qerror;          /* why the last one failed (the info line) */
	char *info;
};

static void policies_init(struct tui_view *v)
{
	struct policies_view *p = (struct policies_view *)v;

	treeview_init(&p->tv, tui_history(v->tui, TUI_HIST_SEARCH));
	lineedit_init(&p->qline, 1024, NULL, tui_history(v->tui, TUI_HIST_QUERY));
}

static void policies_done(struct tui_view *v)
{
	struct policies_view *p = (struct policies_view *)v;

	treeview_free(&p->tv);
	lineedit_free(&p->qline);
	free(p->expr);
	free(p->qerror);
	free(p->info);
}

/* "column 5: syntax error: unexpected "]"  [:foo.]]" (the expression is
 * what the user typed; the info line is drawn sanitised). */
static void query_error(struct policies_view *p, const char *expr, struct jp_error *e)
{
	char *m = jp_error_format(expr, strlen(expr), e), *raw = xasprintf("%s  [:%s]", m, expr);

	p->qerror = sanitize_str(raw);
	free(raw);
	free(m);
	jp_error_clear(e);
}

/* Shows expr's result over the answer r.  Returns false (the reason in
 * p->qerror, the tree untouched) when it does not compile or fails. */
static bool show_query(struct policies_view *p, const char *expr, const struct scaling_response *r)
{
	struct json_object *doc, *res = NULL;
	struct jp_error e;
	struct jp_expr *q;
	bool ok = false;

	free(p->qerror);
	p->qerror = NULL;
	if (r == NULL || r->raw_json == NULL) {
		p->qerror = xstrdup(_("No answer to query yet."));
		return false;
	}
	if (!(q = jp_compile(expr, strlen(expr), &e))) {
		query_error(p, expr, &e);
		return false;
	}
	doc = json_tokener_parse(r->raw_json);
	if (jp_search(q, doc, &res, &e) < 0) {
		query_error(p, expr, &e);
	} else {
		resptree_build_json(&p->tv.tree, res);
		treeview_changed(&p->tv);
		ok = true;
	}
	json_object_put(res);
	json_object_put(doc);
	jp_free(q);
	return ok;
}

static unsigned query_key(struct policies_view *p, int key, bool func)
{
	enum lineedit_action a;
	char *text;

	input_key(&p->qline, key, func, &a);
	if (a == LE_CANCEL)
		p->asking = false;
	if (a != LE_ENTER)
		return TUI_HANDLED | TUI_REDRAW;
	p->asking = false;
	text = xstrdup(lineedit_text(&p->qline));
	if (show_query(p, text, tui_last_response(p->base.tui))) {
		free(p->expr);
		p->expr = text;
	} else {
		free(text);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Esc after `:`: the whole answer, as it came. */
static void show_whole(struct policies_view *p)
{
	const struct scaling_response *r = tui_last_response(p->base.tui);

	free(p->expr);
	p->expr = NULL;
	free(p->qerror);
	p->qerror = NULL;
	if (r != NULL)
		resptree_build(&p->tv.tree, r);
	treeview_changed(&p->tv);
}

bool view_policies_querying(struct tui_view *v)
{
	return ((struct policies_view *)v)->expr != NULL;
}

static void policies_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct policies_view *p = (struct policies_view *)v;

	werase(w);
	if (p->tv.tree.nrows == 0) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		tui_draw_text(
			w, 0, 1, v->cols - 2, 0,
			_("No result yet: pick a job with F2 (or type one in the form), then press Enter."));
		wattrset(w, A_NORMAL);
		return;
	}
	treeview_draw(&p->tv, v->tui, w, focused);
}

/* y: the selected value to the clipboard (OSC 52, as the export does);
 * Y: its path. */
static unsigned copy_key(struct tui *t, struct tui_view *v, long path)
{
	struct policies_view *p = (struct policies_view *)v;
	struct tree_node *n = tree_selected(&p->tv.tree);
	char *text;

	if (n == NULL)
		return TUI_HANDLED;
	if (!path && n->value == NULL) {
		tui_message(v->tui, "%s", _("Not a value (it has members): Y copies its path."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	text = path ? tree_path(n) : xstrdup(n->value);
	if (act_copy_osc52(text, strlen(text)) != 0)
		tui_message(v->tui, "%s", _("Too long to copy through the terminal."));
	else
		tui_message(v->tui,
			    path ? _("Copied the path %s (OSC 52).") : _("Copied %s (OSC 52)."),
			    text);
	free(text);
	return TUI_HANDLED | TUI_REDRAW;
}

/* The prompts and the tree first; the rest are policies_bindings. */
static unsigned policies_key(struct tui_view *v, int key, bool func)
{
	struct policies_view *p = (struct policies_view *)v;

	if (p->asking)
		return query_key(p, key, func);
	if (p->qerror != NULL && !p->tv.searching) {
		free(p->qerror); /* shown until the next key */
		p->qerror = NULL;
	}
	unsigned flags = treeview_key(&p->tv, key, func, v->rows);
	char *wrapped = treeview_wrapped(&p->tv);

	if (wrapped != NULL && (flags & TUI_HANDLED))
		tui_message(v->tui, "%s", wrapped);
	free(wrapped);
	return flags;
}

static unsigned ask_query(struct tui *t, struct tui_view *v, long arg)
{
	struct policies_view *p = (struct policies_view *)v;

	if (p->tv.tree.nrows == 0)
		return TUI_HANDLED;
	p->asking = true;
	lineedit_set(&p->qline, p->expr != NULL ? p->expr : "");
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned whole_answer(struct tui *t, struct tui_view *v, long arg)
{
	show_whole((struct policies_view *)v);
	return TUI_HANDLED | TUI_REDRAW;
}

static bool querying(struct tui *t, struct tui_view *v)
{
	return ((struct policies_view *)v)->expr != NULL;
}

/* While a request runs, Esc cancels it first. */
static bool querying_idle(struct tui *t, struct tui_view *v)
{
	return querying(t, v) && !tui_busy(t);
}

static const struct tui_bind policies_bindings[] = {
	{ 27, TB_FIRST, whole_answer, 0, N_("after :, the whole answer again"), N_("whole answer"),
	  querying_idle },
	{ ':', TB_FIRST | TB_HINT_WHEN, ask_query, 0,
	  N_("show what a JMESPath expression makes of the answer (Up/Down: earlier ones)"),
	  N_("query"), querying },
	{ 'y', 0, copy_key, false, N_("copy the selected value / its path (OSC 52)") },
	{ 'Y', TB_ALSO, copy_key, true },
	{ 0 }
};

static const char *policies_info(struct tui_view *v)
{
	struct policies_view *p = (struct policies_view *)v;
	const char *path;

	free(p->info);
	p->info = NULL;
	if (p->qerror != NULL)
		return p->qerror;
	path = p->tv.tree.nrows ? treeview_info(&p->tv) : NULL;
	if (p->expr == NULL || p->tv.searching)
		return path;
	/* The expression first: what the tree shows is not the answer itself. */
	return p->info = xasprintf("[:%s] %s", p->expr, path != NULL ? path : "");
}

static unsigned policies_click(struct tui_view *v, int y, int x)
{
	return treeview_click(&((struct policies_view *)v)->tv, y, v->rows);
}

static const char *policies_prompt(struct tui_view *v, struct lineedit **le)
{
	struct policies_view *p = (struct policies_view *)v;

	if (p->asking) {
		*le = &p->qline;
		return ":";
	}
	return treeview_prompt(&p->tv, le);
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
		for (struct tree_node *n = tr->root.first; n != NULL;
		     n = tree_next_preorder(tr, n)) {
			if (n->first == NULL)
				continue;
			if (nk == cap) {
				cap = cap ? cap * 2 : 64;
				k = xrealloc(k, cap * sizeof(*k));
			}
			k[nk].path = tree_path(n);
			k[nk++].expanded = n->expanded;
		}
		if (nk > 0)
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
	for (struct tree_node *n = tr->root.first; sel != NULL && n != NULL;
	     n = tree_next_preorder(tr, n)) {
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
	/* A what-if rerun keeps the expression: its result for the new
	 * answer, or the whole answer and why not. */
	if (p->expr != NULL && !show_query(p, p->expr, &r->resp)) {
		free(p->expr);
		p->expr = NULL;
	}
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
	.click = policies_click,
	.job_done = policies_job_done,
	.bindings = policies_bindings,
	.widget = treeview_bindings,
};

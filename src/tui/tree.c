/* The tree model behind every tree pane: nodes, visible rows, selection,
 * expansion, search and paths.  Curses-free (see tree.h). */
#include "config.h"
#include "tui/tree.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void tree_init(struct tree *t)
{
	memset(t, 0, sizeof(*t));
	t->root.kind = TREE_OBJECT;
	t->root.expanded = true;
	t->root.depth = -1;
}

static void node_free_children(struct tree_node *n)
{
	/* Iterative, so that a deep or wide tree cannot exhaust the stack. */
	struct tree_node *c = n->first;

	while (c != NULL) {
		if (c->first != NULL) {
			struct tree_node *child = c->first;

			c->first = NULL; /* come back to c once its subtree is gone */
			c = child;
			continue;
		}
		struct tree_node *next = c->next;
		struct tree_node *up = c->parent;

		free(c->key);
		free(c->value);
		free(c->note);
		free(c->summary);
		free(c);
		c = next != NULL ? next : (up != n ? up : NULL);
	}
	n->first = n->last = NULL;
	n->nchildren = 0;
}

void tree_clear(struct tree *t)
{
	node_free_children(&t->root);
	free(t->rows);
	free(t->search);
	tree_init(t);
}

struct tree_node *tree_add(struct tree *t, struct tree_node *parent, enum tree_kind kind,
			   const char *key, const char *value)
{
	struct tree_node *n = xcalloc(1, sizeof(*n));

	if (parent == NULL)
		parent = &t->root;
	n->kind = kind;
	n->key = key != NULL ? xstrdup(key) : NULL;
	n->value = value != NULL ? xstrdup(value) : NULL;
	n->parent = parent;
	n->depth = parent->depth + 1;
	n->index = parent->nchildren++;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	t->nnodes++;
	return n;
}

void tree_node_set_summary(struct tree_node *n, const char *summary)
{
	free(n->summary);
	n->summary = summary != NULL ? xstrdup(summary) : NULL;
}

void tree_node_set_note(struct tree_node *n, const char *note)
{
	free(n->note);
	n->note = note != NULL ? xstrdup(note) : NULL;
}

struct tree_node *tree_next_preorder(const struct tree *t, const struct tree_node *n)
{
	if (n->first != NULL)
		return n->first;
	while (n != NULL && n != &t->root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* The next node that is shown: like pre-order but skipping collapsed subtrees. */
static struct tree_node *next_visible(const struct tree *t, const struct tree_node *n)
{
	if (n->first != NULL && n->expanded)
		return n->first;
	while (n != NULL && n != &t->root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static bool is_visible(const struct tree *t, const struct tree_node *n)
{
	for (n = n->parent; n != NULL && n != &t->root; n = n->parent)
		if (!n->expanded)
			return false;
	return true;
}

void tree_refresh(struct tree *t)
{
	struct tree_node *keep = tree_selected(t);
	size_t i = 0;

	/* The selection stays on its node, or moves up to the nearest shown ancestor. */
	while (keep != NULL && keep != &t->root && !is_visible(t, keep))
		keep = keep->parent;
	if (t->rows_cap < t->nnodes) {
		t->rows_cap = t->nnodes;
		t->rows = xrealloc(t->rows, t->rows_cap * sizeof(*t->rows));
	}
	t->sel = 0;
	for (struct tree_node *n = t->root.first; n != NULL; n = next_visible(t, n)) {
		if (n == keep)
			t->sel = i;
		t->rows[i++] = n;
	}
	t->nrows = i;
	if (t->top >= t->nrows)
		t->top = t->nrows ? t->nrows - 1 : 0;
}

struct tree_node *tree_selected(const struct tree *t)
{
	return t->sel < t->nrows ? t->rows[t->sel] : NULL;
}

void tree_select_node(struct tree *t, struct tree_node *n)
{
	bool changed = false;

	for (struct tree_node *p = n->parent; p != NULL && p != &t->root; p = p->parent)
		if (!p->expanded) {
			p->expanded = true;
			changed = true;
		}
	if (changed)
		tree_refresh(t);
	/* Scan from the old selection outwards would be faster; rows are few
	 * enough (tens of thousands at most) that a linear scan is fine. */
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i] == n) {
			t->sel = i;
			break;
		}
}

void tree_expand_all(struct tree *t, bool expand)
{
	for (struct tree_node *n = t->root.first; n != NULL; n = tree_next_preorder(t, n))
		if (n->first != NULL)
			n->expanded = expand;
	tree_refresh(t);
}

void tree_expand_depth(struct tree *t, int max_depth)
{
	for (struct tree_node *n = t->root.first; n != NULL; n = tree_next_preorder(t, n))
		if (n->first != NULL)
			n->expanded = n->depth < max_depth;
	tree_refresh(t);
}

void tree_scroll_into_view(struct tree *t, size_t page)
{
	if (page == 0)
		page = 1;
	if (t->sel < t->top)
		t->top = t->sel;
	else if (t->sel >= t->top + page)
		t->top = t->sel - page + 1;
	/* No empty space below the last row when the tree could fill it. */
	if (t->nrows > page && t->top > t->nrows - page)
		t->top = t->nrows - page;
	if (t->nrows <= page)
		t->top = 0;
}

void tree_center(struct tree *t, size_t page)
{
	t->top = t->sel > page / 2 ? t->sel - page / 2 : 0;
	tree_scroll_into_view(t, page);
}

static bool set_sel(struct tree *t, size_t sel)
{
	if (t->nrows == 0)
		return false;
	if (sel >= t->nrows)
		sel = t->nrows - 1;
	if (sel == t->sel)
		return false;
	t->sel = sel;
	return true;
}

static bool set_expanded(struct tree *t, struct tree_node *n, bool on)
{
	if (n == NULL || n->first == NULL || n->expanded == on)
		return false;
	n->expanded = on;
	tree_refresh(t);
	return true;
}

bool tree_apply(struct tree *t, enum tree_action a, size_t page)
{
	struct tree_node *n = tree_selected(t);
	bool changed = false;

	if (page == 0)
		page = 1;
	switch (a) {
	case TREE_UP: changed = t->sel > 0 && set_sel(t, t->sel - 1); break;
	case TREE_DOWN: changed = set_sel(t, t->sel + 1); break;
	case TREE_PAGE_UP:
		changed = set_sel(t, t->sel > page ? t->sel - page : 0);
		if (changed)
			t->top = t->top > page ? t->top - page : 0;
		break;
	case TREE_PAGE_DOWN:
		changed = set_sel(t, t->sel + page);
		if (changed)
			t->top += page;
		break;
	case TREE_HOME: changed = set_sel(t, 0); break;
	case TREE_END: changed = t->nrows && set_sel(t, t->nrows - 1); break;
	case TREE_TOGGLE: changed = n != NULL && set_expanded(t, n, !n->expanded); break;
	case TREE_RIGHT:
		if (n == NULL || n->first == NULL)
			break;
		changed = set_expanded(t, n, true) || set_sel(t, t->sel + 1);
		break;
	case TREE_LEFT:
		if (n == NULL)
			break;
		changed = set_expanded(t, n, false);
		if (!changed && n->parent != &t->root) {
			tree_select_node(t, n->parent);
			changed = true;
		}
		break;
	case TREE_EXPAND_ALL:
	case TREE_COLLAPSE_ALL:
		tree_expand_all(t, a == TREE_EXPAND_ALL);
		changed = true;
		break;
	case TREE_SCROLL_LEFT:
		changed = t->hscroll > 0;
		t->hscroll = t->hscroll > 8 ? t->hscroll - 8 : 0;
		break;
	case TREE_SCROLL_RIGHT:
		t->hscroll += 8;
		changed = true;
		break;
	case TREE_SEARCH_NEXT:
	case TREE_SEARCH_PREV: changed = tree_search(t, NULL, a == TREE_SEARCH_NEXT); break;
	}
	tree_scroll_into_view(t, page);
	return changed;
}

static struct tree_node *last_descendant(struct tree_node *n)
{
	while (n->last != NULL)
		n = n->last;
	return n;
}

static struct tree_node *prev_preorder(const struct tree *t, struct tree_node *n)
{
	struct tree_node *p = n->parent;

	if (p->first == n)
		return p == &t->root ? NULL : p;
	struct tree_node *s = p->first;

	while (s->next != n)
		s = s->next;
	return last_descendant(s);
}

static bool node_matches(const struct tree_node *n, const char *text)
{
	return (n->key != NULL && strcasestr(n->key, text) != NULL) ||
	       (n->value != NULL && strcasestr(n->value, text) != NULL);
}

bool tree_search(struct tree *t, const char *text, bool forward)
{
	if (text != NULL && *text != '\0') {
		free(t->search);
		t->search = xstrdup(text);
	}
	if (t->search == NULL || t->root.first == NULL)
		return false;

	struct tree_node *start = tree_selected(t);
	struct tree_node *n = start;

	if (start == NULL)
		start = n = t->root.first;
	/* Visit every node once, starting after the selection and wrapping. */
	int wrapped = 0;

	for (size_t i = 0; i < t->nnodes; i++) {
		if (forward) {
			n = tree_next_preorder(t, n);
			if (n == NULL) {
				n = t->root.first;
				wrapped = 1;
			}
		} else {
			n = prev_preorder(t, n);
			if (n == NULL) {
				n = last_descendant(&t->root);
				wrapped = -1;
			}
		}
		if (node_matches(n, t->search)) {
			tree_select_node(t, n);
			t->search_wrapped = wrapped;
			return true;
		}
	}
	t->search_wrapped = 0;
	return false;
}

size_t tree_search_rank(const struct tree *t, size_t *total)
{
	const struct tree_node *sel = tree_selected(t);
	size_t rank = 0;

	*total = 0;
	if (t->search == NULL)
		return 0;
	for (struct tree_node *n = t->root.first; n != NULL; n = tree_next_preorder(t, n)) {
		if (!node_matches(n, t->search))
			continue;
		(*total)++;
		if (n == sel)
			rank = *total;
	}
	return rank;
}

char *tree_path(const struct tree_node *n)
{
	const struct tree_node *chain[256];
	size_t depth = 0;
	struct buf b = BUF_INIT;

	/* Nodes deeper than the chain are reported from the 256th ancestor up. */
	for (const struct tree_node *p = n; p != NULL && p->depth >= 0 && depth < 256;
	     p = p->parent)
		chain[depth++] = p;
	while (depth-- > 0) {
		const struct tree_node *p = chain[depth];

		if (p->parent != NULL && p->parent->kind == TREE_ARRAY) {
			buf_printf(&b, "[%zu]", p->index);
		} else {
			if (b.len > 0)
				buf_putc(&b, '.');
			buf_puts(&b, p->key != NULL ? p->key : "?");
		}
	}
	return buf_steal(&b);
}

char *tree_node_label(const struct tree_node *n)
{
	struct buf b = BUF_INIT;

	if (n->parent != NULL && n->parent->kind == TREE_ARRAY)
		buf_printf(&b, "[%zu]", n->index);
	else
		buf_puts(&b, n->key != NULL ? n->key : "?");
	if (n->value != NULL) {
		buf_puts(&b, ": ");
		buf_puts(&b, n->value);
	}
	return buf_steal(&b);
}

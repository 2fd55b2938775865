/* Drawing and keys of the tree widget (see widget-tree.h); the model and its
 * logic are in tree.c. */
#include "config.h"
#include "tui/text.h"
#include "tui/widget-tree.h"
#include "tui/widget-input.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define F TB_FUNC
#define ALSO TB_ALSO
#define TV_SEARCH (TREE_SEARCH_PREV + 1) /* `/`: the prompt opens */

/* fn NULL: arg is the enum tree_action (or TV_SEARCH). */
const struct tui_bind treeview_bindings[] = {
	{ KEY_UP, F, NULL, TREE_UP, N_("previous / next row") },
	{ KEY_DOWN, F | ALSO, NULL, TREE_DOWN },
	{ 'k', ALSO, NULL, TREE_UP },
	{ 'j', ALSO, NULL, TREE_DOWN },
	{ KEY_PPAGE, F, NULL, TREE_PAGE_UP, N_("previous / next page") },
	{ KEY_NPAGE, F | ALSO, NULL, TREE_PAGE_DOWN },
	{ 2, ALSO, NULL, TREE_PAGE_UP },   /* Ctrl-B */
	{ 6, ALSO, NULL, TREE_PAGE_DOWN }, /* Ctrl-F */
	{ 'g', 0, NULL, TREE_HOME, N_("first / last row") },
	{ 'G', ALSO, NULL, TREE_END },
	{ KEY_HOME, F | ALSO, NULL, TREE_HOME },
	{ KEY_END, F | ALSO, NULL, TREE_END },
	{ '\r', 0, NULL, TREE_TOGGLE, N_("expand or collapse") },
	{ '\n', ALSO, NULL, TREE_TOGGLE },
	{ KEY_ENTER, F | ALSO, NULL, TREE_TOGGLE },
	{ ' ', ALSO, NULL, TREE_TOGGLE },
	{ 'l', 0, NULL, TREE_RIGHT, N_("expand, then go to the first child") },
	{ KEY_RIGHT, F | ALSO, NULL, TREE_RIGHT },
	{ 'h', 0, NULL, TREE_LEFT, N_("collapse, then go to the parent") },
	{ KEY_LEFT, F | ALSO, NULL, TREE_LEFT },
	{ '/', 0, NULL, TV_SEARCH, N_("search names and values (Enter to search, Esc to stop)"),
	  N_("search") },
	{ 'n', 0, NULL, TREE_SEARCH_NEXT, N_("next / previous match") },
	{ 'N', ALSO, NULL, TREE_SEARCH_PREV },
	{ 'E', 0, NULL, TREE_EXPAND_ALL, N_("expand all / collapse all"), N_("expand") },
	{ 'C', ALSO, NULL, TREE_COLLAPSE_ALL },
	{ '<', 0, NULL, TREE_SCROLL_LEFT, N_("scroll long lines left / right") },
	{ '>', ALSO, NULL, TREE_SCROLL_RIGHT },
	{ KEY_SLEFT, F | ALSO, NULL, TREE_SCROLL_LEFT },
	{ KEY_SRIGHT, F | ALSO, NULL, TREE_SCROLL_RIGHT },
	{ 0 }
};

void treeview_init(struct treeview *tv, struct lineedit_history *hist)
{
	memset(tv, 0, sizeof(*tv));
	tree_init(&tv->tree);
	lineedit_init(&tv->query, 256, NULL, hist);
}

void treeview_free(struct treeview *tv)
{
	tree_clear(&tv->tree);
	lineedit_free(&tv->query);
	free(tv->info);
	tv->info = NULL;
}

void treeview_changed(struct treeview *tv)
{
	tv->searching = false;
	tv->not_found = false;
	tv->matched = false;
	free(tv->info);
	tv->info = NULL;
}

/* Draws text that starts at virtual column vcol of a row scrolled by
 * hscroll, into the columns [0, width) of the window row y. */
static void draw_segment(WINDOW *w, int y, size_t vcol, size_t hscroll, int width, const char *s)
{
	size_t tw = text_width(s);

	if (vcol + tw <= hscroll || vcol >= hscroll + (size_t)width)
		return;
	if (vcol >= hscroll)
		tui_draw_text(w, y, (int)(vcol - hscroll), width - (int)(vcol - hscroll), 0, s);
	else
		tui_draw_text(w, y, 0, width, hscroll - vcol, s);
}

/* A row: indentation and marker, the name (highlighted when selected),
 * ": value", and a dimmed note.  Only the name carries the highlight, so
 * that moving the selection rewrites two names, not two whole rows. */
static void draw_row(struct treeview *tv, struct tui *t, WINDOW *w, int y, int width,
		     const struct tree_node *n, bool selected)
{
	struct tree *tr = &tv->tree;
	bool ascii = tui_ascii(t);
	struct buf b = BUF_INIT;
	size_t col;

	wattrset(w, A_NORMAL);
	wmove(w, y, 0);
	wclrtoeol(w);
	for (int i = 0; i < n->depth; i++)
		buf_puts(&b, "  ");
	if (n->first == NULL)
		buf_puts(&b, "  ");
	else if (n->expanded)
		buf_puts(&b, ascii ? "- " : "\u25be ");
	else
		buf_puts(&b, ascii ? "+ " : "\u25b8 ");
	draw_segment(w, y, 0, tr->hscroll, width, buf_str(&b));
	col = text_width(buf_str(&b));

	buf_reset(&b);
	if (n->parent != NULL && n->parent->kind == TREE_ARRAY)
		buf_printf(&b, "[%zu]", n->index);
	else
		buf_puts(&b, n->key != NULL ? n->key : "?");
	if (n->kind == TREE_ARRAY)
		buf_printf(&b, " [%zu]", n->nchildren);
	else if (n->first != NULL && !n->expanded)
		buf_printf(&b, " {%zu}", n->nchildren);
	if (selected)
		wattrset(w, tui_attr(t, TUI_SELECTED));
	draw_segment(w, y, col, tr->hscroll, width, buf_str(&b));
	col += text_width(buf_str(&b));
	wattrset(w, A_NORMAL);

	if (n->value != NULL) {
		buf_reset(&b);
		buf_puts(&b, ": ");
		buf_puts(&b, n->value);
		draw_segment(w, y, col, tr->hscroll, width, buf_str(&b));
		col += text_width(buf_str(&b));
	}
	const char *note = n->note;

	if (n->summary != NULL && n->first != NULL && !n->expanded)
		note = n->summary; /* what the children say, while they are hidden */
	if (note != NULL) {
		buf_reset(&b);
		buf_printf(&b, "  (%s)", note);
		wattrset(w, tui_attr(t, TUI_DIM));
		draw_segment(w, y, col, tr->hscroll, width, buf_str(&b));
		col += text_width(buf_str(&b));
	}
	/* Marks for text beyond either edge. */
	wattrset(w, A_BOLD);
	if (tr->hscroll > 0 && width > 0)
		mvwaddch(w, y, 0, '<');
	if (col > tr->hscroll + (size_t)width && width > 0)
		mvwaddch(w, y, width - 1, '>');
	wattrset(w, A_NORMAL);
	buf_free(&b);
}

/* Columns a row takes: what draw_row draws, without drawing it. */
static size_t row_width(const struct tree_node *n)
{
	char *label = tree_node_label(n);
	size_t w = (size_t)n->depth * 2 + 2 + text_width(label);

	free(label);
	if (n->first != NULL)
		w += 8; /* " [n]" / " {n}", about */
	if (n->note != NULL)
		w += 4 + text_width(n->note);
	if (n->summary != NULL && n->first != NULL && !n->expanded)
		w += 4 + text_width(n->summary);
	return w;
}

void treeview_draw(struct treeview *tv, struct tui *t, WINDOW *w, bool focused)
{
	struct tree *tr = &tv->tree;
	int rows, cols;
	size_t widest = 0;

	getmaxyx(w, rows, cols);
	tree_scroll_into_view(tr, (size_t)rows);
	/* Sideways scrolling stops where the widest row shown ends. */
	for (int y = 0; y < rows && tr->top + (size_t)y < tr->nrows; y++) {
		size_t rw = row_width(tr->rows[tr->top + (size_t)y]);

		if (rw > widest)
			widest = rw;
	}
	if (widest + 1 <= (size_t)cols)
		tr->hscroll = 0;
	else if (tr->hscroll > widest + 1 - (size_t)cols)
		tr->hscroll = widest + 1 - (size_t)cols;
	for (int y = 0; y < rows; y++) {
		size_t i = tr->top + (size_t)y;

		if (i >= tr->nrows) {
			wmove(w, y, 0);
			wclrtoeol(w);
			continue;
		}
		draw_row(tv, t, w, y, cols, tr->rows[i], focused && i == tr->sel);
	}
}

static unsigned search_key(struct treeview *tv, int key, bool func, int page)
{
	enum lineedit_action a;
	const char *q = lineedit_text(&tv->query);

	input_key(&tv->query, key, func, &a);
	if (a == LE_CANCEL) {
		tv->searching = false;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == LE_ENTER) {
		tv->searching = false;
		if (*q) {
			tv->not_found = !tree_search(&tv->tree, q, true);
			tv->matched = !tv->not_found;
			if (!tv->not_found)
				tv->tree.hscroll = 0; /* a jump starts at the left edge */
			tree_center(&tv->tree, (size_t)(page > 0 ? page : 1));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_HANDLED | TUI_REDRAW; /* the prompt keeps the keys while open */
}

unsigned treeview_key(struct treeview *tv, int key, bool func, int page)
{
	int a;

	const struct tui_bind *b;

	if (tv->searching)
		return search_key(tv, key, func, page);
	if ((b = keymap_find(treeview_bindings, key, func, NULL, NULL)) == NULL)
		return TUI_IGNORED;
	a = (int)b->arg;
	if (a == TV_SEARCH) {
		tv->searching = true;
		tv->not_found = false;
		lineedit_set(&tv->query, "");
		return TUI_HANDLED | TUI_REDRAW;
	}
	tv->not_found = false;
	tv->matched = false;
	if (a == TREE_SEARCH_NEXT || a == TREE_SEARCH_PREV) {
		if (tv->tree.search == NULL)
			return TUI_HANDLED;
		tv->not_found = !tree_search(&tv->tree, NULL, a == TREE_SEARCH_NEXT);
		tv->matched = !tv->not_found;
		if (!tv->not_found)
			tv->tree.hscroll = 0;
		tree_center(&tv->tree, (size_t)(page > 0 ? page : 1));
		return TUI_HANDLED | TUI_REDRAW;
	}
	tree_apply(&tv->tree, (enum tree_action)a, (size_t)(page > 0 ? page : 1));
	return TUI_HANDLED | TUI_REDRAW;
}

/* "2 of 5: path" (that the search went round an end is a message:
 * treeview_wrapped). */
static char *match_info(const struct tree *tr, const struct tree_node *n)
{
	size_t total, rank = tree_search_rank(tr, &total);
	char *path = tree_path(n), *s = xasprintf(_("match %zu of %zu: %s"), rank, total, path);

	free(path);
	return s;
}

char *treeview_wrapped(const struct treeview *tv)
{
	size_t total, rank;

	if (!tv->matched || tv->tree.search_wrapped == 0)
		return NULL;
	rank = tree_search_rank(&tv->tree, &total);
	if (tv->tree.search_wrapped > 0)
		return xasprintf(_("Search went past the end: on from the top (match %zu of %zu)."),
				 rank, total);
	return xasprintf(_("Search went past the start: on from the bottom (match %zu of %zu)."),
			 rank, total);
}

const char *treeview_info(struct treeview *tv)
{
	struct tree_node *n;

	free(tv->info);
	tv->info = NULL;
	if (tv->searching)
		return NULL; /* the prompt is drawn instead (treeview_prompt) */
	if (tv->not_found)
		tv->info = xasprintf(_("Not found: %s"), tv->tree.search ? tv->tree.search : "");
	else if ((n = tree_selected(&tv->tree)) != NULL && tv->matched)
		tv->info = match_info(&tv->tree, n);
	else if (n != NULL)
		tv->info = tree_path(n);
	return tv->info;
}

unsigned treeview_click(struct treeview *tv, int y, int page)
{
	struct tree *tr = &tv->tree;
	size_t i = tr->top + (size_t)(y < 0 ? 0 : y);

	if (tv->searching || y < 0 || i >= tr->nrows)
		return TUI_HANDLED;
	tv->not_found = false;
	tv->matched = false;
	if (i == tr->sel)
		tree_apply(tr, TREE_TOGGLE, (size_t)(page > 0 ? page : 1));
	else
		tr->sel = i;
	return TUI_HANDLED | TUI_REDRAW;
}

const char *treeview_prompt(struct treeview *tv, struct lineedit **le)
{
	if (!tv->searching)
		return NULL;
	*le = &tv->query;
	return "/";
}

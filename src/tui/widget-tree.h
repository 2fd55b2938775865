/* The tree widget: draws a struct tree in a curses window and turns keys
 * into tree actions, with a `/` search prompt.  Reusable by any view: embed
 * a struct treeview, fill treeview.tree (tree.h), forward draw/key/info. */
#ifndef SAGESCALE_TUI_TREEVIEW_H
#define SAGESCALE_TUI_TREEVIEW_H
#include "tui/lineedit.h"
#include "tui/tree.h"
#include "tui/view.h"

struct treeview {
	struct tree tree;
	bool searching;        /* the `/` prompt is open */
	struct lineedit query; /* its text (the readline keys) */
	char *info;            /* the info line: path of the selection, or the prompt */
	bool not_found;
	bool matched; /* the selection is a search's match: the info line says which */
};

/* hist: the `/` prompt's history (Up/Down), borrowed; may be NULL. */
void treeview_init(struct treeview *tv, struct lineedit_history *hist);
void treeview_free(struct treeview *tv);
/* Call after changing tv->tree's contents. */
void treeview_changed(struct treeview *tv);
void treeview_draw(struct treeview *tv, struct tui *t, WINDOW *w, bool focused);
/* Returns tui_flags (TUI_IGNORED for keys the tree does not use). */
unsigned treeview_key(struct treeview *tv, int key, bool func, int page);
/* A click on row y of the window: selects that row, and a click on the
 * selected row opens or closes it.  Returns tui_flags. */
unsigned treeview_click(struct treeview *tv, int y, int page);
/* The selected node's path (NULL while the search prompt is open). */
const char *treeview_info(struct treeview *tv);
/* After a search, n or N that went round an end of the tree: a sentence
 * that says so (caller frees), else NULL. */
char *treeview_wrapped(const struct treeview *tv);
/* While the search prompt is open: its label ("/"), *le its line. */
const char *treeview_prompt(struct treeview *tv, struct lineedit **le);
/* The tree's keys (fn NULL: arg is the tree's action); `?` shows them. */
extern const struct tui_bind treeview_bindings[];

#endif

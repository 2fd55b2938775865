/* A generic tree of key/value nodes with the state of a navigable view
 * (expansion, selection, scrolling, search).  No curses here: the drawing
 * is in widget-tree.c, so this model is unit-tested without a terminal. */
#ifndef SAGESCALE_TUI_TREE_H
#define SAGESCALE_TUI_TREE_H
#include <stdbool.h>
#include <stddef.h>

enum tree_kind {
	TREE_OBJECT, /* children are named members: path "a.b" */
	TREE_ARRAY,  /* children are indexed: path "a[1]" */
	TREE_LEAF,   /* a value */
};

struct tree_node {
	char *key;     /* member name, or NULL for an array element */
	char *value;   /* leaf text (already safe for a terminal), or NULL */
	char *note;    /* optional remark drawn dimmed after the value */
	char *summary; /* drawn dimmed instead of the children while collapsed */
	enum tree_kind kind;
	bool expanded;
	int depth;    /* 0 for the root's children */
	size_t index; /* position among its siblings */
	size_t nchildren;
	struct tree_node *parent, *first, *last, *next;
};

struct tree {
	struct tree_node root;   /* invisible; its children are the top rows */
	struct tree_node **rows; /* the visible nodes, in order */
	size_t nrows, rows_cap;
	size_t sel;         /* index into rows */
	size_t top;         /* first row shown */
	size_t hscroll;     /* columns scrolled to the right */
	char *search;       /* last search text, or NULL */
	int search_wrapped; /* the last search went on at the top (1), the bottom (-1) */
	size_t nnodes;
};

/* What a key asks of the tree; widget-tree.c maps keys to these. */
enum tree_action {
	TREE_UP,
	TREE_DOWN,
	TREE_PAGE_UP,
	TREE_PAGE_DOWN,
	TREE_HOME,
	TREE_END,
	TREE_TOGGLE, /* Enter, Space */
	TREE_RIGHT,  /* expand, or go to the first child */
	TREE_LEFT,   /* collapse, or go to the parent */
	TREE_EXPAND_ALL,
	TREE_COLLAPSE_ALL,
	TREE_SCROLL_LEFT,
	TREE_SCROLL_RIGHT,
	TREE_SEARCH_NEXT,
	TREE_SEARCH_PREV,
};

void tree_init(struct tree *t);
void tree_clear(struct tree *t); /* frees every node, keeps t usable */

/* Adds a child at the end of parent (NULL: the root).  key and value are
 * copied as given: the caller sanitises text that came from the network. */
struct tree_node *tree_add(struct tree *t, struct tree_node *parent, enum tree_kind kind,
			   const char *key, const char *value);
void tree_node_set_note(struct tree_node *n, const char *note);
void tree_node_set_summary(struct tree_node *n, const char *summary);

/* Recomputes the visible rows after nodes were added or expansion changed. */
void tree_refresh(struct tree *t);
struct tree_node *tree_selected(const struct tree *t);
void tree_select_node(struct tree *t, struct tree_node *n); /* expands its ancestors */
void tree_expand_all(struct tree *t, bool expand);
/* Expands the nodes whose depth is below max_depth. */
void tree_expand_depth(struct tree *t, int max_depth);

/* Applies an action; page is the number of visible rows.  Returns true
 * when anything changed (selection, expansion, scrolling). */
bool tree_apply(struct tree *t, enum tree_action a, size_t page);
/* Searches node keys and values (case-insensitive) from the selection,
 * forward or backward, wrapping; selects the match.  Returns false when
 * nothing matches.  text NULL repeats the last search. */
bool tree_search(struct tree *t, const char *text, bool forward);
/* The selection's place among the nodes matching the last search, in
 * pre-order (1 for the first), and in *total how many match; 0 when the
 * selection does not match. */
size_t tree_search_rank(const struct tree *t, size_t *total);
/* Scrolls so that the selection is in the middle of the page (after a jump). */
void tree_center(struct tree *t, size_t page);
/* Keeps the selection inside rows [top, top + page). */
void tree_scroll_into_view(struct tree *t, size_t page);

/* "DynamicScalingConfiguration.ScalingPolicies[1].TargetTracking" (malloc'd). */
char *tree_path(const struct tree_node *n);
/* The next node in pre-order (including collapsed ones), or NULL. */
struct tree_node *tree_next_preorder(const struct tree *t, const struct tree_node *n);
/* The text a row shows after its marker: "key: value", "key", "[i]". (malloc'd) */
char *tree_node_label(const struct tree_node *n);

#endif

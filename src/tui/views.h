/* The views of the view area, in tab order (one line each in views.c). */
#ifndef SAGESCALE_TUI_VIEWS_H
#define SAGESCALE_TUI_VIEWS_H
#include "tui/tui.h"

extern const struct tui_view_ops tui_view_policies;	/* view_policies.c */
/* The Policies view shows a `:` expression's result, not the whole answer. */
bool view_policies_querying(struct tui_view *v);
extern const struct tui_view_ops tui_view_errors;	/* view_errors.c */
/* The what-if views (src/tui/whatif.c owns their shared state). */
extern const struct tui_view_ops tui_view_history;	/* history_view.c */
extern const struct tui_view_ops tui_view_compare;	/* compare_view.c */
extern const struct tui_view_ops tui_view_sweep;	/* sweep_view.c */
extern const struct tui_view_ops tui_view_replay;	/* replay_view.c */

/* NULL-terminated, in tab order: key 1 shows the first. */
extern const struct tui_view_ops *const tui_view_table[];

#endif

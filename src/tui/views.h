/* The views of the view area, in tab order (one line each in views.c). */
#ifndef SAGESCALE_TUI_VIEWS_H
#define SAGESCALE_TUI_VIEWS_H
#include "tui/view.h"

extern const struct tui_view_ops tui_view_policies; /* view-policies.c */
/* The Policies view shows a `:` expression's result, not the whole answer. */
bool view_policies_querying(struct tui_view *v);
extern const struct tui_view_ops tui_view_errors; /* view-errors.c */
/* The what-if views (src/tui/whatif.c owns their shared state). */
extern const struct tui_view_ops tui_view_history; /* view-history.c */
extern const struct tui_view_ops tui_view_compare; /* view-compare.c */
extern const struct tui_view_ops tui_view_sweep;   /* view-sweep.c */
extern const struct tui_view_ops tui_view_replay;  /* view-replay.c */

/* NULL-terminated, in tab order: key 1 shows the first. */
extern const struct tui_view_ops *const tui_view_table[];

#endif

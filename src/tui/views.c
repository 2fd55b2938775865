/* The table of views: add one line per view (see view.h, "HOW TO ADD A VIEW"). */
#include "config.h"
#include "tui/views.h"

const struct tui_view_ops *const tui_view_table[] = { &tui_view_policies,
						      &tui_view_errors,
						      &tui_view_history,
						      &tui_view_compare,
						      &tui_view_sweep,
						      &tui_view_replay,
						      NULL };

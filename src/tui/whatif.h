/* What-if in the terminal interface: rerun at another CPU target with one
 * key, the run history, comparing two runs, the CPU sweep.  The views are
 * in view-history.c, view-compare.c and view-sweep.c; this is what they
 * share, and the global keys (registered in keys.c). */
#ifndef SAGESCALE_TUI_WHATIF_H
#define SAGESCALE_TUI_WHATIF_H
#include <stdbool.h>
#include "aws/client.h"
#include "tui/lineedit.h"
#include "tui/view.h"
#include "replay/replay.h"
#include "whatif/history.h"

/* The client options for the sweep (tui_options.copts), or NULL. */
const struct aws_client_options *whatif_client_options(const struct tui *t);
/* The run history: tui_options.history, or one in memory (made on first
 * use, freed with the interface). */
struct history *whatif_history(struct tui *t);

/* Global keys (keys.c): rerun at the CPU target + arg (clamped to
 * 1..100), or ask for one (v and arg unused). */
unsigned whatif_rerun(struct tui *t, struct tui_view *v, long arg);
unsigned whatif_type(struct tui *t, struct tui_view *v, long arg);

/* Views of the view area (views.c). */
extern const struct tui_view_ops tui_view_history; /* view-history.c */
extern const struct tui_view_ops tui_view_compare; /* view-compare.c */
extern const struct tui_view_ops tui_view_sweep;   /* view-sweep.c */
/* Shows a and b side by side in the Compare view and brings it forward. */
void compare_view_show(struct tui *t, const struct whatif_run *a, const struct whatif_run *b);
/* The dialog with one run's full result (view-history.c). */
void history_open_details(struct tui *t, const struct whatif_run *run);

/* The replay (view-replay.c) of one sweep point's answer for the form's
 * request req: false when nothing is loaded for that recommendation. */
bool replay_tui_point(struct tui *t, const struct scaling_request *req,
		      const struct whatif_run *run, struct replay_result *out);

/* Draws text within width columns; returns the columns used. */
int whatif_draw(WINDOW *w, int y, int x, int width, const char *s);
/* The same over at most lines rows, broken at blanks; returns rows used. */
int whatif_draw_wrapped(WINDOW *w, int y, int x, int width, int lines, const char *s);

/* The one-line prompt of the what-if dialogs (a CPU value, a sweep range),
 * on the line editor (tui/lineedit.h: the readline keys and the prompt's
 * history): whatif_prompt_key says whether the key was Enter or Esc;
 * whatif_prompt_draw draws "label text" with its cursor, the error if
 * any, and the hint. */
enum whatif_prompt { WHATIF_PROMPT_EDITED, WHATIF_PROMPT_ENTER, WHATIF_PROMPT_ESC };
enum whatif_prompt whatif_prompt_key(struct lineedit *le, int key, bool func);
void whatif_prompt_draw(struct tui_view *v, WINDOW *w, const char *label, struct lineedit *le,
			const char *error, const char *hint);

#endif

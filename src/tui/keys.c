/* The global key bindings, one line each (see tui/keymap.h), and the list
 * of every table for `?` and --dump-keys.  TB_FORM: also while typing in
 * the form; the rest only in the view area (letters type into the form).
 * The what-if keys work in the form too, as no valid value has + = { } ( )
 * in it (names are letters, digits and hyphens); - is typed in the form
 * (a hyphen, or a minus the field then marks). */
#include "config.h"
#include "tui/tui-int.h"
#include "tui/actions.h"
#include "tui/views.h"
#include "tui/whatif.h"
#include "tui/widget-input.h"
#include "tui/widget-tree.h"
#include "util/i18n.h"

#define CTRL(c) ((c)&0x1f)
#define F TB_FUNC
#define FORM TB_FORM

/* Every help text once (the same line for several keys). */
#define H_HELP N_("this help")
#define H_FOCUS N_("switch between the form and the views")
#define H_SEND N_("send the form's request again")
#define H_QUIT N_("quit (asks while a request runs)")
#define H_EXPORT N_("export the result (file or clipboard)")
#define H_APPLY N_("apply the result with Application Auto Scaling")
#define H_ENDPOINT N_("pick the endpoint and variant to scale")

const struct tui_bind tui_global_keys[] = {
	{ 27, FORM | TB_BUSY | TB_FIRST, tui_key_cancel, 0, N_("cancel the running request"),
	  N_("cancel") },
	{ KEY_F(6), F | FORM | TB_FKEYS | TB_IN_FORM | TB_KEEP, tui_key_focus, 0, H_FOCUS,
	  N_("views") },
	{ CTRL('W'), FORM | TB_NOFKEYS | TB_IN_FORM | TB_KEEP, tui_key_focus, 0, H_FOCUS,
	  N_("views") },
	{ '?', FORM | TB_KEEP, tui_key_help, 0, H_HELP, N_("help") },
	{ KEY_F(1), F | FORM, tui_key_help, 0, H_HELP },
	{ KEY_F(5), F | FORM, tui_key_submit, 0, H_SEND },
	{ CTRL('L'), FORM, tui_key_repaint, 0, N_("repaint the screen") },
	{ KEY_F(2), F | FORM | TB_FKEYS | TB_IN_FORM, tui_key_pick_job, 0,
	  N_("pick a job, then one of its recommendations"), N_("jobs") },
	{ KEY_F(3), F | FORM, tui_key_pick_rec, 0, N_("pick a recommendation of the picked job") },
	{ KEY_F(4), F | FORM | TB_FKEYS | TB_IN_FORM, tui_key_export, 0, H_EXPORT, N_("export") },
	{ '+', FORM, whatif_rerun, +1, N_("what if: rerun at CPU target +1 (- in the views: -1)") },
	{ '=', FORM | TB_ALSO, whatif_rerun, +1 },
	{ '}', FORM, whatif_rerun, +5, N_("what if: rerun at CPU target +5 / -5") },
	{ '{', FORM | TB_ALSO, whatif_rerun, -5 },
	{ ')', FORM, whatif_rerun, +10, N_("what if: rerun at CPU target +10 / -10") },
	{ '(', FORM | TB_ALSO, whatif_rerun, -10 },
	{ '@', FORM, tui_key_command, 0, N_("the aws sagemaker command for the form") },
	{ KEY_F(7), F | FORM | TB_WRITES | TB_FKEYS | TB_IN_FORM, tui_key_apply, 0, H_APPLY,
	  N_("apply") },
	{ KEY_F(8), F | FORM, tui_key_pick_endpoint, 0, H_ENDPOINT },
	{ KEY_F(10), F | FORM | TB_KEEP | TB_FKEYS | TB_IN_FORM, tui_key_quit, 0, H_QUIT,
	  N_("quit") },
	/* Ctrl-C is the terminal's interrupt (SIGINT): it ends the program. */
	{ CTRL('C'), FORM | TB_SIGNAL | TB_KEEP | TB_NOFKEYS | TB_IN_FORM, tui_key_quit, 0,
	  N_("quit at once (the terminal's interrupt)"), N_("quit") },
	/* In the view area only. */
	{ 'q', TB_KEEP, tui_key_quit, 0, H_QUIT, N_("quit") },
	{ '\t', 0, tui_key_form, 0, N_("back to the form"), N_("form") },
	{ '1', 0, tui_key_view_n, 0, N_("show view 1 ... 6 (numbered on the tabs)"), N_("views") },
	{ '2', TB_ALSO, tui_key_view_n, 1 },
	{ '3', TB_ALSO, tui_key_view_n, 2 },
	{ '4', TB_ALSO, tui_key_view_n, 3 },
	{ '5', TB_ALSO, tui_key_view_n, 4 },
	{ '6', TB_ALSO, tui_key_view_n, 5 },
	{ ']', 0, tui_key_view_step, +1, N_("next / previous view") },
	{ '[', TB_ALSO, tui_key_view_step, -1 },
	{ 'z', 0, tui_key_zoom, 0, N_("zoom: the view takes the whole screen, and back") },
	{ 'r', 0, tui_key_submit, 0, H_SEND },
	{ 'p', 0, tui_key_pick_job, 0, N_("pick a job (as F2)") },
	{ 'P', 0, tui_key_pick_rec, 0, N_("pick a recommendation of the picked job (as F3)") },
	{ 'x', 0, tui_key_export, 0, H_EXPORT },
	{ 'A', TB_WRITES, tui_key_apply, 0, H_APPLY },
	{ 'T', 0, tui_key_pick_endpoint, 0, H_ENDPOINT },
	{ '-', 0, whatif_rerun, -1, N_("what if: rerun at CPU target -1 (in the form: a minus)") },
	{ 'c', 0, whatif_type, 0, N_("what if: type a CPU target and rerun") },
	{ 0 }
};

/* For --dump-keys and the tests: every table, views and dialogs by their
 * ops (name and tables), in the order `?` shows them from the form. */
const struct keymap_table tui_keymap_tables[] = { { N_("Everywhere"), tui_global_keys },
						  { N_("In the form"), form_bindings },
						  { N_("In prompts and dialog fields"),
						    input_bindings },
						  { .ops = &tui_view_policies },
						  { .ops = &tui_view_errors },
						  { .ops = &tui_view_history },
						  { .ops = &tui_view_compare },
						  { .ops = &tui_view_sweep },
						  { .ops = &tui_view_replay },
						  { .ops = &tui_help_dialog },
						  { NULL } };

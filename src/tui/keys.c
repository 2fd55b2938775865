/* Global key bindings, one line each with their help text (see view.h,
 * "HOW TO ADD A KEY BINDING").  in_form: also while typing in the form.
 * The what-if keys are too, as no valid value has + = { } ( ) in it (names
 * are letters, digits and hyphens); - is typed in the form (a hyphen, or a
 * minus the field then marks). */
#include "config.h"
#include "tui/tui-int.h"
#include "tui/actions.h"
#include "tui/whatif.h"
#include "util/i18n.h"

const struct tui_binding tui_global_keys[] = {
	{ '?', false, tui_key_help, N_("?"), N_("this help"), true },
	{ KEY_F(1), true, tui_key_help, N_("F1"), N_("this help"), true },
	{ 27, false, tui_key_cancel, N_("Esc"), N_("cancel the running request"), true },
	{ KEY_F(6), true, tui_key_focus, N_("F6"), N_("switch between the form and the views"), true },
	{ 23, false, tui_key_focus, N_("Ctrl-W"), N_("switch between the form and the views"), true },
	{ KEY_F(5), true, tui_key_submit, N_("F5"), N_("send the form's request again"), true },
	{ 12, false, tui_key_repaint, N_("Ctrl-L"), N_("repaint the screen"), true },
	{ KEY_F(10), true, tui_key_quit, N_("F10"), N_("quit (asks while a request runs)"), true },
	{ 'q', false, tui_key_quit, N_("q"), N_("quit (asks while a request runs)"), false },
	{ '\t', false, tui_key_form, N_("Tab"), N_("back to the form"), false },
	{ 'z', false, tui_key_zoom, N_("z"), N_("zoom: the view takes the whole screen, and back"), false },
	{ 'r', false, tui_key_submit, N_("r"), N_("send the form's request again"), false },
	{ ']', false, tui_key_view_next, N_("] / ["), N_("next / previous view"), false },
	{ '[', false, tui_key_view_prev, NULL, NULL, false },
	{ '1', false, tui_key_view_n, N_("1 ... 6"), N_("show view 1 ... 6 (numbered on the tabs)"), false },
	{ KEY_F(2), true, tui_key_pick_job, N_("F2"), N_("pick a job, then one of its recommendations"), true },
	{ 'p', false, tui_key_pick_job, N_("p"), N_("pick a job (as F2)"), false },
	{ KEY_F(3), true, tui_key_pick_rec, N_("F3"), N_("pick a recommendation of the picked job"), true },
	{ 'P', false, tui_key_pick_rec, N_("P"), N_("pick a recommendation of the picked job (as F3)"), false },
	{ KEY_F(4), true, tui_key_export, N_("F4"), N_("export the result (file or clipboard)"), true },
	{ 'x', false, tui_key_export, N_("x"), N_("export the result (file or clipboard)"), false },
	{ '@', false, tui_key_command, N_("@"), N_("the aws sagemaker command for the form"), true },
	{ KEY_F(7), true, tui_key_apply, N_("F7"), N_("apply the result with Application Auto Scaling"), true, true },
	{ 'A', false, tui_key_apply, N_("A"), N_("apply the result with Application Auto Scaling"), false, true },
	{ KEY_F(8), true, tui_key_pick_endpoint, N_("F8"), N_("pick the endpoint and variant to scale"), true },
	{ 'T', false, tui_key_pick_endpoint, N_("T"), N_("pick the endpoint and variant to scale"), false },
	{ '+', false, whatif_key_up1, N_("+ / -"), N_("what if: rerun at CPU target +1 / -1"), true },
	{ '=', false, whatif_key_up1, NULL, NULL, true },
	{ '-', false, whatif_key_down1, NULL, NULL, false },
	{ '}', false, whatif_key_up5, N_("} / {"), N_("what if: rerun at CPU target +5 / -5"), true },
	{ '{', false, whatif_key_down5, NULL, NULL, true },
	{ ')', false, whatif_key_up10, N_(") / ("), N_("what if: rerun at CPU target +10 / -10"), true },
	{ '(', false, whatif_key_down10, NULL, NULL, true },
	{ 'c', false, whatif_key_type, N_("c"), N_("what if: type a CPU target and rerun"), false },
	{ 0, false, NULL, NULL, NULL, false }
};

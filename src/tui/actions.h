/* From a recommendation to action in the TUI: the job and recommendation
 * pickers (dialog-picker.c), the export menu and `@` (dialog-export.c), the apply
 * dialog (dialog-apply.c), and what they share (actions.c): worker jobs for
 * the jobs APIs, the endpoint/variant to scale, a one-line text input. */
#ifndef SAGESCALE_TUI_ACTIONS_H
#define SAGESCALE_TUI_ACTIONS_H
#include <stdbool.h>
#include "sagemaker/autoscaling.h"
#include "sagemaker/jobs.h"
#include "tui/lineedit.h"
#include "tui/view.h"

/* Global key handlers (one line each in keys.c). */
/* arg and v unused (see tui/keymap.h). */
unsigned tui_key_pick_job(struct tui *t, struct tui_view *v, long arg); /* F2: jobs, then recs */
unsigned tui_key_pick_rec(struct tui *t, struct tui_view *v, long arg); /* F3: the picked job's */
unsigned tui_key_export(struct tui *t, struct tui_view *v, long arg);   /* F4 / x: export menu */
unsigned tui_key_command(struct tui *t, struct tui_view *v, long arg);  /* @: the aws command */
unsigned tui_key_apply(struct tui *t, struct tui_view *v, long arg);    /* F7 / A: apply dialog */
/* F8 / T: the endpoint to scale (dialog-endpoint.c) */
unsigned tui_key_pick_endpoint(struct tui *t, struct tui_view *v, long arg);
/* The endpoint picker, then the apply dialog once a variant is chosen. */
unsigned tui_pick_endpoint_then_apply(struct tui *t);

extern const struct tui_view_ops tui_picker_dialog;
extern const struct tui_view_ops tui_export_dialog;
extern const struct tui_view_ops tui_apply_dialog;
extern const struct tui_view_ops tui_endpoint_dialog;

/* --- worker jobs (curses-free) ------------------------------------------ */
struct act_list_job {
	struct worker_job base;
	struct jobs_filter filter;
	int rc;
	struct jobs_list list;
	struct aws_result res;
};
struct act_describe_job {
	struct worker_job base;
	char *name;
	int rc;
	struct jobs_detail detail;
	struct aws_result res;
};
struct act_apply_job {
	struct worker_job base;
	struct autoscaling_plan plan; /* owned */
	int rc;
	size_t failed; /* index of the failing call, or plan.ncalls */
	char **bodies; /* each successful call's response */
	struct aws_result res;
};
extern const struct worker_job_ops act_list_job_ops, act_describe_job_ops, act_apply_job_ops;
struct act_list_job *act_list_job_new(void);
struct act_describe_job *act_describe_job_new(const char *name);
struct act_apply_job *act_apply_job_new(struct autoscaling_plan *plan); /* takes plan */
/* The job as that type when it is one, else NULL. */
struct act_list_job *act_list_job_of(struct worker_job *j);
struct act_describe_job *act_describe_job_of(struct worker_job *j);
struct act_apply_job *act_apply_job_of(struct worker_job *j);

/* --- state shared by the dialogs (main thread) -------------------------- */
/* It belongs to the interface (struct tui, freed with it by act_state_free).
 * The job last picked, described (NULL until then). */
struct act_state;
void act_state_free(struct act_state *st);
const struct jobs_detail *act_detail(const struct tui *t);
const char *act_picked_job(const struct tui *t);
void act_set_detail(struct tui *t, const struct jobs_detail *d); /* copies */
void act_set_picked_job(struct tui *t, const char *name);
/* Endpoint, variant and policy name for apply and the exports that need a
 * target: what the user chose (F8) or typed last, else the endpoint the
 * request named (an Advanced job's own), else empty: never the benchmark
 * endpoint the job made for the recommendation. */
struct act_target {
	char *endpoint, *variant, *policy;
};
void act_target_for(struct tui *t, const struct scaling_response *resp, struct act_target *out);
void act_target_remember(struct tui *t, const struct scaling_response *resp,
			 const struct act_target *tg);
void act_target_free(struct act_target *t);
/* The request a response answers (its echoed fields). */
void act_request_of(const struct scaling_response *resp, struct scaling_request *out);
/* One line for an aws_result error: "Code: message (request id X)". */
char *act_error_text(const struct aws_result *res);

/* --- a one-line text input ---------------------------------------------- */
/* Sends text to the terminal's clipboard through OSC 52 (inside tmux also
 * wrapped for passthrough).  Returns 0, or -1 when it is too long for it
 * (OSC52_MAX_BYTES). */
int act_copy_osc52(const char *text, size_t len);

/* A labelled one-line field: the line editor (tui/lineedit.h, its keys
 * in tui/widget-input.h); .text is its UTF-8 text.  A zeroed struct is an
 * empty field. */
void act_input_set(struct lineedit *in, const char *s);
/* The readline keys (Enter, Esc, Up and Down are the caller's: the field
 * has no history).  Returns true when the key was an edit or a move. */
bool act_input_key(struct lineedit *in, int key, bool func);
void act_input_free(struct lineedit *in);
/* Draws "label [text]" at y, with the cursor shown when active. */
void act_input_draw(struct tui_view *v, WINDOW *w, int y, const char *label, struct lineedit *in,
		    bool active);

/* Lines of text (split at '\n') drawn from line top, from column left,
 * clipped. */
void act_draw_lines(struct tui_view *v, WINDOW *w, int y0, int rows, const char *text, size_t top,
		    size_t left);
/* Up/Down/PgUp/PgDn/Home/Left/Right (and j/k/h/l) over such text; true
 * when the key was one of them. */
bool act_scroll_key(const char *text, int rows, size_t *top, size_t *left, int key, bool func);
size_t act_count_lines(const char *text);

#endif

/* The API of the terminal interface that views, dialogs, key bindings and
 * job types plug into (the entry point, tui_run, is in tui.h).  Only the main
 * thread calls anything here; curses is used only under src/tui/.
 *
 * SCREEN (80x24 and larger)
 *
 *	title bar                                    demo: embedded simulator
 *	+- Request (form) -----------+ +- Summary ----------------------------+
 *	| 6 fields, then the reason  | +- Capacity and cooldowns -------------+
 *	+----------------------------+ +--------------------------------------+
 *	-- 1 Policies - 2 Errors - 3 ... (the view area: one view shown) -------
 *	 the view's window: all columns, the rows between the two lines
 *	------------------------------------------------------------------------
 *	info line (the view's info(), e.g. the tree path; or a message)
 *	status bar: state, spinner and elapsed time, keys that apply
 *
 * The top is 12 rows; the view area gets the rest (7 rows at 80x24).  Once
 * a request was sent and the keys are on the views, the form collapses to
 * a small Request pane (job, ID; Tab or a click opens it again) with the
 * Capacity pane under it: the top is 8 rows and the view area gets 11 rows
 * at 80x24.
 * The view area has no side borders on purpose: a row scrolled in costs
 * only itself (see bench/tui-bytes.sh).
 *
 * Focus is on the form or on the view area (F6 / Ctrl-W switch; Tab from
 * the view area goes back to the form).  Sending moves it to the view
 * area: the keys act on the answer (what-if, the tree).  A modal dialog (help, pickers,
 * confirmations) takes every key while it is open.
 *
 * HOW TO ADD A VIEW (a tab in the view area)
 *  1. In your own file, src/tui/view-foo.c, define the state with struct
 *     tui_view FIRST, and a const struct tui_view_ops:
 *
 *	struct foo_view { struct tui_view base; int selected; };
 *	static void foo_draw(struct tui_view *v, WINDOW *win, bool focused) {...}
 *	static unsigned foo_key(struct tui_view *v, int key, bool func)
 *	{
 *		if (!func && key == 'x') { ...; return TUI_HANDLED | TUI_REDRAW; }
 *		return TUI_IGNORED;		// the loop tries the global keys
 *	}
 *	static const struct tui_key foo_keys[] = {
 *		{ "x", N_("do the thing") }, { NULL, NULL } };
 *	const struct tui_view_ops tui_view_foo = {
 *		.name = N_("Foo"), .size = sizeof(struct foo_view),
 *		.draw = foo_draw, .key = foo_key, .keys = foo_keys,
 *	};
 *
 *  2. Declare it in src/tui/views.h and add one line to tui_view_table[] in
 *     src/tui/views.c; add the file to src/tui/local.mk and po/POTFILES.in.
 *  The view is created once at start (init), sized on every relayout
 *  (resize), drawn when the loop redraws (draw gets a window the size of the
 *  area inside the frame: draw only inside it, erase it first), and gets
 *  keys when focused.  Keys: func is true for KEY_* codes (KEY_UP, KEY_F(5),
 *  KEY_RESIZE never reaches views), false for characters (wide characters
 *  included).  Return flags from enum tui_flags.
 *
 * HOW TO ADD A KEY BINDING
 *  One line in a table of struct tui_bind (tui/keymap.h): the key, flags,
 *  a handler unsigned fn(struct tui *, struct tui_view *, long arg), its
 *  argument, the help text and the status bar's word (N_()).  Global keys
 *  go in tui_global_keys[] (src/tui/keys.c), a view's or dialog's in its
 *  ops' .bindings: the loop calls its key() first (prompts, a widget's
 *  keys), then looks the key up there, then in the global table.  `?`,
 *  the status bar and `sagescale --dump-keys` are made from the tables.
 *
 * HOW TO ADD A DIALOG
 *  A dialog is a view opened with tui_open_modal(t, &ops, arg): it is drawn
 *  centred over the screen (ops.modal_rows x ops.modal_cols, clipped to the
 *  terminal), gets every key, and closes when key() returns TUI_CLOSE.  arg
 *  is in v->arg at init().  See dialog-help.c.
 *
 * HOW TO ADD A JOB TYPE (work done off the main thread)
 *  See src/tui/worker.h: embed struct worker_job first, give it ops with run()
 *  and free(), submit it with tui_submit().  run() gets the struct tui_ctx
 *  (the worker's AWS client) and must not touch curses.  When it finishes,
 *  the loop calls job_done() of EVERY view (the hook where results arrive:
 *  history, compare, ...) and then frees the job, so copy what you keep.
 *  The recommendation job is in recjob.h; its result also fills the
 *  Summary, Capacity and Policies panes when rec->show is set.
 */
#ifndef SAGESCALE_TUI_VIEW_H
#define SAGESCALE_TUI_VIEW_H
#include <stdbool.h>
#include <curses.h>
#include "sagemaker/scaling.h"
#include "tui/keymap.h"
#include "tui/worker.h"
#include "tui/tui.h"

struct tui;
struct sts_conn;
struct tui_view;
struct lineedit;
struct lineedit_history;

/* What a key handler asks the loop to do (htop's HandlerResult). */
enum tui_flags {
	TUI_IGNORED = 0,         /* not mine: try the next handler */
	TUI_HANDLED = 1 << 0,    /* consumed */
	TUI_REDRAW = 1 << 1,     /* redraw the screen's contents */
	TUI_RELAYOUT = 1 << 2,   /* window sizes changed: relayout, redraw */
	TUI_QUIT = 1 << 3,       /* end the program (asks if a request runs) */
	TUI_CLOSE = 1 << 4,      /* a modal dialog closes */
	TUI_FOCUS_FORM = 1 << 5, /* move the focus to the form */
	TUI_FOCUS_VIEW = 1 << 6, /* move the focus to the view area */
};

/* One line of `?` help. */
struct tui_key {
	const char *keys; /* "j / Down" */
	const char *help; /* N_("next row") */
};

struct tui_view_ops {
	const char *name;                   /* tab label, N_() */
	size_t size;                        /* of the view's struct (>= sizeof(struct tui_view)) */
	void (*init)(struct tui_view *v);   /* optional */
	void (*done)(struct tui_view *v);   /* optional: free what init made */
	void (*resize)(struct tui_view *v); /* optional: v->rows/cols changed */
	void (*draw)(struct tui_view *v, WINDOW *win, bool focused);
	unsigned (*key)(struct tui_view *v, int key, bool func); /* optional */
	/* Optional: text for the info line while focused (e.g. the tree path). */
	const char *(*info)(struct tui_view *v);
	/* Optional: a click (left button) at row y, column x of the view's
	 * window; returns tui_flags.  Without it a click only focuses. */
	unsigned (*click)(struct tui_view *v, int y, int x);
	/* Optional: a prompt open on the info line (the tree's `/`): returns
	 * its label and sets *le to its line, or returns NULL. */
	const char *(*prompt)(struct tui_view *v, struct lineedit **le);
	/* Optional: every finished job, whoever submitted it. */
	void (*job_done)(struct tui_view *v, struct worker_job *job);
	/* The view's keys (tui/keymap.h): the loop looks a key up here when
	 * key() ignores it (or there is no key()), and `?` and the status bar
	 * show them.  widget: the table of the widget key() forwards to (the
	 * tree's, a list's), shown with them. */
	const struct tui_bind *bindings, *widget;
	const struct tui_key *keys; /* old-style help entries, ended by { NULL, NULL } */
	int modal_rows, modal_cols; /* size as a dialog (0: most of the screen) */
	/* Optional, N_(): the keys for the status bar while focused (a view:
	 * instead of the general ones; a dialog that lists its keys itself
	 * leaves it NULL: the status bar then shows none). */
	const char *hint;
};

struct tui_view {
	const struct tui_view_ops *ops;
	struct tui *tui;
	void *arg;      /* tui_open_modal's arg */
	int rows, cols; /* size of the window draw() gets */
};

/* The global key bindings (keys.c; see tui/keymap.h). */
extern const struct tui_bind tui_global_keys[];

/* What the worker's run() gets as ctx. */
struct tui_ctx {
	struct aws_client *client; /* owned by the worker thread */
	bool demo;
};

/* Colour roles: mapped to colour pairs, or to plain attributes in monochrome. */
enum tui_role {
	TUI_NORMAL,
	TUI_TITLE,
	TUI_FRAME,
	TUI_FRAME_FOCUS,
	TUI_SELECTED,
	TUI_DIM,
	TUI_ERROR,
	TUI_OK,
	TUI_FIELD,
	TUI_FIELD_BAD,
	TUI_KEY,
	TUI_ROLE_COUNT
};

/* --- for views, dialogs and bindings ------------------------------------ */
attr_t tui_attr(const struct tui *t, enum tui_role role);
bool tui_ascii(const struct tui *t); /* --ascii or no UTF-8 locale */
/* Draws UTF-8 text (already sanitised) at y, x, within width columns,
 * skipping the first skip columns; returns the columns drawn. */
int tui_draw_text(WINDOW *w, int y, int x, int width, size_t skip, const char *s);
/* Text wrapped at blanks over at most rows rows of width columns; returns
 * the rows drawn.  tui_wrapped_rows: the rows it needs. */
int tui_draw_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *s);
int tui_wrapped_rows(int width, const char *s);
/* Same for text that came from the network: sanitised here. */
int tui_draw_untrusted(WINDOW *w, int y, int x, int width, const char *s);

/* Runs job on the worker (see worker.h); the status bar shows its spinner. */
unsigned long tui_submit(struct tui *t, struct worker_job *job, bool supersede);
bool tui_busy(const struct tui *t);
/* The form's request, checked: 0, or -1 with *err (form fields get marked). */
int tui_form_request(struct tui *t, struct scaling_request *out, char **err);
/* Sends the form's request as Enter in the form does (the keys then go to
 * the views); returns tui_flags. */
unsigned tui_send_form(struct tui *t);
/* Replaces one form field's text (a picker choosing a job, ...). */
void tui_form_set(struct tui *t, enum scaling_field f, const char *text);
/* The form's job name as typed (not checked; "" when empty). */
const char *tui_form_job(struct tui *t);
/* The last good response shown, or NULL. */
const struct scaling_response *tui_last_response(const struct tui *t);
/* The history of one kind of prompt (Up/Down in it), kept for the session. */
enum tui_hist {
	TUI_HIST_CPU,
	TUI_HIST_RANGE,
	TUI_HIST_SEARCH,
	TUI_HIST_PATH,
	TUI_HIST_QUERY,
	TUI_HIST_COUNT
};
struct lineedit_history *tui_history(struct tui *t, enum tui_hist h);
/* Shows a view in the view area (focus stays where it is unless focus). */
void tui_show_view(struct tui *t, const struct tui_view_ops *ops, bool focus);
struct tui_view *tui_find_view(struct tui *t, const struct tui_view_ops *ops);
/* A one-line message on the info line until the next key. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_open_modal(struct tui *t, const struct tui_view_ops *ops, void *arg);
/* Whether --read-only was given (dialogs that change things refuse). */
bool tui_read_only(const struct tui *t);
/* Cancels one submitted job (queued: dropped; running: its cancel flag). */
void tui_cancel_job(struct tui *t, unsigned long id);
/* The resolved region (for exported AWS CLI commands), or NULL. */
const char *tui_region(const struct tui *t);
const char *tui_profile(const struct tui *t); /* the profile chosen, or NULL */
/* The account of the credentials (STS), or NULL until it is known. */
const char *tui_account(const struct tui *t);

#endif

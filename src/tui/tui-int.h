/* Internals shared by the files of src/tui/ (not for views: they use tui.h). */
#ifndef SAGESCALE_TUI_INT_H
#define SAGESCALE_TUI_INT_H
#include <signal.h>
#include <time.h>
#include "tui/lineedit.h"
#include "tui/view.h"
#include "aws/client.h"

#define TUI_MIN_ROWS 24
#define TUI_MIN_COLS 80

/* Internal flag from the form: Enter was pressed. */
#define TUI_SUBMIT (1u << 16)

enum tui_state { ST_IDLE, ST_RUNNING, ST_DONE, ST_FAILED, ST_CANCELLED };
enum tui_focus { FOCUS_FORM, FOCUS_VIEW };

struct tui_form;

struct tui {
	struct tui_options opts;
	struct tui_ctx ctx;
	struct worker *worker;
	/* Background lookups that are no request of the user's (the title's
	 * account): their own thread, so they neither delay a request nor
	 * show as one (spinner, quit confirmation). */
	struct worker *bg;

	/* terminal */
	SCREEN *screen;
	bool color, ascii, utf8;
	bool console; /* TERM=linux: its fonts lack braille and triangles */
	bool fkeys;   /* the terminal has F6 and F10 (not vt100 and kin) */
	bool mouse;   /* mouse events asked for (not --no-mouse) */
	attr_t attrs[TUI_ROLE_COUNT];
	char *warning; /* shown once on the info line (unknown TERM) */

	/* windows, remade on every relayout */
	WINDOW *w_title, *w_form, *w_summary, *w_capacity, *w_frame, *w_view, *w_info, *w_status;
	WINDOW *w_request; /* the collapsed form (NULL unless collapsed) */
	WINDOW *w_modal_frame, *w_modal;
	bool too_small;

	struct tui_form *form;
	struct tui_view **views;
	size_t nviews, cur;
	enum tui_focus focus;
	struct tui_view *modal;
	struct tui_view *under; /* the dialog under the help (`?` in a dialog) */

	/* requests */
	enum tui_state state;
	unsigned long shown_job; /* id of the newest request whose result the panes follow */
	double last_secs;
	struct scaling_response *last; /* last good response */
	time_t last_at;                /* when it came */
	char *message;
	bool confirm_quit; /* "quit while a request runs?" asked */
	unsigned spin;
	int last_key;              /* for bindings shared by several keys */
	struct timespec run_since; /* the shown request's start */
	bool quit;
	char *account;  /* from the identity job; NULL until known */
	bool zoom;      /* z: the current view has the whole screen */
	bool zoomed;    /* the layout is the zoomed one (zoom and the views focused) */
	bool collapsed; /* the form is the small Request pane */

	/* What the modules beside the views keep for the session (each
	 * file's own struct; made on first use, freed with the interface). */
	struct act_state *act;       /* actions.c: the picked job, the apply target */
	struct history *own_history; /* whatif.c: without tui_options.history */
	struct mfa_ask *mfa;         /* mfa_dialog.c: a code asked for by the worker */

	/* What was typed at each kind of prompt, for Up/Down (tui_history). */
	struct lineedit_history hist[TUI_HIST_COUNT];
};

/* panes.c: the panes still show an earlier answer after a request failed
 * or was cancelled (they say so, dimmed, with the answer's time). */
bool panes_stale(const struct tui *t);
char *panes_answer_time(const struct tui *t); /* "HH:MM:SS", caller frees */

/* term.c: the terminal, signals, colours */
int term_init(struct tui *t);
void term_restore(void);    /* idempotent; atexit and fatal paths */
int term_signal_fd(void);   /* readable after INT/TERM/HUP/QUIT/TSTP/CONT/WINCH */
int term_take_signal(void); /* 0, or the ending signal number; drains the pipe */
bool term_take_winch(void); /* true after SIGWINCH: resizeterm done */
/* After SIGTSTP: the terminal restored, the process stopped, and on
 * return curses back; after SIGCONT (any stop): a full redraw is due.
 * True when either happened (then a winch is pending too). */
bool term_take_suspend(void);
void term_theme(struct tui *t);
void term_frame(struct tui *t, WINDOW *w, const char *title, bool focused);
void term_hframe(struct tui *t, WINDOW *w, bool focused);

/* form.c */
struct tui_form *form_new(const struct scaling_request *prefill);
void form_free(struct tui_form *f);
void form_attach(struct tui_form *f, struct tui *t, WINDOW *win); /* after each relayout */
void form_detach(struct tui_form *f);                             /* before the window goes */
void form_draw(struct tui_form *f, struct tui *t, bool focused);
unsigned form_key(struct tui_form *f, int key, bool func);
/* A click on screen row y: that field becomes the current one. */
unsigned form_click(struct tui_form *f, int screen_y);
int form_request(struct tui_form *f, struct scaling_request *out, char **err);
void form_set(struct tui_form *f, enum scaling_field field, const char *text);
const char *form_error(const struct tui_form *f);
const char *form_job(struct tui_form *f);
/* the job name field as typed */ /* the reason to show, or NULL */
void form_place_cursor(struct tui_form *f);
/* The fields as typed, for the collapsed Request pane (borrowed until the
 * next call into the form); bad: a field is marked invalid. */
struct form_summary {
	const char *job, *id_label, *id, *cpu;
	bool bad;
};
void form_summary(struct tui_form *f, struct form_summary *out);
extern const struct tui_bind form_bindings[];

/* panes.c: title, summary, capacity, info line, status bar */
void panes_draw_title(struct tui *t);
void panes_draw_summary(struct tui *t);
void panes_draw_capacity(struct tui *t);
void panes_draw_request(struct tui *t); /* the collapsed form */
void panes_draw_info(struct tui *t);
void panes_draw_status(struct tui *t);
void panes_draw_too_small(struct tui *t);

/* tui.c: the handlers of the global keys, bound in keys.c (tui_global_keys) */
unsigned tui_key_help(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_quit(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_cancel(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_focus(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_form(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_zoom(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_submit(struct tui *t, struct tui_view *v, long arg);
/* arg: +1 the next view, -1 the previous one. */
unsigned tui_key_view_step(struct tui *t, struct tui_view *v, long arg);
/* arg: the view's index (key 1 shows view 0). */
unsigned tui_key_view_n(struct tui *t, struct tui_view *v, long arg);
unsigned tui_key_repaint(struct tui *t, struct tui_view *v, long arg);

/* tui.c: the keys every dialog has (`?`, F1), after its own. */
extern const struct tui_bind tui_dialog_keys[];

/* dialog-help.c */
extern const struct tui_view_ops tui_help_dialog;
extern const struct tui_view_ops tui_confirm_quit_dialog;

#endif

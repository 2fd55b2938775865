/* The export menu on a result (JSON response, --cli-input-json request,
 * AWS CLI apply commands, CloudFormation, the aws sagemaker command), its
 * preview, writing to a file (path asked, overwrite confirmed) or copying
 * through OSC 52; `@` opens it on the form's aws sagemaker command. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "export/file.h"
#include "export/osc52.h"
#include "tui/actions.h"
#include "tui/text.h"
#include "tui/whatif.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum xstage { X_MENU, X_PREVIEW, X_PATH, X_CONFIRM };

/* What the dialog is opened on (tui_open_modal's arg). */
struct export_arg {
	bool command_only;          /* `@`: just the form's command */
	struct scaling_request req; /* the form's request (command_only) */
};

struct export_dialog {
	struct tui_view base;
	enum xstage stage;
	bool command_only;
	struct scaling_request req; /* of the result, or the form's */
	bool have_req;
	int sel; /* menu row: a format, or EXPORT_FORMAT_COUNT = apply */
	enum export_format fmt;
	char *text; /* the rendered export */
	size_t top, left;
	struct lineedit path;
	char *note; /* last outcome (written, copied, error) */
	bool note_error;
};

static int menu_rows(const struct export_dialog *x)
{
	return EXPORT_FORMAT_COUNT + (tui_read_only(x->base.tui) ? 0 : 1);
}

static void set_note(struct export_dialog *x, bool error, char *msg)
{
	free(x->note);
	x->note = msg;
	x->note_error = error;
}

static int render(struct export_dialog *x, enum export_format f)
{
	const struct scaling_response *resp = tui_last_response(x->base.tui);
	struct act_target tg;
	char *err = NULL;

	act_target_for(x->base.tui, resp, &tg);
	struct export_input in = {
		.req = x->have_req ? &x->req : NULL,
		.resp = resp,
		.endpoint = tg.endpoint,
		.variant = tg.variant,
		.policy_name = *tg.policy ? tg.policy : NULL,
		.region = tui_region(x->base.tui),
		.profile = tui_profile(x->base.tui),
	};
	free(x->text);
	x->text = NULL;
	int rc = export_render(f, &in, &x->text, &err);

	if (rc != 0) {
		if (export_needs_target(f) && (!*tg.endpoint || !*tg.variant)) {
			free(err);
			err = xstrdup(_("No endpoint to scale chosen yet: pick the endpoint and "
					"variant with F8."));
		}
		set_note(x, true, err);
	}
	act_target_free(&tg);
	x->fmt = f;
	x->top = x->left = 0;
	return rc;
}

static void export_init(struct tui_view *v)
{
	struct export_dialog *x = (struct export_dialog *)v;
	struct export_arg *a = v->arg;

	if (a && a->command_only) {
		x->command_only = true;
		x->req = a->req;
		memset(&a->req, 0, sizeof(a->req));
		x->have_req = true;
		x->stage = render(x, EXPORT_GET_COMMAND) == 0 ? X_PREVIEW : X_MENU;
		return;
	}
	const struct scaling_response *resp = tui_last_response(v->tui);

	if (resp) {
		act_request_of(resp, &x->req);
		x->have_req = true;
	}
}

static void export_done(struct tui_view *v)
{
	struct export_dialog *x = (struct export_dialog *)v;
	struct export_arg *a = v->arg;

	if (x->have_req)
		scaling_request_free(&x->req);
	free(x->text);
	free(x->note);
	act_input_free(&x->path);
	if (a) {
		scaling_request_free(&a->req);
		free(a);
	}
}

static void draw_note(struct export_dialog *x, WINDOW *w, int y)
{
	int width = x->base.cols - 2;

	if (!x->note)
		return;
	wattrset(w, tui_attr(x->base.tui, x->note_error ? TUI_ERROR : TUI_OK));
	/* A long note (an error, the clipboard's) also takes the row above,
	 * which is free unless a path is asked for. */
	if (text_width(x->note) > (size_t)width && y > 0 && x->stage != X_PATH &&
	    x->stage != X_CONFIRM)
		whatif_draw_wrapped(w, y - 1, 1, width, 2, x->note);
	else
		tui_draw_text(w, y, 1, width, 0, x->note);
	wattrset(w, A_NORMAL);
}

static void draw_menu(struct export_dialog *x, WINDOW *w)
{
	struct tui_view *v = &x->base;
	bool have_resp = tui_last_response(v->tui) != NULL;

	tui_draw_text(w, 0, 1, v->cols - 2, 0, _("Export this result as:"));
	for (int i = 0; i < menu_rows(x); i++) {
		const char *label = i < EXPORT_FORMAT_COUNT
					    ? export_format_label(i)
					    : _("Apply with Application Auto Scaling...");
		bool usable =
			i == EXPORT_FORMAT_COUNT ||
			(i < EXPORT_FORMAT_COUNT && (!export_needs_response(i) || have_resp) &&
			 (export_needs_response(i) || x->have_req));
		char *line = xasprintf("%d  %s", i + 1, label);

		wattrset(w, i == x->sel ? tui_attr(v->tui, TUI_SELECTED)
			    : usable    ? A_NORMAL
					: tui_attr(v->tui, TUI_DIM));
		mvwhline(w, 2 + i, 0, ' ', v->cols);
		tui_draw_text(w, 2 + i, 2, v->cols - 4, 0, line);
		free(line);
	}
	wattrset(w, A_NORMAL);
	draw_note(x, w, v->rows - 2);
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	/* 1-5 with --read-only (no apply row). */
	char *keys = xasprintf(_("Up/Down or 1-%d choose  Enter show  Esc close"), menu_rows(x));

	tui_draw_text(w, v->rows - 1, 1, v->cols - 2, 0, keys);
	free(keys);
	wattrset(w, A_NORMAL);
}

static void draw_preview(struct export_dialog *x, WINDOW *w)
{
	struct tui_view *v = &x->base;
	int body = v->rows - 4;

	wattrset(w, A_BOLD);
	tui_draw_text(w, 0, 1, v->cols - 2, 0, export_format_label(x->fmt));
	wattrset(w, A_NORMAL);
	if (body > 0)
		act_draw_lines(v, w, 1, body, x->text, x->top, x->left);
	if (x->stage == X_PATH) {
		act_input_draw(v, w, v->rows - 3, _("Write to:"), &x->path, true);
	} else if (x->stage == X_CONFIRM) {
		char *q = xasprintf(_("%s exists. Overwrite it? (y/n)"), x->path.text);

		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		tui_draw_untrusted(w, v->rows - 3, 1, v->cols - 2, q);
		wattrset(w, A_NORMAL);
		free(q);
	}
	draw_note(x, w, v->rows - 2);
	if (x->stage == X_CONFIRM)
		return; /* the question says which keys */
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	tui_draw_text(w, v->rows - 1, 1, v->cols - 2, 0,
		      x->stage == X_PATH ? _("Enter write  Esc back")
		      : x->command_only
			      ? _("w write to a file  c copy (OSC 52)  arrows scroll  Esc close")
			      : _("w write to a file  c copy (OSC 52)  arrows scroll  Esc back"));
	wattrset(w, A_NORMAL);
}

static void export_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct export_dialog *x = (struct export_dialog *)v;

	werase(w);
	if (x->stage == X_MENU)
		draw_menu(x, w);
	else
		draw_preview(x, w);
	(void)focused;
}

static void write_file(struct export_dialog *x, bool overwrite)
{
	char *err = NULL;
	size_t len = strlen(x->text);
	enum export_file_status st = export_file_write(x->path.text, x->text, len, overwrite, &err);

	switch (st) {
	case EXPORT_FILE_OK: {
		/* The whole path: a relative one says nothing about where. */
		const char *home = getenv("HOME");
		char *tilde = strncmp(x->path.text, "~/", 2) == 0 && home != NULL && *home != '\0'
				      ? xasprintf("%s/%s", home, x->path.text + 2)
				      : NULL;
		char *full = realpath(tilde != NULL ? tilde : x->path.text, NULL);

		free(tilde);

		set_note(x, false,
			 xasprintf(P_("Wrote %zu byte to %s (mode 0600).",
				      "Wrote %zu bytes to %s (mode 0600).", len),
				   len, full ? full : x->path.text));
		free(full);
		x->stage = X_PREVIEW;
		break;
	}
	case EXPORT_FILE_EXISTS:
		x->stage = X_CONFIRM;
		free(err);
		break;
	case EXPORT_FILE_ERROR:
		set_note(x, true, err);
		x->stage = X_PREVIEW;
		break;
	}
}

static void copy_osc52(struct export_dialog *x)
{
	size_t len = strlen(x->text);

	if (act_copy_osc52(x->text, len) != 0) {
		set_note(x, true,
			 xasprintf(_("Too long to copy through the terminal (%zu bytes, "
				     "at most %d): write it to a file."),
				   len, OSC52_MAX_BYTES));
		return;
	}
	set_note(x, false,
		 xasprintf(_("Sent %zu bytes to the clipboard through OSC 52 "
			     "(if the terminal allows it)."),
			   len));
}

static unsigned preview_key(struct export_dialog *x, int key, bool func)
{
	if (x->stage == X_CONFIRM) {
		if (!func && (key == 'y' || key == 'Y'))
			write_file(x, true);
		else
			x->stage = X_PATH;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (x->stage == X_PATH) {
		if (!func && key == 27)
			x->stage = X_PREVIEW;
		else if ((!func && (key == '\r' || key == '\n')) || (func && key == KEY_ENTER))
			write_file(x, false);
		else
			act_input_key(&x->path, key, func);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!func) {
		switch (key) {
		case 27:
		case 'q':
			if (x->command_only)
				return TUI_CLOSE | TUI_REDRAW;
			x->stage = X_MENU;
			set_note(x, false, NULL);
			return TUI_HANDLED | TUI_REDRAW;
		case 'w':
			act_input_set(&x->path, export_default_filename(x->fmt));
			x->stage = X_PATH;
			set_note(x, false, NULL); /* the last outcome is old now */
			return TUI_HANDLED | TUI_REDRAW;
		case 'c': copy_osc52(x); return TUI_HANDLED | TUI_REDRAW;
		}
	}
	act_scroll_key(x->text, x->base.rows - 4, &x->top, &x->left, key, func);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned choose(struct export_dialog *x)
{
	if (x->sel == EXPORT_FORMAT_COUNT) {
		tui_key_apply(x->base.tui, NULL, 0); /* replaces this dialog */
		return TUI_HANDLED | TUI_REDRAW;
	}
	set_note(x, false, NULL);
	if (render(x, (enum export_format)x->sel) == 0)
		x->stage = X_PREVIEW;
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned export_key(struct tui_view *v, int key, bool func)
{
	struct export_dialog *x = (struct export_dialog *)v;

	if (x->stage != X_MENU)
		return preview_key(x, key, func);
	if (!func) {
		if (key == 27 || key == 'q')
			return TUI_CLOSE | TUI_REDRAW;
		if (key >= '1' && key < '1' + menu_rows(x)) {
			x->sel = key - '1';
			return choose(x);
		}
		if (key == '\r' || key == '\n')
			return choose(x);
		if (key == 'j')
			key = KEY_DOWN, func = true;
		else if (key == 'k')
			key = KEY_UP, func = true;
		else
			return TUI_HANDLED;
	}
	switch (key) {
	case KEY_DOWN:
		if (x->sel + 1 < menu_rows(x))
			x->sel++;
		break;
	case KEY_UP:
		if (x->sel > 0)
			x->sel--;
		break;
	case KEY_ENTER: return choose(x);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_key export_keys[] = {
	{ N_("1-7 / Enter"), N_("show an export") },
	{ N_("w"), N_("write it to a file (asks the path; never overwrites without asking)") },
	{ N_("c"), N_("copy it to the clipboard through OSC 52 (works over SSH and in tmux)") },
	{ N_("Esc"), N_("back / close") },
	{ NULL, NULL }
};

const struct tui_view_ops tui_export_dialog = {
	.name = N_("Export"),
	.size = sizeof(struct export_dialog),
	.init = export_init,
	.done = export_done,
	.draw = export_draw,
	.key = export_key,
	.keys = export_keys,
	.modal_rows = 0,
	.modal_cols = 200, /* as wide as the terminal allows */
};

unsigned tui_key_export(struct tui *t, struct tui_view *v, long arg)
{
	if (!tui_last_response(t)) {
		tui_message(t, "%s", _("No result to export yet: send a request first."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_open_modal(t, &tui_export_dialog, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned tui_key_command(struct tui *t, struct tui_view *v, long arg)
{
	struct export_arg *a = xcalloc(1, sizeof(*a));
	char *err = NULL;

	if (tui_form_request(t, &a->req, &err) != 0) {
		tui_message(t, _("The form is not complete: %s"), err ? err : "");
		free(err);
		free(a);
		return TUI_HANDLED | TUI_REDRAW;
	}
	a->command_only = true;
	tui_open_modal(t, &tui_export_dialog, a);
	return TUI_HANDLED | TUI_REDRAW;
}

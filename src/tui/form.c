/* The request form (libform): job name, a toggle between recommendation ID
 * and endpoint name, CPU target, min and max invocations.  Whatever is
 * typed stays; invalid fields are marked and the reason shown. */
#include "config.h"
#include "tui/text.h"
#include "tui/tui-int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <form.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

enum { F_JOB, F_MODE, F_ID, F_CPU, F_MIN, F_MAX, F_COUNT };
enum { MODE_RECOMMENDATION, MODE_ENDPOINT };

#define LABEL_COLS 14 /* label, a column for the "!" marker, a space */
#define MAX_TEXT 256  /* longer than any valid value, so bad input is kept */

struct tui_form {
	struct tui *tui;
	WINDOW *win, *sub;
	FORM *form;
	FIELD *fields[F_COUNT + 1];
	char *text[F_COUNT]; /* field contents, kept across relayouts */
	char *other_id;      /* the id field's text of the other mode */
	int mode;
	int cur;
	char *err[F_COUNT]; /* reason a field is invalid, or NULL */
	char *req_err;      /* a rule across fields (exactly one of, min <= max) */
};

/* What the form's keys do (form_bindings: fn NULL, arg is one of these). */
enum form_action {
	FA_NEXT,
	FA_PREV,
	FA_LEFT,
	FA_RIGHT,
	FA_TOGGLE,
	FA_HOME,
	FA_END,
	FA_DEL_PREV,
	FA_DEL_CHAR,
	FA_KILL_END,
	FA_SEND
};

#define CTRL(c) ((c)&0x1f)

const struct tui_bind form_bindings[] = {
	{ '\r', 0, NULL, FA_SEND, N_("send the request (supersedes a running one)"), N_("send") },
	{ '\n', TB_ALSO, NULL, FA_SEND },
	{ KEY_ENTER, TB_FUNC | TB_ALSO, NULL, FA_SEND },
	{ '\t', TB_MINOR, NULL, FA_NEXT, N_("next field"), N_("next field") },
	{ KEY_DOWN, TB_FUNC | TB_ALSO, NULL, FA_NEXT },
	{ KEY_BTAB, TB_FUNC, NULL, FA_PREV, N_("previous field") },
	{ KEY_UP, TB_FUNC | TB_ALSO, NULL, FA_PREV },
	{ KEY_LEFT, TB_FUNC, NULL, FA_LEFT, N_("move in a field; on the toggle: switch it") },
	{ KEY_RIGHT, TB_FUNC | TB_ALSO, NULL, FA_RIGHT },
	{ ' ', 0, NULL, FA_TOGGLE, N_("on the toggle: recommendation ID or endpoint name") },
	{ KEY_HOME, TB_FUNC, NULL, FA_HOME, N_("start / end of the field") },
	{ KEY_END, TB_FUNC | TB_ALSO, NULL, FA_END },
	{ CTRL('a'), TB_ALSO, NULL, FA_HOME },
	{ CTRL('e'), TB_ALSO, NULL, FA_END },
	{ KEY_BACKSPACE, TB_FUNC, NULL, FA_DEL_PREV, N_("delete a character") },
	{ 127, TB_ALSO, NULL, FA_DEL_PREV },
	{ CTRL('h'), TB_ALSO, NULL, FA_DEL_PREV },
	{ KEY_DC, TB_FUNC | TB_ALSO, NULL, FA_DEL_CHAR },
	{ CTRL('d'), TB_ALSO, NULL, FA_DEL_CHAR },
	{ CTRL('k'), 0, NULL, FA_KILL_END, N_("delete to the end of the field") },
	{ 0 }
};

static const char *label(const struct tui_form *f, int i)
{
	switch (i) {
	case F_JOB: return _("Job name");
	case F_MODE: return _("Use");
	case F_ID: return f->mode == MODE_RECOMMENDATION ? _("Rec. ID") : _("Endpoint");
	case F_CPU: return _("CPU target");
	case F_MIN: return _("Min invoc.");
	case F_MAX: return _("Max invoc.");
	}
	return "";
}

static enum scaling_field scaling_of(const struct tui_form *f, int i)
{
	switch (i) {
	case F_JOB: return SCALING_FIELD_JOB;
	case F_ID:
		return f->mode == MODE_RECOMMENDATION ? SCALING_FIELD_RECOMMENDATION_ID
						      : SCALING_FIELD_ENDPOINT_NAME;
	case F_CPU: return SCALING_FIELD_CPU;
	case F_MIN: return SCALING_FIELD_MIN_INVOCATIONS;
	case F_MAX: return SCALING_FIELD_MAX_INVOCATIONS;
	}
	return SCALING_FIELD_COUNT;
}

static void set_text(char **slot, const char *s)
{
	free(*slot);
	*slot = xstrdup(s != NULL ? s : "");
}

static char *int_text(const struct opt_int *v, const char *dflt)
{
	return v->set ? xasprintf("%lld", v->v) : xstrdup(dflt);
}

struct tui_form *form_new(const struct scaling_request *p)
{
	struct tui_form *f = xcalloc(1, sizeof(*f));

	set_text(&f->text[F_JOB], p->job_name);
	set_text(&f->text[F_MODE], "");
	f->mode = p->endpoint_name != NULL && p->recommendation_id == NULL ? MODE_ENDPOINT
									   : MODE_RECOMMENDATION;
	set_text(&f->text[F_ID],
		 f->mode == MODE_ENDPOINT ? p->endpoint_name : p->recommendation_id);
	set_text(&f->other_id, f->mode == MODE_ENDPOINT ? p->recommendation_id : p->endpoint_name);
	f->text[F_CPU] = int_text(&p->cpu, "50");
	f->text[F_MIN] = int_text(&p->min_invocations, "");
	f->text[F_MAX] = int_text(&p->max_invocations, "");
	return f;
}

/* Copies what libform holds into f->text (libform pads with blanks). */
static void sync_text(struct tui_form *f)
{
	if (f->form == NULL)
		return;
	form_driver_w(f->form, KEY_CODE_YES, REQ_VALIDATION);
	for (int i = 0; i < F_COUNT; i++) {
		if (i == F_MODE)
			continue;
		const char *b = field_buffer(f->fields[i], 0);
		size_t n = b != NULL ? strlen(b) : 0;

		while (n > 0 && b[n - 1] == ' ')
			n--;
		free(f->text[i]);
		f->text[i] = xstrndup(b != NULL ? b : "", n);
	}
}

static void drop_form(struct tui_form *f)
{
	if (f->form == NULL)
		return;
	sync_text(f);
	f->cur = field_index(current_field(f->form));
	unpost_form(f->form);
	free_form(f->form);
	for (int i = 0; i < F_COUNT; i++)
		free_field(f->fields[i]);
	f->form = NULL;
	if (f->sub != NULL)
		delwin(f->sub);
	f->sub = NULL;
}

void form_detach(struct tui_form *f)
{
	drop_form(f);
	f->win = NULL;
}

void form_free(struct tui_form *f)
{
	if (f == NULL)
		return;
	drop_form(f);
	for (int i = 0; i < F_COUNT; i++) {
		free(f->text[i]);
		free(f->err[i]);
	}
	free(f->other_id);
	free(f->req_err);
	free(f);
}

/* The toggle's text, in the user's language (a new string: free it). */
static char *mode_text(const struct tui_form *f)
{
	const char *on = tui_ascii(f->tui) ? "(*)" : "(\u2022)";
	bool rec = f->mode == MODE_RECOMMENDATION;

	/* TRANSLATORS: the toggle's two choices share one line of 23 columns. */
	return xasprintf("%s %s %s %s", rec ? on : "( )", _("Rec.ID"), rec ? "( )" : on,
			 _("Endpoint"));
}

static void style_field(struct tui_form *f, int i)
{
	attr_t a = tui_attr(f->tui, f->err[i] != NULL ? TUI_FIELD_BAD : TUI_FIELD);

	if (i == F_MODE)
		a = f->err[i] != NULL ? a : A_NORMAL;
	set_field_back(f->fields[i], a);
	set_field_fore(f->fields[i], a);
}

/* (Re)creates the fields for the window's size: a relayout must not lose
 * anything typed, so the texts live in f->text between forms. */
void form_attach(struct tui_form *f, struct tui *t, WINDOW *win)
{
	int rows, cols, fw;

	drop_form(f);
	f->tui = t;
	f->win = win;
	if (win == NULL)
		return;
	getmaxyx(win, rows, cols);
	if (rows < 3 + F_COUNT || cols < LABEL_COLS + 12)
		return;
	f->sub = derwin(win, F_COUNT, cols - 2 - LABEL_COLS - 1, 1, 1 + LABEL_COLS);
	fw = getmaxx(f->sub);
	for (int i = 0; i < F_COUNT; i++) {
		int w = fw;

		if (i == F_CPU)
			w = 5;
		else if (i == F_MIN || i == F_MAX)
			w = fw < 12 ? fw : 12;
		f->fields[i] = new_field(1, w, i, 0, 0, 0);
		field_opts_off(f->fields[i], O_AUTOSKIP | O_BLANK);
		if (i == F_MODE) {
			field_opts_off(f->fields[i], O_EDIT);
		} else {
			field_opts_off(f->fields[i], O_STATIC); /* scrolls sideways */
			set_max_field(f->fields[i], MAX_TEXT);
		}
		style_field(f, i);
	}
	f->fields[F_COUNT] = NULL;
	for (int i = 0; i < F_COUNT; i++) {
		char *m = i == F_MODE ? mode_text(f) : NULL;

		set_field_buffer(f->fields[i], 0, m != NULL ? m : f->text[i]);
		free(m);
	}
	f->form = new_form(f->fields);
	set_form_win(f->form, win);
	set_form_sub(f->form, f->sub);
	post_form(f->form);
	set_current_field(f->form, f->fields[f->cur]);
	form_driver_w(f->form, KEY_CODE_YES, REQ_END_FIELD);
}

static void set_err(struct tui_form *f, int i, char *err)
{
	free(f->err[i]);
	f->err[i] = err;
	if (f->form != NULL)
		style_field(f, i);
}

/* Checks one field as typed; an empty field is left to the whole-request
 * check at submission (a missing job name is not an error while typing). */
static bool check_field(struct tui_form *f, int i)
{
	char *err = NULL;

	if (i == F_MODE)
		return true;
	if (f->text[i][0] != '\0' &&
	    scaling_check_field(scaling_of(f, i), f->text[i], label(f, i), &err) != 0) {
		set_err(f, i, err != NULL ? err : xstrdup(_("invalid value")));
		return false;
	}
	free(err);
	set_err(f, i, NULL);
	return true;
}

static void toggle_mode(struct tui_form *f)
{
	char *keep;

	sync_text(f);
	keep = f->text[F_ID];
	f->text[F_ID] = f->other_id;
	f->other_id = keep;
	f->mode = !f->mode;
	set_err(f, F_ID, NULL);
	free(f->req_err);
	f->req_err = NULL;
	{
		char *m = mode_text(f);

		set_field_buffer(f->fields[F_MODE], 0, m);
		free(m);
	}
	set_field_buffer(f->fields[F_ID], 0, f->text[F_ID]);
	check_field(f, F_ID);
}

static unsigned request(struct tui_form *f, int req)
{
	form_driver_w(f->form, KEY_CODE_YES, req);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned goto_field(struct tui_form *f, int req)
{
	int from = field_index(current_field(f->form));

	sync_text(f);
	check_field(f, from);
	form_driver_w(f->form, KEY_CODE_YES, req);
	form_driver_w(f->form, KEY_CODE_YES, REQ_END_FIELD);
	f->cur = field_index(current_field(f->form));
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned form_click(struct tui_form *f, int screen_y)
{
	int i, from;

	if (f->sub == NULL || f->form == NULL)
		return TUI_IGNORED;
	i = screen_y - getbegy(f->sub);
	if (i < 0 || i >= F_COUNT)
		return TUI_HANDLED;
	from = field_index(current_field(f->form));
	sync_text(f);
	check_field(f, from);
	set_current_field(f->form, f->fields[i]);
	form_driver_w(f->form, KEY_CODE_YES, REQ_END_FIELD);
	f->cur = i;
	return TUI_HANDLED | TUI_REDRAW;
}

/* After an edit: a field marked bad is rechecked, so the mark goes as soon
 * as the text is right. */
static unsigned edited(struct tui_form *f, int i)
{
	if (f->err[i] != NULL || f->req_err != NULL) {
		sync_text(f);
		check_field(f, i);
		free(f->req_err);
		f->req_err = NULL;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* A key that edits the text; nothing to edit on the toggle. */
static unsigned edit(struct tui_form *f, int i, int req)
{
	return i == F_MODE ? TUI_HANDLED : (request(f, req), edited(f, i));
}

static unsigned form_action(struct tui_form *f, int i, enum form_action a)
{
	switch (a) {
	case FA_NEXT: return goto_field(f, REQ_NEXT_FIELD);
	case FA_PREV: return goto_field(f, REQ_PREV_FIELD);
	case FA_SEND:
		sync_text(f);
		check_field(f, i);
		return TUI_HANDLED | TUI_SUBMIT | TUI_REDRAW;
	case FA_LEFT:
	case FA_RIGHT:
	case FA_TOGGLE:
		/* On the toggle the arrows switch it too; elsewhere Space is text. */
		if (i == F_MODE) {
			toggle_mode(f);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (a == FA_TOGGLE)
			break;
		return request(f, a == FA_LEFT ? REQ_PREV_CHAR : REQ_NEXT_CHAR);
	case FA_HOME: return request(f, REQ_BEG_FIELD);
	case FA_END: return request(f, REQ_END_FIELD);
	case FA_DEL_PREV: return edit(f, i, REQ_DEL_PREV);
	case FA_DEL_CHAR: return edit(f, i, REQ_DEL_CHAR);
	case FA_KILL_END: return edit(f, i, REQ_CLR_EOF);
	}
	return TUI_IGNORED;
}

unsigned form_key(struct tui_form *f, int key, bool func)
{
	const struct tui_bind *b = keymap_find(form_bindings, key, func, NULL, NULL);
	unsigned r;
	int i;

	if (f->form == NULL)
		return TUI_IGNORED;
	i = field_index(current_field(f->form));
	if (b != NULL && (r = form_action(f, i, (enum form_action)b->arg)) != TUI_IGNORED)
		return r;
	if (func || key < 0x20 || !iswprint((wint_t)key))
		return TUI_IGNORED;
	if (i == F_MODE)
		return TUI_HANDLED;
	form_driver_w(f->form, OK, (wchar_t)key);
	return edited(f, i);
}

void form_summary(struct tui_form *f, struct form_summary *out)
{
	sync_text(f);
	out->job = f->text[F_JOB];
	out->id_label = label(f, F_ID);
	out->id = f->text[F_ID];
	out->cpu = f->text[F_CPU];
	out->bad = f->req_err != NULL;
	for (int i = 0; i < F_COUNT; i++)
		out->bad = out->bad || f->err[i] != NULL;
}

void form_set(struct tui_form *f, enum scaling_field field, const char *text)
{
	int i = -1;

	sync_text(f);
	switch (field) {
	case SCALING_FIELD_JOB: i = F_JOB; break;
	case SCALING_FIELD_RECOMMENDATION_ID:
	case SCALING_FIELD_ENDPOINT_NAME:
		if ((field == SCALING_FIELD_ENDPOINT_NAME) != (f->mode == MODE_ENDPOINT)) {
			if (f->form != NULL)
				toggle_mode(f);
			else {
				char *keep = f->text[F_ID];

				f->text[F_ID] = f->other_id;
				f->other_id = keep;
				f->mode = !f->mode;
			}
		}
		i = F_ID;
		break;
	case SCALING_FIELD_CPU: i = F_CPU; break;
	case SCALING_FIELD_MIN_INVOCATIONS: i = F_MIN; break;
	case SCALING_FIELD_MAX_INVOCATIONS: i = F_MAX; break;
	default: return;
	}
	set_text(&f->text[i], text);
	if (f->form != NULL)
		set_field_buffer(f->fields[i], 0, f->text[i]);
	check_field(f, i);
}

const char *form_job(struct tui_form *f)
{
	sync_text(f);
	return f->text[F_JOB];
}

static int field_of(const struct tui_form *f, enum scaling_field s)
{
	for (int i = 0; i < F_COUNT; i++)
		if (i != F_MODE && scaling_of(f, i) == s)
			return i;
	return F_JOB;
}

static int parse_int(struct tui_form *f, int i, struct opt_int *v)
{
	char *err = NULL;

	v->set = false;
	if (f->text[i][0] == '\0')
		return 0;
	if (scaling_parse_int_field(scaling_of(f, i), f->text[i], label(f, i), &v->v, &err) != 0) {
		set_err(f, i, err != NULL ? err : xstrdup(_("invalid value")));
		return -1;
	}
	free(err);
	v->set = true;
	return 0;
}

int form_request(struct tui_form *f, struct scaling_request *r, char **err)
{
	const char *labels[SCALING_FIELD_COUNT];
	enum scaling_field bad = SCALING_FIELD_JOB;
	int rc = 0;

	sync_text(f);
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < F_COUNT; i++)
		if (!check_field(f, i))
			rc = -1;
	free(f->req_err);
	f->req_err = NULL;
	if (rc == 0) {
		r->job_name = f->text[F_JOB][0] ? xstrdup(f->text[F_JOB]) : NULL;
		if (f->text[F_ID][0] != '\0') {
			if (f->mode == MODE_RECOMMENDATION)
				r->recommendation_id = xstrdup(f->text[F_ID]);
			else
				r->endpoint_name = xstrdup(f->text[F_ID]);
		}
		if (parse_int(f, F_CPU, &r->cpu) != 0 ||
		    parse_int(f, F_MIN, &r->min_invocations) != 0 ||
		    parse_int(f, F_MAX, &r->max_invocations) != 0)
			rc = -1;
	}
	if (rc == 0) {
		char *e = NULL;

		for (int s = 0; s < SCALING_FIELD_COUNT; s++)
			labels[s] = label(f, field_of(f, (enum scaling_field)s));
		labels[SCALING_FIELD_RECOMMENDATION_ID] = _("Rec. ID");
		labels[SCALING_FIELD_ENDPOINT_NAME] = _("Endpoint");
		if (scaling_request_check(r, labels, &bad, &e) != 0) {
			int i = field_of(f, bad);

			if (bad == SCALING_FIELD_RECOMMENDATION_ID ||
			    bad == SCALING_FIELD_ENDPOINT_NAME)
				i = F_ID;
			set_err(f, i, e != NULL ? e : xstrdup(_("invalid request")));
			rc = -1;
		} else {
			free(e);
		}
	}
	if (rc != 0) {
		const char *reason = form_error(f);

		scaling_request_free(r);
		memset(r, 0, sizeof(*r));
		if (err != NULL)
			*err = xstrdup(reason != NULL ? reason : _("invalid request"));
		/* Put the cursor on the first bad field. */
		for (int i = 0; i < F_COUNT; i++)
			if (f->err[i] != NULL && f->form != NULL) {
				set_current_field(f->form, f->fields[i]);
				form_driver_w(f->form, KEY_CODE_YES, REQ_END_FIELD);
				f->cur = i;
				break;
			}
	}
	return rc;
}

const char *form_error(const struct tui_form *f)
{
	int cur = f->form != NULL ? field_index(current_field(f->form)) : f->cur;

	if (cur >= 0 && cur < F_COUNT && f->err[cur] != NULL)
		return f->err[cur];
	for (int i = 0; i < F_COUNT; i++)
		if (f->err[i] != NULL)
			return f->err[i];
	return f->req_err;
}

void form_draw(struct tui_form *f, struct tui *t, bool focused)
{
	int rows, cols;
	const char *reason;

	getmaxyx(f->win, rows, cols);
	/* Labels and markers around the fields; the fields are libform's. */
	for (int i = 0; i < F_COUNT && i + 1 < rows - 1; i++) {
		wattrset(f->win, A_NORMAL);
		wmove(f->win, i + 1, 1);
		for (int c = 0; c < LABEL_COLS; c++)
			waddch(f->win, ' ');
		tui_draw_text(f->win, i + 1, 2, LABEL_COLS - 3, 0, label(f, i));
		if (f->err[i] != NULL) {
			wattrset(f->win, tui_attr(t, TUI_ERROR));
			mvwaddch(f->win, i + 1, LABEL_COLS - 1, '!');
			wattrset(f->win, A_NORMAL);
		}
	}
	if (f->form != NULL) {
		int fw = getmaxx(f->sub);

		/* A job name or ID longer than its field: marks before and after
		 * it say which side has more (libform shows the start after a
		 * relayout, the end after editing: what it shows is read back). */
		for (int i = F_JOB; i <= F_ID; i++) {
			const char *b = i == F_MODE ? NULL : field_buffer(f->fields[i], 0);
			size_t n = b != NULL ? strlen(b) : 0;
			bool before = false, after = false;

			while (n > 0 && b[n - 1] == ' ')
				n--;
			if (b != NULL && n > (size_t)fw) {
				char *shown = xmalloc((size_t)fw + 1);
				size_t k;

				if (mvwinnstr(f->sub, i, 0, shown, fw) == ERR)
					shown[0] = '\0';
				k = strlen(shown);
				while (k > 0 && shown[k - 1] == ' ')
					k--;
				if (k > 0) {
					before = strncmp(b, shown, k) != 0;
					after = k > n || strncmp(b + n - k, shown, k) != 0;
				}
				free(shown);
			}
			wattrset(f->win, A_BOLD);
			tui_draw_text(f->win, i + 1, LABEL_COLS, 1, 0,
				      !before        ? " "
				      : tui_ascii(t) ? "<"
						     : "\u2026");
			tui_draw_text(f->win, i + 1, 1 + LABEL_COLS + fw, 1, 0,
				      !after         ? " "
				      : tui_ascii(t) ? ">"
						     : "\u2026");
			wattrset(f->win, A_NORMAL);
		}
		if (fw > 14) {
			wattrset(f->win, tui_attr(t, TUI_DIM));
			tui_draw_text(f->win, F_CPU + 1, 1 + LABEL_COLS + 6, fw - 6, 0,
				      _("% per core"));
			wattrset(f->win, A_NORMAL);
		}
		if (fw >= 23) {
			wattrset(f->win, tui_attr(t, TUI_DIM));
			tui_draw_text(f->win, F_MIN + 1, 1 + LABEL_COLS + 13, fw - 13, 0,
				      _("per minute"));
			tui_draw_text(f->win, F_MAX + 1, 1 + LABEL_COLS + 13, fw - 13, 0,
				      _("per minute"));
			wattrset(f->win, A_NORMAL);
		}
	}
	/* The reason for the first bad field, wrapped below the fields. */
	reason = form_error(f);
	{
		const char *s = reason;
		int width = cols - 4;

		for (int y = F_COUNT + 2; y < rows - 1; y++) {
			size_t next = 0, len = 0;

			wattrset(f->win, A_NORMAL);
			wmove(f->win, y, 1);
			for (int c = 1; c < cols - 1; c++)
				waddch(f->win, ' ');
			if (s == NULL || *s == '\0' || width < 4)
				continue;
			len = text_wrap(s, (size_t)width, &next);
			wattrset(f->win, tui_attr(t, TUI_ERROR));
			if (s == reason)
				tui_draw_text(f->win, y, 1, 2, 0, "!");
			{
				char *line = xstrndup(s, len);

				tui_draw_text(f->win, y, 3, width, 0, line);
				free(line);
			}
			s += next;
		}
		wattrset(f->win, A_NORMAL);
	}
	(void)focused;
}

void form_place_cursor(struct tui_form *f)
{
	if (f->form == NULL)
		return;
	pos_form_cursor(f->form);
	wnoutrefresh(f->sub);
}

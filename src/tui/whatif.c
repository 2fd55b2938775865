/* What-if reruns: a key changes the form's CPU target and sends the form
 * again, every other input kept, on the worker's open connection (the
 * worker owns one client and keeps it alive between requests). */
#include "config.h"
#include "tui/tui-int.h"
#include "tui/whatif.h"
#include "tui/widget-input.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CPU_DEFAULT 50 /* the service's default when the field is empty */

struct history *whatif_tui_history_open(bool no_history)
{
	struct history_options o = { .disabled = no_history };

	return history_open(&o);
}

void whatif_tui_history_close(struct history *h)
{
	history_close(h);
}

bool whatif_last_request(struct history *h, struct scaling_request *out)
{
	size_t n = history_count(h);

	if (n == 0)
		return false;
	scaling_request_copy(out, &history_get(h, n - 1)->req);
	return true;
}

/* The history and the client options come with the options (the caller
 * owns them); without a history the runs are kept in memory only. */
const struct aws_client_options *whatif_client_options(const struct tui *t)
{
	return t->opts.copts;
}

struct history *whatif_history(struct tui *t)
{
	if (t->opts.history)
		return t->opts.history;
	if (!t->own_history) {
		struct history_options o = { .disabled = true };
		t->own_history = history_open(&o);
	}
	return t->own_history;
}

int whatif_draw(WINDOW *w, int y, int x, int width, const char *s)
{
	return width > 0 ? tui_draw_text(w, y, x, width, 0, s) : 0;
}

int whatif_draw_wrapped(WINDOW *w, int y, int x, int width, int lines, const char *s)
{
	int used = 0;
	size_t len = strlen(s);

	/* Breaks at the last blank that fits (byte count: messages are short). */
	while (*s && used < lines && width > 0) {
		size_t n = len;
		if (n > (size_t)width && used < lines - 1) {
			n = (size_t)width;
			while (n > 0 && s[n] != ' ')
				n--;
			if (n == 0)
				n = (size_t)width;
		}
		char *part = xstrndup(s, n);
		whatif_draw(w, y + used, x, width, part);
		free(part);
		used++;
		s += n;
		len -= n;
		while (*s == ' ')
			s++, len--;
	}
	return used;
}

enum whatif_prompt whatif_prompt_key(struct lineedit *le, int key, bool func)
{
	enum lineedit_action a;

	input_key(le, key, func, &a);
	if (a == LE_ENTER)
		return WHATIF_PROMPT_ENTER;
	return a == LE_CANCEL ? WHATIF_PROMPT_ESC : WHATIF_PROMPT_EDITED;
}

void whatif_prompt_draw(struct tui_view *v, WINDOW *w, const char *label, struct lineedit *le,
			const char *error, const char *hint)
{
	int width = v->cols - 2, used;

	werase(w);
	used = whatif_draw(w, 0, 1, width, label);
	if (used < width - 1)
		input_draw(w, 0, 2 + used, width - used - 1, le, A_NORMAL, true);
	if (error) {
		wattrset(w, tui_attr(v->tui, TUI_ERROR));
		whatif_draw_wrapped(w, 1, 1, v->cols - 2, 2, error);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, tui_attr(v->tui, TUI_DIM));
	whatif_draw(w, v->rows - 1, 1, v->cols - 2, hint);
	wattrset(w, A_NORMAL);
}

/* Sets the form's CPU target to cpu and sends the form. */
static unsigned rerun_at(struct tui *t, long long from, long long cpu)
{
	char *text = xasprintf("%lld", cpu);

	tui_form_set(t, SCALING_FIELD_CPU, text);
	free(text);
	unsigned r = tui_send_form(t);
	tui_message(t, _("What if: CPU target %lld -> %lld"), from, cpu);
	return r | TUI_HANDLED | TUI_REDRAW;
}

/* The CPU target the next rerun starts from: the form's, else the last
 * answer's, else the service's default. */
static int current_cpu(struct tui *t, long long *cpu)
{
	struct scaling_request r;
	char *err = NULL;

	memset(&r, 0, sizeof(r));
	if (tui_form_request(t, &r, &err) != 0) {
		tui_message(t, _("What if: fix the form first (%s)"),
			    err ? err : _("invalid input"));
		free(err);
		return -1;
	}
	const struct scaling_response *last = tui_last_response(t);
	*cpu = r.cpu.set ? r.cpu.v : last && last->cpu.set ? last->cpu.v : CPU_DEFAULT;
	scaling_request_free(&r);
	return 0;
}

unsigned whatif_rerun(struct tui *t, struct tui_view *v, long delta)
{
	long long from, cpu;

	if (current_cpu(t, &from) != 0)
		return TUI_HANDLED | TUI_REDRAW | TUI_FOCUS_FORM;
	cpu = from + delta;
	if (cpu < 1)
		cpu = 1;
	if (cpu > 100)
		cpu = 100;
	if (cpu == from) {
		tui_message(t, _("What if: the CPU target is already %lld (it goes from 1 to 100)"),
			    from);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return rerun_at(t, from, cpu);
}

/* ---- `c`: type a CPU target ---- */

struct cpu_dialog {
	struct tui_view base;
	struct lineedit text;
	long long from;
	char *error;
};

static void cpu_init(struct tui_view *v)
{
	struct cpu_dialog *d = (struct cpu_dialog *)v;

	d->from = *(const long long *)v->arg;
	lineedit_init(&d->text, 3, "0123456789", tui_history(v->tui, TUI_HIST_CPU));
}

static void cpu_done(struct tui_view *v)
{
	struct cpu_dialog *d = (struct cpu_dialog *)v;

	free(d->error);
	lineedit_free(&d->text);
}

static void cpu_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct cpu_dialog *d = (struct cpu_dialog *)v;
	char *line = xasprintf(_("New CPU target (1-100, now %lld):"), d->from);

	whatif_prompt_draw(v, w, line, &d->text, d->error, _("Enter: rerun   Esc: cancel"));
	free(line);
}

static unsigned cpu_key(struct tui_view *v, int key, bool func)
{
	struct cpu_dialog *d = (struct cpu_dialog *)v;
	long long cpu;

	free(d->error);
	d->error = NULL;
	switch (whatif_prompt_key(&d->text, key, func)) {
	case WHATIF_PROMPT_ESC: return TUI_HANDLED | TUI_CLOSE;
	case WHATIF_PROMPT_EDITED: return TUI_HANDLED | TUI_REDRAW;
	case WHATIF_PROMPT_ENTER: break;
	}
	cpu = *lineedit_text(&d->text) ? atoll(lineedit_text(&d->text)) : 0;
	if (cpu < 1 || cpu > 100) {
		d->error = xasprintf(
			_("TargetCpuUtilizationPerCore must be from 1 to 100 (got \"%s\")"),
			lineedit_text(&d->text));
		return TUI_HANDLED | TUI_REDRAW;
	}
	return rerun_at(v->tui, d->from, cpu) | TUI_CLOSE;
}

static const struct tui_view_ops cpu_dialog_ops = {
	.name = N_("What if"),
	.size = sizeof(struct cpu_dialog),
	.init = cpu_init,
	.done = cpu_done,
	.draw = cpu_draw,
	.key = cpu_key,
	.modal_rows = 4,
	.modal_cols = 60,
};

unsigned whatif_type(struct tui *t, struct tui_view *v, long arg)
{
	long long from; /* read by the dialog's init, within tui_open_modal */

	if (current_cpu(t, &from) != 0)
		return TUI_HANDLED | TUI_REDRAW | TUI_FOCUS_FORM;
	tui_open_modal(t, &cpu_dialog_ops, &from);
	return TUI_HANDLED | TUI_REDRAW;
}

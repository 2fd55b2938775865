/* What the pickers, the export menu and the apply dialog share: worker jobs
 * for the jobs and Application Auto Scaling APIs, the picked job and the
 * target to scale, a one-line input and text drawing (see actions.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/actions.h"
#include "tui/tui-int.h"
#include "export/osc52.h"
#include "tui/widget-input.h"
#include "tui/text.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* --- worker jobs --------------------------------------------------------- */

static void list_run(struct worker_job *j, void *ctx)
{
	struct act_list_job *l = (struct act_list_job *)j;
	struct tui_ctx *c = ctx;

	l->rc = jobs_list_all(c->client, &l->filter, &j->cancel, &l->list, &l->res);
}

static void list_free(struct worker_job *j)
{
	struct act_list_job *l = (struct act_list_job *)j;

	jobs_list_free(&l->list);
	aws_result_free(&l->res);
	free(l);
}

static void describe_run(struct worker_job *j, void *ctx)
{
	struct act_describe_job *d = (struct act_describe_job *)j;
	struct tui_ctx *c = ctx;

	d->rc = jobs_describe(c->client, d->name, &j->cancel, &d->detail, &d->res);
}

static void describe_free(struct worker_job *j)
{
	struct act_describe_job *d = (struct act_describe_job *)j;

	jobs_detail_free(&d->detail);
	aws_result_free(&d->res);
	free(d->name);
	free(d);
}

static void apply_run(struct worker_job *j, void *ctx)
{
	struct act_apply_job *a = (struct act_apply_job *)j;
	struct tui_ctx *c = ctx;

	a->rc = autoscaling_plan_run(c->client, &a->plan, &j->cancel, &a->failed, &a->bodies,
				     &a->res);
}

static void apply_free(struct worker_job *j)
{
	struct act_apply_job *a = (struct act_apply_job *)j;

	for (size_t i = 0; a->bodies && i < a->plan.ncalls; i++)
		free(a->bodies[i]);
	free(a->bodies);
	autoscaling_plan_free(&a->plan);
	aws_result_free(&a->res);
	free(a);
}

const struct worker_job_ops act_list_job_ops = { "list-jobs", list_run, list_free };
const struct worker_job_ops act_describe_job_ops = { "describe-job", describe_run, describe_free };
const struct worker_job_ops act_apply_job_ops = { "apply", apply_run, apply_free };

struct act_list_job *act_list_job_new(void)
{
	struct act_list_job *l = xcalloc(1, sizeof(*l));

	worker_job_init(&l->base, &act_list_job_ops);
	return l;
}

struct act_describe_job *act_describe_job_new(const char *name)
{
	struct act_describe_job *d = xcalloc(1, sizeof(*d));

	worker_job_init(&d->base, &act_describe_job_ops);
	d->name = xstrdup(name);
	return d;
}

struct act_apply_job *act_apply_job_new(struct autoscaling_plan *plan)
{
	struct act_apply_job *a = xcalloc(1, sizeof(*a));

	worker_job_init(&a->base, &act_apply_job_ops);
	a->plan = *plan;
	memset(plan, 0, sizeof(*plan));
	return a;
}

struct act_list_job *act_list_job_of(struct worker_job *j)
{
	return j && j->ops == &act_list_job_ops ? (struct act_list_job *)j : NULL;
}

struct act_describe_job *act_describe_job_of(struct worker_job *j)
{
	return j && j->ops == &act_describe_job_ops ? (struct act_describe_job *)j : NULL;
}

struct act_apply_job *act_apply_job_of(struct worker_job *j)
{
	return j && j->ops == &act_apply_job_ops ? (struct act_apply_job *)j : NULL;
}

/* --- shared state (main thread only): owned by struct tui ------------- */

struct act_state {
	bool have_detail;
	struct jobs_detail detail;
	char *picked;
	struct act_target typed; /* what the user typed in the apply dialog */
	char *typed_for;         /* ... for this job/recommendation */
};

/* Made on first use, freed with the interface (act_state_free). */
static struct act_state *state(struct tui *t)
{
	if (!t->act)
		t->act = xcalloc(1, sizeof(*t->act));
	return t->act;
}

void act_state_free(struct act_state *st)
{
	if (!st)
		return;
	if (st->have_detail)
		jobs_detail_free(&st->detail);
	free(st->picked);
	act_target_free(&st->typed);
	free(st->typed_for);
	free(st);
}

const struct jobs_detail *act_detail(const struct tui *t)
{
	return t->act && t->act->have_detail ? &t->act->detail : NULL;
}

const char *act_picked_job(const struct tui *t)
{
	return t->act ? t->act->picked : NULL;
}

void act_set_picked_job(struct tui *t, const char *name)
{
	struct act_state *st = state(t);

	free(st->picked);
	st->picked = name ? xstrdup(name) : NULL;
}

void act_set_detail(struct tui *t, const struct jobs_detail *d)
{
	struct act_state *st = state(t);
	char *err = NULL;

	if (st->have_detail)
		jobs_detail_free(&st->detail);
	st->have_detail =
		d && d->raw_json && jobs_detail_parse(d->raw_json, &st->detail, &err) == 0;
	free(err);
}

static char *key_of(const struct scaling_response *resp)
{
	return xasprintf("%s\n%s\n%s", resp->job_name ? resp->job_name : "",
			 resp->recommendation_id ? resp->recommendation_id : "",
			 resp->endpoint_name ? resp->endpoint_name : "");
}

void act_target_for(struct tui *t, const struct scaling_response *resp, struct act_target *out)
{
	struct act_state *st = state(t);
	char *key = resp ? key_of(resp) : NULL;

	memset(out, 0, sizeof(*out));
	if (key && st->typed_for && strcmp(key, st->typed_for) == 0) {
		out->endpoint = xstrdup(st->typed.endpoint ? st->typed.endpoint : "");
		out->variant = xstrdup(st->typed.variant ? st->typed.variant : "");
		out->policy = xstrdup(st->typed.policy ? st->typed.policy : "");
		free(key);
		return;
	}
	free(key);
	out->endpoint = xstrdup(resp && resp->endpoint_name ? resp->endpoint_name : "");
	out->variant = xstrdup("");
	out->policy = xstrdup("");
}

void act_target_remember(struct tui *t, const struct scaling_response *resp,
			 const struct act_target *tg)
{
	struct act_state *st = state(t);

	act_target_free(&st->typed);
	st->typed.endpoint = xstrdup(tg->endpoint ? tg->endpoint : "");
	st->typed.variant = xstrdup(tg->variant ? tg->variant : "");
	st->typed.policy = xstrdup(tg->policy ? tg->policy : "");
	free(st->typed_for);
	st->typed_for = resp ? key_of(resp) : NULL;
}

void act_target_free(struct act_target *t)
{
	free(t->endpoint);
	free(t->variant);
	free(t->policy);
	memset(t, 0, sizeof(*t));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void act_request_of(const struct scaling_response *resp, struct scaling_request *out)
{
	memset(out, 0, sizeof(*out));
	out->job_name = dup_or_null(resp->job_name);
	out->recommendation_id = dup_or_null(resp->recommendation_id);
	out->endpoint_name = dup_or_null(resp->endpoint_name);
	out->cpu = resp->cpu;
	out->min_invocations = resp->min_invocations;
	out->max_invocations = resp->max_invocations;
}

char *act_error_text(const struct aws_result *res)
{
	const char *msg = res->error_message ? res->error_message : _("unknown error");
	char *s;

	if (res->error_code && res->request_id)
		s = xasprintf(_("%s: %s (request id %s)"), res->error_code, msg, res->request_id);
	else if (res->error_code)
		s = xasprintf("%s: %s", res->error_code, msg);
	else
		s = xstrdup(msg);
	char *safe = sanitize_str(s);

	free(s);
	return safe;
}

/* --- one-line input ------------------------------------------------------ */

int act_copy_osc52(const char *text, size_t len)
{
	char *seq = osc52_sequence(text, len, osc52_in_tmux());

	if (!seq)
		return -1;
	/* Straight to the terminal: curses has flushed, and OSC 52 moves
	 * nothing on the screen.  Inside tmux, the plain sequence too: tmux
	 * takes it itself (set-clipboard), while the wrapped one needs
	 * allow-passthrough. */
	if (osc52_in_tmux()) {
		char *plain = osc52_sequence(text, len, false);

		fputs(plain, stdout);
		free(plain);
	}
	fputs(seq, stdout);
	fflush(stdout);
	free(seq);
	return 0;
}

static void input_ready(struct lineedit *in)
{
	if (!in->text)
		lineedit_init(in, 0, NULL, NULL);
}

void act_input_set(struct lineedit *in, const char *s)
{
	input_ready(in);
	lineedit_set(in, s ? s : "");
}

bool act_input_key(struct lineedit *in, int key, bool func)
{
	input_ready(in);
	return input_key(in, key, func, NULL);
}

void act_input_free(struct lineedit *in)
{
	lineedit_free(in);
}

void act_input_draw(struct tui_view *v, WINDOW *w, int y, const char *label, struct lineedit *in,
		    bool active)
{
	int lw = 16;
	int fw = v->cols - lw - 2;

	input_ready(in);
	wattrset(w, active ? A_BOLD : A_NORMAL);
	tui_draw_text(w, y, 1, lw - 1, 0, label);
	input_draw(w, y, lw, fw, in, tui_attr(v->tui, TUI_FIELD), active);
}

/* --- text ---------------------------------------------------------------- */

size_t act_count_lines(const char *text)
{
	size_t n = 0;

	for (const char *p = text; p && *p; p++)
		n += *p == '\n';
	if (text && *text && text[strlen(text) - 1] != '\n')
		n++;
	return n;
}

void act_draw_lines(struct tui_view *v, WINDOW *w, int y0, int rows, const char *text, size_t top,
		    size_t left)
{
	const char *p = text ? text : "";
	size_t line = 0;

	for (int y = y0; *p && y < y0 + rows;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (line >= top) {
			char *s = sanitize_text(p, len);
			size_t tw = text_width(s);

			tui_draw_text(w, y, 1, v->cols - 2, left, s);
			/* Marks in the margins, as in the tree: more text to the
			 * left or right (the arrows scroll to it). */
			wattrset(w, A_BOLD);
			if (left > 0 && tw > 0)
				mvwaddch(w, y, 0, '<');
			if (v->cols > 2 && tw > left + (size_t)(v->cols - 2))
				mvwaddch(w, y, v->cols - 1, '>');
			wattrset(w, A_NORMAL);
			free(s);
			y++;
		}
		line++;
		p += len + (nl ? 1 : 0);
	}
}

bool act_scroll_key(const char *text, int rows, size_t *top, size_t *left, int key, bool func)
{
	size_t lines = act_count_lines(text);
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	size_t maxtop = lines > (size_t)rows ? lines - (size_t)rows : 0;

	if (!func) {
		switch (key) {
		case 'j': key = KEY_DOWN; break;
		case 'k': key = KEY_UP; break;
		case 'h': key = KEY_LEFT; break;
		case 'l': key = KEY_RIGHT; break;
		case ' ': key = KEY_NPAGE; break;
		default: return false;
		}
	}
	switch (key) {
	case KEY_DOWN:
		if (*top < maxtop)
			(*top)++;
		break;
	case KEY_UP:
		if (*top > 0)
			(*top)--;
		break;
	case KEY_NPAGE: *top = *top + page < maxtop ? *top + page : maxtop; break;
	case KEY_PPAGE: *top = *top > page ? *top - page : 0; break;
	case KEY_HOME:
		*top = 0;
		*left = 0;
		break;
	case KEY_END: *top = maxtop; break;
	case KEY_RIGHT: *left += 8; break;
	case KEY_LEFT: *left = *left > 8 ? *left - 8 : 0; break;
	default: return false;
	}
	return true;
}

/* The Errors view: the last failed request (service error code, message,
 * request id, or the network problem), with a hint for the common ones. */
#include "config.h"
#include "tui/recjob.h"
#include "tui/text.h"
#include "tui/views.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct errors_view {
	struct tui_view base;
	bool have;
	enum aws_result_kind kind;
	long status;
	int attempts;
	char *code, *message, *request_id, *hint;
};

static void errors_clear(struct errors_view *e)
{
	free(e->code);
	free(e->message);
	free(e->request_id);
	free(e->hint);
	e->code = e->message = e->request_id = e->hint = NULL;
	e->have = false;
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void errors_done(struct tui_view *v)
{
	errors_clear((struct errors_view *)v);
}

static const char *kind_name(enum aws_result_kind k)
{
	switch (k) {
	case AWS_ERR_SERVICE: return _("The service answered with an error");
	case AWS_ERR_NETWORK: return _("Network error");
	case AWS_ERR_CONFIG: return _("The request was not sent");
	case AWS_ERR_RESPONSE: return _("Unexpected answer from the service");
	case AWS_ERR_CANCELLED: return _("Cancelled");
	case AWS_OK: break;
	}
	return _("Error");
}

/* "Name   value", the value sanitised and wrapped over as many rows as it needs. */
static void row(struct tui_view *v, WINDOW *w, int *y, const char *name, const char *value)
{
	char *safe;
	const char *s;
	int width = v->cols - 16;

	if (value == NULL || *y >= v->rows)
		return;
	wattrset(w, A_BOLD);
	tui_draw_text(w, *y, 1, 13, 0, name);
	wattrset(w, A_NORMAL);
	safe = sanitize_str(value);
	s = safe;
	do {
		size_t next, len = text_wrap(s, (size_t)(width > 1 ? width : 1), &next);
		char *line = xstrndup(s, len);

		tui_draw_text(w, *y, 15, width, 0, line);
		free(line);
		s += next;
		(*y)++;
	} while (*s != '\0' && *y < v->rows);
	free(safe);
}

static void errors_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct errors_view *e = (struct errors_view *)v;
	int y = 0;
	char *status = NULL, *attempts = NULL;

	werase(w);
	if (!e->have) {
		wattrset(w, tui_attr(v->tui, TUI_DIM));
		tui_draw_text(w, 0, 1, v->cols - 2, 0, _("No errors."));
		wattrset(w, A_NORMAL);
		return;
	}
	wattrset(w, tui_attr(v->tui, TUI_ERROR));
	tui_draw_text(w, y++, 1, v->cols - 2, 0, kind_name(e->kind));
	wattrset(w, A_NORMAL);
	/* The code carries the HTTP status, to leave rows for the message. */
	if (e->code != NULL && e->status > 0)
		status = xasprintf("%s (HTTP %ld)", e->code, e->status);
	else if (e->status > 0)
		status = xasprintf("HTTP %ld", e->status);
	if (e->attempts > 1)
		attempts = xasprintf("%d", e->attempts);
	row(v, w, &y, _("Code"), status != NULL ? status : e->code);
	row(v, w, &y, _("Message"), e->message);
	row(v, w, &y, _("Hint"), e->hint);
	row(v, w, &y, _("Request ID"), e->request_id);
	row(v, w, &y, _("Attempts"), attempts);
	free(status);
	free(attempts);
	(void)focused;
}

static void errors_job_done(struct tui_view *v, struct worker_job *job)
{
	struct errors_view *e = (struct errors_view *)v;
	struct rec_job *r = rec_job_of(job);
	const char *hint;

	if (r == NULL || !r->show || r->rc == 0 || job->superseded || job->state != WORKER_DONE ||
	    r->res.kind == AWS_ERR_CANCELLED || r->res.kind == AWS_OK)
		return;
	errors_clear(e);
	e->have = true;
	e->kind = r->res.kind;
	/* A transfer cut short has no status worth showing: its headers may
	 * have said 200 before the body stopped ("Network error / HTTP 200"
	 * read as a success that failed). */
	e->status = r->res.kind == AWS_ERR_NETWORK ? 0 : r->res.http_status;
	e->attempts = r->res.attempts;
	e->code = dup_or_null(r->res.error_code);
	e->message = dup_or_null(r->res.error_message);
	e->request_id = dup_or_null(r->res.request_id);
	hint = aws_error_hint(&r->res);
	e->hint = dup_or_null(hint);
	tui_show_view(v->tui, &tui_view_errors, false);
}

const struct tui_view_ops tui_view_errors = {
	.name = N_("Errors"),
	.size = sizeof(struct errors_view),
	.done = errors_done,
	.draw = errors_draw,
	.job_done = errors_job_done,
};

/* The recommendation request run by the worker thread (see recjob.h). */
#include "config.h"
#include "tui/recjob.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Test hook: SAGESCALE_TUI_RESPONSE_FILE names a response body to use
 * instead of the network (benchmarks feed a 10,000-policy answer that no
 * simulator would produce).  Documented in src/tui/README. */
static int from_file(struct rec_job *j, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	char *err = NULL;

	memset(&j->res, 0, sizeof(j->res));
	if (f == NULL) {
		j->res.kind = AWS_ERR_NETWORK;
		j->res.error_message = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (scaling_response_parse(buf_str(&b), b.len, &j->resp, &err) != 0) {
		j->res.kind = AWS_ERR_RESPONSE;
		j->res.error_message = err;
		buf_free(&b);
		return -1;
	}
	j->res.kind = AWS_OK;
	j->res.http_status = 200;
	buf_free(&b);
	return 0;
}

static void rec_run(struct worker_job *job, void *ctx)
{
	struct rec_job *j = (struct rec_job *)job;
	struct tui_ctx *c = ctx;

	if (j->response_file != NULL) {
		j->rc = from_file(j, j->response_file);
		return;
	}
	j->rc = scaling_get_recommendation(c->client, &j->req, &job->cancel, &j->resp, &j->res);
}

static void rec_free(struct worker_job *job)
{
	struct rec_job *j = (struct rec_job *)job;

	scaling_request_free(&j->req);
	scaling_response_free(&j->resp);
	aws_result_free(&j->res);
	free(j);
}

const struct worker_job_ops rec_job_ops = { "recommendation", rec_run, rec_free };

struct rec_job *rec_job_new(const struct scaling_request *req, bool show, const char *origin)
{
	struct rec_job *j = xcalloc(1, sizeof(*j));

	worker_job_init(&j->base, &rec_job_ops);
	scaling_request_copy(&j->req, req);
	j->show = show;
	j->origin = origin;
	j->rc = -1;
	j->response_file = getenv("SAGESCALE_TUI_RESPONSE_FILE");
	return j;
}

struct rec_job *rec_job_of(struct worker_job *job)
{
	return job != NULL && job->ops == &rec_job_ops ? (struct rec_job *)job : NULL;
}

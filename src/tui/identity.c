/* The identity job (see identity.h).  No curses here: it runs on the worker. */
#include "config.h"
#include "tui/identity.h"
#include "aws/cred.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Short: the title can do without the account; a request cannot wait. */
#define IDENTITY_CONNECT_MS 2000
#define IDENTITY_TIMEOUT_MS 5000

struct identity_job {
	struct worker_job base;
	char *endpoint, *region, *ca_bundle;
	bool allow_http, has_creds;
	struct aws_credentials creds;
	char *account; /* the answer */
};

static void identity_run(struct worker_job *j, void *ctx)
{
	struct identity_job *id = (struct identity_job *)j;
	struct sts_conn conn = {
		.endpoint = id->endpoint,
		.region = id->region,
		.ca_bundle = id->ca_bundle,
		.connect_timeout_ms = IDENTITY_CONNECT_MS,
		.timeout_ms = IDENTITY_TIMEOUT_MS,
		.max_attempts = 1,
		.allow_http = id->allow_http,
		.creds = id->has_creds ? &id->creds : NULL,
		.cancel = &j->cancel,
	};
	struct sts_identity who;
	struct aws_result res;

	(void)ctx;
	if (sts_get_caller_identity(&conn, &who, &res) == AWS_OK) {
		id->account = sanitize_str(who.account);
		sts_identity_free(&who);
	}
	aws_result_free(&res);
}

static void identity_free(struct worker_job *j)
{
	struct identity_job *id = (struct identity_job *)j;

	free(id->endpoint);
	free(id->region);
	free(id->ca_bundle);
	aws_credentials_free(&id->creds);
	free(id->account);
	free(id);
}

static const struct worker_job_ops identity_ops = { "identity", identity_run, identity_free };

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct worker_job *identity_job_new(const struct sts_conn *conn)
{
	struct identity_job *id = xcalloc(1, sizeof(*id));

	worker_job_init(&id->base, &identity_ops);
	id->endpoint = dup_or_null(conn->endpoint);
	id->region = dup_or_null(conn->region);
	id->ca_bundle = dup_or_null(conn->ca_bundle);
	id->allow_http = conn->allow_http;
	if (conn->creds && conn->creds->access_key_id) {
		aws_credentials_copy(&id->creds, conn->creds);
		id->has_creds = true;
	}
	return &id->base;
}

char *identity_job_account(struct worker_job *job)
{
	struct identity_job *id = (struct identity_job *)job;

	if (!job || job->ops != &identity_ops || job->state != WORKER_DONE || !id->account)
		return NULL;
	return xstrdup(id->account);
}

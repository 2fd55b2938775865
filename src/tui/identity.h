/* The account on the title line: STS GetCallerIdentity as a worker job,
 * submitted once at start, so the screen never waits for it (the title
 * shows no account until it is known). */
#ifndef SAGESCALE_TUI_IDENTITY_H
#define SAGESCALE_TUI_IDENTITY_H
#include "aws/sts.h"
#include "tui/worker.h"

/* A job that asks STS who conn's credentials are; conn is copied (the job
 * owns what it uses, so it may outlive the caller's session). */
struct worker_job *identity_job_new(const struct sts_conn *conn);
/* The account of a finished identity job (malloc'd, sanitised), or NULL
 * when job is not one or the call failed. */
char *identity_job_account(struct worker_job *job);

#endif

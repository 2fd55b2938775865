/* The recommendation request as a worker job: GetScalingConfigurationRecommendation
 * run off the main thread.  Curses-free. */
#ifndef SAGESCALE_TUI_RECJOB_H
#define SAGESCALE_TUI_RECJOB_H
#include <stdbool.h>
#include "aws/client.h"
#include "sagemaker/scaling.h"
#include "tui/worker.h"

struct rec_job {
	struct worker_job base;     /* first: worker.h */
	struct scaling_request req; /* input (a copy) */
	bool show;                  /* fill the Summary/Capacity/Policies panes */
	const char *origin;         /* who asked: "form", "what-if", ... (static string) */
	const char *response_file;  /* test hook: read the answer from here */
	/* output, valid once the job is back */
	int rc; /* 0: resp is filled; else res says why */
	struct scaling_response resp;
	struct aws_result res;
};

extern const struct worker_job_ops rec_job_ops;

/* A job for a copy of req; submit it with tui_submit(t, &j->base, supersede). */
struct rec_job *rec_job_new(const struct scaling_request *req, bool show, const char *origin);
/* The job as a rec_job, or NULL when it is of another type. */
struct rec_job *rec_job_of(struct worker_job *job);

#endif

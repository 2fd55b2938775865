/* The worker jobs of the endpoint picker and the apply dialog (issue 12):
 * list endpoints, describe one, prepare an apply (the endpoint checked,
 * the scaling now, the metric check), write it (undo saved first, then
 * the calls, then read back) and undo it.  Curses-free. */
#ifndef SAGESCALE_TUI_TARGETJOB_H
#define SAGESCALE_TUI_TARGETJOB_H
#include <stdbool.h>
#include "aws/client.h"
#include "sagemaker/autoscaling.h"
#include "sagemaker/endpoints.h"
#include "sagemaker/scalestate.h"
#include "tui/worker.h"

enum target_job_kind { TJ_LIST, TJ_DESCRIBE, TJ_PREPARE, TJ_WRITE, TJ_UNDO };

struct target_job {
	struct worker_job base; /* first: worker.h */
	enum target_job_kind kind;
	/* input */
	char *endpoint, *variant;     /* DESCRIBE, PREPARE */
	struct autoscaling_plan plan; /* PREPARE (checked), WRITE (written); owned */
	char *region, *profile;       /* WRITE: recorded in the undo file */
	char *undo_id;                /* UNDO: NULL the newest; WRITE: out, the id saved */
	/* output */
	int rc;         /* 0 or -1 (res or text says why) */
	const char *op; /* the call that failed */
	struct aws_result res;
	struct endpoints_list list;     /* LIST */
	struct endpoints_detail detail; /* DESCRIBE, PREPARE */
	bool have_detail;
	struct scalestate now; /* PREPARE */
	bool have_now;
	bool *missing; /* PREPARE: per plan call, metric without data */
	size_t nmissing;
	bool metrics_unchecked; /* PREPARE: ListMetrics failed */
	char *text;             /* WRITE: before the calls; UNDO: all that happened (translated) */
	char *after;            /* WRITE: after the calls (read back, undo) */
	size_t failed;          /* WRITE: the failing call, or plan.ncalls */
	char **bodies;          /* WRITE: each made call's answer */
	bool called;            /* WRITE: the calls were started */
};

extern const struct worker_job_ops target_job_ops;

struct target_job *target_job_new(enum target_job_kind kind);
struct target_job *target_job_of(struct worker_job *job);

#endif

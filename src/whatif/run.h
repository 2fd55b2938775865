/* One what-if run as the history, the compare view and the sweep keep it:
 * the inputs, when, how long, and either the result's figures or the error.
 * Plain data, curses-free and json-free. */
#ifndef SAGESCALE_WHATIF_RUN_H
#define SAGESCALE_WHATIF_RUN_H
#include <stdbool.h>
#include <stddef.h>
#include "sagemaker/scaling.h"

struct aws_result;

struct whatif_run {
	long long id;               /* sequence number in the history (0: none yet) */
	long long time;             /* when it was sent, seconds since the epoch */
	long elapsed_ms;            /* round trip, retries included */
	struct scaling_request req; /* the inputs */
	bool ok;
	/* Result (when ok). */
	struct opt_int invocations_per_instance, model_latency;
	struct opt_int min_capacity, max_capacity, scale_in_cooldown, scale_out_cooldown;
	char **policies; /* one line of text per scaling policy */
	size_t npolicies;
	char *response_json; /* the body as received (for the full result) */
	/* Error (when !ok). */
	char *error_kind; /* "service", "network", "config", "response", "cancelled" */
	char *error_code; /* e.g. ThrottlingException; NULL for non-service errors */
	char *error_message;
	char *request_id;
	long http_status;
	int attempts;
};

/* Fills run from a finished call: resp when it succeeded, else res's error.
 * Copies everything; run must be zeroed or freed first. */
void whatif_run_from_result(struct whatif_run *run, const struct scaling_request *req,
			    const struct scaling_response *resp, const struct aws_result *res,
			    long long time, long elapsed_ms);
/* A failed run from a local message (validation, cancelled before sending). */
void whatif_run_set_error(struct whatif_run *run, const char *kind, const char *code,
			  const char *message);
/* One line describing a scaling policy, e.g.
 * "TargetTracking Predefined SageMakerVariantInvocationsPerInstance = 1234". */
char *whatif_policy_text(const struct scaling_policy *p);
void whatif_run_copy(struct whatif_run *dst, const struct whatif_run *src);
/* True when b is a, again: the same request, both answered, the same
 * answer (a rerun that changed nothing). */
bool whatif_run_same(const struct whatif_run *a, const struct whatif_run *b);
void whatif_run_free(struct whatif_run *run);
/* Milliseconds of a monotonic clock, for elapsed_ms. */
long long whatif_now_ms(void);

#endif

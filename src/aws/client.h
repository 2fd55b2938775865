/* AWS JSON 1.1 calls: sign, send, retry ("standard" mode), and turn the
 * answer into a body or a classified error.  Knows nothing of SageMaker. */
#ifndef SAGESCALE_AWS_CLIENT_H
#define SAGESCALE_AWS_CLIENT_H
#include <stdatomic.h>
#include <stdbool.h>
#include "aws/config.h"
#include "aws/http.h"

struct aws_client;

enum aws_result_kind {
	AWS_OK = 0,
	AWS_ERR_SERVICE,  /* the service answered with an error: code, message, request id */
	AWS_ERR_NETWORK,  /* connect, timeout, reset, truncated, TLS: message */
	AWS_ERR_CONFIG,   /* bad endpoint URL, plain http to a non-loopback host, ... */
	AWS_ERR_RESPONSE, /* a 2xx answer that is not the JSON we expect */
	AWS_ERR_CANCELLED,
};

struct aws_result {
	enum aws_result_kind kind;
	long http_status;
	char *body; /* raw response body (NUL-terminated) on AWS_OK, else NULL or the error body */
	size_t body_len;
	char *request_id;            /* x-amzn-RequestId, when any */
	char *error_code;            /* cleaned: before the first ':' and after the last '#' */
	char *error_message;         /* message / Message from the body, or a network description */
	int attempts;                /* how many were made */
	enum http_status net_status; /* on AWS_ERR_NETWORK: which failure (TLS, timeout, ...) */
};

struct aws_client_options {
	struct aws_config *cfg;  /* borrowed; must outlive the client */
	long connect_timeout_ms; /* 0: default (5 s); < 0: none (the AWS CLI's 0) */
	long timeout_ms;         /* the whole request's deadline, retries and
					   backoff included; 0: default (60 s) */
	long read_timeout_ms;    /* socket read timeout; 0: none */
	bool allow_http;         /* permit http:// to non-loopback hosts */
	bool debug;              /* log each request/response to stderr (secrets redacted) */
	/* Test hooks: a fixed clock (0 = real time) and no backoff sleeps. */
	long long fixed_time;
	bool no_backoff_sleep;
	/* Test hook: the jitter source, a value in [0, 1] (NULL: random). */
	double (*jitter)(void);
};

struct aws_client *aws_client_new(const struct aws_client_options *opts);
void aws_client_free(struct aws_client *c);

/* Calls target (e.g. "SageMaker.GetScalingConfigurationRecommendation") of
 * service ("sagemaker", "application-autoscaling" or "monitoring") with a
 * JSON 1.1 body.
 * Retries as cfg->retry_mode says (retry.c: standard with the process's
 * retry quota, adaptive with its rate limiter too, legacy), up to
 * cfg->max_attempts; never retries validation or authentication errors,
 * TLS verification or an answer over the size limits.  The whole call,
 * attempts, backoff and the adaptive wait together, ends by
 * opts->timeout_ms.  *cancel aborts (may be NULL), also
 * during a backoff sleep.  res is overwritten (free a previous one first);
 * returns res->kind, so 0 means AWS_OK.  Error code, message and request id
 * in res are already sanitised for the terminal; body is the raw answer. */
int aws_call(struct aws_client *c, const char *service, const char *target, const char *json_body,
	     atomic_bool *cancel, struct aws_result *res);
void aws_result_free(struct aws_result *res);
/* Makes res an error of kind with message msg (taken; already translated
 * and safe for a terminal), keeping what else it holds (the body, the
 * request id). */
void aws_result_set_error(struct aws_result *res, enum aws_result_kind kind, char *msg);

/* The same for another AWS JSON protocol version: content_type is
 * AWS_JSON_1_0 (CloudWatch, service "monitoring") or AWS_JSON_1_1. */
#define AWS_JSON_1_0 "application/x-amz-json-1.0"
#define AWS_JSON_1_1 "application/x-amz-json-1.1"
int aws_call_proto(struct aws_client *c, const char *service, const char *target,
		   const char *content_type, const char *json_body, atomic_bool *cancel,
		   struct aws_result *res);

/* Error code cleaning per the AWS JSON protocol ("a.b#Code:http://..." -> "Code"). */
char *aws_clean_error_code(const char *raw);
/* True for codes that mean throttling (ThrottlingException, Throttling,
 * TooManyRequestsException, RequestLimitExceeded, ...). */
bool aws_is_throttling_code(const char *code);
/* A short translated hint for common errors (expired token, unknown job,
 * throttling, access denied, clock skew; TLS, connect and timeout failures),
 * or NULL. */
const char *aws_error_hint(const struct aws_result *res);

#endif

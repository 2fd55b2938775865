/* What is retried and how long to wait: the error classes of the SDKs'
 * retry handlers (throttling, transient, final) and the backoff.  Used by
 * client.c for each call; knows nothing of HTTP beyond the status. */
#ifndef SAGESCALE_AWS_RETRY_H
#define SAGESCALE_AWS_RETRY_H
#include <stdbool.h>
#include "aws/client.h"

#define AWS_BACKOFF_BASE_MS 100L
#define AWS_BACKOFF_CAP_MS 20000L

/* True when another attempt may succeed where this one failed (res as
 * classified, hs the transport status). */
bool aws_retry_should(const struct aws_result *res, enum http_status hs);

/* Full jitter: a uniform delay in [0, min(cap, base * 2^retry)); j is the
 * jitter in [0, 1] (clamped). */
long aws_retry_backoff_ms(int retry, double j);

/* A uniform value in [0, 1) from getrandom. */
double aws_retry_random_unit(void);

#endif

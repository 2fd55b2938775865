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

/* retry_mode: "standard" (the default here; NULL and anything unknown too),
 * "legacy", "adaptive". */
enum aws_retry_mode { AWS_RETRY_STANDARD, AWS_RETRY_LEGACY, AWS_RETRY_ADAPTIVE };
enum aws_retry_mode aws_retry_mode_parse(const char *s);
/* Attempts when max_attempts is not set: legacy 5, standard and adaptive 3. */
int aws_retry_default_attempts(enum aws_retry_mode mode);
/* aws_retry_should for standard and adaptive; legacy retries what
 * botocore's _retry.json lists (429, 500, 502, 503, 504, 509, five
 * throttling codes with 400, connection errors and timeouts). */
bool aws_retry_should_mode(enum aws_retry_mode mode, const struct aws_result *r,
			   enum http_status hs);
/* The delay before retry number retry (0 first): standard and adaptive
 * aws_retry_backoff_ms; legacy j * 2^retry seconds (capped at 20 s). */
long aws_retry_delay_ms(enum aws_retry_mode mode, int retry, double j);

/* The retry quota of standard and adaptive modes (quota.py, retries/
 * standard.py's RetryQuotaChecker): 500 units per service for the whole
 * process; a retry costs 5 (10 after a timeout); a call that succeeds gives
 * back what its last retry took, or 1 when it needed none.  svc is an
 * enum aws_service. */
#define AWS_RETRY_QUOTA_INITIAL 500
#define AWS_RETRY_COST 5
#define AWS_RETRY_COST_TIMEOUT 10
#define AWS_RETRY_NO_RETRY_INCREMENT 1
/* The amount taken, or 0 when the quota cannot pay (no retry then). */
int aws_retry_quota_acquire(int svc, bool timeout);
void aws_retry_quota_release(int svc, int amount);
int aws_retry_quota_available(int svc);

/* Adaptive mode's client-side rate limiter, shared by every request of the
 * process to svc: off until the first throttling answer, then a token
 * bucket whose rate follows CUBIC (drops to 0.7 of the measured rate on
 * throttling, grows back on success, never above twice the measured rate,
 * never below 0.5 per second). */
#define AWS_RATE_MIN 0.5
/* Takes a token: 0 when sent may go now, else the seconds to wait before
 * asking again (nothing taken). */
double aws_rate_limiter_acquire(int svc);
/* After each answer: throttled or not. */
void aws_rate_limiter_update(int svc, bool throttled);
/* The bucket's current rate in requests per second, 0 while off (tests). */
double aws_rate_limiter_rate(int svc);
/* Back to the initial quota and limiter, for tests. */
void aws_retry_state_reset(void);

#endif

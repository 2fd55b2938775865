/* The retry classes and the backoff, as botocore's retry handlers have
 * them: standard (retries/standard.py) with its retry quota (quota.py),
 * adaptive (the same plus the client-side rate limiter of adaptive.py,
 * bucket.py and throttling.py), and legacy (_retry.json).  Throttling and
 * transient errors are retried, errors no retry can fix never are. */
#include "config.h"
#include "aws/retry.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool in_list(const char *code, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(code, *list) == 0)
			return true;
	return false;
}

bool aws_is_throttling_code(const char *code)
{
	static const char *const throttling[] = {
		"ThrottlingException",
		"Throttling",
		"ThrottledException",
		"RequestThrottledException",
		"TooManyRequestsException",
		"ProvisionedThroughputExceededException",
		"TransactionInProgressException",
		"RequestLimitExceeded",
		"BandwidthLimitExceeded",
		"LimitExceededException",
		"RequestThrottled",
		"SlowDown",
		"PriorRequestNotComplete",
		"EC2ThrottledException",
		NULL,
	};

	return code && in_list(code, throttling);
}

static bool is_transient_code(const char *code)
{
	static const char *const transient[] = {
		"RequestTimeout",
		"RequestTimeoutException",
		"PriorRequestNotComplete",
		"InternalError",
		"InternalFailure",
		"ServiceUnavailable",
		NULL,
	};

	return code && in_list(code, transient);
}

/* Errors a retry cannot fix, whatever the status says. */
static bool is_final_code(const char *code)
{
	static const char *const final[] = {
		"ValidationException",
		"ValidationError",
		"SerializationException",
		"UnrecognizedClientException",
		"InvalidSignatureException",
		"SignatureDoesNotMatch",
		"IncompleteSignature",
		"InvalidClientTokenId",
		"RequestExpired",
		"UnknownOperationException",
		"InvalidAction",
		NULL,
	};

	return code && (in_list(code, final) || has_prefix(code, "AccessDenied") ||
			has_prefix(code, "ExpiredToken") ||
			has_prefix(code, "MissingAuthenticationToken") ||
			has_prefix(code, "ResourceNotFound"));
}

bool aws_retry_should(const struct aws_result *r, enum http_status hs)
{
	if (r->kind == AWS_ERR_NETWORK)
		return hs == HTTP_ERR_CONNECT || hs == HTTP_ERR_TIMEOUT || hs == HTTP_ERR_IO;
	if (r->kind != AWS_ERR_SERVICE)
		return false;
	const char *code = r->error_code;
	if (aws_is_throttling_code(code) || is_transient_code(code))
		return true;
	if (is_final_code(code))
		return false;
	switch (r->http_status) {
	case 500:
	case 502:
	case 503:
	case 504: return true;
	case 429: return !code;
	default: return false;
	}
}

double aws_retry_random_unit(void)
{
	uint32_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (uint32_t)rand();
	return (double)r / 4294967296.0;
}

long aws_retry_backoff_ms(int retry, double j)
{
	long ceiling = AWS_BACKOFF_BASE_MS;

	for (int i = 0; i < retry && ceiling < AWS_BACKOFF_CAP_MS; i++)
		ceiling *= 2;
	if (ceiling > AWS_BACKOFF_CAP_MS)
		ceiling = AWS_BACKOFF_CAP_MS;
	if (j < 0)
		j = 0;
	if (j > 1)
		j = 1;
	return (long)(j * (double)ceiling);
}

/* ---- modes ---- */

enum aws_retry_mode aws_retry_mode_parse(const char *s)
{
	if (s && strcmp(s, "legacy") == 0)
		return AWS_RETRY_LEGACY;
	if (s && strcmp(s, "adaptive") == 0)
		return AWS_RETRY_ADAPTIVE;
	return AWS_RETRY_STANDARD;
}

int aws_retry_default_attempts(enum aws_retry_mode mode)
{
	return mode == AWS_RETRY_LEGACY ? 5 : 3; /* _retry.json's __default__; standard.py */
}

/* botocore's _retry.json (legacy): these codes only with status 400. */
static bool legacy_should(const struct aws_result *r, enum http_status hs)
{
	static const char *const codes[] = {
		"Throttling",
		"ThrottlingException",
		"ThrottledException",
		"RequestThrottledException",
		"ProvisionedThroughputExceededException",
		NULL,
	};

	if (r->kind == AWS_ERR_NETWORK) /* GENERAL_CONNECTION_ERROR, read timeouts too */
		return hs == HTTP_ERR_CONNECT || hs == HTTP_ERR_TIMEOUT || hs == HTTP_ERR_IO;
	if (r->kind != AWS_ERR_SERVICE)
		return false;
	switch (r->http_status) {
	case 429:
	case 500:
	case 502:
	case 503:
	case 504:
	case 509: return true;
	case 400: return r->error_code && in_list(r->error_code, codes);
	default: return false;
	}
}

bool aws_retry_should_mode(enum aws_retry_mode mode, const struct aws_result *r,
			   enum http_status hs)
{
	return mode == AWS_RETRY_LEGACY ? legacy_should(r, hs) : aws_retry_should(r, hs);
}

long aws_retry_delay_ms(enum aws_retry_mode mode, int retry, double j)
{
	if (mode == AWS_RETRY_STANDARD)
		return aws_retry_backoff_ms(retry, j);
	/* legacy: rand * 2^(attempt - 1) seconds, no cap in botocore; capped
	 * here at the standard cap so that a large max_attempts stays sane. */
	double s = 1.0;

	for (int i = 0; i < retry && s < AWS_BACKOFF_CAP_MS / 1000.0; i++)
		s *= 2;
	if (j < 0)
		j = 0;
	if (j > 1)
		j = 1;
	long ms = (long)(j * s * 1000.0);

	return ms > AWS_BACKOFF_CAP_MS ? AWS_BACKOFF_CAP_MS : ms;
}

/* ---- the process's shared state: retry quota and rate limiter ---- */

/* One per service, shared by every client of the process (a sweep's
 * threads each have a client): botocore keeps both per client, but a
 * client there serves a whole program; here the sweep must back off as a
 * whole. */
struct limiter {
	/* CUBIC (throttling.py) */
	double w_max, k, last_fail;
	/* token bucket (bucket.py) */
	double fill_rate, max_capacity, capacity, last_refill;
	bool bucket_started;
	/* measured send rate (adaptive.py's RateClocker) */
	double measured, last_bucket;
	long count;
	bool enabled;
};

struct retry_state {
	pthread_mutex_t lock;
	int quota;
	struct limiter lim;
	bool started;
};

#define NSERVICES 8
static struct retry_state states[NSERVICES];
static pthread_mutex_t states_lock = PTHREAD_MUTEX_INITIALIZER;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void limiter_init(struct limiter *l, double t)
{
	memset(l, 0, sizeof(*l));
	l->last_fail = t; /* CubicCalculator(starting_max_rate=0, start_time=now) */
	l->k = 0;
	l->fill_rate = 1; /* TokenBucket(max_rate=1) */
	l->max_capacity = 1;
	l->last_bucket = floor(t);
}

static struct retry_state *state_of(int svc)
{
	struct retry_state *s;

	if (svc < 0 || svc >= NSERVICES)
		svc = NSERVICES - 1;
	s = &states[svc];
	pthread_mutex_lock(&states_lock);
	if (!s->started) {
		pthread_mutex_init(&s->lock, NULL);
		s->quota = AWS_RETRY_QUOTA_INITIAL;
		limiter_init(&s->lim, now_s());
		s->started = true;
	}
	pthread_mutex_unlock(&states_lock);
	return s;
}

void aws_retry_state_reset(void)
{
	pthread_mutex_lock(&states_lock);
	for (int i = 0; i < NSERVICES; i++) {
		if (states[i].started) {
			pthread_mutex_lock(&states[i].lock);
			states[i].quota = AWS_RETRY_QUOTA_INITIAL;
			limiter_init(&states[i].lim, now_s());
			pthread_mutex_unlock(&states[i].lock);
		}
	}
	pthread_mutex_unlock(&states_lock);
}

int aws_retry_quota_acquire(int svc, bool timeout)
{
	struct retry_state *s = state_of(svc);
	int amount = timeout ? AWS_RETRY_COST_TIMEOUT : AWS_RETRY_COST;
	int got = 0;

	pthread_mutex_lock(&s->lock);
	if (amount <= s->quota) {
		s->quota -= amount;
		got = amount;
	}
	pthread_mutex_unlock(&s->lock);
	return got;
}

void aws_retry_quota_release(int svc, int amount)
{
	struct retry_state *s = state_of(svc);

	pthread_mutex_lock(&s->lock);
	s->quota += amount;
	if (s->quota > AWS_RETRY_QUOTA_INITIAL)
		s->quota = AWS_RETRY_QUOTA_INITIAL;
	pthread_mutex_unlock(&s->lock);
}

int aws_retry_quota_available(int svc)
{
	struct retry_state *s = state_of(svc);
	int q;

	pthread_mutex_lock(&s->lock);
	q = s->quota;
	pthread_mutex_unlock(&s->lock);
	return q;
}

/* bucket.py's _refill. */
static void bucket_refill(struct limiter *l, double t)
{
	if (!l->bucket_started) {
		l->bucket_started = true;
		l->last_refill = t;
		return;
	}
	l->capacity += (t - l->last_refill) * l->fill_rate;
	if (l->capacity > l->max_capacity)
		l->capacity = l->max_capacity;
	l->last_refill = t;
}

/* bucket.py's max_rate setter. */
static void bucket_set_rate(struct limiter *l, double rate, double t)
{
	bucket_refill(l, t);
	l->fill_rate = rate > AWS_RATE_MIN ? rate : AWS_RATE_MIN;
	l->max_capacity = rate >= 1 ? rate : 1;
	if (l->capacity > l->max_capacity)
		l->capacity = l->max_capacity;
}

double aws_rate_limiter_acquire(int svc)
{
	struct retry_state *s = state_of(svc);
	struct limiter *l = &s->lim;
	double wait = 0;

	pthread_mutex_lock(&s->lock);
	if (l->enabled) {
		bucket_refill(l, now_s());
		if (l->capacity >= 1)
			l->capacity -= 1;
		else
			wait = (1 - l->capacity) / l->fill_rate;
	}
	pthread_mutex_unlock(&s->lock);
	return wait;
}

/* adaptive.py's RateClocker.record. */
static double clock_record(struct limiter *l, double t)
{
	double bucket = floor(t * 2) / 2; /* half-second buckets */

	l->count++;
	if (bucket > l->last_bucket) {
		double rate = (double)l->count / (bucket - l->last_bucket);

		l->measured = rate * 0.8 + l->measured * 0.2;
		l->count = 0;
		l->last_bucket = bucket;
	}
	return l->measured;
}

void aws_rate_limiter_update(int svc, bool throttled)
{
	struct retry_state *s = state_of(svc);
	struct limiter *l = &s->lim;
	double t, measured, rate;

	pthread_mutex_lock(&s->lock);
	t = now_s();
	measured = clock_record(l, t);
	if (!throttled) {
		double dt = t - l->last_fail - l->k;

		rate = 0.4 * dt * dt * dt + l->w_max; /* CubicCalculator.success_received */
	} else {
		double cur = l->enabled && l->fill_rate < measured ? l->fill_rate : measured;

		l->w_max = cur; /* error_received */
		l->k = cbrt(l->w_max * (1 - 0.7) / 0.4);
		l->last_fail = t;
		rate = cur * 0.7;
		l->enabled = true;
	}
	if (rate > 2 * measured)
		rate = 2 * measured;
	bucket_set_rate(l, rate, t);
	pthread_mutex_unlock(&s->lock);
}

double aws_rate_limiter_rate(int svc)
{
	struct retry_state *s = state_of(svc);
	double r;

	pthread_mutex_lock(&s->lock);
	r = s->lim.enabled ? s->lim.fill_rate : 0;
	pthread_mutex_unlock(&s->lock);
	return r;
}

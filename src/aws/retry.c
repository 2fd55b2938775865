/* The retry classes and the backoff, as the SDKs' standard retry handler
 * has them (botocore's retries/standard.py): throttling and transient
 * errors are retried, errors no retry can fix never are. */
#include "config.h"
#include "aws/retry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

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
		"ThrottlingException", "Throttling", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException", "TransactionInProgressException",
		"RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
		"RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException", NULL,
	};

	return code && in_list(code, throttling);
}

static bool is_transient_code(const char *code)
{
	static const char *const transient[] = {
		"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
		"InternalError", "InternalFailure", "ServiceUnavailable", NULL,
	};

	return code && in_list(code, transient);
}

/* Errors a retry cannot fix, whatever the status says. */
static bool is_final_code(const char *code)
{
	static const char *const final[] = {
		"ValidationException", "ValidationError", "SerializationException",
		"UnrecognizedClientException", "InvalidSignatureException",
		"SignatureDoesNotMatch", "IncompleteSignature", "InvalidClientTokenId",
		"RequestExpired", "UnknownOperationException", "InvalidAction", NULL,
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
	case 500: case 502: case 503: case 504:
		return true;
	case 429:
		return !code;
	default:
		return false;
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

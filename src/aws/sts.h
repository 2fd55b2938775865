/* AWS STS over its Query protocol: a form-encoded POST of Action=...&
 * Version=2011-06-15, signed with SigV4 for "sts" (or unsigned, for
 * AssumeRoleWithWebIdentity), and the XML answer read with libxml2.  Used by
 * `sagescale whoami` and by the assume-role and web-identity providers. */
#ifndef SAGESCALE_AWS_STS_H
#define SAGESCALE_AWS_STS_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/client.h"
#include "aws/config.h"
#include "aws/credstore.h"

/* Where and how to call STS (all borrowed). */
struct sts_conn {
	const char *endpoint;                /* "https://sts.us-east-1.amazonaws.com" */
	const char *region;                  /* signing region */
	const char *ca_bundle;               /* NULL: system store */
	long connect_timeout_ms, timeout_ms; /* 0: http.c's defaults */
	int max_attempts;                    /* 0: 3 */
	bool allow_http;                     /* http:// to a non-loopback host */
	bool debug;                          /* one line per attempt on stderr, no bodies */
	const struct aws_credentials *creds; /* NULL: the request is not signed */
	/* When set, every attempt signs with the store's current credentials
	 * instead of creds (refreshed before they expire, as client.c does),
	 * so whoami and the TUI's identity follow a refresh. */
	struct aws_credstore *credstore;
	atomic_bool *cancel; /* may be NULL */
	/* Test hook: no backoff sleeps. */
	bool no_backoff_sleep;
};

struct sts_identity {
	char *user_id, *account, *arn;
};

/* The answer of AssumeRole / AssumeRoleWithWebIdentity. */
struct sts_assumed {
	char *access_key_id;
	char *secret_access_key;     /* wiped on free */
	char *session_token;         /* wiped on free */
	char *expiration;            /* as STS wrote it, ISO 8601 */
	long long expires;           /* the same, seconds since 1970 */
	char *assumed_role_id, *arn; /* AssumedRoleUser */
	long packed_policy_size;     /* -1: not in the answer */
	char *source_identity;       /* optional */
	/* AssumeRoleWithWebIdentity only (NULL otherwise). */
	char *subject, *provider, *audience;
	char *request_id; /* ResponseMetadata/RequestId */
};

struct sts_assume_args {
	const char *role_arn;
	const char *role_session_name;
	const char *external_id;        /* NULL: none */
	const char *serial_number;      /* mfa_serial, NULL: none */
	const char *token_code;         /* the MFA code (with serial_number) */
	int duration_seconds;           /* 0: the service's default */
	const char *web_identity_token; /* AssumeRoleWithWebIdentity only */
};

enum sts_op {
	STS_GET_CALLER_IDENTITY,
	STS_ASSUME_ROLE,
	STS_ASSUME_ROLE_WITH_WEB_IDENTITY,
};

/* One call each.  res is overwritten: kind, http status, cleaned error
 * code, message and request id (sanitised), attempts; its body is left
 * NULL (the answer may hold secrets).  Returns res->kind (0: AWS_OK), and
 * fills *out only then.  Throttling, 5xx and connection failures are
 * retried up to max_attempts with jittered backoff. */
int sts_get_caller_identity(const struct sts_conn *conn, struct sts_identity *out,
			    struct aws_result *res);
int sts_assume_role(const struct sts_conn *conn, const struct sts_assume_args *args,
		    struct sts_assumed *out, struct aws_result *res);
int sts_assume_role_with_web_identity(const struct sts_conn *conn,
				      const struct sts_assume_args *args, struct sts_assumed *out,
				      struct aws_result *res);

/* The XML readers behind them (exported for the tests and the fuzz
 * target).  Returns 0, or -1 with *err one translated sentence (truncated,
 * not XML, not this operation's answer, a required field missing).
 * Unknown elements are ignored. */
int sts_parse_identity(const char *xml, size_t len, struct sts_identity *out, char **err);
int sts_parse_assumed(enum sts_op op, const char *xml, size_t len, struct sts_assumed *out,
		      char **err);
/* An STS <ErrorResponse>: code, message and request id (raw, unsanitised;
 * caller frees).  Returns 0, or -1 when xml is not one. */
int sts_parse_error(const char *xml, size_t len, char **code, char **message, char **request_id);

/* One clear, translated sentence for an STS error of res (AccessDenied,
 * ExpiredToken, RegionDisabledException, InvalidIdentityToken, throttling,
 * ...), naming what to check; NULL when there is nothing to add. */
const char *sts_error_hint(const struct aws_result *res);

void sts_identity_free(struct sts_identity *id);
void sts_assumed_free(struct sts_assumed *a);

/* Query-string encoding as botocore's serializer does it: everything but
 * A-Z a-z 0-9 - _ . ~ as %XX (newly allocated). */
char *sts_form_encode(const char *s);

/* For tests: STS requests this process has sent (every attempt). */
unsigned long sts_requests_sent(void);

#endif

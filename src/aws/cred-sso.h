/* The SSO provider's parsers, exposed for tests and fuzzing. */
#ifndef SAGESCALE_AWS_CRED_SSO_H
#define SAGESCALE_AWS_CRED_SSO_H
#include <json-c/json.h>
#include <stddef.h>
#include "aws/config.h"

/* sha1 hex of the session name (sso_session form) or of the start URL
 * (legacy form, session_name NULL): the cache file's name, as botocore's
 * SSOTokenLoader computes it.  Caller frees. */
char *aws_sso_cache_key(const char *start_url, const char *session_name);

/* A token cache file: 0 with *doc (free with aws_cred_json_free), the
 * access token (inside *doc) and its expiry; -1 not JSON, -2 without
 * accessToken or a readable expiresAt. */
int aws_sso_parse_cache(const char *text, size_t len, struct json_object **doc,
			const char **access_token, long long *expires_at);

/* GetRoleCredentials' answer ({"roleCredentials": {...}}, expiration in
 * milliseconds): AWS_CRED_FOUND with *out (source taken) or AWS_CRED_ERROR
 * (source freed). */
int aws_sso_parse_role_credentials(const char *body, size_t len, struct aws_credentials *out,
				   char *source);

#endif

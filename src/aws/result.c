/* struct aws_result (client.h): freeing one, making one an error, and the
 * hint that tells a person what to do about an error.  Apart from the call
 * (client.c), so that STS and the credential providers, which the call
 * needs, can use them without calling back into it. */
#include "config.h"
#include "aws/client.h"
#include "aws/retry.h"
#include "util/i18n.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void aws_result_free(struct aws_result *res)
{
	if (!res)
		return;
	free(res->body);
	free(res->request_id);
	free(res->error_code);
	free(res->error_message);
	memset(res, 0, sizeof(*res));
}

void aws_result_set_error(struct aws_result *res, enum aws_result_kind kind, char *msg)
{
	res->kind = kind;
	free(res->error_message);
	res->error_message = msg;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *aws_error_hint(const struct aws_result *res)
{
	if (res && res->kind == AWS_ERR_NETWORK) {
		switch (res->net_status) {
		case HTTP_ERR_TLS:
			return _("the server's certificate could not be verified: for a private "
				 "CA, pass --ca-bundle FILE or set AWS_CA_BUNDLE");
		case HTTP_ERR_CONNECT:
			return _("check the endpoint URL, the network and any proxy settings "
				 "(HTTPS_PROXY, NO_PROXY)");
		case HTTP_ERR_TIMEOUT:
			return _("the service did not answer in time: check the network and any "
				 "proxy, then try again");
		default: return NULL;
		}
	}
	if (!res || res->kind != AWS_ERR_SERVICE)
		return NULL;
	const char *code = res->error_code ? res->error_code : "";
	const char *msg = res->error_message ? res->error_message : "";

	if (strstr(msg, "Signature expired") || strstr(msg, "not yet current") ||
	    strcmp(code, "RequestExpired") == 0)
		return _("the clock of this computer looks wrong: set it right (for example "
			 "with NTP) and try again");
	if (has_prefix(code, "ExpiredToken"))
		return _("the session token has expired: get fresh credentials and try again");
	if (has_prefix(code, "ResourceNotFound"))
		return _("check the job name, the recommendation id or the endpoint name, "
			 "and the region");
	if (aws_is_throttling_code(code) || (!*code && res->http_status == 429))
		return _("the service is throttling requests: wait a little and try again "
			 "(AWS_MAX_ATTEMPTS allows more retries)");
	if (has_prefix(code, "AccessDenied"))
		return _("these credentials are not allowed to make this call: check the "
			 "IAM policy of the user or role");
	if (strcmp(code, "InvalidSignatureException") == 0 ||
	    strcmp(code, "SignatureDoesNotMatch") == 0 || strcmp(code, "IncompleteSignature") == 0)
		return _("the signature was refused: check the secret key and the clock");
	if (strcmp(code, "UnrecognizedClientException") == 0 ||
	    strcmp(code, "InvalidClientTokenId") == 0)
		return _("the access key id is not known: check the credentials, and that "
			 "the region is in the same partition");
	if (has_prefix(code, "MissingAuthenticationToken"))
		return _("the request reached the service unsigned: check the endpoint URL");
	return NULL;
}

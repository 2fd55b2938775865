/* Checking a request's SigV4 signature the way AWS front ends do: the same
 * checks in the same order, answered with the same codes and messages. */
#include "config.h"
#include "sim/auth.h"
#include "aws/sigv4.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SKEW_LIMIT 300 /* seconds, as AWS allows */

long long sim_auth_parse_amz_date(const char *s)
{
	struct tm tm = { 0 };
	int n = 0;

	if (!s || strlen(s) != 16 ||
	    sscanf(s, "%4d%2d%2dT%2d%2d%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    n != 16)
		return -1;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

static const char *header(const struct sim_auth_request *q, const char *name)
{
	for (size_t i = 0; i < q->nheaders; i++)
		if (ascii_strcasecmp(q->headers[i].name, name) == 0)
			return q->headers[i].value;
	return NULL;
}

/* An HTTP Date header ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 7231's
 * IMF-fixdate) as an amz date.  Parsed by hand with the English names:
 * strptime's %a and %b read the names of LC_TIME (German under de_DE). */
static bool http_date_to_amz(const char *v, char out[17])
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char wd[4], mon[4];
	struct tm tm = { 0 };
	int n = 0;
	const char *m;

	if (!v || strlen(v) != 29 ||
	    sscanf(v, "%3c, %2d %3c %4d %2d:%2d:%2d GMT%n", wd, &tm.tm_mday, mon, &tm.tm_year,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 7 ||
	    n != 29)
		return false;
	wd[3] = mon[3] = '\0';
	m = strstr(months, mon);
	if (!m || (m - months) % 3 != 0 || !strstr(days, wd) || (strstr(days, wd) - days) % 3 != 0)
		return false;
	if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60)
		return false;
	tm.tm_mon = (int)(m - months) / 3;
	tm.tm_year -= 1900;
	sigv4_format_date((long long)timegm(&tm), out);
	return true;
}

static void incomplete(struct sim_reply *r, const char *what, const char *authz)
{
	sim_reply_coral(r, 400, "IncompleteSignatureException", "%sAuthorization=%s", what, authz);
}

/* Which parts AWS says are missing from a malformed Authorization header. */
static void explain_malformed(struct sim_reply *r, const char *authz)
{
	struct buf b = BUF_INIT;

	if (strncmp(authz, "AWS4-HMAC-SHA256 ", 17) != 0) {
		char *first = xstrndup(authz, strcspn(authz, " "));
		sim_reply_coral(r, 400, "IncompleteSignatureException",
				"Unsupported AWS 'algorithm': '%s'", first);
		free(first);
		return;
	}
	static const char *const parts[] = { "Credential", "Signature", "SignedHeaders" };
	for (int i = 0; i < 3; i++) {
		char *want = xasprintf("%s=", parts[i]);
		if (!strstr(authz, want))
			buf_printf(&b, "Authorization header requires '%s' parameter. ", parts[i]);
		free(want);
	}
	if (!b.len)
		buf_puts(&b,
			 "Authorization header is malformed: check the Credential scope "
			 "(KEY/DATE/REGION/SERVICE/aws4_request) and the 64-digit hex Signature. ");
	incomplete(r, buf_str(&b), authz);
	buf_free(&b);
}

static bool check_time(long long t, const char *amz_date, double now, struct sim_reply *r)
{
	char now_s[17], edge_s[17];
	long long n = (long long)now;

	sigv4_format_date(n, now_s);
	if (t < n - SKEW_LIMIT) {
		sigv4_format_date(n - SKEW_LIMIT, edge_s);
		sim_reply_coral(r, 403, "InvalidSignatureException",
				"Signature expired: %s is now earlier than %s (%s - 5 min.)",
				amz_date, edge_s, now_s);
		return false;
	}
	if (t > n + SKEW_LIMIT) {
		sigv4_format_date(n + SKEW_LIMIT, edge_s);
		sim_reply_coral(
			r, 403, "InvalidSignatureException",
			"Signature not yet current: %s is still later than %s (%s + 5 min.)",
			amz_date, edge_s, now_s);
		return false;
	}
	return true;
}

static bool check_scope(const struct sigv4_authz *a, const char *amz_date, const char *region,
			const char *service, struct sim_reply *r)
{
	struct buf b = BUF_INIT;

	if (strlen(a->date) != 8 || strncmp(a->date, amz_date, 8) != 0)
		buf_printf(
			&b,
			"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%.8s', from '%s'. ",
			a->date, amz_date, amz_date);
	if (strcmp(a->region, region) != 0)
		buf_printf(&b, "Credential should be scoped to a valid region, not '%s'. ",
			   a->region);
	if (service ? strcmp(a->service, service) != 0
		    : strcmp(a->service, "sagemaker") != 0 &&
			      strcmp(a->service, "application-autoscaling") != 0)
		buf_printf(&b, "Credential should be scoped to correct service: '%s'. ",
			   service ? service : "sagemaker");
	if (!b.len)
		return true;
	sim_reply_coral(r, 403, "InvalidSignatureException", "%s", buf_str(&b));
	buf_free(&b);
	return false;
}

/* The headers the client says it signed, with the values received (all
 * names are copies, freed by free_signed). */
static struct sigv4_header *signed_headers(const struct sim_auth_request *q, const char *list,
					   size_t *n, bool *has_host)
{
	size_t cap = 8;
	struct sigv4_header *h = xmalloc(cap * sizeof(*h));
	char *copy = xstrdup(list), *save = NULL;

	*n = 0;
	*has_host = false;
	for (char *name = strtok_r(copy, ";", &save); name; name = strtok_r(NULL, ";", &save)) {
		bool found = false;
		if (ascii_strcasecmp(name, "host") == 0)
			*has_host = true;
		for (size_t i = 0; i <= q->nheaders; i++) {
			/* Signed but absent: canonicalised as an empty value, so
			 * the signature will not match, as with AWS. */
			if (i == q->nheaders ? found
					     : ascii_strcasecmp(q->headers[i].name, name) != 0)
				continue;
			if (*n == cap)
				h = xrealloc(h, (cap *= 2) * sizeof(*h));
			h[*n].name = xstrdup(name);
			h[(*n)++].value = i < q->nheaders ? q->headers[i].value : "";
			found = true;
		}
	}
	free(copy);
	return h;
}

static void free_signed(struct sigv4_header *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)h[i].name);
	free(h);
}

static const char mismatch[] =
	"The request signature we calculated does not match the signature you provided. "
	"Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

static bool check_signature(const struct sim_auth_request *q, const struct sim_auth_key *key,
			    const struct sigv4_authz *a, const char *amz_date, struct sim_reply *r)
{
	size_t n;
	bool has_host, ok = false;
	struct sigv4_header *h = signed_headers(q, a->signed_headers, &n, &has_host);
	struct sigv4_request req = { q->method, q->path, q->query, h, n, q->body, q->body_len };
	struct sigv4_credentials creds = { key->access_key, key->secret_key, NULL };
	struct sigv4_result res = { 0 };

	if (!has_host)
		sim_reply_coral(r, 403, "InvalidSignatureException",
				"'Host' must be a 'SignedHeader' in the AWS Authorization.");
	else if (sigv4_sign(&req, &creds, a->region, a->service, amz_date, &res) < 0)
		sim_reply_coral(r, 403, "InvalidSignatureException", "%s", mismatch);
	else if (CRYPTO_memcmp(res.signature, a->signature, 64) == 0)
		ok = true;
	else
		sim_reply_coral(
			r, 403, "InvalidSignatureException",
			"%s\n\nThe Canonical String for this request should have been\n'%s'\n\n"
			"The String-to-Sign should have been\n'%s'\n",
			mismatch, res.canonical_request, res.string_to_sign);
	if (res.canonical_request)
		sigv4_result_free(&res);
	free_signed(h, n);
	return ok;
}

bool sim_auth_verify(const struct sim_auth_request *q, const struct sim_auth_key *key,
		     const char *service, double now, struct sim_reply *r)
{
	const char *authz = header(q, "Authorization");
	const char *xdate = header(q, "X-Amz-Date");
	struct sigv4_authz a = { 0 };
	char amz_date[17];
	bool ok = false;

	if (!authz || !*authz) {
		sim_reply_coral(r, 400, "MissingAuthenticationTokenException",
				"Missing Authentication Token");
		return false;
	}
	if (sigv4_parse_authorization(authz, &a) < 0) {
		explain_malformed(r, authz);
		return false;
	}
	if (xdate) {
		if (strlen(xdate) != 16 || sim_auth_parse_amz_date(xdate) < 0) {
			sim_reply_coral(
				r, 400, "IncompleteSignatureException",
				"Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601",
				xdate);
			sigv4_authz_free(&a);
			return false;
		}
		memcpy(amz_date, xdate, 17);
	} else if (!http_date_to_amz(header(q, "Date"), amz_date)) {
		incomplete(
			r,
			"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ",
			authz);
		sigv4_authz_free(&a);
		return false;
	}
	if (strcmp(a.access_key_id, key->access_key) != 0) {
		sim_reply_coral(r, 403, "UnrecognizedClientException",
				"The security token included in the request is invalid.");
		goto out;
	}
	if (!check_scope(&a, amz_date, key->region, service, r) ||
	    !check_time(sim_auth_parse_amz_date(amz_date), amz_date, now, r))
		goto out;

	ok = check_signature(q, key, &a, amz_date, r);
out:
	sigv4_authz_free(&a);
	return ok;
}

/* The current credentials of a session, shared by every thread that signs:
 * each signed attempt (first try and every retry) takes a snapshot from
 * here.  Temporary credentials are refreshed by the thread that asks, with
 * botocore's windows (RefreshableCredentials._refresh):
 *   - more than AWS_CRED_ADVISORY_S (15 min) left: used as they are;
 *   - less than that: the first thread to get the refresh lock refreshes;
 *     a failure is ignored (the current ones are still good), and threads
 *     that find the lock taken go on with the current ones;
 *   - less than AWS_CRED_MANDATORY_S (10 min): every thread waits for the
 *     refresh, and its failure is the caller's error.
 * Credentials that live shorter than the windows are therefore refreshed
 * at every use, as botocore does (it does not scale the windows).  Expired
 * credentials are never handed out.  The TUI signs on its worker thread,
 * so a refresh never blocks the screen. */
#ifndef SAGESCALE_AWS_CREDSTORE_H
#define SAGESCALE_AWS_CREDSTORE_H
#include "aws/config.h"
#include "aws/cred.h"

#define AWS_CRED_ADVISORY_S (15 * 60)
#define AWS_CRED_MANDATORY_S (10 * 60)

/* Takes initial (its strings; *initial is zeroed) and the provider's state
 * (freed with provider->state_free).  provider may be NULL (never refreshed). */
struct aws_credstore *aws_credstore_new(struct aws_credentials *initial,
					const struct aws_cred_provider *provider, void *state);
void aws_credstore_free(struct aws_credstore *s);

/* A copy of the current credentials in *out (free with
 * aws_credentials_free), refreshed first when needed.  0, or -1 with *err
 * (translated; no secret) when they have expired and cannot be refreshed. */
int aws_credstore_get(struct aws_credstore *s, struct aws_credentials *out, char **err);

/* botocore's method name of the source ("env", "sso", ...). */
const char *aws_credstore_method(struct aws_credstore *s);
/* Expiry of the current credentials (seconds since 1970), 0 for none. */
long long aws_credstore_expiration(struct aws_credstore *s);
/* When the login session behind the credentials ends (the SSO access
 * token; seconds since 1970), 0 when the source has none: the TUI names a
 * session about to end before it breaks a request.  Never blocks. */
long long aws_credstore_session_expiration(struct aws_credstore *s);

/* How many refreshes have succeeded (tests, --debug). */
long aws_credstore_refreshes(struct aws_credstore *s);

/* Test hook: the clock (seconds since 1970) the store reads; NULL: time(). */
void aws_credstore_set_clock(struct aws_credstore *s, long long (*now)(void));

#endif

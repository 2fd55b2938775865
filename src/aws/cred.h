/* Credential providers: one small struct per source of credentials, each in
 * its own file (src/aws/cred-*.c), in the manner of curl's one file per TLS
 * backend; the chain is a table of them in botocore's order (cred.c).
 *
 * Adding a provider (for example assume-role):
 *   1. write src/aws/cred-NAME.c defining
 *        const struct aws_cred_provider aws_cred_NAME = { ... };
 *      and declare it below;
 *   2. add its file to src/aws/local.mk and, when it has messages, to
 *      po/POTFILES.in;
 *   3. put &aws_cred_NAME in its slot of aws_cred_chain[] in cred.c (the
 *      slots for assume-role and assume-role-with-web-identity are marked).
 *
 * Contract of a provider:
 *   resolve(ctx, out, &state, err) is called once, on the thread that loads
 *     the configuration.  It returns AWS_CRED_NONE (0) when its source is not
 *     configured (the chain goes on), AWS_CRED_FOUND (1) with *out filled
 *     (access key, secret, token or NULL, expiration or 0, source; method is
 *     set by the chain), or AWS_CRED_ERROR (-1) with *err set to one
 *     translated sentence (the chain stops: botocore stops too when a
 *     configured source fails).  ctx and everything it points to is valid
 *     only during the call: what refresh needs is copied into *state.
 *   refresh(state, out, err), NULL for sources that never expire, fetches new
 *     credentials from the same source; same return values (NONE counts as a
 *     failure).  It is called under the store's refresh lock (credstore.c),
 *     never by two threads at once, and never on the TUI's screen thread.
 *   state_free(state) releases what resolve put in *state (may be NULL).
 *   session_expiration(state), optional: when the login session behind the
 *     credentials ends (the SSO access token), 0 when unknown; called from
 *     any thread (the TUI's status bar), so it reads an atomic.
 * Secrets never go into *err, a log or --debug output. */
#ifndef SAGESCALE_AWS_CRED_H
#define SAGESCALE_AWS_CRED_H
#include <stdbool.h>
#include "aws/config.h"
#include "aws/ini.h"

enum {
	AWS_CRED_ERROR = -1,
	AWS_CRED_NONE = 0,
	AWS_CRED_FOUND = 1,
};

/* What a provider may look at while resolving (all borrowed). */
struct aws_cred_ctx {
	const char *profile;   /* resolved profile name ("default") */
	bool profile_explicit; /* --profile given: the environment is skipped */
	const struct ini *config, *credentials;
	const char *config_path, *credentials_path;
	const char *config_section;          /* the profile's section in config, or NULL */
	const char *region;                  /* resolved region (may be NULL) */
	const char *ca_bundle;               /* NULL: system store */
	long connect_timeout_ms, timeout_ms; /* for providers that call out; 0: defaults */
	/* STS as the configuration resolved it (AWS_ENDPOINT_URL_STS, services,
	 * regional or global) and its signing region; NULL: the regional default. */
	const char *sts_endpoint, *sts_region;
};

struct aws_cred_provider {
	const char *method; /* botocore's METHOD: "env", "sso", "iam-role", ... */
	const char *tried;  /* N_() phrase for the "no credentials" message */
	int (*resolve)(const struct aws_cred_ctx *ctx, struct aws_credentials *out, void **state,
		       char **err);
	int (*refresh)(void *state, struct aws_credentials *out, char **err);
	void (*state_free)(void *state);
	long long (*session_expiration)(void *state);
};

/* The providers of this tree. */
extern const struct aws_cred_provider aws_cred_env;         /* env */
extern const struct aws_cred_provider aws_cred_assume_role; /* assume-role (cred-assume.c) */
extern const struct aws_cred_provider
	aws_cred_web_identity; /* assume-role-with-web-identity (cred-webid.c) */
extern const struct aws_cred_provider aws_cred_sso;         /* sso */
extern const struct aws_cred_provider aws_cred_shared_file; /* shared-credentials-file */
extern const struct aws_cred_provider aws_cred_login;       /* login (login_session) */
extern const struct aws_cred_provider aws_cred_process;     /* custom-process */
extern const struct aws_cred_provider aws_cred_config_file; /* config-file */
extern const struct aws_cred_provider aws_cred_container;   /* container-role */
extern const struct aws_cred_provider aws_cred_imds;        /* iam-role */

/* The chain, NULL-terminated, in botocore's order. */
extern const struct aws_cred_provider *const aws_cred_chain[];

/* Runs the chain.  On AWS_CRED_FOUND, *out holds the credentials (method
 * set), *provider the one that answered and *state its state (for
 * aws_credstore_new).  Otherwise returns -1 with *err: the provider's own
 * error (*provider is the one that failed), or, when no source answered
 * (*provider NULL), which sources were tried and what to set. */
int aws_cred_resolve(const struct aws_cred_ctx *ctx, struct aws_credentials *out,
		     const struct aws_cred_provider **provider, void **state, char **err);

/* ---- helpers for providers ---- */

/* getenv, but unset and empty are the same. */
const char *aws_cred_env_get(const char *name);
/* A value of the profile: the credentials file's section wins over the
 * config file's, as botocore merges them. */
const char *aws_cred_profile_get(const struct aws_cred_ctx *ctx, const char *key);
/* A value of the profile's config-file section only (sso_*, ...). */
const char *aws_cred_config_get(const struct aws_cred_ctx *ctx, const char *key);
/* A value of another config-file section, e.g. "sso-session NAME". */
const char *aws_cred_section_get(const struct aws_cred_ctx *ctx, const char *section,
				 const char *key);
/* true/false as botocore's ensure_boolean reads it ("true" in any case). */
bool aws_cred_true(const char *v);
/* "~/x" expanded against $HOME (or the password database). */
char *aws_cred_expand_home(const char *path);
char *aws_cred_home(void);
/* "2026-11-27 12:00:00 UTC" into buf (at least 32 bytes). */
void aws_cred_format_time(long long t, char *buf, size_t size);
/* The endpoint a credential provider calls for service_id ("SSO",
 * "SSO_OIDC"): AWS_ENDPOINT_URL_<ID>, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS; else default_url (copied).
 * The endpoints module may route this through its own resolver. */
char *aws_cred_endpoint(const struct aws_cred_ctx *ctx, const char *service_id,
			const char *default_url);
/* Copies src into dst (deep). */
void aws_credentials_copy(struct aws_credentials *dst, const struct aws_credentials *src);
/* Sets the three strings (token NULL or "" for none) and the source. */
void aws_cred_set(struct aws_credentials *c, const char *ak, const char *sk, const char *token,
		  long long expiration, char *source);
/* Frees a string after overwriting it (secrets). */
void aws_cred_wipe(char **s);

#endif

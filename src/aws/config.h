/* Configuration as the AWS CLI resolves it: flags, then environment, then
 * the shared credentials and config files (profiles, credential_process). */
#ifndef SAGESCALE_AWS_CONFIG_H
#define SAGESCALE_AWS_CONFIG_H
#include <stdbool.h>

/* What the command line said; NULL means "not given". */
struct aws_config_flags {
	const char *profile;
	const char *region;
	const char *endpoint_url;
	const char *ca_bundle;
};

struct aws_credentials {
	char *access_key_id;
	char *secret_access_key;	/* wiped with OPENSSL_cleanse on free */
	char *session_token;		/* NULL for long-term keys */
	char *source;			/* "environment", "shared credentials file (profile x)", ... (for messages) */
};

struct aws_config {
	char *profile;			/* resolved profile name ("default") */
	char *region;
	/* Fully resolved endpoints: --endpoint-url for both, else for SageMaker
	 * AWS_ENDPOINT_URL_SAGEMAKER over AWS_ENDPOINT_URL, for Application
	 * Auto Scaling AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING over
	 * AWS_ENDPOINT_URL, else the regional default
	 * https://api.sagemaker.<region>.amazonaws.com (.amazonaws.com.cn for
	 * cn-*), https://application-autoscaling.<region>.amazonaws.com(.cn). */
	char *endpoint_sagemaker;
	char *endpoint_autoscaling;
	char *endpoint_monitoring;	/* CloudWatch: AWS_ENDPOINT_URL_CLOUDWATCH, https://monitoring.<region>... */
	bool endpoint_explicit;		/* given by flag, environment or profile endpoint_url */
	char *ca_bundle;		/* NULL: system store */
	int max_attempts;		/* AWS_MAX_ATTEMPTS / max_attempts, default 3 */
	char *retry_mode;		/* "standard" (default), "legacy", "adaptive" */
	struct aws_credentials creds;
};

/* Resolves everything.  On failure returns -1 and sets *err to one clear,
 * translated sentence naming what to set (caller frees).  Credentials and
 * region are both required. */
int aws_config_load(const struct aws_config_flags *flags, struct aws_config *cfg, char **err);
void aws_config_free(struct aws_config *cfg);
void aws_credentials_free(struct aws_credentials *c);

/* Regional default endpoint for "sagemaker" or "application-autoscaling". */
char *aws_endpoint_default(const char *service, const char *region);

#endif

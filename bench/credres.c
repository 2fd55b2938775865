/* bench/credres: microseconds per credential resolution (aws_config_load
 * with the whole provider chain) when an earlier source answers: the
 * environment, the shared credentials file, the config file's keys.  The
 * metadata provider is left enabled on purpose (AWS_EC2_METADATA_DISABLED
 * unset by bench/cred.sh): an earlier source must answer without a probe.
 * Prints "credres SOURCE: N us per resolution (method M)". */
#include "config.h"
#include "aws/config.h"
#include "aws/credstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int measure(const char *label, const char *profile, int n)
{
	struct aws_config_flags fl = { .profile = profile };
	const char *method = "?";
	double t0 = now_us();

	for (int i = 0; i < n; i++) {
		struct aws_config cfg;
		char *err = NULL;

		if (aws_config_load(&fl, &cfg, &err) != 0) {
			fprintf(stderr, "credres: %s: %s\n", label, err);
			free(err);
			return 1;
		}
		method = cfg.creds.method;
		aws_config_free(&cfg);
	}
	printf("credres %s: %.1f us per resolution (method %s)\n", label, (now_us() - t0) / n,
	       method);
	return 0;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	int rc = 0;

	rc |= measure("env", NULL, n);
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SECRET_ACCESS_KEY");
	rc |= measure("shared-credentials-file", "filep", n);
	rc |= measure("config-file", "confp", n);
	return rc;
}

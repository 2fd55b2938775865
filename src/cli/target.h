/* The endpoint variant a batch command works on (status, apply): described
 * with DescribeEndpoint + DescribeEndpointConfig, its state and variant
 * checked, with one clear message for each way it can be wrong. */
#ifndef SAGESCALE_CLI_TARGET_H
#define SAGESCALE_CLI_TARGET_H
#include <stdbool.h>
#include "cli/session.h"
#include "sagemaker/endpoints.h"

/* Describes endpoint; prints why and returns an exit code when it cannot
 * (does not exist: 1, with the region named; network: 3).  0 on success. */
int cli_target_describe(struct session *s, const char *endpoint, struct endpoints_detail *d);
/* The variant to work on: *variant when given (it must exist), else the
 * endpoint's only one.  Prints why and returns an exit code (1) when it
 * does not exist or several are there to choose from. */
int cli_target_variant(const struct endpoints_detail *d, const char **variant);
/* InService, or 1 after saying what the state means for scaling. */
int cli_target_in_service(const struct endpoints_detail *d);

#endif

/* The Terraform export: aws_appautoscaling_target and one
 * aws_appautoscaling_policy per policy, as HCL, from the same plan that
 * apply sends.  Every string is quoted by HCL's rules. */
#ifndef SAGESCALE_TERRAFORM_H
#define SAGESCALE_TERRAFORM_H
#include "sagemaker/autoscaling.h"
#include "util/buf.h"

/* s as an HCL quoted template string: \\ \" \n \r \t escaped, other
 * controls and characters unsafe for a terminal as \uNNNN, and the
 * template introducers ${ and %{ doubled ($${, %%{) so that they stay
 * literal. */
void terraform_quote_buf(struct buf *b, const char *s);
/* The whole configuration for plan (ends with a newline). */
char *terraform_render(const struct autoscaling_plan *plan, const char *region);

#endif

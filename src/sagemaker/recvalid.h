/* Is a scaling recommendation fit to apply or export?  The service's
 * answer is checked against Application Auto Scaling's model before any
 * call, dry run or export is made from it: nonsense from the service (a
 * negative capacity, min > max, a negative cooldown, a target that is not a
 * finite positive number) is refused with a message saying what is wrong. */
#ifndef SAGESCALE_RECVALID_H
#define SAGESCALE_RECVALID_H
#include "sagemaker/scaling.h"

/* The ranges (Application Auto Scaling's model and documentation):
 * capacities and cooldowns whole numbers from 0 to 2^31-1 (the model's
 * "integer"), MinCapacity <= MaxCapacity, every target tracking policy that
 * would be applied with a TargetValue that is finite, greater than 0 and at
 * most 2^360, a Customized metric with a name and a namespace, a Predefined
 * metric with a type.  Metric names and statistics are not checked against
 * a list: the service knows its own, and new ones appear. */
#define RECVALID_MAX_INT 2147483647LL

/* 0 when resp can be applied; -1 with *err (translated, one sentence per
 * problem; only numbers and field names, never text from the network). */
int recvalid_check(const struct scaling_response *resp, char **err);

#endif

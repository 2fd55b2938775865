/* SigV4 verification for the simulator, with AWS's error codes and wording. */
#ifndef SAGESCALE_SIM_AUTH_H
#define SAGESCALE_SIM_AUTH_H
#include <stdbool.h>
#include <stddef.h>
#include "sim/reply.h"

struct sim_header {
	const char *name, *value;
};

struct sim_auth_request {
	const char *method, *path, *query; /* path and query raw, as sent */
	const struct sim_header *headers;  /* every header received */
	size_t nheaders;
	const void *body;
	size_t body_len;
};

struct sim_auth_key {
	const char *access_key, *secret_key, *region;
};

/* True when q is signed with key for service (NULL: "sagemaker" or
 * "application-autoscaling") within 5 minutes of now; otherwise r holds the
 * error AWS would send. */
bool sim_auth_verify(const struct sim_auth_request *q, const struct sim_auth_key *key,
		     const char *service, double now, struct sim_reply *r);

/* "20150830T123600Z" to epoch seconds, -1 when malformed. */
long long sim_auth_parse_amz_date(const char *s);

#endif

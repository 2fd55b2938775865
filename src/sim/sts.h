/* The simulator's STS (ops-sts.c): GetCallerIdentity, AssumeRole and
 * AssumeRoleWithWebIdentity over the Query protocol, answered in XML as STS
 * writes it, and the temporary keys they issue, which the SageMaker and
 * Application Auto Scaling endpoints accept until they expire. */
#ifndef SAGESCALE_SIM_STS_H
#define SAGESCALE_SIM_STS_H
#include <stdbool.h>
#include <stddef.h>
#include "sim/ops.h"
#include "sim/reply.h"

struct sim_sts;

/* max_duration: the lifetime of every key issued, in seconds, whatever
 * DurationSeconds asks (--sts-duration, for tests); 0: as asked. */
struct sim_sts *sim_sts_new(long max_duration);
void sim_sts_free(struct sim_sts *t);

/* A key issued by AssumeRole*, copied out of the table. */
struct sim_sts_key {
	char *secret, *token; /* wiped on free */
	char *arn;            /* arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
	char *user_id;        /* AROA...:SESSION */
	double expires;       /* epoch seconds */
};

/* True (and *out filled) when access_key was issued by this simulator. */
bool sim_sts_find(struct sim_sts *t, const char *access_key, struct sim_sts_key *out);
void sim_sts_key_free(struct sim_sts_key *k);

/* True for a request STS would take: no X-Amz-Target, a form body. */
bool sim_sts_is_request(const char *target, const char *content_type);
/* The Action of a form body (malloc'd), or NULL. */
char *sim_sts_action(const char *form, size_t len);

/* Who signed an STS request: NULL for an unsigned one (only
 * AssumeRoleWithWebIdentity takes that); session NULL for the simulator's
 * long-term key. */
struct sim_sts_caller {
	const char *access_key;
	const struct sim_sts_key *session;
};

/* Serves one STS request whose signature has been checked. */
void sim_sts_serve(struct sim_sts *t, const struct sim_ctx *ctx,
		   const struct sim_sts_caller *caller, const char *form, size_t len,
		   struct sim_reply *r);

/* An STS <ErrorResponse> in r (text/xml, no x-amzn-ErrorType).  The SigV4
 * checker's JSON codes are renamed as STS names them
 * (InvalidSignatureException -> SignatureDoesNotMatch, ...). */
void sim_sts_error(struct sim_reply *r, int status, const char *code, const char *message);
/* Rewrites a JSON error reply (from the SigV4 checker) as STS's XML. */
void sim_sts_error_from_json(struct sim_reply *r);

#endif

/* A simulator answer being built: status, JSON body and, for errors, the
 * AWS error code that also goes into the x-amzn-ErrorType header. */
#ifndef SAGESCALE_SIM_REPLY_H
#define SAGESCALE_SIM_REPLY_H
#include <json-c/json.h>

struct sim_reply {
	int status;
	char *body;               /* malloc'd JSON text */
	char *error_type;         /* malloc'd header value, NULL on success */
	const char *content_type; /* static; NULL: application/x-amz-json-1.1 */
};

/* Success: serialises obj (and releases it) as a 200 answer. */
void sim_reply_json(struct sim_reply *r, json_object *obj);
/* An error of the service itself: {"__type": code, "message": ...}. */
void sim_reply_error(struct sim_reply *r, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Like sim_reply_error with the given message key ("Message" for the shapes
 * that the service model spells so, e.g. ResourceNotFound). */
void sim_reply_error_key(struct sim_reply *r, int status, const char *code, const char *key,
			 const char *message);
/* A protocol-level (Coral) error: __type "com.amazon.coral.service#CODE",
 * x-amzn-ErrorType "CODE:http://internal.amazon.com/coral/com.amazon.coral.service/",
 * as AWS sends them, so that clients must clean the code. */
void sim_reply_coral(struct sim_reply *r, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void sim_reply_free(struct sim_reply *r);

/* A uuid-like request id ("8-4-4-4-12" lowercase hex) into out[37]. */
void sim_request_id(char out[37]);

#endif

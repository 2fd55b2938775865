/* Request checking as the service does it: typed field access (a wrong JSON
 * type is a SerializationException) and the service model's constraints,
 * collected into one AWS-style ValidationException message. */
#ifndef SAGESCALE_SIM_VALIDATE_H
#define SAGESCALE_SIM_VALIDATE_H
#include <json-c/json.h>
#include <stdbool.h>
#include "sim/reply.h"
#include "util/buf.h"

struct sim_verr {
	struct buf msgs;
	int n;
};
#define SIM_VERR_INIT       \
	{                   \
		BUF_INIT, 0 \
	}

void sim_verr_add(struct sim_verr *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "1 validation error detected: A" / "2 validation errors detected: A; B".
 * With errors, sets a 400 ValidationException in r and returns true.  Frees v. */
bool sim_verr_finish(struct sim_verr *v, struct sim_reply *r);

/* Typed getters: 1 when present (null counts as absent), 0 when absent,
 * -1 on a wrong JSON type (r then holds a SerializationException). */
int sim_get_string(json_object *o, const char *key, const char **out, struct sim_reply *r);
int sim_get_int(json_object *o, const char *key, long long *out, struct sim_reply *r);
int sim_get_double(json_object *o, const char *key, double *out, struct sim_reply *r);
int sim_get_timestamp(json_object *o, const char *key, double *out, struct sim_reply *r);
int sim_get_bool(json_object *o, const char *key, bool *out, struct sim_reply *r);
int sim_get_object(json_object *o, const char *key, json_object **out, struct sim_reply *r);
int sim_get_array(json_object *o, const char *key, json_object **out, struct sim_reply *r);

/* Constraints; member is the camelCase path AWS prints ("jobName"). */
void sim_check_required(struct sim_verr *v, const char *member, bool present);
void sim_check_length(struct sim_verr *v, const char *member, const char *value, long min,
		      long max);
void sim_check_range(struct sim_verr *v, const char *member, long long value, long long min,
		     long long max);
void sim_check_enum(struct sim_verr *v, const char *member, const char *value,
		    const char *const *set);
/* The SageMaker name pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,reps}. */
bool sim_name_pattern_ok(const char *s, int reps);
void sim_check_name(struct sim_verr *v, const char *member, const char *value, int reps);
/* Any other pattern: ok tells whether it matched, pattern is printed. */
void sim_check_pattern(struct sim_verr *v, const char *member, const char *value, bool ok,
		       const char *pattern);

#endif

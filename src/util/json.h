/* json-c helpers shared by every area that reads or writes JSON (the AWS
 * calls, the what-if history, the exports): compact text as the AWS CLI
 * sends it, and member lookups that take a missing object or member in
 * their stride. */
#ifndef SAGESCALE_UTIL_JSON_H
#define SAGESCALE_UTIL_JSON_H
#include <stdbool.h>
#include <json-c/json.h>

/* An integer that may be absent (a request field not given). */
struct opt_int {
	bool set;
	long long v;
};

/* o as compact JSON, "/" not escaped (newly allocated). */
char *jsonutil_text(json_object *o);
/* The same, then o released: for a request body built just before. */
char *jsonutil_text_put(json_object *o);
/* o's member k when it is of type t, else NULL (o may be NULL). */
json_object *jsonutil_member(json_object *o, const char *k, json_type t);
/* o's member k when it is a number (int or double), else NULL. */
json_object *jsonutil_number(json_object *o, const char *k);
/* A copy of o's string member k, or NULL. */
char *jsonutil_strdup(json_object *o, const char *k);
/* Adds the string member k: v, only when v is not NULL. */
void jsonutil_put_str(json_object *o, const char *k, const char *v);
/* Adds the integer member k: v.v, only when v is set. */
void jsonutil_put_int(json_object *o, const char *k, struct opt_int v);

struct buf;
/* Appends Python's repr(float) of x ("0.5", "1e+16", "NaN", "Infinity"),
 * as json.dumps and str() print a float (the AWS CLI's output, JMESPath's
 * to_string). */
void jsonutil_py_float(struct buf *b, double x);

#endif

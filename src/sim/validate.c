/* Request validation with the wording of AWS's (Coral) validation layer. */
#include "config.h"
#include "sim/validate.h"
#include "util/ascii.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sim_verr_add(struct sim_verr *v, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (v->n++)
		buf_puts(&v->msgs, "; ");
	buf_puts(&v->msgs, msg);
	free(msg);
}

bool sim_verr_finish(struct sim_verr *v, struct sim_reply *r)
{
	bool bad = v->n > 0;

	if (bad)
		sim_reply_error(r, 400, "ValidationException", "%d validation error%s detected: %s",
				v->n, v->n == 1 ? "" : "s", buf_str(&v->msgs));
	buf_free(&v->msgs);
	v->n = 0;
	return bad;
}

/* What Coral says when a JSON value has the wrong kind for its shape. */
static int type_error(struct sim_reply *r, json_object *val, const char *want)
{
	const char *got;

	switch (json_object_get_type(val)) {
	case json_type_object:
		sim_reply_coral(r, 400, "SerializationException",
				"Start of structure or map found where not expected.");
		return -1;
	case json_type_array:
		sim_reply_coral(r, 400, "SerializationException",
				"Start of list found where not expected.");
		return -1;
	case json_type_string: got = "STRING_VALUE"; break;
	case json_type_boolean: got = "BOOLEAN_VALUE"; break;
	default: got = "NUMBER_VALUE"; break;
	}
	if (strcmp(want, "String") == 0 && strcmp(got, "NUMBER_VALUE") == 0)
		sim_reply_coral(
			r, 400, "SerializationException",
			"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
	else
		sim_reply_coral(r, 400, "SerializationException",
				"%s can not be converted to %s %s", got,
				strchr("AEIOU", want[0]) ? "an" : "a", want);
	return -1;
}

static json_object *field(json_object *o, const char *key)
{
	json_object *val = NULL;

	if (!o || !json_object_object_get_ex(o, key, &val))
		return NULL;
	return val; /* NULL for a JSON null too */
}

int sim_get_string(json_object *o, const char *key, const char **out, struct sim_reply *r)
{
	json_object *val = field(o, key);

	if (!val)
		return 0;
	if (!json_object_is_type(val, json_type_string))
		return type_error(r, val, "String");
	*out = json_object_get_string(val);
	return 1;
}

int sim_get_int(json_object *o, const char *key, long long *out, struct sim_reply *r)
{
	json_object *val = field(o, key);

	if (!val)
		return 0;
	if (json_object_is_type(val, json_type_int)) {
		/* json-c keeps integers beyond int64 as uint64 or doubles. */
		errno = 0;
		int64_t x = json_object_get_int64(val);
		if (x >= INT_MIN && x <= INT_MAX &&
		    json_object_get_uint64(val) <= (uint64_t)INT64_MAX) {
			*out = x;
			return 1;
		}
	} else if (json_object_is_type(val, json_type_double)) {
		double d = json_object_get_double(val);
		if (isfinite(d) && d != floor(d))
			return type_error(r, val, "Integer");
		if (isfinite(d) && d >= INT_MIN && d <= INT_MAX) {
			*out = (long long)d;
			return 1;
		}
	} else {
		return type_error(r, val, "Integer");
	}
	sim_reply_coral(r, 400, "SerializationException", "Numeric value (%s) out of range of int",
			json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN));
	return -1;
}

int sim_get_double(json_object *o, const char *key, double *out, struct sim_reply *r)
{
	json_object *val = field(o, key);

	if (!val)
		return 0;
	if (!json_object_is_type(val, json_type_int) && !json_object_is_type(val, json_type_double))
		return type_error(r, val, "Double");
	*out = json_object_get_double(val);
	if (!isfinite(*out)) {
		sim_reply_coral(r, 400, "SerializationException",
				"Numeric value (%s) out of range of double",
				json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN));
		return -1;
	}
	return 1;
}

int sim_get_timestamp(json_object *o, const char *key, double *out, struct sim_reply *r)
{
	json_object *val = field(o, key);

	if (val && !json_object_is_type(val, json_type_int) &&
	    !json_object_is_type(val, json_type_double))
		return type_error(r, val, "Date");
	return sim_get_double(o, key, out, r);
}

int sim_get_bool(json_object *o, const char *key, bool *out, struct sim_reply *r)
{
	json_object *val = field(o, key);

	if (!val)
		return 0;
	if (!json_object_is_type(val, json_type_boolean))
		return type_error(r, val, "Boolean");
	*out = json_object_get_boolean(val);
	return 1;
}

/* An object or an array member: the other of the two is a type error
 * naming what was wanted (as the service words it); anything else cannot
 * even be read as a container. */
static int get_container(json_object *o, const char *key, json_type want, const char *shape,
			 json_object **out, struct sim_reply *r)
{
	json_object *val = field(o, key);
	json_type other = want == json_type_object ? json_type_array : json_type_object;

	if (!val)
		return 0;
	if (!json_object_is_type(val, want)) {
		if (json_object_is_type(val, other))
			return type_error(r, val, shape);
		sim_reply_coral(r, 400, "SerializationException",
				"Unexpected value type in payload");
		return -1;
	}
	*out = val;
	return 1;
}

int sim_get_object(json_object *o, const char *key, json_object **out, struct sim_reply *r)
{
	return get_container(o, key, json_type_object, "Structure", out, r);
}

int sim_get_array(json_object *o, const char *key, json_object **out, struct sim_reply *r)
{
	return get_container(o, key, json_type_array, "List", out, r);
}

void sim_check_required(struct sim_verr *v, const char *member, bool present)
{
	if (!present)
		sim_verr_add(
			v,
			"Value null at '%s' failed to satisfy constraint: Member must not be null",
			member);
}

/* Lengths count characters (UTF-16 units in Java; code points here). */
static long utf8_length(const char *s)
{
	long n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

void sim_check_length(struct sim_verr *v, const char *member, const char *value, long min, long max)
{
	long n = utf8_length(value);

	if (n < min)
		sim_verr_add(
			v,
			"Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %ld",
			value, member, min);
	if (max >= 0 && n > max)
		sim_verr_add(
			v,
			"Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %ld",
			value, member, max);
}

void sim_check_range(struct sim_verr *v, const char *member, long long value, long long min,
		     long long max)
{
	if (value < min)
		sim_verr_add(
			v,
			"Value '%lld' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %lld",
			value, member, min);
	if (value > max)
		sim_verr_add(
			v,
			"Value '%lld' at '%s' failed to satisfy constraint: Member must have value less than or equal to %lld",
			value, member, max);
}

void sim_check_enum(struct sim_verr *v, const char *member, const char *value,
		    const char *const *set)
{
	struct buf b = BUF_INIT;

	for (const char *const *p = set; *p; p++)
		if (strcmp(*p, value) == 0)
			return;
	for (const char *const *p = set; *p; p++) {
		if (p != set)
			buf_puts(&b, ", ");
		buf_puts(&b, *p);
	}
	sim_verr_add(
		v,
		"Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]",
		value, member, buf_str(&b));
	buf_free(&b);
}

bool sim_name_pattern_ok(const char *s, int reps)
{
	int groups = 0;

	/* [a-zA-Z0-9] then groups of hyphens each closed by one alphanumeric. */
	if (!ascii_isalnum((unsigned char)*s))
		return false;
	for (s++; *s; groups++) {
		while (*s == '-')
			s++;
		if (!ascii_isalnum((unsigned char)*s))
			return false;
		s++;
	}
	return groups <= reps;
}

void sim_check_pattern(struct sim_verr *v, const char *member, const char *value, bool ok,
		       const char *pattern)
{
	if (!ok)
		sim_verr_add(
			v,
			"Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s",
			value, member, pattern);
}

void sim_check_name(struct sim_verr *v, const char *member, const char *value, int reps)
{
	char *pattern = xasprintf("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,%d}", reps);

	sim_check_pattern(v, member, value, sim_name_pattern_ok(value, reps), pattern);
	free(pattern);
}

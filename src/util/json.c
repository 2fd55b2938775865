/* Compact JSON text and tolerant member lookups (see json.h). */
#include "config.h"
#include "util/json.h"
#include "util/xalloc.h"

char *jsonutil_text(json_object *o)
{
	return xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						      JSON_C_TO_STRING_NOSLASHESCAPE));
}

char *jsonutil_text_put(json_object *o)
{
	char *s = jsonutil_text(o);

	json_object_put(o);
	return s;
}

json_object *jsonutil_member(json_object *o, const char *k, json_type t)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, k, &v) || !json_object_is_type(v, t))
		return NULL;
	return v;
}

json_object *jsonutil_number(json_object *o, const char *k)
{
	json_object *v = jsonutil_member(o, k, json_type_int);

	return v ? v : jsonutil_member(o, k, json_type_double);
}

char *jsonutil_strdup(json_object *o, const char *k)
{
	json_object *v = jsonutil_member(o, k, json_type_string);

	return v ? xstrdup(json_object_get_string(v)) : NULL;
}

void jsonutil_put_str(json_object *o, const char *k, const char *v)
{
	if (v)
		json_object_object_add(o, k, json_object_new_string(v));
}

void jsonutil_put_int(json_object *o, const char *k, struct opt_int v)
{
	if (v.set)
		json_object_object_add(o, k, json_object_new_int64(v.v));
}

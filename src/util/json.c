/* Compact JSON text, tolerant member lookups and Python's float repr
 * (see json.h). */
#include "config.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Python's repr(float): the shortest digits that read back the same, in
 * fixed notation for 1e-4 <= |x| < 1e16 and exponent notation otherwise. */
void jsonutil_py_float(struct buf *b, double x)
{
	char tmp[40], digits[24];
	int p, exp = 0, nd = 0, decpt, i;
	char *e;

	if (isnan(x)) {
		buf_puts(b, "NaN");
		return;
	}
	if (isinf(x)) {
		buf_puts(b, x < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (signbit(x))
		buf_putc(b, '-');
	x = fabs(x);
	if (x == 0) {
		buf_puts(b, "0.0");
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	e = strchr(tmp, 'e');
	exp = atoi(e + 1);
	for (i = 0; tmp + i < e; i++)
		if (tmp[i] != '.')
			digits[nd++] = tmp[i];
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	decpt = exp + 1;
	if (decpt <= -4 || decpt > 16) {
		buf_putc(b, digits[0]);
		if (nd > 1) {
			buf_putc(b, '.');
			buf_puts(b, digits + 1);
		}
		buf_printf(b, "e%+03d", exp);
	} else if (decpt <= 0) {
		buf_puts(b, "0.");
		for (i = 0; i < -decpt; i++)
			buf_putc(b, '0');
		buf_puts(b, digits);
	} else if (decpt < nd) {
		buf_append(b, digits, (size_t)decpt);
		buf_putc(b, '.');
		buf_puts(b, digits + decpt);
	} else {
		buf_puts(b, digits);
		for (i = nd; i < decpt; i++)
			buf_putc(b, '0');
		buf_puts(b, ".0");
	}
}

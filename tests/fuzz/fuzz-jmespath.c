/* Fuzzes the JMESPath parser and evaluator: the input's first line is the
 * expression, the rest a JSON document (a fixed one when it does not
 * parse).  Whatever the input: no crash, no leak, no stack overflow; a
 * failed compile or search names a known error type at an offset inside
 * the expression with a message; a result serialises to JSON that json-c
 * reads back as the same value. */
#include "config.h"

#include <string.h>
#include <json.h>

#include "jmespath/jmespath.h"
#include "fuzz.h"

static const char fixed_doc[] =
	"{\"a\":{\"b\":[1,2.5,\"x\",null,true,{\"c\":[[1,2],[3]]}]},"
	"\"jobs\":[{\"JobName\":\"j1\",\"Status\":\"COMPLETED\",\"n\":3},"
	"{\"JobName\":\"j2\",\"Status\":\"FAILED\",\"n\":-1.5}],\"s\":\"h\\u00e9llo\"}";

static void check_error(const struct jp_error *err, const char *expr, size_t len)
{
	FUZZ_CHECK(err->kind != JP_ERR_NONE);
	FUZZ_CHECK(err->msg != NULL);
	FUZZ_CHECK(err->pos <= len);
	FUZZ_CHECK(strlen(jp_error_kind_name(err->kind)) > 0);
	char *line = jp_error_format(expr, len, err);
	FUZZ_CHECK(line != NULL);
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	char *nl = memchr(in, '\n', size);
	size_t elen = nl ? (size_t)(nl - in) : size;
	struct json_object *doc = NULL, *res = NULL, *back;
	struct jp_error err;
	struct jp_expr *e;

	if (nl)
		doc = json_tokener_parse(nl + 1);
	if (!doc)
		doc = json_tokener_parse(fixed_doc);
	e = jp_compile(in, elen, &err);
	if (!e) {
		check_error(&err, in, elen);
	} else if (jp_search(e, doc, &res, &err) < 0) {
		check_error(&err, in, elen);
		FUZZ_CHECK(res == NULL);
	} else {
		const char *text = json_object_to_json_string_ext(res, JSON_C_TO_STRING_PLAIN);
		back = json_tokener_parse(text);
		FUZZ_CHECK(back != NULL || res == NULL);
		if (back && !json_object_is_type(res, json_type_double))
			FUZZ_CHECK(json_object_equal(back, res) || strstr(text, "."));
		json_object_put(back);
	}
	jp_error_clear(&err);
	json_object_put(res);
	jp_free(e);
	json_object_put(doc);
	free(in);
	return 0;
}

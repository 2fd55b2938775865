/* Fuzzes the printers every response goes through (--output json, table,
 * text): whatever the body, what they print is valid UTF-8 without a single
 * control character but newlines (table and text) and without any unsafe
 * code point; the json printer's output is JSON again, with the same value
 * as the input when json-c reads both and the input is UTF-8. */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <json.h>

#include "cli/output.h"
#include "util/sanitize.h"
#include "fuzz.h"

static bool valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

static void check_printable(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		FUZZ_CHECK(k > 0);
		FUZZ_CHECK(cp == '\n' || cp == '\t' || !sanitize_is_unsafe(cp));
		i += k;
	}
}

typedef int printer(FILE *out, const char *json, size_t len, char **err);

static int table80(FILE *out, const char *json, size_t len, char **err)
{
	return output_table_width(out, 80, "GetScalingConfigurationRecommendation", json, len, err);
}

static char *run(printer *p, const uint8_t *data, size_t size, int *rc, size_t *n)
{
	char *text = NULL, *err = NULL;
	FILE *f = open_memstream(&text, n);

	FUZZ_CHECK(f != NULL);
	*rc = p(f, (const char *)data, size, &err);
	fclose(f);
	if (*rc != 0)
		FUZZ_CHECK(err != NULL);
	free(err);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	printer *printers[] = { output_json, table80, output_text };
	int rc;
	size_t n;

	for (size_t i = 0; i < sizeof printers / sizeof *printers; i++) {
		char *text = run(printers[i], data, size, &rc, &n);
		check_printable(text, n);
		if (i == 0 && rc == 0 && n > 0) {
			/* (Nothing at all is printed for an empty answer, as the
			 * AWS CLI does.) */
			json_object *out = json_tokener_parse(text);
			FUZZ_CHECK(out != NULL || strcmp(text, "null\n") == 0);
			char *in_s = fuzz_cstr(data, size);
			json_object *in = json_tokener_parse(in_s);
			/* (Bytes that are not UTF-8 cannot survive as JSON text.) */
			if (in && out && !json_object_is_type(in, json_type_double) &&
			    valid_utf8((const char *)data, size))
				FUZZ_CHECK(json_object_equal(in, out));
			json_object_put(in);
			json_object_put(out);
			free(in_s);
		}
		free(text);
	}
	return 0;
}

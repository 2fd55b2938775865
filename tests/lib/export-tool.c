/* Test helper: renders one export format from a response and a request
 * read from files, so the shell tests can feed hostile values into every
 * exported field.  Usage:
 *   export-tool FORMAT RESPONSE.json REQUEST.json ENDPOINT VARIANT POLICY|- REGION|- */
#include "config.h"
#include "testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "util/buf.h"
#include "util/xalloc.h"

static char *slurp(const char *path)
{
	char *text = testfile_slurp(path, NULL);

	if (!text)
		xfatal("cannot read %s", path);
	return text;
}

int main(int argc, char **argv)
{
	struct scaling_response resp = { 0 };
	struct scaling_request req = { 0 };
	char *err = NULL, *out = NULL;

	if (argc != 8) {
		fprintf(stderr,
			"usage: export-tool FORMAT RESPONSE REQUEST ENDPOINT VARIANT POLICY|- REGION|-\n");
		return 2;
	}
	int f = export_format_from_key(argv[1]);
	char *rj = slurp(argv[2]), *qj = slurp(argv[3]);

	if (f < 0 || scaling_response_parse(rj, strlen(rj), &resp, &err) != 0 ||
	    scaling_request_from_json(qj, &req, &err) != 0) {
		fprintf(stderr, "export-tool: %s\n", err ? err : "unknown format");
		return 2;
	}
	struct export_input in = {
		&req,
		&resp,
		argv[4],
		argv[5],
		strcmp(argv[6], "-") ? argv[6] : NULL,
		strcmp(argv[7], "-") ? argv[7] : NULL,
	};
	if (export_render(f, &in, &out, &err) != 0) {
		fprintf(stderr, "export-tool: %s\n", err);
		return 1;
	}
	fputs(out, stdout);
	free(out);
	free(rj);
	free(qj);
	scaling_request_free(&req);
	scaling_response_free(&resp);
	return 0;
}

/* Test helper: prints a JSON document read from a file with one of the
 * --output printers, so that tests/cli/output-yaml.sh can feed values that no
 * service answer holds (and compare them with Python's yaml).  Usage:
 *   yaml-tool json|table|text|yaml|yaml-stream FILE */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/output.h"
#include "util/buf.h"
#include "util/fileio.h"

int main(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	enum cli_output fmt;
	char *err = NULL;
	FILE *f;

	if (argc != 3 || output_parse_format(argv[1], &fmt) != 0) {
		fputs("usage: yaml-tool json|table|text|yaml|yaml-stream FILE\n", stderr);
		return 2;
	}
	f = fopen(argv[2], "rb");
	if (!f || fileio_read_stream(f, 64 << 20, &b) != 0) {
		perror(argv[2]);
		return 2;
	}
	fclose(f);
	if (output_print(stdout, fmt, "Test", buf_str(&b), b.len, &err) != 0) {
		fprintf(stderr, "yaml-tool: %s\n", err);
		return 1;
	}
	buf_free(&b);
	return 0;
}

/* bench/jp: the --query path alone, for bench/query.sh.
 *   jp EXPR FILE          the whole --query path over the document in FILE,
 *                         as `sagescale ... --query EXPR` takes it: parse the
 *                         answer, search, print as --output json
 *   jp -n N EXPR FILE     the evaluation alone: the document parsed and the
 *                         expression compiled once, N searches timed; prints
 *                         microseconds per search
 *   jp -p FILE            json-c's parse of FILE alone (output_parse_json
 *                         and the free): the floor under the whole path
 *   jp -b N FILE          benchmarks.json of the compliance suite: for each
 *                         case, microseconds per run of what it names
 *                         ("parse": compile; "interpret": search; "full":
 *                         both), N runs; prints "i|us" lines */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json.h>

#include "cli/output.h"
#include "cli/output-int.h"
#include "jmespath/jmespath.h"
#include "util/buf.h"
#include "util/fileio.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct jp_expr *compile(const char *expr)
{
	struct jp_error e;
	struct jp_expr *q = jp_compile(expr, strlen(expr), &e);

	if (!q) {
		char *m = jp_error_format(expr, strlen(expr), &e);
		fprintf(stderr, "jp: %s\n", m);
		exit(2);
	}
	return q;
}

/* (not inlined: bench/query.sh counts its instructions with callgrind) */
__attribute__((noinline)) static void search(struct jp_expr *q, struct json_object *doc)
{
	struct json_object *r = NULL;
	struct jp_error e;

	if (jp_search(q, doc, &r, &e) < 0) {
		fprintf(stderr, "jp: %s\n", e.msg);
		exit(2);
	}
	json_object_put(r);
}

static int whole(const char *expr, const char *file)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	struct jp_expr *q = compile(expr);
	FILE *f = fopen(file, "r");

	if (!f || fileio_read_stream(f, 0, &b) != 0) {
		perror(file);
		return 1;
	}
	fclose(f);
	output_set_query(q);
	if (output_print(stdout, CLI_OUTPUT_JSON, "", buf_str(&b), b.len, &err) != 0) {
		fprintf(stderr, "jp: %s\n", err);
		return 2;
	}
	buf_free(&b);
	jp_free(q);
	return 0;
}

static int parse_only(const char *file)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	struct json_object *doc;
	FILE *f = fopen(file, "r");

	if (!f || fileio_read_stream(f, 0, &b) != 0) {
		perror(file);
		return 1;
	}
	fclose(f);
	if (!(doc = output_parse_json(buf_str(&b), b.len, &err))) {
		fprintf(stderr, "jp: %s\n", err);
		return 2;
	}
	json_object_put(doc);
	buf_free(&b);
	return 0;
}

static int eval_only(long n, const char *expr, const char *file)
{
	struct json_object *doc = json_object_from_file(file);
	struct jp_expr *q = compile(expr);
	double t0;

	search(q, doc); /* warm */
	t0 = now();
	for (long i = 0; i < n; i++)
		search(q, doc);
	printf("%.3f\n", (now() - t0) / (double)n * 1e6);
	jp_free(q);
	json_object_put(doc);
	return 0;
}

static int benchmarks(long n, const char *file)
{
	struct json_object *groups = json_object_from_file(file), *cases, *given, *c, *v;
	int k = 0;

	for (size_t g = 0; g < json_object_array_length(groups); g++) {
		json_object_object_get_ex(json_object_array_get_idx(groups, g), "given", &given);
		json_object_object_get_ex(json_object_array_get_idx(groups, g), "cases", &cases);
		for (size_t i = 0; i < json_object_array_length(cases); i++) {
			c = json_object_array_get_idx(cases, i);
			json_object_object_get_ex(c, "expression", &v);
			const char *expr = json_object_get_string(v);
			json_object_object_get_ex(c, "bench", &v);
			const char *kind = json_object_get_string(v);
			struct jp_expr *q = compile(expr);
			double t0 = now();

			for (long r = 0; r < n; r++) {
				if (strcmp(kind, "interpret") == 0) {
					search(q, given);
				} else {
					struct jp_expr *q2 = compile(expr);
					if (strcmp(kind, "full") == 0)
						search(q2, given);
					jp_free(q2);
				}
			}
			printf("%d|%.3f\n", ++k, (now() - t0) / (double)n * 1e6);
			jp_free(q);
		}
	}
	json_object_put(groups);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "-n") == 0)
		return eval_only(atol(argv[2]), argv[3], argv[4]);
	if (argc == 4 && strcmp(argv[1], "-b") == 0)
		return benchmarks(atol(argv[2]), argv[3]);
	if (argc == 3 && strcmp(argv[1], "-p") == 0)
		return parse_only(argv[2]);
	if (argc == 3)
		return whole(argv[1], argv[2]);
	fputs("usage: jp [-n N] EXPR FILE | jp -p FILE | jp -b N BENCHMARKS.json\n", stderr);
	return 2;
}

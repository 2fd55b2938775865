/* Shared command-line parsing: the connection flags, the recommendation
 * input flags (ours and the AWS CLI's spellings), --output, and a hook for
 * each command's own options.  Bad input: one line naming the flag and the
 * rule on stderr, exit code 2, nothing sent. */
#ifndef SAGESCALE_OPTIONS_H
#define SAGESCALE_OPTIONS_H
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include "sagemaker/scaling.h"

struct jp_expr;

/* Which shared flag groups a command accepts (bit set). */
enum {
	CLI_GROUP_CONN = 1 << 0,   /* --profile --region --endpoint-url --ca-bundle --demo
					   --debug --allow-http --read-only --no-history
					   --connect-timeout --timeout */
	CLI_GROUP_INPUT = 1 << 1,  /* --job --recommendation-id --endpoint-name --cpu
					   --min-invocations --max-invocations
					   --scaling-policy-objective --cli-input-json
					   --cli-input-yaml --generate-cli-skeleton */
	CLI_GROUP_OUTPUT = 1 << 2, /* --output json|table|text|yaml|yaml-stream, --color,
					   --query */
	CLI_GROUP_PAGE = 1 << 3,   /* --no-paginate --page-size --max-items --starting-token */
	CLI_GROUP_QUERY = 1 << 4,  /* --query alone (commands with their own --output) */
};

/* --generate-cli-skeleton (src/cli/skeleton.h). */
enum cli_skeleton { CLI_SKELETON_NONE, CLI_SKELETON_INPUT, CLI_SKELETON_OUTPUT };

/* The AWS CLI's paging flags of a listing (src/cli/paginate.h). */
struct cli_paging {
	bool no_paginate;
	int page_size; /* items per request, 0: the service's default */
	bool max_items_set;
	long long max_items;        /* stop after this many items (resume token) */
	const char *starting_token; /* NULL: from the start */
};

/* A command's own long options use val >= CLI_OPT_USER. */
#define CLI_OPT_USER 1000

enum cli_output {
	CLI_OUTPUT_JSON,
	CLI_OUTPUT_TABLE,
	CLI_OUTPUT_TEXT,
	CLI_OUTPUT_YAML,        /* the whole answer as one YAML document */
	CLI_OUTPUT_YAML_STREAM, /* each page a one-item YAML list */
};
/* --color for table output: auto colours a terminal only. */
enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ON, CLI_COLOR_OFF };
/* The profile's cli_timestamp_format: none (or wire) prints timestamps as
 * the service sent them, iso8601 as ISO 8601 in the local time zone. */
enum cli_timestamps { CLI_TIMESTAMPS_NONE, CLI_TIMESTAMPS_ISO8601 };

/* Connection settings from the command line; NULL / 0 mean "not given". */
struct cli_conn {
	const char *profile, *region, *endpoint_url, *ca_bundle;
	bool demo;                           /* in-process simulator, demo credentials */
	bool debug;                          /* log requests to stderr, secrets redacted */
	bool allow_http;                     /* plain http:// to a non-loopback host */
	bool read_only;                      /* never call mutating APIs (apply) */
	bool no_history;                     /* do not read or write the history file */
	long connect_timeout_ms, timeout_ms; /* connect: -1 none (--cli-connect-timeout 0) */
	long read_timeout_ms;                /* --cli-read-timeout: -1 none */
};

struct cli_extra {
	/* The command's own options (terminated by a zero entry), val >= CLI_OPT_USER. */
	const struct option *longopts;
	/* Called for each of them.  Return 0, or -1 with *err a translated
	 * message naming the flag and the rule (the parser prints it, exit 2). */
	int (*handle)(int val, const char *optname, const char *arg, void *ud, char **err);
	void *ud;
};

struct cli_args {
	struct cli_conn conn;
	/* The recommendation input: --cli-input-json first, flags over it. */
	struct scaling_request req;
	bool have_input; /* any input flag or --cli-input-json given */
	/* How each field was spelled by the user (for messages), e.g. "--cpu". */
	const char *field_flag[SCALING_FIELD_COUNT];
	/* --output, else AWS_DEFAULT_OUTPUT, else the profile's output, else json. */
	enum cli_output output;
	bool output_set; /* given by --output */
	enum cli_color color;
	enum cli_timestamps timestamps;
	struct cli_paging page;
	enum cli_skeleton skeleton; /* --generate-cli-skeleton: print it, send nothing */
	const char *input_yaml;     /* --cli-input-yaml's argument (read into req) */
	/* --query, compiled while parsing (so a bad one is a usage error
	 * before anything is sent) and handed to output_print; NULL: none. */
	struct jp_expr *query;
	bool help; /* --help / -h seen: print help, exit 0 */
	int nrest; /* non-option arguments left over */
	char **rest;
};

/* Parses argv accepting the groups given and the command's extra options
 * (may be NULL).  command names the command for messages ("see sagescale
 * NAME --help"); NULL when argv[0] is the program itself (the terminal
 * interface started without a command word).  Returns 0, or 2 after
 * printing one line "sagescale: --flag: rule (got "x")" to stderr.
 * The input is checked flag by flag; call cli_check_request() for the
 * whole-request rules once the command knows it needs a request. */
int cli_parse(int argc, char **argv, const char *command, unsigned groups,
	      const struct cli_extra *extra, struct cli_args *out);
/* The whole-request rules (job given, exactly one of recommendation id /
 * endpoint name, min <= max).  Returns 0, or 2 after printing one line. */
int cli_check_request(const struct cli_args *a);
void cli_args_free(struct cli_args *a);
/* Every long option of a command with these groups and own options
 * (terminated by a zero entry; the caller frees), for completion. */
struct option *cli_command_options(unsigned groups, const struct option *longopts);

/* Prints "sagescale: " + message + newline to stderr (message sanitised). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The help text for the shared groups, for each command's --help. */
void cli_print_group_help(FILE *out, unsigned groups);
/* Parsing helpers for commands' own options (messages name the flag). */
int cli_parse_int(const char *flag, const char *arg, long long min, long long max, long long *v,
		  char **err);
int cli_parse_seconds(const char *flag, const char *arg, long *ms, char **err);
int cli_parse_socket_timeout(const char *flag, const char *arg, long *ms, char **err);
/* The formats of sweep and replay (their own --output, not the AWS CLI's). */
enum cli_fmt { CLI_FMT_JSON, CLI_FMT_TABLE, CLI_FMT_CSV, CLI_FMT_YAML, CLI_FMT_YAML_STREAM };
/* json, table, csv, yaml or yaml-stream. */
int cli_parse_fmt(const char *flag, const char *arg, enum cli_fmt *out, char **err);
/* Takes --cpu (or --target-cpu-utilization-per-core) and its value out of
 * argv, for the commands where it may be a range the shared parser (one
 * value) would refuse: the value in *text (the last given), the rest of
 * argv returned (the caller frees the array), its length in *nargc. */
char **cli_take_cpu(int argc, char **argv, int *nargc, const char **text);
/* on, off or auto (src/cli/outcfg.c). */
int cli_parse_color(const char *flag, const char *arg, enum cli_color *c, char **err);
/* The output settings not given by flags, as the AWS CLI takes them: the
 * format from AWS_DEFAULT_OUTPUT, else the profile's output (config file),
 * else json; cli_timestamp_format from the profile.  Tells the table
 * printer the colour choice.  Returns 0, or -1 with *err naming where a
 * bad value came from (src/cli/outcfg.c). */
int cli_output_settings(struct cli_args *a, char **err);
/* The answer (a Inference Recommender job listing or description) with its
 * timestamps as `how` asks: the text unchanged for none, ISO 8601 strings
 * in the local time zone for iso8601.  The caller frees. */
char *cli_timestamps_apply(const char *json, enum cli_timestamps how);

#endif

/* The AWS CLI's --generate-cli-skeleton [input|output] and --cli-input-yaml
 * for the commands that take a recommendation request (recommend, sweep,
 * apply): the request's JSON skeleton, a sample answer, and the request
 * read from YAML as --cli-input-json reads it from JSON. */
#ifndef SAGESCALE_CLI_SKELETON_H
#define SAGESCALE_CLI_SKELETON_H
#include <stddef.h>

#include "cli/options.h"

/* "input" (or no value) or "output".  0, or -1. */
int cli_parse_skeleton(const char *arg, enum cli_skeleton *out);
/* Prints the skeleton a->skeleton asks for: input as JSON (always), output
 * in a->output (for sweep, a list of one answer).  Returns the exit code. */
int cli_skeleton_print(const char *command, const struct cli_args *a);
/* A YAML document (a mapping) as JSON text for scaling_request_from_json;
 * NULL with *err (translated, names --cli-input-yaml).  Depth and size are
 * bounded (aliases cannot blow it up). */
char *cli_yaml_to_json(const char *text, size_t len, char **err);

#endif

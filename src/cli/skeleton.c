/* --generate-cli-skeleton and --cli-input-yaml (see skeleton.h).
 *
 * The skeletons are what botocore's ArgumentGenerator makes of the service
 * model's GetScalingConfigurationRecommendation shapes (tests/cli/skeleton.sh
 * compares them with it): the input one with empty values, as
 * `aws ... --generate-cli-skeleton` prints it, the output one with member
 * names as values, as the AWS CLI's stubbed call answers for
 * `--generate-cli-skeleton output`.
 *
 * YAML input is read by libyaml into a document and turned into json-c
 * values: plain scalars resolve as YAML's core schema does (null, bool,
 * integer, float), quoted ones stay strings, so that a skeleton filled in
 * as YAML means what the same skeleton means as JSON. */
#include "config.h"
#include "cli/skeleton.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 64
#define YAML_MAX_NODES 100000 /* aliases can make a small text a huge tree */

static const char skeleton_input[] =
	"{\"InferenceRecommendationsJobName\": \"\", \"RecommendationId\": \"\", "
	"\"EndpointName\": \"\", \"TargetCpuUtilizationPerCore\": 0, "
	"\"ScalingPolicyObjective\": {\"MinInvocationsPerMinute\": 0, "
	"\"MaxInvocationsPerMinute\": 0}}";

static const char skeleton_output[] =
	"{\"InferenceRecommendationsJobName\": \"InferenceRecommendationsJobName\", "
	"\"RecommendationId\": \"RecommendationId\", \"EndpointName\": \"EndpointName\", "
	"\"TargetCpuUtilizationPerCore\": 0, "
	"\"ScalingPolicyObjective\": {\"MinInvocationsPerMinute\": 0, "
	"\"MaxInvocationsPerMinute\": 0}, "
	"\"Metric\": {\"InvocationsPerInstance\": 0, \"ModelLatency\": 0}, "
	"\"DynamicScalingConfiguration\": {\"MinCapacity\": 0, \"MaxCapacity\": 0, "
	"\"ScaleInCooldown\": 0, \"ScaleOutCooldown\": 0, \"ScalingPolicies\": [{"
	"\"TargetTracking\": {\"MetricSpecification\": {"
	"\"Predefined\": {\"PredefinedMetricType\": \"PredefinedMetricType\"}, "
	"\"Customized\": {\"MetricName\": \"MetricName\", \"Namespace\": \"Namespace\", "
	"\"Statistic\": \"Statistic\"}}, \"TargetValue\": 0.0}}]}}";

int cli_parse_skeleton(const char *arg, enum cli_skeleton *out)
{
	if (!arg || strcmp(arg, "input") == 0)
		*out = CLI_SKELETON_INPUT;
	else if (strcmp(arg, "output") == 0)
		*out = CLI_SKELETON_OUTPUT;
	else
		return -1;
	return 0;
}

int cli_skeleton_print(const char *command, const struct cli_args *a)
{
	char *err = NULL;
	int rc;

	if (a->skeleton == CLI_SKELETON_INPUT) {
		/* Always JSON, whatever --output says (as the AWS CLI). */
		rc = output_json(stdout, skeleton_input, strlen(skeleton_input), &err);
	} else if (strcmp(command, "sweep") == 0) {
		/* sweep prints an array of answers, one per CPU target. */
		char *list = xasprintf("[%s]", skeleton_output);
		rc = output_print(stdout, a->output, "GetScalingConfigurationRecommendation", list,
				  strlen(list), &err);
		free(list);
	} else {
		rc = output_print(stdout, a->output, "GetScalingConfigurationRecommendation",
				  skeleton_output, strlen(skeleton_output), &err);
	}
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_SERVICE;
	}
	return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_NETWORK;
}

/* ---- YAML to JSON ---- */

struct conv {
	yaml_document_t *doc;
	size_t nodes;
	char **err;
};

static bool is_plain_null(const char *s)
{
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	       strcmp(s, "NULL") == 0;
}

/* A plain scalar as the YAML 1.2 core schema reads it. */
static json_object *plain_scalar(const char *s)
{
	char *end;

	if (is_plain_null(s))
		return NULL;
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return json_object_new_boolean(1);
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return json_object_new_boolean(0);
	size_t sign = *s == '-' || *s == '+';

	if (s[sign] && strspn(s + sign, "0123456789") == strlen(s + sign)) {
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (!errno && !*end && end != s)
			return json_object_new_int64(v);
	}
	if (strpbrk(s, "0123456789") && strspn(s, "+-0123456789.eE") == strlen(s)) {
		errno = 0;
		double d = strtod(s, &end);
		if (!errno && !*end && end != s && isfinite(d))
			return json_object_new_double(d);
	}
	return json_object_new_string(s);
}

static int convert(struct conv *c, yaml_node_t *n, int depth, json_object **out)
{
	*out = NULL;
	if (!n)
		return 0;
	if (++c->nodes > YAML_MAX_NODES || depth > YAML_MAX_DEPTH) {
		*c->err = xstrdup(
			_("--cli-input-yaml: the document is nested too deeply or too large"));
		return -1;
	}
	switch (n->type) {
	case YAML_SCALAR_NODE: {
		const char *v = (const char *)n->data.scalar.value;

		/* libyaml's loader gives untagged scalars the str tag, so the
		 * style decides: quoted is a string, plain is resolved. */
		if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
			*out = json_object_new_string_len(v, (int)n->data.scalar.length);
		else
			*out = plain_scalar(v);
		return 0;
	}
	case YAML_SEQUENCE_NODE: {
		json_object *arr = json_object_new_array();
		for (yaml_node_item_t *i = n->data.sequence.items.start;
		     i < n->data.sequence.items.top; i++) {
			json_object *v;
			if (convert(c, yaml_document_get_node(c->doc, *i), depth + 1, &v) != 0) {
				json_object_put(arr);
				return -1;
			}
			json_object_array_add(arr, v);
		}
		*out = arr;
		return 0;
	}
	case YAML_MAPPING_NODE: {
		json_object *obj = json_object_new_object();
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
			json_object *v;

			if (!k || k->type != YAML_SCALAR_NODE) {
				*c->err = xstrdup(
					_("--cli-input-yaml: every key must be a plain string"));
				json_object_put(obj);
				return -1;
			}
			yaml_node_t *val = yaml_document_get_node(c->doc, p->value);

			if (convert(c, val, depth + 1, &v) != 0) {
				json_object_put(obj);
				return -1;
			}
			json_object_object_add(obj, (const char *)k->data.scalar.value, v);
		}
		*out = obj;
		return 0;
	}
	default: return 0;
	}
}

char *cli_yaml_to_json(const char *text, size_t len, char **err)
{
	yaml_parser_t p;
	yaml_document_t doc;
	json_object *root = NULL;
	char *out = NULL;

	if (!yaml_parser_initialize(&p))
		xfatal("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &doc)) {
		*err = xasprintf(_("--cli-input-yaml: not YAML: %s (line %zu, column %zu)"),
				 p.problem ? p.problem : "?", (size_t)p.problem_mark.line + 1,
				 (size_t)p.problem_mark.column + 1);
		yaml_parser_delete(&p);
		return NULL;
	}
	struct conv c = { &doc, 0, err };
	yaml_node_t *top = yaml_document_get_root_node(&doc);

	if (!top || top->type != YAML_MAPPING_NODE)
		*err = xstrdup(
			_("--cli-input-yaml: the document must be a mapping of the request's "
			  "members"));
	else if (convert(&c, top, 0, &root) == 0)
		out = xstrdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN));
	json_object_put(root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return out;
}

/* The Terraform export (see terraform.h).  HCL's native syntax: quoted
 * template strings, numbers as JSON writes them, nested blocks for the
 * policy configuration as the AWS provider's schema names them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "export/terraform.h"
#include "util/json.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

void terraform_quote_buf(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;

	buf_putc(b, '"');
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);

		if (len == 0) { /* invalid UTF-8: the replacement character */
			buf_puts(b, "\\ufffd");
			i++;
			continue;
		}
		if (cp == '\\' || cp == '"')
			buf_printf(b, "\\%c", (char)cp);
		else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp == '\r')
			buf_puts(b, "\\r");
		else if (cp == '\t')
			buf_puts(b, "\\t");
		else if ((cp == '$' || cp == '%') && i + 1 < n && s[i + 1] == '{')
			buf_printf(b, "%c%c", (char)cp, (char)cp);
		else if (sanitize_is_unsafe(cp))
			buf_printf(b, cp > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)cp);
		else
			buf_append(b, s + i, len);
		i += len;
	}
	buf_putc(b, '"');
}

static void indent(struct buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

/* name = value, for a string, number or bool member of o (absent: nothing). */
static void attr(struct buf *b, int depth, const char *name, json_object *o, const char *key,
		 int width)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !v)
		return;
	indent(b, depth);
	buf_printf(b, "%-*s = ", width, name);
	switch (json_object_get_type(v)) {
	case json_type_string: terraform_quote_buf(b, json_object_get_string(v)); break;
	case json_type_boolean: buf_puts(b, json_object_get_boolean(v) ? "true" : "false"); break;
	case json_type_double: {
		char *d = autoscaling_format_double(json_object_get_double(v));

		buf_puts(b, d);
		free(d);
		break;
	}
	default: buf_printf(b, "%lld", (long long)json_object_get_int64(v)); break;
	}
	buf_putc(b, '\n');
}

struct member {
	const char *name, *key;
};

/* Several attributes, their = aligned as terraform fmt aligns them: to the
 * longest name present. */
static void attrs(struct buf *b, int depth, json_object *o, const struct member *m, size_t n)
{
	int width = 0;

	for (size_t i = 0; i < n; i++) {
		json_object *v;

		if (json_object_object_get_ex(o, m[i].key, &v) && v &&
		    (int)strlen(m[i].name) > width)
			width = (int)strlen(m[i].name);
	}
	for (size_t i = 0; i < n; i++)
		attr(b, depth, m[i].name, o, m[i].key, width);
}

#define NM(a) (sizeof(a) / sizeof((a)[0]))

static void open_block(struct buf *b, int depth, const char *name)
{
	indent(b, depth);
	buf_printf(b, "%s {\n", name);
}

static void close_block(struct buf *b, int depth)
{
	indent(b, depth);
	buf_puts(b, "}\n");
}

static void metric_blocks(struct buf *b, json_object *tt)
{
	json_object *pre = jsonutil_member(tt, "PredefinedMetricSpecification", json_type_object);
	json_object *cus = jsonutil_member(tt, "CustomizedMetricSpecification", json_type_object);

	if (pre) {
		static const struct member m[] = { { "predefined_metric_type",
						     "PredefinedMetricType" },
						   { "resource_label", "ResourceLabel" } };

		open_block(b, 2, "predefined_metric_specification");
		attrs(b, 3, pre, m, NM(m));
		close_block(b, 2);
	}
	if (cus) {
		json_object *dims = jsonutil_member(cus, "Dimensions", json_type_array);

		static const struct member m[] = { { "metric_name", "MetricName" },
						   { "namespace", "Namespace" },
						   { "statistic", "Statistic" } };
		static const struct member dm[] = { { "name", "Name" }, { "value", "Value" } };

		open_block(b, 2, "customized_metric_specification");
		attrs(b, 3, cus, m, NM(m));
		for (size_t i = 0; dims && i < json_object_array_length(dims); i++) {
			json_object *d = json_object_array_get_idx(dims, i);

			open_block(b, 3, "dimensions");
			attrs(b, 4, d, dm, NM(dm));
			close_block(b, 3);
		}
		close_block(b, 2);
	}
}

#define TARGET "aws_appautoscaling_target.sagemaker_variant"

static void policy_resource(struct buf *b, json_object *body, size_t n)
{
	json_object *tt =
		jsonutil_member(body, "TargetTrackingScalingPolicyConfiguration", json_type_object);

	buf_printf(b, "\nresource \"aws_appautoscaling_policy\" \"policy_%zu\" {\n", n);
	attr(b, 1, "name", body, "PolicyName", 18);
	attr(b, 1, "policy_type", body, "PolicyType", 18);
	buf_puts(b, "  service_namespace  = " TARGET ".service_namespace\n");
	buf_puts(b, "  resource_id        = " TARGET ".resource_id\n");
	buf_puts(b, "  scalable_dimension = " TARGET ".scalable_dimension\n");
	if (tt) {
		buf_putc(b, '\n');
		static const struct member m[] = { { "target_value", "TargetValue" },
						   { "scale_in_cooldown", "ScaleInCooldown" },
						   { "scale_out_cooldown", "ScaleOutCooldown" },
						   { "disable_scale_in", "DisableScaleIn" } };

		open_block(b, 1, "target_tracking_scaling_policy_configuration");
		attrs(b, 2, tt, m, NM(m));
		metric_blocks(b, tt);
		close_block(b, 1);
	}
	buf_puts(b, "}\n");
}

char *terraform_render(const struct autoscaling_plan *plan, const char *region)
{
	struct buf b = BUF_INIT;
	size_t n = 0;

	/* Comments in English: an export is the same bytes whatever the locale. */
	buf_puts(&b, "# SageMaker endpoint variant autoscaling from a scaling configuration\n"
		     "# recommendation (sagescale), for the AWS provider");
	if (region) {
		buf_puts(&b, ", region ");
		char *r = sanitize_str(region);

		buf_puts(&b, r);
		free(r);
	}
	buf_puts(&b, ".\n");
	if (plan->nskipped)
		buf_printf(
			&b,
			"# %zu scaling policy(ies) of a kind sagescale cannot translate were left out.\n",
			plan->nskipped);
	for (size_t i = 0; i < plan->ncalls; i++) {
		json_object *body = json_tokener_parse(plan->calls[i].json);

		if (strcmp(plan->calls[i].op, "RegisterScalableTarget") == 0) {
			buf_puts(
				&b,
				"\nresource \"aws_appautoscaling_target\" \"sagemaker_variant\" {\n");
			attr(&b, 1, "service_namespace", body, "ServiceNamespace", 18);
			attr(&b, 1, "resource_id", body, "ResourceId", 18);
			attr(&b, 1, "scalable_dimension", body, "ScalableDimension", 18);
			attr(&b, 1, "min_capacity", body, "MinCapacity", 18);
			attr(&b, 1, "max_capacity", body, "MaxCapacity", 18);
			buf_puts(&b, "}\n");
		} else if (strcmp(plan->calls[i].op, "PutScalingPolicy") == 0) {
			policy_resource(&b, body, ++n);
		}
		json_object_put(body);
	}
	return buf_steal(&b);
}

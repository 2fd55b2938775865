/* ListEndpoints, DescribeEndpoint and DescribeEndpointConfig (see
 * endpoints.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "sagemaker/endpoints.h"
#include "sagemaker/paging.h"
#include "util/json.h"
#include "util/i18n.h"
#include "util/xalloc.h"

bool endpoints_is_benchmark(const char *name)
{
	return name && strncmp(name, "sm-epc-", 7) == 0;
}

static int bad_answer(struct aws_result *res, const char *what)
{
	res->kind = AWS_ERR_RESPONSE;
	free(res->error_message);
	res->error_message = xasprintf(_("the answer has no %s"), what);
	return -1;
}

static int call(struct aws_client *c, const char *op, json_object *body, atomic_bool *cancel,
		struct aws_result *res, json_object **out)
{
	char *target = xasprintf("SageMaker.%s", op);
	char *json = jsonutil_text_put(body);

	aws_result_free(res);
	int rc = aws_call(c, "sagemaker", target, json, cancel, res);

	free(target);
	free(json);
	*out = NULL;
	if (rc != 0 || res->kind != AWS_OK)
		return -1;
	*out = json_tokener_parse(res->body ? res->body : "");
	if (!*out || !json_object_is_type(*out, json_type_object)) {
		json_object_put(*out);
		*out = NULL;
		return bad_answer(res, "JSON object");
	}
	return 0;
}

static int cmp_summary(const void *a, const void *b)
{
	const struct endpoints_summary *x = a, *y = b;
	bool xi = strcmp(x->status, "InService") == 0, yi = strcmp(y->status, "InService") == 0;

	if (xi != yi)
		return xi ? -1 : 1;
	return strcmp(x->name, y->name);
}

static double number(json_object *o, const char *k)
{
	json_object *v = jsonutil_number(o, k);

	return v ? json_object_get_double(v) : 0;
}

static char *list_request(const void *arg, const char *token)
{
	const char *name_contains = arg;
	json_object *req = json_object_new_object();

	jsonutil_put_str(req, "NameContains",
			 name_contains && *name_contains ? name_contains : NULL);
	jsonutil_put_str(req, "NextToken", token);
	json_object_object_add(req, "MaxResults", json_object_new_int(100));
	return jsonutil_text_put(req);
}

int endpoints_list_all(struct aws_client *c, const char *name_contains, atomic_bool *cancel,
		       struct endpoints_list *out, struct aws_result *res)
{
	const struct paging_spec spec = {
		.service = "sagemaker",
		.target = "SageMaker.ListEndpoints",
		.list_key = "Endpoints",
		.request = list_request,
		.arg = name_contains,
		.narrow_hint = N_("type part of the name to filter"),
	};
	json_object *merged;
	size_t pages;

	memset(out, 0, sizeof(*out));
	if (paging_fetch_all(c, &spec, cancel, &merged, &pages, res) != 0)
		return -1;
	json_object *arr = jsonutil_member(merged, "Endpoints", json_type_array);

	for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		char *name = jsonutil_strdup(e, "EndpointName");

		if (!name)
			continue;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof(*out->items));
		struct endpoints_summary *s = &out->items[out->n++];
		s->name = name;
		s->status = jsonutil_strdup(e, "EndpointStatus");
		if (!s->status)
			s->status = xstrdup("");
		s->created = number(e, "CreationTime");
	}
	json_object_put(merged);
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), cmp_summary);
	return 0;
}

void endpoints_list_free(struct endpoints_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].status);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int count(json_object *o, const char *k)
{
	json_object *v = jsonutil_number(o, k);

	return v ? json_object_get_int(v) : -1;
}

/* The config's instance type for each variant of the endpoint. */
static void add_types(struct endpoints_detail *d, json_object *cfg)
{
	json_object *arr = jsonutil_member(cfg, "ProductionVariants", json_type_array);

	for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		json_object *v = json_object_array_get_idx(arr, i);
		json_object *name = jsonutil_member(v, "VariantName", json_type_string);

		for (size_t k = 0; name && k < d->nvariants; k++)
			if (strcmp(d->variants[k].name, json_object_get_string(name)) == 0 &&
			    !d->variants[k].instance_type)
				d->variants[k].instance_type = jsonutil_strdup(v, "InstanceType");
	}
}

int endpoints_describe(struct aws_client *c, const char *name, atomic_bool *cancel,
		       struct endpoints_detail *out, const char **op, struct aws_result *res)
{
	json_object *req = json_object_new_object(), *ans, *cfg;

	memset(out, 0, sizeof(*out));
	memset(res, 0, sizeof(*res));
	*op = "DescribeEndpoint";
	jsonutil_put_str(req, "EndpointName", name);
	if (call(c, "DescribeEndpoint", req, cancel, res, &ans) != 0)
		return -1;
	out->name = jsonutil_strdup(ans, "EndpointName");
	out->status = jsonutil_strdup(ans, "EndpointStatus");
	out->failure_reason = jsonutil_strdup(ans, "FailureReason");
	out->config_name = jsonutil_strdup(ans, "EndpointConfigName");
	json_object *arr = jsonutil_member(ans, "ProductionVariants", json_type_array);

	for (size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		json_object *v = json_object_array_get_idx(arr, i);
		char *vn = jsonutil_strdup(v, "VariantName");

		if (!vn)
			continue;
		out->variants =
			xrealloc(out->variants, (out->nvariants + 1) * sizeof(*out->variants));
		struct endpoints_variant *ev = &out->variants[out->nvariants++];
		ev->name = vn;
		ev->instance_type = NULL;
		ev->current_count = count(v, "CurrentInstanceCount");
		ev->desired_count = count(v, "DesiredInstanceCount");
	}
	json_object_put(ans);
	if (!out->name || !out->status) {
		endpoints_detail_free(out);
		return bad_answer(res, "EndpointName and EndpointStatus");
	}
	if (!out->config_name)
		return 0;
	/* The instance types are in the endpoint's configuration. */
	*op = "DescribeEndpointConfig";
	req = json_object_new_object();
	jsonutil_put_str(req, "EndpointConfigName", out->config_name);
	if (call(c, "DescribeEndpointConfig", req, cancel, res, &cfg) != 0) {
		endpoints_detail_free(out);
		return -1;
	}
	add_types(out, cfg);
	json_object_put(cfg);
	return 0;
}

void endpoints_detail_free(struct endpoints_detail *d)
{
	for (size_t i = 0; i < d->nvariants; i++) {
		free(d->variants[i].name);
		free(d->variants[i].instance_type);
	}
	free(d->variants);
	free(d->name);
	free(d->status);
	free(d->failure_reason);
	free(d->config_name);
	memset(d, 0, sizeof(*d));
}

const struct endpoints_variant *endpoints_variant_find(const struct endpoints_detail *d,
						       const char *name)
{
	for (size_t i = 0; name && i < d->nvariants; i++)
		if (strcmp(d->variants[i].name, name) == 0)
			return &d->variants[i];
	return NULL;
}

/* The JMESPath evaluator: walks the syntax tree over json-c values, as
 * jmespath.py's TreeInterpreter does.  Every result is a new reference
 * (NULL for null); inputs are borrowed.  Recursion follows the tree, whose
 * depth the parser bounded. */
#include "config.h"
#include "jmespath/jp-int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static struct json_object *ref(struct json_object *v)
{
	return v ? json_object_get(v) : NULL;
}

static int truth(struct jp_ctx *c, const struct jp_node *n, struct json_object *v, bool *t);

/* Appends v (taking the reference), counted against the budget. */
static int append(struct jp_ctx *c, const struct jp_node *n, struct json_object *arr,
		  struct json_object *v)
{
	if (jp_spend(c, n->pos, 1) < 0) {
		json_object_put(v);
		return -1;
	}
	json_object_array_add(arr, v);
	return 0;
}

static int field(const struct jp_node *n, struct json_object *v, struct json_object **out)
{
	*out = ref(jp_member(v, n->name, n->hash));
	return 0;
}

static int index_of(const struct jp_node *n, struct json_object *v, struct json_object **out)
{
	int64_t len, i = n->idx;

	*out = NULL;
	if (!json_object_is_type(v, json_type_array))
		return 0;
	len = (int64_t)json_object_array_length(v);
	if (i < 0)
		i += len;
	if (i >= 0 && i < len)
		*out = ref(json_object_array_get_idx(v, (size_t)i));
	return 0;
}

/* Python's slice.indices() for one bound. */
static int64_t bound(bool has, int64_t x, int64_t len, int64_t step, bool start)
{
	int64_t lo = step < 0 ? -1 : 0, hi = step < 0 ? len - 1 : len;

	if (!has)
		return start ? (step < 0 ? hi : lo) : (step < 0 ? lo : hi);
	if (x < 0) {
		x = x < -len ? lo : x + len;
		return x < lo ? lo : x;
	}
	return x > hi ? hi : x;
}

static int slice(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		 struct json_object **out)
{
	int64_t len, step = n->has[2] ? n->slice[2] : 1, i, stop;

	*out = NULL;
	if (!json_object_is_type(v, json_type_array))
		return 0;
	len = (int64_t)json_object_array_length(v);
	i = bound(n->has[0], n->slice[0], len, step, true);
	stop = bound(n->has[1], n->slice[1], len, step, false);
	*out = json_object_new_array();
	while (step > 0 ? i < stop : i > stop) {
		if (append(c, n, *out, ref(json_object_array_get_idx(v, (size_t)i))) < 0)
			return -1;
		if (__builtin_add_overflow(i, step, &i))
			break;
	}
	return 0;
}

/* Applies kids[1] to each element of an array, dropping null results;
 * cond (filter projections) chooses the elements first. */
static int project_list(struct jp_ctx *c, const struct jp_node *n, struct json_object *base,
			const struct jp_node *cond, struct json_object **out)
{
	size_t len;
	struct json_object **els = jp_items(base, &len), *r;

	*out = json_object_new_array();
	for (size_t i = 0; i < len; i++) {
		struct json_object *el = els[i];
		if (cond) {
			bool keep;
			if (truth(c, cond, el, &keep) < 0)
				return -1;
			if (!keep)
				continue;
		}
		if (jp_eval(c, n->kids[1], el, &r) < 0)
			return -1;
		if (r && append(c, n, *out, r) < 0)
			return -1;
	}
	return 0;
}

static int projection(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		      struct json_object **out)
{
	struct json_object *base, *vals;
	int rc = 0;

	*out = NULL;
	if (jp_eval(c, n->kids[0], v, &base) < 0)
		return -1;
	if (n->type == JP_N_VALUE_PROJ) {
		if (json_object_is_type(base, json_type_object)) {
			vals = json_object_new_array_ext(json_object_object_length(base));
			json_object_object_foreach(base, k, val)
			{
				(void)k;
				json_object_array_add(vals, ref(val));
			}
			rc = jp_spend(c, n->pos, json_object_array_length(vals));
			if (rc == 0)
				rc = project_list(c, n, vals, NULL, out);
			json_object_put(vals);
		}
	} else if (json_object_is_type(base, json_type_array)) {
		rc = project_list(c, n, base, n->type == JP_N_FILTER_PROJ ? n->kids[2] : NULL, out);
	}
	json_object_put(base);
	return rc;
}

static int flatten(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		   struct json_object **out)
{
	struct json_object *base;
	size_t len;

	*out = NULL;
	if (jp_eval(c, n->kids[0], v, &base) < 0)
		return -1;
	if (json_object_is_type(base, json_type_array)) {
		len = json_object_array_length(base);
		*out = json_object_new_array();
		for (size_t i = 0; i < len; i++) {
			struct json_object *el = json_object_array_get_idx(base, i);
			if (json_object_is_type(el, json_type_array)) {
				size_t m = json_object_array_length(el);
				for (size_t j = 0; j < m; j++)
					if (append(c, n, *out,
						   ref(json_object_array_get_idx(el, j))) < 0)
						goto fail;
			} else if (append(c, n, *out, ref(el)) < 0) {
				goto fail;
			}
		}
	}
	json_object_put(base);
	return 0;
fail:
	json_object_put(base);
	return -1;
}

static int multi(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		 struct json_object **out)
{
	struct json_object *r;

	*out = NULL;
	if (!v)
		return 0;
	*out = n->type == JP_N_MULTI_LIST ? json_object_new_array() : json_object_new_object();
	for (size_t i = 0; i < n->nkids; i++) {
		if (jp_eval(c, n->kids[i], v, &r) < 0)
			return -1;
		if (n->type == JP_N_MULTI_LIST) {
			if (append(c, n, *out, r) < 0)
				return -1;
		} else {
			json_object_object_add(*out, n->keys[i], r);
		}
	}
	return 0;
}

/* One side of a comparison: borrowed when it can be (*owned NULL), else
 * evaluated (*owned the reference to put). */
static int side(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		struct json_object **val, struct json_object **owned)
{
	*owned = NULL;
	if (jp_peek(n, v, val))
		return 0;
	if (jp_eval(c, n, v, owned) < 0)
		return -1;
	*val = *owned;
	return 0;
}

/* A comparison: 1 true, 0 false, 2 null (ordering of other types), -1 error. */
static int compare_value(struct jp_ctx *c, const struct jp_node *n, struct json_object *v)
{
	struct json_object *a, *b, *oa, *ob;
	int d, r;

	if (side(c, n->kids[0], v, &a, &oa) < 0)
		return -1;
	if (side(c, n->kids[1], v, &b, &ob) < 0) {
		json_object_put(oa);
		return -1;
	}
	if (n->op == JP_EQ || n->op == JP_NE) {
		r = jp_equal(a, b) == (n->op == JP_EQ);
	} else if ((jp_is_number(a) && jp_is_number(b)) ||
		   (json_object_is_type(a, json_type_string) &&
		    json_object_is_type(b, json_type_string))) {
		/* Ordering is for numbers (the specification) and strings
		 * (jmespath.py, which users rely on); anything else is null. */
		d = jp_compare(a, b);
		r = n->op == JP_LT   ? d < 0
		    : n->op == JP_LE ? d <= 0
		    : n->op == JP_GT ? d > 0
				     : d >= 0;
	} else {
		r = 2;
	}
	json_object_put(oa);
	json_object_put(ob);
	return r;
}

static int compare(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		   struct json_object **out)
{
	int r = compare_value(c, n, v);

	*out = r == 0 || r == 1 ? json_object_new_boolean(r) : NULL;
	return r < 0 ? -1 : 0;
}

/* A filter's condition, as a truth value, without building the booleans
 * in between.  Returns 0 with *t, or -1. */
static int truth(struct jp_ctx *c, const struct jp_node *n, struct json_object *v, bool *t)
{
	struct json_object *r;
	int k;

	switch (n->type) {
	case JP_N_CMP:
		if ((k = compare_value(c, n, v)) < 0)
			return -1;
		*t = k == 1;
		return 0;
	case JP_N_AND:
	case JP_N_OR:
		if (truth(c, n->kids[0], v, t) < 0)
			return -1;
		if (*t == (n->type == JP_N_OR))
			return 0;
		return truth(c, n->kids[1], v, t);
	case JP_N_NOT:
		if (truth(c, n->kids[0], v, t) < 0)
			return -1;
		*t = !*t;
		return 0;
	default:
		if (jp_peek(n, v, &r)) {
			*t = jp_truthy(r);
			return 0;
		}
		if (jp_eval(c, n, v, &r) < 0)
			return -1;
		*t = jp_truthy(r);
		json_object_put(r);
		return 0;
	}
}

static int call(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		struct json_object **out)
{
	struct jp_arg args[16], *a = n->nkids <= 16 ? args : xcalloc(n->nkids, sizeof(*a));
	size_t done = 0;
	int rc = -1;

	*out = NULL;
	for (; done < n->nkids; done++) {
		const struct jp_node *k = n->kids[done];
		a[done].expref = k->type == JP_N_EXPREF ? k->kids[0] : NULL;
		a[done].v = NULL;
		if (!a[done].expref && jp_eval(c, k, v, &a[done].v) < 0)
			goto out;
	}
	rc = jp_func_call(c, n, a, (int)n->nkids, out);
out:
	for (size_t i = 0; i < done; i++)
		json_object_put(a[i].v);
	if (a != args)
		free(a);
	return rc;
}

static int eval_node(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		     struct json_object **out)
{
	struct json_object *l;
	int rc;

	*out = NULL;
	switch (n->type) {
	case JP_N_IDENTITY:
	case JP_N_CURRENT: *out = ref(v); return 0;
	case JP_N_FIELD: return field(n, v, out);
	case JP_N_INDEX: return index_of(n, v, out);
	case JP_N_SLICE: return slice(c, n, v, out);
	case JP_N_LITERAL: *out = ref(n->literal); return 0;
	case JP_N_SUBEXPR:
	case JP_N_PIPE:
		if (jp_eval(c, n->kids[0], v, &l) < 0)
			return -1;
		rc = jp_eval(c, n->kids[1], l, out);
		json_object_put(l);
		return rc;
	case JP_N_INDEX_EXPR:
		*out = ref(v);
		for (size_t i = 0; i < n->nkids; i++) {
			l = *out;
			rc = jp_eval(c, n->kids[i], l, out);
			json_object_put(l);
			if (rc < 0)
				return -1;
		}
		return 0;
	case JP_N_PROJECTION:
	case JP_N_VALUE_PROJ:
	case JP_N_FILTER_PROJ: return projection(c, n, v, out);
	case JP_N_FLATTEN: return flatten(c, n, v, out);
	case JP_N_MULTI_LIST:
	case JP_N_MULTI_HASH: return multi(c, n, v, out);
	case JP_N_OR:
	case JP_N_AND:
		if (jp_eval(c, n->kids[0], v, &l) < 0)
			return -1;
		if (jp_truthy(l) == (n->type == JP_N_OR)) {
			*out = l;
			return 0;
		}
		json_object_put(l);
		return jp_eval(c, n->kids[1], v, out);
	case JP_N_NOT:
		if (jp_eval(c, n->kids[0], v, &l) < 0)
			return -1;
		*out = json_object_new_boolean(!jp_truthy(l));
		json_object_put(l);
		return 0;
	case JP_N_CMP: return compare(c, n, v, out);
	case JP_N_FUNCTION: return call(c, n, v, out);
	case JP_N_EXPREF:
		/* Only meaningful as a function argument (handled in call). */
		return jp_fail(
			c, JP_ERR_INVALID_TYPE, n->pos,
			_("an expression reference (&) is only allowed as a function argument"));
	}
	return 0;
}

/* On failure nothing half-built is left behind: *out is NULL. */
int jp_eval(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
	    struct json_object **out)
{
	if (jp_peek(n, v, out)) {
		*out = ref(*out);
		return 0;
	}
	if (eval_node(c, n, v, out) == 0)
		return 0;
	json_object_put(*out);
	*out = NULL;
	return -1;
}

int jp_search(const struct jp_expr *e, struct json_object *doc, struct json_object **result,
	      struct jp_error *err)
{
	struct jp_ctx c = { .err = err, .elements = JP_MAX_ELEMENTS, .eval = jp_eval };

	memset(err, 0, sizeof(*err));
	return jp_eval(&c, e->root, doc, result);
}

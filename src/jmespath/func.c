/* JMESPath's built-in functions, one table with each function's argument
 * types; arguments are checked against it before the function runs, so
 * each function body can trust its types. */
#include "config.h"
#include "jmespath/jp-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct json_object jo;

static jo *ref(jo *v)
{
	return v ? json_object_get(v) : NULL;
}

static const char *str(jo *v, size_t *n)
{
	*n = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* ---- numbers ---- */

static int f_abs(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	jo *v = a[0].v;
	if (json_object_is_type(v, json_type_int) && json_object_get_int64(v) > INT64_MIN &&
	    json_object_get_int64(v) < INT64_MAX)
		*out = json_object_new_int64(llabs(json_object_get_int64(v)));
	else if (json_object_is_type(v, json_type_int) && json_object_get_int64(v) >= 0)
		*out = ref(v);
	else
		*out = json_object_new_double(fabs(jp_number(v)));
	return 0;
}

static int rounding(jo *v, double (*f)(double), jo **out)
{
	if (json_object_is_type(v, json_type_int))
		*out = ref(v);
	else
		*out = jp_new_integral(f(json_object_get_double(v)));
	return 0;
}

static int f_ceil(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	return rounding(a[0].v, ceil, out);
}

static int f_floor(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	return rounding(a[0].v, floor, out);
}

/* Sums as Python does: integers stay integers (a double past int64). */
static jo *sum(jo *arr)
{
	size_t len = json_object_array_length(arr);
	int64_t is = 0;
	double ds = 0;
	bool dbl = false;

	for (size_t i = 0; i < len; i++) {
		jo *v = json_object_array_get_idx(arr, i);
		ds += jp_number(v);
		if (!dbl && (!json_object_is_type(v, json_type_int) ||
			     json_object_get_int64(v) == INT64_MAX ||
			     __builtin_add_overflow(is, json_object_get_int64(v), &is)))
			dbl = true;
	}
	return dbl ? json_object_new_double(ds) : json_object_new_int64(is);
}

static int f_sum(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	*out = sum(a[0].v);
	return 0;
}

static int f_avg(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	size_t len = json_object_array_length(a[0].v);
	if (len) {
		jo *s = sum(a[0].v);
		*out = json_object_new_double(jp_number(s) / (double)len);
		json_object_put(s);
	}
	return 0;
}

/* Python's int(): optional sign, digits with single underscores between,
 * surrounding whitespace. */
static bool py_int(const char *s, int64_t *v, bool *overflow)
{
	char buf[64];
	size_t n = 0;
	const char *p = s, *end = s + strlen(s);

	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (p < end && (*p == '+' || *p == '-'))
		buf[n++] = *p++;
	if (p == end || !isdigit((unsigned char)*p))
		return false;
	for (; p < end; p++) {
		if (*p == '_' && p + 1 < end && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[-1]))
			continue;
		if (!isdigit((unsigned char)*p))
			return false;
		if (n < sizeof(buf) - 1)
			buf[n++] = *p;
		else
			*overflow = true;
	}
	buf[n] = '\0';
	errno = 0;
	*v = strtoll(buf, NULL, 10);
	if (errno == ERANGE)
		*overflow = true;
	return true;
}

static int f_to_number(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		       jo **out)
{
	(void)c, (void)call, (void)n;
	jo *v = a[0].v;
	const char *s;
	char *end;
	size_t len;
	int64_t iv;
	bool overflow = false;

	if (jp_is_number(v)) {
		*out = ref(v);
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return 0;
	s = str(v, &len);
	if (strlen(s) != len)
		return 0;
	if (!strchr(s, '.') && py_int(s, &iv, &overflow) && !overflow) {
		*out = json_object_new_int64(iv);
		return 0;
	}
	errno = 0;
	double d = strtod(s, &end);
	if (end == s)
		return 0;
	while (*end && isspace((unsigned char)*end))
		end++;
	/* strtod reads hexadecimal, which Python's float() does not. */
	if (*end || strchr(s, 'x') || strchr(s, 'X'))
		return 0;
	*out = json_object_new_double(d);
	return 0;
}

/* ---- strings and arrays ---- */

static int f_length(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	jo *v = a[0].v;
	size_t len;
	const char *s;

	if (json_object_is_type(v, json_type_string)) {
		s = str(v, &len);
		*out = json_object_new_int64((int64_t)utf8_chars(s, len));
	} else if (json_object_is_type(v, json_type_array)) {
		*out = json_object_new_int64((int64_t)json_object_array_length(v));
	} else {
		*out = json_object_new_int64(json_object_object_length(v));
	}
	return 0;
}

static int f_contains(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		      jo **out)
{
	(void)c, (void)call, (void)n;
	jo *subject = a[0].v, *search = a[1].v;
	bool r = false;

	if (json_object_is_type(subject, json_type_array)) {
		size_t len = json_object_array_length(subject);
		for (size_t i = 0; i < len && !r; i++)
			r = jp_equal(json_object_array_get_idx(subject, i), search);
	} else if (json_object_is_type(search, json_type_string)) {
		size_t hl, nl;
		const char *h = str(subject, &hl), *nd = str(search, &nl);
		r = nl == 0 || (nl <= hl && memmem(h, hl, nd, nl) != NULL);
	}
	*out = json_object_new_boolean(r);
	return 0;
}

static int affix(jo *sv, jo *pv, bool end, jo **out)
{
	size_t sl, pl;
	const char *s = str(sv, &sl), *p = str(pv, &pl);

	*out = json_object_new_boolean(pl <= sl && memcmp(end ? s + sl - pl : s, p, pl) == 0);
	return 0;
}

static int f_starts_with(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
			 jo **out)
{
	(void)c, (void)call, (void)n;
	return affix(a[0].v, a[1].v, false, out);
}

static int f_ends_with(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		       jo **out)
{
	(void)c, (void)call, (void)n;
	return affix(a[0].v, a[1].v, true, out);
}

static int f_join(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	struct buf b = BUF_INIT;
	size_t gl, len = json_object_array_length(a[1].v), el;
	const char *glue = str(a[0].v, &gl);

	for (size_t i = 0; i < len; i++) {
		const char *s = str(json_object_array_get_idx(a[1].v, i), &el);
		if (i)
			buf_append(&b, glue, gl);
		buf_append(&b, s, el);
		if (b.len > JP_MAX_STRING) {
			buf_free(&b);
			return jp_fail(c, JP_ERR_LIMIT, call->pos,
				       _("the result would exceed %ld bytes"), JP_MAX_STRING);
		}
	}
	*out = json_object_new_string_len(buf_str(&b), (int)b.len);
	buf_free(&b);
	return 0;
}

static int f_reverse(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		     jo **out)
{
	(void)n;
	jo *v = a[0].v;

	if (json_object_is_type(v, json_type_array)) {
		size_t len = json_object_array_length(v);
		if (jp_spend(c, call->pos, len) < 0)
			return -1;
		*out = json_object_new_array_ext((int)len);
		for (size_t i = len; i-- > 0;)
			json_object_array_add(*out, ref(json_object_array_get_idx(v, i)));
	} else {
		size_t len, i, w = 0;
		const char *s = str(v, &len);
		char *r = xmalloc(len + 1);
		/* Reverses characters, not bytes: each UTF-8 sequence is
		 * copied whole, from the end. */
		for (i = len; i > 0;) {
			size_t e = i;
			do
				i--;
			while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
			memcpy(r + w, s + i, e - i);
			w += e - i;
		}
		*out = json_object_new_string_len(r, (int)w);
		free(r);
	}
	return 0;
}

static int f_to_array(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		      jo **out)
{
	(void)c, (void)call, (void)n;
	if (json_object_is_type(a[0].v, json_type_array)) {
		*out = ref(a[0].v);
	} else {
		*out = json_object_new_array();
		json_object_array_add(*out, ref(a[0].v));
	}
	return 0;
}

static int f_to_string(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		       jo **out)
{
	(void)n;
	struct buf b = BUF_INIT;

	if (json_object_is_type(a[0].v, json_type_string)) {
		*out = ref(a[0].v);
		return 0;
	}
	if (jp_dump_compact(&b, a[0].v, JP_MAX_STRING) < 0) {
		buf_free(&b);
		return jp_fail(c, JP_ERR_LIMIT, call->pos, _("the result would exceed %ld bytes"),
			       JP_MAX_STRING);
	}
	*out = json_object_new_string_len(buf_str(&b), (int)b.len);
	buf_free(&b);
	return 0;
}

static int f_type(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call, (void)n;
	*out = json_object_new_string(jp_type_name(a[0].v));
	return 0;
}

static int f_not_null(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		      jo **out)
{
	(void)c, (void)call;
	for (int i = 0; i < n; i++)
		if (a[i].v) {
			*out = ref(a[i].v);
			break;
		}
	return 0;
}

/* ---- objects ---- */

static int f_keys(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	if (jp_spend(c, call->pos, (size_t)json_object_object_length(a[0].v)) < 0)
		return -1;
	*out = json_object_new_array();
	json_object_object_foreach(a[0].v, k, v)
	{
		(void)v;
		json_object_array_add(*out, json_object_new_string(k));
	}
	return 0;
}

static int f_values(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	if (jp_spend(c, call->pos, (size_t)json_object_object_length(a[0].v)) < 0)
		return -1;
	*out = json_object_new_array();
	json_object_object_foreach(a[0].v, k, v)
	{
		(void)k;
		json_object_array_add(*out, ref(v));
	}
	return 0;
}

static int f_merge(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)c, (void)call;
	*out = json_object_new_object();
	for (int i = 0; i < n; i++) {
		json_object_object_foreach(a[i].v, k, v) json_object_object_add(*out, k, ref(v));
	}
	return 0;
}

/* ---- ordering, with and without expressions ---- */

struct keyed {
	jo *key, *val;
	bool owned; /* key is a reference to put (else borrowed from val) */
	size_t i;
	/* The key, taken out once so that sorting compares plain values. */
	bool is_str;
	double d;
	const char *s;
	size_t n;
};

static int keyed_cmp(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int d;

	if (a->is_str) {
		d = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
		d = d ? d : (a->n > b->n) - (a->n < b->n);
	} else if (a->d == b->d) {
		/* (equal as doubles: integers past 2^53 are told apart exactly) */
		d = jp_compare(a->key, b->key);
	} else {
		d = a->d < b->d ? -1 : 1;
	}
	/* qsort is not stable; the index makes it so, as Python's sort is. */
	return d ? (d < 0 ? -1 : 1) : (a->i > b->i) - (a->i < b->i);
}

static void key_put(struct keyed *k)
{
	if (k->owned)
		json_object_put(k->key);
	k->key = NULL;
	k->owned = false;
}

/* The key of element val (val itself when expr is NULL) into *k, which
 * must be a number or a string, and the same type as *first (the first
 * key's, set by the first call).  On failure *k holds no reference. */
static int key_of(struct jp_ctx *c, const struct jp_node *call, jo *val, size_t i,
		  const struct jp_node *expr, enum json_type *first, struct keyed *k)
{
	enum json_type t;

	k->val = val;
	k->i = i;
	k->owned = false;
	/* A key that is a part of the element (&Field) is borrowed: no
	 * reference counts touched for each of 10,000 elements. */
	if (!expr)
		k->key = val;
	else if (expr->type == JP_N_FIELD)
		k->key = jp_member(val, expr->name, expr->hash);
	else if (!jp_peek(expr, val, &k->key)) {
		if (c->eval(c, expr, val, &k->key) < 0)
			return -1;
		k->owned = true;
	}
	t = json_object_get_type(k->key);
	if (t == json_type_double) {
		k->d = json_object_get_double(k->key);
		t = json_type_int; /* one type: number */
	} else if (t == json_type_int) {
		k->d = jp_number(k->key);
	}
	if (t != json_type_int && t != json_type_string) {
		jp_fail(c, JP_ERR_INVALID_TYPE, call->pos,
			_("%s(): the expression must give a number or a string, got %s"),
			call->func->name, jp_type_name(k->key));
		goto fail;
	}
	if (i > 0 && *first != t) {
		jp_fail(c, JP_ERR_INVALID_TYPE, call->pos,
			_("%s(): the expression gave both a %s and a %s"), call->func->name,
			*first == json_type_string ? "string" : "number", jp_type_name(k->key));
		goto fail;
	}
	*first = t;
	k->is_str = t == json_type_string;
	if (k->is_str)
		k->s = str(k->key, &k->n);
	return 0;
fail:
	key_put(k);
	return -1;
}

static void keys_free(struct keyed *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		key_put(&k[i]);
	free(k);
}

/* Evaluates expr over each element (or takes the elements themselves when
 * expr is NULL) into keys that must all be numbers or all strings. */
static int keys_of(struct jp_ctx *c, const struct jp_node *call, jo *arr,
		   const struct jp_node *expr, struct keyed **out)
{
	size_t len;
	jo **el = jp_items(arr, &len);
	struct keyed *k = xmalloc((len ? len : 1) * sizeof(*k));
	enum json_type first = json_type_null;

	for (size_t i = 0; i < len; i++) {
		if (key_of(c, call, el[i], i, expr, &first, &k[i]) < 0) {
			keys_free(k, i);
			return -1;
		}
	}
	*out = k;
	return 0;
}

/* A number key as an unsigned integer in the same order (IEEE 754 bits,
 * negative ones flipped); -0 is 0, as Python's sort sees them equal. */
static uint64_t order_bits(double d)
{
	uint64_t u;

	if (d == 0)
		d = 0;
	memcpy(&u, &d, sizeof(u));
	return u >> 63 ? ~u : u | (1ULL << 63);
}

struct rk {
	uint64_t k;
	size_t i;
};

/* Stable LSD radix sort by k, 11 bits a pass (a pass where every key has
 * the same digit is skipped, as the high bits of timestamps are): linear
 * in n, where qsort over 10,000 keys spends most of a sort_by in calls to
 * its comparison.  Returns a or tmp, whichever holds the result. */
#define RADIX_BITS 11
#define RADIX_PASSES 6 /* 6 x 11 >= 64 */
#define RADIX_SIZE (1 << RADIX_BITS)
#define DIGIT(k, p) (((k) >> ((p)*RADIX_BITS)) & (RADIX_SIZE - 1))

static struct rk *radix_sort(struct rk *a, struct rk *tmp, size_t n)
{
	size_t(*counts)[RADIX_SIZE] = xcalloc(RADIX_PASSES, sizeof(*counts));

	/* Every digit's histogram in one reading of the keys. */
	for (size_t j = 0; j < n; j++) {
		uint64_t k = a[j].k;
		counts[0][DIGIT(k, 0)]++;
		counts[1][DIGIT(k, 1)]++;
		counts[2][DIGIT(k, 2)]++;
		counts[3][DIGIT(k, 3)]++;
		counts[4][DIGIT(k, 4)]++;
		counts[5][DIGIT(k, 5)]++;
	}
	for (int p = 0; p < RADIX_PASSES; p++) {
		size_t *count = counts[p], pos = 0;

		if (count[DIGIT(a[0].k, p)] == n)
			continue;
		for (int b = 0; b < RADIX_SIZE; b++) {
			size_t m = count[b];
			count[b] = pos;
			pos += m;
		}
		for (size_t j = 0; j < n; j++)
			tmp[count[DIGIT(a[j].k, p)]++] = a[j];
		struct rk *t = a;
		a = tmp;
		tmp = t;
	}
	free(counts);
	return a;
}

/* The order of number keys: by their doubles, then each run of equal
 * doubles by keyed_cmp (integers past 2^53 that one double holds).
 * Returns the indexes into k, in order (caller frees). */
static size_t *order_numbers(struct keyed *k, size_t len)
{
	struct rk *a = xmalloc(len * sizeof(*a)), *tmp = xmalloc(len * sizeof(*a)), *r;
	size_t *ord = xmalloc(len * sizeof(*ord));

	for (size_t i = 0; i < len; i++) {
		a[i].k = order_bits(k[i].d);
		a[i].i = i;
	}
	r = radix_sort(a, tmp, len);
	for (size_t s = 0, e; s < len; s = e) {
		for (e = s + 1; e < len && r[e].k == r[s].k; e++)
			;
		if (e - s == 1) {
			ord[s] = r[s].i;
			continue;
		}
		struct keyed *run = xmalloc((e - s) * sizeof(*run));
		for (size_t j = s; j < e; j++)
			run[j - s] = k[r[j].i];
		qsort(run, e - s, sizeof(*run), keyed_cmp);
		for (size_t j = s; j < e; j++)
			ord[j] = run[j - s].i;
		free(run);
	}
	free(tmp);
	free(a);
	return ord;
}

static int sorted(struct jp_ctx *c, const struct jp_node *call, jo *arr, const struct jp_node *expr,
		  jo **out)
{
	size_t len = json_object_array_length(arr), *ord = NULL;
	struct keyed *k;

	if (jp_spend(c, call->pos, len) < 0 || keys_of(c, call, arr, expr, &k) < 0)
		return -1;
	if (len && !k[0].is_str)
		ord = order_numbers(k, len);
	else
		qsort(k, len, sizeof(*k), keyed_cmp);
	*out = json_object_new_array_ext((int)len);
	for (size_t i = 0; i < len; i++)
		json_object_array_add(*out, ref(k[ord ? ord[i] : i].val));
	free(ord);
	keys_free(k, len);
	return 0;
}

static int f_sort(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	return sorted(c, call, a[0].v, NULL, out);
}

static int f_sort_by(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		     jo **out)
{
	(void)n;
	return sorted(c, call, a[0].v, a[1].expref, out);
}

/* The first greatest (sign 1) or least (sign -1) element, as Python's
 * max()/min(); null for an empty array.  One key at a time: only the best
 * so far is kept. */
static int extreme(struct jp_ctx *c, const struct jp_node *call, jo *arr,
		   const struct jp_node *expr, int sign, jo **out)
{
	size_t len;
	jo **el = jp_items(arr, &len);
	struct keyed best = { 0 }, k;
	enum json_type first = json_type_null;

	for (size_t i = 0; i < len; i++) {
		if (key_of(c, call, el[i], i, expr, &first, &k) < 0) {
			key_put(&best);
			return -1;
		}
		if (i == 0 ||
		    (keyed_cmp(&k, &best) * sign > 0 && jp_compare(k.key, best.key) * sign > 0)) {
			key_put(&best);
			best = k;
		} else {
			key_put(&k);
		}
	}
	if (len)
		*out = ref(best.val);
	key_put(&best);
	return 0;
}

static int f_max(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	return extreme(c, call, a[0].v, NULL, 1, out);
}

static int f_min(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	return extreme(c, call, a[0].v, NULL, -1, out);
}

static int f_max_by(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	return extreme(c, call, a[0].v, a[1].expref, 1, out);
}

static int f_min_by(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	return extreme(c, call, a[0].v, a[1].expref, -1, out);
}

static int f_map(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n, jo **out)
{
	(void)n;
	size_t len = json_object_array_length(a[1].v);
	jo *r;

	if (jp_spend(c, call->pos, len) < 0)
		return -1;
	*out = json_object_new_array_ext((int)len);
	for (size_t i = 0; i < len; i++) {
		if (c->eval(c, a[0].expref, json_object_array_get_idx(a[1].v, i), &r) < 0)
			return -1;
		json_object_array_add(*out, r);
	}
	return 0;
}

/* ---- the table ---- */

#define NUM JP_T_NUMBER
#define STR JP_T_STRING
#define ARR JP_T_ARRAY
#define OBJ JP_T_OBJECT
#define ANY JP_T_ANY
#define EXP JP_T_EXPREF
#define ANUM JP_T_ARRAY_NUMBER
#define ASTR JP_T_ARRAY_STRING

static const struct jp_func funcs[] = {
	{ "abs", 1, 1, { NUM }, f_abs },
	{ "avg", 1, 1, { ANUM }, f_avg },
	{ "ceil", 1, 1, { NUM }, f_ceil },
	{ "contains", 2, 2, { ARR | STR, ANY }, f_contains },
	{ "ends_with", 2, 2, { STR, STR }, f_ends_with },
	{ "floor", 1, 1, { NUM }, f_floor },
	{ "join", 2, 2, { STR, ASTR }, f_join },
	{ "keys", 1, 1, { OBJ }, f_keys },
	{ "length", 1, 1, { STR | ARR | OBJ }, f_length },
	{ "map", 2, 2, { EXP, ARR }, f_map },
	{ "max", 1, 1, { ANUM | ASTR }, f_max },
	{ "max_by", 2, 2, { ARR, EXP }, f_max_by },
	{ "merge", 1, -1, { OBJ }, f_merge },
	{ "min", 1, 1, { ANUM | ASTR }, f_min },
	{ "min_by", 2, 2, { ARR, EXP }, f_min_by },
	{ "not_null", 1, -1, { ANY }, f_not_null },
	{ "reverse", 1, 1, { ARR | STR }, f_reverse },
	{ "sort", 1, 1, { ANUM | ASTR }, f_sort },
	{ "sort_by", 2, 2, { ARR, EXP }, f_sort_by },
	{ "starts_with", 2, 2, { STR, STR }, f_starts_with },
	{ "sum", 1, 1, { ANUM }, f_sum },
	{ "to_array", 1, 1, { ANY }, f_to_array },
	{ "to_number", 1, 1, { ANY }, f_to_number },
	{ "to_string", 1, 1, { ANY }, f_to_string },
	{ "type", 1, 1, { ANY }, f_type },
	{ "values", 1, 1, { OBJ }, f_values },
};

const struct jp_func *jp_func_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(funcs) / sizeof(*funcs); i++)
		if (strlen(funcs[i].name) == len && memcmp(funcs[i].name, name, len) == 0)
			return &funcs[i];
	return NULL;
}

static unsigned type_bit(jo *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null: return JP_T_NULL;
	case json_type_boolean: return JP_T_BOOLEAN;
	case json_type_string: return JP_T_STRING;
	case json_type_array: return JP_T_ARRAY;
	case json_type_object: return JP_T_OBJECT;
	default: return JP_T_NUMBER;
	}
}

/* "array-number|array-string" and the like, for messages. */
static void type_names(struct buf *b, unsigned t)
{
	static const char *const names[] = {
		"number", "string", "boolean",      "null",         "array",
		"object", "expref", "array-number", "array-string",
	};

	if ((t & JP_T_ANY) == JP_T_ANY) {
		buf_puts(b, "any");
		t &= ~(unsigned)JP_T_ANY;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (t & (1u << i)) {
			if (b->len)
				buf_putc(b, '|');
			buf_puts(b, names[i]);
		}
}

/* An array whose elements must be all numbers, all strings, or (both
 * allowed) all of the first element's kind. */
static bool elements_ok(jo *arr, unsigned t)
{
	size_t len = json_object_array_length(arr);
	unsigned want;

	if (!len)
		return true;
	want = type_bit(json_object_array_get_idx(arr, 0));
	if (!(((t & JP_T_ARRAY_NUMBER) && want == JP_T_NUMBER) ||
	      ((t & JP_T_ARRAY_STRING) && want == JP_T_STRING)))
		return false;
	for (size_t i = 1; i < len; i++)
		if (type_bit(json_object_array_get_idx(arr, i)) != want)
			return false;
	return true;
}

static int check_arg(struct jp_ctx *c, const struct jp_node *call, const struct jp_arg *a, int i,
		     unsigned t)
{
	struct buf want = BUF_INIT;
	const char *got;
	unsigned bit;
	bool ok;

	if (a->expref) {
		ok = t & JP_T_EXPREF;
		got = "expref";
	} else {
		bit = type_bit(a->v);
		got = jp_type_name(a->v);
		ok = (t & bit) ||
		     (bit == JP_T_ARRAY && (t & (JP_T_ARRAY_NUMBER | JP_T_ARRAY_STRING)) &&
		      elements_ok(a->v, t));
		if (!ok && bit == JP_T_ARRAY)
			got = _("an array of other types");
	}
	if (ok)
		return 0;
	type_names(&want, t);
	jp_fail(c, JP_ERR_INVALID_TYPE, call->pos, _("%s(): argument %d must be %s, got %s"),
		call->func->name, i + 1, buf_str(&want), got);
	buf_free(&want);
	return -1;
}

int jp_func_call(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		 struct json_object **out)
{
	const struct jp_func *f = call->func;

	for (int i = 0; i < n; i++) {
		/* (a variadic tail repeats the last declared type) */
		unsigned t = f->types[i < f->min_args ? i : f->min_args - 1];
		if (check_arg(c, call, &a[i], i, t) < 0)
			return -1;
	}
	return f->fn(c, call, a, n, out);
}

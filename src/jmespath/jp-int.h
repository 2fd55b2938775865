/* Internals of the JMESPath module shared by its files: the syntax tree,
 * the function table and the value helpers. */
#ifndef SAGESCALE_JP_INT_H
#define SAGESCALE_JP_INT_H
#include <stdbool.h>
#include <stdint.h>
#include "jmespath/jmespath.h"

enum jp_node_type {
	JP_N_IDENTITY,    /* what a projection applies when nothing follows */
	JP_N_CURRENT,     /* @ */
	JP_N_FIELD,       /* foo, "foo" */
	JP_N_SUBEXPR,     /* kids[0].kids[1] */
	JP_N_INDEX,       /* [n] (kids none; value in idx) */
	JP_N_SLICE,       /* [a:b:c] */
	JP_N_INDEX_EXPR,  /* kids[0] then kids[1] (index or slice) */
	JP_N_PROJECTION,  /* kids[0] a list, kids[1] over each element */
	JP_N_VALUE_PROJ,  /* kids[0] an object, kids[1] over each value */
	JP_N_FILTER_PROJ, /* kids[0] a list, kids[2] the condition */
	JP_N_FLATTEN,     /* kids[0][] */
	JP_N_LITERAL,     /* `json`, 'raw' */
	JP_N_MULTI_LIST,  /* [a, b] */
	JP_N_MULTI_HASH,  /* {k: a, ...} (keys[i] for kids[i]) */
	JP_N_OR,
	JP_N_AND,
	JP_N_NOT,
	JP_N_PIPE,
	JP_N_CMP,      /* kids[0] op kids[1] */
	JP_N_FUNCTION, /* name(kids...) */
	JP_N_EXPREF,   /* &kids[0] */
};

enum jp_cmp { JP_EQ, JP_NE, JP_LT, JP_LE, JP_GT, JP_GE };

struct jp_func;

struct jp_node {
	enum jp_node_type type;
	size_t pos; /* byte offset of its token */
	int depth;  /* 1 + deepest child */
	enum jp_cmp op;
	int64_t idx;
	int64_t slice[3];
	bool has[3]; /* which slice parts were given */
	char *name;  /* field name, function name */
	size_t name_len;
	unsigned long hash; /* FIELD: json-c's hash of name (jp_key_hash) */
	const struct jp_func *func;
	struct json_object *literal; /* owned */
	struct jp_node **kids;
	char **keys; /* MULTI_HASH: one per kid */
	size_t nkids;
};

struct jp_expr {
	struct jp_node *root;
	char *src; /* the expression's text, for messages */
	size_t len;
};

/* One search: the error and the budgets. */
struct jp_ctx {
	struct jp_error *err;
	long elements; /* array elements left to create */
	/* The evaluator (jp_eval), for the functions that take an expression
	 * (sort_by, map, ...): a pointer, so that func.c does not call back
	 * into eval.c, which calls it. */
	int (*eval)(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
		    struct json_object **out);
};

/* Argument types of the built-in functions (bit set). */
enum {
	JP_T_NUMBER = 1 << 0,
	JP_T_STRING = 1 << 1,
	JP_T_BOOLEAN = 1 << 2,
	JP_T_NULL = 1 << 3,
	JP_T_ARRAY = 1 << 4,
	JP_T_OBJECT = 1 << 5,
	JP_T_EXPREF = 1 << 6,
	JP_T_ARRAY_NUMBER = 1 << 7,
	JP_T_ARRAY_STRING = 1 << 8,
	JP_T_ANY = JP_T_NUMBER | JP_T_STRING | JP_T_BOOLEAN | JP_T_NULL | JP_T_ARRAY | JP_T_OBJECT,
};

struct jp_arg {
	struct json_object *v;        /* borrowed from the caller's array */
	const struct jp_node *expref; /* set for &expr arguments */
};

struct jp_func {
	const char *name;
	int min_args, max_args; /* max -1: variadic */
	unsigned types[3];      /* per argument; a variadic tail repeats the last */
	int (*fn)(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		  struct json_object **out);
};

/* func.c */
const struct jp_func *jp_func_find(const char *name, size_t len);
int jp_func_call(struct jp_ctx *c, const struct jp_node *call, struct jp_arg *a, int n,
		 struct json_object **out);

/* eval.c */
int jp_eval(struct jp_ctx *c, const struct jp_node *n, struct json_object *v,
	    struct json_object **out);
/* error.c.  Sets the error; returns -1 for `return jp_fail(...)`. */
int jp_fail(struct jp_ctx *c, enum jp_error_kind kind, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Counts n new array elements against the budget; -1 (error set) when spent. */
int jp_spend(struct jp_ctx *c, size_t pos, size_t n);

/* value.c */
/* json-c's hash of an object key, computed once when the expression is
 * compiled so that a lookup over a large listing does not hash the name
 * again for every element.  (Every json-c object table hashes with the
 * same function: sagescale never calls json_global_set_string_hash.) */
unsigned long jp_key_hash(const char *name);
/* The member name of object v (NULL when v is no object or lacks it),
 * borrowed, with the hash from jp_key_hash. */
struct json_object *jp_member(struct json_object *v, const char *name, unsigned long hash);
/* The elements of array a as one C array, borrowed (json-c's own: its
 * struct array_list is public), and their count in *n; NULL (and 0) for
 * anything but an array.  A walk over 10,000 elements then makes no call
 * per element. */
struct json_object **jp_items(struct json_object *a, size_t *n);
bool jp_truthy(struct json_object *v);
/* The value of n over v when it needs nothing built (@, literals, fields,
 * indexes and chains of them), borrowed from v or the tree; false when n
 * needs the evaluator. */
bool jp_peek(const struct jp_node *n, struct json_object *v, struct json_object **out);
bool jp_is_number(struct json_object *v);
double jp_number(struct json_object *v);
bool jp_equal(struct json_object *a, struct json_object *b);
/* Orders two numbers or two strings (the caller checked the types). */
int jp_compare(struct json_object *a, struct json_object *b);
/* The specification's type name: "number", "string", ... */
const char *jp_type_name(struct json_object *v);
/* json.dumps(v, separators=(',', ':')) as Python writes it (ASCII only,
 * floats as repr()). Appends to b; returns -1 past max bytes. */
struct buf;
int jp_dump_compact(struct buf *b, struct json_object *v, size_t max);
/* A number from a double: an int when it is integral and fits int64, as
 * Python's math.floor/ceil return ints. */
struct json_object *jp_new_integral(double d);

#endif

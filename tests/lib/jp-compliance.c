/* Runs the official JMESPath compliance suite (jmespath.py's
 * tests/compliance/ files, in $JMESPATH_COMPLIANCE_DIR) through our module:
 * one TAP case per suite case.  A "result" case must give that JSON value,
 * an "error" case must fail with that error type, a "bench" case must
 * evaluate without error.  Exit 77 when the suite is absent. */
#include "config.h"

#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json.h>

#include "jmespath/jmespath.h"

static int n_case, n_failed;

/* JSON value equality, numbers compared as numbers (2 == 2.0), written
 * here rather than taken from the module under test. */
static bool same(struct json_object *a, struct json_object *b)
{
	enum json_type ta = json_object_get_type(a), tb = json_object_get_type(b);
	bool na = ta == json_type_int || ta == json_type_double;
	bool nb = tb == json_type_int || tb == json_type_double;

	if (na && nb)
		return json_object_get_double(a) == json_object_get_double(b);
	if (ta != tb)
		return false;
	switch (ta) {
	case json_type_array:
		if (json_object_array_length(a) != json_object_array_length(b))
			return false;
		for (size_t i = 0; i < json_object_array_length(a); i++)
			if (!same(json_object_array_get_idx(a, i), json_object_array_get_idx(b, i)))
				return false;
		return true;
	case json_type_object: {
		struct json_object *w;
		if (json_object_object_length(a) != json_object_object_length(b))
			return false;
		json_object_object_foreach(a, k, v) if (!json_object_object_get_ex(b, k, &w) ||
							!same(v, w)) return false;
		return true;
	}
	case json_type_string:
		return json_object_get_string_len(a) == json_object_get_string_len(b) &&
		       memcmp(json_object_get_string(a), json_object_get_string(b),
			      (size_t)json_object_get_string_len(a)) == 0;
	case json_type_boolean: return json_object_get_boolean(a) == json_object_get_boolean(b);
	default: return true; /* null */
	}
}

static void report(bool ok, const char *file, int i, const char *expr, const char *why)
{
	n_case++;
	if (!ok)
		n_failed++;
	/* (The expression goes into a comment: TAP descriptions cannot hold '#'.) */
	printf("%s %d - %s case %d\n", ok ? "ok" : "not ok", n_case, file, i);
	if (!ok)
		printf("#   expression: %s\n#   %s\n", expr, why);
}

static void run_case(const char *file, int i, struct json_object *given, struct json_object *c)
{
	struct json_object *jexpr, *want = NULL, *jerr = NULL, *got = NULL;
	const char *expr, *want_err = NULL;
	bool has_result, ok;
	struct jp_error err;
	struct jp_expr *e;
	char why[512];

	json_object_object_get_ex(c, "expression", &jexpr);
	expr = json_object_get_string(jexpr);
	has_result = json_object_object_get_ex(c, "result", &want);
	if (json_object_object_get_ex(c, "error", &jerr))
		want_err = json_object_get_string(jerr);
	e = jp_compile(expr, strlen(expr), &err);
	if (e && jp_search(e, given, &got, &err) < 0)
		got = NULL;
	if (want_err) {
		ok = err.kind != JP_ERR_NONE && strcmp(jp_error_kind_name(err.kind), want_err) == 0;
		snprintf(why, sizeof(why), "want error %s, got %s%s%s", want_err,
			 err.kind ? jp_error_kind_name(err.kind) : "a result: ",
			 err.kind ? ": " : "",
			 err.kind ? err.msg : json_object_to_json_string(got));
	} else if (err.kind != JP_ERR_NONE) {
		ok = false;
		snprintf(why, sizeof(why), "unexpected error %s: %s", jp_error_kind_name(err.kind),
			 err.msg);
	} else {
		ok = !has_result || same(got, want);
		snprintf(why, sizeof(why), "want %s", json_object_to_json_string(want));
		snprintf(why + strlen(why), sizeof(why) - strlen(why), ", got %s",
			 json_object_to_json_string(got));
	}
	report(ok, file, i, expr, why);
	jp_error_clear(&err);
	json_object_put(got);
	jp_free(e);
}

static void run_file(const char *dir, const char *name)
{
	char path[4096];
	struct json_object *groups, *cases, *given;
	int k = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	groups = json_object_from_file(path);
	if (!json_object_is_type(groups, json_type_array)) {
		report(false, name, 0, "", "does not parse");
		return;
	}
	for (size_t g = 0; g < json_object_array_length(groups); g++) {
		struct json_object *grp = json_object_array_get_idx(groups, g);
		json_object_object_get_ex(grp, "given", &given);
		json_object_object_get_ex(grp, "cases", &cases);
		for (size_t i = 0; i < json_object_array_length(cases); i++)
			run_case(name, ++k, given, json_object_array_get_idx(cases, i));
	}
	json_object_put(groups);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

int main(void)
{
	const char *dir = getenv("JMESPATH_COMPLIANCE_DIR");
	struct dirent **ents;
	int n;

	if (!dir || (n = scandir(dir, &ents, is_json, by_name)) <= 0) {
		printf("1..0 # SKIP JMESPath compliance suite not found at %s "
		       "(set JMESPATH_COMPLIANCE_DIR)\n",
		       dir ? dir : "(unset)");
		return 77;
	}
	for (int i = 0; i < n; i++) {
		run_file(dir, ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	printf("1..%d\n", n_case);
	if (n_failed)
		printf("# %d of %d cases failed\n", n_failed, n_case);
	return 0;
}

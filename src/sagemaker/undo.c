/* Undo records of apply (see undo.h).  The file is a small JSON envelope:
 * {"sagescale-undo": 1, "sha256": H, "record": TEXT} with TEXT the record
 * as JSON text and H its SHA-256, so that a file cut short or edited by
 * hand is refused instead of restoring something else. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "sagemaker/undo.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/xalloc.h"

#define UNDO_VERSION 1

char *undo_dir(void)
{
	char *state = fileio_state_dir();
	char *dir = xasprintf("%s/undo", state);

	free(state);
	return dir;
}

static char *sha256_hex(const char *s)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	struct buf b = BUF_INIT;

	EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL);
	for (unsigned int i = 0; i < n; i++)
		buf_printf(&b, "%02x", md[i]);
	return buf_steal(&b);
}

static char *new_id(char **created)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32], iso[32];
	unsigned int r = 0;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
		r = (unsigned int)getpid() ^ (unsigned int)now;
	*created = xstrdup(iso);
	return xasprintf("%s-%08x", stamp, r);
}

/* An id is what new_id makes: nothing that could leave the directory. */
static bool id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 64)
		return false;
	for (const char *c = id; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= 'A' && *c <= 'Z') || *c == '-'))
			return false;
	return true;
}

static char *file_of(const char *dir, const char *id)
{
	return xasprintf("%s/%s.json", dir, id);
}

static char *read_file(const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;

	if (!f) {
		*err = xasprintf(_("cannot read the undo file %s: %s"), path, strerror(errno));
		return NULL;
	}
	int rc = fileio_read_stream(f, UNDO_READ_LIMIT, &b);

	fclose(f);
	if (rc != 0) {
		buf_free(&b);
		*err = xasprintf(_("cannot read the undo file %s: %s"), path, strerror(errno));
		return NULL;
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

int undo_save(const struct scalestate *before, const struct autoscaling_plan *plan,
	      const char *region, const char *profile, char **id, char **path, char **err)
{
	json_object *rec = json_object_new_object(), *pols = json_object_new_array();
	json_object *written = json_object_new_array();
	char *created = NULL;

	*id = new_id(&created);
	*path = NULL;
	json_object_object_add(rec, "Id", json_object_new_string(*id));
	json_object_object_add(rec, "Created", json_object_new_string(created));
	json_object_object_add(rec, "Region", json_object_new_string(region ? region : ""));
	jsonutil_put_str(rec, "Profile", profile);
	json_object_object_add(rec, "ResourceId", json_object_new_string(before->resource_id));
	json_object_object_add(rec, "ScalableTarget", json_object_get(before->target_raw));
	for (size_t i = 0; i < before->npolicies; i++)
		json_object_array_add(pols, json_object_get(before->policies[i].raw));
	json_object_object_add(rec, "ScalingPolicies", pols);
	for (size_t i = 0; i < plan->ncalls; i++)
		if (strcmp(plan->calls[i].op, "PutScalingPolicy") == 0)
			json_object_array_add(written,
					      json_object_new_string(plan->calls[i].label));
	json_object_object_add(rec, "Written", written);
	free(created);

	char *text = jsonutil_text_put(rec), *sum = sha256_hex(text);
	json_object *env = json_object_new_object();

	json_object_object_add(env, "sagescale-undo", json_object_new_int(UNDO_VERSION));
	json_object_object_add(env, "sha256", json_object_new_string(sum));
	json_object_object_add(env, "record", json_object_new_string(text));
	char *body = xasprintf(
		"%s\n", json_object_to_json_string_ext(
				env, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(env);
	free(text);
	free(sum);
	char *dir = undo_dir();
	int rc = -1;

	if (fileio_mkdirs(dir) != 0) {
		*err = xasprintf(_("cannot create the undo directory %s: %s"), dir,
				 strerror(errno));
		goto out;
	}
	*path = file_of(dir, *id);
	char *tmpl = xasprintf("%s/.%s.XXXXXX", dir, *id);

	if (fileio_write_temp(tmpl, body, strlen(body)) != 0 || rename(tmpl, *path) != 0) {
		*err = xasprintf(_("cannot write the undo file %s: %s"), *path, strerror(errno));
		unlink(tmpl);
		free(tmpl);
		goto out;
	}
	free(tmpl);
	/* Read it back: apply writes to AWS only once the way back is on disk. */
	char *e = NULL, *back = read_file(*path, &e);

	if (!back || strcmp(back, body) != 0) {
		*err = e ? e
			 : xasprintf(_("the undo file %s does not read back as written"), *path);
		free(back);
		goto out;
	}
	free(back);
	rc = 0;
out:
	free(dir);
	free(body);
	return rc;
}

static int damaged(const char *path, char **err)
{
	*err = xasprintf(_("the undo file %s is damaged (cut short or edited): nothing was "
			   "changed; restore the file or choose another with sagescale apply "
			   "--undo-list"),
			 path);
	return -1;
}

static int parse(const char *text, const char *path, struct undo_record *r, char **err)
{
	json_object *env = json_tokener_parse(text), *rec = NULL;
	const char *sum = NULL, *inner = NULL;
	json_object *v;
	int rc = -1;

	if (env && json_object_object_get_ex(env, "sha256", &v) &&
	    json_object_is_type(v, json_type_string))
		sum = json_object_get_string(v);
	if (env && json_object_object_get_ex(env, "record", &v) &&
	    json_object_is_type(v, json_type_string))
		inner = json_object_get_string(v);
	if (!sum || !inner) {
		json_object_put(env);
		return damaged(path, err);
	}
	char *check = sha256_hex(inner);

	if (strcmp(check, sum) == 0)
		rec = json_tokener_parse(inner);
	free(check);
	if (!rec || !json_object_is_type(rec, json_type_object) ||
	    !jsonutil_member(rec, "ResourceId", json_type_string) ||
	    !jsonutil_member(rec, "ScalingPolicies", json_type_array)) {
		damaged(path, err);
		goto out;
	}
	r->id = jsonutil_strdup(rec, "Id");
	r->created = jsonutil_strdup(rec, "Created");
	r->region = jsonutil_strdup(rec, "Region");
	r->profile = jsonutil_strdup(rec, "Profile");
	r->resource_id = jsonutil_strdup(rec, "ResourceId");
	r->target = json_object_get(jsonutil_member(rec, "ScalableTarget", json_type_object));
	r->policies = json_object_get(jsonutil_member(rec, "ScalingPolicies", json_type_array));
	r->written = json_object_get(jsonutil_member(rec, "Written", json_type_array));
	if (!r->written)
		r->written = json_object_new_array();
	rc = 0;
out:
	json_object_put(rec);
	json_object_put(env);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int undo_list(char ***ids, size_t *n, char **err)
{
	char *dir = undo_dir();
	DIR *d = opendir(dir);

	*ids = NULL;
	*n = 0;
	if (!d) {
		int rc = errno == ENOENT ? 0 : -1;

		if (rc)
			*err = xasprintf(_("cannot read the undo directory %s: %s"), dir,
					 strerror(errno));
		free(dir);
		return rc;
	}
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);

		if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		char *id = xstrndup(e->d_name, len - 5);

		if (!id_ok(id)) {
			free(id);
			continue;
		}
		*ids = xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = id;
	}
	closedir(d);
	free(dir);
	if (*n)
		qsort(*ids, *n, sizeof(**ids), cmp_str);
	return 0;
}

static void free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

int undo_load(const char *id, struct undo_record *r, char **path, char **err)
{
	char **ids = NULL;
	size_t n = 0;
	char *dir = undo_dir();
	int rc = -1;

	memset(r, 0, sizeof(*r));
	*path = NULL;
	if (id && !id_ok(id)) {
		*err = xstrdup(_("an undo id is letters, digits and hyphens, as apply printed it "
				 "(sagescale apply --undo-list shows them)"));
		goto out;
	}
	if (!id) {
		if (undo_list(&ids, &n, err) != 0)
			goto out;
		if (n == 0) {
			*err = xasprintf(_("nothing to undo: no undo file in %s"), dir);
			goto out;
		}
		id = ids[n - 1];
	}
	*path = file_of(dir, id);
	char *text = read_file(*path, err);

	if (text) {
		rc = parse(text, *path, r, err);
		free(text);
	}
out:
	free_ids(ids, n);
	free(dir);
	return rc;
}

void undo_record_free(struct undo_record *r)
{
	free(r->id);
	free(r->created);
	free(r->region);
	free(r->profile);
	free(r->resource_id);
	json_object_put(r->target);
	json_object_put(r->policies);
	json_object_put(r->written);
	memset(r, 0, sizeof(*r));
}

int undo_prune(size_t keep, size_t *removed, char **err)
{
	char **ids;
	size_t n;
	char *dir;

	*removed = 0;
	if (undo_list(&ids, &n, err) != 0)
		return -1;
	dir = undo_dir();
	for (size_t i = 0; i + keep < n; i++) {
		char *p = file_of(dir, ids[i]);

		if (unlink(p) == 0)
			(*removed)++;
		free(p);
	}
	free(dir);
	free_ids(ids, n);
	return 0;
}

/* ---- the way back ---- */

static const char *const config_keys[] = { "TargetTrackingScalingPolicyConfiguration",
					   "StepScalingPolicyConfiguration",
					   "PredictiveScalingPolicyConfiguration", NULL };

static bool same_member(json_object *a, json_object *b, const char *k)
{
	json_object *x = NULL, *y = NULL;
	bool hx = json_object_object_get_ex(a, k, &x) && x,
	     hy = json_object_object_get_ex(b, k, &y) && y;

	if (hx != hy)
		return false;
	return !hx || (scalestate_json_covers(x, y) && scalestate_json_covers(y, x));
}

static bool same_policy(json_object *a, json_object *b)
{
	if (!same_member(a, b, "PolicyType"))
		return false;
	for (int i = 0; config_keys[i]; i++)
		if (!same_member(a, b, config_keys[i]))
			return false;
	return true;
}

static bool same_target(json_object *a, json_object *b)
{
	return same_member(a, b, "MinCapacity") && same_member(a, b, "MaxCapacity") &&
	       same_member(a, b, "SuspendedState");
}

static json_object *before_policy(const struct undo_record *r, const char *name)
{
	for (size_t i = 0; i < json_object_array_length(r->policies); i++) {
		json_object *p = json_object_array_get_idx(r->policies, i);
		json_object *n = jsonutil_member(p, "PolicyName", json_type_string);

		if (n && strcmp(json_object_get_string(n), name) == 0)
			return p;
	}
	return NULL;
}

static void key_members(json_object *o, const char *rid)
{
	json_object_object_add(o, "ServiceNamespace",
			       json_object_new_string(AUTOSCALING_NAMESPACE));
	json_object_object_add(o, "ResourceId", json_object_new_string(rid));
	json_object_object_add(o, "ScalableDimension",
			       json_object_new_string(AUTOSCALING_DIMENSION));
}

static void copy_member(json_object *dst, json_object *src, const char *k)
{
	json_object *v;

	if (json_object_object_get_ex(src, k, &v) && v)
		json_object_object_add(dst, k, json_object_get(v));
}

void undo_plan(const struct undo_record *r, const struct scalestate *now,
	       struct autoscaling_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	plan->resource_id = xstrdup(r->resource_id);
	if (!r->target) {
		/* There was none.  The service deletes a target's policies with
		 * it, but deleting them first leaves nothing behind on a service
		 * that does not (moto). */
		for (size_t i = 0; now->has_target && i < now->npolicies; i++) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "PolicyName",
					       json_object_new_string(now->policies[i].name));
			key_members(o, r->resource_id);
			autoscaling_plan_add(plan, "DeleteScalingPolicy", now->policies[i].name, o);
		}
		if (now->has_target) {
			json_object *o = json_object_new_object();

			key_members(o, r->resource_id);
			autoscaling_plan_add(plan, "DeregisterScalableTarget", r->resource_id, o);
		}
		return;
	}
	if (!now->has_target || !same_target(now->target_raw, r->target)) {
		json_object *o = json_object_new_object();

		key_members(o, r->resource_id);
		copy_member(o, r->target, "MinCapacity");
		copy_member(o, r->target, "MaxCapacity");
		copy_member(o, r->target, "SuspendedState");
		autoscaling_plan_add(plan, "RegisterScalableTarget", r->resource_id, o);
	}
	for (size_t i = 0; i < now->npolicies; i++) {
		const struct scalestate_policy *p = &now->policies[i];

		if (before_policy(r, p->name))
			continue;
		json_object *o = json_object_new_object();

		json_object_object_add(o, "PolicyName", json_object_new_string(p->name));
		key_members(o, r->resource_id);
		autoscaling_plan_add(plan, "DeleteScalingPolicy", p->name, o);
	}
	for (size_t i = 0; i < json_object_array_length(r->policies); i++) {
		json_object *bp = json_object_array_get_idx(r->policies, i);
		const char *name =
			json_object_get_string(jsonutil_member(bp, "PolicyName", json_type_string));
		const struct scalestate_policy *np = name ? scalestate_find(now, name) : NULL;

		if (!name || (np && same_policy(np->raw, bp)))
			continue;
		json_object *o = json_object_new_object();

		json_object_object_add(o, "PolicyName", json_object_new_string(name));
		key_members(o, r->resource_id);
		copy_member(o, bp, "PolicyType");
		for (int k = 0; config_keys[k]; k++)
			copy_member(o, bp, config_keys[k]);
		autoscaling_plan_add(plan, "PutScalingPolicy", name, o);
	}
}

bool undo_matches(const struct undo_record *r, const struct scalestate *now)
{
	if (!r->target != !now->has_target)
		return false;
	if (r->target && !same_target(now->target_raw, r->target))
		return false;
	if (now->npolicies != json_object_array_length(r->policies))
		return false;
	for (size_t i = 0; i < now->npolicies; i++) {
		json_object *bp = before_policy(r, now->policies[i].name);

		if (!bp || !same_policy(now->policies[i].raw, bp))
			return false;
	}
	return true;
}

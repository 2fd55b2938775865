/* The AWS CLI's assumed-role cache (see clicache.h). */
#include "config.h"
#include "aws/clicache.h"
#include "aws/cred.h"
#include "util/isotime.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <errno.h>
#include <json-c/json.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CLICACHE_MAX_FILE (1 << 20)

/* A string as Python's json.dumps writes it (ensure_ascii: everything past
 * ASCII as \uXXXX, UTF-16 surrogate pairs above U+FFFF). */
static void py_string(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
			i++;
		} else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
			buf_putc(b, '\\');
			buf_putc(b, c == '\n'   ? 'n'
				    : c == '\r' ? 'r'
				    : c == '\t' ? 't'
				    : c == '\b' ? 'b'
						: 'f');
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			buf_putc(b, (char)c);
			i++;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) > 0) {
			if (cp >= 0x10000) {
				cp -= 0x10000;
				buf_printf(b, "\\u%04x\\u%04x", 0xd800 + (cp >> 10),
					   0xdc00 + (cp & 0x3ff));
			} else {
				buf_printf(b, "\\u%04x", cp);
			}
			i += k;
		} else {
			/* Not UTF-8 (Python would not have read it): one escape per byte. */
			buf_printf(b, "\\u%04x", c);
			i++;
		}
	}
	buf_putc(b, '"');
}

static int by_name(const void *a, const void *b)
{
	const struct clicache_arg *x = a, *y = b;

	return strcmp(x->name, y->name);
}

char *clicache_args_json(const struct clicache_arg *args, size_t n)
{
	struct clicache_arg *sorted = xmalloc((n ? n : 1) * sizeof(*sorted));
	struct buf b = BUF_INIT;

	memcpy(sorted, args, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), by_name);
	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, ", ");
		py_string(&b, sorted[i].name);
		buf_puts(&b, ": ");
		if (sorted[i].is_num)
			buf_printf(&b, "%ld", sorted[i].num);
		else
			py_string(&b, sorted[i].str);
	}
	buf_putc(&b, '}');
	free(sorted);
	return buf_steal(&b);
}

char *clicache_key(const struct clicache_arg *args, size_t n)
{
	char *json = clicache_args_json(args, n);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	struct buf b = BUF_INIT;

	if (EVP_Digest(json, strlen(json), md, &len, EVP_sha1(), NULL) != 1)
		xfatal("%s", _("SHA-1 is not available"));
	for (unsigned int i = 0; i < len; i++)
		buf_printf(&b, "%02x", md[i]);
	free(json);
	return buf_steal(&b);
}

char *clicache_dir(void)
{
	char *home = aws_cred_home();
	char *dir = xasprintf("%s/.aws/cli/cache", home);

	free(home);
	return dir;
}

static const char *member_str(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *member_obj(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_object))
		return NULL;
	return v;
}

static json_object *read_json(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	json_object *o = NULL;

	if (!f)
		return NULL;
	if (fileio_read_stream(f, CLICACHE_MAX_FILE, &b) == 0 && b.len) {
		struct json_tokener *tok = json_tokener_new();
		o = json_tokener_parse_ex(tok, b.data, (int)b.len);
		if (json_tokener_get_error(tok) != json_tokener_success) {
			json_object_put(o);
			o = NULL;
		}
		json_tokener_free(tok);
	}
	fclose(f);
	buf_free_secret(&b);
	return o;
}

int clicache_load(const char *dir, const char *key, long long now, struct sts_assumed *out)
{
	char *path = xasprintf("%s/%s.json", dir, key);
	json_object *root = read_json(path);
	json_object *cr = member_obj(root, "Credentials");
	const char *ak = member_str(cr, "AccessKeyId"), *sk = member_str(cr, "SecretAccessKey");
	const char *tok = member_str(cr, "SessionToken"), *exp = member_str(cr, "Expiration");
	long long at;
	int hit = 0;

	memset(out, 0, sizeof(*out));
	out->packed_policy_size = -1;
	free(path);
	if (ak && sk && tok && exp && *ak && *sk && *tok && isotime_parse(exp, 0, &at, NULL) == 0 &&
	    at - now >= CLICACHE_EXPIRY_WINDOW_S) {
		json_object *user = member_obj(root, "AssumedRoleUser");
		out->access_key_id = xstrdup(ak);
		out->secret_access_key = xstrdup(sk);
		out->session_token = xstrdup(tok);
		out->expiration = xstrdup(exp);
		out->expires = at;
		if (member_str(user, "Arn"))
			out->arn = xstrdup(member_str(user, "Arn"));
		if (member_str(user, "AssumedRoleId"))
			out->assumed_role_id = xstrdup(member_str(user, "AssumedRoleId"));
		hit = 1;
	}
	json_object_put(root); /* json-c does not wipe; the file holds the same */
	return hit;
}

static void add_str(json_object *o, const char *key, const char *v)
{
	if (v)
		json_object_object_add(o, key, json_object_new_string(v));
}

/* The account of an ARN (its fifth field), as botocore adds AccountId. */
static char *arn_account(const char *arn)
{
	const char *p = arn;

	if (!arn || strncmp(arn, "arn:", 4) != 0)
		return NULL;
	for (int i = 0; i < 4; i++) {
		p = strchr(p, ':');
		if (!p)
			return NULL;
		p++;
	}
	size_t n = strcspn(p, ":");
	return n && p[n] == ':' ? xstrndup(p, n) : NULL;
}

static json_object *answer_json(const struct sts_assumed *a, bool web)
{
	json_object *root = json_object_new_object(), *cr = json_object_new_object();
	json_object *user = json_object_new_object(), *md = json_object_new_object();
	char *account = arn_account(a->arn);

	add_str(cr, "AccessKeyId", a->access_key_id);
	add_str(cr, "SecretAccessKey", a->secret_access_key);
	add_str(cr, "SessionToken", a->session_token);
	add_str(cr, "Expiration", a->expiration);
	add_str(cr, "AccountId", account);
	free(account);
	json_object_object_add(root, "Credentials", cr);
	if (web)
		add_str(root, "SubjectFromWebIdentityToken", a->subject);
	add_str(user, "AssumedRoleId", a->assumed_role_id);
	add_str(user, "Arn", a->arn);
	json_object_object_add(root, "AssumedRoleUser", user);
	if (a->packed_policy_size >= 0)
		json_object_object_add(root, "PackedPolicySize",
				       json_object_new_int64(a->packed_policy_size));
	if (web) {
		add_str(root, "Provider", a->provider);
		add_str(root, "Audience", a->audience);
	}
	add_str(root, "SourceIdentity", a->source_identity);
	add_str(md, "RequestId", a->request_id ? a->request_id : "");
	json_object_object_add(md, "HTTPStatusCode", json_object_new_int(200));
	json_object_object_add(md, "HTTPHeaders", json_object_new_object());
	json_object_object_add(md, "RetryAttempts", json_object_new_int(0));
	json_object_object_add(root, "ResponseMetadata", md);
	return root;
}

int clicache_store(const char *dir, const char *key, const struct sts_assumed *a, bool web,
		   char **err)
{
	json_object *root = answer_json(a, web);
	const char *text = json_object_to_json_string_ext(
		root, JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	char *path = xasprintf("%s/%s.json", dir, key);
	/* fileio_write_temp wants the X's at the end of the template. */
	char *tmpl = xasprintf("%s/.%s.tmp.XXXXXX", dir, key);
	int rc = -1;

	if (fileio_mkdirs(dir) == 0 && fileio_write_temp(tmpl, text, strlen(text)) == 0) {
		if (rename(tmpl, path) == 0)
			rc = 0;
		else
			unlink(tmpl);
	}
	if (rc < 0) {
		char *sp = sanitize_str(path);
		*err = xasprintf(_("Cannot write the session cache %s: %s."), sp, strerror(errno));
		free(sp);
	}
	OPENSSL_cleanse((void *)text, strlen(text));
	json_object_put(root);
	free(path);
	free(tmpl);
	return rc;
}

/* AWS Signature Version 4: canonical request, string to sign, signing key
 * (cached), Authorization header; and the parser the simulator's verifier uses. */
#include "config.h"
#include "aws/sigv4.h"
#include "util/ascii.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define SHA256_LEN 32
#define SHA256_BLOCK 64

static const char hexdigits[] = "0123456789abcdef";

static void hex_encode(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hexdigits[in[i] >> 4];
		out[2 * i + 1] = hexdigits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* ---- SHA-256 and HMAC ----
 * The digest is fetched once: implicit fetches in OpenSSL 3 cost a lock and
 * a lookup per call, which shows at hundreds of thousands of signatures/s. */

static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!sha256_md)
		xfatal("OpenSSL: SHA256 is not available");
}

static EVP_MD_CTX *md_ctx_new(void)
{
	EVP_MD_CTX *ctx;

	pthread_once(&sha256_once, sha256_fetch);
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		xfatal("out of memory");
	return ctx;
}

struct chunk {
	const void *p;
	size_t n;
};

/* SHA-256 over the concatenation of the chunks. */
static void sha256_chunks(EVP_MD_CTX *ctx, const struct chunk *c, size_t nc,
			  unsigned char out[SHA256_LEN])
{
	if (!EVP_DigestInit_ex2(ctx, sha256_md, NULL))
		xfatal("OpenSSL: SHA256 init failed");
	for (size_t i = 0; i < nc; i++)
		if (c[i].n)
			EVP_DigestUpdate(ctx, c[i].p, c[i].n);
	EVP_DigestFinal_ex(ctx, out, NULL);
}

static void sha256(EVP_MD_CTX *ctx, const void *p, size_t n, unsigned char out[SHA256_LEN])
{
	struct chunk c = { p, n };

	sha256_chunks(ctx, &c, 1, out);
}

/* HMAC-SHA256 (RFC 2104) on two digests with the reused context. */
static void hmac_sha256(EVP_MD_CTX *ctx, const void *key, size_t klen, const void *msg, size_t mlen,
			unsigned char out[SHA256_LEN])
{
	unsigned char k[SHA256_BLOCK] = { 0 }, pad[SHA256_BLOCK], inner[SHA256_LEN];

	if (klen > SHA256_BLOCK)
		sha256(ctx, key, klen, k);
	else
		memcpy(k, key, klen);
	for (int i = 0; i < SHA256_BLOCK; i++)
		pad[i] = k[i] ^ 0x36;
	struct chunk ic[2] = { { pad, sizeof pad }, { msg, mlen } };
	sha256_chunks(ctx, ic, 2, inner);
	for (int i = 0; i < SHA256_BLOCK; i++)
		pad[i] = k[i] ^ 0x5c;
	struct chunk oc[2] = { { pad, sizeof pad }, { inner, sizeof inner } };
	sha256_chunks(ctx, oc, 2, out);
	OPENSSL_cleanse(k, sizeof k);
	OPENSSL_cleanse(pad, sizeof pad);
	OPENSSL_cleanse(inner, sizeof inner);
}

void sigv4_sha256_hex(const void *data, size_t len, char out[65])
{
	EVP_MD_CTX *ctx = md_ctx_new();
	unsigned char md[SHA256_LEN];

	sha256(ctx, data, len, md);
	EVP_MD_CTX_free(ctx);
	hex_encode(md, sizeof md, out);
}

/* ---- signing key and its cache ----
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" secret, date), region), service),
 * "aws4_request") changes once a day, so a few slots suffice.  The secret is
 * kept (to compare) and wiped, with the key, when a slot is reused. */

#define CACHE_SLOTS 8

struct key_slot {
	char *secret, *region, *service;
	char date[9];
	unsigned char key[SHA256_LEN];
	unsigned long used; /* last use, for eviction; 0 = empty */
};

static struct {
	pthread_mutex_t lock;
	struct key_slot slot[CACHE_SLOTS];
	unsigned long clock;
	struct sigv4_cache_stats stats;
	bool disabled;
} cache = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void slot_wipe(struct key_slot *s)
{
	if (s->secret) {
		OPENSSL_cleanse(s->secret, strlen(s->secret));
		free(s->secret);
	}
	free(s->region);
	free(s->service);
	OPENSSL_cleanse(s, sizeof *s);
}

static void derive_key(EVP_MD_CTX *ctx, const char *secret, const char *date8, const char *region,
		       const char *service, unsigned char key[SHA256_LEN])
{
	size_t slen = strlen(secret);
	char *k0 = xmalloc(slen + 5);
	unsigned char a[SHA256_LEN], b[SHA256_LEN];

	memcpy(k0, "AWS4", 4);
	memcpy(k0 + 4, secret, slen + 1);
	hmac_sha256(ctx, k0, slen + 4, date8, strlen(date8), a);
	hmac_sha256(ctx, a, sizeof a, region, strlen(region), b);
	hmac_sha256(ctx, b, sizeof b, service, strlen(service), a);
	hmac_sha256(ctx, a, sizeof a, "aws4_request", 12, key);
	OPENSSL_cleanse(k0, slen + 4);
	free(k0);
	OPENSSL_cleanse(a, sizeof a);
	OPENSSL_cleanse(b, sizeof b);
}

static bool slot_matches(const struct key_slot *s, const char *secret, const char *date8,
			 const char *region, const char *service)
{
	return s->used && memcmp(s->date, date8, 9) == 0 && strcmp(s->region, region) == 0 &&
	       strcmp(s->service, service) == 0 && strcmp(s->secret, secret) == 0;
}

static void signing_key(EVP_MD_CTX *ctx, const char *secret, const char *date8, const char *region,
			const char *service, unsigned char key[SHA256_LEN])
{
	struct key_slot *victim;

	pthread_mutex_lock(&cache.lock);
	if (cache.disabled) {
		cache.stats.misses++;
		pthread_mutex_unlock(&cache.lock);
		derive_key(ctx, secret, date8, region, service, key);
		return;
	}
	victim = &cache.slot[0];
	for (int i = 0; i < CACHE_SLOTS; i++) {
		struct key_slot *s = &cache.slot[i];

		if (slot_matches(s, secret, date8, region, service)) {
			s->used = ++cache.clock;
			memcpy(key, s->key, SHA256_LEN);
			cache.stats.hits++;
			pthread_mutex_unlock(&cache.lock);
			return;
		}
		if (s->used < victim->used)
			victim = s;
	}
	cache.stats.misses++;
	pthread_mutex_unlock(&cache.lock);

	/* Derive outside the lock so that other threads are not held up. */
	derive_key(ctx, secret, date8, region, service, key);

	pthread_mutex_lock(&cache.lock);
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (slot_matches(&cache.slot[i], secret, date8, region, service))
			goto done; /* another thread stored it meanwhile */
	victim = &cache.slot[0];
	for (int i = 1; i < CACHE_SLOTS; i++)
		if (cache.slot[i].used < victim->used)
			victim = &cache.slot[i];
	slot_wipe(victim);
	victim->secret = xstrdup(secret);
	victim->region = xstrdup(region);
	victim->service = xstrdup(service);
	memcpy(victim->date, date8, 9);
	memcpy(victim->key, key, SHA256_LEN);
	victim->used = ++cache.clock;
done:
	pthread_mutex_unlock(&cache.lock);
}

static bool scope_part_ok(const char *s)
{
	return s && *s && !strchr(s, '/') && !strpbrk(s, "\r\n");
}

static bool date8_ok(const char *d)
{
	if (!d || strlen(d) != 8)
		return false;
	for (int i = 0; i < 8; i++)
		if (d[i] < '0' || d[i] > '9')
			return false;
	return true;
}

int sigv4_signing_key(const char *secret, const char *date8, const char *region,
		      const char *service, unsigned char key[32])
{
	EVP_MD_CTX *ctx;

	if (!secret || !date8_ok(date8) || !scope_part_ok(region) || !scope_part_ok(service))
		return -1;
	ctx = md_ctx_new();
	signing_key(ctx, secret, date8, region, service, key);
	EVP_MD_CTX_free(ctx);
	return 0;
}

void sigv4_cache_stats(struct sigv4_cache_stats *st)
{
	pthread_mutex_lock(&cache.lock);
	*st = cache.stats;
	pthread_mutex_unlock(&cache.lock);
}

void sigv4_cache_set_enabled(int on)
{
	pthread_mutex_lock(&cache.lock);
	cache.disabled = !on;
	pthread_mutex_unlock(&cache.lock);
}

void sigv4_cache_clear(void)
{
	pthread_mutex_lock(&cache.lock);
	for (int i = 0; i < CACHE_SLOTS; i++)
		slot_wipe(&cache.slot[i]);
	cache.clock = 0;
	memset(&cache.stats, 0, sizeof cache.stats);
	pthread_mutex_unlock(&cache.lock);
}

/* ---- canonical request ---- */

static bool is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

/* Percent-encodes everything but the unreserved set (and '/' if keep_slash). */
static void uri_encode(struct buf *b, const char *s, size_t n, bool keep_slash)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_unreserved(c) || (keep_slash && c == '/')) {
			run++;
			continue;
		}
		if (run)
			buf_append(b, s + i - run, run);
		run = 0;
		char esc[3] = { '%', "0123456789ABCDEF"[c >> 4], "0123456789ABCDEF"[c & 15] };
		buf_append(b, esc, 3);
	}
	if (run)
		buf_append(b, s + n - run, run);
}

/* Decodes %XX into b (query components are re-encoded after). */
static void uri_decode(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < n && (hi = ascii_hexval(s[i + 1])) >= 0 &&
		    (lo = ascii_hexval(s[i + 2])) >= 0) {
			buf_putc(b, (char)(hi << 4 | lo));
			i += 2;
		} else {
			buf_putc(b, s[i]);
		}
	}
}

/* Non-S3 services normalise the path (RFC 3986 dot segments, empty segments
 * dropped) and encode it once more, so a '%' in it becomes "%25". */
static void canonical_path(struct buf *b, const char *path)
{
	size_t len = strlen(path);

	if (len == 1 && path[0] == '/') { /* the client's only path: fast */
		buf_putc(b, '/');
		return;
	}
	/* Segment start offsets kept so that ".." can drop the last one. */
	size_t cap = len / 2 + 2, n = 0;
	const char **seg = xmalloc(cap * sizeof *seg);
	size_t *seglen = xmalloc(cap * sizeof *seglen);
	const char *p = path, *end = path + len;

	while (p < end) {
		const char *q = memchr(p, '/', (size_t)(end - p));
		size_t l = q ? (size_t)(q - p) : (size_t)(end - p);

		if (l == 0 || (l == 1 && p[0] == '.')) {
			/* empty or "." segment: nothing */
		} else if (l == 2 && p[0] == '.' && p[1] == '.') {
			if (n)
				n--;
		} else {
			seg[n] = p;
			seglen[n++] = l;
		}
		p += l + 1;
	}
	buf_putc(b, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, '/');
		uri_encode(b, seg[i], seglen[i], false);
	}
	if (n && len && path[len - 1] == '/')
		buf_putc(b, '/');
	free(seg);
	free(seglen);
}

struct qparam {
	char *key, *value; /* encoded */
};

static int qparam_cmp(const void *a, const void *b)
{
	const struct qparam *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->value, y->value);
}

static char *encode_component(const char *s, size_t n)
{
	struct buf dec = BUF_INIT, enc = BUF_INIT;

	uri_decode(&dec, s, n);
	uri_encode(&enc, buf_str(&dec), dec.len, false);
	buf_free(&dec);
	return buf_steal(&enc);
}

/* Parameters decoded, re-encoded, and sorted by key then value. */
static void canonical_query(struct buf *b, const char *query)
{
	size_t n = 0, cap = 1;
	struct qparam *qp;
	const char *p, *end;

	if (!query || !*query)
		return;
	for (p = query; *p; p++)
		if (*p == '&')
			cap++;
	qp = xmalloc(cap * sizeof *qp);
	end = query + strlen(query);
	for (p = query; p < end;) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		size_t l = amp ? (size_t)(amp - p) : (size_t)(end - p);

		if (l) {
			const char *eq = memchr(p, '=', l);
			size_t kl = eq ? (size_t)(eq - p) : l;

			qp[n].key = encode_component(p, kl);
			qp[n].value = eq ? encode_component(eq + 1, l - kl - 1) : xstrdup("");
			n++;
		}
		p += l + 1;
	}
	qsort(qp, n, sizeof *qp, qparam_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, '&');
		buf_puts(b, qp[i].key);
		buf_putc(b, '=');
		buf_puts(b, qp[i].value);
		free(qp[i].key);
		free(qp[i].value);
	}
	free(qp);
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static int name_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)lower(*a), y = (unsigned char)lower(*b);

		if (x != y || !x)
			return x - y;
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Value trimmed, inner runs of whitespace (continuation lines too) folded. */
static void put_value(struct buf *b, const char *v)
{
	const char *p = v, *start;

	while (is_space(*p))
		p++;
	while (*p) {
		start = p;
		while (*p && !is_space(*p))
			p++;
		buf_append(b, start, (size_t)(p - start));
		while (is_space(*p))
			p++;
		if (*p)
			buf_putc(b, ' ');
	}
}

static void put_lower(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	size_t at = b->len;

	buf_append(b, s, n);
	for (size_t i = 0; i < n; i++)
		b->data[at + i] = lower(b->data[at + i]);
}

/* Writes the canonical headers into b and the signed header list into sh.
 * A stable insertion sort keeps duplicates in the order they were given. */
static void canonical_headers(struct buf *b, struct buf *sh, const struct sigv4_header *h, size_t n)
{
	size_t stack_idx[16];
	size_t *idx = n <= 16 ? stack_idx : xmalloc(n * sizeof *idx);

	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j > 0 && name_cmp(h[idx[j - 1]].name, h[i].name) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	for (size_t i = 0; i < n; i++) {
		const struct sigv4_header *x = &h[idx[i]];

		if (i && name_cmp(h[idx[i - 1]].name, x->name) == 0) {
			buf_putc(b, ',');
		} else {
			if (i) {
				buf_putc(b, '\n');
				buf_putc(sh, ';');
			}
			put_lower(b, x->name);
			buf_putc(b, ':');
			put_lower(sh, x->name);
		}
		put_value(b, x->value ? x->value : "");
	}
	if (n)
		buf_putc(b, '\n');
	if (idx != stack_idx)
		free(idx);
}

static bool header_name_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s == ':' || *s == ';' || (unsigned char)*s <= ' ' || *s == 127)
			return false;
	return true;
}

static bool amz_date_ok(const char *d)
{
	if (!d || strlen(d) != 16 || d[8] != 'T' || d[15] != 'Z')
		return false;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (d[i] < '0' || d[i] > '9'))
			return false;
	return true;
}

static bool request_ok(const struct sigv4_request *req, const struct sigv4_credentials *creds,
		       const char *region, const char *service, const char *amz_date)
{
	if (!req || !req->method || !*req->method || !req->path ||
	    (req->nheaders && !req->headers) || (req->body_len && !req->body))
		return false;
	if (!creds || !creds->access_key_id || !*creds->access_key_id ||
	    strpbrk(creds->access_key_id, "/, \r\n") || !creds->secret_access_key)
		return false;
	if (!scope_part_ok(region) || !scope_part_ok(service) || !amz_date_ok(amz_date))
		return false;
	for (size_t i = 0; i < req->nheaders; i++)
		if (!header_name_ok(req->headers[i].name))
			return false;
	return true;
}

int sigv4_sign(const struct sigv4_request *req, const struct sigv4_credentials *creds,
	       const char *region, const char *service, const char *amz_date,
	       struct sigv4_result *res)
{
	struct buf cr = BUF_INIT, sh = BUF_INIT, sts = BUF_INIT, az = BUF_INIT;
	unsigned char md[SHA256_LEN], key[SHA256_LEN];
	char hex[65], date8[9];
	EVP_MD_CTX *ctx;

	if (!request_ok(req, creds, region, service, amz_date))
		return -1;
	ctx = md_ctx_new();
	memcpy(date8, amz_date, 8);
	date8[8] = '\0';

	/* Canonical request. */
	buf_puts(&cr, req->method);
	buf_putc(&cr, '\n');
	canonical_path(&cr, req->path);
	buf_putc(&cr, '\n');
	canonical_query(&cr, req->query);
	buf_putc(&cr, '\n');
	canonical_headers(&cr, &sh, req->headers, req->nheaders);
	buf_putc(&cr, '\n');
	buf_append(&cr, buf_str(&sh), sh.len);
	buf_putc(&cr, '\n');
	sha256(ctx, req->body ? req->body : "", req->body_len, md);
	hex_encode(md, sizeof md, hex);
	buf_append(&cr, hex, 64);

	/* String to sign. */
	sha256(ctx, cr.data, cr.len, md);
	hex_encode(md, sizeof md, hex);
	buf_append(&sts, SIGV4_ALGORITHM "\n", sizeof SIGV4_ALGORITHM);
	buf_append(&sts, amz_date, 16);
	buf_putc(&sts, '\n');
	size_t scope_at = sts.len;
	buf_append(&sts, date8, 8);
	buf_putc(&sts, '/');
	buf_puts(&sts, region);
	buf_putc(&sts, '/');
	buf_puts(&sts, service);
	buf_puts(&sts, "/aws4_request");
	size_t scope_len = sts.len - scope_at;
	buf_putc(&sts, '\n');
	buf_append(&sts, hex, 64);

	/* Signature. */
	signing_key(ctx, creds->secret_access_key, date8, region, service, key);
	hmac_sha256(ctx, key, sizeof key, sts.data, sts.len, md);
	OPENSSL_cleanse(key, sizeof key);
	EVP_MD_CTX_free(ctx);
	hex_encode(md, sizeof md, res->signature);

	/* Authorization header. */
	buf_puts(&az, SIGV4_ALGORITHM " Credential=");
	buf_puts(&az, creds->access_key_id);
	buf_putc(&az, '/');
	buf_append(&az, sts.data + scope_at, scope_len);
	buf_puts(&az, ", SignedHeaders=");
	buf_append(&az, buf_str(&sh), sh.len);
	buf_puts(&az, ", Signature=");
	buf_append(&az, res->signature, 64);

	buf_free(&sh);
	res->canonical_request = buf_steal(&cr);
	res->string_to_sign = buf_steal(&sts);
	res->authorization = buf_steal(&az);
	return 0;
}

void sigv4_result_free(struct sigv4_result *res)
{
	if (!res)
		return;
	free(res->canonical_request);
	free(res->string_to_sign);
	free(res->authorization);
	res->canonical_request = res->string_to_sign = res->authorization = NULL;
	res->signature[0] = '\0';
}

void sigv4_format_date(long long t, char out[17])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm) != 16)
		memcpy(out, "19700101T000000Z", 17);
}

/* ---- Authorization header parser (for the verifier) ---- */

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Splits "AK/DATE/REGION/SERVICE/aws4_request" into the out fields. */
static int parse_credential(const char *s, size_t n, struct sigv4_authz *out)
{
	const char *part[5];
	size_t len[5];
	const char *p = s, *end = s + n;

	for (int i = 0; i < 5; i++) {
		const char *slash = i < 4 ? memchr(p, '/', (size_t)(end - p)) : NULL;

		if (i < 4 && !slash)
			return -1;
		part[i] = p;
		len[i] = (size_t)((slash ? slash : end) - p);
		if (len[i] == 0)
			return -1;
		p = slash ? slash + 1 : end;
	}
	if (len[4] != 12 || memcmp(part[4], "aws4_request", 12) != 0 ||
	    memchr(part[4], '/', len[4]))
		return -1;
	out->access_key_id = xstrndup(part[0], len[0]);
	out->date = xstrndup(part[1], len[1]);
	out->region = xstrndup(part[2], len[2]);
	out->service = xstrndup(part[3], len[3]);
	return 0;
}

static bool signature_ok(const char *s, size_t n)
{
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_hexval(s[i]) < 0)
			return false;
	return true;
}

int sigv4_parse_authorization(const char *value, struct sigv4_authz *out)
{
	static const char prefix[] = SIGV4_ALGORITHM " ";
	struct sigv4_authz a = { 0 };
	const char *p;

	if (!value || strncmp(value, prefix, sizeof prefix - 1) != 0)
		return -1;
	p = value + sizeof prefix - 1;
	while (*(p = skip_spaces(p))) {
		const char *comma = strchr(p, ','), *eq;
		size_t l = comma ? (size_t)(comma - p) : strlen(p);

		while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			l--;
		eq = memchr(p, '=', l);
		if (!eq)
			goto bad;
		size_t kl = (size_t)(eq - p), vl = l - kl - 1;
		const char *v = eq + 1;

		if (kl == 10 && memcmp(p, "Credential", 10) == 0 && !a.access_key_id) {
			if (parse_credential(v, vl, &a) < 0)
				goto bad;
		} else if (kl == 13 && memcmp(p, "SignedHeaders", 13) == 0 && !a.signed_headers) {
			if (!vl)
				goto bad;
			a.signed_headers = xstrndup(v, vl);
		} else if (kl == 9 && memcmp(p, "Signature", 9) == 0 && !a.signature) {
			if (!signature_ok(v, vl))
				goto bad;
			a.signature = xstrndup(v, vl);
		} else {
			goto bad; /* unknown or repeated component */
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	if (!a.access_key_id || !a.signed_headers || !a.signature)
		goto bad;
	*out = a;
	return 0;
bad:
	sigv4_authz_free(&a);
	return -1;
}

void sigv4_authz_free(struct sigv4_authz *a)
{
	if (!a)
		return;
	free(a->access_key_id);
	free(a->date);
	free(a->region);
	free(a->service);
	free(a->signed_headers);
	free(a->signature);
	memset(a, 0, sizeof *a);
}

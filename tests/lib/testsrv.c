/* Scriptable loopback HTTP server for tests: canned responses in a queue
 * (status, headers, body, delay, dropped or truncated connections) and a
 * record of what was received, so tests can check the client's side. */
#include "config.h"
#include "testsrv.h"
#include "unit.h"
#include "aws/config.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#if MHD_VERSION < 0x00097002
typedef int MHD_Result_t;
#else
typedef enum MHD_Result MHD_Result_t;
#endif

struct canned {
	struct testsrv_response r; /* headers and body point into owned copies */
	char *headers;
	char *body;
};

struct testsrv {
	struct MHD_Daemon *d;
	int port;
	char url[64];
	pthread_mutex_t lock;
	struct canned *queue;
	size_t qhead, qlen, qcap;
	struct testsrv_request **reqs; /* pointers: stable while more arrive */
	size_t nreqs, capreqs;
	atomic_bool stopping;
};

/* One request being received. */
struct pending {
	struct buf body;
};

/* Body source for truncated and chunked answers. */
struct stream {
	char *data;
	size_t len; /* bytes we will really send */
	size_t chunk;
};

static void nap_ms(struct testsrv *s, int ms)
{
	while (ms > 0 && !atomic_load(&s->stopping)) {
		int step = ms > 10 ? 10 : ms;
		struct timespec ts = { 0, step * 1000000L };
		nanosleep(&ts, NULL);
		ms -= step;
	}
}

static MHD_Result_t collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct testsrv_request *r = cls;

	r->headers = xrealloc(r->headers, (r->nheaders + 1) * sizeof(*r->headers));
	r->headers[r->nheaders].name = xstrdup(key);
	r->headers[r->nheaders].value = xstrdup(value ? value : "");
	r->nheaders++;
	return MHD_YES;
}

static void record(struct testsrv *s, struct MHD_Connection *conn, const char *url,
		   const char *method, struct pending *p)
{
	struct testsrv_request *rp = xcalloc(1, sizeof(*rp)), r = { 0 };

	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		r.peer_port = ntohs(((const struct sockaddr_in *)ci->client_addr)->sin_port);
	r.method = xstrdup(method);
	r.url = xstrdup(url);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &r);
	r.body_len = p->body.len;
	r.body = buf_steal(&p->body);
	pthread_mutex_lock(&s->lock);
	if (s->nreqs == s->capreqs) {
		s->capreqs = s->capreqs ? 2 * s->capreqs : 8;
		s->reqs = xrealloc(s->reqs, s->capreqs * sizeof(*s->reqs));
	}
	*rp = r;
	s->reqs[s->nreqs++] = rp;
	pthread_mutex_unlock(&s->lock);
}

static bool pop(struct testsrv *s, struct canned *out)
{
	bool got = false;

	pthread_mutex_lock(&s->lock);
	if (s->qhead < s->qlen) {
		*out = s->queue[s->qhead++];
		got = true;
	}
	pthread_mutex_unlock(&s->lock);
	return got;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *st = cls;

	if (pos >= st->len)
		return st->chunk ? MHD_CONTENT_READER_END_OF_STREAM
				 : MHD_CONTENT_READER_END_WITH_ERROR;
	size_t n = st->len - (size_t)pos;
	if (st->chunk && n > st->chunk)
		n = st->chunk;
	if (n > max)
		n = max;
	memcpy(out, st->data + pos, n);
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	struct stream *st = cls;

	free(st->data);
	free(st);
}

static void add_headers(struct MHD_Response *resp, const char *lines)
{
	while (lines && *lines) {
		const char *nl = strchr(lines, '\n');
		size_t len = nl ? (size_t)(nl - lines) : strlen(lines);
		char *line = xstrndup(lines, len);
		char *colon = strchr(line, ':');
		if (colon) {
			*colon = '\0';
			char *v = colon + 1;
			while (*v == ' ')
				v++;
			MHD_add_response_header(resp, line, v);
		}
		free(line);
		lines += len + (nl ? 1 : 0);
	}
}

static struct MHD_Response *make_response(const struct canned *c)
{
	const struct testsrv_response *r = &c->r;
	const char *body = c->body ? c->body : "";
	size_t len = r->body_len;

	if (r->mode == TESTSRV_TRUNCATE || r->mode == TESTSRV_CHUNKED) {
		struct stream *st = xcalloc(1, sizeof(*st));
		st->data = xstrndup(body, len);
		if (r->mode == TESTSRV_TRUNCATE) {
			st->len = len / 2;
			return MHD_create_response_from_callback(len, 4096, stream_read, st,
								 stream_free);
		}
		st->len = len;
		st->chunk = 1024;
		return MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, st,
							 stream_free);
	}
	return MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
}

static MHD_Result_t on_request(void *cls, struct MHD_Connection *conn, const char *url,
			       const char *method, const char *version, const char *upload,
			       size_t *upload_size, void **con_cls)
{
	struct testsrv *s = cls;
	struct pending *p = *con_cls;

	if (!p) {
		*con_cls = xcalloc(1, sizeof(*p));
		return MHD_YES;
	}
	if (*upload_size) {
		buf_append(&p->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	record(s, conn, url, method, p);

	struct canned c;
	if (!pop(s, &c))
		c = (struct canned){ .r = { .status = 200, .body_len = 2 }, .body = xstrdup("{}") };
	nap_ms(s, c.r.delay_ms);
	MHD_Result_t ret = MHD_NO;
	if (c.r.mode != TESTSRV_DROP && !atomic_load(&s->stopping)) {
		struct MHD_Response *resp = make_response(&c);
		add_headers(resp, c.headers);
		if (c.r.mode == TESTSRV_CLOSE)
			MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
		ret = MHD_queue_response(conn, (unsigned)(c.r.status ? c.r.status : 200), resp);
		MHD_destroy_response(resp);
	}
	free(c.headers);
	free(c.body);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct pending *p = *con_cls;

	if (p) {
		buf_free(&p->body);
		free(p);
		*con_cls = NULL;
	}
}

static struct testsrv *start(const char *cert, const char *key)
{
	struct testsrv *s = xcalloc(1, sizeof(*s));
	struct sockaddr_in sa = { 0 };
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;

	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	pthread_mutex_init(&s->lock, NULL);
	if (cert)
		s->d = MHD_start_daemon(
			flags | MHD_USE_TLS, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
			(struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
			MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_HTTPS_MEM_CERT,
			cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
	else
		s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
					(struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
					on_completed, s, MHD_OPTION_CONNECTION_TIMEOUT,
					(unsigned)30, MHD_OPTION_END);
	if (!s->d) {
		pthread_mutex_destroy(&s->lock);
		free(s);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	snprintf(s->url, sizeof(s->url), "%s://127.0.0.1:%d/", cert ? "https" : "http", s->port);
	return s;
}

struct testsrv *testsrv_start(void)
{
	return start(NULL, NULL);
}

struct testsrv *testsrv_start_tls(const char *cert_pem, const char *key_pem)
{
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return NULL;
	return start(cert_pem, key_pem);
}

static char *bio_string(BIO *b)
{
	char *data;
	long n = BIO_get_mem_data(b, &data);

	return xstrndup(data, (size_t)n);
}

int testsrv_make_cert(const char *san, char **cert_pem, char **key_pem)
{
	EVP_PKEY *pkey = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509V3_CTX ctx;
	int ok = pkey && x;

	if (ok) {
		X509_set_version(x, 2);
		ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
		X509_gmtime_adj(X509_getm_notBefore(x), -3600);
		X509_gmtime_adj(X509_getm_notAfter(x), 86400);
		X509_set_pubkey(x, pkey);
		X509_NAME *name = X509_get_subject_name(x);
		X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
					   (const unsigned char *)"sagescale test", -1, -1, 0);
		X509_set_issuer_name(x, name);
		X509V3_set_ctx_nodb(&ctx);
		X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
		const char *exts[][2] = { { "subjectAltName", san },
					  { "basicConstraints", "critical,CA:TRUE" } };
		for (size_t i = 0; i < 2 && ok; i++) {
			X509_EXTENSION *e = X509V3_EXT_conf(NULL, &ctx, exts[i][0], exts[i][1]);
			ok = e && X509_add_ext(x, e, -1);
			X509_EXTENSION_free(e);
		}
		ok = ok && X509_sign(x, pkey, EVP_sha256()) > 0;
	}
	if (ok) {
		BIO *bc = BIO_new(BIO_s_mem()), *bk = BIO_new(BIO_s_mem());
		ok = PEM_write_bio_X509(bc, x) &&
		     PEM_write_bio_PrivateKey(bk, pkey, NULL, NULL, 0, NULL, NULL);
		if (ok) {
			*cert_pem = bio_string(bc);
			*key_pem = bio_string(bk);
		}
		BIO_free(bc);
		BIO_free(bk);
	}
	X509_free(x);
	EVP_PKEY_free(pkey);
	return ok ? 0 : -1;
}

static void free_request(struct testsrv_request *r)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	free(r->method);
	free(r->url);
	free(r->body);
}

void testsrv_stop(struct testsrv *s)
{
	if (!s)
		return;
	atomic_store(&s->stopping, true);
	/* libmicrohttpd 0.9.75 can crash in MHD_stop_daemon while a connection
	 * thread is still closing (seen after a TLS hello on the plain port):
	 * let the clients' connections wind down first, for up to 2 s. */
	for (int i = 0; i < 200; i++) {
		const union MHD_DaemonInfo *info =
			MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			break;
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(s->d);
	for (size_t i = s->qhead; i < s->qlen; i++) {
		free(s->queue[i].headers);
		free(s->queue[i].body);
	}
	free(s->queue);
	for (size_t i = 0; i < s->nreqs; i++) {
		free_request(s->reqs[i]);
		free(s->reqs[i]);
	}
	free(s->reqs);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

const char *testsrv_url(const struct testsrv *s)
{
	return s->url;
}

int testsrv_port(const struct testsrv *s)
{
	return s->port;
}

void testsrv_push(struct testsrv *s, const struct testsrv_response *r)
{
	struct canned c = { .r = *r };

	c.headers = r->headers ? xstrdup(r->headers) : NULL;
	c.r.body_len = r->body ? (r->body_len ? r->body_len : strlen(r->body)) : 0;
	c.body = r->body ? xstrndup(r->body, c.r.body_len) : NULL;
	c.r.headers = NULL;
	c.r.body = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->qlen == s->qcap) {
		s->qcap = s->qcap ? 2 * s->qcap : 8;
		s->queue = xrealloc(s->queue, s->qcap * sizeof(*s->queue));
	}
	s->queue[s->qlen++] = c;
	pthread_mutex_unlock(&s->lock);
}

size_t testsrv_count(struct testsrv *s)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->nreqs;
	pthread_mutex_unlock(&s->lock);
	return n;
}

const struct testsrv_request *testsrv_request(struct testsrv *s, size_t i)
{
	const struct testsrv_request *r = NULL;

	pthread_mutex_lock(&s->lock);
	if (i < s->nreqs)
		r = s->reqs[i];
	pthread_mutex_unlock(&s->lock);
	return r;
}

const char *testsrv_header(const struct testsrv_request *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

/* ---- for the tests that use the server ---- */

double testsrv_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int testsrv_closed_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	close(fd);
	return ntohs(sa.sin_port);
}

void testsrv_aws_config(const struct testsrv *s, struct aws_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->region = xstrdup("us-east-1");
	cfg->endpoint_sagemaker = xstrdup(testsrv_url(s));
	cfg->creds.access_key_id = xstrdup("AKIDSAGESCALEDEMO");
	cfg->creds.secret_access_key = xstrdup("sagescale-demo-secret");
}

void testsrv_no_proxy(void)
{
	static const char *const vars[] = { "http_proxy",  "HTTP_PROXY", "https_proxy",
					    "HTTPS_PROXY", "ALL_PROXY",  "all_proxy" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
}

void testsrv_capture_stderr(struct testsrv_capture *c)
{
	c->tmp = tmpfile();
	assert_non_null(c->tmp);
	fflush(stderr);
	c->saved = dup(2);
	dup2(fileno(c->tmp), 2);
}

char *testsrv_captured(struct testsrv_capture *c)
{
	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	long len;
	fseek(c->tmp, 0, SEEK_END);
	len = ftell(c->tmp);
	rewind(c->tmp);
	char *out = xcalloc(1, (size_t)len + 1);
	assert_int_equal(fread(out, 1, (size_t)len, c->tmp), (size_t)len);
	fclose(c->tmp);
	return out;
}

/* A scriptable HTTP server for tests (libmicrohttpd, its own threads, an
 * ephemeral loopback port): answers from a queue of canned responses and
 * records every request it got. */
#ifndef SAGESCALE_TESTSRV_H
#define SAGESCALE_TESTSRV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum testsrv_mode {
	TESTSRV_NORMAL = 0,
	TESTSRV_CLOSE,    /* close the connection after this response */
	TESTSRV_DROP,     /* close the connection without any response */
	TESTSRV_TRUNCATE, /* announce body_len bytes, send half, then close */
	TESTSRV_CHUNKED,  /* send the body chunked (no Content-Length) */
};

struct testsrv_response {
	int status;          /* 0: 200 */
	const char *headers; /* "Name: value\n" lines, or NULL */
	const char *body;    /* NULL: "" */
	size_t body_len;     /* 0: strlen(body) */
	int delay_ms;        /* wait before answering (cut short by testsrv_stop) */
	enum testsrv_mode mode;
};

struct testsrv_header {
	char *name; /* as received */
	char *value;
};

struct testsrv_request {
	char *method;
	char *url; /* path as received */
	struct testsrv_header *headers;
	size_t nheaders;
	char *body;
	size_t body_len;
	int peer_port; /* the client's source port: same port, same connection */
};

struct testsrv;

/* Starts on 127.0.0.1 with a port the kernel picks; NULL on failure. */
struct testsrv *testsrv_start(void);
/* The same over TLS with a PEM certificate and key (see testsrv_make_cert);
 * NULL when libmicrohttpd has no TLS support.  The URL is then https://. */
struct testsrv *testsrv_start_tls(const char *cert_pem, const char *key_pem);
void testsrv_stop(struct testsrv *s);
/* A fresh self-signed certificate (P-256, one hour back to one day ahead)
 * whose subjectAltName is san (e.g. "IP:127.0.0.1"); PEM strings to free. */
int testsrv_make_cert(const char *san, char **cert_pem, char **key_pem);
/* "http://127.0.0.1:PORT/" */
const char *testsrv_url(const struct testsrv *s);
int testsrv_port(const struct testsrv *s);
/* Queues a response (copied); with an empty queue the server answers 200 "{}". */
void testsrv_push(struct testsrv *s, const struct testsrv_response *r);
/* Requests received so far (complete ones: body read in full). */
size_t testsrv_count(struct testsrv *s);
/* A copy of request i, valid until testsrv_stop. */
const struct testsrv_request *testsrv_request(struct testsrv *s, size_t i);
/* Case-insensitive header lookup, NULL when absent. */
const char *testsrv_header(const struct testsrv_request *r, const char *name);

/* ---- for the tests that use the server ---- */

struct aws_config;

/* CLOCK_MONOTONIC in milliseconds. */
double testsrv_now_ms(void);
/* A loopback port nobody listens on: bind one, note it, close it (the
 * socket calls are asserted). */
int testsrv_closed_port(void);
/* Fills cfg (zeroed first) for calls to s: region us-east-1, the demo
 * credentials, endpoint_sagemaker at s; the caller sets the rest.  Free it
 * with aws_config_free. */
void testsrv_aws_config(const struct testsrv *s, struct aws_config *cfg);

/* Unsets the proxy variables: calls to the loopback server must not be
 * sent through a proxy from the environment. */
void testsrv_no_proxy(void);

/* What a test writes to stderr, sent to a temporary file meanwhile. */
struct testsrv_capture {
	FILE *tmp;
	int saved; /* the real stderr */
};
void testsrv_capture_stderr(struct testsrv_capture *c);
/* Puts stderr back; returns what was written meanwhile (to free). */
char *testsrv_captured(struct testsrv_capture *c);

#endif

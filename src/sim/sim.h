/* The local SageMaker simulator: a real HTTP server on loopback that speaks
 * the JSON 1.1 protocol, verifies SigV4 and answers from demo fixtures. */
#ifndef SAGESCALE_SIM_H
#define SAGESCALE_SIM_H
#include <stdbool.h>

#define SIM_DEMO_ACCESS_KEY "AKIDSAGESCALEDEMO"
#define SIM_DEMO_SECRET_KEY "sagescale-demo-secret"
#define SIM_DEMO_REGION "us-east-1"

/* Faults for tests: each count applies to the first N requests (after the
 * previous faults in this list have used theirs), in this order:
 * drop, throttle, err500, err503, truncate, non_json, oversized. */
struct sim_faults {
	int drop;        /* close the connection without answering */
	int throttle;    /* 400 ThrottlingException */
	int err500;      /* 500 InternalFailure */
	int err503;      /* 503 ServiceUnavailable */
	int truncate;    /* announce a body, send half, close */
	int non_json;    /* 200 with an HTML body */
	int oversized;   /* 200 with a 16 MiB body, streamed */
	int latency_ms;  /* added before every answer */
	long clock_skew; /* seconds added to the server's clock */
	int rate_limit;  /* requests per second beyond which it throttles (0: off) */
};

struct sim_options {
	const char *bind;       /* "127.0.0.1" */
	int port;               /* 0: pick a free port */
	const char *data_file;  /* NULL: the embedded demo jobs */
	const char *access_key; /* accepted credentials */
	const char *secret_key;
	const char *region;
	const char *tls_cert; /* PEM files; both or neither */
	const char *tls_key;
	struct sim_faults faults;
	int log;           /* one line per request on stderr */
	bool demo_scaling; /* fraud-prod starts with scaling configured (sim_aas_seed_demo) */
	long sts_duration; /* lifetime of the STS keys it issues, seconds; 0: as asked */
};

struct sim;

/* Demo credentials, 127.0.0.1, port 0, no faults, no TLS, quiet. */
void sim_options_init(struct sim_options *o);
/* Starts the server in background threads.  On failure returns NULL and sets
 * *err (malloc'd, translated) when err is not NULL. */
struct sim *sim_start(const struct sim_options *o, char **err);
int sim_port(const struct sim *s);
/* "http://127.0.0.1:PORT" (https with TLS); owned by s. */
const char *sim_url(const struct sim *s);
/* Stops accepting, hangs up on open connections, waits (at most 3 s) for
 * their threads to end, then frees everything.  NULL is allowed. */
void sim_stop(struct sim *s);

#endif

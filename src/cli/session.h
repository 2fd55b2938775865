/* A command's connection: the resolved AWS configuration and a client, or
 * with --demo the in-process simulator and the demo credentials; and how the
 * batch commands report a failed call and map it to an exit code. */
#ifndef SAGESCALE_SESSION_H
#define SAGESCALE_SESSION_H
#include <stdbool.h>

#include "aws/client.h"
#include "aws/config.h"
#include "aws/sts.h"
#include "cli/options.h"

struct sim;

struct session {
	struct aws_config cfg;
	struct aws_client_options copts; /* cfg points at .cfg above */
	struct aws_client *client;       /* for the calling thread */
	struct sim *sim;                 /* --demo: the running simulator, else NULL */
	bool demo;
};

/* Resolves the configuration (or starts the simulator for --demo) and makes
 * a client.  Returns 0, or -1 with *err one translated sentence (a
 * configuration problem: exit code 3). */
int session_open(const struct cli_conn *conn, struct session *s, char **err);
/* A new client on the same configuration, for another thread (a client is
 * not shared between threads).  Free it with aws_client_free before
 * session_close. */
/* The profile the user chose (--profile, AWS_PROFILE), for exports to pin;
 * NULL with none chosen or in the demo. */
const char *session_chosen_profile(const struct session *s, const struct cli_conn *conn);
struct aws_client *session_new_client(const struct session *s);
void session_close(struct session *s);
/* How to reach STS with the session's endpoint, region, timeouts and
 * credentials (everything borrowed from s). */
void session_sts_conn(const struct session *s, struct sts_conn *out);

/* ---- what the batch commands share around a call ---- */

/* CLI_EXIT_OK, CLI_EXIT_SERVICE (the service answered with an error or an
 * answer we cannot read) or CLI_EXIT_NETWORK. */
int cli_exit_code(enum aws_result_kind kind);

/* On stderr: "An error occurred (Code) when calling the Op operation: msg"
 * (or "Op failed: msg"), the request id, and with with_hint the hint for
 * the error; everything from the network sanitised.  Returns the exit
 * code. */
int cli_report_call(const char *op, const struct aws_result *res, bool with_hint);

/* session_open; on failure prints why and returns CLI_EXIT_NETWORK. */
int cli_session_open(const struct cli_conn *conn, struct session *s);

#endif

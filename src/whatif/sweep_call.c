/* The sweep's real work: each pool thread owns an aws_client (its own curl
 * handle, kept alive), and each point is one GetScalingConfigurationRecommendation. */
#include "config.h"
#include "whatif/sweep.h"
#include "aws/client.h"
#include "sagemaker/scaling.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *call_conn_new(void *arg, char **err)
{
	struct sweep_call *c = arg;
	struct aws_client *cl = aws_client_new(c->client_opts);

	if (!cl)
		*err = NULL; /* the pool supplies a generic message */
	return cl;
}

static void call_conn_free(void *arg, void *conn)
{
	aws_client_free(conn);
}

static bool call_run_point(void *arg, void *conn, int cpu, atomic_bool *cancel,
			   struct whatif_run *run)
{
	struct sweep_call *c = arg;
	struct scaling_request req = *c->base; /* shallow: only cpu changes */
	struct scaling_response resp;
	struct aws_result res;
	long long t0 = whatif_now_ms();

	memset(&resp, 0, sizeof(resp));
	memset(&res, 0, sizeof(res));
	req.cpu.set = true;
	req.cpu.v = cpu;
	int rc = scaling_get_recommendation(conn, &req, cancel, &resp, &res);
	whatif_run_from_result(run, &req, rc == 0 ? &resp : NULL, &res, (long long)time(NULL),
			       (long)(whatif_now_ms() - t0));
	/* Any retry means the service (or the path to it) pushed back. */
	bool pushback = res.attempts > 1 ||
			(res.kind == AWS_ERR_SERVICE && aws_is_throttling_code(res.error_code));
	if (rc == 0)
		scaling_response_free(&resp);
	aws_result_free(&res);
	return pushback;
}

static void call_notify(void *arg)
{
	struct sweep_call *c = arg;

	if (c->notify)
		c->notify(c->notify_arg);
}

void sweep_call_ops(struct sweep_call *call, struct sweep_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->arg = call;
	ops->conn_new = call_conn_new;
	ops->conn_free = call_conn_free;
	ops->run_point = call_run_point;
	ops->notify = call_notify;
}

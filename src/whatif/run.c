/* What-if runs: built from a finished call, copied, freed.  Self-contained
 * (only util) so that the history, compare and chart tests link alone. */
#include "config.h"
#include "whatif/run.h"
#include "aws/client.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void req_copy(struct scaling_request *d, const struct scaling_request *s)
{
	d->job_name = dup_or_null(s->job_name);
	d->recommendation_id = dup_or_null(s->recommendation_id);
	d->endpoint_name = dup_or_null(s->endpoint_name);
	d->cpu = s->cpu;
	d->min_invocations = s->min_invocations;
	d->max_invocations = s->max_invocations;
}

static void req_free(struct scaling_request *r)
{
	free(r->job_name);
	free(r->recommendation_id);
	free(r->endpoint_name);
	memset(r, 0, sizeof(*r));
}

static const char *kind_name(enum aws_result_kind k)
{
	switch (k) {
	case AWS_OK: return "ok";
	case AWS_ERR_SERVICE: return "service";
	case AWS_ERR_NETWORK: return "network";
	case AWS_ERR_CONFIG: return "config";
	case AWS_ERR_RESPONSE: return "response";
	case AWS_ERR_CANCELLED: return "cancelled";
	}
	return "error";
}

char *whatif_policy_text(const struct scaling_policy *p)
{
	struct buf b = BUF_INIT;

	if (p->kind == POLICY_UNKNOWN) {
		buf_printf(&b, "%s %s", p->unknown_key ? p->unknown_key : "?",
			   p->unknown_json ? p->unknown_json : "");
		return buf_steal(&b);
	}
	buf_puts(&b, "TargetTracking");
	if (p->has_metric) {
		const struct scaling_metric_spec *m = &p->metric;
		switch (m->kind) {
		case METRIC_PREDEFINED:
			buf_printf(&b, " Predefined %s",
				   m->predefined_type ? m->predefined_type : "?");
			break;
		case METRIC_CUSTOMIZED:
			buf_printf(&b, " Customized %s/%s %s", m->namespace_ ? m->namespace_ : "?",
				   m->metric_name ? m->metric_name : "?",
				   m->statistic ? m->statistic : "?");
			break;
		case METRIC_UNKNOWN:
			buf_printf(&b, " %s %s", m->unknown_key ? m->unknown_key : "?",
				   m->unknown_json ? m->unknown_json : "");
			break;
		}
	}
	if (p->has_target_value)
		buf_printf(&b, " = %g", p->target_value);
	return buf_steal(&b);
}

void whatif_run_from_result(struct whatif_run *run, const struct scaling_request *req,
			    const struct scaling_response *resp, const struct aws_result *res,
			    long long time, long elapsed_ms)
{
	run->time = time;
	run->elapsed_ms = elapsed_ms;
	if (req)
		req_copy(&run->req, req);
	run->attempts = res ? res->attempts : 0;
	run->http_status = res ? res->http_status : 0;
	if (res && res->request_id)
		run->request_id = xstrdup(res->request_id);
	if (resp && (!res || res->kind == AWS_OK)) {
		run->ok = true;
		run->invocations_per_instance = resp->invocations_per_instance;
		run->model_latency = resp->model_latency;
		run->min_capacity = resp->min_capacity;
		run->max_capacity = resp->max_capacity;
		run->scale_in_cooldown = resp->scale_in_cooldown;
		run->scale_out_cooldown = resp->scale_out_cooldown;
		run->npolicies = resp->npolicies;
		run->policies = resp->npolicies ? xcalloc(resp->npolicies, sizeof(char *)) : NULL;
		for (size_t i = 0; i < resp->npolicies; i++)
			run->policies[i] = whatif_policy_text(&resp->policies[i]);
		run->response_json = dup_or_null(resp->raw_json);
		return;
	}
	run->ok = false;
	run->error_kind = xstrdup(res ? kind_name(res->kind) : "error");
	run->error_code = res ? dup_or_null(res->error_code) : NULL;
	run->error_message = res ? dup_or_null(res->error_message) : NULL;
	if (res && res->kind == AWS_ERR_SERVICE && res->body)
		run->response_json = xstrdup(res->body);
}

void whatif_run_set_error(struct whatif_run *run, const char *kind, const char *code,
			  const char *message)
{
	run->ok = false;
	free(run->error_kind);
	free(run->error_code);
	free(run->error_message);
	run->error_kind = xstrdup(kind ? kind : "error");
	run->error_code = dup_or_null(code);
	run->error_message = dup_or_null(message);
}

void whatif_run_copy(struct whatif_run *d, const struct whatif_run *s)
{
	*d = *s;
	req_copy(&d->req, &s->req);
	d->policies = s->npolicies ? xcalloc(s->npolicies, sizeof(char *)) : NULL;
	for (size_t i = 0; i < s->npolicies; i++)
		d->policies[i] = xstrdup(s->policies[i]);
	d->response_json = dup_or_null(s->response_json);
	d->error_kind = dup_or_null(s->error_kind);
	d->error_code = dup_or_null(s->error_code);
	d->error_message = dup_or_null(s->error_message);
	d->request_id = dup_or_null(s->request_id);
}

void whatif_run_free(struct whatif_run *run)
{
	if (!run)
		return;
	req_free(&run->req);
	for (size_t i = 0; i < run->npolicies; i++)
		free(run->policies[i]);
	free(run->policies);
	free(run->response_json);
	free(run->error_kind);
	free(run->error_code);
	free(run->error_message);
	free(run->request_id);
	memset(run, 0, sizeof(*run));
}

long long whatif_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool same_int(struct opt_int a, struct opt_int b)
{
	return a.set == b.set && (!a.set || a.v == b.v);
}

bool whatif_run_same(const struct whatif_run *a, const struct whatif_run *b)
{
	return a->ok && b->ok && same_str(a->req.job_name, b->req.job_name) &&
	       same_str(a->req.recommendation_id, b->req.recommendation_id) &&
	       same_str(a->req.endpoint_name, b->req.endpoint_name) &&
	       same_int(a->req.cpu, b->req.cpu) &&
	       same_int(a->req.min_invocations, b->req.min_invocations) &&
	       same_int(a->req.max_invocations, b->req.max_invocations) &&
	       same_str(a->response_json, b->response_json);
}

/* The endpoint variant of status and apply (see target.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/target.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* SageMaker answers a missing endpoint with a ValidationException whose
 * message says "Could not find endpoint". */
static bool not_found(const struct aws_result *res)
{
	return res->kind == AWS_ERR_SERVICE && res->error_message &&
	       strstr(res->error_message, "Could not find endpoint") != NULL;
}

int cli_target_describe(struct session *s, const char *endpoint, struct endpoints_detail *d)
{
	struct aws_result res;
	const char *op;

	if (endpoints_describe(s->client, endpoint, NULL, d, &op, &res) == 0) {
		aws_result_free(&res);
		return CLI_EXIT_OK;
	}
	int rc;

	if (not_found(&res) && strcmp(op, "DescribeEndpoint") == 0) {
		char *e = sanitize_str(endpoint), *r = sanitize_str(s->cfg.region);

		cli_error(_("there is no endpoint %s in region %s (sagescale status without a "
			    "name lists them; check the name and --region)"),
			  e, r);
		if (endpoints_is_benchmark(endpoint))
			fprintf(stderr, "%s\n",
				_("sm-epc-... endpoints are the ones Inference "
				  "Recommender made for its benchmark; they are "
				  "deleted when the job ends."));
		free(e);
		free(r);
		rc = CLI_EXIT_SERVICE;
	} else {
		rc = cli_report_call(op, &res, true);
	}
	aws_result_free(&res);
	return rc;
}

static char *variant_names(const struct endpoints_detail *d)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < d->nvariants; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", d->variants[i].name);
	char *s = buf_steal(&b);
	char *safe = sanitize_str(s ? s : "");

	free(s);
	return safe;
}

int cli_target_variant(const struct endpoints_detail *d, const char **variant)
{
	char *names = variant_names(d), *e = sanitize_str(d->name);
	int rc = CLI_EXIT_OK;

	if (*variant && !endpoints_variant_find(d, *variant)) {
		char *v = sanitize_str(*variant);

		cli_error(_("the endpoint %s has no variant %s (its variants: %s)"), e, v, names);
		free(v);
		rc = CLI_EXIT_SERVICE;
	} else if (!*variant && d->nvariants == 1) {
		*variant = d->variants[0].name;
	} else if (!*variant) {
		cli_error(d->nvariants ? _("the endpoint %s has several variants (%s): choose one "
					   "with --target-variant")
				       : _("the endpoint %s has no production variant%s"),
			  e, d->nvariants ? names : "");
		rc = CLI_EXIT_SERVICE;
	}
	free(names);
	free(e);
	return rc;
}

int cli_target_in_service(const struct endpoints_detail *d)
{
	if (strcmp(d->status, "InService") == 0)
		return CLI_EXIT_OK;
	char *e = sanitize_str(d->name), *st = sanitize_str(d->status);

	if (strcmp(d->status, "Failed") == 0) {
		char *why = sanitize_str(d->failure_reason ? d->failure_reason : "");

		cli_error(_("the endpoint %s is Failed: it serves nothing to scale (%s)"), e, why);
		free(why);
	} else {
		cli_error(_("the endpoint %s is %s, not InService: Application Auto Scaling can "
			    "scale it only once it is InService; try again then"),
			  e, st);
	}
	free(e);
	free(st);
	return CLI_EXIT_SERVICE;
}

/* The output settings the AWS CLI reads from outside the command line
 * (see options.h): --output over AWS_DEFAULT_OUTPUT over the profile's
 * `output` (botocore's order for the `output` variable), and the profile's
 * cli_timestamp_format.  Read here from the config file itself, apart from
 * the credential resolution of src/aws/config.c, because a bad output
 * setting is a usage error found before any connection is set up. */
#include "config.h"
#include "cli/options.h"
#include "cli/output.h"
#include "aws/ini.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <json.h>
#include <math.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

int cli_parse_color(const char *flag, const char *arg, enum cli_color *c, char **err)
{
	if (strcmp(arg, "auto") == 0)
		*c = CLI_COLOR_AUTO;
	else if (strcmp(arg, "on") == 0)
		*c = CLI_COLOR_ON;
	else if (strcmp(arg, "off") == 0)
		*c = CLI_COLOR_OFF;
	else {
		char *s = sanitize_str(arg);
		*err = xasprintf(_("%s: must be one of on, off, auto (got \"%s\")"), flag, s);
		free(s);
		return -1;
	}
	return 0;
}

/* AWS_CONFIG_FILE (with a leading ~/ expanded), else ~/.aws/config. */
static char *config_path(void)
{
	const char *v = env("AWS_CONFIG_FILE"), *home = fileio_home();

	if (!v)
		return xasprintf("%s/.aws/config", home);
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0'))
		return xasprintf("%s%s", home, v + 1);
	return xstrdup(v);
}

/* The profile's section: "profile NAME", or "default" for the default. */
static const char *profile_value(const struct ini *ini, const char *profile, const char *key)
{
	char *named = xasprintf("profile %s", profile);
	const char *v = ini_get(ini, named, key);

	free(named);
	if (!v && strcmp(profile, "default") == 0)
		v = ini_get(ini, "default", key);
	return v && *v ? v : NULL;
}

static int bad_setting(const char *where, const char *what, const char *value, const char *allowed,
		       char **err)
{
	char *s = sanitize_str(value);

	*err = xasprintf(_("%s: %s must be one of %s (got \"%s\")"), where, what, allowed, s);
	free(s);
	return -1;
}

int cli_output_settings(struct cli_args *a, char **err)
{
	const char *profile = a->conn.profile && *a->conn.profile ? a->conn.profile
			      : env("AWS_PROFILE")                ? env("AWS_PROFILE")
			      : env("AWS_DEFAULT_PROFILE")        ? env("AWS_DEFAULT_PROFILE")
								  : "default";
	const char *v;
	struct ini ini = { 0 };
	char *path = config_path(), *where;
	int rc = 0;

	/* An unreadable config file is the configuration's problem: the
	 * session reports it.  Here it only means "no settings". */
	(void)ini_load(path, &ini);
	where = xasprintf(_("%s (profile %s)"), path, profile);
	if (!a->output_set) {
		a->output = CLI_OUTPUT_JSON;
		if ((v = env("AWS_DEFAULT_OUTPUT")) != NULL) {
			if (output_parse_format(v, &a->output) != 0)
				rc = bad_setting("AWS_DEFAULT_OUTPUT", "output", v,
						 "json, table, text, yaml, yaml-stream", err);
		} else if ((v = profile_value(&ini, profile, "output")) != NULL) {
			if (output_parse_format(v, &a->output) != 0)
				rc = bad_setting(where, "output", v,
						 "json, table, text, yaml, yaml-stream", err);
		}
	}
	a->timestamps = CLI_TIMESTAMPS_NONE;
	if (rc == 0 && (v = profile_value(&ini, profile, "cli_timestamp_format")) != NULL) {
		if (strcmp(v, "iso8601") == 0)
			a->timestamps = CLI_TIMESTAMPS_ISO8601;
		else if (strcmp(v, "none") != 0 && strcmp(v, "wire") != 0)
			rc = bad_setting(where, "cli_timestamp_format", v, "none, wire, iso8601",
					 err);
	}
	output_set_color(a->color);
	free(where);
	free(path);
	ini_free(&ini);
	return rc;
}

/* ---- cli_timestamp_format = iso8601 ----
 * botocore's parse_timestamp(number).isoformat(): the local time with its
 * UTC offset, microseconds only when there are any. */
static json_object *iso_time(double v)
{
	double whole = floor(v);
	long long us = llround((v - whole) * 1e6);
	time_t t = (time_t)whole;
	struct tm tm;
	char date[40], frac[32] = "", off[48];
	long gmtoff;

	if (us >= 1000000) {
		t++;
		us -= 1000000;
	}
	if (!localtime_r(&t, &tm))
		return NULL;
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	if (us > 0)
		snprintf(frac, sizeof(frac), ".%06lld", us);
	gmtoff = tm.tm_gmtoff;
	snprintf(off, sizeof(off), "%c%02ld:%02ld", gmtoff < 0 ? '-' : '+', labs(gmtoff) / 3600,
		 labs(gmtoff) % 3600 / 60);
	char *s = xasprintf("%s%s%s", date, frac, off);
	json_object *o = json_object_new_string(s);
	free(s);
	return o;
}

/* The timestamp members (service model type "timestamp") of the answers
 * sagescale prints, by where they sit: NULL the top level, else in each
 * element of that list. */
static const struct {
	const char *list, *key;
} timestamp_members[] = {
	{ NULL, "CreationTime" },
	{ NULL, "CompletionTime" },
	{ NULL, "LastModifiedTime" },
	{ "InferenceRecommendationsJobs", "CreationTime" },
	{ "InferenceRecommendationsJobs", "CompletionTime" },
	{ "InferenceRecommendationsJobs", "LastModifiedTime" },
	{ "InferenceRecommendations", "InvocationStartTime" },
	{ "InferenceRecommendations", "InvocationEndTime" },
};

static void convert_member(json_object *o, const char *key)
{
	json_object *v;
	json_object *s;

	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v))
		return;
	if (!json_object_is_type(v, json_type_double) && !json_object_is_type(v, json_type_int))
		return;
	if ((s = iso_time(json_object_get_double(v))) != NULL)
		json_object_object_add(o, key, s); /* same place in the key order */
}

char *cli_timestamps_apply(const char *json, enum cli_timestamps how)
{
	json_object *root;
	char *out;

	if (how != CLI_TIMESTAMPS_ISO8601 || !(root = json_tokener_parse(json)))
		return xstrdup(json);
	for (size_t i = 0; i < sizeof(timestamp_members) / sizeof(timestamp_members[0]); i++) {
		json_object *list;

		if (!timestamp_members[i].list) {
			convert_member(root, timestamp_members[i].key);
			continue;
		}
		if (!json_object_object_get_ex(root, timestamp_members[i].list, &list) ||
		    !json_object_is_type(list, json_type_array))
			continue;
		for (size_t k = 0; k < json_object_array_length(list); k++)
			convert_member(json_object_array_get_idx(list, k),
				       timestamp_members[i].key);
	}
	out = xstrdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN |
								   JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return out;
}

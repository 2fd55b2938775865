/* The what-if history on disk: JSON lines, one run each, after a header line
 * that marks the file as ours.  Appends are single write()s of whole lines
 * under an flock()ed lock file; trimming to the bound rewrites the file into
 * a temporary and renames it over, so a reader sees the old or the new file,
 * never half of one. */
#include "config.h"
#include "whatif/history.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A history larger than this is not one we wrote: leave it alone. */
#define HISTORY_READ_LIMIT (16 * 1024 * 1024)
/* Past this many corrupt lines, one summary warning. */
#define HISTORY_MAX_LINE_WARNINGS 3

struct history {
	char *path;
	char *dir;
	size_t max_runs, max_bytes;
	enum history_status status;
	struct whatif_run *runs;
	size_t nruns, cap;
	long long next_id;
	char **warnings;
	size_t nwarnings;
	/* Runs not yet written because the disk was full (or a size limit
	 * reached): written, in order, once space returns. */
	struct whatif_run *pending;
	size_t npending;
	bool space_warned; /* one warning per full-disk episode */
};

/* A write failed for want of space, not for good: try again later. */
static bool space_error(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

static void warn(struct history *h, char *msg)
{
	h->warnings = xrealloc(h->warnings, (h->nwarnings + 1) * sizeof(char *));
	h->warnings[h->nwarnings++] = msg;
}

/* ---- encoding ---- */

char *history_encode(const struct whatif_run *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(r->id));
	json_object_object_add(o, "time", json_object_new_int64(r->time));
	json_object_object_add(o, "elapsed_ms", json_object_new_int64(r->elapsed_ms));
	/* The request with the API's own names, so it reads like the CLI's JSON. */
	json_object_object_add(o, "request", scaling_request_object(&r->req));
	json_object_object_add(o, "ok", json_object_new_boolean(r->ok));
	if (r->ok) {
		json_object *res = json_object_new_object();
		jsonutil_put_int(res, "InvocationsPerInstance", r->invocations_per_instance);
		jsonutil_put_int(res, "ModelLatency", r->model_latency);
		jsonutil_put_int(res, "MinCapacity", r->min_capacity);
		jsonutil_put_int(res, "MaxCapacity", r->max_capacity);
		jsonutil_put_int(res, "ScaleInCooldown", r->scale_in_cooldown);
		jsonutil_put_int(res, "ScaleOutCooldown", r->scale_out_cooldown);
		json_object *pol = json_object_new_array();
		for (size_t i = 0; i < r->npolicies; i++)
			json_object_array_add(pol, json_object_new_string(r->policies[i]));
		json_object_object_add(res, "policies", pol);
		json_object_object_add(o, "result", res);
	} else {
		json_object *err = json_object_new_object();
		jsonutil_put_str(err, "kind", r->error_kind);
		jsonutil_put_str(err, "code", r->error_code);
		jsonutil_put_str(err, "message", r->error_message);
		if (r->http_status)
			json_object_object_add(err, "http_status",
					       json_object_new_int64(r->http_status));
		json_object_object_add(o, "error", err);
	}
	jsonutil_put_str(o, "request_id", r->request_id);
	if (r->attempts)
		json_object_object_add(o, "attempts", json_object_new_int(r->attempts));
	jsonutil_put_str(o, "response", r->response_json);
	return jsonutil_text_put(o);
}

static struct opt_int get_int(json_object *o, const char *k)
{
	struct opt_int r = { false, 0 };
	json_object *v = jsonutil_member(o, k, json_type_int);

	if (v) {
		r.set = true;
		r.v = json_object_get_int64(v);
	}
	return r;
}

int history_decode(const char *line, size_t len, struct whatif_run *r)
{
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, line, (int)len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	size_t used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);

	memset(r, 0, sizeof(*r));
	/* A truncated line parses as "continue"; trailing garbage is corrupt too. */
	if (!o || e != json_tokener_success || used != len ||
	    !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return -1;
	}
	struct opt_int id = get_int(o, "id"), t = get_int(o, "time");
	json_object *req = jsonutil_member(o, "request", json_type_object);
	json_object *okv = jsonutil_member(o, "ok", json_type_boolean);
	if (!id.set || !t.set || !req || !okv) {
		json_object_put(o);
		return -1;
	}
	r->id = id.v;
	r->time = t.v;
	r->elapsed_ms = (long)get_int(o, "elapsed_ms").v;
	r->req.job_name = jsonutil_strdup(req, "InferenceRecommendationsJobName");
	r->req.recommendation_id = jsonutil_strdup(req, "RecommendationId");
	r->req.endpoint_name = jsonutil_strdup(req, "EndpointName");
	r->req.cpu = get_int(req, "TargetCpuUtilizationPerCore");
	json_object *spo = jsonutil_member(req, "ScalingPolicyObjective", json_type_object);
	r->req.min_invocations = get_int(spo, "MinInvocationsPerMinute");
	r->req.max_invocations = get_int(spo, "MaxInvocationsPerMinute");
	r->ok = json_object_get_boolean(okv);
	if (r->ok) {
		json_object *res = jsonutil_member(o, "result", json_type_object);
		json_object *pol = jsonutil_member(res, "policies", json_type_array);
		r->invocations_per_instance = get_int(res, "InvocationsPerInstance");
		r->model_latency = get_int(res, "ModelLatency");
		r->min_capacity = get_int(res, "MinCapacity");
		r->max_capacity = get_int(res, "MaxCapacity");
		r->scale_in_cooldown = get_int(res, "ScaleInCooldown");
		r->scale_out_cooldown = get_int(res, "ScaleOutCooldown");
		if (pol) {
			size_t n = json_object_array_length(pol);
			r->policies = n ? xcalloc(n, sizeof(char *)) : NULL;
			for (size_t i = 0; i < n; i++) {
				json_object *p = json_object_array_get_idx(pol, i);
				if (json_object_is_type(p, json_type_string))
					r->policies[r->npolicies++] =
						xstrdup(json_object_get_string(p));
			}
		}
	} else {
		json_object *err = jsonutil_member(o, "error", json_type_object);
		r->error_kind = jsonutil_strdup(err, "kind");
		r->error_code = jsonutil_strdup(err, "code");
		r->error_message = jsonutil_strdup(err, "message");
		r->http_status = (long)get_int(err, "http_status").v;
		if (!r->error_kind)
			r->error_kind = xstrdup("error");
	}
	r->request_id = jsonutil_strdup(o, "request_id");
	r->attempts = (int)get_int(o, "attempts").v;
	r->response_json = jsonutil_strdup(o, "response");
	json_object_put(o);
	return 0;
}

/* ---- paths ---- */

char *history_default_path(void)
{
	char *state = fileio_state_dir();
	char *path = xasprintf("%s/%s", state, HISTORY_FILE_NAME);

	free(state);
	return path;
}

/* ---- reading ---- */

/* Reads the whole of fd (bounded).  Returns 0, or -1 with errno. */
static int read_all(int fd, struct buf *b)
{
	char chunk[8192];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		buf_append(b, chunk, (size_t)n);
		if (b->len > HISTORY_READ_LIMIT) {
			errno = EFBIG;
			return -1;
		}
	}
}

static bool header_ok(const char *s, size_t len)
{
	return len == strlen(HISTORY_HEADER) && memcmp(s, HISTORY_HEADER, len) == 0;
}

/* Checks that st is a file we may treat as ours; else a warning. */
static bool file_is_ours(struct history *h, const struct stat *st)
{
	if (!S_ISREG(st->st_mode)) {
		warn(h,
		     xasprintf(_("history: not a regular file, left untouched; this session's runs "
				 "are not saved: %s"),
			       h->path));
		return false;
	}
	if (st->st_uid != geteuid()) {
		warn(h,
		     xasprintf(_("history: the file belongs to another user, left untouched; this "
				 "session's runs are not saved: %s"),
			       h->path));
		return false;
	}
	return true;
}

static void keep_run(struct history *h, struct whatif_run *r)
{
	if (h->nruns == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->runs = xrealloc(h->runs, h->cap * sizeof(*h->runs));
	}
	h->runs[h->nruns++] = *r;
	if (r->id >= h->next_id)
		h->next_id = r->id + 1;
	/* In memory too, only the last max_runs. */
	if (h->nruns > h->max_runs) {
		size_t drop = h->nruns - h->max_runs;
		for (size_t i = 0; i < drop; i++)
			whatif_run_free(&h->runs[i]);
		memmove(h->runs, h->runs + drop, h->max_runs * sizeof(*h->runs));
		h->nruns = h->max_runs;
	}
}

/* Splits the file's text into lines; calls fn for each record line (after
 * the header).  Returns false when the header is not ours. */
static bool parse_lines(struct history *h, const char *text, size_t len, bool load)
{
	const char *p = text, *end = text + len;
	size_t lineno = 0, bad = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		if (lineno == 1) {
			if (!header_ok(p, n))
				return false;
		} else if (n > 0 && load) {
			struct whatif_run r;
			/* A line without its newline was cut short: never trust it. */
			if (!nl || history_decode(p, n, &r) != 0) {
				if (nl)
					whatif_run_free(&r);
				if (++bad <= HISTORY_MAX_LINE_WARNINGS)
					warn(h,
					     xasprintf(
						     _("history: line %zu is corrupt or truncated; "
						       "skipped (%s)"),
						     lineno, h->path));
			} else {
				keep_run(h, &r);
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (bad > HISTORY_MAX_LINE_WARNINGS)
		warn(h, xasprintf(P_("history: %zu more corrupt line skipped",
				     "history: %zu more corrupt lines skipped",
				     bad - HISTORY_MAX_LINE_WARNINGS),
				  bad - HISTORY_MAX_LINE_WARNINGS));
	return true;
}

static void history_load(struct history *h)
{
	struct stat st;

	if (lstat(h->path, &st) != 0) {
		if (errno != ENOENT) {
			warn(h,
			     xasprintf(_("history: cannot read the file (%s), left untouched: %s"),
				       strerror(errno), h->path));
			h->status = HISTORY_UNREADABLE;
		}
		return; /* absent: created on the first run */
	}
	if (!file_is_ours(h, &st)) {
		h->status = HISTORY_FOREIGN;
		return;
	}
	int fd = open(h->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct buf b = BUF_INIT;
	if (fd < 0 || read_all(fd, &b) != 0) {
		warn(h, xasprintf(_("history: cannot read the file (%s), left untouched; this "
				    "session's runs are not saved: %s"),
				  strerror(errno), h->path));
		h->status = HISTORY_UNREADABLE;
	} else if (b.len > 0 && !parse_lines(h, b.data, b.len, true)) {
		warn(h, xasprintf(_("history: not a sagescale history file, left untouched; this "
				    "session's runs are not saved: %s"),
				  h->path));
		h->status = HISTORY_FOREIGN;
	}
	if (fd >= 0)
		close(fd);
	buf_free(&b);
}

struct history *history_open(const struct history_options *o)
{
	struct history *h = xcalloc(1, sizeof(*h));
	static const struct history_options none;

	if (!o)
		o = &none;
	h->path = o->path ? xstrdup(o->path) : history_default_path();
	h->dir = fileio_dirname(h->path);
	h->max_runs = o->max_runs ? o->max_runs : HISTORY_MAX_RUNS;
	h->max_bytes = o->max_bytes ? o->max_bytes : HISTORY_MAX_BYTES;
	h->next_id = 1;
	h->status = HISTORY_ACTIVE;
	if (o->disabled)
		h->status = HISTORY_OFF;
	else
		history_load(h);
	return h;
}

void history_close(struct history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nruns; i++)
		whatif_run_free(&h->runs[i]);
	/* Space may have come back since the last run. */
	if (h->npending)
		history_flush(h);
	for (size_t i = 0; i < h->npending; i++)
		whatif_run_free(&h->pending[i]);
	free(h->pending);
	for (size_t i = 0; i < h->nwarnings; i++)
		free(h->warnings[i]);
	free(h->warnings);
	free(h->runs);
	free(h->path);
	free(h->dir);
	free(h);
}

enum history_status history_status(const struct history *h)
{
	return h->status;
}
size_t history_count(const struct history *h)
{
	return h->nruns;
}

const struct whatif_run *history_get(const struct history *h, size_t i)
{
	return i < h->nruns ? &h->runs[i] : NULL;
}

const struct whatif_run *history_find(const struct history *h, long long id)
{
	for (size_t i = h->nruns; i-- > 0;)
		if (h->runs[i].id == id)
			return &h->runs[i];
	return NULL;
}

size_t history_take_warnings(struct history *h, char ***out)
{
	size_t n = h->nwarnings;

	*out = h->warnings;
	h->warnings = NULL;
	h->nwarnings = 0;
	return n;
}

/* ---- writing ---- */

/* The record lines of text (after the header), the last ones that fit the
 * bounds together with extra (one more line, newline included). */
static void bounded_tail(struct history *h, const char *text, size_t len, const char *extra,
			 struct buf *out)
{
	/* Collect the starts of the valid, complete record lines. */
	const char **starts = NULL;
	size_t *lens = NULL, n = 0, cap = 0;
	const char *p = text, *end = text + len;
	bool first = true;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break; /* a truncated last line is dropped */
		size_t l = (size_t)(nl - p);
		struct whatif_run r;
		bool valid = !first && l > 0 && history_decode(p, l, &r) == 0;
		if (!first && l > 0)
			whatif_run_free(&r);
		if (valid) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				starts = xrealloc(starts, cap * sizeof(*starts));
				lens = xrealloc(lens, cap * sizeof(*lens));
			}
			starts[n] = p;
			lens[n++] = l + 1;
		}
		first = false;
		p = nl + 1;
	}
	size_t keep = 0, bytes = strlen(HISTORY_HEADER) + 1 + strlen(extra);
	while (keep < n && keep + 1 < h->max_runs && bytes + lens[n - 1 - keep] <= h->max_bytes) {
		bytes += lens[n - 1 - keep];
		keep++;
	}
	buf_puts(out, HISTORY_HEADER "\n");
	for (size_t i = n - keep; i < n; i++)
		buf_append(out, starts[i], lens[i]);
	buf_puts(out, extra);
	free(starts);
	free(lens);
}

/* Writes text to a temporary file beside the history and renames it over. */
static int rewrite_atomically(struct history *h, const char *text, size_t len)
{
	char *tmp = xasprintf("%s.XXXXXX", h->path);
	int rc = fileio_write_temp(tmp, text, len);

	if (rc == 0 && rename(tmp, h->path) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		rc = -1;
	}
	if (rc == 0) {
		int dfd = open(h->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd); /* the rename itself, durably */
			close(dfd);
		}
	}
	free(tmp);
	return rc;
}

/* The id of the last whole record of text (after the header), or 0. */
static long long last_id(const char *text, size_t len)
{
	size_t end = len;

	while (end > 0 && text[end - 1] != '\n')
		end--; /* a cut last line does not count */
	while (end > 0) {
		size_t nl = end - 1, start = nl;
		while (start > 0 && text[start - 1] != '\n')
			start--;
		if (start == 0)
			return 0; /* the header */
		struct whatif_run r;
		if (nl > start && history_decode(text + start, nl - start, &r) == 0) {
			long long id = r.id;
			whatif_run_free(&r);
			return id;
		}
		end = start;
	}
	return 0;
}

/* Opens and reads the history as it is on disk now (*fd stays -1 when
 * there is none yet).  Returns 0; -1 with errno (an I/O error); -3 when it
 * is not ours (h->status set, the warning given). */
static int read_current(struct history *h, int *fd, struct buf *cur)
{
	struct stat st;

	*fd = -1;
	if (lstat(h->path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!file_is_ours(h, &st)) {
		h->status = HISTORY_FOREIGN;
		return -3;
	}
	*fd = open(h->path, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0 || read_all(*fd, cur) != 0)
		return -1;
	if (cur->len > 0 && !parse_lines(h, cur->data, cur->len, false)) {
		/* Someone replaced it since we loaded it: leave theirs alone. */
		warn(h, xasprintf(_("history: not a sagescale history file, left untouched; this "
				    "session's runs are not saved: %s"),
				  h->path));
		h->status = HISTORY_FOREIGN;
		return -3;
	}
	return 0;
}

/* A record cut short (a crash, a full disk) is dropped where it lies
 * instead of rewriting the whole file, which would need as much free space
 * as the file. */
static void drop_cut_record(int fd, struct buf *cur)
{
	size_t keep = cur->len;

	if (fd < 0 || cur->len == 0 || cur->data[cur->len - 1] == '\n')
		return;
	while (keep > 0 && cur->data[keep - 1] != '\n')
		keep--;
	if (keep > 0 && ftruncate(fd, (off_t)keep) == 0)
		cur->len = keep;
}

/* The whole line or nothing: written with O_APPEND and synced, or the file
 * is cut back to where it was (a write may stop half-way when the disk
 * fills or a size limit is reached).  Returns 0, or -1 with errno. */
static int append_line(int fd, size_t was, const char *line, size_t len)
{
	int rc = fileio_write_all(fd, line, len);

	if (rc == 0)
		rc = fsync(fd);
	if (rc != 0) {
		int e = errno;

		if (ftruncate(fd, (off_t)was) == 0)
			fsync(fd);
		errno = e;
	}
	return rc;
}

/* Whether line can go at the end of cur as it is: a whole file within the
 * bounds of runs and bytes once it is added. */
static bool fits(const struct history *h, const struct buf *cur, size_t linelen)
{
	size_t lines = 0;

	for (size_t i = 0; i < cur->len; i++)
		lines += cur->data[i] == '\n';
	return cur->len > 0 && cur->data[cur->len - 1] == '\n' && lines < h->max_runs + 1 &&
	       cur->len + linelen <= h->max_bytes;
}

/* A write that failed: with no space, runs wait in memory (-2, one warning
 * a session); otherwise the history is unwritable for this session (-1). */
static int write_failed(struct history *h)
{
	if (space_error(errno)) {
		if (!h->space_warned)
			warn(h, xasprintf(_("history: no space (%s); runs are kept in memory and "
					    "written once there is room: %s"),
					  strerror(errno), h->path));
		h->space_warned = true;
		return -2;
	}
	warn(h, xasprintf(_("history: cannot write the file (%s); runs are kept for this "
			    "session only: %s"),
			  strerror(errno), h->path));
	h->status = HISTORY_UNWRITABLE;
	return -1;
}

/* Under the lock: numbers run after the file's last one (another session
 * may have added runs), then appends its line, or rewrites the file when
 * the bound would be passed. */
static int persist(struct history *h, struct whatif_run *run)
{
	struct buf cur = BUF_INIT;
	char *line = NULL;
	int fd, rc = read_current(h, &fd, &cur);

	if (rc == 0) {
		long long last = last_id(buf_str(&cur), cur.len);
		char *json;

		if (last >= run->id)
			run->id = last + 1;
		json = history_encode(run);
		line = xasprintf("%s\n", json);
		free(json);
	}
	size_t linelen = line ? strlen(line) : 0;

	if (rc == 0 && h->max_bytes < strlen(HISTORY_HEADER) + 1 + linelen) {
		/* A single run larger than the whole bound is not written. */
		warn(h, xstrdup(_("history: this run is too large to be saved")));
		rc = -3;
	} else if (rc == 0) {
		drop_cut_record(fd, &cur);
		if (fd >= 0 && fits(h, &cur, linelen)) {
			rc = append_line(fd, cur.len, line, linelen);
		} else {
			struct buf out = BUF_INIT;

			bounded_tail(h, buf_str(&cur), cur.len, line, &out);
			rc = rewrite_atomically(h, buf_str(&out), out.len);
			buf_free(&out);
		}
	}
	if (rc == -3)
		rc = -1; /* refused, already said why */
	else if (rc != 0)
		rc = write_failed(h);
	if (fd >= 0)
		close(fd);
	buf_free(&cur);
	free(line);
	return rc;
}

static int persist_locked(struct history *h, struct whatif_run *run)
{
	if (fileio_mkdirs(h->dir) != 0) {
		warn(h, xasprintf(_("history: cannot create the directory (%s); runs are kept for "
				    "this session only: %s"),
				  strerror(errno), h->dir));
		h->status = HISTORY_UNWRITABLE;
		return -1;
	}
	/* A separate lock file: the history itself is replaced by rename. */
	char *lock = xasprintf("%s.lock", h->path);
	int lfd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	free(lock);
	if (lfd >= 0)
		while (flock(lfd, LOCK_EX) != 0 && errno == EINTR)
			;
	int rc = persist(h, run);
	if (lfd >= 0)
		close(lfd); /* releases the lock */
	return rc;
}

static void pending_push(struct history *h, const struct whatif_run *run)
{
	/* No more than the history keeps anyway: the oldest go first. */
	if (h->npending >= h->max_runs) {
		whatif_run_free(&h->pending[0]);
		memmove(h->pending, h->pending + 1, (h->npending - 1) * sizeof(*h->pending));
		h->npending--;
	}
	h->pending = xrealloc(h->pending, (h->npending + 1) * sizeof(*h->pending));
	whatif_run_copy(&h->pending[h->npending++], run);
}

/* Writes the runs a full disk held back, oldest first; 0 when none is
 * left, else -1 (the disk still full, or the history gone bad). */
static int pending_flush(struct history *h)
{
	size_t done = 0;
	int rc = 0;

	while (done < h->npending && h->status == HISTORY_ACTIVE) {
		rc = persist_locked(h, &h->pending[done]);
		if (rc == -2)
			break;                      /* still full */
		whatif_run_free(&h->pending[done]); /* written, or never can be */
		done++;
	}
	memmove(h->pending, h->pending + done, (h->npending - done) * sizeof(*h->pending));
	h->npending -= done;
	if (h->npending == 0)
		h->space_warned = false; /* a later full disk is news again */
	return h->npending == 0 && h->status == HISTORY_ACTIVE ? 0 : -1;
}

int history_add(struct history *h, struct whatif_run *run)
{
	struct whatif_run copy;
	int rc = 0;

	run->id = h->next_id;
	if (h->status == HISTORY_ACTIVE) {
		/* The order on disk is the order of the runs. */
		rc = h->npending ? pending_flush(h) : 0;
		if (rc == 0)
			rc = persist_locked(h, run); /* may renumber it after others' runs */
		if (rc == -2 || (rc != 0 && h->npending))
			pending_push(h, run);
		rc = rc ? -1 : 0;
	} else if (h->status != HISTORY_OFF) {
		rc = -1;
	}
	whatif_run_copy(&copy, run);
	keep_run(h, &copy);
	return rc;
}

size_t history_pending(const struct history *h)
{
	return h->npending;
}

int history_flush(struct history *h)
{
	if (h->status != HISTORY_ACTIVE)
		return h->status == HISTORY_OFF ? 0 : -1;
	return pending_flush(h);
}

/* The current credentials, refreshed with botocore's advisory and mandatory
 * windows (see credstore.h).  Two locks: `lock` guards the credentials and
 * is held only to copy or swap them; `refresh_lock` serialises the
 * provider's refresh, which may take seconds (network, a process). */
#include "config.h"
#include "aws/credstore.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct aws_credstore {
	pthread_mutex_t lock;
	pthread_mutex_t refresh_lock;
	struct aws_credentials cur;
	const struct aws_cred_provider *provider;
	void *state;
	long refreshes;
	long long (*now)(void);
};

static long long real_now(void)
{
	return (long long)time(NULL);
}

struct aws_credstore *aws_credstore_new(struct aws_credentials *initial,
					const struct aws_cred_provider *provider, void *state)
{
	struct aws_credstore *s = xcalloc(1, sizeof(*s));

	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->refresh_lock, NULL);
	s->cur = *initial;
	memset(initial, 0, sizeof(*initial));
	s->provider = provider;
	s->state = state;
	s->now = real_now;
	return s;
}

void aws_credstore_free(struct aws_credstore *s)
{
	if (!s)
		return;
	aws_credentials_free(&s->cur);
	if (s->provider && s->provider->state_free && s->state)
		s->provider->state_free(s->state);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->refresh_lock);
	free(s);
}

void aws_credstore_set_clock(struct aws_credstore *s, long long (*now)(void))
{
	s->now = now ? now : real_now;
}

/* Seconds left of the current credentials; a large number when they never
 * expire.  Caller holds s->lock. */
static long long remaining_locked(const struct aws_credstore *s)
{
	if (!s->cur.expiration)
		return (long long)1 << 40;
	return s->cur.expiration - s->now();
}

static long long remaining(struct aws_credstore *s)
{
	pthread_mutex_lock(&s->lock);
	long long r = remaining_locked(s);
	pthread_mutex_unlock(&s->lock);
	return r;
}

/* Calls the provider; on success swaps the new credentials in.  Caller holds
 * refresh_lock.  0, or -1 with *err. */
static int do_refresh(struct aws_credstore *s, char **err)
{
	struct aws_credentials fresh = { 0 };
	char *e = NULL;
	int rc;

	if (!s->provider || !s->provider->refresh) {
		*err = xstrdup(
			_("the credentials have expired and their source cannot refresh them"));
		return -1;
	}
	rc = s->provider->refresh(s->state, &fresh, &e);
	if (rc != AWS_CRED_FOUND) {
		aws_credentials_free(&fresh);
		*err = e ? e
			 : xasprintf(_("the %s credentials could not be refreshed"),
				     s->provider->method);
		return -1;
	}
	free(e);
	if (!fresh.method)
		fresh.method = s->provider->method;
	pthread_mutex_lock(&s->lock);
	aws_credentials_free(&s->cur);
	s->cur = fresh;
	s->refreshes++;
	pthread_mutex_unlock(&s->lock);
	return 0;
}

/* botocore's _refresh: advisory (try, ignore failure), mandatory (wait,
 * fail).  0, or -1 with *err from a mandatory refresh. */
static int refresh_if_needed(struct aws_credstore *s, char **err)
{
	char *e = NULL;

	if (remaining(s) >= AWS_CRED_ADVISORY_S)
		return 0;
	if (pthread_mutex_trylock(&s->refresh_lock) == 0) {
		long long left = remaining(s); /* another thread may have refreshed */
		int rc = 0;

		if (left < AWS_CRED_ADVISORY_S && do_refresh(s, &e) < 0) {
			if (left < AWS_CRED_MANDATORY_S) {
				*err = e;
				rc = -1;
			} else {
				free(e);
			}
		}
		pthread_mutex_unlock(&s->refresh_lock);
		return rc;
	}
	if (remaining(s) >= AWS_CRED_MANDATORY_S)
		return 0; /* someone is refreshing; ours are still good */
	pthread_mutex_lock(&s->refresh_lock);
	int rc = 0;

	if (remaining(s) < AWS_CRED_MANDATORY_S && do_refresh(s, &e) < 0) {
		*err = e;
		rc = -1;
	}
	pthread_mutex_unlock(&s->refresh_lock);
	return rc;
}

int aws_credstore_get(struct aws_credstore *s, struct aws_credentials *out, char **err)
{
	memset(out, 0, sizeof(*out));
	if (refresh_if_needed(s, err) < 0)
		return -1;
	pthread_mutex_lock(&s->lock);
	if (remaining_locked(s) <= 0) {
		char when[32];

		aws_cred_format_time(s->cur.expiration, when, sizeof when);
		pthread_mutex_unlock(&s->lock);
		*err = xasprintf(_("the credentials from %s expired at %s and the refreshed ones "
				   "have expired too"),
				 s->provider ? s->provider->method : "?", when);
		return -1;
	}
	aws_credentials_copy(out, &s->cur);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

const char *aws_credstore_method(struct aws_credstore *s)
{
	pthread_mutex_lock(&s->lock);
	const char *m = s->cur.method ? s->cur.method : s->provider ? s->provider->method : NULL;
	pthread_mutex_unlock(&s->lock);
	return m;
}

long long aws_credstore_expiration(struct aws_credstore *s)
{
	pthread_mutex_lock(&s->lock);
	long long e = s->cur.expiration;
	pthread_mutex_unlock(&s->lock);
	return e;
}

long aws_credstore_refreshes(struct aws_credstore *s)
{
	pthread_mutex_lock(&s->lock);
	long n = s->refreshes;
	pthread_mutex_unlock(&s->lock);
	return n;
}

long long aws_credstore_session_expiration(struct aws_credstore *s)
{
	/* provider and state never change after creation; the provider reads
	 * its own atomic. */
	if (!s || !s->provider || !s->provider->session_expiration)
		return 0;
	return s->provider->session_expiration(s->state);
}

/* The background thread and its queues (see worker.h).  One mutex guards
 * both queues; the thread sleeps on a condition variable when idle, and
 * each finished job writes one byte to the wake-up pipe. */
#include "config.h"
#include "tui/worker.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_cond_t exited_cond;
	bool exited;
	bool stop;
	void *ctx;
	int pipe[2];
	struct worker_job *todo, *todo_tail; /* queued */
	struct worker_job *running;
	struct worker_job *done, *done_tail; /* back to the main thread */
	unsigned busy;
	unsigned long next_id;
};

void worker_job_init(struct worker_job *job, const struct worker_job_ops *ops)
{
	memset(job, 0, sizeof(*job));
	job->ops = ops;
	atomic_init(&job->cancel, false);
}

void worker_job_free(struct worker_job *job)
{
	if (job == NULL)
		return;
	if (job->ops != NULL && job->ops->free != NULL)
		job->ops->free(job);
	else
		free(job);
}

double worker_job_seconds(const struct worker_job *job)
{
	return (double)(job->finished.tv_sec - job->started.tv_sec) +
	       (double)(job->finished.tv_nsec - job->started.tv_nsec) / 1e9;
}

static void now(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
}

/* Called with the lock held. */
static void push_done(struct worker *w, struct worker_job *job)
{
	ssize_t r;

	job->next = NULL;
	if (w->done_tail != NULL)
		w->done_tail->next = job;
	else
		w->done = job;
	w->done_tail = job;
	do
		r = write(w->pipe[1], "", 1);
	while (r < 0 && errno == EINTR);
	/* EAGAIN: the pipe is full of wake-ups already, which is enough. */
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->stop && w->todo == NULL)
			pthread_cond_wait(&w->wake, &w->lock);
		if (w->stop)
			break;
		struct worker_job *job = w->todo;

		w->todo = job->next;
		if (w->todo == NULL)
			w->todo_tail = NULL;
		job->state = WORKER_RUNNING;
		now(&job->started);
		w->running = job;
		pthread_mutex_unlock(&w->lock);

		job->ops->run(job, w->ctx);

		pthread_mutex_lock(&w->lock);
		now(&job->finished);
		job->state = WORKER_DONE;
		w->running = NULL;
		push_done(w, job);
	}
	w->exited = true;
	pthread_cond_broadcast(&w->exited_cond);
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct worker *worker_new(void *ctx)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	sigset_t all, old;

	w->ctx = ctx;
	w->next_id = 1;
	if (pipe2(w->pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		xfatal("pipe: %s", strerror(errno));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->exited_cond, NULL);
	/* Signals are for the main thread (its poll() must see them). */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
		xfatal("cannot start the worker thread");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return w;
}

int worker_fd(const struct worker *w)
{
	return w->pipe[0];
}

/* Called with the lock held: unlink a queued job and hand it back dropped. */
static void drop_queued(struct worker *w, struct worker_job *job)
{
	struct worker_job **pp = &w->todo, *prev = NULL;

	while (*pp != NULL && *pp != job) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (*pp == NULL)
		return;
	*pp = job->next;
	if (w->todo_tail == job)
		w->todo_tail = prev;
	atomic_store(&job->cancel, true);
	job->state = WORKER_DROPPED;
	push_done(w, job);
}

unsigned long worker_submit(struct worker *w, struct worker_job *job, bool supersede)
{
	unsigned long id;

	pthread_mutex_lock(&w->lock);
	if (supersede) {
		struct worker_job *q = w->todo;

		while (q != NULL) {
			struct worker_job *next = q->next;

			if (q->ops == job->ops) {
				q->superseded = true;
				drop_queued(w, q);
			}
			q = next;
		}
		if (w->running != NULL && w->running->ops == job->ops) {
			w->running->superseded = true;
			atomic_store(&w->running->cancel, true);
		}
	}
	id = job->id = w->next_id++;
	job->state = WORKER_QUEUED;
	job->next = NULL;
	now(&job->submitted);
	if (w->todo_tail != NULL)
		w->todo_tail->next = job;
	else
		w->todo = job;
	w->todo_tail = job;
	w->busy++;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	return id;
}

void worker_cancel(struct worker *w, unsigned long id)
{
	pthread_mutex_lock(&w->lock);
	if (w->running != NULL && w->running->id == id)
		atomic_store(&w->running->cancel, true);
	for (struct worker_job *q = w->todo; q != NULL; q = q->next)
		if (q->id == id) {
			drop_queued(w, q);
			break;
		}
	pthread_mutex_unlock(&w->lock);
}

void worker_cancel_all(struct worker *w)
{
	pthread_mutex_lock(&w->lock);
	if (w->running != NULL)
		atomic_store(&w->running->cancel, true);
	while (w->todo != NULL)
		drop_queued(w, w->todo);
	pthread_mutex_unlock(&w->lock);
}

unsigned worker_busy(struct worker *w)
{
	unsigned n;

	pthread_mutex_lock(&w->lock);
	n = w->busy;
	pthread_mutex_unlock(&w->lock);
	return n;
}

struct worker_job *worker_take(struct worker *w)
{
	struct worker_job *job;
	char sink[64];

	/* Drain first: any job pushed after this point writes a new byte. */
	while (read(w->pipe[0], sink, sizeof(sink)) > 0)
		;
	pthread_mutex_lock(&w->lock);
	job = w->done;
	if (job != NULL) {
		w->done = job->next;
		if (w->done == NULL)
			w->done_tail = NULL;
		job->next = NULL;
		w->busy--;
	}
	pthread_mutex_unlock(&w->lock);
	return job;
}

bool worker_running_since(struct worker *w, struct timespec *since, unsigned long *id)
{
	bool running;

	pthread_mutex_lock(&w->lock);
	running = w->running != NULL;
	if (running) {
		*since = w->running->started;
		if (id != NULL)
			*id = w->running->id;
	}
	pthread_mutex_unlock(&w->lock);
	return running;
}

static void free_list(struct worker_job *j)
{
	while (j != NULL) {
		struct worker_job *next = j->next;

		worker_job_free(j);
		j = next;
	}
}

bool worker_free(struct worker *w, int timeout_ms)
{
	struct timespec deadline;
	bool exited;

	if (w == NULL)
		return true;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	if (w->running != NULL)
		atomic_store(&w->running->cancel, true);
	pthread_cond_signal(&w->wake);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	while (!w->exited)
		if (pthread_cond_timedwait(&w->exited_cond, &w->lock, &deadline) == ETIMEDOUT)
			break;
	exited = w->exited;
	pthread_mutex_unlock(&w->lock);
	if (!exited) {
		/* The thread is stuck in a request that ignores cancellation: leave
		 * it (and everything it may touch) to process exit. */
		pthread_detach(w->thread);
		return false;
	}
	pthread_join(w->thread, NULL);
	free_list(w->todo);
	free_list(w->done);
	close(w->pipe[0]);
	close(w->pipe[1]);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->exited_cond);
	free(w);
	return true;
}

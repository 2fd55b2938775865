/* Undo for apply: before apply writes, the variant's scaling as it is
 * (its scalable target and policies) is saved, one file per apply, in
 * $XDG_STATE_HOME/sagescale/undo/ (default ~/.local/state/...), mode 0600,
 * kept until pruned.  Undoing makes the calls that put back exactly that
 * state: deregistering the target when there was none. */
#ifndef SAGESCALE_UNDO_H
#define SAGESCALE_UNDO_H
#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "sagemaker/autoscaling.h"
#include "sagemaker/scalestate.h"

/* Bound on an undo file read back (a variant has a handful of policies). */
#define UNDO_READ_LIMIT ((size_t)4 << 20)

struct undo_record {
	char *id;               /* "20261202T040501Z-1a2b3c4d": sorts by time */
	char *created;          /* ISO 8601, UTC */
	char *region, *profile; /* profile NULL when none was chosen */
	char *resource_id;
	json_object *target;   /* the ScalableTarget before, NULL: none was registered */
	json_object *policies; /* array: the policies before */
	json_object *written;  /* array: the policy names the apply wrote */
};

/* The directory (newly allocated). */
char *undo_dir(void);

/* Saves before (the state read just now) with the names of the policies
 * plan writes, then reads the file back and checks it holds exactly what
 * was written.  *id and *path are set (caller frees).  -1 with *err
 * (translated) when it cannot: then apply must not write. */
int undo_save(const struct scalestate *before, const struct autoscaling_plan *plan,
	      const char *region, const char *profile, char **id, char **path, char **err);

/* Loads the record id (NULL: the newest).  A file that was truncated or
 * edited fails its checksum: -1 with *err naming the file. */
int undo_load(const char *id, struct undo_record *r, char **path, char **err);
void undo_record_free(struct undo_record *r);

/* The calls that turn now back into r's state (none when it already is):
 * DeleteScalingPolicy for each policy and DeregisterScalableTarget when
 * there was no target; else
 * RegisterScalableTarget when the capacities or suspension differ,
 * DeleteScalingPolicy for each policy that was not there, PutScalingPolicy
 * for each that is missing or differs. */
void undo_plan(const struct undo_record *r, const struct scalestate *now,
	       struct autoscaling_plan *plan);
/* Does now hold exactly r's state (the members a client sets)? */
bool undo_matches(const struct undo_record *r, const struct scalestate *now);

/* The saved ids, oldest first (caller frees each and the array). */
int undo_list(char ***ids, size_t *n, char **err);
/* Removes all but the newest keep files; *removed counts them. */
int undo_prune(size_t keep, size_t *removed, char **err);

#endif

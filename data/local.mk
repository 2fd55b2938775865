# data/: demo jobs and the man page
dist_pkgdata_DATA += data/demo-jobs.json data/README.data
# The partition table, compiled into src/aws/endpoint.c.
EXTRA_DIST += data/partitions.def
dist_man_MANS += data/sagescale.1

# data/: demo jobs and the man page
dist_pkgdata_DATA += data/demo-jobs.json

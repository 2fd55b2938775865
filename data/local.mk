# data/: demo jobs and the man page
dist_pkgdata_DATA += data/demo-jobs.json data/README.data
dist_man_MANS += data/sagescale.1

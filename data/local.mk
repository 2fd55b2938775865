# data/: demo jobs and the man page

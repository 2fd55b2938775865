# data/: demo jobs and the man page
dist_pkgdata_DATA += data/demo-jobs.json data/README.data
# The partition table, compiled into src/aws/endpoint.c.
EXTRA_DIST += data/partitions.def
dist_man_MANS += data/sagescale.1
# Shell completion, installed where each shell looks (configure's
# --with-{bash,zsh,fish}-completion-dir).
dist_bashcompletion_DATA = data/completion/sagescale
dist_zshcompletion_DATA = data/completion/_sagescale
dist_fishcompletion_DATA = data/completion/sagescale.fish

#!/bin/bash
# Shell completion (issue 14 item 6), each shell run non-interactively:
# bash through COMP_WORDS/COMP_CWORD and the completion function (with and
# without bash-completion's helpers), zsh with compadd and _files replaced
# by recorders (its completion system's own entry points), fish through its
# `complete -C` hook.  Commands, flags, flag values, profiles from the
# config files, regions, and job names and recommendation ids from the
# simulator: cached for a minute, fetched only when asked for.
. "$top_srcdir/tests/lib/lib.sh"
C=$top_srcdir/data/completion
PATH=$(dirname "$SAGESCALE"):$PATH; export PATH
O=$TEST_TMP/out
STATE=$XDG_STATE_HOME/sagescale
mkdir -p "$HOME/.aws"
printf '[default]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n[profile dev-team]\n' >"$HOME/.aws/config"
printf '[default]\naws_access_key_id = x\naws_secret_access_key = y\n[ci]\naws_access_key_id = x\naws_secret_access_key = y\n' >"$HOME/.aws/credentials"

# bash_complete [--bc] WORD...: the candidates for the last word (one a line).
bash_complete() {
    local bc=""
    [ "$1" = --bc ] && { bc=/usr/share/bash-completion/bash_completion; shift; }
    bash --norc --noprofile -c '
        [ -n "$1" ] && . "$1"
        . "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"; COMP_LINE=${COMP_LINE// = /=}; COMP_POINT=${#COMP_LINE}
        _sagescale; printf "%s\n" "${COMPREPLY[@]}"' bash "$bc" "$C/sagescale" "$@" 2>&1
}
zsh_complete() {
    zsh -f -c '
        compadd() { while [[ $# -gt 0 && $1 != -- ]]; do shift; done; shift; print -rl -- "$@"; }
        _files() { print -r -- __FILES__; }
        source "$1" 2>/dev/null; shift
        words=("$@"); CURRENT=$#
        _sagescale' zsh "$C/_sagescale" "$@" 2>&1
}
fish_complete() {
    fish --no-config -c "source '$C/sagescale.fish'; complete -C\"\$argv\"" -- "$*" 2>&1 | cut -f1
}
# expect SHELL DESCRIPTION "WANTED LINES" WORD...: the candidates are exactly these.
expect() {
    sh=$1 d=$2 want=$3; shift 3
    got=$(${sh}_complete "$@" | sort | tr '\n' ' ')
    want=$(printf '%s\n' $want | sort | tr '\n' ' ')
    if [ "$got" = "$want" ]; then ok "$sh: $d"; else fail "$sh: $d"; diag "wanted: $want" "got:    $got"; fi
}
# has SHELL DESCRIPTION WORD-WANTED WORD...: the candidates include it.
has() {
    sh=$1 d=$2 want=$3; shift 3
    if ${sh}_complete "$@" | grep -qxF -- "$want"; then ok "$sh: $d"; else
        fail "$sh: $d"; ${sh}_complete "$@" | head -5 | sed 's/^/#   /'; fi
}

shells="bash"
command -v zsh >/dev/null && shells="$shells zsh" || skip "zsh is not installed"
command -v fish >/dev/null && shells="$shells fish" || skip "fish is not installed"
for sh in $shells; do
    expect $sh "commands" "recommend jobs job apply status sweep replay configure whoami sim help" sagescale ""
    expect $sh "commands by prefix" "job jobs" sagescale jo
    expect $sh "flags of jobs by prefix" "--no-history --no-cli-pager --no-paginate --name-contains" sagescale jobs --n
    expect $sh "jobs --st: its flags" "--status --status-equals --starting-token" sagescale jobs --st
    has $sh "recommend --cli-input-y: the flag" --cli-input-yaml sagescale recommend --cli-input-y
    has $sh "sweep --conc: the flag" --concurrency sagescale sweep --conc
    expect $sh "--output values" "json table text yaml yaml-stream" sagescale jobs --output ""
    expect $sh "sweep's --output values" "json table csv yaml yaml-stream" sagescale sweep --output ""
    expect $sh "replay's --output values" "json table csv yaml yaml-stream" sagescale replay --output ""
    expect $sh "--color values" "on off auto" sagescale job --color ""
    expect $sh "--status values by prefix" "STOPPING STOPPED" sagescale jobs --status STOP
    expect $sh "profiles from both files" "default prod dev-team ci" sagescale jobs --profile ""
    expect $sh "profiles by prefix" "dev-team default" sagescale jobs --profile de
    expect $sh "regions by prefix" "eu-west-1 eu-west-2 eu-west-3" sagescale recommend --region eu-west-
    has $sh "a region of another partition" cn-north-1 sagescale recommend --region cn-
    expect $sh "help COMMAND" "sweep status sim" sagescale help s
done
expect bash "--output=t (bash-completion splits at '=')" "table text" --bc sagescale jobs --output = t
expect bash "--output=t without bash-completion" "table text" sagescale jobs --output = t
expect zsh "--output=t, one word" "--output=table --output=text" sagescale jobs --output=t
has bash "a file for --cli-input-json" "$HOME/.aws" sagescale recommend --cli-input-json "$HOME/.a"
has zsh "a file for --cli-input-json (_files)" __FILES__ sagescale recommend --cli-input-json ""

# Nothing from the account unless asked.
for sh in $shells; do ${sh}_complete sagescale recommend --o >/dev/null; done
check "completing flags fetches nothing (no cache written)" test ! -e "$STATE"

sim_start --quiet || { fail "simulator starts"; tap_done; }
JOBS="distilbert-sentiment llama-tiny-default fraud-lightgbm-default resnet50-advanced bert-ner-default churn-xgboost-default"
expect bash "job names from the account" "$JOBS" sagescale recommend --job ""
ls "$STATE"/complete-jobs-* >/dev/null 2>&1
check "... cached in the state directory" test $? -eq 0
f=$(ls "$STATE"/complete-jobs-* | head -1)
check "... mode 0600" test "$(stat -c %a "$f")" = 600
sim_stop "$SIM_PID"
for sh in $shells; do
    expect $sh "job names from the cache (the account is gone)" "$JOBS" sagescale recommend --job ""
    expect $sh "job names by prefix" "churn-xgboost-default" sagescale recommend --job ch
done
touch -d '2 minutes ago' "$f"
expect bash "after a minute the cache is stale (and the account gone): nothing" "" sagescale recommend --job ""
sim_start --quiet || { fail "simulator starts again"; tap_done; }
REC="churn-xgboost-default/7c3e1a90 churn-xgboost-default/0b9f42d1 churn-xgboost-default/e51d7c08 churn-xgboost-default/9a2c6f3b"
for sh in $shells; do
    expect $sh "recommendation ids of the job given" "$REC" sagescale recommend --job churn-xgboost-default --recommendation-id ""
done
expect bash "ids by prefix (bash-completion, ':' and '/' kept)" "churn-xgboost-default/0b9f42d1" --bc \
    sagescale apply --job churn-xgboost-default --recommendation-id churn-xgboost-default/0
expect bash "no id without a job" "" sagescale recommend --recommendation-id ""
expect bash "the job names of another endpoint: not the cached ones" "" \
    sagescale recommend --endpoint-url http://127.0.0.1:9 --job ""
tap_done

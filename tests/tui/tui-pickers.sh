#!/bin/sh
# Screen tests of the job picker (issue 13 item 9) at 80x24 and 200x60, in
# English and German: a failed job shows its FailureReason, a running one
# says that it runs, and a recommendation is filled in with Enter or filled
# in and sent at once with s (named in the picker's status line).
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/i18n-lib.sh"
i18n_nls
i18n_need msgfmt
. "$top_srcdir/tests/lib/tuilib.sh"
i18n_locale || tap_skip_all "po/*.po do not compile"
DE="LANGUAGE=de SAGESCALE_LOCALEDIR=$SAGESCALE_LOCALEDIR"

# pickers COLS ROWS LANG
pickers() {
    _c=$1 _r=$2 _l=$3
    if [ "$_l" = de ]; then
        _env=$DE _failed="Der Job ist fehlgeschlagen: ClientError: The model container"
        _running="Der Job läuft noch" _send="s senden" _done="Fertig" _pick="Job auswählen"
        _req="Anfrage: CPU 50"
    else
        _env= _failed="The job failed: ClientError: The model container"
        _running="The job is still running" _send="s fill and send" _done="Done in"
        _pick="Pick a job" _req="Request: CPU 50"
    fi
    _n="${_c}x${_r} $_l"
    # shellcheck disable=SC2086
    tui_start "$_c" "$_r" $_env -- --demo --no-history
    see "$_n: the form" "F10"
    tui_keys F2
    see "$_n: the job picker" "$_pick"
    tui_type llama; tui_keys Enter
    see "$_n: a failed job: its FailureReason" "$_failed"
    see "$_n: ... whole (wrapped, not cut)" "InferenceRecommendationsJobs."
    tui_keys BSpace C-u; tui_type distil; tui_keys Enter
    see "$_n: a running job says so" "$_running"
    tui_keys BSpace C-u; tui_type churn; tui_keys Enter
    see "$_n: the churn job's recommendations" "ml.c5.large"
    see "$_n: the status line names s" "$_send"
    not_see "$_n: nothing sent yet" "$_done"
    tui_keys s
    see "$_n: s fills the form and sends it at once" "$_done"
    see "$_n: ... the picked recommendation's answer" "7c3e1a90"
    not_see "$_n: ... the picker closed" "$_send"
    see "$_n: ... and the keys are on the answer (the form collapsed)" "$_req"
    tui_keys F10
    see "$_n: quits" "EXIT=0"
    tui_stop
}

pickers 80 24 en
pickers 200 60 en
pickers 80 24 de
pickers 200 60 de
tap_done

#!/bin/sh
# Screen tests of focus that follows the work and the room for the answer
# (issue 13 items 1 and 2), at 80x24 and 200x60, in English and German:
# after a send the keys act on the answer (the what-if keys at once, the
# form keeps its values, Tab goes back), the what-if keys never type into
# a field of the form, and once there is an answer the form collapses to a
# small Request pane that gives the view its rows until it is edited again.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/i18n-lib.sh"
i18n_nls
i18n_need msgfmt
. "$top_srcdir/tests/lib/tuilib.sh"
i18n_locale || tap_skip_all "po/*.po do not compile"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
DE="LANGUAGE=de SAGESCALE_LOCALEDIR=$SAGESCALE_LOCALEDIR"

# view_rows: the rows between the tab line and the frame line under the view.
view_rows() {
    awk '/ 1 (Policies|Richtlinien) / { on = 1; next } on && /^(q|─|-)+$/ { exit } on { n++ }
         END { print n + 0 }' "$TUI_SCREEN"
}

# flow COLS ROWS LANG: the whole story at one size and language.
flow() {
    _c=$1 _r=$2 _l=$3
    if [ "$_l" = de ]; then
        _env=$DE _req="Anfrage: CPU" _edit="(Tab: ändern)" _job="Jobname" _send="Enter senden"
        _whatif="Was wäre wenn"
    else
        _env= _req="Request: CPU" _edit="(Tab: edit)" _job="Job name" _send="Enter send"
        _whatif="What if"
    fi
    _n="${_c}x${_r} $_l"
    # shellcheck disable=SC2086
    tui_start "$_c" "$_r" $_env -- --demo --no-history --job "$JOB" --recommendation-id "$REC" \
        --cpu 50
    see "$_n: before a send the form is whole" "$_job"
    tui_capture; _before=$(view_rows)
    not_see "$_n: ... not collapsed" "$_req"
    tui_keys Enter
    see "$_n: the answer" "50 %"
    # The form collapsed: its values on one small pane, the view has the rows.
    see "$_n: the form collapses to the Request pane" "$_req 50 $_edit"
    not_see "$_n: ... the form's fields are gone" "$_job"
    tui_capture; _after=$(view_rows)
    check "$_n: the view gets the form's 4 rows ($_before -> $_after)" \
        test "$_after" -eq $((_before + 4))
    contains "$_n: the Request pane names the job" "$TUI_SCREEN" "$JOB"
    # The keys are on the answer: + reruns at once, nothing is typed.
    tui_keys +
    see "$_n: + after the send reruns at once" "51 %"
    see "$_n: ... said on the info line" "$_whatif"
    see "$_n: the Request pane follows the form" "$_req 51 $_edit"
    # Tab goes back: the form opens with its values kept.
    tui_keys Tab
    see "$_n: Tab opens the form again" "$_job"
    see "$_n: ... the status bar is the form's" "$_send"
    not_see "$_n: ... no Request pane" "$_req"
    tui_capture
    contains "$_n: the form kept the job" "$TUI_SCREEN" "$JOB"
    # In the form: the what-if keys rerun and never type into a field.
    tui_keys ')'
    see "$_n: ) in the form reruns at CPU 61" "61 %"
    see "$_n: ... and the keys are on the answer again" "$_req 61 $_edit"
    # Each of the others, from the form each time.
    _cpu=61
    for _k in '(' '}' '{' '=' '+'; do
        case $_k in '(') _cpu=$((_cpu - 10)) ;; '}') _cpu=$((_cpu + 5)) ;;
                    '{') _cpu=$((_cpu - 5)) ;; *) _cpu=$((_cpu + 1)) ;; esac
        tui_keys Tab
        see "$_n: back in the form before $_k" "$_send"
        tui_keys "$_k"
        see "$_n: $_k in the form reruns at CPU $_cpu" "$_req $_cpu $_edit"
    done
    tui_keys Tab
    see "$_n: the form again" "$_job"
    tui_capture
    check "$_n: nothing was typed into the job name" grep -qE "$_job +$JOB +x" "$TUI_SCREEN"
    tui_keys F10
    see "$_n: quits" "EXIT=0"
    tui_stop
}

flow 80 24 en
flow 200 60 en
flow 80 24 de
flow 200 60 de
tap_done

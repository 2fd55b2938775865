# fish completion for sagescale(1): the candidates come from the program
# itself (`sagescale __complete`); job names and recommendation ids are
# looked up in the account only when asked for, and cached for a minute.
function __sagescale_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out (command $tokens[1] __complete (count $tokens) $tokens $cur 2>/dev/null)
    if test "$out[1]" = __files__
        __fish_complete_path $cur
        return
    end
    printf '%s\n' $out
end
complete -c sagescale -f -a '(__sagescale_complete)'

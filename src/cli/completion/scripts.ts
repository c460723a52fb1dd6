import type { CompletionShell } from '../args.js';

// Both scripts are thin: they hand the words typed so far to `aks-runbook __complete` (the same
// program the operator typed, so a single executable or a relative path completes itself) and
// show what it prints: a first line `files` or `-` (also offer file names, or not), then one
// candidate per line, with a tab and its description.

const BASH = `# bash completion for aks-runbook.
# This shell: source <(aks-runbook completion bash)
# Every shell: aks-runbook completion bash > ~/.local/share/bash-completion/completions/aks-runbook
_aks_runbook() {
    local line=\${COMP_LINE:0:COMP_POINT}
    local -a words lines
    read -r -a words <<< "$line"
    if [[ \${#words[@]} -eq 0 || $line == *[[:space:]] ]]; then words+=(""); fi
    local typed=\${words[\${#words[@]}-1]} cut="" breaks=""
    # Readline replaces only what follows the last = or : (when they break words): trim the rest.
    if [[ $COMP_WORDBREAKS == *=* ]]; then breaks+="="; fi
    if [[ $COMP_WORDBREAKS == *:* ]]; then breaks+=":"; fi
    if [[ -n $breaks ]]; then
        local tail=\${typed##*[$breaks]}
        cut=\${typed%"$tail"}
    fi
    local out rest=""
    out=$("\${words[0]/#\\~/$HOME}" __complete "\${words[@]:1}" 2> /dev/null) || return 0
    if [[ $out == *$'\\n'* ]]; then rest=\${out#*$'\\n'}; fi
    COMPREPLY=()
    if [[ -n $rest ]]; then
        mapfile -t lines <<< "$rest"
        local entry
        for entry in "\${lines[@]}"; do
            entry=\${entry%%$'\\t'*}
            COMPREPLY+=("\${entry#"$cut"}")
        done
    fi
    if [[ \${out%%$'\\n'*} == files ]]; then
        local value=$typed file
        if [[ $typed == --*=* ]]; then value=\${typed#*=}; fi
        compopt -o filenames 2> /dev/null
        while IFS= read -r file; do
            [[ -n $file ]] && COMPREPLY+=("\${typed%"$value"}$file")
        done < <(compgen -f -- "$value")
        local i
        for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=\${COMPREPLY[i]#"$cut"}; done
    fi
}
complete -F _aks_runbook aks-runbook
`;

const ZSH = `#compdef aks-runbook
# zsh completion for aks-runbook.
# This shell (after compinit): source <(aks-runbook completion zsh)
# Every shell: save it as _aks-runbook in a folder on $fpath.
_aks-runbook() {
    local out line width=0
    local -a lines values shown
    out=$("\${words[1]/#\\~/$HOME}" __complete "\${(@)words[2,CURRENT-1]}" "$PREFIX" 2> /dev/null) || return 1
    lines=("\${(@f)out}")
    for line in "\${(@)lines[2,-1]}"; do
        [[ -n $line ]] && values+=("\${line%%$'\\t'*}")
        (( \${#values[-1]} > width )) && width=\${#values[-1]}
    done
    for line in "\${(@)lines[2,-1]}"; do
        [[ -z $line ]] && continue
        if [[ $line == *$'\\t'* ]]; then
            shown+=("\${(r:width:)line%%$'\\t'*}  -- \${line#*$'\\t'}")
        else
            shown+=("$line")
        fi
    done
    local ret=1
    if (( \${#values} )); then compadd -l -d shown -a values && ret=0; fi
    if [[ \${lines[1]} == files ]]; then
        [[ $PREFIX == --*=* ]] && compset -P '*='
        _files && ret=0
    fi
    return ret
}
if [[ \${funcstack[1]} == _aks-runbook ]]; then
    _aks-runbook "$@"
else
    compdef _aks-runbook aks-runbook
fi
`;

/** The completion script for `shell`, to be sourced (or installed where the shell looks). */
export function completionScript(shell: CompletionShell): string {
  return shell === 'bash' ? BASH : ZSH;
}

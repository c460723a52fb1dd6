// The completion scripts in real bash and zsh, calling back the built program: first the shell
// functions driven directly (as the shell would call them on Tab), then one real Tab press per
// shell in a terminal (tmux).
import { execFileSync, spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli-process.js';
import { startInTmux, type TmuxTerminal } from '../reliability/tmux.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('completion-shells-');
// `aks-runbook` on the PATH, as after an install; the shells call it back by that name.
symlinkSync(BIN, join(dir, 'aks-runbook'));
writeFileSync(join(dir, 'reports.md'), '');
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(
  kubeconfig,
  'contexts:\n- name: alpha\n- name: arn:aws:eks:us-east-1:1:cluster/beta\n- name: prod\n',
);
const env = {
  PATH: [dir, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
  HOME: dir,
  KUBECONFIG: kubeconfig,
};
const zsh = spawnSync('zsh', ['--version']).status === 0;
const noZsh = zsh ? '' : ' (skipped: zsh is not installed; .ci/run installs it)';
const terminals: TmuxTerminal[] = [];
afterAll(() => {
  for (const t of terminals) t.close();
});

/** What bash's completion function puts in COMPREPLY for `line` (cursor at its end). */
function bashReply(line: string): string[] {
  const script = `source <(aks-runbook completion bash)
COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=($1); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_aks_runbook
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', line], {
    env,
    encoding: 'utf8',
  });
  return out.split('\n').filter((l) => l !== '');
}

/** What the zsh function hands to compadd (and `<files>` for _files) for `line`. */
function zshOffers(line: string): string[] {
  const script = `compadd() { print -rl -- "\${(@P)\${@[-1]}}" }
_files() { print -r -- '<files>' }
compset() { [[ $1 == -P ]] && PREFIX=\${PREFIX#*=} }
compdef() { : }
source <(aks-runbook completion zsh)
words=(\${(z)1}); [[ $1 == *' ' ]] && words+=('')
CURRENT=\${#words}; PREFIX=\${words[-1]}
_aks-runbook`;
  const out = execFileSync('zsh', ['-f', '-c', script, 'zsh', line], { env, encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '');
}

describe('bash completion', () => {
  it('loads, and completes subcommands, flags, step ids and choices', () => {
    expect(bashReply('aks-runbook au')).toEqual(['audit']);
    expect(bashReply('aks-runbook audit --st')).toEqual(['--steps']);
    expect(bashReply('aks-runbook audit --steps rbac,im')).toEqual(['rbac,imds']);
    expect(bashReply('aks-runbook audit --output m')).toEqual(['markdown']);
    expect(bashReply('aks-runbook completion ')).toEqual(['bash', 'zsh']);
    expect(bashReply('aks-runbook --demo --scenario drain-')).toEqual([
      'drain-no-cordon',
      'drain-kubectl',
    ]);
  });

  it('completes contexts whole, though bash splits words at = and :', () => {
    expect(bashReply('aks-runbook --context ')).toEqual([
      'alpha',
      'arn:aws:eks:us-east-1:1:cluster/beta',
      'prod',
    ]);
    // Readline replaces only the text after the last = or :, so that is what is offered.
    expect(bashReply('aks-runbook --context=al')).toEqual(['alpha']);
    expect(bashReply('aks-runbook --context arn:aws:eks:us')).toEqual(['us-east-1:1:cluster/beta']);
  });

  it('offers file names for file flags', () => {
    expect(bashReply(`aks-runbook audit --out ${dir}/rep`)).toEqual([`${dir}/reports.md`]);
    expect(bashReply(`aks-runbook audit --out=${dir}/rep`)).toEqual([`${dir}/reports.md`]);
  });
});

describe('zsh completion', () => {
  it.skipIf(!zsh)(`registers with compinit${noZsh}`, () => {
    const out = execFileSync(
      'zsh',
      [
        '-f',
        '-c',
        'autoload -U compinit && compinit -u -D && source <(aks-runbook completion zsh) && print -r -- $_comps[aks-runbook]',
      ],
      { env, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('_aks-runbook');
  });

  it.skipIf(!zsh)(`completes subcommands, flags, step ids, contexts and files${noZsh}`, () => {
    expect(zshOffers('aks-runbook au')).toEqual(['audit']);
    expect(zshOffers('aks-runbook audit --steps rbac,im')).toEqual(['rbac,imds']);
    expect(zshOffers('aks-runbook --context=a')).toEqual([
      '--context=alpha',
      '--context=arn:aws:eks:us-east-1:1:cluster/beta',
    ]);
    expect(zshOffers('aks-runbook sim --scenario l')).toEqual([
      'large',
      'limited-rights',
      '<files>',
    ]);
    expect(zshOffers('aks-runbook audit --out ')).toEqual(['<files>']);
  });
});

describe('a real Tab press', () => {
  const press = async (shell: string, load: string): Promise<void> => {
    const t = startInTmux(
      [],
      {},
      { columns: 120, rows: 20 },
      `env PATH=${env.PATH} HOME=${dir} KUBECONFIG=${kubeconfig} ${shell}`,
    );
    terminals.push(t);
    t.type(load);
    t.key('Enter');
    t.type('aks-runbook au');
    t.key('Tab');
    t.type('--st');
    t.key('Tab');
    t.type('rbac,im');
    t.key('Tab');
    t.type('--context=al');
    t.key('Tab');
    // The prompt, then the line as completed (keys typed ahead are echoed above it).
    await t.waitFor(/[#%$] aks-runbook audit --steps rbac,imds --context=alpha\s*$/m, 20_000);
  };

  it('completes in bash', async () => {
    await press('bash --norc --noprofile', 'source <(aks-runbook completion bash)');
  }, 60_000);

  it.skipIf(!zsh)(
    `completes in zsh${noZsh}`,
    async () => {
      await press(
        'zsh -f',
        'autoload -U compinit && compinit -u -D && source <(aks-runbook completion zsh)',
      );
    },
    60_000,
  );
});

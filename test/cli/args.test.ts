import { describe, expect, it } from 'vitest';
import { parseInvocation, type Invocation } from '../../src/cli/args.js';
import { UserError } from '../../src/model/errors.js';

function parse(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): { result?: Invocation; error?: UserError; out: string } {
  let out = '';
  try {
    const result = parseInvocation(argv, env, '1.2.3', (t) => (out += t));
    return { result, out };
  } catch (error) {
    if (error instanceof UserError) return { error, out };
    throw error;
  }
}

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  const { error } = parse(argv, env);
  expect(error, `expected ${argv.join(' ')} to be refused`).toBeInstanceOf(UserError);
  expect(error!.exitCode).toBe(2);
  expect(error!.message).not.toContain('\n');
  return error!.message;
}

describe('command line', () => {
  it('takes a kubeconfig context', () => {
    const { result } = parse(['--context', 'prod', '--read-only']);
    expect(result).toMatchObject({
      kind: 'tui',
      readOnly: true,
      dryRun: false,
      target: { context: 'prod', demo: false },
    });
  });

  it('takes ARM coordinates, with the subscription from the environment', () => {
    const { result } = parse(['-g', 'rg1', '-n', 'aks1'], { AZURE_SUBSCRIPTION_ID: 'sub-1' });
    expect(result).toMatchObject({
      kind: 'tui',
      target: { subscription: 'sub-1', resourceGroup: 'rg1', name: 'aks1', cloud: 'AzureCloud' },
    });
  });

  it('takes --demo with a scenario', () => {
    expect(parse(['--demo', '--scenario', 'large']).result).toMatchObject({
      target: { demo: true, scenario: 'large' },
    });
  });

  it('takes the probe image, and refuses one that is not an image reference', () => {
    expect(
      parse(['--demo', '--probe-image', 'myreg.azurecr.io/busybox:1.37']).result,
    ).toMatchObject({
      kind: 'tui',
      probeImage: 'myreg.azurecr.io/busybox:1.37',
    });
    expect(parse(['--demo']).result).not.toHaveProperty('probeImage');
    expect(refusal(['--demo', '--probe-image', 'busybox; rm -rf /'])).toMatch(
      /^--probe-image "busybox; rm -rf \/" is not an image reference/,
    );
  });

  it('refuses an unknown flag in one line', () => {
    expect(refusal(['--frobnicate'])).toMatch(/unknown option '--frobnicate'.*--help/);
  });

  it('refuses an unknown cloud and names the choices', () => {
    expect(refusal(['--cloud', 'Moon'])).toMatch(/AzureCloud, AzureUSGovernment, AzureChinaCloud/);
  });

  it('refuses conflicting or incomplete targets', () => {
    expect(refusal(['--demo', '--context', 'x'])).toMatch(/--demo/);
    expect(refusal(['--scenario', 'demo'])).toMatch(/add --demo/);
    expect(refusal(['-g', 'rg1'], { AZURE_SUBSCRIPTION_ID: 's' })).toMatch(/both -g/);
    expect(refusal(['-g', 'rg1', '-n', 'a'])).toMatch(/AZURE_SUBSCRIPTION_ID/);
    expect(refusal(['audit', '--subscription', 's'])).toMatch(/needs -g.*--all-in-subscription/);
    expect(refusal(['--subscription', 's', '--context', 'c'])).toMatch(/needs -g/);
  });

  it('takes --subscription alone in the TUI: the operator picks the cluster from its list', () => {
    expect(parse(['--subscription', 's']).result).toMatchObject({
      kind: 'tui',
      target: { subscription: 's', demo: false },
    });
    expect(parse(['--subscription', 's', '--sim-connection', 'f.json']).result).toMatchObject({
      target: { subscription: 's', simConnection: 'f.json' },
    });
  });

  it('takes --all-subscriptions in the TUI: the picker lists every subscription (the demo too)', () => {
    expect(parse(['--all-subscriptions']).result).toMatchObject({
      kind: 'tui',
      target: { allSubscriptions: true, demo: false },
    });
    expect(parse(['--demo', '--scenario', 'fleet', '--all-subscriptions']).result).toMatchObject({
      target: { allSubscriptions: true, demo: true, scenario: 'fleet' },
    });
    expect(refusal(['--all-subscriptions', '--subscription', 's'])).toMatch(
      /--all-subscriptions picks among every subscription/,
    );
    expect(refusal(['--all-subscriptions', '--context', 'c'])).toMatch(/drop --kubeconfig/);
  });

  it('takes --accept-context-mismatch only with -g/-n and a kubeconfig context', () => {
    expect(
      parse([
        '-g',
        'rg',
        '-n',
        'aks',
        '--subscription',
        's',
        '--context',
        'c',
        '--accept-context-mismatch',
      ]).result,
    ).toMatchObject({ kind: 'tui', target: { acceptContextMismatch: true, context: 'c' } });
    expect(
      parse([
        'audit',
        '-g',
        'rg',
        '-n',
        'aks',
        '--subscription',
        's',
        '--kubeconfig',
        'k',
        '--accept-context-mismatch',
      ]).result,
    ).toMatchObject({ kind: 'audit', target: { acceptContextMismatch: true } });
    expect(refusal(['--context', 'c', '--accept-context-mismatch'])).toMatch(
      /--accept-context-mismatch only applies with -g\/-n and --kubeconfig or --context/,
    );
    expect(
      refusal(['-g', 'rg', '-n', 'aks', '--subscription', 's', '--accept-context-mismatch']),
    ).toMatch(/only applies/);
  });

  it('prints help and version without running anything', () => {
    const help = parse(['--help']);
    expect(help.result).toEqual({ kind: 'printed' });
    expect(help.out).toContain('--read-only');
    expect(help.out).toContain('sim');
    const version = parse(['--version']);
    expect(version.out.trim()).toBe('1.2.3');
  });

  it('parses the sim command and checks its numbers', () => {
    expect(parse(['sim', '--port', '8443', '--scenario', 'minimal']).result).toMatchObject({
      kind: 'sim',
      sim: { port: 8443, scenario: 'minimal' },
    });
    expect(refusal(['sim', '--port', 'abc'])).toMatch(/--port/);
    expect(refusal(['sim', '--speed', '-1'])).toMatch(/--speed/);
    expect(parse(['sim']).result).toMatchObject({
      sim: { connectionOut: 'aks-runbook-sim.json', kubeconfigOut: 'aks-runbook-sim.kubeconfig' },
    });
    expect(parse(['sim', '--connection-out', 'c.json']).result).toMatchObject({
      sim: { connectionOut: 'c.json' },
    });
  });

  it('asks for a completion script by shell name', () => {
    expect(parse(['completion', 'zsh']).result).toEqual({ kind: 'completion', shell: 'zsh' });
    expect(refusal(['completion', 'fish'])).toMatch(/fish.*bash, zsh/);
  });
});

describe('--read-only and --dry-run before fleet', () => {
  it('hold for fleet sequence and fleet strategy create', () => {
    const seq = parse([
      '--read-only',
      'fleet',
      'sequence',
      '--demo',
      '--kubernetes-version',
      '1.31.8',
    ]);
    expect(seq.result).toMatchObject({
      kind: 'fleet',
      fleet: { action: 'sequence', readOnly: true },
    });
    const strategy = parse([
      '--dry-run',
      'fleet',
      'strategy',
      'create',
      '--demo',
      '-n',
      'by-env',
      '--stages',
      'dev',
    ]);
    expect(strategy.result).toMatchObject({
      kind: 'fleet',
      fleet: { action: 'strategy', strategy: { dryRun: true } },
    });
  });

  it('refuse a fleet run verb that can only write, instead of ignoring them', () => {
    const writes = [
      ['start', '-n', 'run-1', '--kubernetes-version', '1.31.8'],
      ['stop', '-n', 'run-1'],
      ['skip', '-n', 'run-1', '--member', 'pay-stg'],
    ];
    for (const mode of ['--read-only', '--dry-run'])
      for (const verb of writes)
        expect(refusal([mode, 'fleet', 'run', ...verb, '--demo'])).toContain('fleet run plan');
    expect(
      parse(['--read-only', 'fleet', 'run', 'plan', '--kubernetes-version', '1.31.8', '--demo'])
        .result,
    ).toMatchObject({
      kind: 'fleet',
      fleet: { action: 'run', verb: 'plan' },
    });
  });
});

describe('flags before a command', () => {
  it('refuses a root flag that names the target or the scenario, instead of ignoring it', () => {
    // Before "fleet" or "audit", these were parsed as the checklist's and then dropped: the
    // command went to the real Azure sign-in (or the kubeconfig) instead of the simulator.
    for (const argv of [
      ['--demo', 'fleet', 'run', 'start', '-n', 'run-1', '--kubernetes-version', '1.31.8'],
      ['--sim-connection', 'sim.json', 'fleet', 'inventory', '--all-subscriptions'],
      ['--subscription', 'sub-1', 'fleet', 'run', 'stop', '-n', 'run-1', '--demo'],
      ['-g', 'rg-1', 'fleet', 'run', 'show', '-n', 'run-1', '--demo'],
      ['--demo', 'audit'],
      ['--context', 'prod', 'audit', '--demo'],
      ['--scenario', 'fleet', 'sim'],
      ['--cloud', 'AzureChinaCloud', 'fleet', 'inventory', '--demo'],
    ]) {
      const said = refusal(argv);
      expect(said, argv.join(' ')).toMatch(/before "(fleet|audit|sim)"/);
    }
  });

  it('still takes --read-only and --dry-run there, and flags after the command', () => {
    expect(parse(['--read-only', 'audit', '--demo']).result).toMatchObject({ kind: 'audit' });
    expect(parse(['fleet', 'inventory', '--demo']).result).toMatchObject({ kind: 'fleet' });
    expect(parse(['audit', '--demo', '--steps', 'rbac']).result).toMatchObject({
      kind: 'audit',
    });
  });
});

// What Tab offers, computed from the same commander tree that parses the command line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../../src/cli/args.js';
import { complete, type ValueSources } from '../../src/cli/completion/complete.js';
import { contextNames, machineSources } from '../../src/cli/completion/sources.js';
import { commandSpec } from '../../src/cli/completion/spec.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import { builtInScenarios } from '../../src/sim/scenarios/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const spec = commandSpec(
  commandLine(
    {},
    '0.0.0',
    () => undefined,
    () => undefined,
  ),
);
const asked: (string | undefined)[] = [];
const sources: ValueSources = {
  contexts: (kubeconfig) => {
    asked.push(kubeconfig);
    return ['alpha', 'arn:aws:eks:us-east-1:1:cluster/beta', 'prod'];
  },
  scenarios: ['demo', 'drain-kubectl', 'large'],
  steps: ['defender', 'rbac', 'imds'],
};
const offered = (...words: string[]): string[] =>
  complete(words, spec, sources).candidates.map((c) => c.value);
const files = (...words: string[]): boolean => complete(words, spec, sources).files;

const dir = tempDir('completion-');

describe('completion', () => {
  it('offers the subcommands first, with what they do', () => {
    expect(offered('')).toEqual(['sim', 'audit', 'fleet', 'journal', 'completion']);
    expect(offered('au')).toEqual(['audit']);
    expect(complete(['au'], spec, sources).candidates[0]?.description).toMatch(/headless/);
    expect(offered('journal', '')).toEqual(['list', 'show', 'export']);
    expect(offered('completion', '')).toEqual(['bash', 'zsh']);
  });

  it('offers the flags of the command being typed, each once', () => {
    const root = offered('--');
    expect(root).toEqual(
      expect.arrayContaining(['--context', '--demo', '--read-only', '--version']),
    );
    expect(root).not.toContain('--steps');
    expect(offered('audit', '--st')).toEqual(['--steps']);
    expect(offered('audit', '--demo', '')).not.toContain('--demo');
    expect(offered('audit', '--demo', '')).toContain('--output');
    expect(offered('sim', '--')).toContain('--connection-out');
  });

  it('completes values: choices, step lists, scenarios, contexts', () => {
    expect(offered('audit', '--output', '')).toEqual([
      'json',
      'markdown',
      'table',
      'sarif',
      'junit',
    ]);
    expect(offered('audit', '--fail-on=m')).toEqual(['--fail-on=medium']);
    expect(offered('--cloud', 'AzureU')).toEqual(['AzureUSGovernment']);
    expect(offered('audit', '--steps', 'rbac,')).toEqual(['rbac,defender', 'rbac,imds']);
    expect(offered('audit', '--steps', 'rbac,i')).toEqual(['rbac,imds']);
    expect(offered('--demo', '--scenario', 'd')).toEqual(['demo', 'drain-kubectl']);
    expect(files('--demo', '--scenario', 'd')).toBe(true);
    expect(offered('--context', '')).toHaveLength(3);
    expect(offered('--context', 'arn:aws')).toEqual(['arn:aws:eks:us-east-1:1:cluster/beta']);
    expect(offered('--context=al')).toEqual(['--context=alpha']);
  });

  it('reads contexts from the kubeconfig named on the line', () => {
    asked.length = 0;
    offered('--kubeconfig', '/x/config', '--context', '');
    offered('audit', '--kubeconfig=/y/config', '--context', '');
    offered('--context', '');
    expect(asked).toEqual(['/x/config', '/y/config', undefined]);
  });

  it('leaves file names to the shell and free text alone', () => {
    expect(complete(['audit', '--out', ''], spec, sources)).toEqual({
      candidates: [],
      files: true,
    });
    expect(files('--kubeconfig=./')).toBe(true);
    expect(complete(['--subscription', ''], spec, sources)).toEqual({
      candidates: [],
      files: false,
    });
    expect(complete(['-g', ''], spec, sources)).toEqual({ candidates: [], files: false });
    expect(offered('audit', '-g', 'rg', '')).toContain('--name');
  });

  it('knows the real step ids and built-in scenarios', () => {
    const real = machineSources({ KUBECONFIG: join(dir, 'none') });
    expect(real.steps).toEqual(AUDIT_STEPS.map((s) => s.id));
    expect(real.scenarios).toEqual(Object.keys(builtInScenarios));
    expect(real.contexts(undefined)).toEqual([]);
  });
});

describe('kubeconfig context names', () => {
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const one = write('one', 'contexts:\n- name: alpha\n- name: beta\ncurrent-context: beta\n');
  const two = write('two', JSON.stringify({ contexts: [{ name: 'beta' }, { name: 'gamma' }] }));
  const broken = write('broken', 'contexts: [ {name: \n');

  it('merges the files of $KUBECONFIG in order, each name once', () => {
    expect(contextNames([one, two])).toEqual(['alpha', 'beta', 'gamma']);
    const env = { KUBECONFIG: [one, join(dir, 'missing'), broken, two].join(delimiter) };
    expect(machineSources(env).contexts(undefined)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('uses --kubeconfig over $KUBECONFIG, and ~/.kube/config when neither is set', () => {
    expect(machineSources({ KUBECONFIG: one }).contexts(two)).toEqual(['beta', 'gamma']);
    const home = join(dir, 'home');
    const kube = join(home, '.kube');
    mkdirSync(kube, { recursive: true });
    writeFileSync(join(kube, 'config'), 'contexts:\n- name: from-home\n');
    expect(machineSources({ HOME: home }).contexts(undefined)).toEqual(['from-home']);
  });
});

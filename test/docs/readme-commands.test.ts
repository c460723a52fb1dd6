import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';

// The README's commands are what a new user types first: each `npm run` names a script that
// exists, and each aks-runbook command line parses (placeholders filled in).
const ROOT = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const shellLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  m[1]!.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()),
);

it('names only npm scripts that exist', () => {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const named = [...readme.matchAll(/npm run (?:-s |--silent )?([\w:-]+)/g)].map((m) => m[1]!);
  expect(named.length).toBeGreaterThan(5);
  expect(named.filter((name) => !(name in scripts))).toEqual([]);
});

it('shows aks-runbook command lines that parse', () => {
  const commands = shellLines
    .filter((line) => line.startsWith('npm run -s aks-runbook -- '))
    .map((line) => line.slice('npm run -s aks-runbook -- '.length))
    .filter((command) => command !== '<arguments>');
  expect(commands.length).toBeGreaterThanOrEqual(10);
  for (const command of commands) {
    const argv = command.split(/\s+/).map((word) => word.replace(/^<([\w-]+)>$/, 'placeholder-$1'));
    expect(() => parseInvocation(argv, {}, '0.0.0', () => undefined), command).not.toThrow();
  }
});

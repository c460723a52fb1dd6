import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FINDING_MEANINGS } from '../../src/report/finding-catalog.js';

// Finding ids are a public interface: every id the code can produce is documented in the README,
// and the README documents none that the code no longer produces.
const ROOT = new URL('../..', import.meta.url).pathname;
const AREAS =
  'rights|defender|access|rbac|imds|containers|versions|drain|nodeimage|nodeos|reboot|waiver';
// The catalog of meanings mirrors the README (checked below); it does not produce findings.
const CATALOG = join(ROOT, 'src', 'report', 'finding-catalog.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

it('documents exactly the finding ids the code produces', () => {
  const literal = new RegExp(`'((?:${AREAS})\\.[a-z-]+)'`, 'g');
  const inCode = new Set(
    sources(join(ROOT, 'src'))
      .filter((file) => file !== CATALOG)
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => m[1]!)),
  );
  const row = new RegExp(`^\\| \`((?:${AREAS})\\.[a-z-]+)\``, 'gm');
  const inReadme = new Set(
    [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(row)].map((m) => m[1]!),
  );
  expect(inCode.size).toBeGreaterThan(50);
  expect([...inCode].filter((id) => !inReadme.has(id)).sort()).toEqual([]);
  expect([...inReadme].filter((id) => !inCode.has(id)).sort()).toEqual([]);
});

it('gives every documented id the meaning the README gives it (SARIF rule help)', () => {
  const row = /^\| `([a-z]+\.[a-z-]+)`\s*\| [^|]+\| (.+?)\s*\|$/gm;
  const readme = Object.fromEntries(
    [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(row)].map((m) => [
      m[1]!,
      m[2]!.replace(/\\\|/g, '|'),
    ]),
  );
  expect(FINDING_MEANINGS).toEqual(readme);
});

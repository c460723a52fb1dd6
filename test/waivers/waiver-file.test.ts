import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../src/model/errors.js';
import { parseWaivers } from '../../src/waivers/waiver-file.js';
import { waiversFileSchema, waiversJsonSchema } from '../../src/waivers/waiver-schema.js';
import { jsonSchema2020 } from '../helpers/schema-validators.js';

const SCHEMA_FILE = new URL('../../schema/waivers.v1.json', import.meta.url);
const rules = { now: new Date('2026-03-01T12:00:00Z'), maxDays: 180 };

const good = `# accepted risks
waivers:
  - finding: containers.privileged
    object: { kind: Deployment, namespace: monitoring, name: log-shipper }
    cluster: aks-shop-*
    reason: reads host logs
    owner: platform-team
    expires: 2026-06-30
  - finding: imds.namespace-exposed
    object: { kind: Namespace, name: "*" }
    reason: no pods run there
    owner: alice@contoso.com
    expires: 2026-03-01
`;

function problem(text: string, r = rules): string {
  try {
    parseWaivers(text, 'w.yaml', r);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

const entry = (fields: string) =>
  `waivers:\n  - finding: containers.privileged\n    reason: r\n    owner: o\n    expires: 2026-04-01\n${fields}`;

describe('the waivers file', () => {
  it('reads entries in order, numbered from 1', () => {
    const set = parseWaivers(good, 'w.yaml', rules);
    expect(set.file).toBe('w.yaml');
    expect(set.waivers.map((w) => [w.entry, w.finding, w.expires])).toEqual([
      [1, 'containers.privileged', '2026-06-30'],
      [2, 'imds.namespace-exposed', '2026-03-01'],
    ]);
    expect(set.waivers[0]!.object).toEqual({
      kind: 'Deployment',
      namespace: 'monitoring',
      name: 'log-shipper',
    });
  });

  it.each([
    ['not YAML', 'waivers: [', /^w\.yaml is not YAML: /],
    ['a list at the top', '- finding: x', /^w\.yaml: expected "waivers:"/],
    ['an unknown top key', 'waivers: []\nmaxDays: 400', /^w\.yaml: expected "waivers:".*maxDays/],
    [
      'no expiry',
      'waivers:\n  - finding: rbac.wildcard\n    reason: r\n    owner: o',
      /^w\.yaml: entry 1 \(rbac\.wildcard\): expires: /,
    ],
    [
      'a blank reason',
      entry('').replace('reason: r', 'reason: "  "'),
      /entry 1 \(containers\.privileged\): reason: must not be empty/,
    ],
    [
      'an unknown field',
      entry('    severity: high\n'),
      /entry 1 \(containers\.privileged\): .*severity/,
    ],
    ['an impossible date', entry('').replace('2026-04-01', '2026-02-30'), /expires: /],
    ['a date with a time', entry('').replace('2026-04-01', '2026-04-01T00:00:00Z'), /expires: /],
    [
      'a hole',
      entry('').replace('containers.privileged', 'rbac.forbidden'),
      /entry 1 \(rbac\.forbidden\): finding: a refused read/,
    ],
    [
      'a refused read',
      entry('').replace('containers.privileged', 'rights.read-forbidden'),
      /finding: a refused read/,
    ],
    [
      'a waiver finding',
      entry('').replace('containers.privileged', 'waiver.expired'),
      /finding: a refused read .* waiver\.\*/,
    ],
    [
      'a wildcard id',
      entry('').replace('containers.privileged', 'containers.*'),
      /finding: a finding id/,
    ],
    ['a control character', entry('    cluster: "a\\u001bb"\n'), /cluster: /],
  ])('refuses %s in one line naming the file and the entry', (_what, text, says) => {
    const message = problem(text);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(says);
  });

  it('refuses an expiry beyond the maximum, which --waiver-max-days sets', () => {
    const far = entry('').replace('2026-04-01', '2026-08-29');
    expect(problem(far)).toBe(
      'w.yaml: entry 1 (containers.privileged): expires 2026-08-29 is more than 180 days ahead (latest 2026-08-28); choose an earlier date, or raise --waiver-max-days',
    );
    expect(parseWaivers(far, 'w.yaml', { ...rules, maxDays: 365 }).waivers).toHaveLength(1);
    expect(parseWaivers(far.replace('08-29', '08-28'), 'w.yaml', rules).waivers).toHaveLength(1);
  });

  it('is published as schema/waivers.v1.json, in sync with the code (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = waiversJsonSchema();
    if (process.env['UPDATE_SCHEMA'] === '1') {
      writeFileSync(SCHEMA_FILE, JSON.stringify(generated, null, 2) + '\n');
    }
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('accepts and refuses the same files by the published JSON Schema as the code does', () => {
    const check = jsonSchema2020(SCHEMA_FILE);
    const corpus = [
      good,
      'waivers: []',
      entry(''),
      entry('    object: {}\n'),
      entry('    object: { namespace: "*" }\n'),
      entry('    cluster: rg-one/aks-*\n'),
      '',
      'waivers:',
      '- finding: x',
      'waivers: []\nextra: 1',
      entry('    severity: high\n'),
      entry('    object: { kind: Deployment, labels: x }\n'),
      entry('    object: { name: "" }\n'),
      entry('').replace('reason: r', 'reason: ""'),
      entry('').replace('reason: r', 'reason: "\\t"'),
      entry('').replace('owner: o', 'owner: 7'),
      entry('').replace('2026-04-01', '2026-02-29'),
      entry('').replace('2026-04-01', '2028-02-29'),
      entry('').replace('2026-04-01', '26-04-01'),
      entry('').replace('containers.privileged', 'nodots'),
      entry('').replace('containers.privileged', 'imds.forbidden'),
      entry('').replace('containers.privileged', 'rights.read-forbidden'),
      entry('').replace('containers.privileged', 'rights.change-forbidden'),
      entry('').replace('containers.privileged', 'waiver.unused'),
      entry('').replace('containers.privileged', 'Containers.Privileged'),
      entry('    cluster: "a\\u0007b"\n'),
    ];
    const verdicts = corpus.map((text) => {
      const data: unknown = parseYaml(text);
      return {
        text,
        code: waiversFileSchema.safeParse(data).success,
        schema: check(data).length === 0,
      };
    });
    expect(verdicts.filter((v) => v.code !== v.schema)).toEqual([]);
    expect(verdicts.filter((v) => v.code).length).toBeGreaterThanOrEqual(7);
    expect(verdicts.filter((v) => !v.code).length).toBeGreaterThanOrEqual(15);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goYamlV2NotString, kubeYaml } from '../../src/model/kube-yaml.js';

// kubectl reads YAML with sigs.k8s.io/yaml, that is go-yaml v2 (YAML 1.1, resolve.go): plain
// y/n/yes/no/on/off/true/false in any of their cases are booleans, ~/null/empty are null, Go's
// integers (strconv.ParseInt with base 0 after dropping `_`) and yamlStyleFloat numbers are
// numbers. Written by hand from that resolver, not from the `yaml` package.
const NOT_STRINGS = [
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'],
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'],
  ...['', '~', 'null', 'Null', 'NULL', '<<', '.inf', '-.Inf', '.NaN'],
  ...['0', '7', '-12', '+3', '0777', '0o17', '0O17', '0x1F', '0X1f', '0b101', '0B11', '-0b1'],
  ...['1_000', '0x_ff', '1e3', '1E-3', '1.5', '.5', '5.', '-2.5e+10', '1_0.5'],
];
const STRINGS = [
  'web',
  'db-1',
  'v1.2.3',
  '1.2.3',
  '10.0.0.0/8',
  '0o8',
  '0x',
  'e3',
  'yes-please',
  'onion',
  '1-2',
];

describe('go-yaml v2 scalars (what kubectl reads)', () => {
  it.each(NOT_STRINGS)('%j is read as something else, plain', (text) => {
    expect(goYamlV2NotString(text)).toBe(true);
  });

  it.each(STRINGS)('%j stays a string', (text) => {
    expect(goYamlV2NotString(text)).toBe(false);
  });
});

describe('kubeYaml', () => {
  it('quotes every such string, keys and values, and leaves plain the rest', () => {
    const labels = Object.fromEntries([...NOT_STRINGS, ...STRINGS].map((t) => [`k${t}`, t]));
    const keys = Object.fromEntries(NOT_STRINGS.map((t) => [t, 'v']));
    const text = kubeYaml({ spec: { matchLabels: labels, keys, port: 80, on: true } });
    // Read back as YAML 1.1 every value and key is the string written; numbers stay numbers.
    expect(parse(text, { version: '1.1' })).toEqual({
      spec: { matchLabels: labels, keys, port: 80, on: true },
    });
    for (const t of NOT_STRINGS.filter((t) => t !== '<<'))
      expect(text).toContain(`: ${JSON.stringify(t)}\n`);
    expect(text).toContain('kweb: web\n');
    expect(text).toContain('port: 80\n');
  });
});

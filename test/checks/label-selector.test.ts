import { describe, expect, it } from 'vitest';
import {
  coverEveryLabelSet,
  selectorMatches,
  selectorQuery,
  selectsEverything,
} from '../../src/checks/label-selector.js';
import type { LabelSelector } from '../../src/model/label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  const expr = (operator: string, values?: string[], key = 'tier') => ({
    matchExpressions: [{ key, operator, values }],
  });

  it('ANDs matchLabels and every operator, as apimachinery does', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, labels)).toBe(false);
    expect(selectorMatches(expr('In', ['front', 'x']), labels)).toBe(true);
    expect(selectorMatches(expr('In', ['back']), labels)).toBe(false);
    expect(selectorMatches(expr('NotIn', ['front']), labels)).toBe(false);
    expect(selectorMatches(expr('NotIn', ['front']), { app: 'web' })).toBe(true);
    expect(selectorMatches(expr('Exists'), labels)).toBe(true);
    expect(selectorMatches(expr('DoesNotExist'), labels)).toBe(false);
    expect(selectorMatches(expr('DoesNotExist', undefined, 'zone'), labels)).toBe(true);
    // An operator the API server would have refused selects nothing.
    expect(selectorMatches(expr('Gt', ['1']), labels)).toBe(false);
  });

  it('writes the selector as a list call and the operator read it', () => {
    const selector = { matchLabels: { app: 'web' }, ...expr('NotIn', ['a', 'b']) };
    expect(selectorQuery(selector)).toBe('app=web,tier notin (a,b)');
    expect(selectorQuery({ ...expr('DoesNotExist'), matchLabels: {} })).toBe('!tier');
    expect(selectorQuery({})).toBe('');
    expect(selectsEverything({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(selectsEverything(expr('Exists'))).toBe(false);
  });
});

describe('coverEveryLabelSet', () => {
  const expr = (key: string, operator: string, values?: string[]) => ({
    matchExpressions: [{ key, operator, ...(values ? { values } : {}) }],
  });
  it.each<[string, LabelSelector[], boolean]>([
    ['no selector', [], false],
    ['{} alone', [{}], true],
    [
      'app=web and app NotIn [web]',
      [{ matchLabels: { app: 'web' } }, expr('app', 'NotIn', ['web'])],
      true,
    ],
    ['app Exists and app DoesNotExist', [expr('app', 'Exists'), expr('app', 'DoesNotExist')], true],
    [
      'app In [web] and app DoesNotExist: app=db is left out',
      [expr('app', 'In', ['web']), expr('app', 'DoesNotExist')],
      false,
    ],
    [
      'two keys: app Exists, tier Exists: a pod with neither is left out',
      [expr('app', 'Exists'), expr('tier', 'Exists')],
      false,
    ],
    [
      'app Exists, app DoesNotExist with tier=a: tier=b without app is left out',
      [expr('app', 'Exists'), { matchLabels: { tier: 'a' }, ...expr('app', 'DoesNotExist') }],
      false,
    ],
  ])('%s → %s', (_, selectors, expected) => {
    expect(coverEveryLabelSet(selectors)).toBe(expected);
  });

  it('answers no, never yes untried, past its limit of cases', () => {
    // 13 keys with one value each: 2^13 cases (absent or some value), far past the limit; the union does cover all.
    const keys = Array.from({ length: 13 }, (_, i) => `k${i}`);
    const selectors = [
      ...keys.map((k) => expr(k, 'Exists')),
      { matchExpressions: keys.map((k) => ({ key: k, operator: 'DoesNotExist' })) },
    ];
    expect(coverEveryLabelSet(selectors)).toBe(false);
  });
});

describe('coverEveryLabelSet bounds its work, not only its cases', () => {
  // Policy i selects app absent, app=v_i or any other value: together every label set.
  const notAllBut = (n: number): LabelSelector[] => {
    const values = Array.from({ length: n }, (_, i) => `v${i}`);
    return values.map((v) => ({
      matchExpressions: [{ key: 'app', operator: 'NotIn', values: values.filter((x) => x !== v) }],
    }));
  };

  it('answers a small such input exactly (every label set)', () => {
    expect(coverEveryLabelSet(notAllBut(50))).toBe(true);
    expect(coverEveryLabelSet(notAllBut(50).slice(1))).toBe(false);
  });

  it('3000 such selectors (under the case limit, ~N³ steps before): the conservative no, within the default timeout', () => {
    expect(coverEveryLabelSet(notAllBut(3000))).toBe(false);
  });
});

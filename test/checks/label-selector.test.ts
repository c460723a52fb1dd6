import { describe, expect, it } from 'vitest';
import {
  selectorMatches,
  selectorQuery,
  selectsEverything,
} from '../../src/checks/label-selector.js';

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

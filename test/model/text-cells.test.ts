import { describe, expect, it } from 'vitest';
import { alignColumns, cell, displayWidth, fit, padTo } from '../../src/model/text-cells.js';

describe('text in terminal cells', () => {
  it('counts wide characters as two cells and combining marks as none', () => {
    expect(displayWidth('web')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('🚀')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('cuts to the cells given, with an ellipsis, and pads to exactly that many', () => {
    expect(fit('storefront', 6)).toBe('store…');
    expect(fit('short', 6)).toBe('short');
    expect(displayWidth(fit('日本語のクラスター', 7))).toBeLessThanOrEqual(7);
    expect(cell('日本', 6)).toBe('日本  ');
    expect(displayWidth(cell('日本語のクラスター', 7))).toBe(7);
    expect(padTo('long text', 3)).toBe('long text');
  });

  it('aligns columns by display width, the last one unpadded', () => {
    expect(
      alignColumns([
        ['NAME', 'STATE', 'NOTE'],
        ['日本', 'ok', ''],
        ['web', 'failed', 'x'],
      ]),
    ).toEqual(['NAME  STATE   NOTE', '日本  ok', 'web   failed  x']);
  });
});

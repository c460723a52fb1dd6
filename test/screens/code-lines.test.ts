import { describe, expect, it } from 'vitest';
import { codeLines, CODE_GOES_ON, CODE_WENT_ON } from '../../screens/step-lines.js';
import { displayWidth } from '../../src/model/text-cells.js';

const text = (lines: ReturnType<typeof codeLines>) =>
  lines.map((l) => l.map((s) => s.text).join(''));

/** The pieces joined back, marks taken out. */
function joined(lines: string[], indent: string): string {
  return lines
    .map((l, i) => (i === 0 ? l : l.slice(indent.length + CODE_WENT_ON.length)))
    .map((l, i) => (i < lines.length - 1 ? l.slice(0, -CODE_GOES_ON.length) : l))
    .join('');
}

describe('a code line wider than the screen is shown whole', () => {
  it('as it is when it fits', () => {
    expect(text(codeLines('  name: web', 80))).toEqual(['  name: web']);
    expect(text(codeLines('', 80))).toEqual([' ']);
  });

  it('a word with no space is broken at the edge, over as many lines as it takes', () => {
    const line = `    name: ${'x'.repeat(200)}`;
    const shown = text(codeLines(line, 40));
    expect(shown.length).toBeGreaterThan(5);
    for (const l of shown) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(shown.slice(1).every((l) => l.startsWith(`    ${CODE_WENT_ON}`))).toBe(true);
    expect(joined(shown, '    ')).toBe(line);
  });

  it('breaks after a space near the edge, the space kept', () => {
    const line =
      '    aks-runbook/replaces: RoleBinding/payments/sam-secret-reader user sam@contoso.com';
    const shown = text(codeLines(line, 80));
    expect(shown).toEqual([
      '    aks-runbook/replaces: RoleBinding/payments/sam-secret-reader user ↩',
      '    ↪ sam@contoso.com',
    ]);
    expect(joined(shown, '    ')).toBe(line);
  });

  it('counts wide characters in cells', () => {
    const line = `  note: ${'漢'.repeat(60)}`;
    const shown = text(codeLines(line, 30));
    for (const l of shown) expect(displayWidth(l)).toBeLessThanOrEqual(30);
    expect(joined(shown, '  ')).toBe(line);
  });
});

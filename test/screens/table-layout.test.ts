// Tables on screen keep their columns: a row is never re-wrapped into single spaces, columns are
// measured in terminal cells, and a pool's OS is one word that fits.
import { describe, expect, it } from 'vitest';
import { poolOs } from '../../screens/PoolTable.js';
import { isTableRow, listItem } from '../../screens/step-lines.js';
import { rightsTable } from '../../src/checks/rights/table.js';
import { alignColumns, displayWidth } from '../../src/model/text-cells.js';

const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('table rows in a list', () => {
  it('keep their spacing (a sentence is still word-wrapped)', () => {
    const rows = alignColumns([
      ['step', 'needs', 'you'],
      ['rbac', 'list ClusterRoleBindings', '✔ allowed'],
      ['名前', 'x', '✖ not allowed'],
    ]);
    const shown = rows.flatMap((row) => text(listItem(row, '', 80)));
    expect(shown).toEqual(rows);
    // Every column starts in the same cell on every row, wide characters included.
    const start = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
    expect(start(shown[1]!, 'list')).toBe(start(shown[0]!, 'needs'));
    expect(start(shown[2]!, 'x')).toBe(start(shown[0]!, 'needs'));
    expect(text(listItem('a sentence  with a double space', '• ', 80))).toEqual([
      '• a sentence  with a double space',
    ]);
    expect(text(listItem('one two three four', '• ', 10))).toEqual([
      '• one two',
      '  three',
      '  four',
    ]);
  });

  it('tells table rows from sentences', () => {
    expect(isTableRow('step       needs   you')).toBe(true);
    expect(isTableRow('  indented sentence, single spaces')).toBe(false);
    expect(isTableRow('A sentence. Another one.')).toBe(false);
  });

  it('the connect rights table lines up as rows of the list', () => {
    const lines = rightsTable({});
    const shown = lines.flatMap((row) => text(listItem(row, '', 100)));
    expect(shown).toEqual(lines);
    const column = (line: string) => displayWidth(line.slice(0, line.indexOf('?')));
    const answers = shown.filter((l) => l.includes('? not asked'));
    expect(new Set(answers.map(column)).size).toBe(1);
  });
});

describe('pool OS', () => {
  it('is the SKU when there is one, else the OS type: never Windows/Win…', () => {
    expect(poolOs({ osType: 'Windows', osSku: 'Windows2022' })).toBe('Windows2022');
    expect(poolOs({ osType: 'Linux', osSku: 'AzureLinux' })).toBe('AzureLinux');
    expect(poolOs({ osType: 'Linux' })).toBe('Linux');
  });
});

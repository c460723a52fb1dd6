// `--where` chooses the clusters a fleet sequence upgrades: a value no cluster can have (a typo of
// a support status) or a tag with no name must be refused, never read as "matches none" (or, with
// !=, "matches every cluster").
import { describe, expect, it } from 'vitest';
import { matchesAll, parseWhere } from '../../src/checks/fleet/where.js';
import type { InventoryRow } from '../../src/model/inventory.js';
import { UserError } from '../../src/model/errors.js';

describe('parseWhere', () => {
  it('refuses a support status that does not exist, naming the ones that do', () => {
    expect(() => parseWhere('support!=suported')).toThrow(UserError);
    expect(() => parseWhere('support=maybe')).toThrow(/supported, lts-only, unsupported, unknown/);
    expect(parseWhere('support=LTS-only')).toEqual({
      field: 'support',
      op: '=',
      value: 'LTS-only',
    });
  });

  it('refuses a tag condition without the tag name', () => {
    expect(() => parseWhere('tag.=prod')).toThrow(/tag\.NAME/);
    expect(parseWhere('tag.env=prod')).toMatchObject({ field: 'tag.env', value: 'prod' });
  });

  it('takes support~PART (contains), as for every field', () => {
    expect(parseWhere('support~lts')).toEqual({ field: 'support', op: '~', value: 'lts' });
    expect(matchesAll({ support: 'lts-only' } as InventoryRow, [parseWhere('support~lts')])).toBe(
      true,
    );
  });

  it('refuses a risk that is only an inherited object key', () => {
    expect(() => parseWhere('risk=toString')).toThrow(/no risk "toString"/);
    expect(() => parseWhere('finding=constructor')).toThrow(UserError);
  });
});

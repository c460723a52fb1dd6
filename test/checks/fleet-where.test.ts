// `--where` chooses the clusters a fleet sequence upgrades: a value no cluster can have (a typo of
// a support status) or a tag with no name must be refused, never read as "matches none" (or, with
// !=, "matches every cluster").
import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../src/checks/fleet/where.js';
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
});

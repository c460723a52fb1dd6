import { INVENTORY_RISKS, type InventoryRow, type SupportStatus } from '../../model/inventory.js';
import { UserError } from '../../model/errors.js';
import { compareVersions } from '../versions/semver.js';

/** One `--where` condition: a field, an operator and a value. */
export interface WhereClause {
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';
  value: string;
}

const FIELDS = [
  'version',
  'name',
  'group',
  'region',
  'subscription',
  'fleet',
  'risk',
  'finding',
  'support',
];

const SUPPORT: readonly SupportStatus[] = ['supported', 'lts-only', 'unsupported', 'unknown'];

/**
 * Parses `--where` text such as `version<1.31`, `risk=public-api`, `tag.env=prod`, `name~shop`.
 * A field or operator it does not know is one line naming what it takes.
 */
export function parseWhere(text: string): WhereClause {
  const m = /^\s*([A-Za-z][\w.-]*)\s*(!=|<=|>=|=|<|>|~)\s*(.*?)\s*$/.exec(text);
  const field = m?.[1]?.toLowerCase();
  const known = FIELDS.includes(field ?? '') || (field?.startsWith('tag.') && field !== 'tag.');
  if (!m || !field || !known || m[3] === '') {
    throw new UserError(
      `--where "${text}": expected FIELD OP VALUE with FIELD one of ${FIELDS.join(', ')} or tag.NAME and OP one of = != < <= > >= ~ (contains)`,
    );
  }
  const op = m[2] as WhereClause['op'];
  if (['<', '<=', '>', '>='].includes(op) && field !== 'version')
    throw new UserError(`--where "${text}": ${op} compares versions only (version${op}1.31)`);
  if (field === 'version' && op !== '~' && !/^\d+\.\d+(\.\d+)?$/.test(m[3]!))
    throw new UserError(
      `--where "${text}": a version is MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. 1.31`,
    );
  if ((field === 'risk' || field === 'finding') && !Object.hasOwn(INVENTORY_RISKS, m[3]!))
    throw new UserError(
      `--where "${text}": no risk "${m[3]!}"; the risks are ${Object.keys(INVENTORY_RISKS).join(', ')}`,
    );
  // A status no cluster can have would match none (or, with !=, every cluster) without a word;
  // `~` (contains) takes part of one, as for every field.
  if (field === 'support' && op !== '~' && !SUPPORT.includes(m[3]!.toLowerCase() as SupportStatus))
    throw new UserError(
      `--where "${text}": no support status "${m[3]!}"; they are ${SUPPORT.join(', ')}`,
    );
  return { field: field === 'finding' ? 'risk' : field, op, value: m[3]! };
}

/** Whether a row meets every clause (pure). */
export function matchesAll(row: InventoryRow, clauses: readonly WhereClause[]): boolean {
  return clauses.every((c) => matches(row, c));
}

function matches(row: InventoryRow, c: WhereClause): boolean {
  if (c.field === 'version') return versionMatches(row.kubernetesVersion, c);
  if (c.field === 'risk') {
    const has = row.risks.some((r) => r === c.value);
    return c.op === '!=' ? !has : has;
  }
  const value = textOf(row, c.field);
  if (value === undefined) return c.op === '!=';
  const a = value.toLowerCase();
  const b = c.value.toLowerCase();
  if (c.op === '~') return a.includes(b);
  return c.op === '!=' ? a !== b : a === b;
}

function textOf(row: InventoryRow, field: string): string | undefined {
  if (field.startsWith('tag.')) {
    const key = field.slice(4);
    const hit = Object.keys(row.tags).find((k) => k.toLowerCase() === key);
    return hit === undefined ? undefined : row.tags[hit];
  }
  switch (field) {
    case 'name':
      return row.name;
    case 'group':
      return row.resourceGroup;
    case 'region':
      return row.location;
    case 'subscription':
      return row.subscriptionId;
    case 'fleet':
      return row.fleet?.fleet;
    case 'support':
      return row.support;
    default:
      return undefined;
  }
}

/** `version<1.31` compares the minor when the value has no patch, the full version when it has. */
function versionMatches(version: string | undefined, c: WhereClause): boolean {
  if (!version) return false;
  if (c.op === '~') return version.includes(c.value);
  const parts = c.value.split('.');
  const mine = parts.length === 2 ? `${version.split('.').slice(0, 2).join('.')}.0` : version;
  const theirs = parts.length === 2 ? `${c.value}.0` : c.value;
  const cmp = compareVersions(mine, theirs);
  switch (c.op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    default:
      return cmp >= 0;
  }
}

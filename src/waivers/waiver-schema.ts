import { z } from 'zod';
import { HOLE_FINDING_IDS } from '../report/hole-findings.js';

/** The version of the waivers file's shape; bumped on any change that breaks a file. */
export const WAIVERS_SCHEMA_VERSION = 1;

// The defaults live apart (no zod there): the TUI reads them before its first frame.
export { DEFAULT_WAIVERS_FILE, DEFAULT_WAIVER_MAX_DAYS } from './waiver-defaults.js';

// A match: literal text where `*` stands for any run of characters. No control characters.
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const pattern = z.string().regex(/^[^\u0000-\u001f\u007f]+$/, 'a name, * for any');

// A hole in the audit (a read refused or failed: HOLE_FINDING_IDS) may not be waived, and
// neither may the waivers' own findings (`waiver.*`). A regex, so the JSON Schema says it too.
const notWaivable = new RegExp(
  `^(?!waiver\\.)(?!(?:${[...HOLE_FINDING_IDS].map((id) => id.replace(/\./g, '\\.')).join('|')})$)`,
);

/** A finding id that may be waived. */
const waivableId = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a finding id such as containers.privileged')
  .regex(
    notWaivable,
    'a refused read or a failed one (*.forbidden, rights.read-forbidden, rbac.azure-unread) is a hole in the audit and waiver.* judges the waivers: neither can be waived',
  );

const nonBlank = z.string().regex(/\S/, 'must not be empty');

/** One accepted risk. */
export const waiverEntrySchema = z
  .object({
    finding: waivableId.describe('the finding id it accepts, exactly (no wildcards)'),
    object: z
      .object({
        kind: pattern.optional().describe('default *'),
        namespace: pattern.optional().describe('default *; * also matches cluster-wide objects'),
        name: pattern.optional().describe('default *'),
      })
      .strict()
      .optional()
      .describe('the object of the finding; absent: any object, or none'),
    cluster: pattern
      .optional()
      .describe('cluster name, or resourceGroup/name when it holds a slash; default *'),
    reason: nonBlank.describe('why the risk is accepted'),
    owner: nonBlank.describe('who answers for it (a person or a team)'),
    expires: z.iso
      .date()
      .describe('last day (UTC) the waiver holds; at most --waiver-max-days ahead'),
  })
  .strict();

/** The waivers file, version 1 (`.aks-runbook/waivers.yaml`). */
export const waiversFileSchema = z
  .object({
    waivers: z.array(waiverEntrySchema).describe('accepted risks, first match wins'),
  })
  .strict();

/** One waiver as the file holds it. */
export type WaiverEntry = z.infer<typeof waiverEntrySchema>;

/** The waivers file's JSON Schema (draft 2020-12), as kept in `schema/waivers.v1.json`. */
export function waiversJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/aks-runbook/aks-runbook/schema/waivers.v1.json',
    title: 'aks-runbook waivers file, version 1',
    ...z.toJSONSchema(waiversFileSchema, { target: 'draft-2020-12' }),
  };
}

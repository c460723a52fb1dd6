import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Where the published JSON Schema of the combined (several clusters) report lives. */
export const COMBINED_SCHEMA_FILE = new URL('../../schema/audit-report.v2.json', import.meta.url);

/** A validator built from the published version 2 schema file, as a report reader would. */
export function publishedCombinedSchema(): z.ZodType {
  const json = JSON.parse(
    readFileSync(COMBINED_SCHEMA_FILE, 'utf8'),
  ) as z.core.JSONSchema.JSONSchema;
  return z.fromJSONSchema(json);
}

import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Where the published JSON Schema of the audit report lives. */
export const SCHEMA_FILE = new URL('../../schema/audit-report.v1.json', import.meta.url);

/** A validator built from the published JSON Schema file itself, as a report reader would. */
export function publishedSchema(): z.ZodType {
  const json = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as z.core.JSONSchema.JSONSchema;
  return z.fromJSONSchema(json);
}

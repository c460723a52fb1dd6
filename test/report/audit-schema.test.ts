import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditReportJsonSchema, auditReportSchema } from '../../src/report/audit-schema.js';
import { publishedSchema, SCHEMA_FILE } from './published-schema.js';
import { sampleReport } from './sample-report.js';

describe('the audit report schema', () => {
  it('is kept in schema/audit-report.v1.json, in sync with the code (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = auditReportJsonSchema();
    if (process.env['UPDATE_SCHEMA'] === '1') {
      writeFileSync(SCHEMA_FILE, JSON.stringify(generated, null, 2) + '\n');
    }
    // Compared as data: Prettier formats the file.
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('accepts a full report and rejects a broken one, from the published file', () => {
    const report = sampleReport();
    expect(auditReportSchema.parse(report)).toEqual(report);
    expect(publishedSchema().safeParse(report).success).toBe(true);

    const badSeverity = structuredClone(report);
    (badSeverity.steps[0]!.findings[0] as { severity: string }).severity = 'critical';
    expect(publishedSchema().safeParse(badSeverity).success).toBe(false);

    const unversioned: Record<string, unknown> = { ...report };
    delete unversioned['schemaVersion'];
    expect(publishedSchema().safeParse(unversioned).success).toBe(false);

    const badConfirmation = structuredClone(report);
    (badConfirmation.steps[0]!.findings[1] as { confirmedBy: unknown }).confirmedBy = 'kubectl';
    expect(publishedSchema().safeParse(badConfirmation).success).toBe(false);
    // Added within version 1: a report written before it (no confirmedBy) is still valid.
    const older = structuredClone(report);
    for (const f of older.steps[0]!.findings) delete f.confirmedBy;
    expect(publishedSchema().safeParse(older).success).toBe(true);

    const badId = structuredClone(report);
    badId.steps[0]!.findings[0]!.id = 'No Dots';
    expect(publishedSchema().safeParse(badId).success).toBe(false);
  });
});

import { expect, it } from 'vitest';
import { findingLines } from '../../screens/step-lines.js';
import type { Finding } from '../../src/model/finding.js';

const text = (f: Finding) =>
  findingLines(f, 100)
    .map((line) => line.map((s) => s.text).join(''))
    .join('\n');

it('shows a finding the API server confirmed as confirmed, and says nothing otherwise', () => {
  const f: Finding = { id: 'rbac.cluster-admin', severity: 'high', message: 'full control' };
  expect(text({ ...f, confirmedBy: 'api-server' })).toContain('✔ confirmed by the API server');
  expect(text(f)).not.toContain('confirmed');
});

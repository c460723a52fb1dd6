// SARIF result messages carry cluster-chosen names as text: `[text](url)` in a plain text message
// is an embedded link to a SARIF viewer (GitHub code scanning renders it as one), so the literal
// brackets are escaped with a backslash (SARIF 2.1.0 §3.11.6, "Messages with embedded links").
import { expect, it } from 'vitest';
import { auditAdminUserNamed } from '../helpers/admin-user-audit.js';

it('escapes square brackets from the cluster in SARIF message text', async () => {
  const run = await auditAdminUserNamed(
    'mallory [approved, see ticket](https://evil.example/)',
    'sarif',
  );
  const log = JSON.parse(run.stdout) as {
    runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }>;
  };
  const texts = log.runs[0]!.results.map((r) => r.message.text).filter((t) =>
    t.includes('mallory'),
  );
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).not.toMatch(/(?<!\\)\[approved, see ticket(?<!\\)\]\(/);
}, 90_000);

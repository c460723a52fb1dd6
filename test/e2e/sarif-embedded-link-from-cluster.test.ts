// SARIF result messages carry cluster-chosen names as text: `[text](url)` in a plain text message
// is an embedded link to a SARIF viewer (GitHub code scanning renders it as one), so the literal
// brackets are escaped with a backslash (SARIF 2.1.0 §3.11.6, "Messages with embedded links").
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { minimalDescriptor } from '../helpers/scenario-descriptor.js';
import { tempDir } from '../helpers/temp-dir.js';

const objects = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: "mallory [approved, see ticket](https://evil.example/)"
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

it('escapes square brackets from the cluster in SARIF message text', async () => {
  const dir = join(tempDir('sarif-link-'), 'scenario');
  mkdirSync(dir);
  writeFileSync(join(dir, 'aks.yaml'), minimalDescriptor('c1'));
  writeFileSync(join(dir, 'objects.yaml'), objects);
  const run = await runBin(
    ['audit', '--demo', '--scenario', dir, '--steps', 'rbac', '--output', 'sarif'],
    {},
    { timeoutMs: 60_000 },
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

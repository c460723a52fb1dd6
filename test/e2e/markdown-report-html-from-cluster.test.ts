// The Markdown audit report ("for a ticket or a change record") shows names chosen by whoever can
// write a RoleBinding as text. Pasted raw, a User subject named `<img src="https://evil.example/t.png">`
// is an image the reader's browser fetches from the attacker when the ticket is opened, and
// `[...](url)` is a link (CommonMark raw HTML and links; GitHub renders both).
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
    name: 'mallory <img src="https://evil.example/t.png"> [ok](https://evil.example/)'
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

it('shows a subject name as text in the Markdown report, never as HTML or a link', async () => {
  const dir = join(tempDir('md-inject-'), 'scenario');
  mkdirSync(dir);
  writeFileSync(join(dir, 'aks.yaml'), minimalDescriptor('c1'));
  writeFileSync(join(dir, 'objects.yaml'), objects);
  const run = await runBin(
    ['audit', '--demo', '--scenario', dir, '--steps', 'rbac', '--output', 'markdown'],
    {},
    { timeoutMs: 60_000 },
  );
  // The finding is there (the audit ran and found the cluster-admin user)...
  expect(run.stdout).toContain('rbac.cluster-admin');
  expect(run.stdout).toContain('mallory');
  // ...but its name must reach the reader as text: no live HTML tag, no live link.
  expect(run.stdout).not.toMatch(/(?<!\\)<img /);
  expect(run.stdout).not.toMatch(/(?<!\\)\[ok(?<!\\)\]\(https:\/\/evil/);
}, 90_000);

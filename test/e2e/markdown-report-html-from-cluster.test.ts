// The Markdown audit report ("for a ticket or a change record") shows names chosen by whoever can
// write a RoleBinding as text. Pasted raw, a User subject named `<img src="https://evil.example/t.png">`
// is an image the reader's browser fetches from the attacker when the ticket is opened, and
// `[...](url)` is a link (CommonMark raw HTML and links; GitHub renders both).
import { expect, it } from 'vitest';
import { auditAdminUserNamed } from '../helpers/admin-user-audit.js';

it('shows a subject name as text in the Markdown report, never as HTML or a link', async () => {
  const run = await auditAdminUserNamed(
    'mallory <img src="https://evil.example/t.png"> [ok](https://evil.example/)',
    'markdown',
  );
  // The finding is there (the audit ran and found the cluster-admin user)...
  expect(run.stdout).toContain('rbac.cluster-admin');
  expect(run.stdout).toContain('mallory');
  // ...but its name must reach the reader as text: no live HTML tag, no live link.
  expect(run.stdout).not.toMatch(/(?<!\\)<img /);
  expect(run.stdout).not.toMatch(/(?<!\\)\[ok(?<!\\)\]\(https:\/\/evil/);
}, 90_000);

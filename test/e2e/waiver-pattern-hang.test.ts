// A waiver pattern with many `*` (valid by schema/waivers.v1.json: any string) hung the
// audit for ever: `globMatch` (src/waivers/waiver-match.ts) turned each `*` into `[\s\S]*` of one
// backtracking regular expression, which takes exponential time when the value does not fit. The
// value is the cluster's name, or an object name that whoever writes to the cluster chooses (up to
// 253 characters), so a pipeline gate can be stalled until its job timeout. README "Waivers": a file
// that is not right stops the audit "in one line ..., exit 2"; a valid one must be matched in
// bounded time (a linear glob match, or collapse runs of `*` and bound the pattern).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

it('matches a waiver with many stars in bounded time (finishes, never hangs)', async () => {
  const file = join(tempDir('waiver-hang-'), 'waivers.yaml');
  const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    file,
    `waivers:
  - finding: rbac.cluster-admin
    cluster: "${'*'.repeat(40)}!"
    reason: a pattern that fits no cluster
    owner: platform@contoso.com
    expires: ${expires}
`,
  );
  // Rejects with "did not finish" when the audit hangs.
  const run = await runBin(
    ['audit', '--demo', '--steps', 'rbac', '--waivers', file],
    {},
    {
      timeoutMs: 30_000,
    },
  );
  expect([0, 1, 2]).toContain(run.code);
}, 60_000);

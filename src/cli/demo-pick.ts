import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatorAccess } from '../runbook/connect-target.js';
import type { TargetOptions } from '../target/options.js';

/**
 * `--demo --all-subscriptions`: starts the simulator once, so that the picker lists its clusters
 * and the picked one is reached on that same simulator (as `--sim-connection` would). `close`
 * stops it and removes its connection file (private: it holds the simulator's token).
 */
export async function demoForPicking(
  target: TargetOptions,
  onProgress: (line: string) => void,
): Promise<{ target: TargetOptions; close: () => Promise<void> }> {
  const local = await simulatorAccess(target, onProgress);
  const dir = await mkdtemp(join(tmpdir(), 'aks-runbook-demo-'));
  const file = join(dir, 'sim.json');
  await writeFile(file, JSON.stringify(local!.access), { mode: 0o600 });
  return {
    target: {
      cloud: target.cloud,
      demo: false,
      simConnection: file,
      allSubscriptions: true,
    },
    close: async () => {
      await local!.sim?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

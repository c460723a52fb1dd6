import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UserError, messageOf } from '../model/errors.js';
import type { Simulator } from './simulator.js';

/**
 * How a second program reaches a running `aks-runbook sim`: its ARM endpoint, the CA to trust and
 * a token it issued. Written by `sim` (mode 0600), read by `aks-runbook --sim-connection FILE`.
 */
export const simConnectionSchema = z
  .object({
    armEndpoint: z.string().url(),
    caCert: z.string().includes('BEGIN CERTIFICATE'),
    armToken: z.string().min(8),
    subscriptionId: z.string(),
    resourceGroup: z.string(),
    name: z.string(),
    /** The simulator's clock speed: its timeouts run out this many times sooner than AKS's. */
    clockSpeed: z.number().positive().optional(),
  })
  .strict();

export type SimConnection = z.infer<typeof simConnectionSchema>;

/** What a second program needs to reach `sim`, the running simulator. */
export function simConnectionOf(sim: Simulator): SimConnection {
  const { endpoint, token, subscriptionId, resourceGroup, name } = sim.arm;
  return {
    armEndpoint: endpoint,
    caCert: sim.caCert,
    armToken: token,
    subscriptionId,
    resourceGroup,
    name,
    ...(sim.clock.speed !== 1 ? { clockSpeed: sim.clock.speed } : {}),
  };
}

/** Reads and checks a connection file; every problem is one line naming the file. */
export async function readSimConnection(file: string): Promise<SimConnection> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the simulator connection file ${file}: ${messageOf(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(
      `${file} is not a simulator connection file (not JSON); "aks-runbook sim" writes one`,
    );
  }
  const parsed = simConnectionSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `${file} is not a valid simulator connection file: ${issue?.path.join('.') || '(top)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}

// -g/-n name one AKS cluster while --kubeconfig points at another: the card, the journal and every
// Azure-side step would speak of the named cluster while every Kubernetes read and write went to
// the other one. AKS publishes the API server's address on the managed cluster (`properties.fqdn`
// / `privateFQDN`, https://learn.microsoft.com/rest/api/aks/managed-clusters/get), and hands out a
// kubeconfig for it; a context whose server is neither is another cluster, and is refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connect } from '../../src/target/connect.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { tempDir } from '../helpers/temp-dir.js';

let named: Simulator;
let other: Simulator;

beforeAll(async () => {
  named = await startSimulator({ scenario: 'demo' });
  other = await startSimulator({ scenario: 'minimal' });
});
afterAll(async () => {
  await named.close();
  await other.close();
});

function connectWith(kubeconfig: string, acceptContextMismatch = false) {
  const file = join(tempDir('kc-other-'), 'config');
  writeFileSync(file, kubeconfig);
  return connect(
    {
      cloud: 'AzureCloud',
      demo: false,
      subscription: named.arm.subscriptionId,
      resourceGroup: named.arm.resourceGroup,
      name: named.arm.name,
      kubeconfig: file,
      ...(acceptContextMismatch ? { acceptContextMismatch } : {}),
    },
    {
      env: {},
      mode: { readOnly: false, dryRun: false },
      credential: fixedTokenCredential(named.arm.token),
      armEndpoint: named.arm.endpoint,
      caCert: named.caCert,
    },
  );
}

it('refuses a kubeconfig of another cluster than -g/-n name, before any Kubernetes request', async () => {
  const before = other.log.entries.length;
  const error = await connectWith(other.userKubeconfig()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  const line = (error as UserError).message;
  expect(line).not.toContain('\n');
  expect(line).toContain(new URL(other.baseUrl).origin);
  expect(line).toContain(`AKS cluster "${named.arm.name}"`);
  expect(line).toMatch(/--context.*drop -g\/-n/);
  expect(line).toContain('--accept-context-mismatch');
  // The other cluster's API server was never asked anything.
  expect(other.log.entries.slice(before)).toEqual([]);
});

it('connects with the named cluster’s own kubeconfig', async () => {
  const connection = await connectWith(named.userKubeconfig());
  expect(connection.summary.name).toBe(named.arm.name);
  expect(connection.kubeServer).toBe(named.baseUrl.replace(/\/$/, ''));
  expect(connection.summary.warnings ?? []).toEqual([]);
});

it('with --accept-context-mismatch connects to the context, warned on the card', async () => {
  const connection = await connectWith(other.userKubeconfig(), true);
  expect(connection.kubeServer).toBe(other.baseUrl.replace(/\/$/, ''));
  expect(connection.summary.name).toBe(named.arm.name);
  expect(connection.summary.warnings?.join('\n')).toMatch(
    /--accept-context-mismatch: context .* is not where AKS cluster/,
  );
});

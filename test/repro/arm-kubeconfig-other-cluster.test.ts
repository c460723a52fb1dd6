// Repro: -g/-n name one AKS cluster while --kubeconfig points at another. The card, the journal
// and every Azure-side step speak of the named cluster, yet every Kubernetes read and write (drain,
// RBAC changes) goes to the other one, and nothing says so. AKS publishes the API server's address
// on the managed cluster (`properties.fqdn` / `privateFQDN`,
// https://learn.microsoft.com/rest/api/aks/managed-clusters/get), so a kubeconfig whose server is
// none of them is not that cluster's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it.fails(
  'refuses (or at least warns) when the kubeconfig is another cluster than -g/-n name',
  async () => {
    const file = join(tempDir('kc-other-'), 'config');
    writeFileSync(file, other.userKubeconfig());
    const outcome = await connect(
      {
        cloud: 'AzureCloud',
        demo: false,
        subscription: named.arm.subscriptionId,
        resourceGroup: named.arm.resourceGroup,
        name: named.arm.name,
        kubeconfig: file,
      },
      {
        env: {},
        mode: { readOnly: false, dryRun: false },
        credential: fixedTokenCredential(named.arm.token),
        armEndpoint: named.arm.endpoint,
        caCert: named.caCert,
      },
    ).then(
      (connection) => ({ refused: false, connection }),
      () => ({ refused: true, connection: undefined }),
    );
    // Today: connected, the card names the ARM cluster, its server is the other simulator's, and
    // no warning is given.
    if (!outcome.refused) {
      expect(outcome.connection!.summary.name).toBe(named.arm.name);
      expect(outcome.connection!.kubeServer).toBe(new URL(other.baseUrl).origin);
      expect(outcome.connection!.summary.warnings ?? []).toContainEqual(
        expect.stringMatching(/server|kubeconfig|another cluster|not .*cluster/i),
      );
    }
  },
);

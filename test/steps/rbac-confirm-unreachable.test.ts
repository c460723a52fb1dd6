// Confirming RBAC findings when the API server is gone: the summary says the server could not be
// reached, never "you may not create subjectaccessreviews: fetch failed".
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { readRbac } from '../../src/kube/rbac-read.js';
import { startSimulator } from '../../src/sim/simulator.js';
import { confirmWithServer } from '../../src/steps/rbac/confirm.js';
import { connectToSim } from '../helpers/sim-session.js';

describe('confirming RBAC findings when the API server is gone', () => {
  it('says what could not be reached, not that the operator may not ask', async () => {
    const sim = await startSimulator({ scenario: 'rbac-review', speed: 600 });
    const connection = await connectToSim(sim);
    const review = checkRbac(await readRbac(connection.kc));
    expect(review.confirmable.length).toBeGreaterThan(0);
    await sim.close();
    const confirmed = await confirmWithServer(connection.kc, review);
    expect(confirmed.findings).toEqual(review.findings);
    expect(confirmed.summary).toMatch(
      /^Not confirmed by the API server: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) while trying to ask whether you may create subjectaccessreviews; check the address/,
    );
    expect(confirmed.summary).not.toMatch(/fetch failed|you may not/);
  });
});

// The rbac step's Azure role assignments unread for want of ARM: one line saying what could not
// be reached and what to do, not the pipeline's raw message, and a finding: that part of the step
// was not checked, so the step cannot pass.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/simulator.js';
import { lookAtAzureAssignments } from '../../src/steps/rbac/azure-look.js';
import { connectToSim } from '../helpers/sim-session.js';

describe('Azure role assignments when ARM is gone', () => {
  it('says ARM could not be reached, in one summary line', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    const connection = await connectToSim(sim);
    await sim.close();
    const look = await lookAtAzureAssignments(connection);
    expect(look.findings.map((f) => `${f.id}:${f.severity}`)).toEqual(['rbac.azure-unread:medium']);
    expect(look.findings[0]!.message).toMatch(
      /^Could not check the Azure role assignments: cannot reach Azure Resource Manager/,
    );
    expect(look.summary).toHaveLength(1);
    expect(look.summary[0]).toMatch(
      /^Azure role assignments not read: cannot reach Azure Resource Manager while trying to read the role assignments; check the address/,
    );
  });
});

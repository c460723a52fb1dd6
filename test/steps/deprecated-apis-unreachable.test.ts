// The deprecated-API look when the API server goes away: the finding that a source was not checked
// says what could not be reached and what to do (it reaches the report), not "fetch failed".
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/simulator.js';
import {
  judgeDeprecatedApis,
  readDeprecatedApiSources,
} from '../../src/steps/upgrades/deprecated-apis.js';
import { connectToSim } from '../helpers/sim-session.js';

describe('deprecated-API sources when the API server is gone', () => {
  it('says the metric could not be read because the server could not be reached', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    const connection = await connectToSim(sim);
    await sim.close();
    const sources = await readDeprecatedApiSources(connection, []);
    const look = judgeDeprecatedApis(sources, '1.30.4', '1.31.1');
    const metric = look.findings.find((f) => /client requests/.test(f.message));
    expect(metric?.message).toMatch(
      /^Could not check client requests for deprecated APIs: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) while trying to read the API server's \/metrics; check the address/,
    );
    const helm = look.findings.find((f) => /Helm releases in Secrets/.test(f.message));
    expect(helm?.message).toMatch(
      /: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) while trying to list Secrets; /,
    );
    expect(look.findings.map((f) => f.message).join('\n')).not.toContain('fetch failed');
  });
});

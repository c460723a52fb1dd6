// The deprecated-API look when the API server goes away: the finding that a source was not checked
// says what could not be reached and what to do (it reaches the report), not "fetch failed".
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kindUnread } from '../../src/kube/deprecated-api-reads.js';
import { statusKind } from '../../src/kube/errors.js';
import { stampKind } from '../../src/model/errors.js';
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

  it('says each stored kind whose list failed was not checked (it was once skipped as if empty)', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    const connection = await connectToSim(sim);
    await sim.close();
    // Versions the server served before it went: every stored kind the removals table names.
    const sources = await readDeprecatedApiSources(connection, [
      'networking.k8s.io/v1',
      'apps/v1',
      'batch/v1',
      'autoscaling/v2',
      'flowcontrol.apiserver.k8s.io/v1',
    ]);
    const look = judgeDeprecatedApis(sources, '1.30.4', '1.31.1');
    const stored = look.findings.filter((f) => /^Could not check stored /.test(f.message));
    expect(stored.length).toBeGreaterThan(0);
    for (const f of stored) {
      expect(f.id).toBe('versions.forbidden');
      expect(f.message).toMatch(/: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+/);
    }
  });

  it('a kind the server does not serve holds nothing to check; a refused or failed one is said', () => {
    const empty = { text: '' };
    const look = judgeDeprecatedApis(
      {
        metrics: empty,
        helm: { uses: [], releases: 0, unreadable: [] },
        kinds: [
          {
            apiVersion: 'a/v1',
            kind: 'Gone',
            unreadable: 'a/v1 Gone is not served',
            why: 'not-served',
          },
          {
            apiVersion: 'b/v1',
            kind: 'Refused',
            unreadable: 'listing is forbidden',
            why: 'forbidden',
          },
          {
            apiVersion: 'c/v1',
            kind: 'Broken',
            unreadable: 'the API server failed (500)',
            why: 'failed',
          },
        ],
      },
      '1.30.4',
      '1.31.1',
    );
    expect(look.findings.map((f) => f.message)).toEqual([
      'Could not check stored Refused for deprecated APIs: listing is forbidden',
      'Could not check stored Broken for deprecated APIs: the API server failed (500)',
    ]);
  });
});

describe('why a stored kind was not read', () => {
  const k = { apiVersion: 'x/v1', kind: 'Thing' };
  const answered = (status: number) =>
    stampKind(new ApiException(status, `HTTP ${status}`, '', {}), statusKind(status));
  it('only a 404 is "not served"; a 410 (continue token expired mid-list) is a failed read', () => {
    expect(kindUnread(k, answered(404), 'https://h').why).toBe('not-served');
    expect(kindUnread(k, answered(410), 'https://h').why).toBe('failed');
    expect(kindUnread(k, answered(403), 'https://h').why).toBe('forbidden');
    expect(kindUnread(k, answered(500), 'https://h').why).toBe('failed');
  });
});

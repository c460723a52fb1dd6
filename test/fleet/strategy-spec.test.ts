// The compact --stages flag and strategy files (pure): what Fleet Manager would refuse is refused
// here first, in one line naming the place.
import { describe, expect, it } from 'vitest';
import {
  parseStagesFlag,
  parseStrategyFile,
  stageProblem,
  unknownGroups,
} from '../../src/checks/fleet/strategy-spec.js';
import { UserError } from '../../src/model/errors.js';

describe('--stages', () => {
  it('reads stages, groups joined by +, waits in s, m or h, a stage named after its group', () => {
    expect(
      parseStagesFlag('dev:groups=dev;wait=60, staging:wait=10m,prod:groups=prod-eu+prod-us'),
    ).toEqual([
      { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 60 },
      { name: 'staging', groups: ['staging'], afterStageWaitInSeconds: 600 },
      { name: 'prod', groups: ['prod-eu', 'prod-us'] },
    ]);
    expect(parseStagesFlag('canary:wait=1h')).toEqual([
      { name: 'canary', groups: ['canary'], afterStageWaitInSeconds: 3600 },
    ]);
  });

  it.each([
    ['dev:grups=dev', /unknown key "grups"/],
    ['Dev', /stages\.0\.name: lower-case letters/],
    ['dev:wait=soon', /afterStageWaitInSeconds: a wait like/],
    ['dev:wait=596524h', /afterStageWaitInSeconds: a wait of at most 2147483647 seconds/],
    ['a:groups=dev,b:groups=dev', /group dev is in more than one place/],
    ['a:groups=dev,a:groups=prod', /stage a is named twice/],
    ['', /stages: at least one stage/],
  ])('refuses %j in one line', (flag, message) => {
    let caught: unknown;
    try {
      parseStagesFlag(flag);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });
});

describe('strategy files', () => {
  it('takes YAML with group names, and az JSON with {name} groups under strategy', () => {
    const yaml = 'stages:\n  - name: dev\n    groups: [dev]\n    afterStageWaitInSeconds: 5m\n';
    expect(parseStrategyFile('s.yaml', yaml)).toEqual([
      { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 300 },
    ]);
    const json = JSON.stringify({
      strategy: { stages: [{ name: 'all', groups: [{ name: 'dev' }, { name: 'prod' }] }] },
    });
    expect(parseStrategyFile('s.json', json)).toEqual([{ name: 'all', groups: ['dev', 'prod'] }]);
  });

  it('names the file and the field that is wrong', () => {
    expect(() => parseStrategyFile('s.yaml', 'stages:\n  - name: dev\n    group: [dev]\n')).toThrow(
      /s\.yaml: stages\.0: Unrecognized key: "group"|s\.yaml: stages\.0\.groups/,
    );
    expect(() => parseStrategyFile('s.yaml', 'stages: [')).toThrow(/s\.yaml: not YAML or JSON/);
  });

  it('finds groups no member is in, and problems regardless of the fleet', () => {
    const stages = [{ name: 'a', groups: ['dev', 'prod-asia'] }];
    expect(unknownGroups(stages, new Set(['dev', 'prod']))).toEqual(['prod-asia']);
    expect(stageProblem([{ name: 'a', groups: [] }])).toMatch(/stage a has no group/);
    expect(stageProblem(stages)).toBeUndefined();
  });
});

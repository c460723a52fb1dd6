/** The ARM coordinates in the hand-written journal. */
export const ARM = { subscriptionId: 'sub-1', resourceGroup: 'rg-one', name: 'aks-one' };

/**
 * A journal as a session that was killed mid-drain leaves it: a cordon done, an eviction's intent
 * written, and the process gone while writing the next line (torn, no newline).
 */
export function crashedJournal(): string {
  const lines = [
    {
      time: '2025-03-01T10:00:00.000Z',
      type: 'session',
      cluster: 'aks-one',
      mode: { readOnly: false, dryRun: false, demo: false },
      pid: 1,
    },
    {
      time: '2025-03-01T10:00:01.000Z',
      type: 'note',
      step: 'connect',
      message: 'connected',
      detail: { server: 'https://aks-one:443', arm: ARM },
    },
    {
      time: '2025-03-01T10:00:02.000Z',
      type: 'note',
      step: 'drain',
      message: 'findings',
      detail: {
        count: 1,
        findings: [
          {
            id: 'drain.pdb-blocks',
            severity: 'high',
            object: { kind: 'PodDisruptionBudget', namespace: 'shop', name: 'web' },
            message: 'web allows 0 disruptions',
          },
        ],
      },
    },
    {
      time: '2025-03-01T10:00:03.000Z',
      type: 'confirmation',
      cluster: 'aks-one',
      change: 'Drain node n1 | cordon, then evict 3 pods',
      typed: 'n1',
      answer: 'yes',
    },
    {
      time: '2025-03-01T10:00:04.000Z',
      type: 'intent',
      id: 1,
      step: 'drain',
      action: 'cordon',
      target: 'node/n1',
    },
    { time: '2025-03-01T10:00:04.250Z', type: 'result', id: 1, outcome: 'ok' },
    {
      time: '2025-03-01T10:00:05.000Z',
      type: 'intent',
      id: 2,
      step: 'drain',
      action: 'evict',
      target: 'pod/shop/web-1',
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"time":"2025-03-01T10:00:0';
}

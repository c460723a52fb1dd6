// With Calico's own policies unreadable (list refused: imds.engine-policies-unread, whose text
// says "a namespace judged blocked here is blocked by its NetworkPolicies alone"), applying the
// namespace policy still ends "✔ <ns>: verified blocked". Calico policies in the default tier
// ordered before the NetworkPolicies (order < 1000) decide first, so an Allow there keeps
// 169.254.169.254 open (docs.tigera.io/calico/latest/reference/resources/networkpolicy, "order";
// README imds "The engines' own policies": a refused read is a hole, never a pass).
import { expect, it } from 'vitest';
import { kubeStatus, type Interceptor } from '../../../src/sim/server.js';
import { imdsSession } from './harness.js';

it('apply does not say "verified blocked" while the engine’s own policies could not be read', async () => {
  const s = await imdsSession('demo');
  try {
    const https = (s.sim as unknown as { https: { interceptors: Interceptor[] } }).https;
    https.interceptors.unshift((q) =>
      q.path.startsWith('/apis/crd.projectcalico.org/') ||
      q.path.startsWith('/apis/projectcalico.org/')
        ? kubeStatus(403, 'Forbidden', 'networkpolicies.crd.projectcalico.org is forbidden')
        : undefined,
    );
    await s.host.open('imds');
    const ids = s.store.getState().stepViews.imds?.findings?.map((f) => f.id) ?? [];
    expect(ids).toContain('imds.engine-policies-unread');
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    s.store.answer(true);
    await sent;
    const result = s.store.getState().stepViews.imds?.result ?? [];
    // The fact under test: policies were created and the look after the change succeeded.
    expect(result.some((l) => l.includes('created') || l.includes('verified'))).toBe(true);
    expect(result.filter((l) => l.includes('verified blocked'))).toEqual([]);
  } finally {
    await s.close();
  }
}, 30_000);

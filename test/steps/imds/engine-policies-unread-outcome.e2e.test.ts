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
    // Since the change-safety check counts the engine's policies, an unread kind withholds the
    // namespace policy altogether; whichever way it goes, nothing may end "verified blocked".
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    let done = false;
    void sent.then(() => (done = true));
    await s.until(
      () => s.store.getState().confirmation !== undefined || done,
      'the confirmation or the refusal',
    );
    if (s.store.getState().confirmation) s.store.answer(true);
    await sent;
    const view = s.store.getState().stepViews.imds;
    const said = [...(view?.result ?? []), ...(view?.plan ?? [])].map(String);
    expect(said.filter((l) => l.includes('verified blocked'))).toEqual([]);
  } finally {
    await s.close();
  }
}, 30_000);

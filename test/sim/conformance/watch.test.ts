// Watches as kubectl and client-go use them: events as an object enters and leaves a label
// selector, resuming from a resourceVersion, 410 Expired past the remembered history, bookmarks.
import { describe, expect, it } from 'vitest';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

type Line = { type: string; object: { metadata: Record<string, unknown>; [k: string]: unknown } };
const events = (text: string): Line[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

describe.each(SERVED_MINORS)('watches with kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor, { speed: 50, watchHistory: 40 });
  const ns = `w${minor}`;
  /** The resourceVersion of a list of the namespace's pods (what a client watches from). */
  const listVersion = async (): Promise<string> => {
    const list = await k.run(['get', '--raw', `/api/v1/namespaces/${ns}/pods`]);
    return (JSON.parse(list.stdout) as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
  };

  it('sends DELETED when a pod leaves the selector and ADDED when it comes back', async () => {
    await k.run(['create', 'namespace', ns]);
    await k.run(['run', 'p', '--image=nginx', '--labels=app=a', '-n', ns]);
    const w = k.stream([
      'get',
      'pods',
      '-n',
      ns,
      '-l',
      'app=a',
      '-w',
      '--output-watch-events',
      '--no-headers',
    ]);
    await w.waitFor((out) => /^ADDED\s+p\s/m.test(out));
    await k.run(['label', 'pod', 'p', 'app=b', '--overwrite', '-n', ns]);
    await w.waitFor((out) => /^DELETED\s+p\s/m.test(out));
    await k.run(['label', 'pod', 'p', 'app=a', '--overwrite', '-n', ns]);
    const out = await w.waitFor((o) => (o.match(/^ADDED\s+p\s/gm) ?? []).length === 2);
    expect(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(expect.arrayContaining(['ADDED', 'DELETED']));
  });

  it('resumes from a resourceVersion with what changed since, and nothing before', async () => {
    const rv = await listVersion();
    await k.run(['run', 'late', '--image=nginx', '-n', ns]);
    await k.run(['label', 'pod', 'p', 'tier=web', '-n', ns]);
    const r = await k.run([
      'get',
      '--raw',
      `/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=1`,
    ]);
    const seen = events(r.stdout);
    expect(seen[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'late' } } });
    expect(seen.some((e) => e.type === 'MODIFIED' && e.object.metadata['name'] === 'p')).toBe(true);
    expect(seen.some((e) => e.type === 'ADDED' && e.object.metadata['name'] === 'p')).toBe(false);
    for (const e of seen)
      expect(Number(e.object.metadata['resourceVersion'])).toBeGreaterThan(Number(rv));
  });

  it('answers 410 Expired, as a watch error, once the version is older than the history', async () => {
    const rv = await listVersion();
    // More changes than the server remembers (40 here), made straight through the API.
    const admin = k.server().token('admin@contoso.com', ['system:masters']);
    for (let i = 0; i < 45; i++)
      await k.server().call('PATCH', `/api/v1/namespaces/${ns}/pods/p`, {
        token: admin,
        contentType: 'application/merge-patch+json',
        body: { metadata: { annotations: { n: String(i) } } },
      });
    const r = await k.run([
      'get',
      '--raw',
      `/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=1`,
    ]);
    const [only, ...rest] = events(r.stdout);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 },
    });
    expect(only!.object['message']).toMatch(
      new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`),
    );
  });

  it('sends bookmarks when allowed, and marks the end of the initial events', async () => {
    const r = await k.run([
      'get',
      '--raw',
      `/api/v1/namespaces/${ns}/pods?watch=1&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=3`,
    ]);
    const seen = events(r.stdout);
    const bookmarks = seen.filter((e) => e.type === 'BOOKMARK');
    expect(
      seen
        .filter((e) => e.type === 'ADDED')
        .map((e) => e.object.metadata['name'])
        .sort(),
    ).toEqual(['late', 'p']);
    expect(bookmarks[0]).toMatchObject({
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
      },
    });
    // One simulated minute passes in 1.2 s at speed 50: a periodic bookmark follows.
    expect(bookmarks.length).toBeGreaterThanOrEqual(2);
    expect(seen.indexOf(bookmarks[0]!)).toBe(2);
  });
});

import type {
  DirectoryEntry,
  DirectoryLookup,
  DirectoryReader,
  GroupSearch,
} from '../model/directory.js';
import { isGuid } from '../model/guid.js';
import { batchGet, GraphRefusal } from './batch.js';
import { graphFailureLine } from './graph-failure.js';
import { chunks, entryOfGraph, type GraphObject } from './objects.js';
import { GraphWire, type GraphAnswer, type GraphConnection } from './wire.js';

/** Graph resolves at most this many ids per `directoryObjects/getByIds` call. */
export const GET_BY_IDS_BATCH = 1000;
/** Groups shown for one search. */
const SEARCH_TOP = 25;
const EVENTUAL = { ConsistencyLevel: 'eventual' };

/**
 * The tenant's directory through Microsoft Graph, cached for the session: ids through getByIds
 * (1000 a call), UPNs and group member counts through `$batch`. Never throws: missing rights or a
 * failure leave the names out with one line saying why.
 */
export class GraphDirectory implements DirectoryReader {
  private readonly wire: GraphWire;
  /** Every name asked, lower-case: its entry, or null when Graph has no such object. */
  private readonly cache = new Map<string, DirectoryEntry | null>();
  /** Set once Graph refused for lack of rights: asking again would only be refused again. */
  private denied: string | undefined;

  constructor(connection: GraphConnection) {
    this.wire = new GraphWire(connection);
  }

  async resolve(names: readonly string[]): Promise<DirectoryLookup> {
    const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => n))];
    let unresolved = this.denied;
    const missing = wanted.filter((n) => !this.cache.has(n));
    if (!unresolved && missing.length > 0) {
      try {
        await this.fetch(missing);
      } catch (error) {
        unresolved = this.explain(error);
      }
    }
    const found = new Map<string, DirectoryEntry>();
    for (const n of wanted) {
      const e = this.cache.get(n);
      if (e) found.set(n, e);
    }
    return unresolved ? { found, unresolved } : { found };
  }

  async searchGroups(prefix: string): Promise<GroupSearch> {
    if (this.denied) return { unavailable: this.denied };
    const filter = `startswith(displayName,'${prefix.replace(/'/g, "''")}')`;
    const query = new URLSearchParams({
      $filter: filter,
      $count: 'true',
      $top: String(SEARCH_TOP),
      $select: 'id,displayName,securityEnabled,mailEnabled',
    });
    try {
      const answer = await this.wire.send('GET', `/groups?${query.toString()}`, {
        headers: EVENTUAL,
      });
      if (answer.status !== 200) throw new GraphRefusal(answer);
      const body = answer.body as { value?: GraphObject[]; '@odata.count'?: number };
      const groups = (body.value ?? []).flatMap((o) => entryOfGraph(o, 'group') ?? []);
      await this.countMembers(groups);
      for (const g of groups) this.cache.set(g.id.toLowerCase(), g);
      return { groups, total: body['@odata.count'] ?? groups.length };
    } catch (error) {
      return { unavailable: this.explain(error) };
    }
  }

  async isMember(user: string, groupId: string): Promise<boolean | undefined> {
    if (this.denied) return undefined;
    try {
      const answer = await this.wire.send(
        'POST',
        `/users/${encodeURIComponent(user)}/checkMemberGroups`,
        { body: { groupIds: [groupId] } },
      );
      if (answer.status !== 200) return undefined;
      const value = (answer.body as { value?: string[] }).value ?? [];
      return value.some((id) => id.toLowerCase() === groupId.toLowerCase());
    } catch {
      return undefined;
    }
  }

  /** Asks Graph for `names` (lower-case, not cached yet) and caches every answer. */
  private async fetch(names: string[]): Promise<void> {
    const ids = names.filter((n) => isGuid(n));
    const upns = names.filter((n) => !isGuid(n));
    const entries: DirectoryEntry[] = [];
    for (const run of chunks(ids, GET_BY_IDS_BATCH)) {
      const answer = await this.wire.send('POST', '/directoryObjects/getByIds', {
        body: { ids: run, types: ['user', 'group', 'servicePrincipal'] },
      });
      if (answer.status !== 200) throw new GraphRefusal(answer);
      const value = (answer.body as { value?: GraphObject[] }).value ?? [];
      entries.push(...value.flatMap((o) => entryOfGraph(o) ?? []));
    }
    const select = '$select=id,displayName,userPrincipalName';
    const users = await batchGet(
      this.wire,
      upns.map((u) => ({ url: `/users/${encodeURIComponent(u)}?${select}` })),
    );
    // Only Graph's 404 says a user is not there; a throttled or failed item is unknown.
    const absent = new Set(ids);
    const unread: Array<{ name: string; answer: GraphAnswer }> = [];
    users.forEach((a, i) => {
      if (a.status === 403) throw new GraphRefusal(a);
      // `/users/{upn}` answers a user without `@odata.type`.
      const user = a.status === 200 ? entryOfGraph(a.body as GraphObject, 'user') : undefined;
      if (user) entries.push(user);
      else if (a.status === 404) absent.add(upns[i]!);
      else unread.push({ name: upns[i]!, answer: a });
    });
    await this.countMembers(entries.filter((e) => e.kind === 'group'));
    for (const e of entries) {
      this.cache.set(e.id.toLowerCase(), e);
      if (e.upn) this.cache.set(e.upn.toLowerCase(), e);
    }
    // Asked and not found (deleted objects, names of another tenant): not asked again.
    for (const n of absent) if (!this.cache.has(n)) this.cache.set(n, null);
    // Names Graph could not look up stay uncached (asked again next time) and are said so.
    if (unread.length > 0) throw new UnreadNames(unread);
  }

  /** Fills in the groups' member counts (nesting included), 20 groups per `$batch`. */
  private async countMembers(groups: DirectoryEntry[]): Promise<void> {
    const answers = await batchGet(
      this.wire,
      groups.map((g) => ({ url: `/groups/${g.id}/transitiveMembers/$count`, headers: EVENTUAL })),
    );
    answers.forEach((a, i) => {
      const n = Number(a.body);
      if (a.status === 200 && Number.isInteger(n)) groups[i]!.memberCount = n;
    });
  }

  /** One line saying why names are not shown; remembers a refusal for lack of rights. */
  private explain(error: unknown): string {
    if (error instanceof UnreadNames) {
      const first = error.unread[0]!;
      return `Names not looked up (Microsoft Graph could not answer for them, so not known to be missing): ${error.unread.map((u) => u.name).join(', ')}; ${graphFailureLine(new GraphRefusal(first.answer))}`;
    }
    if (error instanceof GraphRefusal && error.status === 403) {
      this.denied =
        'Names not shown (Entra object ids only): Microsoft Graph refused to read the directory (Authorization_RequestDenied); reading names needs Directory.Read.All.';
      return this.denied;
    }
    return `Names not shown (Entra object ids only): ${graphFailureLine(error)}`;
  }
}

/** Names Graph answered for with neither the object nor a 404 (throttled past the retries, 5xx). */
class UnreadNames extends Error {
  constructor(readonly unread: ReadonlyArray<{ name: string; answer: GraphAnswer }>) {
    super(`Microsoft Graph could not look up ${unread.length} names`);
    this.name = 'UnreadNames';
  }
}

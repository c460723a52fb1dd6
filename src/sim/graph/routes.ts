import { jsonBody, type Router, type SimRequest, type SimResponse } from '../http.js';
import type { Directory } from './directory.js';
import { countNeedsEventual, denied, eventual, graphError, permitted } from './errors.js';
import { collection, parseFilter, selectOf, unsupportedQuery } from './query.js';

const META = 'https://graph.microsoft.com/v1.0/$metadata';
/** Graph refuses a getByIds call naming more ids than this. */
export const GET_BY_IDS_MAX = 1000;

// Least-privileged delegated permissions per endpoint (Microsoft Graph API reference).
const READ_USER = ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'];
const READ_GROUPS = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];
const READ_DIRECTORY = ['Directory.Read.All'];

/** The Graph endpoints the tool uses, answered from the scenario's directory. */
export function registerGraphRoutes(router: Router, dir: Directory): void {
  const may = (needed: string[]) => permitted(dir.doc.operatorPermissions, needed);
  const group = (req: SimRequest) => {
    const g = dir.find(req.params['id'] ?? '');
    return g?.['@odata.type'] === '#microsoft.graph.group' ? g : undefined;
  };
  const noGroup = (req: SimRequest) =>
    graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${req.params['id']}' does not exist or one of its queried reference-property objects are not present.`,
    );

  router.on('POST', '/v1.0/directoryObjects/getByIds', (req) => {
    if (!may(READ_DIRECTORY)) return denied();
    const body = jsonBody<{ ids?: unknown; types?: unknown }>(req);
    const ids = body?.ids;
    if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string'))
      return graphError(400, 'Request_BadRequest', "The request body must name 'ids'.");
    if (ids.length > GET_BY_IDS_MAX)
      return graphError(
        400,
        'Request_BadRequest',
        `Too many ids: getByIds accepts at most ${GET_BY_IDS_MAX} per request.`,
      );
    const types = Array.isArray(body?.types)
      ? (body.types as string[]).map((t) => `#microsoft.graph.${t}`.toLowerCase())
      : undefined;
    const found = ids
      .flatMap((id) => dir.find(id) ?? [])
      .filter((o) => !types || types.includes(o['@odata.type'].toLowerCase()));
    return {
      status: 200,
      body: { '@odata.context': `${META}#directoryObjects`, value: found },
    };
  });

  router.on('GET', '/v1.0/users/{id}', (req) => {
    if (!may(READ_USER)) return denied();
    const u = dir.find(req.params['id'] ?? '');
    if (u?.['@odata.type'] !== '#microsoft.graph.user')
      return graphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${req.params['id']}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return {
      status: 200,
      body: { '@odata.context': `${META}#users/$entity`, ...selectOf(u, req, false) },
    };
  });

  router.on('POST', '/v1.0/users/{id}/checkMemberGroups', (req) => {
    if (!may(READ_GROUPS) || !may(READ_USER)) return denied();
    const u = dir.find(req.params['id'] ?? '');
    if (u?.['@odata.type'] !== '#microsoft.graph.user') return noGroup(req);
    const groupIds = jsonBody<{ groupIds?: string[] }>(req)?.groupIds ?? [];
    return {
      status: 200,
      body: {
        '@odata.context': `${META}#Collection(Edm.String)`,
        value: dir.memberOf(u.id, groupIds),
      },
    };
  });

  router.on('GET', '/v1.0/groups', (req) => {
    if (!may(READ_GROUPS)) return denied();
    if (req.query.get('$count') === 'true' && !eventual(req)) return countNeedsEventual();
    const filter = parseFilter(req.query.get('$filter'));
    if (filter === 'unsupported') return unsupportedQuery();
    const prefix = filter.prefix?.toLowerCase();
    const groups = dir
      .all('#microsoft.graph.group')
      .filter(
        (g) => prefix === undefined || String(g['displayName']).toLowerCase().startsWith(prefix),
      );
    return collection(req, `${META}#groups`, groups, false);
  });

  router.on('GET', '/v1.0/groups/{id}', (req) => {
    if (!may(READ_GROUPS)) return denied();
    const g = group(req);
    if (!g) return noGroup(req);
    return {
      status: 200,
      body: { '@odata.context': `${META}#groups/$entity`, ...selectOf(g, req, false) },
    };
  });

  for (const rel of ['members', 'transitiveMembers'] as const) {
    const list = (id: string) =>
      rel === 'members' ? dir.directMembers(id) : dir.transitiveMembers(id);
    router.on('GET', `/v1.0/groups/{id}/${rel}`, (req) => {
      if (!may(READ_GROUPS)) return denied();
      if (req.query.get('$count') === 'true' && !eventual(req)) return countNeedsEventual();
      const g = group(req);
      if (!g) return noGroup(req);
      return collection(req, `${META}#directoryObjects`, list(g.id), true);
    });
    router.on('GET', `/v1.0/groups/{id}/${rel}/$count`, (req): SimResponse => {
      if (!may(READ_GROUPS)) return denied();
      if (!eventual(req)) return countNeedsEventual();
      const g = group(req);
      if (!g) return noGroup(req);
      return {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        raw: String(list(g.id).length),
      };
    });
  }
}

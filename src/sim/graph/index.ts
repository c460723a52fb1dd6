import type { HttpsSim } from '../server.js';
import { registerGraphBatch } from './batch.js';
import { Directory } from './directory.js';
import { registerGraphRoutes } from './routes.js';
import type { EntraDoc } from './schema.js';

export { Directory } from './directory.js';

/** Serves Microsoft Graph (the subset the tool uses) from a scenario's `entra:` directory. */
export function registerGraph(https: HttpsSim, entra: EntraDoc | undefined): Directory {
  const dir = new Directory(
    entra ?? {
      operatorPermissions: ['Directory.Read.All'],
      users: [],
      groups: [],
      servicePrincipals: [],
      managedIdentities: [],
    },
  );
  registerGraphRoutes(https.graph, dir);
  registerGraphBatch(https.graph);
  return dir;
}

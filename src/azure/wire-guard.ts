import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { WireRefusal } from '../model/errors.js';
import type { WireMode } from '../model/session.js';

type Policy = Parameters<ContainerServiceClient['pipeline']['addPolicy']>[0];

/** POST actions that only read: the credentials a connection needs, and Resource Graph queries. */
const READ_ACTIONS =
  /(\/listCluster(User|Admin|MonitoringUser)Credential|^\/providers\/Microsoft\.ResourceGraph\/resources)$/i;

/** Whether an ARM request only reads: GET, HEAD, a credential listing or a Resource Graph query. */
export function armOnlyReads(method: string, path: string): boolean {
  return method === 'GET' || method === 'HEAD' || (method === 'POST' && READ_ACTIONS.test(path));
}

/**
 * The pipeline policy every ARM request of a client passes before it leaves: in `--read-only`
 * and in `--dry-run` a write (PUT, PATCH, DELETE, a POST action) is refused, never sent; ARM has
 * no server-side dry run, so a dry run's ARM writes are shown by the steps and stop here.
 */
export function armWireGuard(mode: WireMode): Policy {
  return {
    name: 'aksRunbookWireGuard',
    sendRequest(request, next) {
      const method = request.method.toUpperCase();
      const path = new URL(request.url).pathname;
      if (armOnlyReads(method, path) || (!mode.readOnly && !mode.dryRun)) return next(request);
      return Promise.reject(new WireRefusal(mode.readOnly ? 'read-only' : 'dry-run', method, path));
    },
  };
}

/** A policy telling `onWrite` after every ARM write settled (answered or failed). */
export function armWriteNotice(onWrite: () => void): Policy {
  return {
    name: 'aksRunbookWriteNotice',
    async sendRequest(request, next) {
      const writes = !armOnlyReads(request.method.toUpperCase(), new URL(request.url).pathname);
      try {
        return await next(request);
      } finally {
        if (writes) onWrite();
      }
    },
  };
}

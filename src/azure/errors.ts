import { isRestError } from '@azure/arm-containerservice';
import { UserError, messageOf, firstLine } from '../model/errors.js';
import type { ArmCoordinates } from '../model/arm.js';

/** Turns an ARM or sign-in failure into one line that says what went wrong and what to do. */
export function describeArmError(error: unknown, at: ArmCoordinates, doing: string): UserError {
  const cluster = `cluster "${at.name}" in resource group "${at.resourceGroup}" (subscription ${at.subscriptionId})`;
  if (isRestError(error)) {
    const code = armCode(error.details) ?? error.code ?? '';
    const message = armMessage(error.details) ?? error.message;
    switch (error.statusCode) {
      case 401:
        return new UserError(
          `Azure refused your sign-in while trying to ${doing}: ${message} (run "az login" again)`,
        );
      case 403:
        return new UserError(`you are not allowed to ${doing} for ${cluster}: ${message}`);
      case 404:
        return new UserError(
          code === 'ResourceGroupNotFound'
            ? `resource group "${at.resourceGroup}" not found in subscription ${at.subscriptionId}`
            : `no AKS ${cluster} was found; check -g, -n and --subscription`,
        );
      default:
        if (error.statusCode === undefined) {
          return new UserError(`could not reach Azure to ${doing}: ${firstLine(message)}`);
        }
        return new UserError(
          `Azure answered ${error.statusCode} ${code} while trying to ${doing}: ${firstLine(message)}`,
        );
    }
  }
  const text = firstLine(messageOf(error));
  if (/az login|CredentialUnavailable|authenticat/i.test(text) || isCredentialError(error)) {
    return new UserError(`no Azure sign-in is available to ${doing}: ${text}`);
  }
  return new UserError(`could not ${doing}: ${text}`);
}

function isCredentialError(error: unknown): boolean {
  return error instanceof Error && /Credential|AuthenticationRequired/.test(error.name);
}

function armCode(details: unknown): string | undefined {
  const code = (details as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function armMessage(details: unknown): string | undefined {
  const message = (details as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

import type { ConfirmationRequest } from '../src/model/session.js';
import { Confirm, type ConfirmProps } from './Confirm.js';
import { TypedConfirm } from './TypedConfirm.js';

/** The confirmation the logic asked for: typed when it names the text to type, else Yes/No. */
export function ConfirmationDialog(props: ConfirmProps) {
  return props.request.typed === undefined ? <Confirm {...props} /> : <TypedConfirm {...props} />;
}

const requestIds = new WeakMap<ConfirmationRequest, number>();
let nextRequestId = 0;

/** A React key per confirmation request, so each one starts on Cancel with nothing typed. */
export function confirmationKey(request: ConfirmationRequest): number {
  let id = requestIds.get(request);
  if (id === undefined) {
    id = nextRequestId++;
    requestIds.set(request, id);
  }
  return id;
}

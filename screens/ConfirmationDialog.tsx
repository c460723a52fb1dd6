import { Confirm, type ConfirmProps } from './Confirm.js';
import { TypedConfirm } from './TypedConfirm.js';

/** The confirmation the logic asked for: typed when it names the text to type, else Yes/No. */
export function ConfirmationDialog(props: ConfirmProps) {
  return props.request.typed === undefined ? <Confirm {...props} /> : <TypedConfirm {...props} />;
}

import type { Rotation } from '../rotation/state.js';

/** What the node-image screen renders besides the generic frame. */
export interface NodeImageState {
  rotation?: Rotation;
}

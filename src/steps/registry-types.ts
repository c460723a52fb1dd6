// The step contract as the screens see it, derived from the registry: each step's screen state and
// the events its screen may send, by step id. Types only: nothing here runs.
import type { StepId } from '../model/checklist.js';
import type { StepModule } from './contract/module.js';
import type { ActionEvent, StepEventShape } from './contract/view.js';
import type { STEP_MODULES } from './registry.js';

type Modules = typeof STEP_MODULES;

/** A step module's screen state. */
type StateOf<M> = M extends StepModule<infer State, StepEventShape> ? State : never;
/** The events a step module's screen may send, its action keys included. */
type EventOf<M> = M extends StepModule<unknown, infer Event> ? Event | ActionEvent : never;

/** Each step's own screen state (undefined for steps drawn by the generic frame). */
export type StepStates = { [K in StepId]: StateOf<Modules[K]> };
/** The events each step's screen may send to it. */
export type StepEvents = { [K in StepId]: EventOf<Modules[K]> };
/** The modules a session runs, by id, each with its own state and event types. */
export type StepModules = { [K in StepId]: StepModule<StepStates[K], StepEvents[K]> };

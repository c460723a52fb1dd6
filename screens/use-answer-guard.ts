import { useContext, useEffect, useRef, useState } from 'react';
import type { KeyEvent } from './key-bus.js';
import { KeyBusContext } from './key-context.js';
import { TYPED_PER_READ_MAX } from '../src/model/typed-answer.js';

/** When a question appeared: the last read before it, and the time. */
export interface Opened {
  burst: number;
  time: number;
}

/**
 * Whether a key may answer a question opened at `opened`: it must come in a later read than
 * every key before the question appeared (so neither the key that opened it nor the rest of a
 * paste or a burst typed with it), and `guardMs` after the question appeared and after the last
 * key it dropped (`lastDropped`), so the operator has seen it: typing that goes on through the
 * question (meant for a filter that was there) or a key held down answers nothing until it pauses.
 * No key of a read that held a paste sent as keys answers (`typedByHand`), Enter included.
 */
export function admitsAnswer(
  event: KeyEvent,
  opened: Opened,
  guardMs: number,
  lastDropped = opened.time,
): boolean {
  const quietSince = Math.max(opened.time, lastDropped);
  return typedByHand(event) && event.burst > opened.burst && event.time - quietSince >= guardMs;
}

/**
 * Whether a key was typed by hand rather than pasted: a terminal without bracketed paste (tmux
 * `paste-buffer` without `-p`, `send-keys`, a serial console) sends pasted text as keys, all in
 * one read, more of them than anyone types between two reads.
 */
export function typedByHand(event: KeyEvent): boolean {
  return event.typedInRead <= TYPED_PER_READ_MAX;
}

/** A question's guard, and whether it is armed yet and whether it dropped a key. */
export interface AnswerGuard {
  /** The guard time is over: keys typed from now on answer. */
  armed: boolean;
  /** A key typed before the question appeared (or too soon after) was ignored. */
  dropped: boolean;
  guard: { admits(event: KeyEvent): boolean; dropped(event?: KeyEvent): void };
}

/**
 * Guards a question (a confirmation, the quit question, the resume offer): only keys typed after
 * it appeared, in reads of their own and after `guardMs`, answer it. Everything else is dropped,
 * never taken as an answer, and the question says so.
 */
export function useAnswerGuard(): AnswerGuard {
  const bus = useContext(KeyBusContext);
  const guardMs = bus?.guardMs ?? 0;
  const [opened] = useState<Opened>(() => ({
    burst: bus?.lastBurst() ?? 0,
    time: bus?.now() ?? 0,
  }));
  // When the last key was dropped: read and written key by key, before any render.
  const lastDropped = useRef(opened.time);
  const [drops, setDrops] = useState(0);
  const [armed, setArmed] = useState(guardMs <= 0);
  const [dropped, setDropped] = useState(false);
  useEffect(() => {
    if (guardMs <= 0) return undefined;
    // Armed once the guard time passed with no key dropped (each drop starts it again).
    const timer = setTimeout(() => setArmed(true), guardMs);
    return () => clearTimeout(timer);
  }, [drops, guardMs]);
  return {
    armed,
    dropped,
    guard: {
      admits: (event) => admitsAnswer(event, opened, guardMs, lastDropped.current),
      dropped: (event) => {
        if (event) lastDropped.current = Math.max(lastDropped.current, event.time);
        setDropped(true);
        if (guardMs > 0) {
          setArmed(false);
          setDrops((n) => n + 1);
        }
      },
    },
  };
}

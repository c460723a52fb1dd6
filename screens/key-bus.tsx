import { useInput, useStdin, type Key } from 'ink';
import { createContext, useState, type ReactNode, type RefObject } from 'react';

/** A screen layer's key handler, read through a ref when a key arrives (never a stale closure). */
export type LayerHandler = RefObject<(input: string, key: Key) => void>;

/**
 * One subscription to the terminal for every layer of the app, so a key typed right after a screen
 * change reaches the new screen. Two things lost such keys before: each layer subscribed only after
 * React's passive effects ran; and keys read in one chunk (`:drain` typed quickly, or pasted) were
 * all handed out before React rendered the change the first key asked for. Layers now register as
 * they render (a layout effect), and the keys of one burst are handed out one at a time, each after
 * the screen has caught up with the one before.
 */
export class KeyBus {
  private readonly layers = new Map<string, LayerHandler>();
  private readonly queue: Array<[string, Key]> = [];
  private draining = false;

  /** Adds an active layer; the returned function removes it. */
  add(id: string, handler: LayerHandler): () => void {
    this.layers.set(id, handler);
    return () => this.layers.delete(id);
  }

  /** Takes a key from the terminal: handled now, or after the keys still waiting before it. */
  receive(input: string, key: Key): void {
    this.queue.push(...splitTyped(input, key));
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        this.dispatch(...next);
        if (this.queue.length > 0) await screenCaughtUp();
      }
    } finally {
      this.draining = false;
    }
  }

  /** Hands a key to every active layer (the app keeps exactly one active at a time). */
  private dispatch(input: string, key: Key): void {
    for (const handler of [...this.layers.values()]) handler.current(input, key);
  }
}

/**
 * Ink hands several characters read together (fast typing, a paste, `drain` + Enter) to its
 * handlers as one string; each screen expects one key at a time, so plain text is split here.
 */
export function splitTyped(input: string, key: Key): Array<[string, Key]> {
  if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return Array.from(input).map((char): [string, Key] => {
    const plain = {
      ...key,
      return: false,
      tab: false,
      backspace: false,
      shift: /[A-Z]/.test(char),
    };
    if (char === '\r' || char === '\n') return ['', { ...plain, return: true }];
    if (char === '\t') return ['', { ...plain, tab: true }];
    if (char === '\u007f') return ['', { ...plain, backspace: true }];
    return [char, plain];
  });
}

/** Lets React render and commit what the last key changed (its work is queued before ours). */
async function screenCaughtUp(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The bus of the app, if the tree has one (screens rendered alone in tests may not). */
export const KeyBusContext = createContext<KeyBus | undefined>(undefined);

/** Owns the app's single terminal subscription and lends it to the layers below. */
export function KeyBusProvider({ children }: { children: ReactNode }) {
  const [bus] = useState(() => new KeyBus());
  const { isRawModeSupported } = useStdin();
  useInput((input, key) => bus.receive(input, key), { isActive: isRawModeSupported });
  return <KeyBusContext.Provider value={bus}>{children}</KeyBusContext.Provider>;
}

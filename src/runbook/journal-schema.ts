import { z } from 'zod';

// What `Journal` writes, checked when read back: a journal is a file anyone could have edited, and
// a record of the wrong shape must be skipped and counted, never reach a screen. Objects stay
// loose: a later version may add fields, and they are kept for `journal export --format json`.
const detail = z.record(z.string(), z.unknown());
const time = z.string();

const session = z.looseObject({
  type: z.literal('session'),
  time,
  cluster: z.string(),
  mode: z
    .looseObject({
      readOnly: z.boolean(),
      dryRun: z.boolean(),
      demo: z.boolean(),
      simulated: z.boolean().optional(),
    })
    .optional(),
  pid: z.number().optional(),
});

const note = z.looseObject({
  type: z.literal('note'),
  time,
  step: z.string(),
  message: z.string(),
  detail: detail.optional(),
});

const confirmation = z.looseObject({
  type: z.literal('confirmation'),
  time,
  cluster: z.string(),
  change: z.string(),
  details: z.array(z.string()).optional(),
  typed: z.string().optional(),
  answer: z.enum(['yes', 'no']),
});

const intent = z.looseObject({
  type: z.literal('intent'),
  time,
  id: z.number().int(),
  step: z.string(),
  action: z.string(),
  target: z.string(),
  detail: detail.optional(),
});

const result = z.looseObject({
  type: z.literal('result'),
  time,
  id: z.number().int(),
  outcome: z.string(),
  error: z.string().optional(),
  settled: z.string().optional(),
});

/** One journal line, as `Journal` writes it. */
export const journalRecordSchema = z.discriminatedUnion('type', [
  session,
  note,
  confirmation,
  intent,
  result,
]);

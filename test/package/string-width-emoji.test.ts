// The bundle builds string-width's RGI_Emoji regex only when a string starts with an Emoji or
// Emoji_Component code point (scripts/bundle-options.mjs, about 20 ms off the first frame). That
// is sound only if no string the regex matches starts with any other code point, and the widths
// must stay string-width's own: both are checked here, the first over every code point.
import { build } from 'esbuild';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { lazyEmojiRegex } from '../../scripts/bundle-options.mjs';
import { tempDir } from '../helpers/temp-dir.js';

// As string-width writes them (RegExp objects: the v flag is newer than this project's TS target).
const RGI_PREFIX = new RegExp(
  String.raw`^(?:\p{RGI_Emoji}|\p{Regional_Indicator}{1,2}|[\d#*]\u{FE0F})`,
  'v',
);
const EMOJI_START = new RegExp(String.raw`^[\p{Emoji}\p{Emoji_Component}]`, 'v');

let lazyWidth: typeof stringWidth;

beforeAll(async () => {
  const result = await build({
    entryPoints: ['string-width'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    plugins: [lazyEmojiRegex],
  });
  const file = join(tempDir('string-width-'), 'string-width.mjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  expect(result.outputFiles[0]!.text).toContain('emojiStartRegex');
  lazyWidth = ((await import(pathToFileURL(file).href)) as { default: typeof stringWidth }).default;
}, 60_000);

describe("string-width's emoji regex, built on demand", () => {
  it('matches nothing that starts with a code point other than Emoji or Emoji_Component', () => {
    // Every RGI emoji string (and so every ZWJ sequence, which starts with one) begins as one of:
    // the code point alone, with VS16, as a keycap, with a skin tone, or as a flag (two regional
    // indicators, which are Emoji). The regex is anchored at the start only, so one test of
    // `c VS16 U+20E3` covers the first three and one of `c U+1F3FB` the skin tones.
    const tails = ['\u{FE0F}\u{20E3}', '\u{1F3FB}'];
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const head = String.fromCodePoint(cp);
      if (EMOJI_START.test(head)) continue;
      if (tails.some((tail) => RGI_PREFIX.test(head + tail))) missed.push(cp.toString(16));
    }
    expect(missed).toEqual([]);
  }, 60_000);

  it('gives the widths string-width gives', () => {
    const pieces = fc.constantFrom(
      'a',
      ' ',
      '✔',
      '⚠',
      '❯',
      '…',
      '·',
      '⠋',
      '😀',
      '👍🏽',
      '👨‍👩‍👧',
      '🇩🇪',
      '🇩',
      '1️⃣',
      '#️⃣',
      '©',
      '©️',
      '☺︎',
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
      '\u{200D}',
      '\u{FE0F}',
      '\u{1F3FB}',
      '中',
      'ﾞ',
      '\u0600١',
      'é',
      'e\u0301',
      '\t',
      '\u001b[31m',
    );
    const text = fc.oneof(
      fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(lazyWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 3000 },
    );
  });
});

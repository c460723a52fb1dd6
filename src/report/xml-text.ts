import { visible, visibleLines } from '../model/visible-text.js';

// Characters XML 1.0 cannot hold at all (besides the controls `visible` already shows as escapes).
const NOT_XML = /[\ud800-\udfff\ufffe\uffff]/gu;

/**
 * Text for an XML attribute (or, with `lines`, an element keeping its line breaks): control
 * characters shown as escapes (it is data from the cluster), characters XML cannot hold replaced
 * by U+FFFD, and markup characters escaped.
 */
export function xmlText(text: string, lines = false): string {
  return (lines ? visibleLines(text) : visible(text))
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `name="value" …` from pairs, leaving out the undefined ones. */
export function xmlAttributes(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => `${k}="${xmlText(String(v))}"`)
    .join(' ');
}

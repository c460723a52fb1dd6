/**
 * Whether an item's filter text matches `filter` (a list's `/` filter): case-insensitive,
 * anywhere, edge spaces ignored. One rule for what a list shows and for what a kept filter drops
 * from a choice (nothing chosen is off screen when a key acts).
 */
export function listMatches(text: string, filter: string): boolean {
  return text.toLowerCase().includes(filter.trim().toLowerCase());
}

import { type FoundDate, parseHumanDate } from './date-value.ts';

/** How far under the headline a plain-text scrape's byline or dateline can sit. */
const BYLINE_LINES = 6;
const COPYRIGHT = /©|\bcopyright\b|\(c\)\s*\d{4}|all rights|alle rechte/i;
const UPDATED = /^\s*(?:updated|last updated|modified|aktualisiert|mis à jour)\b/i;

/**
 * The publication date in a plain-text scrape's byline lines ("By Jane Doe · November 20, 2026 10:30 AM
 * UTC", "20. November 2026"): the first short line under the headline that holds a full date. Lines that
 * say "Updated" are skipped, and so are copyright lines.
 */
export function scrapedTextDate(text: string, reference: Date): FoundDate | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, BYLINE_LINES);
  for (const line of lines) {
    if (line.length > 160 || COPYRIGHT.test(line) || UPDATED.test(line)) continue;
    const date = parseHumanDate(line, 'byline', reference, { allowRelative: line.length <= 40 });
    if (date) return date;
  }
  return undefined;
}

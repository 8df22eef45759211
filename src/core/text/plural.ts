/** The noun for a count: singular for exactly one, else the plural (`s` added unless given). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** A count with its noun, agreeing with it: `1 item`, `2 items`, `0 stories`. */
export function countOf(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${plural(count, singular, pluralForm)}`;
}

/** Formatters kept; time zones are validated names (about 600 exist), so this bound is never the norm. */
const MAX_FORMATTERS = 2_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl date formatter, built once per locale and options. Building one costs far more than using
 * it, and a digest batch or a schedule check formats thousands of dates.
 */
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

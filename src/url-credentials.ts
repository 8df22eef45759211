// Shared by the logger and every chat reply that shows a source's URL: a feed behind basic auth keeps its
// password in the stored URL (the poller needs it), and neither a log line nor a channel may show it.

/** `scheme://user:password@` in any text: the credentials part is what must never be written. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/** An API key carried in a query string (`?api_key=…`, as congress.gov and api.data.gov take it). */
const QUERY_KEYS = /([?&](?:api_key|api-key|apikey)=)[^&#\s"'<>]+/gi;

/** Text with any URL credentials (`https://user:pass@host`, `?api_key=…`) replaced by `[secret]`. */
export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1[secret]@').replace(QUERY_KEYS, '$1[secret]');
}

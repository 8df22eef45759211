// Shared by the logger and every chat reply that shows a source's URL: a feed behind basic auth keeps its
// password in the stored URL (the poller needs it), and neither a log line nor a channel may show it.

/**
 * `scheme://user:password@` in any text: the credentials part is what must never be written. Up to the
 * last `@` before the path, since a password typed raw may hold an `@` of its own.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]+@/gi;

/** A key or token carried in a query string (`?api_key=…`, as congress.gov and api.data.gov take it). */
const QUERY_KEYS =
  /([?&](?:api[_-]?key|key|token|access[_-]?token|auth[_-]?token|password|secret)=)[^&#\s"'<>]+/gi;

/** Text with any URL credentials (`https://user:pass@host`, `?api_key=…`) replaced by `[secret]`. */
export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1[secret]@').replace(QUERY_KEYS, '$1[secret]');
}

/**
 * A link on a protected source's own origin with the source's basic-auth credentials, for fetching it only
 * (a feed the page names, a teaser item's page): the link as found carries none, since a fetched URL is
 * reported without them, and an item on a protected host is protected too. Links to other origins, links
 * with credentials of their own and sources without any come back as they are.
 */
export function withCredentialsOf(source: string, link: string): string {
  let from: URL;
  let to: URL;
  try {
    from = new URL(source);
    to = new URL(link);
  } catch {
    return link;
  }
  if (!from.username && !from.password) return link;
  if (to.origin !== from.origin || to.username || to.password) return link;
  to.username = from.username;
  to.password = from.password;
  return to.href;
}

/**
 * A URL's address with its user name and password dropped (unparsable input comes back scrubbed): what a
 * card links to, and the base a feed's relative links resolve against.
 */
export function withoutUserInfo(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return scrubUrlCredentials(String(url));
  }
  if (!parsed.username && !parsed.password) return parsed.href;
  const copy = new URL(parsed.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** Query parameters that track clicks and never change what a page says. */
const TRACKING =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_hsenc|_hsmi|mkt_tok|ref_src|cmpid|ocid|at_medium|at_campaign|at_[a-z_]+|sr_share|smid|s_cid|_ga|_gl|wt_mc|wt_zmc|icid|ncid|spm|guccounter|guce_referrer(_sig)?|oly_enc_id|oly_anon_id|vero_id|__s|rb_clickid|s_kwcid|trk|trkcampaign|xtor|ito|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee)$/i;

/** The canonical form of a URL: host lower-cased, fragment and tracking parameters dropped, default port removed. */
export function canonicalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input.trim();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return url.href;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams].filter(([key]) => !TRACKING.test(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : '';
  return url.href;
}

/**
 * The page's rel=canonical when it can be trusted: an http(s) URL that is not just a site's home page
 * standing in for an article (a common CMS misconfiguration that would merge every story into one).
 */
export function trustedCanonical(pageUrl: string, canonical: string | undefined): string | undefined {
  if (!canonical) return undefined;
  try {
    const target = new URL(canonical, pageUrl);
    const page = new URL(pageUrl);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
    if ((target.pathname === '/' || target.pathname === '') && page.pathname.length > 1) return undefined;
    // A page may only speak for its own site: otherwise any page could claim, and overwrite, another's URL.
    if (siteOf(target.hostname) !== siteOf(page.hostname)) return undefined;
    return target.href;
  } catch {
    return undefined;
  }
}

/** Second-level suffixes under which a site is three labels long (bbc.co.uk, gov.uk's agencies). */
const SHORT_SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'or', 'ne', 'go', 'gv']);

/** The registrable part of a host name, near enough: `news.bbc.co.uk` → `bbc.co.uk`. */
export function siteOf(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^[\d.]+$/.test(hostname) || hostname.includes(':')) return labels.join('.');
  const size = labels.at(-1)!.length === 2 && SHORT_SECOND_LEVEL.has(labels.at(-2)!) ? 3 : 2;
  return labels.slice(-size).join('.');
}

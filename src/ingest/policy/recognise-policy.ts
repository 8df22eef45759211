import type { ParsedFeed } from '../feeds/feed-model.ts';
import { looksLikeFeed, parseFeedText } from '../feeds/parse-feed.ts';
import { readCongressGov } from './congress-gov.ts';
import { readEuOeil } from './eu-oeil.ts';
import { readEurLex } from './eur-lex.ts';
import { readFederalRegister } from './federal-register.ts';
import { readLegislationGovUk } from './legislation-gov-uk.ts';
import type { PolicyApi } from './policy-apis.ts';
import type { PolicyReading } from './policy-document.ts';
import { readRegulationsGov } from './regulations-gov.ts';
import { readUkParliamentBills } from './uk-parliament-bills.ts';

/** The JSON readers, each recognising its API by the answer's shape. */
const JSON_READERS: ((data: unknown, url: string) => PolicyReading)[] = [
  readFederalRegister,
  readRegulationsGov,
  readCongressGov,
  readUkParliamentBills,
];

/** The feed readers, each recognising its publisher by the feed's links, ids or namespaces. */
const FEED_READERS: ((feed: ParsedFeed, raw: string) => PolicyReading)[] = [
  readEurLex,
  readEuOeil,
  readLegislationGovUk,
];

/** Hosts and namespaces the policy feeds carry; a feed without any of them is news. */
const POLICY_PUBLISHERS = /eur-lex\.europa\.eu|europarl\.europa\.eu|legislation\.gov\.uk/i;

/**
 * A response's policy page, recognised by its shape rather than its URL, so a mirror or a proxy of an
 * API reads the same. `api` is the API the URL belongs to, if any: then an answer that is not JSON, or
 * JSON of no known shape, is a malformed answer rather than some other kind of source.
 */
export function recognisePolicyResponse(text: string, url: string, api?: PolicyApi): PolicyReading {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return recogniseJson(head, url, api);
  if (api) return { ok: false, reason: 'the answer is not JSON' };
  // Only a feed that names a policy publisher is parsed here: every news feed is parsed once, by the poller.
  if (!looksLikeFeed(head) || !POLICY_PUBLISHERS.test(head)) return undefined;
  const parsed = parseFeedText(head, url.startsWith('http') ? url : undefined);
  if (!parsed.ok) return undefined;
  for (const read of FEED_READERS) {
    const reading = read(parsed.feed, head.slice(0, 20_000));
    if (reading) return reading;
  }
  return undefined;
}

function recogniseJson(text: string, url: string, api: PolicyApi | undefined): PolicyReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return api
      ? { ok: false, reason: `the answer is not valid JSON (${(error as Error).message})` }
      : undefined;
  }
  for (const read of JSON_READERS) {
    const reading = read(data, url);
    if (reading) return reading;
  }
  return api ? { ok: false, reason: 'the answer is JSON in a shape this bot does not know' } : undefined;
}

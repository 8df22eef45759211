import { readFederalRegister } from './federal-register.ts';
import type { PolicyApi } from './policy-apis.ts';
import type { PolicyReading } from './policy-document.ts';

/** The JSON readers, each recognising its API by the answer's shape. */
const JSON_READERS: ((data: unknown, url: string) => PolicyReading)[] = [readFederalRegister];

/**
 * A response's policy page, recognised by its shape rather than its URL, so a mirror or a proxy of an
 * API reads the same. `api` is the API the URL belongs to, if any: then an answer that is not JSON, or
 * JSON of no known shape, is a malformed answer rather than some other kind of source.
 */
export function recognisePolicyResponse(text: string, url: string, api?: PolicyApi): PolicyReading {
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(head);
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
  return api ? { ok: false, reason: 'the answer is not JSON' } : undefined;
}

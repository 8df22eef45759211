/** What `/sources add` learns about a URL before following it: whether a policy API can be read at all. */
export type PolicySourceVerdict =
  | {
      ok: true;
      /** The source's name, when it is a known policy API ("Federal Register"). */
      label?: string;
      /** The API URL to follow instead of a pasted web page (a congress.gov bill page → its actions). */
      url?: string;
    }
  | { ok: false; reason: string; hint: string };

/** Vets policy source URLs, e.g. refuses a regulations.gov URL when its API key is not configured. */
export interface PolicySourceCheck {
  check(url: string): PolicySourceVerdict;
}

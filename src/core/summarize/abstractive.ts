import type { Logger } from '../../logger.ts';
import type { Summarizer, SummaryInput } from '../ports/summarizer.ts';
import { splitSentences, wordCount } from './sentences.ts';
import { checkSupport } from './support.ts';

/** Where and how to reach an OpenAI-compatible chat-completions endpoint. */
export interface AbstractiveOptions {
  /** Base URL (…/v1) or the full …/chat/completions endpoint. */
  url: string;
  /** Sent as a bearer token; never logged. */
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  maxWords?: number;
  maxSentences?: number;
  /** Used whenever the model fails, times out, answers nothing usable or says what the article does not. */
  fallback: Summarizer;
  logger: Logger;
  /** The HTTP client; tests keep the default and point `url` at a local server. */
  fetch?: typeof fetch;
}

/** Longest body sent to the model, in characters: the lead of a long article carries its news. */
const MAX_INPUT_CHARS = 12_000;

const SYSTEM_PROMPT = [
  'You summarize news articles for a public-policy team.',
  'Write 2 or 3 sentences, at most {maxWords} words in total, in plain English.',
  'State only facts the article states. Copy every name and number exactly as the article writes it.',
  'Add no opinion, background or speculation. Do not repeat the headline. Reply with the summary only.',
].join(' ');

/** Why a generated summary was not used. */
type Rejection = { reason: string; detail?: unknown };

/** The resolved request settings: the options with their defaults filled in. */
interface ModelSettings {
  endpoint: string;
  apiKey: string | undefined;
  model: string;
  maxWords: number;
  maxSentences: number;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** A summarizer that asks a language model, then checks the answer against the article before trusting it. */
export function createAbstractiveSummarizer(options: AbstractiveOptions): Summarizer {
  const settings: ModelSettings = {
    endpoint: endpointOf(options.url),
    apiKey: options.apiKey,
    model: options.model,
    maxWords: options.maxWords ?? 70,
    maxSentences: options.maxSentences ?? 3,
    timeoutMs: options.timeoutMs ?? 20_000,
    fetch: options.fetch ?? fetch,
  };
  const log = options.logger.child({ part: 'summarizer', model: options.model });
  return {
    name: 'abstractive',
    async summarize(input) {
      if (!input.text?.trim()) return options.fallback.summarize(input);
      const started = Date.now();
      const result = await generate(settings, input);
      const rejection = typeof result === 'string' ? vet(settings, result, input) : result;
      if (typeof result === 'string' && !rejection) {
        log.debug({ ms: Date.now() - started }, 'abstractive summary accepted');
        return result;
      }
      log.warn(
        { reason: rejection?.reason, detail: rejection?.detail },
        'abstractive summary rejected; using extractive',
      );
      return options.fallback.summarize(input);
    },
  };
}

/** Asks the endpoint for a summary; every way it can fail comes back as a Rejection, never a throw. */
async function generate(settings: ModelSettings, input: SummaryInput): Promise<string | Rejection> {
  let response: Response;
  try {
    response = await settings.fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
      },
      signal: AbortSignal.timeout(settings.timeoutMs),
      body: JSON.stringify(requestBody(settings, input)),
    });
  } catch (error) {
    const name = (error as Error)?.name;
    return {
      reason: name === 'TimeoutError' ? 'timed out' : 'request failed',
      detail: (error as Error)?.message,
    };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { reason: 'endpoint answered with an error', detail: response.status };
  }
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    return { reason: 'endpoint answered with something other than JSON' };
  }
  const content = (payload as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message
    ?.content;
  if (typeof content !== 'string') return { reason: 'no summary in the answer' };
  return tidy(content);
}

/** The chat-completions request: deterministic, room for the word limit, the article's lead only. */
function requestBody(settings: ModelSettings, input: SummaryInput) {
  return {
    model: settings.model,
    temperature: 0,
    max_tokens: Math.ceil(settings.maxWords * 2.5),
    messages: [
      { role: 'system', content: SYSTEM_PROMPT.replace('{maxWords}', String(settings.maxWords)) },
      {
        role: 'user',
        content: `Headline: ${input.title}\n\nArticle:\n${input.text.slice(0, MAX_INPUT_CHARS)}`,
      },
    ],
  };
}

/** Why a generated summary may not be used (too long, too many sentences, unsupported), or undefined. */
function vet(settings: ModelSettings, summary: string, input: SummaryInput): Rejection | undefined {
  if (!summary) return { reason: 'empty summary' };
  if (wordCount(summary) > settings.maxWords)
    return { reason: 'summary too long', detail: wordCount(summary) };
  if (splitSentences(summary).length > settings.maxSentences) return { reason: 'too many sentences' };
  const verdict = checkSupport(summary, `${input.title}\n${input.text}`);
  if (!verdict.supported)
    return { reason: 'summary states what the article does not', detail: verdict.unsupported };
  return undefined;
}

/** Accepts a base URL (…/v1) or the full chat-completions endpoint. */
export function endpointOf(url: string): string {
  if (/\/chat\/completions\/?$/.test(url)) return url;
  return `${url.replace(/\/+$/, '')}/chat/completions`;
}

/** Strips what models wrap around a summary: surrounding quotes, a "Summary:" label, extra whitespace. */
function tidy(content: string): string {
  return content
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:summary|here is (?:a|the) summary)\s*:\s*/i, '')
    .replace(/^["“](.*)["”]$/, '$1')
    .trim();
}

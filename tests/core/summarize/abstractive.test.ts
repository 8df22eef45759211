import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { createAbstractiveSummarizer, endpointOf } from '../../../src/core/summarize/abstractive.ts';
import { createSummarizer } from '../../../src/core/summarize/create-summarizer.ts';
import { createExtractiveSummarizer, summarizeExtractive } from '../../../src/core/summarize/extractive.ts';
import { ConfigError } from '../../../src/errors.ts';
import { readRequestBody } from '../../helpers/http.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';

const ARTICLE = {
  title: 'China slams spying claims',
  text: 'China’s top diplomat Wang Yi has lashed out at efforts to discredit Chinese technology firms on security grounds. He made a veiled reference to a US-led boycott of Huawei. Huawei has sued the US government over a 2019 law barring federal agencies from buying its equipment.',
};
const GOOD =
  'Wang Yi attacked efforts to discredit Chinese technology firms. Huawei has sued the US government over a 2019 law.';
const SECRET = 'sk-test-secret-value-123';

/** What the fake endpoint answers next, and what it saw. */
interface Script {
  status: number;
  body: unknown;
  delayMs: number;
}
let script: Script;
const seen: {
  url: string;
  authorization?: string;
  body: { model: string; messages: { role: string; content: string }[] };
}[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readRequestBody(request);
    seen.push({
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body: JSON.parse(body),
    });
    setTimeout(() => {
      response.writeHead(script.status, { 'content-type': 'application/json' });
      response.end(typeof script.body === 'string' ? script.body : JSON.stringify(script.body));
    }, script.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  script = { status: 200, body: completion(GOOD), delayMs: 0 };
});

function completion(content: unknown) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

/** A logger that keeps every line it writes, to prove what is (and is not) logged. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function summarizer(logger = createSilentLogger(), timeoutMs = 2000) {
  return createAbstractiveSummarizer({
    url: base,
    apiKey: SECRET,
    model: 'tiny-model',
    timeoutMs,
    fallback: createExtractiveSummarizer(),
    logger,
  });
}

const extractive = summarizeExtractive(ARTICLE);

describe('abstractive summarizer against an OpenAI-compatible endpoint', () => {
  it('posts a chat completion with the model, the key as a bearer token and the article, and returns a supported answer', async () => {
    expect(await summarizer().summarize(ARTICLE)).toBe(GOOD);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/v1/chat/completions');
    expect(seen[0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen[0]!.body.model).toBe('tiny-model');
    expect(seen[0]!.body.messages.at(-1)!.content).toContain('Huawei has sued the US government');
  });

  it('falls back to the extractive summary when the answer names someone the article does not', async () => {
    script.body = completion('Xi Jinping attacked efforts to discredit Huawei.');
    expect(await summarizer().summarize(ARTICLE)).toBe(extractive);
  });

  it('falls back when the answer invents a number', async () => {
    script.body = completion('Huawei has sued the US government over a 2018 law.');
    expect(await summarizer().summarize(ARTICLE)).toBe(extractive);
  });

  it('falls back on an HTTP error, a non-JSON body, an empty or missing answer and an over-long one', async () => {
    for (const next of [
      { status: 500, body: { error: { message: 'overloaded' } } },
      { status: 200, body: 'not json at all' },
      { status: 200, body: completion('   ') },
      { status: 200, body: { choices: [] } },
      { status: 200, body: completion(`${'Huawei sued. '.repeat(40)}`) },
    ]) {
      script = { ...script, ...next };
      expect(await summarizer().summarize(ARTICLE)).toBe(extractive);
    }
  });

  it('falls back when the endpoint is slower than the timeout', async () => {
    script.delayMs = 500;
    const started = Date.now();
    expect(await summarizer(createSilentLogger(), 100).summarize(ARTICLE)).toBe(extractive);
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('falls back when nothing listens at the endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const s = createAbstractiveSummarizer({
      url: `http://127.0.0.1:${port}/v1`,
      model: 'm',
      fallback: createExtractiveSummarizer(),
      logger: createSilentLogger(),
    });
    expect(await s.summarize(ARTICLE)).toBe(extractive);
  });

  it('never writes the API key to the log, whether it succeeds or falls back', async () => {
    const { logger, lines } = capturingLogger();
    await summarizer(logger).summarize(ARTICLE);
    script = { status: 401, body: { error: 'bad key' }, delayMs: 0 };
    await summarizer(logger).summarize(ARTICLE);
    expect(lines.join('')).toContain('abstractive summary rejected');
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('accepts a base URL or the full endpoint', () => {
    expect(endpointOf('https://api.example.com/v1/')).toBe('https://api.example.com/v1/chat/completions');
    expect(endpointOf('https://x.example/openai/chat/completions')).toBe(
      'https://x.example/openai/chat/completions',
    );
  });
});

describe('createSummarizer', () => {
  it('is extractive when no endpoint is configured', () => {
    expect(createSummarizer(parseConfig({}), createSilentLogger()).name).toBe('extractive');
  });

  it('is abstractive when an endpoint and model are configured, and uses them', async () => {
    const config = parseConfig({
      SUMMARIZER_API_URL: base,
      SUMMARIZER_API_KEY: SECRET,
      SUMMARIZER_MODEL: 'tiny-model',
    });
    const s = createSummarizer(config, createSilentLogger());
    expect(s.name).toBe('abstractive');
    expect(await s.summarize(ARTICLE)).toBe(GOOD);
  });

  it('given an endpoint without a model, says which variable is missing', () => {
    const config = parseConfig({ SUMMARIZER_API_URL: base });
    expect(() => createSummarizer(config, createSilentLogger())).toThrow(ConfigError);
    expect(() => createSummarizer(config, createSilentLogger())).toThrow(/SUMMARIZER_MODEL/);
  });

  it('never echoes the key in a configuration error, even when the key itself is invalid', () => {
    expect(() => parseConfig({ SUMMARIZER_API_URL: 'not a url' })).toThrow(
      /SUMMARIZER_API_URL: expected an http\(s\) URL/,
    );
    expect(() => parseConfig({ SUMMARIZER_API_KEY: `  ${' '}\t` })).toThrow(
      /SUMMARIZER_API_KEY: .*got \[secret\]/,
    );
  });
});

import type { Config } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Summarizer } from '../ports/summarizer.ts';
import { createAbstractiveSummarizer } from './abstractive.ts';
import { createExtractiveSummarizer } from './extractive.ts';

/** The configured summarizer: extractive by default; abstractive (with extractive fallback) when an endpoint is set. */
export function createSummarizer(
  config: Pick<
    Config,
    'SUMMARIZER_API_URL' | 'SUMMARIZER_API_KEY' | 'SUMMARIZER_MODEL' | 'SUMMARIZER_TIMEOUT_MS'
  >,
  logger: Logger,
): Summarizer {
  const extractive = createExtractiveSummarizer();
  if (!config.SUMMARIZER_API_URL) return extractive;
  if (!config.SUMMARIZER_MODEL)
    throw new ConfigError(
      'Invalid configuration:\n  SUMMARIZER_MODEL: expected a model name because SUMMARIZER_API_URL is set; got nothing',
    );
  logger.info({ model: config.SUMMARIZER_MODEL }, 'abstractive summaries on, extractive as fallback');
  return createAbstractiveSummarizer({
    url: config.SUMMARIZER_API_URL,
    apiKey: config.SUMMARIZER_API_KEY,
    model: config.SUMMARIZER_MODEL,
    timeoutMs: config.SUMMARIZER_TIMEOUT_MS,
    fallback: extractive,
    logger,
  });
}

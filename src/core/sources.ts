import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A feed or page a tenant follows, with its polling health. */
export const sourceSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  name: z.string().min(1).max(100),
  intervalMinutes: z.number().int().min(1).default(15),
  createdAt: z.string(),
  addedBy: z.string().optional(),
  health: z
    .object({
      lastSuccessAt: z.string().optional(),
      lastErrorAt: z.string().optional(),
      lastError: z.string().optional(),
      itemsSeen: z.number().int().min(0).default(0),
      nextPollAt: z.string().optional(),
      failures: z.number().int().min(0).default(0),
      etag: z.string().optional(),
      lastModified: z.string().optional(),
    })
    .default({ itemsSeen: 0, failures: 0 }),
  /** The feed a page source led to through <link rel="alternate">, polled in its place. */
  feedUrl: z.string().optional(),
  /** Item guid (hashed) → article id, so an item whose URL changes updates its article, not a new one. */
  seen: z.record(z.string(), z.string()).optional(),
});

/** A followed source. */
export type Source = z.infer<typeof sourceSchema>;

/** A source's id: stable per URL, so adding the same feed twice is one source. */
export function sourceIdFor(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

import { createDigestJob } from '../../digests/job.ts';
import type { Core } from '../../src/core/core.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { Platform } from '../../src/core/tenant.ts';
import type { App } from '../../src/main.ts';
import { createSilentLogger } from './silent-logger.ts';

/** An hour in ms. */
export const HOUR = 3_600_000;

/** A body of its own per story: with one shared body the real clusterer (rightly) takes them for one event. */
const BODIES: Record<string, string> = {
  'ferry tender':
    'Officials in Stone Town said the ferry decision followed months of talks with operators and unions.',
  'harbour levy':
    'Shipping agents warned the levy on container calls would raise prices for importers of rice and fuel.',
  'spice exports':
    'Clove growers on Pemba asked the cooperative to publish the auction results for the season.',
  'cable landing':
    'The submarine cable built by Seacom Networks will land near Fumba and connect data centres in Dar es Salaam by 2027. ' +
    'Telecom regulator TCRA said the licence covers 40 terabits of capacity and a backup route through Mombasa.',
  'airport runway':
    'Engineers from Abeid Amani Karume International Airport plan to extend the runway by 800 metres. ' +
    'Transport minister Khalid Salum said Qatar Airways and Emirates asked for night landings of wide-body jets.',
};

/** Day one's three stories, all from Coast Herald: a vote on their digest is a vote on that outlet. */
export const DAY_ONE_STORIES = ['ferry tender', 'harbour levy', 'spice exports'].map(
  (what) => `Zanzibar ${what} reviewed`,
);

/** The body of a fixture story, by its title ("Zanzibar ferry tender reviewed"). */
export function bodyOf(title: string): string {
  return BODIES[/Zanzibar (\w+ \w+)/.exec(title)?.[1] ?? ''] ?? '';
}

/** Saves a fixture story through the real writer: one URL per outlet and title, published at `at`. */
export function saveStory(core: Core, title: string, source: string, at: number, text?: string) {
  const slug = (value: string) => value.toLowerCase().replace(/\s+/g, '-');
  return core.writer.save({
    url: `https://${slug(source)}.example.org/${slug(title)}`,
    title,
    text: text ?? `${title}. ${bodyOf(title)}`,
    source,
    publishedAt: new Date(at).toISOString(),
  });
}

/** Fixture headlines in a rendered message, in the order shown: "cable landing", "airport runway". */
export function fixtureHeadlines(message: unknown): string[] {
  return [...JSON.stringify(message).matchAll(/Zanzibar (\w+) (\w+)/g)].map((m) => `${m[1]} ${m[2]}`);
}

/** An HH:MM an hour ago (UTC): a subscription at that time is first due tomorrow, and the tests go there. */
export function anHourAgo(): { time: string; at: number } {
  const at = new Date(Date.now() - HOUR);
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return { time, at: at.getTime() };
}

/** Polls `read` until `ok` holds or the timeout passes; the last value either way. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A digest job over a test app's services and ledger, as one instance (or a restart) runs it. */
export function digestJobFor(
  app: App,
  adapters: Partial<Record<Platform, ChatAdapter>>,
  clock: Clock,
  instanceId: string,
) {
  return createDigestJob({
    core: app.core,
    services: app.digests,
    adapters,
    ledger: app.stores.ledger,
    logger: createSilentLogger(),
    clock,
    instanceId,
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../../digests/job.ts';
import { PRIVATE_MARK } from '../../../src/adapters/console/console-adapter.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { bodyOf, HOUR, saveStory } from '../../helpers/story-fixtures.ts';
import { createTestCore, type TestCore } from '../../helpers/temp-store.ts';
import { consoleOn } from './harness.ts';

const TITLE = 'Zanzibar ferry tender reviewed';
const BASE = `${TITLE}. ${bodyOf(TITLE)}`;

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('console: a /news answer is followed like a posted card', () => {
  it('prints one update under the story when its article changes materially, and none for a private answer', async () => {
    t = await createTestCore({ now: new Date().toISOString() });
    await saveStory(t.core, TITLE, 'Coast Herald', Date.now() - 2 * HOUR, BASE);
    const chat = consoleOn(t);
    await chat.adapter.start();
    chat.input.write('/news zanzibar ferry\n');
    // A search that finds nothing is answered privately: nothing of it is followed.
    chat.input.write('/news nothing-matches-this-query\n');
    const waitFor = async (text: string) => {
      for (let i = 0; i < 200 && !chat.printed().includes(text); i++)
        await new Promise((r) => setTimeout(r, 10));
      return chat.printed();
    };
    expect(await waitFor('nothing-matches-this-query')).toContain(TITLE);
    expect(chat.printed()).toContain(PRIVATE_MARK);
    const stories = await t.digests.posts.stories.listAll();
    const followed: string[] = [];
    for await (const { value } of stories) followed.push(value.messageId);
    expect(followed).toHaveLength(1);

    await saveStory(
      t.core,
      TITLE,
      'Coast Herald',
      Date.now() - 2 * HOUR,
      `${BASE} The ministry rejected both bids on Tuesday.`,
    );
    const job = (instanceId: string) =>
      createDigestJob({
        core: t!.core,
        services: t!.digests,
        adapters: { console: chat.adapter },
        ledger: t!.stores.ledger,
        logger: createSilentLogger(),
        clock: t!.clock,
        instanceId,
      });
    expect((await job('one').runUpdates()).posted).toHaveLength(1);
    // A restart adds nothing.
    expect((await job('two').runUpdates()).posted).toEqual([]);
    const printed = chat.printed();
    expect(printed).toContain(`[console] ↳ in reply to ${followed[0]}`);
    expect(printed.split('Update: the ministry rejected both bids on Tuesday.')).toHaveLength(2);
    chat.input.end();
    await chat.adapter.done;
  });
});

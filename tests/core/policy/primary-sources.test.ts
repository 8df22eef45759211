import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../commands/dispatch.ts';
import { renderText } from '../../../src/adapters/console/render-text.ts';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { contextFor } from '../../helpers/context.ts';
import { CITED_RULE, seedCitedStory } from '../../helpers/policy-sources.ts';
import { createTestCore } from '../../helpers/temp-store.ts';

describe('primary sources on story cards', () => {
  it('a story citing a document number carries the stored rule as its primary source, with the deadline', async () => {
    const t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
    try {
      await seedCitedStory(t.core.writer);
      const reply = await dispatch({ name: 'news', text: 'acme' }, contextFor(t));
      expect(reply.kind).toBe('stories');
      const story = reply.kind === 'stories' ? reply.stories[0] : undefined;
      expect(story?.title).toBe(CITED_RULE.story);
      expect(story?.primarySources).toEqual([
        {
          id: '91 FR 81234',
          kind: 'proposed-rule',
          url: CITED_RULE.url,
          title: 'Broadband Data Collection; Improving the Accuracy of Fixed Wireless Coverage',
          commentsCloseOn: '2026-12-28',
        },
      ]);
      expect(renderText(reply)).toContain(`Primary source: ${CITED_RULE.line} <${CITED_RULE.url}>`);
    } finally {
      await t.close();
    }
  });

  it('with no stored record, a cited bill still links its official page', async () => {
    const t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
    try {
      await t.core.writer.save({
        url: 'https://wire.example/kosa',
        title: 'House passes kids online safety bill',
        source: 'Wire',
        publishedAt: '2026-11-20T10:00:00Z',
        text: 'The House passed H.R. 1234 on Thursday by 301 votes to 120, sending the kids online safety bill to the Senate, where a companion bill, S. 56, awaits a vote.',
      });
      const reply = await dispatch(
        { name: 'news', text: 'kids online safety' },
        contextFor(t, { tenant: CONSOLE_TENANT }),
      );
      const story = reply.kind === 'stories' ? reply.stories[0] : undefined;
      expect(story?.primarySources).toEqual([
        {
          id: 'H.R. 1234',
          kind: 'bill',
          url: 'https://www.congress.gov/bill/119th-congress/house-bill/1234',
        },
        { id: 'S. 56', kind: 'bill', url: 'https://www.congress.gov/bill/119th-congress/senate-bill/56' },
      ]);
    } finally {
      await t.close();
    }
  });

  it('a primary document is not its own primary source, and a story that cites nothing has none', async () => {
    const t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
    try {
      await seedCitedStory(t.core.writer);
      const reply = await dispatch(
        { name: 'news', text: 'propagation models fixed wireless kind:proposed-rule' },
        contextFor(t),
      );
      const stories = reply.kind === 'stories' ? reply.stories : [];
      expect(stories.map((s) => s.url)).toEqual([CITED_RULE.url]);
      expect(stories[0]?.primarySources).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { type Tenant, tenantKey } from '../../src/core/tenant.ts';
import { BUILT_IN_TOPICS } from '../../src/core/topics/taxonomy.ts';
import { leakIn, PROTOTYPE_NAMES, prototypeFingerprint } from './reply-checks.ts';
import { changedRecords, invalidRecords, snapshotRecords } from './tenant-records.ts';

/** What one platform showed for one command: its visible text flattened, and the payload as sent. */
export interface Seen {
  text: string;
  raw: unknown;
}

/** One chat platform under test: the app's core, the tenant the commands run in, and a way to send one. */
export interface PlatformUnderTest {
  core: Core;
  /** The app's store connection, to check what the commands wrote. */
  stores: Stores;
  tenant: Tenant;
  /** Runs `/<command> <text>` as a member, or as an admin, and returns what the platform showed. */
  send(command: string, text: string, options?: { admin?: boolean }): Promise<Seen>;
  close(): Promise<void>;
}

/** A headline and body written to break out of every platform's formatting. */
export const HOSTILE_TITLE =
  'Zanzibarquux *bold* _it_ ~gone~ `code` <!channel> <@U0BOSS> @everyone [click](https://evil.example) \u001b[31mred';
const HOSTILE_TEXT = `${HOSTILE_TITLE}. The zanzibarquux regulator said on Tuesday that *every* platform must comply with the new rules by March. ${'The ministry published the full text of the rules on its website and invited comments from industry. '.repeat(3)}`;

/**
 * The hostile-input cases of issue 17, run on one platform: prototype names in every command that takes a
 * name, names validated at the edge, built-ins customised only on purpose, open quotes, and escaping.
 * `checkEscaped` holds the platform's own escaping rules for the hostile story as shown.
 */
export function describeHostileInput(
  platform: string,
  start: () => Promise<PlatformUnderTest>,
  checkEscaped: (seen: Seen) => void,
): void {
  describe(`${platform}: hostile input`, () => {
    let p: PlatformUnderTest;
    const other = (): Tenant => ({ platform: p.tenant.platform, id: 'OTHERTENANT' });
    const admin = (command: string, text: string) => p.send(command, text, { admin: true });
    const expectClean = (seen: Seen) => {
      expect(leakIn(seen.text)).toBeUndefined();
      expect(seen.text).not.toMatch(/something went wrong/i);
    };

    beforeAll(async () => {
      p = await start();
      await p.core.topics.add(other(), {
        name: 'open-banking',
        label: 'Open banking',
        query: 'open banking',
        aliases: ['PSD2'],
        builtIn: false,
      });
      await p.core.writer.save({
        url: 'https://hostile.example/zanzibarquux',
        title: HOSTILE_TITLE,
        source: 'Evil <b>Press</b>',
        publishedAt: new Date().toISOString(),
        text: HOSTILE_TEXT,
      });
    }, 60_000);
    afterAll(async () => p?.close());

    it('treats __proto__, constructor, hasOwnProperty, toString and prototype as plain names everywhere', async () => {
      const before = await snapshotRecords(p.stores);
      const fingerprint = prototypeFingerprint();
      for (const name of PROTOTYPE_NAMES) {
        const added = await admin('topics', `add ${name} "${name} rules"`);
        expectClean(added);
        if (name === '__proto__') expect(added.text).toMatch(/not a valid topic name/);
        else expect(added.text).toMatch(new RegExp(`Saved topic ${name.toLowerCase()}`));
        for (const [command, text] of [
          ['news', `topic:${name}`],
          ['subscribe', name],
          ['unsubscribe', name],
          ['digest', name],
          ['sources', `remove ${name}`],
          ['help', name],
          ['topics', `remove ${name}`],
        ] as const) {
          const seen = await admin(command, text);
          expectClean(seen);
        }
        const unknown = await admin('news', `topic:${name}`);
        expect(unknown.text).toMatch(/There is no topic called/);
      }
      await admin('unsubscribe', 'all');
      expect(prototypeFingerprint()).toBe(fingerprint);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const after = await snapshotRecords(p.stores);
      expect(invalidRecords(after)).toEqual([]);
      expect(changedRecords(before, after, tenantKey(other()))).toEqual([]);
      // The topics added and removed again leave this tenant's topics as they were.
      expect(
        changedRecords(before, after, tenantKey(p.tenant)).filter((k) => k.startsWith('topics')),
      ).toEqual([]);
    }, 60_000);

    it('refuses control and bidi characters and over-long names with a clear message, storing nothing', async () => {
      const cases: [string, RegExp][] = [
        ['add evil\u001b[31m "x"', /control character \(U\+001B\)/],
        ['add fine-name "query" "alias\u202egnp"', /invisible character \(U\+202E\)/],
        [`add ${'a'.repeat(41)} "query"`, /40 characters/],
        ['add "bad name!" "query"', /not a valid topic name/],
      ];
      for (const [text, message] of cases) {
        const seen = await admin('topics', text);
        expectClean(seen);
        expect(seen.text).toMatch(message);
      }
      const topics = await p.core.topics.list(p.tenant);
      expect(topics.filter((t) => !t.builtIn)).toEqual([]);
      // Case-folded and NFC-normalised: `Cafe-Rules` is `cafe-rules`, and a decomposed é is stored composed.
      const saved = await admin('topics', 'add Cafe-Rules "cafe\u0301 rules" "Cafe\u0301"');
      expect(saved.text).toMatch(/Saved topic cafe-rules/);
      const stored = (await p.core.topics.list(p.tenant)).find((t) => t.name === 'cafe-rules');
      expect(stored).toMatchObject({ query: 'caf\u00e9 rules', aliases: ['Caf\u00e9'] });
      await admin('topics', 'remove cafe-rules');
    }, 60_000);

    it('customises a built-in topic only with --replace, shows it, and restores it on remove', async () => {
      const builtIn = BUILT_IN_TOPICS.find((t) => t.name === 'huawei')!;
      const refused = await admin('topics', 'add huawei "huawei handsets"');
      expect(refused.text).toMatch(/huawei is a built-in topic/);
      expect(refused.text).toMatch(/--replace/);
      expect(await p.core.topics.resolve(p.tenant, 'huawei')).toEqual(builtIn);

      const replaced = await admin('topics', 'add huawei "huawei handsets" --replace');
      expect(replaced.text).toMatch(/Saved topic huawei/);
      expect((await p.core.topics.resolve(p.tenant, 'huawei')).query).toBe('huawei handsets');
      const listed = await p.send('topics', 'list');
      expect(listed.text).toMatch(/huawei \(customised built-in\)/);

      const removed = await admin('topics', 'remove huawei');
      expect(removed.text).toMatch(/built-in topic Huawei is back/);
      expect(await p.core.topics.resolve(p.tenant, 'huawei')).toEqual(builtIn);
      const again = await p.send('topics', 'list');
      expect(again.text).not.toMatch(/customised built-in/);
      // Another tenant never saw any of it.
      expect(await p.core.topics.resolve(other(), 'huawei')).toEqual(builtIn);
    }, 60_000);

    it('closes an open quote at the end, keeps the filters after it, and says how it read the query', async () => {
      const found = await p.send('news', '"spying claims');
      expect(found.text).toContain('China slams');
      expect(found.text).toContain('Read as: "spying claims"');
      const filtered = await p.send('news', '"spying claims source:nowhere-press');
      expect(filtered.text).toMatch(/none pass your filters/);
      expect(filtered.text).toContain('Read as: "spying claims" source:nowhere-press');
    }, 60_000);

    it('escapes a hostile headline and summary for the platform', async () => {
      // The query is echoed in the reply's title (and Slack's fallback text), so it carries markup too.
      const seen = await p.send('news', 'zanzibarquux *bold*');
      expect(seen.text).toMatch(/Zanzibarquux/);
      checkEscaped(seen);
    }, 60_000);
  });
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOpmlSources, toOpml } from '../../src/ingest/opml.ts';

describe('OPML', () => {
  it('the starter list names real tech-policy sources as https feeds, regulators and press alike', () => {
    const sources = parseOpmlSources(
      readFileSync(new URL('../../sources/starter.opml', import.meta.url), 'utf8'),
    );
    expect(sources.length).toBeGreaterThanOrEqual(15);
    for (const source of sources) expect(source.url, source.name).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    const hosts = sources.map((s) => new URL(s.url).hostname);
    for (const regulator of [
      'www.ftc.gov',
      'www.fcc.gov',
      'ec.europa.eu',
      'www.ofcom.org.uk',
      'ico.org.uk',
      'www.gov.uk',
    ])
      expect(hosts).toContain(regulator);
    expect(new Set(sources.map((s) => s.url)).size).toBe(sources.length);
  });

  it('round-trips sources through export and import, nested folders included', () => {
    const exported = toOpml(
      'Mine',
      [{ name: 'A & B', url: 'https://a.example/feed?x=1&y=2' }],
      new Date('2024-01-01'),
    );
    expect(parseOpmlSources(exported)).toEqual([{ name: 'A & B', url: 'https://a.example/feed?x=1&y=2' }]);
    const nested = `<opml version="1.0"><body><outline text="Folder"><outline text="Inner" xmlUrl="https://in.example/rss"/></outline></body></opml>`;
    expect(parseOpmlSources(nested)).toEqual([{ name: 'Inner', url: 'https://in.example/rss' }]);
  });

  it('exports an empty list as a valid, empty OPML document', () => {
    expect(parseOpmlSources(toOpml('None <yet>', [], new Date('2024-01-01')))).toEqual([]);
  });

  it('says what is wrong with a file that is not OPML', () => {
    expect(() => parseOpmlSources('<html><body>nope</body></html>')).toThrow(/not a readable OPML file/);
  });
});

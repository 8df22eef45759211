import type { Topic } from '../ports/topic-service.ts';
import { analyze, type PositionedTerm } from '../search/analyzer.ts';
import { phraseOf } from '../search/query-parser.ts';

/** A topic compiled for matching: each alias as stems with word offsets. */
export interface CompiledTopic {
  name: string;
  phrases: { term: string; offset: number }[][];
}

/** Compiles a topic's aliases (and, for tenant topics, its query) into stem phrases. */
export function compileTopic(topic: Topic): CompiledTopic {
  const texts = topic.builtIn ? topic.aliases : [topic.query, ...topic.aliases];
  const phrases = texts.map((text) => phraseOf(text).terms).filter((terms) => terms.length > 0);
  return { name: topic.name, phrases };
}

/** Body words under which one body mention is enough (a short item names its subject once). */
const SHORT_BODY = 250;
/** Only the start of very long articles is read for tags; the subject is named early. */
const MAX_TAG_WORDS = 5000;

function matchesAt(terms: PositionedTerm[], i: number, phrase: { term: string; offset: number }[]): boolean {
  const start = terms[i]!.position;
  let j = i;
  for (let k = 1; k < phrase.length; k++) {
    const want = start + phrase[k]!.offset;
    while (j < terms.length && terms[j]!.position < want) j++;
    if (j >= terms.length || terms[j]!.position !== want || terms[j]!.term !== phrase[k]!.term) return false;
  }
  return true;
}

/** Counts each topic's alias occurrences in one pass over the words, looking phrases up by first word. */
function countByTopic(
  terms: PositionedTerm[],
  byFirst: Map<string, { topic: number; phrase: { term: string; offset: number }[] }[]>,
  counts: number[],
): void {
  for (let i = 0; i < terms.length; i++) {
    const candidates = byFirst.get(terms[i]!.term);
    if (!candidates) continue;
    for (const { topic, phrase } of candidates) if (matchesAt(terms, i, phrase)) counts[topic]!++;
  }
}

/**
 * Topic names an article belongs to: an alias in the title, or aliases at least twice in the body
 * (once for a short item), so a passing mention does not tag.
 */
export function tagArticle(article: { title: string; text: string }, topics: CompiledTopic[]): string[] {
  const byFirst = new Map<string, { topic: number; phrase: { term: string; offset: number }[] }[]>();
  topics.forEach((topic, index) => {
    for (const phrase of topic.phrases) {
      const first = phrase[0]!.term;
      const list = byFirst.get(first);
      if (list) list.push({ topic: index, phrase });
      else byFirst.set(first, [{ topic: index, phrase }]);
    }
  });
  const title = analyze(article.title, 200);
  const body = analyze(article.text, MAX_TAG_WORDS);
  const inTitle = topics.map(() => 0);
  const inBody = topics.map(() => 0);
  countByTopic(title, byFirst, inTitle);
  countByTopic(body, byFirst, inBody);
  const short = body.length < SHORT_BODY;
  return topics
    .filter((_, i) => inTitle[i]! > 0 || inBody[i]! >= 2 || (short && inBody[i]! >= 1))
    .map((topic) => topic.name);
}

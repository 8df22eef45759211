import type { Article } from '../../src/core/article.ts';
import { makeArticle, NOW } from './articles.ts';

/** The words random articles are made of. */
export const WORDS = (
  'privacy antitrust huawei network chips export control senate ruling court fine regulator cloud ' +
  'security breach election deepfake spectrum auction broadband satellite encryption police camera'
).split(' ');

/** Articles of random policy words from a fixed seed, dated over a year, a few private to one tenant. */
export function randomArticles(count: number, seed = 7): Article[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const words = (n: number) =>
    Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  return Array.from({ length: count }, (_, i) =>
    makeArticle(`r${i}`, {
      title: words(3 + Math.floor(random() * 5)),
      text: words(20 + Math.floor(random() * 200)),
      publishedAt: new Date(NOW.getTime() - Math.floor(random() * 365) * 86_400_000).toISOString(),
      owners: i % 17 === 0 ? ['slack:T1'] : ['*'],
    }),
  );
}

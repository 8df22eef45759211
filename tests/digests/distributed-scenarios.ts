import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { Tenant } from '../../src/core/tenant.ts';
import { until } from '../helpers/wait.ts';
import { type BACKEND_URLS, GUILD, openCluster, SLACK_CHANNELS, SLACK_TEAM } from './distributed-harness.ts';

const INSTANCES = ['bot-a', 'bot-b', 'bot-c'];
/** Poll clock speed: a source's one-minute interval passes in two real seconds. */
const SPEED = 30;
const INTERVAL_MS = 60_000 / SPEED;

/** Three instances with a one-minute source: the feed is fetched once per interval, not once per instance. */
export async function pollsEachSourceOncePerInterval(backend: keyof typeof BACKEND_URLS): Promise<void> {
  const cluster = await openCluster(backend);
  try {
    const tenant: Tenant = { platform: 'console', id: 'dist' };
    await cluster.core.sources.put(tenant, 'loopback', {
      id: 'loopback',
      url: cluster.feedUrl,
      name: 'Loopback Policy',
      intervalMinutes: 1,
      createdAt: new Date().toISOString(),
      addedBy: 'test',
      health: { itemsSeen: 0, failures: 0 },
    });
    await Promise.all(INSTANCES.map((name) => cluster.spawnBot(name, SPEED)));
    await until(() => cluster.feedFetches.length >= 1, 20_000, 'the first poll');
    const first = cluster.feedFetches[0]!;
    await sleep(4 * INTERVAL_MS + INTERVAL_MS / 2);
    const fetches = cluster.feedFetches.filter((at) => at <= first + 4 * INTERVAL_MS + INTERVAL_MS / 2);
    // Four and a half intervals after the first fetch: five fetches at most, and never two in one interval.
    expect(fetches.length).toBeGreaterThanOrEqual(4);
    expect(fetches.length).toBeLessThanOrEqual(5);
    const gaps = fetches.slice(1).map((at, index) => at - fetches[index]!);
    for (const gap of gaps) expect(gap).toBeGreaterThan(INTERVAL_MS * 0.8);
  } finally {
    await cluster.close();
  }
}

/** What the kill scenario saw, for the report. */
export interface KillReport {
  kills: number;
  /** Kills of an instance whose post the platform had accepted but not yet answered. */
  killsInAcceptWindow: number;
  posts: number;
}

/**
 * Three instances deliver twelve digests (six Slack, six Discord channels) while instances are killed with
 * SIGKILL: first one caught between the platform's accept and its answer, then at random moments. Every
 * channel still shows its digest exactly once.
 */
export async function deliversEachDigestOnceThroughKills(
  backend: keyof typeof BACKEND_URLS,
  budgetMs: number,
): Promise<KillReport> {
  const cluster = await openCluster(backend);
  const report: KillReport = { kills: 0, killsInAcceptWindow: 0, posts: 0 };
  try {
    await cluster.addArticle('Huawei cleared to supply network parts');
    cluster.slack.acceptDelayMs = 1_200;
    cluster.discord.acceptDelayMs = 1_200;
    await Promise.all(INSTANCES.map((name) => cluster.spawnBot(name, 1)));
    const slackTenant: Tenant = { platform: 'slack', id: SLACK_TEAM.teamId };
    const discordTenant: Tenant = { platform: 'discord', id: GUILD.id };
    for (const channel of SLACK_CHANNELS) await cluster.subscribe(slackTenant, channel);
    for (const channel of GUILD.channelIds) await cluster.subscribe(discordTenant, channel);

    const inAccept = (name: string) =>
      (cluster.slack.answering.get(name) ?? 0) + (cluster.discord.answering.get(name) ?? 0) > 0;
    const delivered = () =>
      SLACK_CHANNELS.filter((c) => cluster.slack.posted.some((p) => p.channel === c)).length +
      GUILD.channelIds.filter((c) => cluster.discord.messages(c).length > 0).length;
    const restarts: Promise<unknown>[] = [];
    const killAndRestart = async (name: string) => {
      report.kills++;
      if (inAccept(name)) report.killsInAcceptWindow++;
      await cluster.kill(name);
      // Not awaited: the others go on delivering (and being killed) while this one starts again.
      restarts.push(cluster.spawnBot(name, 1).catch(() => undefined));
    };

    // The first kill lands exactly between the platform's accept and the bot learning of it.
    await until(() => INSTANCES.some(inAccept), 20_000, 'a post in flight');
    await killAndRestart(INSTANCES.find(inAccept)!);
    const stopAt = Date.now() + budgetMs;
    while (Date.now() < stopAt && delivered() < 12) {
      await sleep(200 + Math.random() * 900);
      // One ready instance at least is left to kill; half the time the victim has a post accepted but unanswered.
      const running = [...cluster.ready];
      if (running.length < 1) continue;
      const accepting = running.filter(inAccept);
      const pool = accepting.length > 0 && Math.random() < 0.5 ? accepting : running;
      await killAndRestart(pool[Math.floor(Math.random() * pool.length)]!);
    }
    await until(() => delivered() === 12, 90_000, 'every digest');
    await Promise.all(restarts);
    // A few more ticks and lease expiries, in which a repeat would show up.
    await sleep(4_000);
    for (const channel of SLACK_CHANNELS)
      expect(
        cluster.slack.posted.filter((p) => p.channel === channel),
        channel,
      ).toHaveLength(1);
    for (const channel of GUILD.channelIds)
      expect(cluster.discord.messages(channel), channel).toHaveLength(1);
    report.posts =
      cluster.slack.posted.length + GUILD.channelIds.flatMap((c) => cluster.discord.messages(c)).length;
    expect(report.killsInAcceptWindow).toBeGreaterThanOrEqual(1);
    return report;
  } finally {
    await cluster.close();
  }
}

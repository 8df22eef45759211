import { z } from 'zod';
import { followTargetSchema } from './follow-id.ts';

/** Days before a comment period closes that a followed item's thread gets a reminder, by default. */
export const DEFAULT_REMINDER_DAYS = [7, 1];

/** What the follow job remembers about one document of a followed item, to tell what changed. */
export const knownDocumentSchema = z.object({
  status: z.string().optional(),
  statusOn: z.string().optional(),
  closesOn: z.string().optional(),
});

/** A channel's follow of one item: what it is, where its card is, what the thread has been told. */
export const followSchema = z.object({
  channelId: z.string().min(1).max(100),
  target: followTargetSchema,
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().optional(),
  /** The URLs of the sources this follow added for the poller, removed again when nothing else needs them. */
  sourceUrls: z.array(z.string()).default([]),
  /** The item's card in the channel: replies about changes go in its thread. */
  card: z.object({ messageId: z.string().min(1), postedAt: z.string() }).optional(),
  /** Documents of the item the thread already knows, by article id. */
  known: z.record(z.string(), knownDocumentSchema).default({}),
});

/** One follow. */
export type Follow = z.infer<typeof followSchema>;
/** What is remembered about one document of a followed item. */
export type KnownDocument = z.infer<typeof knownDocumentSchema>;

/** A channel's follow settings: when its reminders go out. */
export const followSettingsSchema = z.object({
  channelId: z.string().min(1).max(100),
  /** Days before closing that a reminder goes out; empty for none. */
  reminderDays: z.array(z.number().int().min(1).max(60)).max(5).default(DEFAULT_REMINDER_DAYS),
  /** IANA zone for reminders; when absent, the channel's digest zone, else UTC. */
  timeZone: z.string().optional(),
});

/** A channel's follow settings. */
export type FollowSettings = z.infer<typeof followSettingsSchema>;

/** The record id of a follow: channel and item, so each channel follows each item once. */
export function followIdOf(channelId: string, target: { kind: string; id: string }): string {
  return `${channelId}|${target.kind}:${target.id}`;
}

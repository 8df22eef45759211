import { z } from 'zod';
import type { GroupMention } from '../../src/core/ports/chat-adapter.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import type { TenantStore } from '../../src/core/ports/tenant-store.ts';
import { tenantSchema } from '../../src/core/tenant.ts';
import { MAX_TOPICS } from '../subscription.ts';
import { canonicalTimeZone, localTimeOf } from '../zoned-time.ts';

/** Mention notifications one channel gets per hour unless told otherwise. */
export const DEFAULT_MENTIONS_PER_HOUR = 3;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** A channel's mention rules: which topic pings which group, and the channel's noise controls. */
export const mentionRulesSchema = z.object({
  tenant: tenantSchema,
  channelId: z.string().min(1).max(100),
  rules: z
    .array(
      z.object({
        topic: z.string().min(1).max(200),
        group: z.object({ id: z.string().min(1).max(40), label: z.string().max(100).optional() }),
      }),
    )
    .max(MAX_TOPICS),
  /** The channel's time zone, for quiet hours. */
  timeZone: z.string().refine((zone) => canonicalTimeZone(zone) === zone, 'an IANA time zone'),
  /** No mention is posted from `from` to `to` local time (it may wrap past midnight). */
  quietHours: z.object({ from: timeOfDay, to: timeOfDay }).optional(),
  perHour: z.number().int().min(1).max(60).default(DEFAULT_MENTIONS_PER_HOUR),
  createdBy: z.string().optional(),
  updatedAt: z.string(),
});

/** A channel's mention rules. */
export type MentionRules = z.infer<typeof mentionRulesSchema>;

/** What the mention job remembers per channel: how far it looked and what it posted lately. */
export const mentionStateSchema = z.object({
  checkedUntil: z.string().optional(),
  /** When each mention of the trailing hour went out: the per-channel cap counts these. */
  recent: z.array(z.string()).default([]),
});

/** A channel's mention state. */
export type MentionState = z.infer<typeof mentionStateSchema>;

/** One article announced in one channel. */
const announcedSchema = z.object({ channelId: z.string(), articleId: z.string(), at: z.string() });
/** An announced article. */
export type Announced = z.infer<typeof announcedSchema>;

/** The namespaces of mention notifications. */
export interface MentionStores {
  rules: TenantStore<MentionRules>;
  state: TenantStore<MentionState>;
  /** Articles already announced in a channel (`<channel>:<article>`), so a story that grows is not announced again. */
  announced: TenantStore<Announced>;
}

/** Opens the mention namespaces. */
export function mentionStores(stores: Stores): MentionStores {
  return {
    rules: stores.tenantStore('mention_rules', mentionRulesSchema),
    state: stores.tenantStore('mention_state', mentionStateSchema),
    announced: stores.tenantStore('mention_announced', announcedSchema),
  };
}

/** True when `now` falls in the channel's quiet hours, read in its own time zone. */
export function inQuietHours(rules: Pick<MentionRules, 'quietHours' | 'timeZone'>, now: Date): boolean {
  const quiet = rules.quietHours;
  if (!quiet || quiet.from === quiet.to) return false;
  const local = localTimeOf(now, rules.timeZone);
  return quiet.from < quiet.to
    ? local >= quiet.from && local < quiet.to
    : local >= quiet.from || local < quiet.to;
}

/**
 * Reads a group as typed: a Slack user group (`<!subteam^S123|@team>`, `<!subteam^S123>`, `S123`) or a
 * Discord role (`<@&123…>`, or its bare id). Undefined for anything else, such as a plain `@team`,
 * which only the platform can turn into an id.
 */
export function parseGroupMention(text: string): GroupMention | undefined {
  const value = text.trim();
  const slack = /^<!subteam\^(S[A-Z0-9]{2,20})(?:\|(@?[^<>|]{1,80}))?>$/.exec(value);
  if (slack) return { id: slack[1]!, ...(slack[2] ? { label: slack[2] } : {}) };
  const role = /^<@&(\d{15,22})>$/.exec(value) ?? /^(\d{15,22})$/.exec(value);
  if (role) return { id: role[1]! };
  if (/^S[A-Z0-9]{6,20}$/.test(value)) return { id: value };
  return undefined;
}

/** Reads `22:00-07:00` as quiet hours; `off` clears them (null); undefined when unreadable. */
export function parseQuietHours(text: string): { from: string; to: string } | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === 'none') return null;
  const match = /^(\d{1,2}):?(\d{2})\s*[-–]\s*(\d{1,2}):?(\d{2})$/.exec(value);
  if (!match) return undefined;
  const pad = (hours: string, minutes: string) => `${hours.padStart(2, '0')}:${minutes}`;
  const from = pad(match[1]!, match[2]!);
  const to = pad(match[3]!, match[4]!);
  return timeOfDay.safeParse(from).success && timeOfDay.safeParse(to).success ? { from, to } : undefined;
}

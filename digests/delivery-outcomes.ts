import type { Subscription } from './subscription.ts';

/**
 * What the digest job reports about each channel's deliveries, for whoever must act on them (the
 * incident alerts). Kept as a small callback port so the job itself knows nothing about alerts.
 */
export interface DeliveryOutcomes {
  /** A digest could not be delivered for good (no access, channel archived, retries used up). */
  failed(subscription: Subscription, error: string, failingSince: string): Promise<void>;
  /** A digest was delivered (or had nothing to say): a failing subscription works again. */
  delivered(subscription: Subscription): Promise<void>;
}

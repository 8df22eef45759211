import type { RunCoordinator } from 'node-cron';

/** Where one delivery stands. `claimed` is a lease; the other states are final. */
export type LedgerState = 'claimed' | 'delivered' | 'skipped' | 'failed';

/** A ledger entry for one (subscription, local date). */
export interface LedgerEntry {
  key: string;
  state: LedgerState;
  owner: string;
  attempts: number;
  digestId?: string;
  late?: boolean;
}

/** The answer to a claim. */
export type ClaimOutcome =
  /** This caller now holds the lease and must deliver, then `complete`. */
  | { status: 'claimed'; attempt: number }
  /** Someone else holds a live lease. */
  | { status: 'held' }
  /** The delivery already reached a final state. */
  | { status: 'done'; entry: LedgerEntry }
  /** Leases expired too often (each a crashed delivery): the entry is now `failed` and this caller says so. */
  | { status: 'exhausted'; attempts: number };

/** How a claimed delivery ended. */
export interface Completion {
  state: 'delivered' | 'skipped' | 'failed';
  digestId?: string;
  late?: boolean;
}

/**
 * The delivery ledger: one entry per (subscription, local date), claimed atomically on the shared store.
 * claim → deliver → complete; a claim whose process died expires after its lease and is claimed again, at
 * most MAX_ATTEMPTS times in all. Exactly one caller ever sees `claimed` for a live lease.
 */
export interface DeliveryLedger {
  readonly backend: 'sqlite' | 'postgres' | 'redis';
  claim(key: string, owner: string, leaseMs: number): Promise<ClaimOutcome>;
  /** Finalises a claim; false when the lease was lost (expired and taken by another instance). */
  complete(key: string, owner: string, completion: Completion): Promise<boolean>;
  get(key: string): Promise<LedgerEntry | undefined>;
  /** node-cron's distributed-mode coordinator on the same store: one instance runs each tick. */
  coordinator(): RunCoordinator;
  close(): Promise<void>;
}

/** Claims per delivery: the first, then two retries after crashed attempts. */
export const MAX_ATTEMPTS = 3;
/** How long final entries and tick keys are kept; the scheduler looks back eight days at most. */
export const RETENTION_MS = 40 * 86_400_000;

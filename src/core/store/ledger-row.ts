import type { LedgerEntry, LedgerState } from '../ports/delivery-ledger.ts';

/** A ledger row as both SQL backends store it; drivers differ only in how numbers and booleans come back. */
export interface LedgerRow {
  key: string;
  state: LedgerState;
  owner: string;
  attempts: number | string;
  lease_until: number | string;
  digest_id: string | null;
  late: boolean | number | null;
}

/** The ledger entry a row stands for (SQLite returns 0/1 for booleans, pg a string for BIGINT). */
export function ledgerEntryOf(row: LedgerRow): LedgerEntry {
  return {
    key: row.key,
    state: row.state,
    owner: row.owner,
    attempts: Number(row.attempts),
    ...(row.digest_id ? { digestId: row.digest_id } : {}),
    ...(row.late === null ? {} : { late: row.late === true || row.late === 1 }),
  };
}

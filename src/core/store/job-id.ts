import { createHash } from 'node:crypto';

/**
 * A job id both engines accept, derived from the unit of work's name: BullMQ refuses ids with `:` or that
 * look like integers, pg-boss wants a UUID. The same name always gives the same id, so the engine's own
 * uniqueness on ids is what keeps a unit of work from being queued twice.
 */
export function engineJobId(name: string, form: 'hex' | 'uuid'): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32);
  if (form === 'hex') return `j${hex}`;
  // Version and variant nibbles set, so strict UUID parsers accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A store prefix as table and key names need it: plain identifier characters, `pw` when none is left. */
export function safePrefix(prefix: string | undefined): string {
  return (prefix ?? 'pw').replace(/[^A-Za-z0-9_]/g, '') || 'pw';
}

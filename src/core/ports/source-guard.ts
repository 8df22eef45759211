/** Checks a source URL before it is followed (the SSRF guard, injected by the composition root). */
export interface SourceUrlGuard {
  /**
   * `reason` and `hint` (the setting an operator changes) are safe to show the user; `detail` (what the
   * host resolved to) is for the log only.
   * `unresolved`: the host has no DNS answer right now, which is not a refusal (it is checked again on every fetch). */
  check(
    url: string,
  ): Promise<
    { ok: true } | { ok: false; reason: string; detail?: string; hint?: string; unresolved?: boolean }
  >;
}

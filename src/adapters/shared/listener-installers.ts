/** Registers one family of listeners (a command, an event type…) on a platform client. */
export type ListenerInstaller<Target, Deps> = (target: Target, deps: Deps) => void;

/** Runs every installer on the target, in order: how each adapter registers its listener families. */
export function installListeners<Target, Deps>(
  target: Target,
  deps: Deps,
  installers: readonly ListenerInstaller<Target, Deps>[],
): void {
  for (const install of installers) install(target, deps);
}

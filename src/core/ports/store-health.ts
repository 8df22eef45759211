/** Whether the store answers, as seen by this process; outages are logged once, not per failed call. */
export interface StoreHealth {
  /** The last probe's verdict (true until a probe or a failure says otherwise). */
  readonly reachable: boolean;
  /** When the current outage began (ms since epoch), if the store is down. */
  readonly downSince?: number;
  /** Probes now (unless one just found the store down); resolves with the verdict within the probe timeout. */
  check(): Promise<boolean>;
  /** Stops the background probe. */
  close(): void;
}

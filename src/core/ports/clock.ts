/** The source of "now", injected wherever time matters so tests drive it. */
export interface Clock {
  now(): Date;
}

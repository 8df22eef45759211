/** One day's story count for one topic in a topic-volume chart. */
export interface DayCount {
  /** YYYY-MM-DD in UTC. */
  day: string;
  count: number;
}

/** Stories per day of one topic over a window, with this week's and last week's totals. */
export interface TopicVolume {
  topic: string;
  label: string;
  days: DayCount[];
  thisWeek: number;
  lastWeek: number;
}

/** What a topic-volume chart shows: one or more topics over the same days. */
export interface TopicVolumeChart {
  title: string;
  /** Inclusive first and last day shown, YYYY-MM-DD. */
  from: string;
  until: string;
  topics: TopicVolume[];
}

/** A rendered picture: PNG bytes, its size and a text alternative for screen readers and fallbacks. */
export interface ChartImage {
  png: Uint8Array;
  width: number;
  height: number;
  alt: string;
}

/** The chart port: turns chart data into a PNG, with no knowledge of where the data came from. */
export interface ChartRenderer {
  /** Renders a topic-volume chart; rejects only on a renderer fault, never on empty data. */
  topicVolume(chart: TopicVolumeChart): Promise<ChartImage>;
}

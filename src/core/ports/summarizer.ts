/** What a summarizer needs: the headline (never repeated) and the cleaned body. */
export interface SummaryInput {
  title: string;
  text: string;
}

/** The summarizer port: 2–3 sentences that say what the article says. */
export interface Summarizer {
  readonly name: string;
  summarize(input: SummaryInput): Promise<string>;
}

/** Discord's documented message and embed limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author name over all embeds of one message. */
  embedTotal: 6000,
  content: 2000,
} as const;

/** Discord's rules for application commands (discord.com/developers/docs/interactions/application-commands). */
export const COMMAND_LIMITS = {
  /** Names: lower-case where the script has case, 1–32 characters. */
  namePattern: /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  stringLength: 6000,
  /** Name, description and every option's name, description and choice names and values together. */
  totalCharacters: 4000,
} as const;

import type { Json } from '../../fakes/fake-discord.ts';

/**
 * Discord's published limits, written out independently of the code under test, so a test fails
 * when the renderer or the registration builder breaks one of them.
 */

/** Embed limits: discord.com/developers/docs/resources/message#embed-object-embed-limits. */
export function messageViolations(message: { content?: string; embeds: Json[] }): string[] {
  const problems: string[] = [];
  if ((message.content?.length ?? 0) > 2000) problems.push(`content ${message.content?.length} > 2000`);
  if (message.embeds.length > 10) problems.push(`${message.embeds.length} embeds > 10`);
  if (message.embeds.length === 0 && !message.content) problems.push('empty message');
  let total = 0;
  for (const [i, embed] of message.embeds.entries()) {
    const title = embed.title?.length ?? 0;
    const description = embed.description?.length ?? 0;
    const footer = embed.footer?.text?.length ?? 0;
    const author = embed.author?.name?.length ?? 0;
    if (title > 256) problems.push(`embed ${i} title ${title} > 256`);
    if (description > 4096) problems.push(`embed ${i} description ${description} > 4096`);
    if (footer > 2048) problems.push(`embed ${i} footer ${footer} > 2048`);
    if (author > 256) problems.push(`embed ${i} author ${author} > 256`);
    const fields = embed.fields ?? [];
    if (fields.length > 25) problems.push(`embed ${i} has ${fields.length} fields > 25`);
    total += title + description + footer + author;
    for (const field of fields) {
      if (field.name.length > 256 || field.name.length === 0)
        problems.push(`embed ${i} field name ${field.name.length}`);
      if (field.value.length > 1024 || field.value.length === 0)
        problems.push(`embed ${i} field value ${field.value.length}`);
      total += field.name.length + field.value.length;
    }
    if (embed.url !== undefined && !/^https?:\/\//.test(embed.url))
      problems.push(`embed ${i} url ${embed.url}`);
    if (embed.timestamp !== undefined && Number.isNaN(Date.parse(embed.timestamp)))
      problems.push(`embed ${i} timestamp`);
  }
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  return problems;
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Application command rules: discord.com/developers/docs/interactions/application-commands. */
export function commandViolations(command: Json): string[] {
  const problems: string[] = [];
  const where = `/${command.name}`;
  const checkName = (name: string, what: string) => {
    if (!NAME.test(name)) problems.push(`${what} "${name}" does not match Discord's name pattern`);
    if (name !== name.toLowerCase()) problems.push(`${what} "${name}" is not lower-case`);
  };
  checkName(command.name, `${where} name`);
  if (command.type !== undefined && command.type !== 1) problems.push(`${where} is not a chat-input command`);
  const description = command.description ?? '';
  if (description.length < 1 || description.length > 100)
    problems.push(`${where} description ${description.length}`);
  const options: Json[] = command.options ?? [];
  if (options.length > 25) problems.push(`${where} has ${options.length} options > 25`);
  let characters = command.name.length + description.length;
  let seenOptional = false;
  const names = new Set<string>();
  for (const option of options) {
    checkName(option.name, `${where} option`);
    if (names.has(option.name)) problems.push(`${where} option ${option.name} twice`);
    names.add(option.name);
    if (![3, 4, 5, 10].includes(option.type))
      problems.push(`${where} ${option.name} has type ${option.type}`);
    const d = option.description ?? '';
    if (d.length < 1 || d.length > 100) problems.push(`${where} ${option.name} description ${d.length}`);
    characters += option.name.length + d.length;
    if (option.required) {
      if (seenOptional) problems.push(`${where} required option ${option.name} after an optional one`);
    } else seenOptional = true;
    if (option.choices) {
      if (option.choices.length > 25)
        problems.push(`${where} ${option.name} has ${option.choices.length} choices`);
      if (option.autocomplete) problems.push(`${where} ${option.name} has both choices and autocomplete`);
      for (const choice of option.choices) {
        if (choice.name.length < 1 || choice.name.length > 100)
          problems.push(`${where} choice name ${choice.name}`);
        if (typeof choice.value === 'string' && choice.value.length > 100)
          problems.push(`${where} choice value`);
        characters += choice.name.length + String(choice.value).length;
      }
    }
    if (option.autocomplete && option.type !== 3 && option.type !== 4 && option.type !== 10) {
      problems.push(`${where} ${option.name} autocomplete on a non-text option`);
    }
    if (option.min_length !== undefined && (option.min_length < 0 || option.min_length > 6000))
      problems.push('min_length');
    if (option.max_length !== undefined && (option.max_length < 1 || option.max_length > 6000))
      problems.push('max_length');
  }
  if (characters > 4000) problems.push(`${where} has ${characters} characters > 4000`);
  if (command.default_member_permissions !== null && command.default_member_permissions !== undefined) {
    if (!/^\d+$/.test(command.default_member_permissions))
      problems.push(`${where} permissions not a bit-set string`);
  }
  return problems;
}

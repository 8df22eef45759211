import type { types } from '@slack/bolt';
import { HOME_FORMS } from './home-ids.ts';

/** What a modal's inputs hold on submission: `view.state.values[block_id][action_id]`. */
export type FormValues = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_time?: string | null; selected_conversation?: string | null }
  >
>;

/** The action id of every input element in the Home forms: one element per input block. */
const INPUT = 'value';

/**
 * One Home modal and how its answers become a shared command's options. The command (and its zod
 * schema) decides what is valid; `fields` says which input block shows an option's error.
 */
export interface HomeForm {
  callbackId: string;
  /** The shared command the submission runs, e.g. `sources`. */
  command: string;
  view(): types.ModalView;
  /** The command's raw options (unchecked) and, for a channel's digest, the channel chosen. */
  read(values: FormValues): { options: Record<string, unknown>; channelId?: string };
  /** Option name → the input block its errors are shown under. */
  fields: Readonly<Record<string, string>>;
  /** Where an error about the whole submission is shown. */
  primary: string;
  /** The command runs in a channel the form names (a channel's digest), in the `channel` input. */
  needsChannel?: boolean;
}

/** "Add source": the same options as `/news sources add <url> [name]`. */
export const sourceForm: HomeForm = {
  callbackId: HOME_FORMS.source,
  command: 'sources',
  fields: { target: 'url', name: 'name', action: 'url' },
  primary: 'url',
  view: () =>
    modal(HOME_FORMS.source, 'Add a source', 'Add source', [
      textInput('url', 'Feed or page URL', 'https://www.ftc.gov/feeds/press-release.xml', {
        hint: 'A public http(s) RSS or Atom feed, or a news page that links one.',
      }),
      textInput('name', 'Name', 'FTC press releases', {
        optional: true,
        hint: 'Leave empty to use the host name.',
      }),
    ]),
  read: (values) => ({
    options: {
      action: 'add',
      ...present('target', text(values, 'url')),
      ...present('name', text(values, 'name')),
    },
  }),
};

/** "Add subscription": `/news subscribe <topic> [at] [tz] [days]` run as if in the chosen channel. */
export const subscriptionForm: HomeForm = {
  callbackId: HOME_FORMS.subscription,
  command: 'subscribe',
  fields: { topic: 'topic', at: 'at', tz: 'tz', days: 'days' },
  primary: 'topic',
  needsChannel: true,
  view: () =>
    modal(HOME_FORMS.subscription, 'Add a subscription', 'Subscribe', [
      {
        type: 'input',
        block_id: 'channel',
        label: { type: 'plain_text', text: 'Channel' },
        hint: {
          type: 'plain_text',
          text: 'The digest is posted here; invite @Policy Wire to a private channel.',
        },
        element: {
          type: 'conversations_select',
          action_id: INPUT,
          filter: {
            include: ['public', 'private'],
            exclude_bot_users: true,
            exclude_external_shared_channels: true,
          },
        },
      },
      textInput('topic', 'Topic', 'export-controls, or words to search for', {
        hint: 'A topic name from /news topics, or any search words.',
      }),
      {
        type: 'input',
        block_id: 'at',
        optional: true,
        label: { type: 'plain_text', text: 'Time of day' },
        element: { type: 'timepicker', action_id: INPUT },
      },
      textInput('tz', 'Time zone', 'Europe/London', {
        optional: true,
        hint: 'An IANA name; UTC when empty.',
      }),
      textInput('days', 'Days', 'weekdays', {
        optional: true,
        hint: 'weekdays, weekends, daily or mon,wed,fri; every day when empty.',
      }),
    ]),
  read: (values) => ({
    options: {
      ...present('topic', text(values, 'topic')),
      ...present('at', values.at?.[INPUT]?.selected_time ?? undefined),
      ...present('tz', text(values, 'tz')),
      ...present('days', text(values, 'days')),
    },
    ...present('channelId', values.channel?.[INPUT]?.selected_conversation ?? undefined),
  }),
};

/** The Home forms by callback id. */
export const HOME_FORM_LIST: readonly HomeForm[] = [sourceForm, subscriptionForm];

function modal(
  callbackId: string,
  title: string,
  submit: string,
  blocks: types.KnownBlock[],
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

function textInput(
  blockId: string,
  label: string,
  placeholder: string,
  options: { optional?: boolean; hint?: string },
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      placeholder: { type: 'plain_text', text: placeholder },
      max_length: 2000,
    },
  };
}

/** A text input's answer, or undefined when it was left empty. */
function text(values: FormValues, blockId: string): string | undefined {
  const value = values[blockId]?.[INPUT]?.value;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** `{ [key]: value }`, or nothing when the value is absent, so no option is set to undefined. */
function present(key: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [key]: value };
}

import { z } from 'zod';

/**
 * Block Kit's documented limits for Home tabs and modals, as a strict zod schema: an unknown field,
 * a wrong type or an overlong text all fail it, as Slack's views.publish and views.open would.
 */

const plainText = (max: number) =>
  z.strictObject({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const mrkdwn = (max: number) =>
  z.strictObject({
    type: z.literal('mrkdwn'),
    text: z.string().min(1).max(max),
    verbatim: z.boolean().optional(),
  });
const anyText = (max: number) => z.union([plainText(max), mrkdwn(max)]);

const actionId = z.string().min(1).max(255);
const blockId = z.string().min(1).max(255).optional();

const confirm = z.strictObject({
  title: plainText(100),
  text: anyText(300),
  confirm: plainText(30),
  deny: plainText(30),
  style: z.enum(['primary', 'danger']).optional(),
});

const button = z.strictObject({
  type: z.literal('button'),
  action_id: actionId,
  text: plainText(75),
  value: z.string().max(2000).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  confirm: confirm.optional(),
  accessibility_label: z.string().max(75).optional(),
});

const plainTextInput = z.strictObject({
  type: z.literal('plain_text_input'),
  action_id: actionId,
  placeholder: plainText(150).optional(),
  initial_value: z.string().optional(),
  multiline: z.boolean().optional(),
  min_length: z.number().int().min(0).max(3000).optional(),
  max_length: z.number().int().min(1).max(3000).optional(),
  focus_on_load: z.boolean().optional(),
});

const conversationsSelect = z.strictObject({
  type: z.literal('conversations_select'),
  action_id: actionId,
  placeholder: plainText(150).optional(),
  initial_conversation: z.string().optional(),
  default_to_current_conversation: z.boolean().optional(),
  filter: z
    .strictObject({
      include: z
        .array(z.enum(['im', 'mpim', 'private', 'public']))
        .min(1)
        .optional(),
      exclude_external_shared_channels: z.boolean().optional(),
      exclude_bot_users: z.boolean().optional(),
    })
    .optional(),
  focus_on_load: z.boolean().optional(),
});

const timepicker = z.strictObject({
  type: z.literal('timepicker'),
  action_id: actionId,
  placeholder: plainText(150).optional(),
  initial_time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  focus_on_load: z.boolean().optional(),
});

const block = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), block_id: blockId, text: plainText(150) }),
  z
    .strictObject({
      type: z.literal('section'),
      block_id: blockId,
      text: anyText(3000).optional(),
      fields: z.array(anyText(2000)).min(1).max(10).optional(),
      accessory: button.optional(),
    })
    .refine((section) => section.text || section.fields, 'a section needs text or fields'),
  z.strictObject({
    type: z.literal('context'),
    block_id: blockId,
    elements: z.array(anyText(3000)).min(1).max(10),
  }),
  z.strictObject({ type: z.literal('divider'), block_id: blockId }),
  z.strictObject({ type: z.literal('actions'), block_id: blockId, elements: z.array(button).min(1).max(25) }),
  z.strictObject({
    type: z.literal('input'),
    block_id: blockId,
    label: plainText(2000),
    hint: plainText(2000).optional(),
    optional: z.boolean().optional(),
    element: z.discriminatedUnion('type', [plainTextInput, conversationsSelect, timepicker]),
  }),
]);

/** Block ids must be unique within a view. */
const uniqueBlockIds = (blocks: { block_id?: string | undefined }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    if (b.block_id === undefined) continue;
    if (seen.has(b.block_id))
      ctx.addIssue({ code: 'custom', path: [i, 'block_id'], message: 'duplicate block_id' });
    seen.add(b.block_id);
  }
};

const blocks = z.array(block).max(100).superRefine(uniqueBlockIds);

/** A Home tab as views.publish accepts it. */
export const homeViewSchema = z.strictObject({
  type: z.literal('home'),
  blocks,
  private_metadata: z.string().max(3000).optional(),
  callback_id: z.string().max(255).optional(),
  external_id: z.string().max(255).optional(),
});

/** A modal as views.open accepts it; a modal with inputs needs a submit button. */
export const modalViewSchema = z
  .strictObject({
    type: z.literal('modal'),
    title: plainText(24),
    submit: plainText(24).optional(),
    close: plainText(24).optional(),
    blocks,
    private_metadata: z.string().max(3000).optional(),
    callback_id: z.string().max(255).optional(),
    external_id: z.string().max(255).optional(),
    clear_on_close: z.boolean().optional(),
    notify_on_close: z.boolean().optional(),
    submit_disabled: z.boolean().optional(),
  })
  .refine(
    (view) => view.submit || !view.blocks.some((b) => b.type === 'input'),
    'a modal with inputs needs submit',
  );

/** Every way a view breaks Block Kit's limits, as `path: message`; empty when Slack would take it. */
export function viewViolations(view: unknown): string[] {
  const type = (view as { type?: unknown } | undefined)?.type;
  const result = (type === 'modal' ? modalViewSchema : homeViewSchema).safeParse(view);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

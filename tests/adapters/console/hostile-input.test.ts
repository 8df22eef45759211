import { expect } from 'vitest';
import { dispatchLine } from '../../../commands/dispatch.ts';
import { renderText } from '../../../src/adapters/console/render-text.ts';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { contextFor } from '../../helpers/context.ts';
import { describeHostileInput } from '../../helpers/hostile-scenarios.ts';
import { createSeededCore } from '../../helpers/temp-store.ts';

describeHostileInput(
  'console',
  async () => {
    const t = await createSeededCore();
    return {
      core: t.core,
      stores: t.stores,
      tenant: CONSOLE_TENANT,
      async send(command, text, options = {}) {
        const reply = await dispatchLine(
          `/${command} ${text}`,
          contextFor(t, { tenant: CONSOLE_TENANT, isAdmin: options.admin ?? false }),
        );
        const printed = renderText(reply);
        return { text: printed, raw: reply };
      },
      close: t.close,
    };
  },
  (seen) => {
    // No escape sequence reaches the terminal: ESC shows as its control picture.
    expect(seen.text).not.toContain('\u001b');
    expect(seen.text).toContain('\u241b[31mred');
    expect(seen.text).toContain('*bold*');
  },
);

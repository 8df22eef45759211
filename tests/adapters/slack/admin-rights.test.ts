import { describe, expect, it } from 'vitest';
import { createAdminRights, type UsersInfoClient } from '../../../src/adapters/slack/admin-rights.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';

const tenant = { platform: 'slack' as const, id: 'T1' };

function countingClient(answers: Record<string, object | Error>): UsersInfoClient & { calls: number } {
  const client = {
    calls: 0,
    users: {
      info: async ({ user }: { user: string }) => {
        client.calls += 1;
        const answer = answers[user];
        if (answer instanceof Error) throw answer;
        return { user: answer ?? {} };
      },
    },
  };
  return client;
}

describe('createAdminRights', () => {
  it('trusts users.info for five minutes, then asks again', async () => {
    let now = 0;
    const rights = createAdminRights({ adminUserIds: [], logger: createSilentLogger(), now: () => now });
    const client = countingClient({ U1: { is_admin: true } });
    expect(await rights.isAdmin(client, tenant, 'U1')).toBe(true);
    now += 4 * 60_000;
    expect(await rights.isAdmin(client, tenant, 'U1')).toBe(true);
    expect(client.calls).toBe(1);
    now += 2 * 60_000;
    await rights.isAdmin(client, tenant, 'U1');
    expect(client.calls).toBe(2);
  });

  it('counts owners and primary owners, never guests or deactivated admins', async () => {
    const rights = createAdminRights({ adminUserIds: [], logger: createSilentLogger() });
    const client = countingClient({
      OWNER: { is_owner: true },
      PRIMARY: { is_primary_owner: true },
      GUEST: { is_admin: true, is_restricted: true },
      GONE: { is_admin: true, deleted: true },
      MEMBER: {},
    });
    const answers = await Promise.all(
      ['OWNER', 'PRIMARY', 'GUEST', 'GONE', 'MEMBER'].map((u) => rights.isAdmin(client, tenant, u)),
    );
    expect(answers).toEqual([true, true, false, false, false]);
  });

  it('given users.info fails, says no and asks again after 30 s rather than five minutes', async () => {
    let now = 0;
    const rights = createAdminRights({ adminUserIds: [], logger: createSilentLogger(), now: () => now });
    const client = countingClient({ U1: new Error('missing_scope') });
    expect(await rights.isAdmin(client, tenant, 'U1')).toBe(false);
    now += 31_000;
    await rights.isAdmin(client, tenant, 'U1');
    expect(client.calls).toBe(2);
  });

  it('keeps workspaces apart: an admin in one workspace is asked about again in another', async () => {
    const rights = createAdminRights({ adminUserIds: [], logger: createSilentLogger() });
    const one = countingClient({ U1: { is_admin: true } });
    const two = countingClient({ U1: {} });
    expect(await rights.isAdmin(one, tenant, 'U1')).toBe(true);
    expect(await rights.isAdmin(two, { platform: 'slack', id: 'T2' }, 'U1')).toBe(false);
  });
});

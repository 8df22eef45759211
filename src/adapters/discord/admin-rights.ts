import { PermissionsBitField } from 'discord.js';
import { ADMIN_PERMISSION } from './command-json.ts';

/**
 * The one rule for who is a Policy Wire admin in a guild: Manage Server (or Administrator, which
 * includes it) in the member's permissions there, or a user id in ADMIN_USER_IDS. Slash commands read
 * the permissions from the interaction; the web console from Discord's guild list for the signed-in user.
 */
export function hasDiscordAdminRights(
  permissions: bigint | string | null | undefined,
  userId: string,
  adminUserIds: readonly string[],
): boolean {
  if (adminUserIds.includes(userId)) return true;
  if (permissions === null || permissions === undefined || permissions === '') return false;
  try {
    return new PermissionsBitField(BigInt(permissions)).has(ADMIN_PERMISSION);
  } catch {
    // Not a permission number: no rights rather than an error.
    return false;
  }
}

import type { Clock } from '../clock.js';
import { issueKeyOnAccount, listKeySummaries, revokeApiKey, UnknownAccountError, type KeySummary } from '../domain/accounts.js';
import { InvalidKeySettingsError, type KeySettingProblem, type KeySettings } from '../domain/key-options.js';
import type { Store } from '../store/port.js';

/** What `keys create`, `keys list` and `keys revoke` ask, in or out of a running server. */
export type KeyCommand =
  | { command: 'create'; settings: KeySettings & { accountId?: string } }
  | { command: 'list'; accountId?: string }
  | { command: 'revoke'; key: string };

/** The answer, as plain JSON: the same whether it came from this process or a running server. */
export type KeyCommandResult =
  | { outcome: 'created'; id: string; prefix: string; accountId: string; secret: string }
  | { outcome: 'listed'; keys: KeySummary[] }
  | { outcome: 'revoked' | 'not-revoked'; key: string }
  | { outcome: 'invalid'; problems: KeySettingProblem[] }
  | { outcome: 'no-account'; accountId: string };

/**
 * Runs a key command on a store. The CLI calls it on the store it opened itself, a running
 * `start` on its own store for the CLI (see `withKeyAdmin`): one code path either way.
 */
export async function runKeyCommand(store: Store, clock: Clock, request: KeyCommand): Promise<KeyCommandResult> {
  switch (request.command) {
    case 'create':
      try {
        const { secret, record } = await issueKeyOnAccount(store, clock, request.settings);
        return { outcome: 'created', id: record.id, prefix: `${record.prefix}…`, accountId: record.account_id, secret };
      } catch (error) {
        if (error instanceof InvalidKeySettingsError) return { outcome: 'invalid', problems: error.problems };
        if (error instanceof UnknownAccountError) return { outcome: 'no-account', accountId: error.accountId };
        throw error;
      }
    case 'list':
      return { outcome: 'listed', keys: await listKeySummaries(store, clock, request.accountId) };
    case 'revoke':
      return { outcome: (await revokeApiKey(store, clock, request.key)) ? 'revoked' : 'not-revoked', key: request.key };
  }
}

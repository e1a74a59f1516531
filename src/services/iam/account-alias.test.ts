// Account aliases (§6.3): one per account, replaced by a new one, and unique across every account Keycard holds.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../access/caller.js';
import { KIND } from './records.js';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';

const OTHER = '210987654321';
const THIRD = '333333333333';
const otherRoot: Caller = { kind: 'root', account: OTHER, accessKeyId: 'AKIAOTHEROTHEROTHER1' };

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.store.transaction(OTHER, (tx) => tx.insert({ account: OTHER, kind: KIND.account, id: OTHER, scope: '', name: OTHER, data: {} }));
  await h.state.catchUp();
});
afterEach(async () => {
  await h.close();
});

const aliases = async (caller?: Caller) => (await h.call('ListAccountAliases', {}, caller)).AccountAliases as string[];

describe('account aliases', () => {
  it('refuses an alias another account holds, and frees it when that account lets it go', async () => {
    await h.call('CreateAccountAlias', { AccountAlias: 'acme' });
    expect(await h.fail('CreateAccountAlias', { AccountAlias: 'acme' }, otherRoot)).toMatchObject({
      code: 'EntityAlreadyExists',
      message: 'The account alias acme already exists.',
    });
    expect(await aliases(otherRoot)).toEqual([]);
    // Creating the alias the account already has changes nothing.
    await h.call('CreateAccountAlias', { AccountAlias: 'acme' });
    expect(await aliases()).toEqual(['acme']);

    await h.call('DeleteAccountAlias', { AccountAlias: 'acme' });
    await h.call('CreateAccountAlias', { AccountAlias: 'acme' }, otherRoot);
    expect(await aliases(otherRoot)).toEqual(['acme']);
    expect(await aliases()).toEqual([]);
  });

  it('replaces an account\'s alias with a new one and releases the old one', async () => {
    await h.call('CreateAccountAlias', { AccountAlias: 'first' });
    await h.call('CreateAccountAlias', { AccountAlias: 'second' });
    expect(await aliases()).toEqual(['second']);
    await h.call('CreateAccountAlias', { AccountAlias: 'first' }, otherRoot);
    expect(await aliases(otherRoot)).toEqual(['first']);
    expect((await h.fail('CreateAccountAlias', { AccountAlias: 'second' }, otherRoot)).code).toBe('EntityAlreadyExists');
  });

  it('leaves another account\'s claim alone when an alias set before claims were kept is let go', async () => {
    // Account ACCOUNT's alias from before claims: in its record, with no claim.
    await h.store.transaction(ACCOUNT, (tx) => tx.update(KIND.account, ACCOUNT, { data: { alias: 'legacy' } }));
    await h.state.catchUp();
    await h.call('CreateAccountAlias', { AccountAlias: 'legacy' }, otherRoot); // nothing stopped it: no claim existed
    await h.call('DeleteAccountAlias', { AccountAlias: 'legacy' });
    expect(await aliases()).toEqual([]);
    const third: Caller = { kind: 'root', account: THIRD, accessKeyId: 'AKIATHIRDTHIRDTHIRD1' };
    await h.store.transaction(THIRD, (tx) => tx.insert({ account: THIRD, kind: KIND.account, id: THIRD, scope: '', name: THIRD, data: {} }));
    await h.state.catchUp();
    expect((await h.fail('CreateAccountAlias', { AccountAlias: 'legacy' }, third)).code).toBe('EntityAlreadyExists');
    expect(await aliases(otherRoot)).toEqual(['legacy']);
  });

  it('claims an alias set before claims were kept when the account creates it again', async () => {
    await h.store.transaction(ACCOUNT, (tx) => tx.update(KIND.account, ACCOUNT, { data: { alias: 'older' } }));
    await h.state.catchUp();
    await h.call('CreateAccountAlias', { AccountAlias: 'older' });
    expect((await h.fail('CreateAccountAlias', { AccountAlias: 'older' }, otherRoot)).code).toBe('EntityAlreadyExists');
  });

  it('lets only one of two accounts racing for the same alias have it', async () => {
    const results = await Promise.allSettled([
      h.call('CreateAccountAlias', { AccountAlias: 'contested' }),
      h.call('CreateAccountAlias', { AccountAlias: 'contested' }, otherRoot),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect([...(await aliases()), ...(await aliases(otherRoot))]).toEqual(['contested']);
  });
});

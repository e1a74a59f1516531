// Test support: a real IAM service over an in-memory SQLite store, with a caller of the test's choosing,
// so operation tests exercise the same code paths as the server (no mocks).

import { randomBytes } from 'node:crypto';
import { AwsError, SecretBox } from '../../../domain/index.js';
import { Snapshot } from '../../../state/index.js';
import { openStore, type Store } from '../../../store/index.js';
import { KeyRing } from '../../../sts/index.js';
import type { Caller } from '../../access/caller.js';
import { Authorizer, type RequestFacts } from '../authorizer.js';
import type { IamContext } from '../context.js';
import { STS_OPERATIONS } from '../../sts/index.js';
import { IAM_OPERATIONS } from '../index.js';
import { ManagedCatalogue } from '../managed-catalogue.js';
import { KIND } from '../records.js';

export const ACCOUNT = '123456789012';

/** A one-statement identity policy allowing the action(s) on the resource, as JSON text. */
export const allow = (action: string | string[], resource = '*'): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

export interface Harness {
  readonly store: Store;
  readonly state: Snapshot;
  /** Opens the session tokens STS operations issue (tests turn them into callers). */
  readonly keyRing: KeyRing;
  /** Runs an operation as the caller (root unless given) and returns its output. */
  call(operation: string, input?: Record<string, unknown>, caller?: Caller): Promise<Record<string, unknown>>;
  /** Runs an operation expecting an AWS error; returns it. */
  fail(operation: string, input?: Record<string, unknown>, caller?: Caller): Promise<AwsError>;
  /** A caller for an existing user, as the server would resolve it. */
  userCaller(userName: string): Caller;
  /** Moves the node: the URL operations see from now on (HARNESS_URL until then). */
  setPublicUrl(url: string): void;
  close(): Promise<void>;
}

const ROOT: Caller = { kind: 'root', account: ACCOUNT, accessKeyId: 'AKIAROOTROOTROOTROOT' };

/** The node URL operations see (issuer URLs start with it); nothing listens there. */
export const HARNESS_URL = 'http://127.0.0.1:4590';

export const createHarness = async (): Promise<Harness> => {
  const store = await openStore(':memory:');
  await store.migrate();
  await store.transaction(ACCOUNT, (tx) => tx.insert({ account: ACCOUNT, kind: KIND.account, id: ACCOUNT, scope: '', name: ACCOUNT, data: {} }));
  const state = new Snapshot(store);
  await state.load();
  const secrets = new SecretBox(randomBytes(32));
  const catalogue = new ManagedCatalogue();
  const keyRing = new KeyRing(store, state, secrets, { rotationMs: 86_400_000 });
  const authorizer = new Authorizer(state, catalogue, 'on', () => undefined, secrets);
  const facts: RequestFacts = { sourceIp: '127.0.0.1', userAgent: 'test', isSecureTransport: false, region: 'us-east-1', now: new Date() };

  let publicUrl = HARNESS_URL;
  const context = (caller: Caller): IamContext => ({
    account: caller.account,
    caller,
    state,
    store,
    secrets,
    catalogue,
    keyRing,
    now: new Date(),
    region: 'us-east-1',
    publicUrl,
    authorize: (check) => authorizer.authorize(caller, facts, check),
    write: async (fn) => {
      const result = await store.transaction(caller.account, fn);
      await state.catchUp();
      return result;
    },
  });

  const call = async (operation: string, input: Record<string, unknown> = {}, caller: Caller = ROOT) => {
    const handler = IAM_OPERATIONS[operation] ?? STS_OPERATIONS[operation];
    if (handler === undefined) throw new Error(`no such operation ${operation}`);
    return (await handler(context(caller), input)) ?? {};
  };

  return {
    store,
    state,
    keyRing,
    call,
    fail: async (operation, input, caller) => {
      try {
        await call(operation, input, caller);
      } catch (error) {
        if (error instanceof AwsError) return error;
        throw error;
      }
      throw new Error(`${operation} succeeded but an AWS error was expected`);
    },
    setPublicUrl: (url) => {
      publicUrl = url;
    },
    userCaller: (userName) => {
      const user = state.byName(ACCOUNT, KIND.user, '', userName);
      if (user === undefined) throw new Error(`no user ${userName}`);
      return {
        kind: 'user',
        account: ACCOUNT,
        accessKeyId: 'AKIATESTTESTTESTTEST',
        userId: user.id,
        userName: user.name,
        arn: (user.data as { arn: string }).arn,
      };
    },
    close: () => store.close(),
  };
};

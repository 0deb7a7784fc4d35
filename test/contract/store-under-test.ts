import { afterEach, beforeEach, expect } from 'vitest';
import { DuplicateError, type NewUser, type Store } from '../../src/domain/store.ts';

/** A clock the suite moves by hand, so that expiry is tested without waiting. */
export interface ControlledClock {
  readonly now: () => Date;
  advance(milliseconds: number): void;
}

/**
 * Starts at the real time and only moves forward: a store that also expires by real time (MongoDB's TTL monitor)
 * then never removes a document before the controlled clock says it expired.
 */
export function controlledClock(): ControlledClock {
  let current = Date.now();
  return {
    now: () => new Date(current),
    advance(milliseconds) {
      current += milliseconds;
    },
  };
}

export interface StoreUnderTest {
  readonly store: Store;
  /** Closes the store and removes whatever the test left in it. */
  dispose(): Promise<void>;
}

/** Makes an empty store whose timestamps and expiry follow `clock`. */
export type StoreFactory = (clock: () => Date) => Promise<StoreUnderTest>;

export interface Fresh {
  readonly store: Store;
  readonly clock: ControlledClock;
}

/** A new empty store and clock for every test of the calling describe block. */
export function freshStore(factory: StoreFactory): Fresh {
  let current: { underTest: StoreUnderTest; clock: ControlledClock } | undefined;
  beforeEach(async () => {
    const clock = controlledClock();
    current = { underTest: await factory(clock.now), clock };
  });
  afterEach(async () => {
    await current?.underTest.dispose();
    current = undefined;
  });
  const active = (): { underTest: StoreUnderTest; clock: ControlledClock } => {
    if (current === undefined) throw new Error('the store exists only inside a test');
    return current;
  };
  return {
    get store() {
      return active().underTest.store;
    },
    get clock() {
      return active().clock;
    },
  };
}

let serial = 0;

/** Distinct 12-digit numbers (IIN, BIN shaped) so that tests never collide by accident. */
export function uniqueNumber(): string {
  serial += 1;
  return String(900000000000 + serial * 7919);
}

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const iin = uniqueNumber();
  return {
    email: `user${iin}@example.kz`,
    emailConfirmedAt: null,
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    iin,
    surname: 'Сейткали',
    givenName: 'Айгерим',
    patronymic: null,
    phone: null,
    locale: 'ru',
    lockedUntil: null,
    unconfirmedUntil: null,
    ...overrides,
  };
}

/** Runs `count` calls at once, so that an implementation that is not atomic shows it. */
export function concurrently<T>(count: number, call: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => call(index)));
}

/** The field a write was refused for; fails the test unless it was refused with a DuplicateError. */
export async function duplicateField(write: Promise<unknown>): Promise<string> {
  const error = await write.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(DuplicateError);
  return (error as DuplicateError).field;
}

import { LruCache } from '../../pki/lru.ts';

export type Payload = Record<string, unknown>;

/**
 * The keys of a payload, in order, with the positions whose value is kept as JSON text (objects and arrays). oidc-provider
 * writes few distinct key lists, so each is kept once and every payload of its kind points to it.
 */
interface Shape {
  readonly keys: readonly string[];
  readonly json: readonly boolean[];
}

/**
 * A payload as its shape and its values. The tokens of one grant repeat its account, grant, session, client, scope and
 * their nested objects, so these values are shared between payloads, and the payload's own id (its jti) is not kept
 * twice. A stored token takes about half the memory of its JSON text this way.
 */
export interface CompactPayload {
  readonly shape: Shape;
  readonly values: readonly unknown[];
}

/** Stands for the payload's id among the values. */
const ID = Symbol('the id');

/** The values seen lately, each kept once; bounded, so a value nobody repeats is merely not shared. */
function sharedValues(limit: number): (value: string) => string {
  const seen = new LruCache<string, string>(limit);
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}

/** One table for the process: the memory stores of one process share their tokens' values. */
export const sharedString = sharedValues(4096);

const shapes = new LruCache<string, Shape>(256);

function shapeOf(keys: readonly string[], json: readonly boolean[]): Shape {
  const signature = keys.map((key, at) => (json[at] ? `{${key}` : key)).join('\u0000');
  let shape = shapes.get(signature);
  if (!shape) shapes.set(signature, (shape = { keys, json }));
  return shape;
}

/** As JSON.stringify would keep it: undefined and functions dropped, numbers that are not finite as null. */
export function compactPayload(id: string, payload: Payload): CompactPayload {
  const keys: string[] = [];
  const json: boolean[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    keys.push(key);
    const nested = value !== null && typeof value === 'object';
    json.push(nested);
    if (key === 'jti' && value === id) values.push(ID);
    else if (nested) values.push(sharedString(JSON.stringify(value)));
    else if (typeof value === 'string') values.push(sharedString(value));
    else if (typeof value === 'number' && !Number.isFinite(value)) values.push(null);
    else if (typeof value === 'bigint') throw new TypeError(`a BigInt in the payload (${key}) has no JSON form`);
    else values.push(value);
  }
  return { shape: shapeOf(keys, json), values };
}

/** A new object each time: oidc-provider may change what it was given. */
export function expandPayload(id: string, { shape, values }: CompactPayload): Payload {
  const payload: Payload = {};
  for (let at = 0; at < values.length; at++) {
    const value = values[at];
    payload[shape.keys[at]!] = value === ID ? id : shape.json[at] ? JSON.parse(value as string) : value;
  }
  return payload;
}

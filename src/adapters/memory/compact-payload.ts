export type Payload = Record<string, unknown>;

/**
 * A model and the keys of its payloads, in order, with the positions whose value is kept as JSON text (objects and
 * arrays). oidc-provider writes few distinct key lists, so each is kept once and every payload of its kind points to it.
 */
interface Shape {
  readonly model: string;
  readonly keys: readonly string[];
  readonly json: readonly boolean[];
  /** Where each key's value is, for the fields the store looks entries up by. */
  readonly positions: ReadonlyMap<string, number>;
}

/**
 * A payload as one array: its shape, then its values. The tokens of one grant repeat its account, grant, session,
 * client, scope and their nested objects, so these values are shared between payloads, and the payload's own id (its
 * jti) is not kept twice. A stored token takes about half the memory of its JSON text this way.
 */
export type CompactPayload = readonly unknown[];

/** Stands for the payload's id among the values. */
const ID = Symbol('the id');

/**
 * What was made for each key lately, made once. Bounded: a full table starts afresh, so a key nobody repeats merely
 * gets its own value. Not an LRU: every payload looks up its shape and each of its values, and a hit that reorders
 * costs two more lookups.
 */
function interned<V>(limit: number): (key: string, make: (key: string) => V) => V {
  let table = new Map<string, V>();
  return (key, make) => {
    let value = table.get(key);
    if (value === undefined) {
      if (table.size >= limit) table = new Map();
      table.set(key, (value = make(key)));
    }
    return value;
  };
}

/** One table for the process: the memory stores of one process share their tokens' values. */
const strings = interned<string>(4096);
const itself = (value: string): string => value;
const sharedString = (value: string): string => strings(value, itself);

const shapes = interned<Shape>(256);

function shapeOf(model: string, keys: readonly string[], json: readonly boolean[]): Shape {
  const signature = [model, ...keys.map((key, at) => (json[at] ? `{${key}` : key))].join('\u0000');
  return shapes(signature, () => ({ model, keys, json, positions: new Map(keys.map((key, at) => [key, at + 1])) }));
}

const shapeIn = (compact: CompactPayload): Shape => compact[0] as Shape;

/** As JSON.stringify would keep it: undefined and functions dropped, numbers that are not finite as null. */
export function compactPayload(model: string, id: string, payload: Payload): CompactPayload {
  const keys: string[] = [];
  const json: boolean[] = [];
  const compact: unknown[] = [undefined];
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    keys.push(key);
    const nested = value !== null && typeof value === 'object';
    json.push(nested);
    if (key === 'jti' && value === id) compact.push(ID);
    else if (nested) compact.push(sharedString(JSON.stringify(value)));
    else if (typeof value === 'string') compact.push(sharedString(value));
    else if (typeof value === 'number' && !Number.isFinite(value)) compact.push(null);
    else if (typeof value === 'bigint') throw new TypeError(`a BigInt in the payload (${key}) has no JSON form`);
    else compact.push(value);
  }
  compact[0] = shapeOf(model, keys, json);
  return compact;
}

/** A new object each time: oidc-provider may change what it was given. */
export function expandPayload(id: string, compact: CompactPayload): Payload {
  const { keys, json } = shapeIn(compact);
  const payload: Payload = {};
  for (let at = 0; at < keys.length; at++) {
    const value = compact[at + 1];
    payload[keys[at]!] = value === ID ? id : json[at] ? JSON.parse(value as string) : value;
  }
  return payload;
}

export const modelOf = (compact: CompactPayload): string => shapeIn(compact).model;

/** A top-level string, number, boolean or null the payload holds under `key` (not the id: it is the entry's key). */
export function fieldOf(compact: CompactPayload, key: string): unknown {
  const shape = shapeIn(compact);
  const at = shape.positions.get(key);
  return at === undefined || shape.json[at - 1] ? undefined : compact[at];
}

/** The store's notion of now; tests pass a controllable one to make expiry deterministic. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

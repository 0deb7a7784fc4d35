import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * JSON lines on stdout, ISO timestamps: what log collectors parse without configuration. Written synchronously, so
 * lines keep their order and the last ones survive the exit after a shutdown.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'kilt' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}

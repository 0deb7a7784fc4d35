import mongoose from 'mongoose';
import type { Store } from '../../domain/store.ts';
import { type Clock, systemClock } from '../store-shared/clock.ts';
import { mongoAccountSessions } from './account-sessions.ts';
import { mongoAgreements } from './agreements.ts';
import { mongoAudit } from './audit.ts';
import { mongoChallenges } from './challenges.ts';
import { mongoClients } from './clients.ts';
import { mongoKeys } from './keys.ts';
import { agreementAcceptanceModel } from './models/agreement-acceptance.ts';
import { agreementVersionModel } from './models/agreement-version.ts';
import { auditEventModel } from './models/audit-event.ts';
import { challengeModel } from './models/challenge.ts';
import { clientModel } from './models/client.ts';
import { keySetModel } from './models/key-set.ts';
import { oidcPayloadModel } from './models/oidc-payload.ts';
import { organizationModel } from './models/organization.ts';
import { participantModel } from './models/participant.ts';
import { profileSelectionModel } from './models/profile-selection.ts';
import { registrationModel } from './models/registration.ts';
import { userModel } from './models/user.ts';
import { mongoEndSessions, mongoOidcAdapter } from './oidc-adapter.ts';
import { oneTimeTokenModel } from './models/one-time-token.ts';
import { mongoOneTimeTokens } from './one-time-tokens.ts';
import { mongoOrganizations } from './organizations.ts';
import { mongoParticipants } from './participants.ts';
import { mongoProfileSelections } from './profile-selections.ts';
import { createRateLimitIndexes, mongoRateLimiters } from './rate-limiter.ts';
import { mongoRegistrations } from './registrations.ts';
import { mongoUsers } from './users.ts';

export interface MongoStoreOptions {
  /** Timestamps and the expiry of oidc payloads follow this clock; MongoDB's TTL monitor runs on the server's. */
  readonly clock?: Clock;
  /** The database to use instead of the one named in the URI. */
  readonly dbName?: string;
  /** How long to look for a server before an operation (and the connect itself) fails; 10 s unless given. */
  readonly serverSelectionTimeoutMS?: number;
}

/**
 * Connects to the database named in `uri` (or `dbName`) and creates the indexes the store's guarantees rest on (unique, TTL,
 * lookup) before anything is read or written. createIndexes only adds what is missing and never drops an index,
 * so an operator's own indexes survive; changing an existing index's options needs a migration.
 */
export async function connectMongoStore(uri: string, options: MongoStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const connection = await mongoose
    .createConnection(uri, {
      ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
      // Operations fail at once when the server is gone instead of queueing silently.
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      // oidc-provider payloads carry undefined properties; stored as null they would come back as a different payload.
      ignoreUndefined: true,
    })
    .asPromise();

  try {
    const models = {
      users: userModel(connection),
      organizations: organizationModel(connection),
      participants: participantModel(connection),
      agreementVersions: agreementVersionModel(connection),
      agreementAcceptances: agreementAcceptanceModel(connection),
      challenges: challengeModel(connection),
      auditEvents: auditEventModel(connection),
      clients: clientModel(connection),
      keySets: keySetModel(connection),
      oidcPayloads: oidcPayloadModel(connection),
      profileSelections: profileSelectionModel(connection),
      oneTimeTokens: oneTimeTokenModel(connection),
      registrations: registrationModel(connection),
    };
    await Promise.all(Object.values(models).map((model) => model.createIndexes()));
    await createRateLimitIndexes(connection);

    return {
      kind: 'mongodb',
      users: mongoUsers(models.users, clock),
      organizations: mongoOrganizations(models.organizations, clock),
      participants: mongoParticipants(models.participants, clock),
      agreements: mongoAgreements(models.agreementVersions, models.agreementAcceptances),
      challenges: mongoChallenges(models.challenges),
      audit: mongoAudit(models.auditEvents),
      clients: mongoClients(models.clients),
      keys: mongoKeys(models.keySets),
      profileSelections: mongoProfileSelections(models.profileSelections, clock),
      oneTimeTokens: mongoOneTimeTokens(models.oneTimeTokens),
      registrations: mongoRegistrations(models.registrations, clock),
      endSessions: mongoEndSessions(models.oidcPayloads),
      ...mongoAccountSessions(models.oidcPayloads, clock),
      oidcAdapter: mongoOidcAdapter(models.oidcPayloads, clock),
      rateLimiter: mongoRateLimiters(connection),
      async ping() {
        await connection.getClient().db(connection.name).command({ ping: 1 });
      },
      async close() {
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

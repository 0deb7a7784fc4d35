import type { Model } from 'mongoose';
import type { AgreementAcceptance, AgreementRepository, AgreementVersion } from '../../domain/store.ts';
import { violatedIndex } from './duplicate-key.ts';
import type { AgreementAcceptanceDocument } from './models/agreement-acceptance.ts';
import { AGREEMENT_VERSION_INDEX, type AgreementVersionDocument } from './models/agreement-version.ts';

/** Each lost race means another version was published, so this bounds the number of simultaneous publishers. */
const PUBLISH_ATTEMPTS = 100;

const toVersion = (document: AgreementVersionDocument): AgreementVersion => ({
  version: document.version,
  texts: { ru: document.texts.ru, kk: document.texts.kk, en: document.texts.en },
  publishedAt: document.publishedAt,
});

const toAcceptance = (document: AgreementAcceptanceDocument): AgreementAcceptance => ({
  userId: document.userId,
  version: document.version,
  method: document.method,
  acceptedAt: document.acceptedAt,
  evidence: document.evidence,
});

export function mongoAgreements(versions: Model<AgreementVersionDocument>, acceptances: Model<AgreementAcceptanceDocument>): AgreementRepository {
  const latest = async (): Promise<AgreementVersionDocument | null> => versions.findOne().sort({ version: -1 }).lean<AgreementVersionDocument>();
  const latestVersion = async (): Promise<number | null> =>
    (await versions.findOne({}, { version: 1, _id: 0 }).sort({ version: -1 }).lean<Pick<AgreementVersionDocument, 'version'>>())?.version ?? null;

  return {
    /**
     * Claims latest + 1 by inserting it under the unique version index; a publisher that loses the race reads the
     * new latest and tries the next number. Versions stay gapless, which a counter incremented before the insert
     * would not guarantee if the process died between the two writes.
     */
    async publish(texts, at) {
      for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt += 1) {
        const version = ((await latestVersion()) ?? 0) + 1;
        try {
          const created = await versions.create({ version, texts: { ru: texts.ru, kk: texts.kk, en: texts.en }, publishedAt: at });
          return toVersion(created.toObject());
        } catch (error) {
          if (violatedIndex(error) !== AGREEMENT_VERSION_INDEX) throw error;
        }
      }
      throw new Error(`agreement version not published: lost ${PUBLISH_ATTEMPTS} races to concurrent publishers`);
    },

    async latest() {
      const document = await latest();
      return document ? toVersion(document) : null;
    },

    latestVersion,

    async recordAcceptance(acceptance) {
      await acceptances.create({ ...acceptance });
    },

    async acceptedVersion(userId) {
      const highest = await acceptances.findOne({ userId }).sort({ version: -1 }).lean<AgreementAcceptanceDocument>();
      return highest?.version ?? null;
    },

    /** Oldest first by acceptedAt; acceptances of the same instant in the order they were recorded. */
    async history(userId) {
      const documents = await acceptances.find({ userId }).sort({ acceptedAt: 1, _id: 1 }).lean<AgreementAcceptanceDocument[]>();
      return documents.map(toAcceptance);
    },
  };
}

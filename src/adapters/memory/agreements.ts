import type { AgreementAcceptance, AgreementRepository, AgreementVersion } from '../../domain/store.ts';

export function memoryAgreements(): AgreementRepository {
  const versions: AgreementVersion[] = [];
  const acceptances: AgreementAcceptance[] = [];
  /** Each user's highest accepted version: every sign-in asks, and the acceptances of everyone only grow. */
  const highestAccepted = new Map<string, number>();

  return {
    // No await between reading the length and pushing: concurrent publishers cannot interleave.
    async publish(texts, at) {
      const version: AgreementVersion = { version: versions.length + 1, texts: structuredClone(texts), publishedAt: new Date(at) };
      versions.push(version);
      return structuredClone(version);
    },

    async latest() {
      const last = versions.at(-1);
      return last ? structuredClone(last) : null;
    },

    async latestVersion() {
      return versions.at(-1)?.version ?? null;
    },

    async recordAcceptance(acceptance) {
      acceptances.push(structuredClone(acceptance));
      highestAccepted.set(acceptance.userId, Math.max(acceptance.version, highestAccepted.get(acceptance.userId) ?? 0));
    },

    async acceptedVersion(userId) {
      return highestAccepted.get(userId) ?? null;
    },

    /** Oldest first by acceptedAt; acceptances of the same instant stay in the order they were recorded. */
    async history(userId) {
      return acceptances
        .filter((acceptance) => acceptance.userId === userId)
        .sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime())
        .map((acceptance) => structuredClone(acceptance));
    },
  };
}

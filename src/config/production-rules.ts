type Env = Readonly<Record<string, string | undefined>>;

interface Rule {
  readonly name: string;
  readonly satisfied: (value: string | undefined) => boolean;
  readonly message: string;
}

const present = (value: string | undefined) => Boolean(value?.trim());

/** What a production instance cannot do without (DESIGN.md, Running it); checked on the raw environment. */
const RULES: readonly Rule[] = [
  { name: 'MONGODB_URI', satisfied: present, message: 'required in production: MongoDB is the only store a production instance uses' },
  { name: 'KILT_ISSUER', satisfied: (value) => Boolean(value?.startsWith('https://')), message: 'required in production, an https:// URL' },
  { name: 'KILT_TRUST_DIR', satisfied: present, message: 'required in production: the folder of the NCA RK root and intermediate certificates' },
  { name: 'KILT_PKI_MODE', satisfied: (value) => value === 'production', message: 'must be "production" in production (the NCA RK TEST roots are for test mode only)' },
  { name: 'KILT_PAIRWISE_SALT', satisfied: present, message: 'required in production: a secret of at least 32 characters that never changes (pairwise subjects derive from it)' },
  { name: 'SMTP_URL', satisfied: present, message: 'required in production: registration and password-reset letters go out through this SMTP server' },
  { name: 'MAIL_FROM', satisfied: present, message: 'required in production: the sender of every letter, e.g. Kilt <no-reply@kilt.kz>' },
  { name: 'KILT_REVOCATION', satisfied: (value) => value !== 'off', message: 'must not be "off" in production: revocation is checked and fails closed' },
];

/** Needed only when registration asks for a phone. */
const PHONE_RULES: readonly Rule[] = [
  { name: 'TWILIO_ACCOUNT_SID', satisfied: present, message: 'required in production with KILT_REGISTRATION_PHONE=required: SMS codes go out through Twilio' },
  { name: 'TWILIO_AUTH_TOKEN', satisfied: present, message: 'required in production with KILT_REGISTRATION_PHONE=required' },
];

export function productionProblems(env: Env): string[] {
  const rules = env['KILT_REGISTRATION_PHONE'] === 'required' ? [...RULES, ...PHONE_RULES] : RULES;
  return rules.filter((rule) => !rule.satisfied(env[rule.name])).map((rule) => `${rule.name}: ${rule.message}`);
}
